-- +goose Up
-- Several daily feeds per server: a schedule (the new daily_feeds, which
-- replaces daily_configs) is keyed by (server, feed) and a post by
-- (server, feed, local date). An existing schedule becomes the feed named
-- "daily" with everything it had: its posts (ids kept, as the buttons of
-- posted messages carry them), cycle, participation and reveal state.
-- low_bank_cycle is the cycle in which admins were told the feed is
-- running out of unseen questions (0: not yet), so that they are told once
-- per cycle, across restarts.
CREATE TABLE daily_feeds (
    guild_id       TEXT NOT NULL,
    feed           TEXT NOT NULL,
    channel_id     TEXT NOT NULL,
    clock          TEXT NOT NULL,
    zone           TEXT NOT NULL,
    days           BIGINT NOT NULL,
    ping_role      TEXT NOT NULL DEFAULT '',
    company        TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    level          TEXT NOT NULL DEFAULT '',
    difficulty     TEXT NOT NULL DEFAULT '',
    paused         BIGINT NOT NULL DEFAULT 0,
    next_due       BIGINT NOT NULL DEFAULT 0,
    next_date      TEXT NOT NULL DEFAULT '',
    next_seq       BIGINT NOT NULL DEFAULT 0,
    cycle          BIGINT NOT NULL DEFAULT 1,
    low_bank_cycle BIGINT NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    last_error_at  BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL DEFAULT 0,
    updated_by     TEXT NOT NULL DEFAULT '',
    updated_at     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, feed)
);
INSERT INTO daily_feeds (guild_id, feed, channel_id, clock, zone, days, ping_role, company, role, category,
    level, difficulty, paused, next_due, next_date, next_seq, cycle, last_error, last_error_at, created_at,
    updated_by, updated_at)
SELECT guild_id, 'daily', channel_id, clock, zone, days, ping_role, company, role, category,
    level, difficulty, paused, next_due, next_date, next_seq, cycle, last_error, last_error_at, 0,
    updated_by, updated_at
FROM daily_configs;
DROP TABLE daily_configs;
CREATE INDEX daily_feeds_due ON daily_feeds (next_due);

ALTER TABLE daily_posts ADD COLUMN feed TEXT NOT NULL DEFAULT 'daily';
ALTER TABLE daily_posts DROP CONSTRAINT daily_posts_guild_id_local_date_key;
ALTER TABLE daily_posts ADD CONSTRAINT daily_posts_guild_id_feed_local_date_key UNIQUE (guild_id, feed, local_date);
DROP INDEX daily_posts_cycle;
CREATE INDEX daily_posts_cycle ON daily_posts (guild_id, feed, cycle, question_seq);
