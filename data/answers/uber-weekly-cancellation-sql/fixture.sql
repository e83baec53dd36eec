CREATE TABLE trips (trip_id INTEGER, city_id INTEGER, rider_id INTEGER, driver_id INTEGER, requested_at TEXT, status TEXT);
CREATE TABLE cities (city_id INTEGER, city_name TEXT);
INSERT INTO cities VALUES (1, 'Lisbon'), (2, 'Porto');
CREATE TABLE seq (i INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) INSERT INTO seq SELECT i FROM n;
-- One batch of trips on the Tuesday of each week: (city, week, requests, rider cancellations).
INSERT INTO trips SELECT NULL, 1, i, i, date('2026-09-28', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 100 THEN 'rider_cancelled' WHEN i <= 100 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1000;
INSERT INTO trips SELECT NULL, 1, i, i, date('2026-10-05', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 60 THEN 'rider_cancelled' WHEN i <= 60 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1000;
INSERT INTO trips SELECT NULL, 1, i, i, date('2026-11-16', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 50 THEN 'rider_cancelled' WHEN i <= 50 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1000;
INSERT INTO trips SELECT NULL, 1, i, i, date('2026-11-23', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 84 THEN 'rider_cancelled' WHEN i <= 84 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1200;
INSERT INTO trips SELECT NULL, 1, i, i, date('2026-11-30', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 10 THEN 'rider_cancelled' WHEN i <= 10 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1000;
INSERT INTO trips SELECT NULL, 2, i, i, date('2026-11-02', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 10 THEN 'rider_cancelled' WHEN i <= 10 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1000;
INSERT INTO trips SELECT NULL, 2, i, i, date('2026-11-16', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 30 THEN 'rider_cancelled' WHEN i <= 30 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 1000;
INSERT INTO trips SELECT NULL, 2, i, i, date('2026-11-23', '+1 day') || ' 10:00:00',
  CASE WHEN i <= 100 THEN 'rider_cancelled' WHEN i <= 100 + 20 THEN 'driver_cancelled' ELSE 'completed' END
  FROM seq WHERE i <= 500;
