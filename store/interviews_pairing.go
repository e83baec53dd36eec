package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

// Pairing is two (or, in weekly rounds, three) members paired for a mock
// interview.
type Pairing struct {
	ID             int64  `db:"id"`
	GuildID        string `db:"guild_id"`
	Topic          string `db:"topic"`
	Source         string `db:"source"`
	Status         string `db:"status"`
	ChannelID      string `db:"channel_id"`
	ThreadID       string `db:"thread_id"`
	VoiceChannelID string `db:"voice_channel_id"`
	CreatedMs      int64  `db:"created_at"`
	StartMs        int64  `db:"suggested_start"`
	StartedMs      int64  `db:"started_at"`
	SwappedMs      int64  `db:"swapped_at"`
	EndedMs        int64  `db:"ended_at"`
	LastActivityMs int64  `db:"last_activity"`
	WaitedMs       int64  `db:"waited_ms"`
	ReminderSent   bool   `db:"reminder_sent"`
	CheckinSent    bool   `db:"checkin_sent"`
	Met            bool   `db:"met"`
	Archived       bool   `db:"archived"`
	Members        []PairMember
}

// PairMember is one member of a pairing.
type PairMember struct {
	UserID      string `db:"user_id"`
	Role        string `db:"role"`
	Company     string `db:"company"`
	Level       string `db:"level"`
	ChannelID   string `db:"channel_id"`
	Open        bool   `db:"open"`
	QuestionSeq int64  `db:"question_seq"`
	Acted       bool   `db:"acted"`
	// Absent is set when a partner reported this member as a no-show: they
	// take no further part in the pairing.
	Absent bool `db:"absent"`
}

// SuggestedStart returns the suggested start of the session.
func (p *Pairing) SuggestedStart() time.Time { return time.UnixMilli(p.StartMs) }

// IsOpen reports whether the pairing is still running.
func (p *Pairing) IsOpen() bool { return p.Status == PairingOpen }

// Member returns the pairing's member userID, or nil.
func (p *Pairing) Member(userID string) *PairMember {
	for i := range p.Members {
		if p.Members[i].UserID == userID {
			return &p.Members[i]
		}
	}
	return nil
}

// Active returns the pairing's member userID while they still take part
// (not reported as a no-show), or nil.
func (p *Pairing) Active(userID string) *PairMember {
	if m := p.Member(userID); m != nil && !m.Absent {
		return m
	}
	return nil
}

// Partners returns the members other than userID who still take part.
func (p *Pairing) Partners(userID string) []PairMember {
	var out []PairMember
	for _, m := range p.Members {
		if m.UserID != userID && !m.Absent {
			out = append(out, m)
		}
	}
	return out
}

// ActiveMembers returns the members who still take part (not reported as
// no-shows).
func (p *Pairing) ActiveMembers() []PairMember { return p.Partners("") }

// Others returns the members other than userID.
func (p *Pairing) Others(userID string) []PairMember {
	var out []PairMember
	for _, m := range p.Members {
		if m.UserID != userID {
			out = append(out, m)
		}
	}
	return out
}

// UserIDs returns the members' user ids.
func (p *Pairing) UserIDs() []string {
	out := make([]string, len(p.Members))
	for i, m := range p.Members {
		out[i] = m.UserID
	}
	return out
}

const pairingCols = `id, guild_id, topic, source, status, channel_id, thread_id, voice_channel_id, created_at, suggested_start,
	started_at, swapped_at, ended_at, last_activity, waited_ms, reminder_sent, checkin_sent, met, archived`

type newPairing struct {
	guild, topic, source, channel string
	now, start                    time.Time
	waited                        time.Duration
	members                       []PairMember
}

