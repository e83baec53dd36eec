-- +goose Up
-- The levels a question is asked at (intern, new grad, mid, senior, staff),
-- joined by ';' like roles; '' for questions imported without levels.
ALTER TABLE questions ADD COLUMN level TEXT NOT NULL DEFAULT '';
