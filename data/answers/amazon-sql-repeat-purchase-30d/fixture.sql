CREATE TABLE orders (order_id INTEGER, customer_id INTEGER, order_ts TEXT, status TEXT, total_amount REAL);
INSERT INTO orders VALUES
 (1, 1, '2026-10-05 10:00:00', 'completed', 20.0),  -- repeats after 15 days
 (2, 1, '2026-10-20 10:00:00', 'completed', 35.0),
 (3, 2, '2026-10-10 10:00:00', 'completed', 20.0),  -- cancelled order ignored; next real one after 36 days
 (4, 2, '2026-10-12 10:00:00', 'cancelled', 20.0),
 (5, 2, '2026-11-15 10:00:00', 'completed', 20.0),
 (6, 3, '2026-09-20 10:00:00', 'cancelled', 20.0),  -- first real order on 31 October; repeat exactly 30 days later
 (7, 3, '2026-10-31 23:00:00', 'completed', 20.0),
 (8, 3, '2026-11-30 23:00:00', 'completed', 20.0),
 (9, 4, '2026-09-01 10:00:00', 'completed', 20.0),  -- first order in September: not a new October customer
 (10, 4, '2026-10-03 10:00:00', 'completed', 20.0),
 (11, 5, '2026-10-02 10:00:00', 'returned', 20.0),  -- returned still counts as an order; no repeat
 (12, 6, '2026-10-04 10:00:00', 'cancelled', 20.0); -- only cancelled orders
