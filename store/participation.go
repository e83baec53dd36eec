package store

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// RecordParticipation counts a member as having answered the daily
// question on a local date (the server's time zone) for a post. It reports
// whether this was the member's first answer that date; later answers the
// same date only raise the day's activity count.
func (s *History) RecordParticipation(ctx context.Context, guildID, userID, localDate string, postID, at int64) (bool, error) {
	var first bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO daily_participation (guild_id, user_id, local_date, post_id, first_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (guild_id, user_id, local_date) DO NOTHING`, guildID, userID, localDate, postID, at)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			first = true
			return nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE daily_participation SET count = count + 1
			WHERE guild_id = ? AND user_id = ? AND local_date = ?`, guildID, userID, localDate)
		return err
	})
	return first, err
}

// DayCount is a local date with a member's activity count that day.
type DayCount struct {
	Date  string `db:"local_date"`
	Count int    `db:"count"`
}

// ParticipationDays returns the local dates on which a member answered in a
// server, oldest first, with how active they were each day.
func (s *History) ParticipationDays(ctx context.Context, guildID, userID string) ([]DayCount, error) {
	var out []DayCount
	err := s.r.SelectContext(ctx, &out, `SELECT local_date, count FROM daily_participation
		WHERE guild_id = ? AND user_id = ? ORDER BY local_date`, guildID, userID)
	return out, err
}

// LeaderRow is one member on a leaderboard.
type LeaderRow struct {
	UserID string `db:"user_id"`
	Days   int    `db:"days"`
	// Best is the member's best answers (see Answers) on posts of the
	// period: among members with as many days, more best answers rank first.
	Best int `db:"best"`
	Rank int `db:"-"`
}

// leaderRows is the members who answered in a server since a local date,
// with their days, best answers in the period and when they reached their
// count (the last day's first answer). Its arguments: guild, since, guild,
// since.
const leaderRows = `SELECT d.user_id, d.days, COALESCE(b.best, 0) AS best, d.reached FROM
	(SELECT user_id, count(*) AS days, max(first_at) AS reached FROM daily_participation
		WHERE guild_id = ? AND local_date >= ? GROUP BY user_id) d
	LEFT JOIN (SELECT user_id, count(*) AS best FROM daily_best_answers
		WHERE guild_id = ? AND local_date >= ? AND user_id != '' GROUP BY user_id) b ON b.user_id = d.user_id`

// Leaderboard returns the top limit members of a server by days answered
// on local dates from since (inclusive; "" for all time), most first, then
// by best answers on posts of those dates; ties (same days and best
// answers) share a rank and are ordered by who reached the count first.
func (s *History) Leaderboard(ctx context.Context, guildID, since string, limit int) ([]LeaderRow, error) {
	var rows []struct {
		LeaderRow
		Reached int64 `db:"reached"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT user_id, days, best, reached FROM (`+leaderRows+`) t
		ORDER BY days DESC, best DESC, reached, user_id LIMIT ?`, guildID, since, guildID, since, limit)
	if err != nil {
		return nil, err
	}
	out := make([]LeaderRow, len(rows))
	for i := range rows {
		out[i] = rows[i].LeaderRow
	}
	for i := range out {
		if i > 0 && out[i].Days == out[i-1].Days && out[i].Best == out[i-1].Best {
			out[i].Rank = out[i-1].Rank
		} else {
			out[i].Rank = i + 1
		}
	}
	return out, nil
}

// LeaderRank returns a member's days answered since a local date and rank
// among the server's members (1 + the number ranked above: more days, or
// as many and more best answers); rank 0 when the member has no answers in
// the period. It also returns how many members answered in the period.
func (s *History) LeaderRank(ctx context.Context, guildID, userID, since string) (days, rank, members int, err error) {
	err = s.r.GetContext(ctx, &days, `SELECT count(*) FROM daily_participation WHERE guild_id = ? AND user_id = ? AND local_date >= ?`,
		guildID, userID, since)
	if err != nil {
		return 0, 0, 0, err
	}
	err = s.r.GetContext(ctx, &members, `SELECT count(DISTINCT user_id) FROM daily_participation WHERE guild_id = ? AND local_date >= ?`,
		guildID, since)
	if err != nil || days == 0 {
		return days, 0, members, err
	}
	var best, above int
	err = s.r.GetContext(ctx, &best, `SELECT count(*) FROM daily_best_answers WHERE guild_id = ? AND user_id = ? AND local_date >= ?`,
		guildID, userID, since)
	if err != nil {
		return days, 0, members, err
	}
	err = s.r.GetContext(ctx, &above, `SELECT count(*) FROM (`+leaderRows+`) t WHERE days > ? OR (days = ? AND best > ?)`,
		guildID, since, guildID, since, days, days, best)
	return days, above + 1, members, err
}
