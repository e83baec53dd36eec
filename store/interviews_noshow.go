package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// NoShowResult says what a no-show report did.
type NoShowResult struct {
	Pairing  *Pairing
	Ended    bool        // the pairing ended (a pair); in a trio it goes on without the absent member
	Requeued *QueueEntry // the reporter, back at the front of the queue
	Count    int         // the absent member's no-shows in this server
}

// ReportNoShow records that absent did not come to a pairing reported by
// reporter: it counts against absent; a pair ends and the reporter goes
// back to the front of the queue, a trio goes on without absent. The
// report is kept: absent takes no further part in the pairing, does not
// count it as an interview, and is not paired from the queue with
// reporter again within NoShowBlock. Only members still taking part
// can report.
func (s *Interviews) ReportNoShow(ctx context.Context, id int64, reporter, absent string, defaultExpiry time.Duration) (*NoShowResult, error) {
	out := &NoShowResult{}
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		p, err := activePairing(ctx, tx, id, reporter)
		if err != nil {
			return err
		}
		rm, am := p.Member(reporter), p.Member(absent)
		if am == nil || reporter == absent {
			return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
		}
		if am.Absent {
			return errs.E(errs.Conflict, "That member was already reported as not coming.")
		}
		if !p.IsOpen() || !am.Open {
			return errs.E(errs.Conflict, "This mock interview has already ended.")
		}
		if am.Acted {
			return errs.E(errs.Conflict, "Your partner has already taken part in this session, so it cannot be reported as a no-show.")
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_noshows (guild_id, user_id, count, last_at) VALUES (?, ?, 1, ?)
			ON CONFLICT (guild_id, user_id) DO UPDATE SET count = mock_noshows.count + 1, last_at = excluded.last_at`,
			p.GuildID, absent, now.UnixMilli()); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &out.Count, "SELECT count FROM mock_noshows WHERE guild_id = ? AND user_id = ?", p.GuildID, absent); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_noshow_reports (pairing_id, guild_id, reporter_id, absent_id, reported_at)
			VALUES (?, ?, ?, ?, ?)`, id, p.GuildID, reporter, absent, now.UnixMilli()); err != nil {
			return err
		}
		openMembers := 0
		for _, m := range p.Members {
			if m.Open {
				openMembers++
			}
		}
		if openMembers <= 2 {
			if err := endPairing(ctx, tx, p, PairingNoShow, now); err != nil {
				return err
			}
			set, err := mockSettings(ctx, tx, p.GuildID)
			if err != nil {
				return err
			}
			if err := requeueFront(ctx, tx, p, *rm, set.Expiry(defaultExpiry), now); err != nil {
				return err
			}
			out.Ended = true
			if out.Requeued, err = queueEntryTx(ctx, tx, p.GuildID, reporter); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, "UPDATE mock_members SET open = NULL WHERE pairing_id = ? AND user_id = ?", id, absent); err != nil {
			return err
		}
		out.Pairing, err = pairingTx(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// NoShows returns a member's no-show count in a server.
func (s *Interviews) NoShows(ctx context.Context, guildID, userID string) (int, error) {
	return noShows(ctx, s.r, guildID, userID)
}

func noShows(ctx context.Context, q sqlx.QueryerContext, guildID, userID string) (int, error) {
	return getOr(ctx, q, 0, "SELECT count FROM mock_noshows WHERE guild_id = ? AND user_id = ?", guildID, userID)
}

// ResetNoShows sets a member's no-show count to zero and returns the
// previous count.
func (s *Interviews) ResetNoShows(ctx context.Context, guildID, userID string) (int, error) {
	var prev int
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var err error
		if prev, err = noShows(ctx, tx, guildID, userID); err != nil || prev == 0 {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE mock_noshows SET count = 0 WHERE guild_id = ? AND user_id = ?", guildID, userID)
		return err
	})
	return prev, err
}
