-- Weekly rounds' check-in ("did you meet?") and the automatic drop of
-- members who stop answering it.

-- +goose Up
-- 1 once the member answered their pairing's check-in (We met, Not yet).
ALTER TABLE mock_members ADD COLUMN checkin_answered BIGINT NOT NULL DEFAULT 0;
-- 1 once a round pairing's check-in answers were counted (when it was
-- archived), so they are counted once.
ALTER TABLE mock_pairings ADD COLUMN checkin_tallied BIGINT NOT NULL DEFAULT 0;
-- Rounds in a row whose check-in the member left unanswered (no answer, no
-- Start, Swap roles or Finish, no no-show report); at 3 they leave the rounds.
ALTER TABLE mock_round_members ADD COLUMN missed BIGINT NOT NULL DEFAULT 0;
