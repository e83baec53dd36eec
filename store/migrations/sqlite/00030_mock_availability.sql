-- When members of a mock interview can meet: their time zones, the times
-- they propose to each other and the reminders before them; timed snoozes;
-- and the queue's check-ins. Times are unix milliseconds.

-- +goose Up
-- A member's own time zone (an IANA name), given once (in the Propose a
-- time form or with /mock timezone:) and used in every server: proposed
-- times are read in it, and matching prefers partners in near zones.
CREATE TABLE mock_member_zones (
    user_id    TEXT PRIMARY KEY,
    zone       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

-- A time proposed in a pairing. status: open (waiting for a partner),
-- accepted, or replaced (a newer proposal, or another accepted time, took
-- its place). reminder is claimed before the reminder is sent: '' not yet,
-- 'sent', or 'skipped' (the time had passed too long ago, or the pairing
-- ended).
CREATE TABLE mock_proposals (
    id          INTEGER PRIMARY KEY,
    pairing_id  INTEGER NOT NULL REFERENCES mock_pairings (id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    proposer_id TEXT NOT NULL,
    starts_at   INTEGER NOT NULL,
    zone        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    accepted_by TEXT NOT NULL DEFAULT '',
    reminder    TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE INDEX mock_proposals_pairing ON mock_proposals (pairing_id, status);
CREATE INDEX mock_proposals_due ON mock_proposals (status, reminder, starts_at);

-- A member taking a break from pairing and weekly rounds until until_at.
CREATE TABLE mock_snoozes (
    guild_id   TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    until_at   INTEGER NOT NULL,
    channel_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (guild_id, user_id)
);
CREATE INDEX mock_snoozes_until ON mock_snoozes (until_at);

-- Queue check-ins: every checkin_minutes (0: off) a waiting member is asked
-- to confirm they are still available; an unanswered check-in is a strike,
-- and checkin_strikes strikes in a row (0: the default, 2) drop them.
ALTER TABLE mock_settings ADD COLUMN checkin_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mock_settings ADD COLUMN checkin_strikes INTEGER NOT NULL DEFAULT 0;
-- When the entry's last check-in was asked (0: never), and whether it is
-- still unanswered (1).
ALTER TABLE mock_queue ADD COLUMN checkin_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mock_queue ADD COLUMN checkin_open INTEGER NOT NULL DEFAULT 0;
-- Unanswered check-ins in a row, per member and server; kept when a member
-- leaves and rejoins the queue, cleared by an answer or a drop.
CREATE TABLE mock_strikes (
    guild_id TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    strikes  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
);
