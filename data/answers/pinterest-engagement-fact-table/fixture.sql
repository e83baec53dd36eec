CREATE TABLE raw_events (event_id TEXT, event_type TEXT, pin_id INTEGER, user_id INTEGER, event_ts TEXT, ingest_ts TEXT);
INSERT INTO raw_events VALUES
 ('e1', 'impression', 1, 1, '2026-11-28 10:00:00', '2026-11-28 10:00:05'),
 ('e1', 'impression', 1, 1, '2026-11-28 10:00:00', '2026-11-28 10:01:00'),     -- a retry
 ('e2', 'closeup', 1, 1, '2026-11-28 10:01:00', '2026-11-28 10:01:05'),
 ('e3', 'save', 1, 1, '2026-11-28 10:02:00', '2026-11-28 10:02:05'),
 ('e4', 'save', 1, 1, '2026-11-28 10:03:00', '2026-11-28 10:03:05'),         -- the same user saves again
 ('e5', 'save', 1, 2, '2026-11-28 11:00:00', '2026-11-28 11:00:05'),
 ('e6', 'impression', 2, 3, '2026-11-26 23:00:00', '2026-11-29 06:00:00'),   -- arrived late
 ('e7', 'outbound_click', 2, 3, '2026-11-27 08:00:00', '2026-11-27 08:00:05'),
 ('e8', 'impression', 2, 4, '2026-11-25 23:59:00', '2026-11-26 00:10:00');   -- before the window
