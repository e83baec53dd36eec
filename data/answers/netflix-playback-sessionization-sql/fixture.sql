CREATE TABLE playback_heartbeats (member_id INTEGER, profile_id INTEGER, title_id INTEGER, device_id TEXT, event_ts TEXT);
INSERT INTO playback_heartbeats VALUES
 (1, 1, 100, 'tv', '2026-11-01 23:50:00'),
 (1, 1, 100, 'tv', '2026-11-01 23:51:00'),
 (1, 1, 101, 'tv', '2026-11-02 00:20:00'),   -- 29 minutes later, after midnight: same session, a new title
 (1, 1, 101, 'tv', '2026-11-02 01:00:00'),   -- 40 minutes later: a new session
 (1, 2, 200, 'phone', '2026-11-01 23:55:00'),-- another profile of the same member
 (2, 1, 300, 'web', '2026-11-02 08:00:00'),
 (2, 1, 300, 'web', '2026-11-02 08:30:00');  -- exactly 30 minutes: same session
