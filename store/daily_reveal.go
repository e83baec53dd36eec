package store

// The reveal of a daily post's solution into its thread, claimed like the
// post itself so that one process reveals it once.

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/internal/shard"
)

// DueReveals returns posts whose solution should now go into their
// thread: posted before revealBefore (unix ms), or followed by a newer
// post in the same feed; not revealed and not being revealed by a live
// claim (one taken after staleBefore).
func (s *Daily) DueReveals(ctx context.Context, revealBefore, staleBefore int64, limit int, on shard.Set) ([]*DailyPost, error) {
	var out []*DailyPost
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyPostCols+` FROM daily_posts p
		WHERE status = 'posted' AND thread_id != '' AND (reveal_state = '' OR (reveal_state = 'claimed' AND reveal_at < ?))
		AND (posted_at <= ? OR EXISTS (SELECT 1 FROM daily_posts n WHERE n.guild_id = p.guild_id AND n.feed = p.feed AND n.status = 'posted'
			AND n.local_date > p.local_date))
		AND `+onShards(on, "p.guild_id")+` ORDER BY id LIMIT ?`, staleBefore, revealBefore, limit)
	return out, err
}

// ClaimReveal takes the reveal of a post (as read in p); it reports
// false when another process took it first.
func (s *Daily) ClaimReveal(ctx context.Context, p *DailyPost, by string, at int64) (bool, error) {
	return s.changedOne(ctx, `UPDATE daily_posts SET reveal_state = 'claimed', reveal_by = ?, reveal_at = ?
		WHERE id = ? AND reveal_state = ? AND reveal_at = ?`, by, at, p.ID, p.RevealState, p.RevealAt)
}

// FinishReveal records the outcome of a reveal: "done" or "failed".
func (s *Daily) FinishReveal(ctx context.Context, id int64, state string, at int64) error {
	if state != "done" && state != "failed" {
		return fmt.Errorf("store: Daily.FinishReveal with state %q", state)
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE daily_posts SET reveal_state = ?, reveal_at = ? WHERE id = ?", state, at, id)
		return err
	})
}
