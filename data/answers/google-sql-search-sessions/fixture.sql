CREATE TABLE search_events (user_id INTEGER, event_ts TEXT, query TEXT, result_clicked INTEGER);
INSERT INTO search_events VALUES
 (1, '2026-11-01 09:00:00', 'flights', 0),
 (1, '2026-11-01 09:20:00', 'flights to rome', 1),
 (1, '2026-11-01 09:55:00', 'rome hotels', 0),     -- 35 minutes later: a new session
 (1, '2026-11-01 10:20:00', 'rome weather', 0),
 (2, '2026-11-01 23:50:00', 'late pizza', 1),      -- this session crosses midnight and belongs to 1 Nov
 (2, '2026-11-02 00:10:00', 'pizza near me', 0),
 (2, '2026-11-02 08:00:00', 'coffee', 0),
 (3, '2026-11-02 10:00:00', 'news', 0),
 (3, '2026-11-02 10:30:00', 'news today', 1);      -- exactly 30 minutes: same session
