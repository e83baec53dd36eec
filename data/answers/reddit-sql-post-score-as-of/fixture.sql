CREATE TABLE posts (post_id INTEGER PRIMARY KEY, subreddit TEXT, author_id INTEGER, created_at TEXT);
CREATE TABLE accounts (user_id INTEGER PRIMARY KEY, suspended_at TEXT);
CREATE TABLE votes (vote_id INTEGER PRIMARY KEY, voter_id INTEGER, post_id INTEGER, direction INTEGER, voted_at TEXT);
INSERT INTO posts VALUES
 (11, 'AskCooking', 90, '2026-11-10 08:00:00'),
 (12, 'AskCooking', 91, '2026-11-11 08:00:00'),
 (13, 'AskCooking', 92, '2026-11-12 08:00:00'),
 (14, 'AskCooking', 93, '2026-11-16 08:00:00'),
 (21, 'Gardening', 94, '2026-11-01 08:00:00'),
 (22, 'Gardening', 95, '2026-11-05 08:00:00'),
 (23, 'Gardening', 96, '2026-11-06 08:00:00'),
 (31, 'TinyHouses', 97, '2026-11-02 08:00:00');
INSERT INTO accounts VALUES
 (1, NULL), (2, NULL), (3, NULL), (4, NULL), (5, NULL),
 (6, '2026-11-14 10:00:00'),   -- suspended before the cutoff: all of 6's votes are dropped
 (7, '2026-11-20 10:00:00'),   -- suspended after the cutoff: still counts as of the cutoff
 (8, NULL), (91, NULL);
INSERT INTO votes VALUES
 -- post 11: 1 and 2 up; 3 switches to down; 4 removes an upvote; 5 votes exactly at the cutoff
 (1, 1, 11, 1, '2026-11-10 09:00:00'),
 (2, 2, 11, 1, '2026-11-10 09:05:00'),
 (3, 3, 11, 1, '2026-11-10 09:10:00'),
 (4, 3, 11, -1, '2026-11-12 18:00:00'),
 (5, 4, 11, 1, '2026-11-10 10:00:00'),
 (6, 4, 11, 0, '2026-11-13 10:00:00'),
 (7, 5, 11, 1, '2026-11-15 00:00:00'),
 -- post 12: three real upvotes, one from a suspended voter, one from the author
 (8, 1, 12, 1, '2026-11-11 09:00:00'),
 (9, 2, 12, 1, '2026-11-11 09:30:00'),
 (10, 7, 12, 1, '2026-11-11 10:00:00'),
 (11, 6, 12, 1, '2026-11-11 10:30:00'),
 (12, 91, 12, 1, '2026-11-11 08:00:00'),
 -- post 13: 8 sends down and up in the same second (the later event id wins); 5 downvotes
 (13, 3, 13, 1, '2026-11-12 09:00:00'),
 (14, 8, 13, -1, '2026-11-12 09:01:00'),
 (15, 8, 13, 1, '2026-11-12 09:01:00'),
 (16, 1, 13, 1, '2026-11-12 09:02:00'),
 (17, 5, 13, -1, '2026-11-12 09:03:00'),
 -- post 14 was created after the cutoff
 (18, 1, 14, 1, '2026-11-16 09:00:00'),
 (19, 2, 14, 1, '2026-11-16 09:00:00'),
 -- Gardening: 21 and 22 tie on score 2; 23 has no votes; 22's third upvote comes after the cutoff
 (20, 1, 21, 1, '2026-11-02 09:00:00'),
 (21, 2, 21, 1, '2026-11-02 09:00:00'),
 (22, 3, 22, 1, '2026-11-06 09:00:00'),
 (23, 4, 22, 1, '2026-11-06 09:00:00'),
 (24, 5, 22, 1, '2026-11-15 09:00:00');
