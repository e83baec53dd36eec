package store

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/internal/shard"
)

// Champions is each server's monthly champion role (/daily champion): the
// setting, and one award per server and local month, claimed in the
// database so that the role moves exactly once a month across restarts
// and processes.
type Champions struct{ *shared }

// ChampionConfig is a server's champion setting.
type ChampionConfig struct {
	GuildID string `db:"guild_id"`
	RoleID  string `db:"role_id"`
	// Feed is the daily feed whose channel hears the announcement and
	// whose zone says when a month ends.
	Feed string `db:"feed"`
	// NextMonth is the local month (YYYY-MM) awarded next, NextDue the
	// instant (unix ms) it ends.
	NextMonth string `db:"next_month"`
	NextDue   int64  `db:"next_due"`
	// HolderID and HolderRole are who prepcord last gave the role to, and
	// which role it was ("" when nobody).
	HolderID    string `db:"holder_id"`
	HolderRole  string `db:"holder_role"`
	LastError   string `db:"last_error"`
	LastErrorAt int64  `db:"last_error_at"`
	UpdatedBy   string `db:"updated_by"`
	UpdatedAt   int64  `db:"updated_at"`
}

const championCols = `guild_id, role_id, feed, next_month, next_due, holder_id, holder_role, last_error, last_error_at, updated_by, updated_at`

// The states of a champion award.
const (
	AwardClaimed = "claimed"
	AwardDone    = "done"
	AwardNone    = "none"
	AwardFailed  = "failed"
)

// ChampionAward is one server's award for one local month.
type ChampionAward struct {
	GuildID    string `db:"guild_id"`
	Month      string `db:"month"`
	RoleID     string `db:"role_id"`
	Feed       string `db:"feed"`
	UserID     string `db:"user_id"`
	Days       int    `db:"days"`
	Best       int    `db:"best"`
	State      string `db:"state"`
	ClaimedBy  string `db:"claimed_by"`
	ClaimedAt  int64  `db:"claimed_at"`
	Error      string `db:"error"`
	FinishedAt int64  `db:"finished_at"`
}

const awardCols = `guild_id, month, role_id, feed, user_id, days, best, state, claimed_by, claimed_at, error, finished_at`

// SetChampion sets a server's champion role and feed. A server that had a
// setting keeps its next month and its current holder (whose role the
// next award takes back); a new one is first awarded for nextMonth, due
// at nextDue.
func (s *Champions) SetChampion(ctx context.Context, c *ChampionConfig) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO daily_champions (guild_id, role_id, feed, next_month, next_due, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET role_id = excluded.role_id, feed = excluded.feed,
			last_error = '', last_error_at = 0, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			c.GuildID, c.RoleID, c.Feed, c.NextMonth, c.NextDue, c.UpdatedBy, c.UpdatedAt)
		return err
	})
}

// Champion returns a server's champion setting, or nil when it has none.
func (s *Champions) Champion(ctx context.Context, guildID string) (*ChampionConfig, error) {
	return getRow[ChampionConfig](ctx, s.r, "SELECT "+championCols+" FROM daily_champions WHERE guild_id = ?", guildID)
}

// ClearChampion turns a server's champion role off; it reports whether
// there was one. Past awards stay.
func (s *Champions) ClearChampion(ctx context.Context, guildID string) (bool, error) {
	return s.changedOne(ctx, "DELETE FROM daily_champions WHERE guild_id = ?", guildID)
}

// DueChampions returns the settings, on the given shards, whose month
// ended at or before now (unix ms), earliest first, at most limit.
func (s *Champions) DueChampions(ctx context.Context, now int64, limit int, on shard.Set) ([]*ChampionConfig, error) {
	var out []*ChampionConfig
	err := s.r.SelectContext(ctx, &out, "SELECT "+championCols+` FROM daily_champions
		WHERE next_due <= ? AND `+onShards(on, "guild_id")+` ORDER BY next_due, guild_id LIMIT ?`, now, limit)
	return out, err
}

// Reschedule moves a server's next award from fromDue to nextMonth, due
// at nextDue, unless someone moved it already; it reports whether this
// call did.
func (s *Champions) Reschedule(ctx context.Context, guildID string, fromDue int64, nextMonth string, nextDue int64) (bool, error) {
	return s.changedOne(ctx, "UPDATE daily_champions SET next_month = ?, next_due = ? WHERE guild_id = ? AND next_due = ?",
		nextMonth, nextDue, guildID, fromDue)
}

