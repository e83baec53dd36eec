CREATE TABLE subscriptions_monthly (
  customer_id INTEGER,
  product     TEXT,
  month_start DATE,      -- first day of the month the subscription was billed for
  mrr_cents   INTEGER
);
CREATE TABLE months (month_start DATE PRIMARY KEY, prev_month_start DATE NOT NULL);
INSERT INTO months VALUES ('2026-02-01', '2026-01-01'), ('2026-03-01', '2026-02-01'), ('2026-04-01', '2026-03-01');
INSERT INTO subscriptions_monthly VALUES
 -- 1: flat all year
 (1, 'Photoshop', '2026-01-01', 2299), (1, 'Photoshop', '2026-02-01', 2299),
 (1, 'Photoshop', '2026-03-01', 2299), (1, 'Photoshop', '2026-04-01', 2299),
 -- 2: single app to All Apps in February: expansion, not churn plus new
 (2, 'Photoshop', '2026-01-01', 2299), (2, 'All Apps', '2026-02-01', 5999),
 (2, 'All Apps', '2026-03-01', 5999), (2, 'All Apps', '2026-04-01', 5999),
 -- 3: churns in March, comes back in April
 (3, 'Acrobat Pro', '2026-01-01', 1999), (3, 'Acrobat Pro', '2026-02-01', 1999),
 (3, 'Acrobat Pro', '2026-04-01', 1999),
 -- 4: new in March
 (4, 'Illustrator', '2026-03-01', 2299), (4, 'Illustrator', '2026-04-01', 2299),
 -- 5: All Apps down to Photoshop in March, adds Acrobat in April
 (5, 'All Apps', '2026-01-01', 5999), (5, 'All Apps', '2026-02-01', 5999),
 (5, 'Photoshop', '2026-03-01', 2299), (5, 'Photoshop', '2026-04-01', 2299),
 (5, 'Acrobat Pro', '2026-04-01', 1999),
 -- 6: two products, drops one in February, churns in March
 (6, 'Photoshop', '2026-01-01', 2299), (6, 'Lightroom', '2026-01-01', 999),
 (6, 'Photoshop', '2026-02-01', 2299),
 -- 7: one month of Express in February
 (7, 'Express', '2026-02-01', 999),
 -- 8: churns in February
 (8, 'Premiere Pro', '2026-01-01', 2299),
 -- 9: paid last October, back in April: a reactivation, not a new customer
 (9, 'Photoshop', '2025-10-01', 2299), (9, 'Photoshop', '2026-04-01', 2299),
 -- 10: a free trial month (0 cents) before the first payment: new in March
 (10, 'Photoshop', '2026-02-01', 0), (10, 'Photoshop', '2026-03-01', 2299),
 (10, 'Photoshop', '2026-04-01', 2299);
