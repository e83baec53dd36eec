-- Weekly mock rounds: the sign-up message, posted once and edited when the
-- rounds change ('' = none posted yet), and the topic each member who joined
-- chose ('' = the week's topic, which the topics take turns at).
-- Forward-only: there is no Down section.

-- +goose Up
ALTER TABLE mock_settings ADD COLUMN rounds_channel_id TEXT NOT NULL DEFAULT '';
ALTER TABLE mock_settings ADD COLUMN rounds_message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE mock_round_members ADD COLUMN topic TEXT NOT NULL DEFAULT '';
