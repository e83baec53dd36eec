-- +goose Up
-- What admins changed, from Discord or the web dashboard: who, what, when,
-- shown to the server's admins. A member's /mydata forget keeps the line
-- without their id.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    guild_id TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    source   TEXT NOT NULL CHECK (source IN ('discord', 'web')),
    action   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '',
    at       INTEGER NOT NULL
);
CREATE INDEX audit_log_guild ON audit_log (guild_id, id);
