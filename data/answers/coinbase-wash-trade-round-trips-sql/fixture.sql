CREATE TABLE accounts (account_id BIGINT, owner_id BIGINT);
INSERT INTO accounts VALUES (1, 100), (2, 100), (3, 200), (4, 300), (5, 400), (6, 500);

CREATE TABLE fills (fill_id BIGINT, product_id TEXT, buyer_account BIGINT, seller_account BIGINT,
  price NUMERIC(18, 8), size NUMERIC(18, 8), executed_ms BIGINT);
INSERT INTO fills VALUES
 -- accounts 1 and 2 share an owner: self-trades, and two round trips
 (1, 'BTC-USD', 1, 2, 60000, 0.5, 0),
 (2, 'BTC-USD', 2, 1, 60010, 0.5, 30000),
 (3, 'BTC-USD', 1, 2, 60005, 0.5, 50000),
 -- accounts 3 and 4: a return leg exactly 60 s later (counts), and one 70 s later (does not)
 (4, 'BTC-USD', 3, 4, 60000, 1.0, 100000),
 (5, 'BTC-USD', 4, 3, 60300, 1.05, 160000),
 (6, 'BTC-USD', 3, 4, 60100, 1.0, 200000),
 (7, 'BTC-USD', 4, 3, 60100, 1.0, 270000),
 -- accounts 5 and 6: the size, the product or the price does not match
 (8, 'BTC-USD', 5, 6, 60000, 2.0, 300000),
 (9, 'BTC-USD', 6, 5, 60000, 1.0, 310000),
 (10, 'ETH-USD', 6, 5, 3000, 2.0, 320000),
 (11, 'BTC-USD', 6, 5, 61200, 2.0, 330000),
 -- accounts 3 and 5: a single round trip, below the threshold
 (12, 'BTC-USD', 3, 5, 60000, 0.1, 400000),
 (13, 'BTC-USD', 5, 3, 60000, 0.1, 410000),
 -- accounts 4 and 6: two fills in the same millisecond, ordered by fill_id
 (14, 'ETH-USD', 4, 6, 3000, 3.0, 500000),
 (15, 'ETH-USD', 6, 4, 3001, 3.0, 500000),
 (16, 'ETH-USD', 4, 6, 3000, 3.0, 520000);
