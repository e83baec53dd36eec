package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// OpsCounts are the figures the metrics endpoint reports, read from the
// database when Prometheus scrapes. Maps are keyed by status or topic and
// hold only the keys that have rows.
type OpsCounts struct {
	// DailyPosts counts daily posts by status (claimed, posted, failed,
	// missed, skipped).
	DailyPosts map[string]int
	// MockQueue counts members waiting (not yet expired) in every server's
	// mock queue, by topic.
	MockQueue map[string]int
	// MockPairings counts pairings by status (open, finished, noshow,
	// cancelled, expired).
	MockPairings map[string]int
	// Feedback counts stored feedback forms.
	Feedback int
}

// OpsCounts reads the counts in one consistent snapshot. Every query is a
// read-only aggregate served by an index.
func (s *Store) OpsCounts(ctx context.Context) (OpsCounts, error) {
	out := OpsCounts{DailyPosts: map[string]int{}, MockQueue: map[string]int{}, MockPairings: map[string]int{}}
	now := s.Now().UnixMilli()
	err := s.read(ctx, func(tx *sqlx.Tx) error {
		if err := countBy(ctx, tx, out.DailyPosts, "SELECT status, COUNT(*) FROM daily_posts GROUP BY status"); err != nil {
			return fmt.Errorf("counting daily posts: %w", err)
		}
		if err := countBy(ctx, tx, out.MockQueue, "SELECT topic, COUNT(*) FROM mock_queue WHERE expires_at > ? GROUP BY topic", now); err != nil {
			return fmt.Errorf("counting the mock queues: %w", err)
		}
		if err := countBy(ctx, tx, out.MockPairings, "SELECT status, COUNT(*) FROM mock_pairings GROUP BY status"); err != nil {
			return fmt.Errorf("counting pairings: %w", err)
		}
		if err := tx.GetContext(ctx, &out.Feedback, "SELECT COUNT(*) FROM mock_feedback"); err != nil {
			return fmt.Errorf("counting feedback: %w", err)
		}
		return nil
	})
	return out, err
}

// countBy runs a "key, count" query into m.
func countBy(ctx context.Context, tx *sqlx.Tx, m map[string]int, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, tx.Rebind(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		m[k] = n
	}
	return rows.Err()
}
