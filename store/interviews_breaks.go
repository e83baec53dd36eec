package store

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/prepcord/prepcord/internal/shard"
)

// Snooze is a member's break from mock interview pairing and weekly
// rounds in a server, until Until.
type Snooze struct {
	GuildID   string `db:"guild_id"`
	UserID    string `db:"user_id"`
	UntilMs   int64  `db:"until_at"`
	ChannelID string `db:"channel_id"` // where it was asked for: notices when DMs are closed
}

// Until returns when the snooze ends.
func (z Snooze) Until() time.Time { return time.UnixMilli(z.UntilMs) }

// Snooze takes a member out of pairing and weekly rounds until until (a
// new snooze replaces the old one) and out of the queue; it reports
// whether they left the queue.
func (s *Availability) Snooze(ctx context.Context, guildID, userID, channelID string, until time.Time) (bool, error) {
	var left bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mock_snoozes (guild_id, user_id, until_at, channel_id) VALUES (?, ?, ?, ?)
			ON CONFLICT (guild_id, user_id) DO UPDATE SET until_at = excluded.until_at, channel_id = excluded.channel_id`,
			guildID, userID, until.UnixMilli(), channelID); err != nil {
			return err
		}
		var err error
		left, err = leaveQueueTx(ctx, tx, guildID, userID)
		return err
	})
	return left, err
}

// SnoozedUntil returns when a member's snooze in a server ends, or the
// zero time when they are not snoozed (a snooze ended but not yet swept
// counts as ended).
func (s *Availability) SnoozedUntil(ctx context.Context, guildID, userID string) (time.Time, error) {
	ms, err := getOr(ctx, s.r, int64(0), "SELECT until_at FROM mock_snoozes WHERE guild_id = ? AND user_id = ? AND until_at > ?",
		guildID, userID, s.now().UnixMilli())
	if err != nil || ms == 0 {
		return time.Time{}, err
	}
	return time.UnixMilli(ms), nil
}

// Snoozed returns the members of a server snoozed at now, with when each
// break ends.
func (s *Availability) Snoozed(ctx context.Context, guildID string, now time.Time) (map[string]time.Time, error) {
	var rows []Snooze
	if err := s.r.SelectContext(ctx, &rows, "SELECT guild_id, user_id, until_at, channel_id FROM mock_snoozes WHERE guild_id = ? AND until_at > ?",
		guildID, now.UnixMilli()); err != nil {
		return nil, err
	}
	out := make(map[string]time.Time, len(rows))
	for _, z := range rows {
		out[z.UserID] = z.Until()
	}
	return out, nil
}

// Strikes returns the unanswered queue check-ins in a row of a server's
// members who have any.
func (s *Availability) Strikes(ctx context.Context, guildID string) (map[string]int, error) {
	var rows []struct {
		UserID  string `db:"user_id"`
		Strikes int    `db:"strikes"`
	}
	if err := s.r.SelectContext(ctx, &rows, "SELECT user_id, strikes FROM mock_strikes WHERE guild_id = ? AND strikes > 0", guildID); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.Strikes
	}
	return out, nil
}

// Resume ends a member's snooze now; it reports whether they were
// snoozed.
func (s *Availability) Resume(ctx context.Context, guildID, userID string) (bool, error) {
	return s.changedOne(ctx, "DELETE FROM mock_snoozes WHERE guild_id = ? AND user_id = ? AND until_at > ?", guildID, userID, s.now().UnixMilli())
}

// EndSnoozes deletes the snoozes that ended by now and returns them, each
// claimed by its delete, so that every member is told once.
func (s *Availability) EndSnoozes(ctx context.Context, now time.Time, on shard.Set) ([]Snooze, error) {
	var due []Snooze
	if err := s.r.SelectContext(ctx, &due, "SELECT guild_id, user_id, until_at, channel_id FROM mock_snoozes WHERE until_at <= ? AND "+onShards(on, "guild_id")+" ORDER BY until_at",
		now.UnixMilli()); err != nil {
		return nil, err
	}
	var out []Snooze
	for _, z := range due {
		ok, err := s.changedOne(ctx, "DELETE FROM mock_snoozes WHERE guild_id = ? AND user_id = ? AND until_at = ?", z.GuildID, z.UserID, z.UntilMs)
		if err != nil {
			return out, err
		}
		if ok {
			out = append(out, z)
		}
	}
	return out, nil
}

// DefaultCheckinStrikes is how many unanswered check-ins in a row drop a
// member from the queue when the server did not choose.
const DefaultCheckinStrikes = 2

// Checkin is one queue check-in the sweep claimed: a question to send, or
// a member dropped.
type Checkin struct {
	Entry   QueueEntry
	Strikes int  // unanswered check-ins in a row, this one's predecessor included
	Limit   int  // strikes that drop a member in this server
	Dropped bool // Strikes reached Limit: the entry was deleted
	// Next is when the next check-in falls due, and this one's answer with it.
	Next time.Time
}

// RunCheckins claims the queue check-ins due at now in servers that turned
// them on: a waiting member is asked every interval from joining (or from
// their last check-in). When the previous check-in is still unanswered,
// the member gets a strike first; at the server's limit their entry is
// deleted (Dropped) and the strikes start again. Each check-in is claimed
// by moving the entry's checkin_at, so it happens once across sweeps and
// processes.
func (s *Availability) RunCheckins(ctx context.Context, now time.Time, on shard.Set) ([]Checkin, error) {
	var servers []struct {
		GuildID string `db:"guild_id"`
		Minutes int64  `db:"checkin_minutes"`
		Limit   int    `db:"checkin_strikes"`
	}
	if err := s.r.SelectContext(ctx, &servers, `SELECT guild_id, checkin_minutes, checkin_strikes
		FROM mock_settings WHERE checkin_minutes > 0 AND `+onShards(on, "guild_id")+` ORDER BY guild_id`); err != nil {
		return nil, err
	}
	ms := now.UnixMilli()
	type dueEntry struct {
		QueueEntry
		CheckinAt   int64 `db:"checkin_at"`
		CheckinOpen int64 `db:"checkin_open"`
		Minutes     int64
		Limit       int
	}
	var due []dueEntry
	for _, sv := range servers {
		var es []dueEntry
		if err := s.r.SelectContext(ctx, &es, "SELECT "+queueCols+`, checkin_at, checkin_open FROM mock_queue
			WHERE guild_id = ? AND expires_at > ? AND (CASE WHEN checkin_at > 0 THEN checkin_at ELSE joined_at END) <= ? ORDER BY id`,
			sv.GuildID, ms, ms-sv.Minutes*60000); err != nil {
			return nil, err
		}
		limit := InterviewSettings{CheckinStrikes: sv.Limit}.Strikes()
		for _, e := range es {
			e.Minutes, e.Limit = sv.Minutes, limit
			due = append(due, e)
		}
	}
	var out []Checkin
	for _, d := range due {
		c := Checkin{Entry: d.QueueEntry, Limit: d.Limit, Next: now.Add(time.Duration(d.Minutes) * time.Minute)}
		claimed := false
		err := s.write(ctx, func(tx *sqlx.Tx) error {
			r, err := tx.ExecContext(ctx, "UPDATE mock_queue SET checkin_at = ?, checkin_open = 1 WHERE id = ? AND checkin_at = ?", ms, d.ID, d.CheckinAt)
			if err != nil {
				return err
			}
			if n, err := r.RowsAffected(); err != nil || n != 1 {
				return err
			}
			claimed = true
			if d.CheckinOpen == 1 {
				if _, err := tx.ExecContext(ctx, `INSERT INTO mock_strikes (guild_id, user_id, strikes) VALUES (?, ?, 1)
					ON CONFLICT (guild_id, user_id) DO UPDATE SET strikes = mock_strikes.strikes + 1`, d.GuildID, d.UserID); err != nil {
					return err
				}
			}
			if c.Strikes, err = getOr(ctx, tx, 0, "SELECT strikes FROM mock_strikes WHERE guild_id = ? AND user_id = ?", d.GuildID, d.UserID); err != nil {
				return err
			}
			if c.Strikes < c.Limit {
				return nil
			}
			c.Dropped = true
			if _, err := tx.ExecContext(ctx, "DELETE FROM mock_queue WHERE id = ?", d.ID); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, "DELETE FROM mock_strikes WHERE guild_id = ? AND user_id = ?", d.GuildID, d.UserID)
			return err
		})
		if err != nil {
			return out, err
		}
		if claimed {
			out = append(out, c)
		}
	}
	return out, nil
}

// ConfirmCheckin records a member's answer to a check-in: still available.
// Their strikes are cleared. It reports whether they are still queued in
// the server.
func (s *Availability) ConfirmCheckin(ctx context.Context, guildID, userID string) (bool, error) {
	var queued bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, "UPDATE mock_queue SET checkin_open = 0 WHERE guild_id = ? AND user_id = ? AND expires_at > ?",
			guildID, userID, s.now().UnixMilli())
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		if err != nil {
			return err
		}
		queued = n > 0
		_, err = tx.ExecContext(ctx, "DELETE FROM mock_strikes WHERE guild_id = ? AND user_id = ?", guildID, userID)
		return err
	})
	return queued, err
}

// RoundMissLimit is how many weekly rounds in a row a member may leave
// their pairing's check-in unanswered before they leave the rounds.
const RoundMissLimit = 3

// AnswerRoundCheckin records that userID answered their round pairing's
// check-in.
func (s *Availability) AnswerRoundCheckin(ctx context.Context, pairingID int64, userID string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE mock_members SET checkin_answered = 1 WHERE pairing_id = ? AND user_id = ?", pairingID, userID)
		return err
	})
}

// TallyRoundCheckin counts, once, a weekly-round pairing's check-in when it
// ends: a member who answered it, pressed Start, Swap roles or Finish, or
// reported a no-show has their missed rounds cleared; any other member
// misses one more, and at RoundMissLimit in a row leaves the rounds. It
// returns those who left. Pairings not from rounds, or never asked, count
// for nothing.
func (s *Availability) TallyRoundCheckin(ctx context.Context, pairingID int64) ([]string, error) {
	var dropped []string
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE mock_pairings SET checkin_tallied = 1
			WHERE id = ? AND checkin_tallied = 0 AND source = 'round' AND checkin_sent = 1`, pairingID)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n != 1 {
			return err
		}
		var members []struct {
			GuildID  string `db:"guild_id"`
			UserID   string `db:"user_id"`
			Answered int64  `db:"answered"`
		}
		if err := tx.SelectContext(ctx, &members, `SELECT m.guild_id, m.user_id,
			CASE WHEN m.checkin_answered = 1 OR m.acted = 1 OR EXISTS (SELECT 1 FROM mock_noshow_reports n
				WHERE n.pairing_id = m.pairing_id AND n.reporter_id = m.user_id) THEN 1 ELSE 0 END AS answered
			FROM mock_members m WHERE m.pairing_id = ? ORDER BY m.seat, m.user_id`, pairingID); err != nil {
			return err
		}
		for _, m := range members {
			if m.Answered == 1 {
				if _, err := tx.ExecContext(ctx, "UPDATE mock_round_members SET missed = 0 WHERE guild_id = ? AND user_id = ?", m.GuildID, m.UserID); err != nil {
					return err
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, "UPDATE mock_round_members SET missed = missed + 1 WHERE guild_id = ? AND user_id = ?", m.GuildID, m.UserID); err != nil {
				return err
			}
			r, err := tx.ExecContext(ctx, "DELETE FROM mock_round_members WHERE guild_id = ? AND user_id = ? AND missed >= ?", m.GuildID, m.UserID, RoundMissLimit)
			if err != nil {
				return err
			}
			if n, err := r.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				dropped = append(dropped, m.UserID)
			}
		}
		return nil
	})
	return dropped, err
}
