-- +goose Up
-- Which server each question was shown in, so that /profile counts a
-- member's questions per server. seen, which picks read to avoid repeats,
-- stays one row per member and question wherever it was shown. History from
-- before this table has no server: it counts only on the member's own
-- profile, in the "everywhere" figure.
CREATE TABLE seen_guilds (
    user_id  TEXT NOT NULL,
    guild_id TEXT NOT NULL,
    seq      BIGINT NOT NULL REFERENCES questions (seq) ON DELETE CASCADE,
    PRIMARY KEY (user_id, guild_id, seq)
);
