CREATE TABLE friend_requests (request_id INTEGER, sender_id INTEGER, receiver_id INTEGER, sent_at TEXT);
CREATE TABLE friend_request_actions (request_id INTEGER, action TEXT, acted_at TEXT);
INSERT INTO friend_requests VALUES
 (1, 10, 20, '2026-11-01 10:00:00'),
 (2, 11, 21, '2026-11-01 12:00:00'),
 (3, 12, 22, '2026-11-01 13:00:00'),
 (4, 13, 23, '2026-11-02 09:00:00'),
 (5, 14, 24, '2026-11-24 00:00:00'),   -- not final yet
 (6, 15, 25, '2026-10-24 23:00:00');   -- older than the 30 final days
INSERT INTO friend_request_actions VALUES
 (1, 'accept', '2026-11-03 08:00:00'),
 (2, 'accept', '2026-11-08 12:00:00'),  -- exactly 7 days: too late
 (3, 'decline', '2026-11-01 14:00:00'),
 (4, 'accept', '2026-11-02 09:30:00'),
 (4, 'accept', '2026-11-02 09:30:00'),  -- the same accept logged twice
 (5, 'accept', '2026-11-24 01:00:00'),
 (6, 'accept', '2026-10-25 01:00:00');
