-- The mock interview lifecycle: who reported whom as a no-show, feedback
-- drafts kept while a form has problems, and the direct message that
-- delivers a feedback to its receiver. Times are unix milliseconds.

-- +goose Up
-- One row per member reported absent from a pairing. The reporter and the
-- absent member are not paired from the queue again for 14 days; the
-- absent member takes no further part in the pairing (a trio goes on
-- without them) and does not count it as an interview.
CREATE TABLE mock_noshow_reports (
    pairing_id  BIGINT NOT NULL REFERENCES mock_pairings (id) ON DELETE CASCADE,
    guild_id    TEXT NOT NULL,
    reporter_id TEXT NOT NULL,
    absent_id   TEXT NOT NULL,
    reported_at BIGINT NOT NULL,
    told        BIGINT NOT NULL DEFAULT 0,  -- the absent member was told (by DM, or with their next /mock)
    PRIMARY KEY (pairing_id, absent_id)
);
CREATE INDEX mock_noshow_reports_absent ON mock_noshow_reports (guild_id, absent_id, reported_at);
CREATE INDEX mock_noshow_reports_reporter ON mock_noshow_reports (guild_id, reporter_id, reported_at);

-- What a member typed in a feedback form that had problems, so the form
-- reopens filled in; deleted when the feedback is saved or the pairing is
-- archived. Ratings are kept as typed.
CREATE TABLE mock_feedback_drafts (
    pairing_id      BIGINT NOT NULL REFERENCES mock_pairings (id) ON DELETE CASCADE,
    giver_id        TEXT NOT NULL,
    receiver_id     TEXT NOT NULL,
    communication   TEXT NOT NULL DEFAULT '',
    problem_solving TEXT NOT NULL DEFAULT '',
    structure       TEXT NOT NULL DEFAULT '',
    went_well       TEXT NOT NULL DEFAULT '',
    improve         TEXT NOT NULL DEFAULT '',
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (pairing_id, giver_id, receiver_id)
);

-- The direct message that shows a feedback to its receiver (edited when
-- the feedback is edited); message_id stays the thread's "A gave B
-- feedback" note.
ALTER TABLE mock_feedback ADD COLUMN dm_message_id TEXT NOT NULL DEFAULT '';
