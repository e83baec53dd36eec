CREATE TABLE raw_clicks (click_id TEXT, campaign_id INTEGER, event_ts TEXT, ingest_ts TEXT);
CREATE TABLE daily_campaign_clicks (event_date TEXT, campaign_id INTEGER, clicks INTEGER);
INSERT INTO raw_clicks VALUES
 ('c1', 1, '2026-11-18 10:00:00', '2026-11-18 10:00:01'),
 ('c1', 1, '2026-11-18 10:00:00', '2026-11-18 10:05:00'),  -- client retry: counted once
 ('c2', 1, '2026-11-17 09:00:00', '2026-11-20 08:00:00'),  -- three days late
 ('c3', 2, '2026-11-20 23:00:00', '2026-11-21 00:10:00'),  -- ingested after midnight
 ('c4', 2, '2026-11-16 12:00:00', '2026-11-16 12:00:01'),  -- before the window
 ('c5', 1, '2026-11-19 07:00:00', '2026-11-19 07:00:01');
INSERT INTO daily_campaign_clicks VALUES
 ('2026-11-16', 2, 5),    -- outside the window: kept
 ('2026-11-18', 1, 99),   -- stale: replaced
 ('2026-11-19', 3, 4);    -- no valid clicks any more: removed
