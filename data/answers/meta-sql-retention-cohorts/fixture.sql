CREATE TABLE users (user_id INTEGER, signup_date TEXT, country TEXT);
CREATE TABLE daily_active (user_id INTEGER, activity_date TEXT);
INSERT INTO users VALUES
 (1, '2026-10-26', 'US'),  -- a Monday
 (2, '2026-10-31', 'FR'),  -- the Saturday of the same week
 (3, '2026-11-23', 'US'),
 (4, '2026-11-29', 'BR'),  -- a Sunday: still the week of 23 November
 (5, '2026-05-31', 'US'),  -- before the first cohort
 (6, '2026-11-30', 'IN');  -- no day has elapsed yet
INSERT INTO daily_active VALUES
 (1, '2026-10-26'), (1, '2026-10-27'), (1, '2026-11-02'), (1, '2026-11-25'),
 (2, '2026-11-01'), (2, '2026-11-30'),
 (3, '2026-11-24'),
 (5, '2026-06-01');
