-- +goose Up
-- A member's place in their pairing (0, 1, 2 in the order they were
-- paired), which the interview packet and the thread's roll call follow.
ALTER TABLE mock_members ADD COLUMN seat BIGINT NOT NULL DEFAULT 0;
