-- +goose Up
-- Spaced review (/review): one FSRS card per member, server and question
-- the member rated. Reviews are per server, like the bank a server sees.
-- Times are unix milliseconds; last_review is 0 for none. Only a rated
-- question has a row: a question merely seen is not scheduled.
CREATE TABLE review_cards (
    guild_id     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    question_seq INTEGER NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
    due          INTEGER NOT NULL,
    stability    REAL NOT NULL,
    difficulty   REAL NOT NULL,
    reps         INTEGER NOT NULL,
    lapses       INTEGER NOT NULL,
    state        INTEGER NOT NULL,
    last_review  INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id, question_seq)
) WITHOUT ROWID;
CREATE INDEX review_cards_due ON review_cards (guild_id, user_id, due);