func insertPairing(ctx context.Context, tx *sqlx.Tx, np newPairing) (*Pairing, error) {
	if np.start.IsZero() {
		np.start = np.now
	}
	var id int64
	err := tx.GetContext(ctx, &id, `INSERT INTO mock_pairings (guild_id, topic, source, status, channel_id, created_at,
		suggested_start, last_activity, waited_ms) VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?) RETURNING id`,
		np.guild, np.topic, np.source, np.channel, np.now.UnixMilli(), np.start.UnixMilli(), np.now.UnixMilli(), np.waited.Milliseconds())
	if err != nil {
		return nil, err
	}
	for seat, m := range np.members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_members (pairing_id, guild_id, user_id, role, company, level, channel_id, open, seat)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`, id, np.guild, m.UserID, m.Role, m.Company, m.Level, m.ChannelID, seat); err != nil {
			if unique(err) {
				return nil, errs.Wrap(errs.Conflict, err, "A member is already in an open mock interview.")
			}
			return nil, err
		}
	}
	return pairingTx(ctx, tx, id)
}

func pairingTx(ctx context.Context, tx *sqlx.Tx, id int64) (*Pairing, error) {
	p, err := getRow[Pairing](ctx, tx, "SELECT "+pairingCols+" FROM mock_pairings WHERE id = ?", id)
	if p, err = found(p, err, errs.E(errs.NotFound, "This mock interview no longer exists.")); err != nil {
		return nil, err
	}
	err = tx.SelectContext(ctx, &p.Members, `SELECT user_id, role, company, level, channel_id, COALESCE(open, 0) AS open,
		question_seq, acted, EXISTS (SELECT 1 FROM mock_noshow_reports r WHERE r.pairing_id = mock_members.pairing_id
			AND r.absent_id = mock_members.user_id) AS absent
		FROM mock_members WHERE pairing_id = ? ORDER BY seat, user_id`, id)
	return p, err
}

func openPairingOf(ctx context.Context, tx *sqlx.Tx, guildID, userID string) (*Pairing, error) {
	id, err := getRow[int64](ctx, tx, "SELECT pairing_id FROM mock_members WHERE guild_id = ? AND user_id = ? AND open = 1", guildID, userID)
	if id == nil {
		return nil, err
	}
	return pairingTx(ctx, tx, *id)
}

// Pairing returns a pairing by id.
func (s *Interviews) Pairing(ctx context.Context, id int64) (*Pairing, error) {
	var p *Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		var err error
		p, err = pairingTx(ctx, tx, id)
		return err
	})
	return p, err
}

// PairingByThread returns the pairing whose thread is threadID, or nil.
func (s *Interviews) PairingByThread(ctx context.Context, threadID string) (*Pairing, error) {
	if threadID == "" {
		return nil, nil
	}
	var p *Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		id, err := getRow[int64](ctx, tx, "SELECT id FROM mock_pairings WHERE thread_id = ?", threadID)
		if id == nil {
			return err
		}
		p, err = pairingTx(ctx, tx, *id)
		return err
	})
	return p, err
}

// OpenPairingOf returns the member's open pairing in a server, or nil.
func (s *Interviews) OpenPairingOf(ctx context.Context, guildID, userID string) (*Pairing, error) {
	var p *Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		var err error
		p, err = openPairingOf(ctx, tx, guildID, userID)
		return err
	})
	return p, err
}

// SetPairingChannels records a pairing's thread and voice channel.
func (s *Interviews) SetPairingChannels(ctx context.Context, id int64, parentID, threadID, voiceID string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET channel_id = ?, thread_id = ?, voice_channel_id = ? WHERE id = ?",
			parentID, threadID, voiceID, id)
		return err
	})
}

// CancelPairing ends a pairing that could not be set up (its thread could
// not be created) and, with requeue, puts its members back at the front of
// the queue.
func (s *Interviews) CancelPairing(ctx context.Context, id int64, requeue bool, defaultExpiry time.Duration) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := endPairing(ctx, tx, p, PairingCancelled, s.now()); err != nil || !requeue {
			return err
		}
		set, err := mockSettings(ctx, tx, p.GuildID)
		if err != nil {
			return err
		}
		for _, m := range p.Members {
			if err := requeueFront(ctx, tx, p, m, set.Expiry(defaultExpiry), s.now()); err != nil {
				return err
			}
		}
		return nil
	})
}

func endPairing(ctx context.Context, tx *sqlx.Tx, p *Pairing, status string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET status = ?, ended_at = ?, last_activity = ? WHERE id = ? AND status = 'open'",
		status, now.UnixMilli(), now.UnixMilli(), p.ID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "UPDATE mock_members SET open = NULL WHERE pairing_id = ?", p.ID)
	p.Status, p.EndedMs = status, now.UnixMilli()
	return err
}

func requeueFront(ctx context.Context, tx *sqlx.Tx, p *Pairing, m PairMember, expiry time.Duration, now time.Time) error {
	ch := m.ChannelID
	if ch == "" {
		ch = p.ChannelID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mock_queue (guild_id, user_id, topic, role, company, level, channel_id, joined_at, expires_at, front)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
		ON CONFLICT (guild_id, user_id) DO UPDATE SET topic = excluded.topic, front = 1, expires_at = excluded.expires_at`,
		p.GuildID, m.UserID, p.Topic, m.Role, m.Company, m.Level, ch, now.UnixMilli(), now.Add(expiry).UnixMilli())
	return err
}

