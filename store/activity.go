package store

import (
	"context"
	"time"
)

// Activity is a server's activity over time, read for the admin
// dashboard's charts: daily participation, mock pairings and the feedback
// members gave each other. It only reads.
type Activity struct{ *shared }

// MembersByDay returns, for each local date from from to to (inclusive,
// "YYYY-MM-DD" in the server's zone, as the daily question counts them),
// how many members answered the daily question that day. Dates nobody
// answered are absent.
func (s *Activity) MembersByDay(ctx context.Context, guildID, from, to string) (map[string]int, error) {
	return s.byDay(ctx, `SELECT local_date, count(*) AS count FROM daily_participation
		WHERE guild_id = ? AND local_date >= ? AND local_date <= ? GROUP BY local_date`, guildID, from, to)
}

// byDay runs a query of (local_date, count) rows into a map.
func (s *Activity) byDay(ctx context.Context, query string, args ...any) (map[string]int, error) {
	var rows []DayCount
	if err := s.r.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.Date] = r.Count
	}
	return out, nil
}

// AnswersByDay returns, for each local date of a daily post from from to
// to (inclusive, "YYYY-MM-DD" as MembersByDay), how many private answers
// members sent to the day's posts (every feed's). Dates without answers
// are absent.
func (s *Activity) AnswersByDay(ctx context.Context, guildID, from, to string) (map[string]int, error) {
	return s.byDay(ctx, `SELECT p.local_date AS local_date, count(*) AS count FROM daily_answers a
		JOIN daily_posts p ON p.id = a.post_id
		WHERE p.guild_id = ? AND a.guild_id = ? AND p.local_date >= ? AND p.local_date <= ? GROUP BY p.local_date`, guildID, guildID, from, to)
}

// PairingStat is one mock pairing, as the dashboard counts them.
type PairingStat struct {
	CreatedMs int64  `db:"created_at"`
	Topic     string `db:"topic"`
	Source    string `db:"source"` // "queue" or "round"
	Status    string `db:"status"` // open, finished, noshow, cancelled, expired
}

// Created returns when the pairing was made.
func (p PairingStat) Created() time.Time { return time.UnixMilli(p.CreatedMs) }

// Pairings returns a server's mock pairings made at or after since,
// oldest first, at most limit.
func (s *Activity) Pairings(ctx context.Context, guildID string, since time.Time, limit int) ([]PairingStat, error) {
	var out []PairingStat
	err := s.r.SelectContext(ctx, &out, `SELECT created_at, topic, source, status FROM mock_pairings
		WHERE guild_id = ? AND created_at >= ? ORDER BY created_at, id LIMIT ?`, guildID, since.UnixMilli(), limit)
	return out, err
}

// FeedbackScore is one piece of mock interview feedback's ratings (1-5).
type FeedbackScore struct {
	CreatedMs      int64 `db:"created_at"`
	Communication  int   `db:"communication"`
	ProblemSolving int   `db:"problem_solving"`
	Structure      int   `db:"structure"`
}

// Created returns when the feedback was first given.
func (f FeedbackScore) Created() time.Time { return time.UnixMilli(f.CreatedMs) }

// FeedbackScores returns the ratings of the feedback given in a server at
// or after since, oldest first, at most limit; who gave and received it
// is left out.
func (s *Activity) FeedbackScores(ctx context.Context, guildID string, since time.Time, limit int) ([]FeedbackScore, error) {
	var out []FeedbackScore
	err := s.r.SelectContext(ctx, &out, `SELECT created_at, communication, problem_solving, structure FROM mock_feedback
		WHERE guild_id = ? AND created_at >= ? ORDER BY created_at, pairing_id, giver_id LIMIT ?`, guildID, since.UnixMilli(), limit)
	return out, err
}
