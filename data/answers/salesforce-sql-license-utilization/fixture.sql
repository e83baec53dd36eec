CREATE TABLE licenses (org_id INTEGER, license_type TEXT, seats_purchased INTEGER);
CREATE TABLE users (user_id INTEGER, org_id INTEGER, license_type TEXT, is_active INTEGER);
CREATE TABLE logins (user_id INTEGER, login_at TIMESTAMP);
INSERT INTO licenses VALUES
 (1, 'Sales Cloud', 10),
 (1, 'Service Cloud', 4),
 (2, 'Sales Cloud', 5),     -- bought seats, assigned nobody yet
 (3, 'Sales Cloud', 2),
 (4, 'Sales Cloud', 0);     -- expired trial: no seats, one user left active
INSERT INTO users VALUES
 (101, 1, 'Sales Cloud', 1),
 (102, 1, 'Sales Cloud', 1),
 (103, 1, 'Sales Cloud', 1),
 (104, 1, 'Sales Cloud', 0),   -- deactivated: does not hold a seat
 (105, 1, 'Service Cloud', 1),
 (106, 1, 'Service Cloud', 1),
 (301, 3, 'Sales Cloud', 1),
 (302, 3, 'Sales Cloud', 1),
 (401, 4, 'Sales Cloud', 1);
INSERT INTO logins VALUES
 (101, '2026-11-03 09:00:00'),
 (101, '2026-11-20 09:00:00'),  -- a second login: still one active user
 (102, '2026-10-31 23:59:00'),  -- October: not active in November
 (103, '2026-11-30 23:00:00'),  -- last hour of the month counts
 (104, '2026-11-05 10:00:00'),  -- deactivated user
 (105, '2026-11-02 08:00:00'),
 (105, '2026-11-09 08:00:00'),
 (301, '2026-11-01 00:00:00'),
 (302, '2026-11-15 12:00:00'),
 (401, '2026-11-10 12:00:00');
