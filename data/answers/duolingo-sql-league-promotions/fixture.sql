CREATE TABLE tiers (tier TEXT PRIMARY KEY, tier_order INTEGER, promote_n INTEGER, demote_n INTEGER);
CREATE TABLE leagues (league_id INTEGER PRIMARY KEY, tier TEXT, starts_at TEXT, ends_at TEXT);
CREATE TABLE league_members (league_id INTEGER, user_id INTEGER);
CREATE TABLE xp_events (event_id INTEGER PRIMARY KEY, user_id INTEGER, earned_at TEXT, xp INTEGER);
INSERT INTO tiers VALUES ('Bronze', 1, 2, 0), ('Silver', 2, 2, 2), ('Gold', 3, 1, 1), ('Diamond', 4, 0, 2);
INSERT INTO leagues VALUES
 (1, 'Bronze', '2026-11-23 00:00:00', '2026-11-30 00:00:00'),
 (2, 'Silver', '2026-11-23 00:00:00', '2026-11-30 00:00:00'),
 (3, 'Diamond', '2026-11-23 00:00:00', '2026-11-30 00:00:00'),
 (4, 'Silver', '2026-11-23 00:00:00', '2026-11-30 00:00:00');
INSERT INTO league_members VALUES
 (1, 101), (1, 102), (1, 103),
 (2, 201), (2, 202), (2, 203), (2, 204), (2, 205), (2, 206),
 (3, 301), (3, 302), (3, 303), (3, 304),
 (4, 401), (4, 402), (4, 403);
INSERT INTO xp_events (user_id, earned_at, xp) VALUES
 -- Bronze: only 101 earns XP this week; 102's XP is from the week before; 103 earns at the very end.
 (101, '2026-11-24 08:00:00', 30),
 (102, '2026-11-22 23:59:59', 500),
 (103, '2026-11-30 00:00:00', 40),
 -- Silver: 201 and 202 tie on 120 XP for the last promotion place, 202 got there first;
 -- 205 and 206 earn nothing.
 (201, '2026-11-23 00:00:00', 100), (201, '2026-11-28 19:00:00', 20),
 (202, '2026-11-25 07:00:00', 60), (202, '2026-11-26 07:00:00', 60),
 (203, '2026-11-27 10:00:00', 130),
 (204, '2026-11-24 10:00:00', 15),
 -- Diamond: no promotion; the bottom two are demoted.
 (301, '2026-11-24 09:00:00', 900), (302, '2026-11-25 09:00:00', 450),
 (303, '2026-11-26 09:00:00', 450), (304, '2026-11-27 09:00:00', 10),
 -- A Silver league of three: the zones overlap, promotion wins.
 (401, '2026-11-24 12:00:00', 50), (402, '2026-11-24 13:00:00', 40), (403, '2026-11-24 14:00:00', 30);
