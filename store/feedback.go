package store

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// PeerFeedback is the feedback members of a pairing give each other after
// a mock interview, and the drafts of it. (Feedback is one such form.)
type PeerFeedback struct{ *shared }

// MaxFeedbackText is the longest "what went well" or "what to improve"
// text, in characters.
const MaxFeedbackText = 1000

// Feedback is what one member of a pairing wrote about another.
type Feedback struct {
	PairingID      int64  `db:"pairing_id"`
	GuildID        string `db:"guild_id"`
	GiverID        string `db:"giver_id"`
	ReceiverID     string `db:"receiver_id"`
	Communication  int    `db:"communication"`
	ProblemSolving int    `db:"problem_solving"`
	Structure      int    `db:"structure"`
	WentWell       string `db:"went_well"`
	Improve        string `db:"improve"`
	MessageID      string `db:"message_id"`
	// DMMessageID is the direct message that shows the feedback to its
	// receiver; MessageID is the thread's note that it was given.
	DMMessageID string `db:"dm_message_id"`
	CreatedMs   int64  `db:"created_at"`
	UpdatedMs   int64  `db:"updated_at"`
}

// Created returns when the feedback was first given.
func (f *Feedback) Created() time.Time { return time.UnixMilli(f.CreatedMs) }

const feedbackCols = `pairing_id, guild_id, giver_id, receiver_id, communication, problem_solving, structure,
	went_well, improve, message_id, dm_message_id, created_at, updated_at`

// Validate checks ratings (1 to 5) and text lengths.
func (f *Feedback) Validate() error {
	for _, r := range []struct {
		name string
		v    int
	}{{"Communication", f.Communication}, {"Problem solving", f.ProblemSolving}, {"Structure", f.Structure}} {
		if r.v < 1 || r.v > 5 {
			return errs.E(errs.Invalid, "%s must be a whole number from 1 to 5.", r.name)
		}
	}
	for _, t := range []struct{ name, v string }{{"What went well", f.WentWell}, {"What to improve", f.Improve}} {
		if !utf8.ValidString(t.v) {
			return errs.E(errs.Invalid, "%s is not valid text.", t.name)
		}
		if n := utf8.RuneCountInString(t.v); n > MaxFeedbackText {
			return errs.E(errs.Invalid, "%s is %d characters long; the limit is %d.", t.name, n, MaxFeedbackText)
		}
	}
	return nil
}

