CREATE TABLE quotes (venue TEXT, symbol TEXT, quote_ms BIGINT, bid NUMERIC(12, 4), ask NUMERIC(12, 4));
INSERT INTO quotes VALUES
 -- XYZ on three venues; venue A withdraws its quote at 3000
 ('A', 'XYZ', 1000, 10.00, 10.05),
 ('B', 'XYZ', 1000, 10.01, 10.06),
 ('C', 'XYZ', 2000, 9.99, 10.03),
 ('A', 'XYZ', 3000, NULL, NULL),
 ('B', 'XYZ', 4000, 10.02, 10.04),
 ('C', 'XYZ', 5000, 10.05, 10.08),   -- crosses B's ask
 ('B', 'XYZ', 6000, 10.03, 10.06),
 -- ABC on one venue: a refresh that changes nothing, then the only quote is withdrawn
 ('A', 'ABC', 1500, 50.00, 50.10),
 ('A', 'ABC', 2500, 50.00, 50.10),
 ('A', 'ABC', 3500, NULL, NULL);

CREATE TABLE fills (fill_id BIGINT, symbol TEXT, side TEXT, qty NUMERIC(18, 6),
  fill_price NUMERIC(12, 4), fill_ms BIGINT);
INSERT INTO fills VALUES
 (1, 'XYZ', 'buy', 100, 10.02, 2500),
 (2, 'XYZ', 'sell', 50, 10.02, 4000),   -- same millisecond as a quote update
 (3, 'XYZ', 'buy', 0.5, 10.05, 6500),   -- a fractional share
 (4, 'XYZ', 'sell', 10, 10.00, 1200),   -- worse than the bid
 (5, 'XYZ', 'buy', 5, 10.04, 500),      -- before any quote
 (6, 'ABC', 'buy', 1, 50.05, 4000);     -- no quote in force
