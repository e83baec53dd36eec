-- Daily questions: each server's schedule, one row per server and local
-- date for every post (claimed before it is sent, so that a restart, a
-- retry or a second process never posts twice), and members' participation.
-- Migrations are forward-only: there is no Down section.

-- +goose Up
CREATE TABLE daily_configs (
    guild_id      TEXT PRIMARY KEY,
    channel_id    TEXT NOT NULL,
    clock         TEXT NOT NULL,               -- local time "HH:MM"
    zone          TEXT NOT NULL,               -- IANA zone name
    days          INTEGER NOT NULL,            -- weekday bit set, bit 0 = Sunday
    ping_role     TEXT NOT NULL DEFAULT '',
    company       TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL DEFAULT '',
    category      TEXT NOT NULL DEFAULT '',
    difficulty    TEXT NOT NULL DEFAULT '',
    paused        INTEGER NOT NULL DEFAULT 0,
    next_due      INTEGER NOT NULL DEFAULT 0,  -- unix ms of the next post; 0 = none
    next_date     TEXT NOT NULL DEFAULT '',    -- its local date, 2026-03-08
    next_seq      INTEGER NOT NULL DEFAULT 0,  -- the question chosen for it (0 = not yet)
    cycle         INTEGER NOT NULL DEFAULT 1,  -- bumped when every matching question was posted
    last_error    TEXT NOT NULL DEFAULT '',
    last_error_at INTEGER NOT NULL DEFAULT 0,
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX daily_configs_due ON daily_configs (next_due);

CREATE TABLE daily_posts (
    id             INTEGER PRIMARY KEY,
    guild_id       TEXT NOT NULL,
    local_date     TEXT NOT NULL,
    due_at         INTEGER NOT NULL,            -- unix ms
    status         TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'missed', 'skipped')),
    late           INTEGER NOT NULL DEFAULT 0,
    manual         INTEGER NOT NULL DEFAULT 0,  -- /daily now
    channel_id     TEXT NOT NULL DEFAULT '',
    question_seq   INTEGER NOT NULL DEFAULT 0,
    question_id    TEXT NOT NULL DEFAULT '',
    cycle          INTEGER NOT NULL DEFAULT 1,
    cycle_restart  INTEGER NOT NULL DEFAULT 0,  -- this post began a new cycle
    remaining      INTEGER NOT NULL DEFAULT 0,  -- questions left before repeats after this one
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
    UNIQUE (guild_id, local_date)
);
CREATE INDEX daily_posts_status ON daily_posts (status, claimed_at);
CREATE INDEX daily_posts_thread ON daily_posts (thread_id);
CREATE INDEX daily_posts_cycle ON daily_posts (guild_id, cycle, question_seq);

CREATE TABLE daily_participation (
    guild_id   TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    local_date TEXT NOT NULL,
    post_id    INTEGER NOT NULL,
    first_at   INTEGER NOT NULL,   -- unix ms
    count      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (guild_id, user_id, local_date)
);
CREATE INDEX daily_participation_date ON daily_participation (guild_id, local_date);
