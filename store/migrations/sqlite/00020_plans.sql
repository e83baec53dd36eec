-- +goose Up
-- Plans to an interview date (/plan): one active plan per member and
-- server, the new questions it holds in the order they are to be done,
-- daily reminders by direct message (one setting per member, in the
-- member's time zone), and one row per member and local date for each
-- reminder, claimed before it is sent so that none goes out twice.
-- Times are unix milliseconds; dates are local dates, 2026-12-24.
CREATE TABLE plans (
    id             INTEGER PRIMARY KEY,
    guild_id       TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    company        TEXT NOT NULL,
    role           TEXT NOT NULL,
    level          TEXT NOT NULL DEFAULT '',
    interview_date TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    zone           TEXT NOT NULL,               -- the IANA zone "today" is read in
    status         TEXT NOT NULL CHECK (status IN ('active', 'stopped', 'done')),
    created_at     INTEGER NOT NULL,
    ended_at       INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX plans_active ON plans (guild_id, user_id) WHERE status = 'active';
CREATE INDEX plans_user ON plans (user_id);

CREATE TABLE plan_items (
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    question_seq INTEGER NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    category     TEXT NOT NULL,               -- display name, for progress by category
    done_at      INTEGER NOT NULL DEFAULT 0,  -- when the member first rated it; 0 = not yet
    PRIMARY KEY (plan_id, question_seq)
);

CREATE TABLE plan_reminders (
    user_id    TEXT PRIMARY KEY,
    clock      TEXT NOT NULL,                 -- local time "HH:MM"
    zone       TEXT NOT NULL,                 -- IANA zone
    enabled    INTEGER NOT NULL DEFAULT 1,
    next_due   INTEGER NOT NULL DEFAULT 0,    -- unix ms of the next reminder; 0 = none
    next_date  TEXT NOT NULL DEFAULT '',      -- its local date
    refused_at INTEGER NOT NULL DEFAULT 0,    -- Discord refused a DM (50007): stopped for good
    updated_at INTEGER NOT NULL
);
CREATE INDEX plan_reminders_due ON plan_reminders (enabled, next_due);

CREATE TABLE plan_reminder_sends (
    user_id    TEXT NOT NULL,
    local_date TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'refused', 'failed')),
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, local_date)
);

-- The latest rating of each card (1 Again .. 4 Easy; 0 for cards rated
-- before it was kept), for progress by category on /profile.
ALTER TABLE review_cards ADD COLUMN last_rating INTEGER NOT NULL DEFAULT 0;

-- The card as it was before its latest rating, so that a second rating
-- of a question on the same day replaces the first instead of counting as
-- a second review.
ALTER TABLE review_cards ADD COLUMN prev_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_cards ADD COLUMN prev_stability REAL NOT NULL DEFAULT 0;
ALTER TABLE review_cards ADD COLUMN prev_difficulty REAL NOT NULL DEFAULT 0;
ALTER TABLE review_cards ADD COLUMN prev_reps INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_cards ADD COLUMN prev_lapses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_cards ADD COLUMN prev_state INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_cards ADD COLUMN prev_last_review INTEGER NOT NULL DEFAULT 0;