// Save stores feedback from a member of a pairing about another
// member: once per giver and receiver, replaced when given again, until
// the pairing is archived, and deletes the giver's draft for it. Both
// must still take part in the pairing (neither reported as a no-show). It
// reports whether the feedback is new.
func (s *PeerFeedback) Save(ctx context.Context, f Feedback) (created bool, err error) {
	if err := f.Validate(); err != nil {
		return false, err
	}
	err = s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, f.PairingID)
		if err != nil {
			return err
		}
		if err := feedbackAllowed(p, f.GiverID, f.ReceiverID); err != nil {
			return err
		}
		now := s.now().UnixMilli()
		var n int
		if err := tx.GetContext(ctx, &n, "SELECT count(*) FROM mock_feedback WHERE pairing_id = ? AND giver_id = ? AND receiver_id = ?",
			f.PairingID, f.GiverID, f.ReceiverID); err != nil {
			return err
		}
		created = n == 0
		_, err = tx.ExecContext(ctx, `INSERT INTO mock_feedback (`+feedbackCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?)
			ON CONFLICT (pairing_id, giver_id, receiver_id) DO UPDATE SET communication = excluded.communication,
			problem_solving = excluded.problem_solving, structure = excluded.structure, went_well = excluded.went_well,
			improve = excluded.improve, updated_at = excluded.updated_at`,
			f.PairingID, p.GuildID, f.GiverID, f.ReceiverID, f.Communication, f.ProblemSolving, f.Structure,
			f.WentWell, f.Improve, now, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM mock_feedback_drafts WHERE pairing_id = ? AND giver_id = ? AND receiver_id = ?",
			f.PairingID, f.GiverID, f.ReceiverID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET last_activity = ? WHERE id = ?", now, f.PairingID)
		return err
	})
	return created, err
}

// Of returns the feedback giver gave receiver in a pairing, or nil.
func (s *PeerFeedback) Of(ctx context.Context, pairingID int64, giverID, receiverID string) (*Feedback, error) {
	return getRow[Feedback](ctx, s.r, "SELECT "+feedbackCols+" FROM mock_feedback WHERE pairing_id = ? AND giver_id = ? AND receiver_id = ?",
		pairingID, giverID, receiverID)
}

// SetMessage records the thread message that shows a feedback.
func (s *PeerFeedback) SetMessage(ctx context.Context, pairingID int64, giverID, receiverID, messageID string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_feedback SET message_id = ? WHERE pairing_id = ? AND giver_id = ? AND receiver_id = ?",
			messageID, pairingID, giverID, receiverID)
		return err
	})
}

// OfPairing returns every feedback given in a pairing.
func (s *PeerFeedback) OfPairing(ctx context.Context, pairingID int64) ([]Feedback, error) {
	var out []Feedback
	err := s.r.SelectContext(ctx, &out, "SELECT "+feedbackCols+" FROM mock_feedback WHERE pairing_id = ? ORDER BY created_at", pairingID)
	return out, err
}

// FeedbackSummary is a member's received feedback in a server, averaged.
type FeedbackSummary struct {
	Count          int     `db:"n"`
	Communication  float64 `db:"communication"`
	ProblemSolving float64 `db:"problem_solving"`
	Structure      float64 `db:"structure"`
	// Interviews counts the member's pairings that count as interviews:
	// not cancelled, not ended by a no-show, the member not reported
	// absent, and not finished sooner than MinInterview after the
	// pairing was made. NoShows is their no-show count.
	Interviews int
	NoShows    int
}

// Summary averages the ratings userID received in a server.
func (s *PeerFeedback) Summary(ctx context.Context, guildID, userID string) (*FeedbackSummary, error) {
	out := &FeedbackSummary{}
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		if err := tx.GetContext(ctx, out, `SELECT count(*) AS n, COALESCE(AVG(communication), 0) AS communication,
			COALESCE(AVG(problem_solving), 0) AS problem_solving, COALESCE(AVG(structure), 0) AS structure
			FROM mock_feedback WHERE guild_id = ? AND receiver_id = ?`, guildID, userID); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out.Interviews, `SELECT count(*) FROM mock_members m JOIN mock_pairings p ON p.id = m.pairing_id
			WHERE m.guild_id = ? AND m.user_id = ? AND `+interviewCounted, guildID, userID, MinInterview.Milliseconds()); err != nil {
			return err
		}
		var err error
		out.NoShows, err = noShows(ctx, tx, guildID, userID)
		return err
	})
	return out, err
}

// Received returns the latest feedback userID received in a
// server, newest first.
func (s *PeerFeedback) Received(ctx context.Context, guildID, userID string, limit int) ([]Feedback, error) {
	var out []Feedback
	err := s.r.SelectContext(ctx, &out, "SELECT "+feedbackCols+` FROM mock_feedback WHERE guild_id = ? AND receiver_id = ?
		ORDER BY created_at DESC, pairing_id DESC LIMIT ?`, guildID, userID, limit)
	return out, err
}

// feedbackAllowed refuses feedback in p from giver to receiver unless both
// still take part in it and the pairing accepts feedback.
func feedbackAllowed(p *Pairing, giverID, receiverID string) error {
	if p.Member(giverID) == nil {
		return errs.E(errs.Invalid, "Only the members of this mock interview can give feedback on it.")
	}
	if err := activeMember(p, giverID); err != nil {
		return err
	}
	r := p.Member(receiverID)
	if r == nil || receiverID == giverID {
		return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
	}
	if r.Absent {
		return errs.E(errs.Conflict, "<@%s> was reported as not coming to this mock interview, so there is no session to give feedback on.", receiverID)
	}
	if p.Archived {
		return errs.E(errs.Conflict, "This mock interview's thread is archived: its feedback can no longer be changed.")
	}
	if p.Status == PairingCancelled {
		return errs.E(errs.Conflict, "This mock interview was cancelled.")
	}
	return nil
}

// FeedbackDraft is what a member typed in a feedback form that had
// problems, kept so the form reopens filled in. Ratings are kept as typed.
type FeedbackDraft struct {
	PairingID      int64  `db:"pairing_id"`
	GiverID        string `db:"giver_id"`
	ReceiverID     string `db:"receiver_id"`
	Communication  string `db:"communication"`
	ProblemSolving string `db:"problem_solving"`
	Structure      string `db:"structure"`
	WentWell       string `db:"went_well"`
	Improve        string `db:"improve"`
	UpdatedMs      int64  `db:"updated_at"`
}

// MaxDraftRating is the longest typed rating a draft keeps (the form's
// rating inputs take one character).
const MaxDraftRating = 1

// clip returns s cut to at most n characters (a draft keeps no more than
// the form's inputs accept, so it can be shown in them again).
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// SaveDraft keeps what giver typed for receiver in a pairing,
// replacing an earlier draft. Texts are kept up to MaxFeedbackText
// characters and ratings up to MaxDraftRating, what the form accepts.
func (s *PeerFeedback) SaveDraft(ctx context.Context, d FeedbackDraft) error {
	for _, v := range []string{d.Communication, d.ProblemSolving, d.Structure, d.WentWell, d.Improve} {
		if !utf8.ValidString(v) {
			return errs.E(errs.Invalid, "The form holds text that is not valid.")
		}
	}
	d.Communication, d.ProblemSolving, d.Structure = clip(d.Communication, MaxDraftRating), clip(d.ProblemSolving, MaxDraftRating), clip(d.Structure, MaxDraftRating)
	d.WentWell, d.Improve = clip(d.WentWell, MaxFeedbackText), clip(d.Improve, MaxFeedbackText)
	return s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, d.PairingID)
		if err != nil {
			return err
		}
		if err := feedbackAllowed(p, d.GiverID, d.ReceiverID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO mock_feedback_drafts (pairing_id, giver_id, receiver_id, communication,
			problem_solving, structure, went_well, improve, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (pairing_id, giver_id, receiver_id) DO UPDATE SET communication = excluded.communication,
			problem_solving = excluded.problem_solving, structure = excluded.structure, went_well = excluded.went_well,
			improve = excluded.improve, updated_at = excluded.updated_at`,
			d.PairingID, d.GiverID, d.ReceiverID, d.Communication, d.ProblemSolving, d.Structure, d.WentWell, d.Improve,
			s.now().UnixMilli())
		return err
	})
}

// DraftOf returns giver's draft for receiver in a pairing, or nil.
func (s *PeerFeedback) DraftOf(ctx context.Context, pairingID int64, giverID, receiverID string) (*FeedbackDraft, error) {
	return getRow[FeedbackDraft](ctx, s.r, `SELECT pairing_id, giver_id, receiver_id, communication, problem_solving, structure,
		went_well, improve, updated_at FROM mock_feedback_drafts WHERE pairing_id = ? AND giver_id = ? AND receiver_id = ?`,
		pairingID, giverID, receiverID)
}

// SetDM records the direct message that shows a feedback to its
// receiver.
func (s *PeerFeedback) SetDM(ctx context.Context, pairingID int64, giverID, receiverID, messageID string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_feedback SET dm_message_id = ? WHERE pairing_id = ? AND giver_id = ? AND receiver_id = ?",
			messageID, pairingID, giverID, receiverID)
		return err
	})
}
