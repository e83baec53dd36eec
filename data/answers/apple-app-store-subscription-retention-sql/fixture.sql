CREATE TABLE subscription_periods (user_id INTEGER, app_id TEXT, product_id TEXT, period_start TEXT,
  period_end TEXT, is_trial INTEGER, refunded INTEGER);
INSERT INTO subscription_periods VALUES
 -- u1: two monthly periods (Jan, Feb, Mar), then lapses
 (1, 'com.example.fitness', 'monthly', '2026-01-15', '2026-02-15', 0, 0),
 (1, 'com.example.fitness', 'monthly', '2026-02-15', '2026-03-15', 0, 0),
 -- u2: a trial, then an annual plan covering every month after
 (2, 'com.example.fitness', 'trial', '2026-01-01', '2026-01-08', 1, 0),
 (2, 'com.example.fitness', 'annual', '2026-01-08', '2027-01-08', 0, 0),
 -- u3: a refunded January period does not count: cohort March, one month
 (3, 'com.example.fitness', 'monthly', '2026-01-05', '2026-02-05', 0, 1),
 (3, 'com.example.fitness', 'monthly', '2026-03-01', '2026-04-01', 0, 0),
 -- u4: another app
 (4, 'com.example.other', 'monthly', '2026-01-01', '2026-02-01', 0, 0),
 -- u5: Jan-Feb, a gap in March, back in April
 (5, 'com.example.fitness', 'monthly', '2026-01-20', '2026-02-20', 0, 0),
 (5, 'com.example.fitness', 'monthly', '2026-04-01', '2026-05-01', 0, 0);