// ClaimAward takes the award of a server's month (a.GuildID, a.Month),
// recording a as claimed by a.ClaimedBy: it reports true only to the
// first caller, across restarts and processes.
func (s *Champions) ClaimAward(ctx context.Context, a *ChampionAward) (bool, error) {
	return s.changedOne(ctx, `INSERT INTO daily_champion_awards (guild_id, month, role_id, feed, state, claimed_by, claimed_at)
		VALUES (?, ?, ?, ?, 'claimed', ?, ?) ON CONFLICT (guild_id, month) DO NOTHING`,
		a.GuildID, a.Month, a.RoleID, a.Feed, a.ClaimedBy, a.ClaimedAt)
}

// StaleAwards returns awards, on the given shards, claimed before before
// (unix ms) and never finished: their process died on the way.
func (s *Champions) StaleAwards(ctx context.Context, before int64, limit int, on shard.Set) ([]*ChampionAward, error) {
	var out []*ChampionAward
	err := s.r.SelectContext(ctx, &out, "SELECT "+awardCols+` FROM daily_champion_awards
		WHERE state = 'claimed' AND claimed_at < ? AND `+onShards(on, "guild_id")+` ORDER BY claimed_at LIMIT ?`, before, limit)
	return out, err
}

// TakeOverAward moves a stale award's claim (as read in a) to by; it
// reports whether this call took it.
func (s *Champions) TakeOverAward(ctx context.Context, a *ChampionAward, by string, at int64) (bool, error) {
	return s.changedOne(ctx, `UPDATE daily_champion_awards SET claimed_by = ?, claimed_at = ?
		WHERE guild_id = ? AND month = ? AND state = 'claimed' AND claimed_by = ? AND claimed_at = ?`,
		by, at, a.GuildID, a.Month, a.ClaimedBy, a.ClaimedAt)
}

// FinishAward records the outcome of a claimed award (a.State done, none
// or failed, with a.UserID, a.Days, a.Best and a.Error) and, on the
// server's setting, the role's holder now (holderID and holderRole) and
// the error admins see in /daily status ("" clears it).
func (s *Champions) FinishAward(ctx context.Context, a *ChampionAward, holderID, holderRole string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE daily_champion_awards SET user_id = ?, days = ?, best = ?, state = ?, error = ?, finished_at = ?
			WHERE guild_id = ? AND month = ?`, a.UserID, a.Days, a.Best, a.State, a.Error, a.FinishedAt, a.GuildID, a.Month)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE daily_champions SET holder_id = ?, holder_role = ?, last_error = ?, last_error_at = ?
			WHERE guild_id = ?`, holderID, holderRole, a.Error, a.FinishedAt, a.GuildID)
		return err
	})
}

// Awards returns a server's latest awards, newest month first.
func (s *Champions) Awards(ctx context.Context, guildID string, limit int) ([]*ChampionAward, error) {
	var out []*ChampionAward
	err := s.r.SelectContext(ctx, &out, "SELECT "+awardCols+" FROM daily_champion_awards WHERE guild_id = ? ORDER BY month DESC LIMIT ?",
		guildID, limit)
	return out, err
}

// MonthActivity is how a member took part in a server over a span of
// local dates: the days answered, and when (unix ms) they first answered
// on the last of them, that is when they reached that count.
type MonthActivity struct {
	UserID    string `db:"user_id"`
	Days      int    `db:"days"`
	ReachedAt int64  `db:"reached_at"`
}

// Activity returns each member's answered days in a server on local
// dates from..to (YYYY-MM-DD, inclusive), in no particular order.
func (s *Champions) Activity(ctx context.Context, guildID, from, to string) ([]MonthActivity, error) {
	var out []MonthActivity
	err := s.r.SelectContext(ctx, &out, `SELECT user_id, count(*) AS days, max(first_at) AS reached_at FROM daily_participation
		WHERE guild_id = ? AND local_date >= ? AND local_date <= ? GROUP BY user_id`, guildID, from, to)
	return out, err
}
