CREATE TABLE api_requests (request_id INTEGER, org_id TEXT, model TEXT, created_at TEXT, prompt_tokens INTEGER,
  completion_tokens INTEGER, status_code INTEGER);
CREATE TABLE orgs (org_id TEXT, tier TEXT, daily_token_limit INTEGER);
INSERT INTO orgs VALUES ('A', 'tier-2', 1000), ('B', 'free', 100);
INSERT INTO api_requests VALUES
 (1, 'A', 'm', '2026-11-15 10:00:00', 600, 100, 200),   -- before the 14 days, inside the first rolling windows
 (2, 'A', 'm', '2026-11-18 10:00:00', 800, 100, 200),   -- 900 > 80% of 1,000
 (3, 'A', 'm', '2026-11-20 09:00:00', 150, 50, 200),
 (4, 'A', 'm', '2026-11-20 09:05:00', 80, 20, 200),
 (5, 'A', 'm', '2026-11-20 09:06:00', 400, 100, 429),   -- rejected: not counted
 (6, 'A', 'm', '2026-12-01 00:30:00', 40, 10, 200),
 (7, 'B', 'm', '2026-11-25 12:00:00', 80, 5, 200),      -- 85 > 80
 (8, 'B', 'm', '2026-11-30 23:30:00', 8, 2, 200),
 (9, 'A', 'm', '2026-11-01 10:00:00', 5000, 0, 200);    -- older than the spine