// Pairing actions members take with the thread's buttons.
const (
	ActionStart  = "start"
	ActionSwap   = "swap"
	ActionFinish = "finish"
)

// PairingAction records Start, Swap roles or Finish by a member and
// returns the updated pairing. Finish ends the pairing. Start and Swap
// roles happen once: a second Start or Swap roles, like any action on a
// pairing that has ended, is refused with a Conflict error.
func (s *Interviews) PairingAction(ctx context.Context, id int64, userID, action string) (*Pairing, error) {
	var out *Pairing
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := activePairing(ctx, tx, id, userID)
		if err != nil {
			return err
		}
		if !p.IsOpen() {
			return errs.E(errs.Conflict, "This mock interview has already ended.")
		}
		now := s.now().UnixMilli()
		switch action {
		case ActionStart:
			if p.StartedMs != 0 {
				return errs.E(errs.Conflict, "The session already started <t:%d:R>.", p.StartedMs/1000)
			}
			_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET started_at = ?, last_activity = ? WHERE id = ?", now, now, id)
		case ActionSwap:
			// Once per interview: when both members press it, the second
			// press (however close) finds it done and posts nothing.
			if p.SwappedMs != 0 {
				return errs.E(errs.Conflict, "Roles were already swapped <t:%d:R>: the second half is under way.", p.SwappedMs/1000)
			}
			if p.StartedMs == 0 {
				_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET started_at = ? WHERE id = ?", now, id)
				if err != nil {
					return err
				}
			}
			_, err = tx.ExecContext(ctx, "UPDATE mock_pairings SET swapped_at = ?, last_activity = ? WHERE id = ?", now, now, id)
		case ActionFinish:
			err = endPairing(ctx, tx, p, PairingFinished, s.now())
		default:
			return errs.E(errs.Invalid, "Unknown action %q.", action)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mock_members SET acted = 1 WHERE pairing_id = ? AND user_id = ?", id, userID); err != nil {
			return err
		}
		out, err = pairingTx(ctx, tx, id)
		return err
	})
	return out, err
}

