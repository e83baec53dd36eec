CREATE TABLE opportunity_history (
  history_id INTEGER PRIMARY KEY,
  opp_id     INTEGER NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  stage      TEXT NOT NULL,
  amount     INTEGER NOT NULL,
  close_date DATE NOT NULL
);
CREATE TABLE month_ends (month_end DATE PRIMARY KEY, next_day DATE NOT NULL);
INSERT INTO month_ends VALUES ('2026-07-31', '2026-08-01'), ('2026-08-31', '2026-09-01'), ('2026-09-30', '2026-10-01');
INSERT INTO opportunity_history VALUES
 -- 1: in the August commit, won on 25 August
 (1,  1, '2026-06-10 09:00:00', 'Prospecting', 50000, '2026-08-20'),
 (2,  1, '2026-07-20 14:00:00', 'Negotiation', 60000, '2026-08-15'),
 (3,  1, '2026-08-25 16:00:00', 'Closed Won',  60000, '2026-08-25'),
 -- 2: expected to close on the last day of August, lost the day before
 (4,  2, '2026-07-01 10:00:00', 'Qualification', 20000, '2026-08-31'),
 (5,  2, '2026-08-30 11:00:00', 'Closed Lost',   20000, '2026-08-30'),
 -- 3: pushed to October with a smaller amount, then won in September
 (6,  3, '2026-06-01 08:00:00', 'Proposal',   30000, '2026-08-10'),
 (7,  3, '2026-08-05 12:00:00', 'Proposal',   28000, '2026-10-15'),
 (8,  3, '2026-09-15 09:30:00', 'Closed Won', 35000, '2026-09-15'),
 -- 4: never touched again: stale, its close date passed while open
 (9,  4, '2026-07-15 10:00:00', 'Proposal', 15000, '2026-08-01'),
 -- 5: expected in September, not in the August commit; lost late on 30 September
 (10, 5, '2026-05-01 10:00:00', 'Prospecting', 80000, '2026-09-30'),
 (11, 5, '2026-09-30 18:00:00', 'Closed Lost', 80000, '2026-09-30'),
 -- 6: created in the last half hour of July; two changes share a timestamp
 (12, 6, '2026-07-31 23:30:00', 'Negotiation', 40000, '2026-08-12'),
 (13, 6, '2026-08-12 09:00:00', 'Negotiation', 45000, '2026-08-12'),
 (14, 6, '2026-08-12 09:00:00', 'Closed Won',  45000, '2026-08-12'),
 -- 7: created in August: not part of the July view
 (15, 7, '2026-08-03 10:00:00', 'Prospecting', 10000, '2026-08-28'),
 -- 8: won in July: never open at a month end
 (16, 8, '2026-06-15 10:00:00', 'Proposal',   18000, '2026-07-31'),
 (17, 8, '2026-07-10 10:00:00', 'Closed Won', 18000, '2026-07-10'),
 -- 9: moved into August one minute before midnight, pushed again on 31 August, lost in September
 (18, 9, '2026-06-20 10:00:00', 'Negotiation', 25000, '2026-09-10'),
 (19, 9, '2026-07-31 23:59:00', 'Negotiation', 25000, '2026-08-20'),
 (20, 9, '2026-08-31 12:00:00', 'Negotiation', 25000, '2026-09-30'),
 (21, 9, '2026-09-20 10:00:00', 'Closed Lost', 25000, '2026-09-20'),
 -- 11: close date already in the past at the end of July; still open in September
 (22, 11, '2026-06-05 10:00:00', 'Qualification', 12000, '2026-07-25');
