package store

import (
	"context"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"
)

// CategoryProgress is a member's practice in one category of a server's
// bank: questions shown to them there, questions whose latest rating was
// Good or Easy, and questions due for review.
type CategoryProgress struct {
	Category        string
	Seen, Good, Due int
}

// Progress returns userID's progress per category in guildID at now, most
// seen first, and whether they ever rated a question there (members who
// never rated see no progress section).
func (s *Reviews) Progress(ctx context.Context, guildID, userID string, now time.Time) ([]CategoryProgress, bool, error) {
	s.settle(ctx, userID)
	type count struct {
		Category string `db:"category"`
		Key      string `db:"category_key"`
		N        int    `db:"n"`
	}
	var out []CategoryProgress
	rated := false
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		n, err := getOr(ctx, tx, 0, "SELECT COUNT(*) FROM review_cards WHERE guild_id = ? AND user_id = ?", guildID, userID)
		if err != nil || n == 0 {
			return err
		}
		rated = true
		idx := map[string]int{}
		add := func(query string, args []any, set func(*CategoryProgress, int)) error {
			var rows []count
			if err := tx.SelectContext(ctx, &rows, query, args...); err != nil {
				return err
			}
			for _, r := range rows {
				i, ok := idx[r.Key]
				if !ok {
					i = len(out)
					idx[r.Key] = i
					out = append(out, CategoryProgress{Category: r.Category})
				}
				set(&out[i], r.N)
			}
			return nil
		}
		const group = " GROUP BY q.category_key, q.category"
		if err := add("SELECT q.category, q.category_key, COUNT(*) AS n FROM seen_guilds g JOIN questions q ON q.seq = g.seq"+
			" WHERE g.guild_id = ? AND g.user_id = ?"+group, []any{guildID, userID},
			func(p *CategoryProgress, n int) { p.Seen += n }); err != nil {
			return err
		}
		cards := "SELECT q.category, q.category_key, COUNT(*) AS n FROM review_cards c JOIN questions q ON q.seq = c.question_seq" +
			" WHERE c.guild_id = ? AND c.user_id = ? AND "
		if err := add(cards+"c.last_rating >= 3"+group, []any{guildID, userID},
			func(p *CategoryProgress, n int) { p.Good += n }); err != nil {
			return err
		}
		return add(cards+"c.due <= ? AND q.retired = 0"+group, []any{guildID, userID, now.UnixMilli()},
			func(p *CategoryProgress, n int) { p.Due += n })
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Seen != out[j].Seen {
			return out[i].Seen > out[j].Seen
		}
		return out[i].Category < out[j].Category
	})
	return out, rated, err
}

// MonthAverages is the mean of the ratings a member received in one month.
type MonthAverages struct {
	Month                                    string // 2026-11
	N                                        int
	Communication, ProblemSolving, Structure float64
}

// MonthlyAverages returns the averages of the ratings userID received in
// guildID per month (in loc), oldest first, at most the last months.
func (s *PeerFeedback) MonthlyAverages(ctx context.Context, guildID, userID string, loc *time.Location, months int) ([]MonthAverages, error) {
	var rows []struct {
		At int64 `db:"created_at"`
		C  int   `db:"communication"`
		P  int   `db:"problem_solving"`
		S  int   `db:"structure"`
	}
	if err := s.r.SelectContext(ctx, &rows, `SELECT created_at, communication, problem_solving, structure FROM mock_feedback
		WHERE guild_id = ? AND receiver_id = ? ORDER BY created_at`, guildID, userID); err != nil {
		return nil, err
	}
	var out []MonthAverages
	for _, r := range rows {
		m := time.UnixMilli(r.At).In(loc).Format("2006-01")
		if len(out) == 0 || out[len(out)-1].Month != m {
			out = append(out, MonthAverages{Month: m})
		}
		a := &out[len(out)-1]
		a.N++
		a.Communication += float64(r.C)
		a.ProblemSolving += float64(r.P)
		a.Structure += float64(r.S)
	}
	for i := range out {
		n := float64(out[i].N)
		out[i].Communication /= n
		out[i].ProblemSolving /= n
		out[i].Structure /= n
	}
	if months > 0 && len(out) > months {
		out = out[len(out)-months:]
	}
	return out, nil
}
