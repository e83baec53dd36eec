-- Times are Unix seconds. D = 1795132800 = 2026-11-20 00:00 UTC; the day is [D, D + 86400).
CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE price_multipliers (region_id INTEGER, effective_ts BIGINT, multiplier NUMERIC(4, 2),
  PRIMARY KEY (region_id, effective_ts));
CREATE TABLE rides (ride_id INTEGER PRIMARY KEY, region_id INTEGER, requested_ts BIGINT, status TEXT,
  base_fare_cents INTEGER);

INSERT INTO regions VALUES (1, 'Downtown'), (2, 'Airport'), (3, 'Suburbs');

INSERT INTO price_multipliers VALUES
 (1, 1795125600, 1.5),   -- D - 2h: carried into the day
 (1, 1795136400, 1.0),   -- 01:00
 (1, 1795161600, 1.8),   -- 08:00
 (1, 1795165200, 1.0),   -- 09:00
 (1, 1795194000, 2.0),   -- 17:00
 (1, 1795197600, 1.25),  -- 18:00
 (1, 1795201200, 1.0),   -- 19:00, open-ended
 (2, 1795159800, 1.2),   -- 07:30; nothing earlier: 1.0 before it
 (2, 1795162500, 1.0),   -- 08:15
 (2, 1795221000, 1.5);   -- the next day at 00:30: must not count
-- region 3 never had a multiplier change

INSERT INTO rides VALUES
 (100, 1, 1795129200, 'completed', 500),   -- D - 1h: the previous day
 (1, 1, 1795134600, 'completed', 1000),    -- 00:30 -> 1.5
 (2, 1, 1795161600, 'completed', 2000),    -- exactly 08:00 -> 1.8
 (3, 1, 1795163400, 'completed', 1500),    -- 08:30 -> 1.8
 (4, 1, 1795176000, 'completed', 1200),    -- 12:00 -> 1.0
 (5, 1, 1795194600, 'cancelled', 900),     -- 17:10, cancelled
 (6, 1, 1795197600, 'completed', 800),     -- exactly 18:00 -> 1.25
 (7, 2, 1795154400, 'completed', 3000),    -- 06:00, before any change -> 1.0
 (8, 2, 1795160700, 'completed', 4000),    -- 07:45 -> 1.2
 (9, 2, 1795168800, 'completed', 3500),    -- 10:00 -> 1.0
 (10, 3, 1795165200, 'completed', 700);    -- 09:00 -> 1.0
