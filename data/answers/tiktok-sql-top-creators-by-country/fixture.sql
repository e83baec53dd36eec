CREATE TABLE creators (creator_id INTEGER, handle TEXT, country TEXT, joined_at TEXT);
CREATE TABLE videos (video_id INTEGER, creator_id INTEGER, posted_at TEXT, duration_sec INTEGER);
CREATE TABLE watch_events (event_id INTEGER, user_id INTEGER, video_id INTEGER, watched_sec INTEGER, event_ts TEXT);
INSERT INTO creators VALUES (1, 'ana', 'US', '2025-01-01'), (2, 'ben', 'US', '2025-01-01'), (3, 'cai', 'US', '2025-01-01'),
  (4, 'dee', 'US', '2025-01-01'), (5, 'eli', 'BR', '2025-01-01');
INSERT INTO videos VALUES (10, 1, '2026-11-01', 60), (20, 2, '2026-11-01', 60), (21, 2, '2026-11-02', 60),
  (30, 3, '2026-11-01', 60), (40, 4, '2026-11-01', 60), (50, 5, '2026-11-01', 60);
INSERT INTO watch_events VALUES
 (1, 100, 10, 36000, '2026-11-24 00:00:00'),   -- ana: 10 hours
 (2, 100, 20, 18000, '2026-11-25 10:00:00'),   -- ben: 5 + 5 hours over two videos, tied with ana
 (3, 101, 21, 18000, '2026-11-30 23:59:59'),
 (4, 102, 30, 28800, '2026-11-26 10:00:00'),   -- cai: 8 hours
 (5, 103, 30, 99999, '2026-11-23 23:59:59'),   -- before the window
 (6, 104, 40, 18000, '2026-11-27 10:00:00'),   -- dee: 5 hours
 (7, 104, 40, 99999, '2026-12-01 00:00:00'),   -- today: not a full day yet
 (8, 105, 50, 10800, '2026-11-28 10:00:00');   -- eli: 3 hours
