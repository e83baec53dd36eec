-- +goose Up
-- The time zone of a server's weekly mock rounds (an IANA name); '' is UTC,
-- which is what rounds used before.
ALTER TABLE mock_settings ADD COLUMN rounds_timezone TEXT NOT NULL DEFAULT '';
