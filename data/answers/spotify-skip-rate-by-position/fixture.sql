CREATE TABLE plays (play_id INTEGER, user_id INTEGER, track_id INTEGER, context_type TEXT, context_id TEXT,
  position INTEGER, ms_played INTEGER, track_duration_ms INTEGER, started_at TEXT);
INSERT INTO plays VALUES
 (1, 1, 10, 'playlist', 'p1', 1, 10000, 200000, '2026-11-25 10:00:00'),   -- skip
 (2, 1, 11, 'playlist', 'p1', 3, 200000, 200000, '2026-11-25 10:01:00'),
 (3, 1, 12, 'playlist', 'p1', 5, 29999, 180000, '2026-11-25 10:05:00'),   -- skip
 (4, 2, 13, 'playlist', 'p2', 7, 90000, 180000, '2026-11-26 10:00:00'),
 (5, 2, 14, 'playlist', 'p2', 15, 5000, 180000, '2026-11-26 10:02:00'),   -- skip
 (6, 2, 15, 'playlist', 'p2', 20, 1000, 180000, '2026-11-26 10:03:00'),   -- skip
 (7, 3, 16, 'playlist', 'p3', 60, 30000, 180000, '2026-11-27 10:00:00'),  -- exactly 30 s: not a skip
 (8, 3, 17, 'playlist', 'p3', 2, 10000, 20000, '2026-11-27 10:05:00'),    -- a 20-second track: excluded
 (9, 3, 18, 'album', 'a1', 1, 1000, 180000, '2026-11-27 10:06:00'),       -- not a playlist
 (10, 3, 19, 'playlist', 'p3', 4, 1000, 180000, '2026-11-20 10:00:00'),   -- older than 7 days
 (11, 3, 20, 'playlist', 'p3', 0, 1000, 180000, '2026-11-27 10:07:00');   -- bad position
