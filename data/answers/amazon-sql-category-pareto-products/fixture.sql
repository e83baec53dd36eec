CREATE TABLE products (product_id INTEGER, category TEXT, title TEXT);
CREATE TABLE orders (order_id INTEGER, order_ts TEXT, status TEXT);
CREATE TABLE order_items (order_id INTEGER, product_id INTEGER, quantity INTEGER, unit_price REAL);
INSERT INTO orders VALUES (1, '2026-07-15 10:00:00', 'completed'), (2, '2026-09-30 23:59:00', 'completed'),
  (3, '2026-08-01 10:00:00', 'cancelled'), (4, '2026-10-01 00:00:00', 'completed'), (5, '2026-06-30 23:00:00', 'completed');
-- Category A: revenues 50, 30, 15, 5; the top two reach exactly 80%.
INSERT INTO products VALUES (1, 'A', 'a1'), (2, 'A', 'a2'), (3, 'A', 'a3'), (4, 'A', 'a4');
INSERT INTO order_items VALUES (1, 1, 5, 10.0), (2, 2, 3, 10.0), (1, 3, 1, 15.0), (2, 4, 1, 5.0);
-- Sales that must not count: a cancelled order and orders outside the quarter.
INSERT INTO order_items VALUES (3, 4, 100, 10.0), (4, 3, 100, 10.0), (5, 4, 100, 10.0);
-- Category B: one product.
INSERT INTO products VALUES (10, 'B', 'b1');
INSERT INTO order_items VALUES (1, 10, 1, 100.0);
-- Category C: ten equal products; eight are needed.
INSERT INTO products VALUES (21, 'C', 'c'), (22, 'C', 'c'), (23, 'C', 'c'), (24, 'C', 'c'), (25, 'C', 'c'),
  (26, 'C', 'c'), (27, 'C', 'c'), (28, 'C', 'c'), (29, 'C', 'c'), (30, 'C', 'c');
INSERT INTO order_items VALUES (1, 21, 1, 10.0), (1, 22, 1, 10.0), (1, 23, 1, 10.0), (1, 24, 1, 10.0), (1, 25, 1, 10.0),
  (2, 26, 1, 10.0), (2, 27, 1, 10.0), (2, 28, 1, 10.0), (2, 29, 1, 10.0), (2, 30, 1, 10.0);
-- A product with no sales in the quarter does not count as sold.
INSERT INTO products VALUES (40, 'A', 'never sold');
