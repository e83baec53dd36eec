-- +goose Up
-- The web companion. web_sessions are members logged in with Discord:
-- id_hash is the SHA-256 of the random session id the cookie carries (the
-- id itself is never stored), csrf the token every form of the session
-- carries, guilds the member's servers as Discord listed them at login
-- (JSON: id, name, permissions), access_token the member's OAuth2 token,
-- used only to re-check Manage Server with Discord before an admin
-- change. A session is deleted at logout and ignored after expires_at
-- (unix milliseconds). web_published_banks are the servers whose admins
-- publish their own questions on the public bank pages.
CREATE TABLE web_sessions (
    id_hash      TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL,
    username     TEXT NOT NULL DEFAULT '',
    csrf         TEXT NOT NULL,
    guilds       TEXT NOT NULL DEFAULT '[]',
    access_token TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_expiry ON web_sessions (expires_at);

CREATE TABLE web_published_banks (
    guild_id     TEXT PRIMARY KEY,
    published_at BIGINT NOT NULL
);
