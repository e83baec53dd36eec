-- Peer mock interviews: per-server settings, the queue, pairings with
-- their members, feedback, no-show counts and weekly-round opt-ins.
-- Times are unix milliseconds. Forward-only: there is no Down section.

-- +goose Up
CREATE TABLE mock_settings (
    guild_id          TEXT PRIMARY KEY,
    channel_id        TEXT NOT NULL DEFAULT '',    -- where pairing threads open; '' = where /mock was used
    expiry_minutes    INTEGER NOT NULL DEFAULT 0,  -- 0 = the bot's default
    voice_category_id TEXT NOT NULL DEFAULT '',    -- '' = no voice channels
    rounds_role_id    TEXT NOT NULL DEFAULT '',
    rounds_weekday    INTEGER NOT NULL DEFAULT 0,  -- 0 Sunday .. 6 Saturday
    rounds_time       TEXT NOT NULL DEFAULT '',    -- HH:MM, UTC
    rounds_enabled    INTEGER NOT NULL DEFAULT 0,
    rounds_next_at    INTEGER NOT NULL DEFAULT 0,  -- when the next round is due
    updated_at        INTEGER NOT NULL
);

-- One entry per member per server: a member waits for one interview at a time.
CREATE TABLE mock_queue (
    id         INTEGER PRIMARY KEY,
    guild_id   TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    topic      TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    company    TEXT NOT NULL DEFAULT '',
    level      TEXT NOT NULL DEFAULT '',
    channel_id TEXT NOT NULL DEFAULT '',  -- where /mock was used: thread parent and notices
    joined_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    front      INTEGER NOT NULL DEFAULT 0,  -- re-queued after a no-show
    UNIQUE (guild_id, user_id)
);
CREATE INDEX mock_queue_topic ON mock_queue (guild_id, topic, expires_at);
CREATE INDEX mock_queue_expiry ON mock_queue (expires_at);

CREATE TABLE mock_pairings (
    id               INTEGER PRIMARY KEY,
    guild_id         TEXT NOT NULL,
    topic            TEXT NOT NULL,
    source           TEXT NOT NULL CHECK (source IN ('queue', 'round')),
    status           TEXT NOT NULL CHECK (status IN ('open', 'finished', 'noshow', 'cancelled', 'expired')),
    channel_id       TEXT NOT NULL DEFAULT '',  -- the thread's parent
    thread_id        TEXT NOT NULL DEFAULT '',
    voice_channel_id TEXT NOT NULL DEFAULT '',
    created_at       INTEGER NOT NULL,
    suggested_start  INTEGER NOT NULL,
    started_at       INTEGER NOT NULL DEFAULT 0,
    swapped_at       INTEGER NOT NULL DEFAULT 0,
    ended_at         INTEGER NOT NULL DEFAULT 0,
    last_activity    INTEGER NOT NULL,
    waited_ms        INTEGER NOT NULL DEFAULT 0,  -- how long the partner waited in the queue
    reminder_sent    INTEGER NOT NULL DEFAULT 0,
    checkin_sent     INTEGER NOT NULL DEFAULT 0,
    met              INTEGER NOT NULL DEFAULT 0,
    archived         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mock_pairings_thread ON mock_pairings (thread_id);
CREATE INDEX mock_pairings_due ON mock_pairings (archived, status);
CREATE INDEX mock_pairings_topic ON mock_pairings (guild_id, topic, created_at);

CREATE TABLE mock_members (
    pairing_id   INTEGER NOT NULL REFERENCES mock_pairings (id) ON DELETE CASCADE,
    guild_id     TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL DEFAULT '',
    company      TEXT NOT NULL DEFAULT '',
    level        TEXT NOT NULL DEFAULT '',
    channel_id   TEXT NOT NULL DEFAULT '',
    open         INTEGER,                    -- 1 while the pairing is open for this member, else NULL
    question_seq INTEGER NOT NULL DEFAULT 0, -- the packet: the question this member asks
    acted        INTEGER NOT NULL DEFAULT 0, -- pressed Start, Swap roles or Finish
    PRIMARY KEY (pairing_id, user_id)
);
-- A member is in at most one open pairing per server.
CREATE UNIQUE INDEX mock_members_open ON mock_members (guild_id, user_id) WHERE open = 1;
CREATE INDEX mock_members_user ON mock_members (guild_id, user_id);

CREATE TABLE mock_feedback (
    pairing_id      INTEGER NOT NULL REFERENCES mock_pairings (id) ON DELETE CASCADE,
    guild_id        TEXT NOT NULL,
    giver_id        TEXT NOT NULL,
    receiver_id     TEXT NOT NULL,
    communication   INTEGER NOT NULL CHECK (communication BETWEEN 1 AND 5),
    problem_solving INTEGER NOT NULL CHECK (problem_solving BETWEEN 1 AND 5),
    structure       INTEGER NOT NULL CHECK (structure BETWEEN 1 AND 5),
    went_well       TEXT NOT NULL DEFAULT '',
    improve         TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL DEFAULT '',  -- the post in the thread, edited when feedback is edited
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (pairing_id, giver_id, receiver_id)
);
CREATE INDEX mock_feedback_receiver ON mock_feedback (guild_id, receiver_id, created_at);

CREATE TABLE mock_noshows (
    guild_id TEXT NOT NULL,
    user_id  TEXT NOT NULL,
    count    INTEGER NOT NULL DEFAULT 0,
    last_at  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE mock_round_members (
    guild_id  TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