// AssignPacket returns the question userID asks in a pairing: the one
// already assigned, or a new one chosen with the first filter that matches
// anything, that no other member of the pairing asks, preferring questions
// userID has not seen (then the one seen longest ago). A new pick is marked
// seen for userID. It returns a NotFound error when no filter matches.
func (s *Interviews) AssignPacket(ctx context.Context, id int64, userID string, filters []Filter) (*Question, error) {
	s.settle(ctx, userID)
	var out *Question
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := activePairing(ctx, tx, id, userID)
		if err != nil {
			return err
		}
		m := p.Member(userID)
		if m.QuestionSeq != 0 {
			var r row
			if err := tx.GetContext(ctx, &r, "SELECT "+questionCols+" FROM questions WHERE seq = ?", m.QuestionSeq); err == nil {
				out = r.question()
				return nil
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		var exclude []any
		for _, o := range p.Members {
			if o.UserID != userID && o.QuestionSeq != 0 {
				exclude = append(exclude, o.QuestionSeq)
			}
		}
		for _, f := range packetFilters(filters, p.PacketLevel(userID)) {
			where, args := f.where(s.dialect)
			q := "SELECT " + prefixCols("q.") + " FROM questions q LEFT JOIN seen s ON s.seq = q.seq AND s.user_id = ? WHERE " + where
			args = append([]any{userID}, args...)
			if len(exclude) > 0 {
				q += " AND q.seq NOT IN (?" + strings.Repeat(", ?", len(exclude)-1) + ")"
				args = append(args, exclude...)
			}
			q += " ORDER BY s.seen_at IS NOT NULL, s.seen_at, random() LIMIT 1"
			var r row
			err := tx.GetContext(ctx, &r, q, args...)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			out = r.question()
			break
		}
		if out == nil {
			return errs.E(errs.NotFound, "No question in this server's bank fits this interview's topic; an admin can import some with /bank import.")
		}
		now := s.now().UnixMilli()
		if _, err := tx.ExecContext(ctx, "UPDATE mock_members SET question_seq = ? WHERE pairing_id = ? AND user_id = ?", out.Seq, id, userID); err != nil {
			return err
		}
		return markSeen(ctx, tx, userID, p.GuildID, out.Seq, now)
	})
	return out, err
}

// TouchPairingThread records activity in a pairing's thread (a message),
// which keeps it from being archived as silent. It reports whether the
// thread belongs to an unarchived pairing.
func (s *Interviews) TouchPairingThread(ctx context.Context, threadID string) (bool, error) {
	var n int
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM mock_pairings WHERE thread_id = ? AND archived = 0", threadID); err != nil || n == 0 {
		return false, err
	}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		// An agreed time ahead (see Availability.AcceptProposal) stays the
		// latest activity.
		now := s.now().UnixMilli()
		_, err := tx.ExecContext(ctx, `UPDATE mock_pairings SET last_activity = CASE WHEN last_activity > ? THEN last_activity ELSE ? END
			WHERE thread_id = ? AND archived = 0`, now, now, threadID)
		return err
	})
	return true, err
}

// ActivePairings returns the pairings not yet archived, for the sweep.
func (s *Interviews) ActivePairings(ctx context.Context, on shard.Set) ([]*Pairing, error) {
	var out []*Pairing
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, "SELECT id FROM mock_pairings WHERE archived = 0 AND "+onShards(on, "guild_id")+" ORDER BY id"); err != nil {
			return err
		}
		for _, id := range ids {
			p, err := pairingTx(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// Pairing flags the sweep sets once.
const (
	FlagReminder = "reminder_sent"
	FlagCheckin  = "checkin_sent"
	FlagMet      = "met"
)

// ClaimPairingFlag sets a once-only flag of a pairing and reports whether
// this call set it.
func (s *Interviews) ClaimPairingFlag(ctx context.Context, id int64, flag string) (bool, error) {
	switch flag {
	case FlagReminder, FlagCheckin, FlagMet:
	default:
		return false, fmt.Errorf("unknown pairing flag %q", flag)
	}
	return s.changedOne(ctx, "UPDATE mock_pairings SET "+flag+" = 1 WHERE id = ? AND "+flag+" = 0", id)
}

// ArchivePairing marks a pairing archived (its thread went silent): an
// open pairing ends as expired, and feedback can no longer be edited. It
// reports whether this call archived it.
func (s *Interviews) ArchivePairing(ctx context.Context, id int64) (bool, error) {
	var done bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := pairingTx(ctx, tx, id)
		if err != nil || p.Archived {
			return err
		}
		if p.IsOpen() {
			if err := endPairing(ctx, tx, p, PairingExpired, s.now()); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mock_pairings SET archived = 1 WHERE id = ?", id); err != nil {
			return err
		}
		// Feedback can no longer be given: unsent drafts go.
		_, err = tx.ExecContext(ctx, "DELETE FROM mock_feedback_drafts WHERE pairing_id = ?", id)
		done = err == nil
		return err
	})
	return done, err
}
