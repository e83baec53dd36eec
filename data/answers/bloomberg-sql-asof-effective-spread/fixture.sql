CREATE TABLE quotes (quote_id BIGINT, symbol TEXT, ts_ms BIGINT, bid NUMERIC, ask NUMERIC);
CREATE TABLE trades (trade_id BIGINT, symbol TEXT, ts_ms BIGINT, price NUMERIC, qty BIGINT);
INSERT INTO quotes VALUES
  (1, 'IBM', 1000, 100.00, 100.10),
  (2, 'IBM', 3000, 100.05, 100.15),
  (3, 'IBM', 3000, 100.06, 100.14),
  (4, 'IBM', 5000, 100.20, 100.20),
  (5, 'IBM', 6000, 100.30, 100.25),
  (6, 'AAPL', 2000, 180.00, 180.20),
  (7, 'AAPL', 9000, NULL, 180.50);
INSERT INTO trades VALUES
  (101, 'IBM', 500, 100.05, 100),
  (102, 'IBM', 1000, 100.10, 200),
  (103, 'IBM', 3000, 100.14, 300),
  (104, 'IBM', 6500, 100.12, 100),
  (105, 'IBM', 8000, 100.10, 100),
  (106, 'IBM', 8001, 100.10, 100),
  (201, 'AAPL', 2500, 180.15, 50),
  (202, 'AAPL', 9500, 180.00, 50),
  (301, 'ZZZ', 1000, 10.00, 10);
