-- +goose Up
-- Several daily feeds per server: a schedule (the new daily_feeds, which
-- replaces daily_configs) is keyed by (server, feed)
-- and a post by (server, feed, local date). An existing schedule becomes
-- the feed named "daily" with everything it had: its posts (ids kept, as
-- the buttons of posted messages carry them), cycle, participation and
-- reveal state. low_bank_cycle is the cycle in which admins were told the
-- feed is running out of unseen questions (0: not yet), so that they are
-- told once per cycle, across restarts. SQLite cannot change a primary
-- key or a UNIQUE constraint in place, so daily_posts is rebuilt. (A new
-- name for the schedules also makes a second run of this migration, by a
-- process that started beside another, fail rather than apply it twice.)
CREATE TABLE daily_feeds (
    guild_id       TEXT NOT NULL,
    feed           TEXT NOT NULL,
    channel_id     TEXT NOT NULL,
    clock          TEXT NOT NULL,
    zone           TEXT NOT NULL,
    days           INTEGER NOT NULL,
    ping_role      TEXT NOT NULL DEFAULT '',
    company        TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    level          TEXT NOT NULL DEFAULT '',
    difficulty     TEXT NOT NULL DEFAULT '',
    paused         INTEGER NOT NULL DEFAULT 0,
    next_due       INTEGER NOT NULL DEFAULT 0,
    next_date      TEXT NOT NULL DEFAULT '',
    next_seq       INTEGER NOT NULL DEFAULT 0,
    cycle          INTEGER NOT NULL DEFAULT 1,
    low_bank_cycle INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    last_error_at  INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL DEFAULT 0,
    updated_by     TEXT NOT NULL DEFAULT '',
    updated_at     INTEGER NOT NULL DEFAULT 0,
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

CREATE TABLE daily_posts_feeds (
    id             INTEGER PRIMARY KEY,
    guild_id       TEXT NOT NULL,
    feed           TEXT NOT NULL DEFAULT 'daily',
    local_date     TEXT NOT NULL,
    due_at         INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'missed', 'skipped')),
    late           INTEGER NOT NULL DEFAULT 0,
    manual         INTEGER NOT NULL DEFAULT 0,
    channel_id     TEXT NOT NULL DEFAULT '',
    question_seq   INTEGER NOT NULL DEFAULT 0,
    question_id    TEXT NOT NULL DEFAULT '',
    cycle          INTEGER NOT NULL DEFAULT 1,
    cycle_restart  INTEGER NOT NULL DEFAULT 0,
    remaining      INTEGER NOT NULL DEFAULT 0,
    message_id     TEXT NOT NULL DEFAULT '',
    thread_id      TEXT NOT NULL DEFAULT '',
    claimed_by     TEXT NOT NULL DEFAULT '',
    claimed_at     INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    error          TEXT NOT NULL DEFAULT '',
    posted_at      INTEGER NOT NULL DEFAULT 0,
    reveal_state   TEXT NOT NULL DEFAULT '' CHECK (reveal_state IN ('', 'claimed', 'done', 'failed')),
    reveal_by      TEXT NOT NULL DEFAULT '',
    reveal_at      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (guild_id, feed, local_date)
);
INSERT INTO daily_posts_feeds (id, guild_id, feed, local_date, due_at, status, late, manual, channel_id, question_seq,
    question_id, cycle, cycle_restart, remaining, message_id, thread_id, claimed_by, claimed_at, attempts, error,
    posted_at, reveal_state, reveal_by, reveal_at)
SELECT id, guild_id, 'daily', local_date, due_at, status, late, manual, channel_id, question_seq,
    question_id, cycle, cycle_restart, remaining, message_id, thread_id, claimed_by, claimed_at, attempts, error,
    posted_at, reveal_state, reveal_by, reveal_at
FROM daily_posts;
DROP TABLE daily_posts;
ALTER TABLE daily_posts_feeds RENAME TO daily_posts;
CREATE INDEX daily_posts_status ON daily_posts (status, claimed_at);
CREATE INDEX daily_posts_thread ON daily_posts (thread_id);
CREATE INDEX daily_posts_cycle ON daily_posts (guild_id, feed, cycle, question_seq);
