CREATE TABLE merchant_onboarding_events (merchant_id INTEGER, event_name TEXT, event_ts TEXT);
CREATE TABLE merchants (merchant_id INTEGER, signup_channel TEXT, cuisine TEXT);
CREATE TABLE orders (order_id INTEGER, merchant_id INTEGER, created_at TEXT);
INSERT INTO merchants VALUES (1, 'sales', 'thai'), (2, 'sales', 'pizza'), (3, 'sales', 'sushi'),
  (4, 'self', 'cafe'), (5, 'self', 'bakery'), (6, 'self', 'pizza'), (7, 'self', 'thai'), (8, 'self', 'burgers');
INSERT INTO merchant_onboarding_events VALUES
 (1, 'signup_started', '2026-07-01 10:00:00'), (1, 'menu_uploaded', '2026-07-02 10:00:00'),
 (1, 'bank_verified', '2026-07-03 10:00:00'), (1, 'went_live', '2026-07-04 10:00:00'),
 (2, 'signup_started', '2026-07-05 10:00:00'), (2, 'menu_uploaded', '2026-07-05 12:00:00'),
 (2, 'bank_verified', '2026-07-06 10:00:00'), (2, 'bank_verified', '2026-07-06 11:00:00'),  -- a repeated step
 (2, 'went_live', '2026-07-07 10:00:00'),
 (3, 'signup_started', '2026-08-01 10:00:00'), (3, 'menu_uploaded', '2026-08-02 10:00:00'),
 (4, 'signup_started', '2026-09-01 00:00:00'), (4, 'menu_uploaded', '2026-09-01 06:00:00'),
 (4, 'bank_verified', '2026-09-01 08:00:00'), (4, 'went_live', '2026-09-01 10:00:00'),
 (5, 'signup_started', '2026-09-10 10:00:00'),
 (6, 'signup_started', '2026-06-30 10:00:00'), (6, 'went_live', '2026-07-02 10:00:00'),  -- started in Q2
 (7, 'signup_started', '2026-09-20 12:00:00'), (7, 'menu_uploaded', '2026-09-21 12:00:00'),
 (7, 'bank_verified', '2026-09-22 12:00:00'), (7, 'went_live', '2026-09-23 12:00:00'),
 (8, 'signup_started', '2026-09-21 00:00:00'), (8, 'went_live', '2026-10-15 00:00:00');
INSERT INTO orders VALUES
 (1, 1, '2026-07-11 10:00:00'), (2, 1, '2026-07-12 10:00:00'),  -- 10 days
 (3, 2, '2026-07-08 10:00:00'),                                   -- 3 days
 (4, 4, '2026-09-02 12:00:00'),                                   -- 1.5 days
 (5, 6, '2026-07-03 10:00:00'),
 (6, 7, '2026-09-25 12:00:00'),                                   -- 5 days
 (7, 8, '2026-10-21 00:00:00');                                   -- 30 days
