package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

// Availability is when mock interview members can meet: each member's
// time zone, the times partners propose and accept in a pairing and the
// reminder before each accepted time, timed snoozes from pairing and
// weekly rounds, and the queue's check-ins with their strikes. It is kept
// apart from Interviews, which holds the queue and pairings themselves.
type Availability struct{ *shared }

// Proposal statuses.
const (
	ProposalOpen     = "open"
	ProposalAccepted = "accepted"
	ProposalReplaced = "replaced"
)

// Reminder outcomes, claimed before a reminder is sent.
const (
	ReminderSent    = "sent"
	ReminderSkipped = "skipped"
)

// Proposal is a time a member of a pairing proposed for the interview.
type Proposal struct {
	ID         int64  `db:"id"`
	PairingID  int64  `db:"pairing_id"`
	GuildID    string `db:"guild_id"`
	ProposerID string `db:"proposer_id"`
	StartsMs   int64  `db:"starts_at"`
	Zone       string `db:"zone"` // the proposer's zone, in which it was typed
	Status     string `db:"status"`
	AcceptedBy string `db:"accepted_by"`
	Reminder   string `db:"reminder"` // "", ReminderSent or ReminderSkipped
	CreatedMs  int64  `db:"created_at"`
}

// Starts returns the proposed time.
func (p Proposal) Starts() time.Time { return time.UnixMilli(p.StartsMs) }

const proposalCols = "id, pairing_id, guild_id, proposer_id, starts_at, zone, status, accepted_by, reminder, created_at"

// MemberZone returns a member's time zone, "" when they never gave one.
func (s *Availability) MemberZone(ctx context.Context, userID string) (string, error) {
	return getOr(ctx, s.r, "", "SELECT zone FROM mock_member_zones WHERE user_id = ?", userID)
}

// SetMemberZone records a member's time zone (an IANA name).
func (s *Availability) SetMemberZone(ctx context.Context, userID, zone string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error { return setMemberZone(ctx, tx, userID, zone, s.now()) })
}

func setMemberZone(ctx context.Context, tx *sqlx.Tx, userID, zone string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mock_member_zones (user_id, zone, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET zone = excluded.zone, updated_at = excluded.updated_at`, userID, zone, now.UnixMilli())
	return err
}

// ProposeTime records a time proposed by userID, an active member of an
// open pairing, typed in zone, which becomes the member's zone. The
// pairing's other open proposals are replaced; an accepted time stays
// until a partner accepts this one.
func (s *Availability) ProposeTime(ctx context.Context, pairingID int64, userID string, at time.Time, zone string) (*Proposal, error) {
	var out *Proposal
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := openPairingFor(ctx, tx, pairingID, userID)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, "UPDATE mock_proposals SET status = 'replaced' WHERE pairing_id = ? AND status = 'open'", pairingID); err != nil {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, `INSERT INTO mock_proposals (pairing_id, guild_id, proposer_id, starts_at, zone, status, created_at)
			VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING id`, pairingID, p.GuildID, userID, at.UnixMilli(), zone, now.UnixMilli()); err != nil {
			return err
		}
		if err := setMemberZone(ctx, tx, userID, zone, now); err != nil {
			return err
		}
		out, err = proposalTx(ctx, tx, pairingID, id)
		return err
	})
	return out, err
}

// openPairingFor returns a pairing that is still open and not archived,
// of which userID is an active member.
func openPairingFor(ctx context.Context, tx *sqlx.Tx, pairingID int64, userID string) (*Pairing, error) {
	p, err := activePairing(ctx, tx, pairingID, userID)
	if err != nil {
		return nil, err
	}
	if !p.IsOpen() || p.Archived {
		return nil, errs.E(errs.Conflict, "This mock interview has ended: there is no time to agree any more.")
	}
	return p, nil
}

func proposalTx(ctx context.Context, tx *sqlx.Tx, pairingID, id int64) (*Proposal, error) {
	p, err := getRow[Proposal](ctx, tx, "SELECT "+proposalCols+" FROM mock_proposals WHERE id = ? AND pairing_id = ?", id, pairingID)
	return found(p, err, errs.E(errs.NotFound, "This proposed time no longer exists."))
}

// AcceptProposal accepts an open proposal for userID, who must be an
// active member of the open pairing other than its proposer, while the
// time is still ahead. The pairing's earlier accepted time, if any, is
// replaced, so only the latest agreed time is reminded. The agreed time
// becomes the pairing's suggested start, and the pairing is not archived
// as silent before it.
func (s *Availability) AcceptProposal(ctx context.Context, pairingID, proposalID int64, userID string) (*Proposal, error) {
	var out *Proposal
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := openPairingFor(ctx, tx, pairingID, userID); err != nil {
			return err
		}
		pr, err := proposalTx(ctx, tx, pairingID, proposalID)
		if err != nil {
			return err
		}
		switch {
		case pr.ProposerID == userID:
			return errs.E(errs.Invalid, "You proposed this time: only your partner can accept it.")
		case pr.Status == ProposalAccepted:
			return errs.E(errs.Conflict, "This time is already accepted.")
		case pr.Status != ProposalOpen:
			return errs.E(errs.Conflict, "A newer proposal replaced this time: answer the latest one.")
		case !pr.Starts().After(s.now()):
			return errs.E(errs.Conflict, "This time has already passed: press **Propose another**.")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mock_proposals SET status = 'replaced' WHERE pairing_id = ? AND status = 'accepted'", pairingID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE mock_proposals SET status = 'accepted', accepted_by = ? WHERE id = ?", userID, proposalID); err != nil {
			return err
		}
		// The agreed time becomes the session's suggested start (the feedback
		// reminder and no-show reports count from it), and the pairing
		// counts as active until then: its silence, which archives it,
		// starts at that time.
		if _, err := tx.ExecContext(ctx, `UPDATE mock_pairings SET suggested_start = ?,
			last_activity = CASE WHEN last_activity > ? THEN last_activity ELSE ? END WHERE id = ?`,
			pr.StartsMs, pr.StartsMs, pr.StartsMs, pairingID); err != nil {
			return err
		}
		out, err = proposalTx(ctx, tx, pairingID, proposalID)
		return err
	})
	return out, err
}

// DueReminders returns the accepted times whose reminder is not claimed
// yet and falls due at now: those starting within lead. Times long past
// are among them too, so the caller can claim them as skipped.
func (s *Availability) DueReminders(ctx context.Context, now time.Time, lead time.Duration, on shard.Set) ([]Proposal, error) {
	var out []Proposal
	err := s.r.SelectContext(ctx, &out, "SELECT "+proposalCols+` FROM mock_proposals
		WHERE status = 'accepted' AND reminder = '' AND starts_at <= ? AND `+onShards(on, "guild_id")+` ORDER BY starts_at, id`, now.Add(lead).UnixMilli())
	return out, err
}

// ClaimReminder records the reminder of an accepted time as outcome
// (ReminderSent or ReminderSkipped) and reports whether this call claimed
// it: the reminder is sent only after a successful claim, so at most once
// however many sweeps or processes run.
func (s *Availability) ClaimReminder(ctx context.Context, id int64, outcome string) (bool, error) {
	if outcome != ReminderSent && outcome != ReminderSkipped {
		return false, errs.E(errs.Internal, "unknown reminder outcome %q", outcome)
	}
	return s.changedOne(ctx, "UPDATE mock_proposals SET reminder = ? WHERE id = ? AND reminder = '' AND status = 'accepted'", outcome, id)
}
