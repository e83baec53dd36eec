CREATE TABLE reservations (reservation_id INTEGER, guest_id INTEGER, listing_id INTEGER, created_at TEXT,
  checkin_date TEXT, status TEXT, cancelled_at TEXT);
-- Guest 1: an isolated late cancel in August, then three in 28 days.
INSERT INTO reservations VALUES
 (1, 1, 10, '2026-07-01 09:00:00', '2026-08-02', 'cancelled_by_guest', '2026-08-01 10:00:00'),
 (2, 1, 11, '2026-09-01 09:00:00', '2026-10-02', 'cancelled_by_guest', '2026-10-01 10:00:00'),
 (3, 1, 12, '2026-09-02 09:00:00', '2026-10-16', 'cancelled_by_guest', '2026-10-15 09:00:00'),
 (4, 1, 13, '2026-09-03 09:00:00', '2026-10-30', 'cancelled_by_guest', '2026-10-29 08:00:00');
-- Guest 2: three late cancels, but never three inside 30 days.
INSERT INTO reservations VALUES
 (5, 2, 10, '2026-08-01 09:00:00', '2026-10-02', 'cancelled_by_guest', '2026-10-01 12:00:00'),
 (6, 2, 11, '2026-08-01 09:00:00', '2026-10-21', 'cancelled_by_guest', '2026-10-20 12:00:00'),
 (7, 2, 12, '2026-08-01 09:00:00', '2026-11-11', 'cancelled_by_guest', '2026-11-10 12:00:00');
-- Guest 3: three late cancels; an early cancel and a host cancel do not count.
INSERT INTO reservations VALUES
 (8, 3, 10, '2026-08-01 09:00:00', '2026-09-02', 'cancelled_by_guest', '2026-09-01 12:00:00'),
 (9, 3, 11, '2026-08-01 09:00:00', '2026-09-06', 'cancelled_by_guest', '2026-09-05 12:00:00'),
 (10, 3, 12, '2026-08-01 09:00:00', '2026-09-20', 'cancelled_by_guest', '2026-09-07 12:00:00'),
 (11, 3, 13, '2026-08-01 09:00:00', '2026-09-11', 'cancelled_by_guest', '2026-09-10 12:00:00'),
 (12, 3, 14, '2026-08-01 09:00:00', '2026-09-12', 'cancelled_by_host', '2026-09-11 12:00:00');
-- Guest 4: three late cancels more than a year before the report date.
INSERT INTO reservations VALUES
 (13, 4, 10, '2025-09-01 09:00:00', '2025-10-02', 'cancelled_by_guest', '2025-10-01 12:00:00'),
 (14, 4, 11, '2025-09-01 09:00:00', '2025-10-03', 'cancelled_by_guest', '2025-10-02 12:00:00'),
 (15, 4, 12, '2025-09-01 09:00:00', '2025-10-04', 'cancelled_by_guest', '2025-10-03 12:00:00');
-- Guest 5: four on four consecutive days; a completed stay.
INSERT INTO reservations VALUES
 (16, 5, 10, '2026-10-01 09:00:00', '2026-11-02', 'cancelled_by_guest', '2026-11-01 08:00:00'),
 (17, 5, 11, '2026-10-01 09:00:00', '2026-11-03', 'cancelled_by_guest', '2026-11-02 08:00:00'),
 (18, 5, 12, '2026-10-01 09:00:00', '2026-11-04', 'cancelled_by_guest', '2026-11-03 08:00:00'),
 (19, 5, 13, '2026-10-01 09:00:00', '2026-11-05', 'cancelled_by_guest', '2026-11-04 08:00:00'),
 (20, 5, 14, '2026-10-01 09:00:00', '2026-11-20', 'completed', NULL);
