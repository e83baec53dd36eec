CREATE TABLE meeting_join_attempts (attempt_id INTEGER, user_id INTEGER, meeting_id INTEGER, client_type TEXT,
  attempted_at TEXT, status TEXT, error_code TEXT);
INSERT INTO meeting_join_attempts VALUES
 (1, 1, 1, 'desktop', '2026-11-16 09:00:00', 'success', NULL),   -- before the 14 days, inside the rolling window
 (2, 2, 1, 'desktop', '2026-11-16 09:01:00', 'failed', 'E42'),
 (3, 3, 2, 'desktop', '2026-11-17 10:00:00', 'success', NULL),
 (4, 4, 2, 'desktop', '2026-11-17 10:00:00', 'success', NULL),
 (5, 5, 2, 'desktop', '2026-11-17 10:02:00', 'abandoned', NULL), -- not in the denominator
 (6, 6, 3, 'desktop', '2026-11-20 11:00:00', 'failed', 'E17'),
 (7, 6, 3, 'desktop', '2026-11-20 11:01:00', 'success', NULL),   -- the retry works
 (8, 7, 4, 'web', '2026-11-30 12:00:00', 'failed', 'E99');
