CREATE TABLE orders (order_id INTEGER, shop_id INTEGER, customer_id INTEGER, created_at TEXT, total_price REAL,
  cancelled_at TEXT);
INSERT INTO orders VALUES
 (1, 1, 100, '2025-12-05 10:00:00', 20.0, NULL),   -- bought before 2026
 (2, 1, 100, '2026-01-10 10:00:00', 20.0, NULL),   -- so returning in January
 (3, 1, 100, '2026-01-20 10:00:00', 20.0, NULL),   -- twice in a month counts once
 (4, 1, 101, '2026-01-15 10:00:00', 20.0, NULL),   -- new in January
 (5, 1, 101, '2026-02-01 10:00:00', 20.0, NULL),   -- returning in February
 (6, 1, 102, '2026-02-03 10:00:00', 20.0, '2026-02-03 11:00:00'),  -- cancelled
 (7, 1, 102, '2026-03-01 10:00:00', 20.0, NULL),   -- so new in March
 (8, 1, NULL, '2026-01-05 10:00:00', 20.0, NULL),  -- a guest checkout
 (9, 2, 100, '2026-02-10 10:00:00', 20.0, NULL);   -- the same customer id is new at another shop
