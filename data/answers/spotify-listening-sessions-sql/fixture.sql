CREATE TABLE listens (play_id INTEGER, user_id INTEGER, track_id INTEGER, started_at TEXT, ms_played INTEGER);
INSERT INTO listens VALUES
 (1, 1, 100, '2026-11-20 10:00:00', 180000),    -- ends 10:03
 (2, 1, 101, '2026-11-20 10:20:00', 600000),    -- 17 minutes later; ends 10:30
 (3, 1, 102, '2026-11-20 10:59:00', 60000),     -- 29 minutes after the last end: same session
 (4, 1, 103, '2026-11-20 12:00:00', 60000),     -- an hour later: a new session
 (5, 2, 200, '2026-11-20 23:00:00', 3600000),   -- an hour-long play, ending at midnight
 (6, 2, 201, '2026-11-20 23:40:00', 60000),     -- overlaps it (another device): same session
 (7, 2, 202, '2026-11-21 00:10:00', 60000),     -- the next day: not in this run
 (8, 3, 300, '2026-11-19 23:59:00', 60000);
