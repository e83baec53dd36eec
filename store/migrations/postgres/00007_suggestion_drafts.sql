-- What a member typed in the suggestion form when it was refused, so the
-- form reopens as they left it. One draft per member, server and target:
-- suggestion_id 0 is a new suggestion, any other the suggestion a
-- moderator is editing. A draft is deleted when it is sent, and drafts
-- older than a week are deleted whenever one is saved.
-- Forward-only: there is no Down section.

-- +goose Up
CREATE TABLE suggestion_drafts (
    guild_id            TEXT NOT NULL,
    user_id             TEXT NOT NULL,
    suggestion_id       BIGINT NOT NULL DEFAULT 0,
    title               TEXT NOT NULL,
    company_role        TEXT NOT NULL,  -- "company / role, role" as typed
    category_difficulty TEXT NOT NULL,  -- "category / difficulty" as typed
    prompt              TEXT NOT NULL,
    answer              TEXT NOT NULL,
    created_at          BIGINT NOT NULL,  -- unix milliseconds
    PRIMARY KEY (guild_id, user_id, suggestion_id)
);
CREATE INDEX suggestion_drafts_age ON suggestion_drafts (created_at);
