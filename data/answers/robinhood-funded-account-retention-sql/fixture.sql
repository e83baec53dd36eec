CREATE TABLE transfers (transfer_id BIGINT, user_id BIGINT, direction TEXT, amount NUMERIC(14, 2),
  status TEXT, initiated_on DATE);
INSERT INTO transfers VALUES
 (1, 1, 'deposit', 500, 'completed', '2026-08-05'),
 (2, 2, 'deposit', 1000, 'returned', '2026-08-10'),   -- bounced: user 2 is not funded in August
 (3, 2, 'deposit', 200, 'completed', '2026-09-03'),
 (4, 3, 'deposit', 50, 'completed', '2026-08-31'),
 (5, 4, 'deposit', 300, 'pending', '2026-10-20'),     -- never funded
 (6, 5, 'deposit', 100, 'completed', '2026-10-12'),
 (7, 6, 'deposit', 250, 'completed', '2026-10-28'),
 (8, 7, 'withdrawal', 40, 'completed', '2026-09-09'), -- no deposit at all
 (9, 8, 'deposit', 75, 'completed', '2026-07-20'),    -- before the first cohort
 (10, 9, 'deposit', 1000, 'completed', '2026-09-15'),
 (11, 9, 'deposit', 1000, 'completed', '2026-09-20'), -- a second deposit does not move the cohort
 (12, 10, 'deposit', 20, 'completed', '2026-11-05'),
 (13, 11, 'deposit', 60, 'completed', '2026-08-14');

CREATE TABLE trades (trade_id BIGINT, user_id BIGINT, trade_date DATE, notional NUMERIC(14, 2));
INSERT INTO trades VALUES
 (1, 1, '2026-08-06', 100), (2, 1, '2026-09-10', 50), (3, 1, '2026-11-02', 20),
 (4, 2, '2026-10-01', 30),
 (5, 3, '2026-09-01', 10), (6, 3, '2026-10-15', 10),
 (7, 6, '2026-11-30', 99),
 (8, 7, '2026-09-10', 5),
 (9, 8, '2026-08-01', 5),
 (10, 9, '2026-10-02', 400), (11, 9, '2026-10-20', 100), (12, 9, '2026-11-11', 50);
