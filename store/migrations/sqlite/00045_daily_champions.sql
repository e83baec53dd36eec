-- +goose Up
-- The monthly champion role of a server (/daily champion). next_month is
-- the local month (YYYY-MM) whose champion is chosen next, next_due the
-- instant (unix ms) that month ends in the zone of the feed, when it is
-- due. holder_id and holder_role are who prepcord last gave the role to,
-- and which role, so that the next award takes it back.
CREATE TABLE daily_champions (
    guild_id      TEXT NOT NULL PRIMARY KEY,
    role_id       TEXT NOT NULL,
    feed          TEXT NOT NULL,
    next_month    TEXT NOT NULL,
    next_due      INTEGER NOT NULL,
    holder_id     TEXT NOT NULL DEFAULT '',
    holder_role   TEXT NOT NULL DEFAULT '',
    last_error    TEXT NOT NULL DEFAULT '',
    last_error_at INTEGER NOT NULL DEFAULT 0,
    updated_by    TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX daily_champions_due ON daily_champions (next_due);

-- One award per server and month, claimed (the primary key) before any
-- role changes: exactly once across restarts and processes. state is
-- claimed (under way, by claimed_by since claimed_at), done, none (nobody
-- answered that month) or failed (error says why; not retried).
CREATE TABLE daily_champion_awards (
    guild_id    TEXT NOT NULL,
    month       TEXT NOT NULL,
    role_id     TEXT NOT NULL,
    feed        TEXT NOT NULL,
    user_id     TEXT NOT NULL DEFAULT '',
    days        INTEGER NOT NULL DEFAULT 0,
    best        INTEGER NOT NULL DEFAULT 0,
    state       TEXT NOT NULL CHECK (state IN ('claimed', 'done', 'none', 'failed')),
    claimed_by  TEXT NOT NULL DEFAULT '',
    claimed_at  INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    finished_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, month)
);
CREATE INDEX daily_champion_awards_state ON daily_champion_awards (state, claimed_at);
