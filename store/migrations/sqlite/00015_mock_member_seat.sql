-- +goose Up
-- A member's place in their pairing (0, 1, 2 in the order they were
-- paired), which the interview packet and the thread's roll call follow.
-- It replaces SQLite's implicit rowid order, which PostgreSQL has no
-- equivalent of; existing rows keep the order rowid gave them.
ALTER TABLE mock_members ADD COLUMN seat INTEGER NOT NULL DEFAULT 0;
UPDATE mock_members SET seat = rowid;
