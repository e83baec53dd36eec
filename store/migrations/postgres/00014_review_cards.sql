-- +goose Up
-- Spaced review (/review): one FSRS card per member, server and question
-- the member rated. Reviews are per server, like the bank a server sees.
-- Times are unix milliseconds; last_review is 0 for none. Only a rated
-- question has a row: a question merely seen is not scheduled.
CREATE TABLE review_cards (
    guild_id     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    question_seq BIGINT NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
    due          BIGINT NOT NULL,
    stability    DOUBLE PRECISION NOT NULL,
    difficulty   DOUBLE PRECISION NOT NULL,
    reps         BIGINT NOT NULL,
    lapses       BIGINT NOT NULL,
    state        BIGINT NOT NULL,
    last_review  BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (guild_id, user_id, question_seq)
);
CREATE INDEX review_cards_due ON review_cards (guild_id, user_id, due);
