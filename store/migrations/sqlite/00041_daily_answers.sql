-- +goose Up
-- Private answers to a daily post, posted into its thread at the reveal,
-- one per member and post, editable until the reveal. submitted_at is the
-- first submission (the order answers are posted in); post_state is the
-- answer's own claim in the reveal ('' not yet, 'claimed' by claimant at
-- claimed_at, 'posted', 'failed'), parts_sent how many of its messages went
-- out, message_id the last of them (it carries the Vote button).
CREATE TABLE daily_answers (
    id           INTEGER PRIMARY KEY,
    post_id      INTEGER NOT NULL,
    guild_id     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    body         TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    post_state   TEXT NOT NULL DEFAULT '' CHECK (post_state IN ('', 'claimed', 'posted', 'failed')),
    claimant     TEXT NOT NULL DEFAULT '',
    claimed_at   INTEGER NOT NULL DEFAULT 0,
    attempts     INTEGER NOT NULL DEFAULT 0,
    parts_sent   INTEGER NOT NULL DEFAULT 0,
    message_id   TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    UNIQUE (post_id, user_id)
);
CREATE INDEX daily_answers_post ON daily_answers (post_id, post_state, submitted_at);
CREATE INDEX daily_answers_user ON daily_answers (user_id);
CREATE INDEX daily_answers_unposted ON daily_answers (post_state, claimed_at);

-- One vote per member and post, for one answer.
CREATE TABLE daily_votes (
    post_id   INTEGER NOT NULL,
    user_id   TEXT NOT NULL,
    answer_id INTEGER NOT NULL,
    guild_id  TEXT NOT NULL,
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX daily_votes_answer ON daily_votes (answer_id);

-- The best answer of a post, decided once (answer_id 0 and user_id '': no
-- answer had a vote) and announced in the thread: state 'claimed' while
-- claimant announces it, then 'done' or 'failed'.
CREATE TABLE daily_best_answers (
    post_id    INTEGER PRIMARY KEY,
    guild_id   TEXT NOT NULL,
    local_date TEXT NOT NULL,
    answer_id  INTEGER NOT NULL DEFAULT 0,
    user_id    TEXT NOT NULL DEFAULT '',
    votes      INTEGER NOT NULL DEFAULT 0,
    state      TEXT NOT NULL CHECK (state IN ('claimed', 'done', 'failed')),
    claimant   TEXT NOT NULL DEFAULT '',
    claimed_at INTEGER NOT NULL DEFAULT 0,
    decided_at INTEGER NOT NULL DEFAULT 0,
    error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX daily_best_answers_member ON daily_best_answers (guild_id, user_id, local_date);
