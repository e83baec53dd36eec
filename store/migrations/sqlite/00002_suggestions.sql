-- Member suggestions and their review, per-server bank settings, the
-- discussion thread of each question in each channel, and the filters that
-- "Another" buttons refer to when they do not fit in a custom_id.
-- Migrations are forward-only: there is no Down section.

-- +goose Up
CREATE TABLE bank_settings (
    guild_id          TEXT PRIMARY KEY,
    review_channel_id TEXT NOT NULL DEFAULT '',
    pending_limit     INTEGER NOT NULL DEFAULT 5
);

CREATE TABLE suggestions (
    id                INTEGER PRIMARY KEY,
    guild_id          TEXT NOT NULL,
    author_id         TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    title             TEXT NOT NULL,
    company           TEXT NOT NULL,
    roles             TEXT NOT NULL DEFAULT '',  -- joined by ';'
    category          TEXT NOT NULL,
    difficulty        TEXT NOT NULL,
    prompt            TEXT NOT NULL,
    solution          TEXT NOT NULL DEFAULT '',
    review_channel_id TEXT NOT NULL DEFAULT '',
    review_message_id TEXT NOT NULL DEFAULT '',
    question_id       TEXT NOT NULL DEFAULT '',  -- the question an approval created
    decided_by        TEXT NOT NULL DEFAULT '',
    created_at        INTEGER NOT NULL,          -- unix milliseconds
    decided_at        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX suggestions_pending ON suggestions (guild_id, status, author_id);

CREATE TABLE discussion_threads (
    channel_id  TEXT NOT NULL,
    question_id TEXT NOT NULL,
    guild_id    TEXT NOT NULL,
    thread_id   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (channel_id, question_id)
);

CREATE TABLE saved_filters (
    token      TEXT PRIMARY KEY,
    filter     TEXT NOT NULL,  -- JSON
    created_at INTEGER NOT NULL
);
