package store

// Members' private answers to a daily post, posted into its thread at the
// reveal (each claimed before it is sent, so that it goes out once), the
// votes on them, and the best answer chosen once voting ends.

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

// Answers is the answers members submit to daily posts, their votes and
// each post's best answer. It shares the store's handles; Store.Answers
// and Daily.Answers are the same.
type Answers struct{ *shared }

// Answers returns the answers to the daily posts (see Answers).
func (s *Daily) Answers() *Answers { return &Answers{s.shared} }

// The states of an answer in its post's reveal.
const (
	AnswerPosted = "posted"
	AnswerFailed = "failed"
)

// DailyAnswer is one member's answer to one daily post.
type DailyAnswer struct {
	ID          int64  `db:"id"`
	PostID      int64  `db:"post_id"`
	GuildID     string `db:"guild_id"`
	UserID      string `db:"user_id"`
	Body        string `db:"body"`
	SubmittedAt int64  `db:"submitted_at"` // the first submission: answers are posted in this order
	UpdatedAt   int64  `db:"updated_at"`
	// PostState is "" (not posted yet), "claimed" (by Claimant at
	// ClaimedAt), AnswerPosted or AnswerFailed (Error says why).
	PostState string `db:"post_state"`
	Claimant  string `db:"claimant"`
	ClaimedAt int64  `db:"claimed_at"`
	Attempts  int    `db:"attempts"`
	// PartsSent is how many of the answer's messages went out; MessageID
	// is the last one sent.
	PartsSent int    `db:"parts_sent"`
	MessageID string `db:"message_id"`
	Error     string `db:"error"`
}

const answerCols = `id, post_id, guild_id, user_id, body, submitted_at, updated_at, post_state, claimant, claimed_at,
	attempts, parts_sent, message_id, error`

// ErrAnswersClosed is what saving an answer to a revealed post returns.
var ErrAnswersClosed = errs.E(errs.Invalid, "Answers to this question are closed: they were revealed in the post's thread.")

// Save stores a member's answer to a post, or replaces their earlier one
// (keeping its place in the order), while the post's reveal has not begun.
// It reports whether the answer is new.
func (s *Answers) Save(ctx context.Context, postID int64, userID, body string, at int64) (bool, error) {
	var created bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		guild, err := getRow[string](ctx, tx, "SELECT guild_id FROM daily_posts WHERE id = ? AND reveal_state = ''", postID)
		if err != nil {
			return err
		}
		if guild == nil {
			return ErrAnswersClosed
		}
		res, err := tx.ExecContext(ctx, `UPDATE daily_answers SET body = ?, updated_at = ? WHERE post_id = ? AND user_id = ?`,
			body, at, postID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		created = true
		_, err = tx.ExecContext(ctx, `INSERT INTO daily_answers (post_id, guild_id, user_id, body, submitted_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`, postID, *guild, userID, body, at, at)
		return err
	})
	return created, err
}

// Mine returns a member's answer to a post; nil when they have none.
func (s *Answers) Mine(ctx context.Context, postID int64, userID string) (*DailyAnswer, error) {
	return getRow[DailyAnswer](ctx, s.r, "SELECT "+answerCols+" FROM daily_answers WHERE post_id = ? AND user_id = ?", postID, userID)
}

// Get returns an answer by id.
func (s *Answers) Get(ctx context.Context, id int64) (*DailyAnswer, error) {
	return getAnswer(ctx, s.r, id)
}

// getAnswer reads an answer; not found when it does not exist.
func getAnswer(ctx context.Context, q sqlx.QueryerContext, id int64) (*DailyAnswer, error) {
	a, err := getRow[DailyAnswer](ctx, q, "SELECT "+answerCols+" FROM daily_answers WHERE id = ?", id)
	return found(a, err, errs.E(errs.NotFound, "This answer no longer exists."))
}

// Count returns how many members answered a post.
func (s *Answers) Count(ctx context.Context, postID int64) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM daily_answers WHERE post_id = ?", postID)
	return n, err
}

// RevealedWithAnswers returns posts on the shards on whose reveal has
// ended (done or failed) and that have answers still to post: not claimed,
// or claimed before staleBefore (its process died).
func (s *Answers) RevealedWithAnswers(ctx context.Context, staleBefore int64, limit int, on shard.Set) ([]*DailyPost, error) {
	var out []*DailyPost
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyPostCols+` FROM daily_posts p
		WHERE reveal_state IN ('done', 'failed') AND thread_id != '' AND `+onShards(on, "p.guild_id")+`
		AND id IN (SELECT post_id FROM daily_answers WHERE post_state = '' OR (post_state = 'claimed' AND claimed_at < ?))
		ORDER BY id LIMIT ?`, staleBefore, limit)
	return out, err
}

// Unposted returns a post's answers not yet posted (or failed), in
// submission order.
func (s *Answers) Unposted(ctx context.Context, postID int64) ([]*DailyAnswer, error) {
	var out []*DailyAnswer
	err := s.r.SelectContext(ctx, &out, "SELECT "+answerCols+` FROM daily_answers
		WHERE post_id = ? AND post_state IN ('', 'claimed') ORDER BY submitted_at, id`, postID)
	return out, err
}

// ClaimPost takes the posting of an answer (as read in a); it reports false
// when another process took it first.
func (s *Answers) ClaimPost(ctx context.Context, a *DailyAnswer, by string, at int64) (bool, error) {
	return s.changedOne(ctx, `UPDATE daily_answers SET post_state = 'claimed', claimant = ?, claimed_at = ?, attempts = attempts + 1
		WHERE id = ? AND post_state = ? AND claimed_at = ?`, by, at, a.ID, a.PostState, a.ClaimedAt)
}

// PartSent records that the first parts messages of a claimed answer went
// out, the last being messageID, and renews the claim to at.
func (s *Answers) PartSent(ctx context.Context, id int64, parts int, messageID string, at int64) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE daily_answers SET parts_sent = ?, message_id = ?, claimed_at = ? WHERE id = ? AND post_state = 'claimed'`,
			parts, messageID, at, id)
		return err
	})
}

// FinishPost ends the posting of an answer: AnswerPosted, or AnswerFailed
// with why. With state "" the claim is released for a later sweep (a
// transient failure), keeping why.
func (s *Answers) FinishPost(ctx context.Context, id int64, state, why string) error {
	if state != "" && state != AnswerPosted && state != AnswerFailed {
		return fmt.Errorf("store: Answers.FinishPost with state %q", state)
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE daily_answers SET post_state = ?, claimed_at = 0, error = ? WHERE id = ?`, state, why, id)
		return err
	})
}

// VoteResult is what a vote did.
type VoteResult struct {
	// Removed is true when the member took back their vote for the answer
	// (they pressed Vote on it a second time); Moved when their vote for
	// another answer of the post moved to this one.
	Removed, Moved bool
	// Votes is the answer's vote count after the vote.
	Votes int
}

// Vote records voter's vote for an answer: one vote per member and post.
// Voting for another answer of the post moves the vote; voting for the
// same answer again takes it back. A member never votes for their own
// answer, and votes close once the post's best answer is chosen.
func (s *Answers) Vote(ctx context.Context, answerID int64, voterID string, at int64) (VoteResult, error) {
	var r VoteResult
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r = VoteResult{}
		a, err := getAnswer(ctx, tx, answerID)
		if err != nil {
			return err
		}
		if a.UserID == voterID {
			return errs.E(errs.Invalid, "You cannot vote for your own answer.")
		}
		closed, err := getRow[int64](ctx, tx, "SELECT post_id FROM daily_best_answers WHERE post_id = ?", a.PostID)
		if err != nil {
			return err
		}
		if closed != nil {
			return errs.E(errs.Invalid, "Voting on this question has ended: its best answer was chosen.")
		}
		prev, err := getRow[int64](ctx, tx, "SELECT answer_id FROM daily_votes WHERE post_id = ? AND user_id = ?", a.PostID, voterID)
		if err != nil {
			return err
		}
		switch {
		case prev != nil && *prev == answerID:
			r.Removed = true
			_, err = tx.ExecContext(ctx, "DELETE FROM daily_votes WHERE post_id = ? AND user_id = ?", a.PostID, voterID)
		default:
			r.Moved = prev != nil
			_, err = tx.ExecContext(ctx, `INSERT INTO daily_votes (post_id, user_id, answer_id, guild_id, voted_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (post_id, user_id) DO UPDATE SET answer_id = excluded.answer_id, voted_at = excluded.voted_at`,
				a.PostID, voterID, answerID, a.GuildID, at)
		}
		if err != nil {
			return err
		}
		return tx.GetContext(ctx, &r.Votes, "SELECT count(*) FROM daily_votes WHERE answer_id = ?", answerID)
	})
	return r, err
}

// BestAnswer is the best answer chosen for a post.
type BestAnswer struct {
	PostID    int64  `db:"post_id"`
	GuildID   string `db:"guild_id"`
	LocalDate string `db:"local_date"`
	AnswerID  int64  `db:"answer_id"` // 0: no answer had a vote, so none is best
	UserID    string `db:"user_id"`
	Votes     int    `db:"votes"`
	State     string `db:"state"` // "claimed" (being announced), "done" or "failed"
	Claimant  string `db:"claimant"`
	ClaimedAt int64  `db:"claimed_at"`
	DecidedAt int64  `db:"decided_at"`
	Error     string `db:"error"`
}

const bestCols = "post_id, guild_id, local_date, answer_id, user_id, votes, state, claimant, claimed_at, decided_at, error"

// DueBest returns posts on the shards whose best answer is due: revealed
// before revealedBefore (unix ms), every answer posted or failed, and no
// best answer chosen yet or its announcement claimed before staleBefore.
func (s *Answers) DueBest(ctx context.Context, revealedBefore, staleBefore int64, limit int, on shard.Set) ([]*DailyPost, error) {
	var out []*DailyPost
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyPostCols+` FROM daily_posts p
		WHERE reveal_state IN ('done', 'failed') AND reveal_at <= ? AND `+onShards(on, "p.guild_id")+`
		AND EXISTS (SELECT 1 FROM daily_answers a WHERE a.post_id = p.id)
		AND NOT EXISTS (SELECT 1 FROM daily_answers a WHERE a.post_id = p.id AND a.post_state IN ('', 'claimed'))
		AND NOT EXISTS (SELECT 1 FROM daily_best_answers b WHERE b.post_id = p.id AND (b.state != 'claimed' OR b.claimed_at >= ?))
		ORDER BY id LIMIT ?`, revealedBefore, staleBefore, limit)
	return out, err
}

// ClaimBest chooses a post's best answer, once: the posted answer with the
// most votes, the earliest submitted among equals; none when no answer has
// a vote (then it is done at once, with nothing to announce). The choice
// is stored and claimed for its announcement by by; a later call takes
// over a claim older than staleBefore and returns the same choice. It
// reports false when the best answer is done or another process holds a
// live claim.
func (s *Answers) ClaimBest(ctx context.Context, p *DailyPost, by string, at, staleBefore int64) (*BestAnswer, bool, error) {
	var (
		best *BestAnswer
		ok   bool
	)
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		best, ok = nil, false
		type winner struct {
			ID     int64  `db:"id"`
			UserID string `db:"user_id"`
			Votes  int    `db:"votes"`
		}
		w, err := getRow[winner](ctx, tx, `SELECT a.id, a.user_id, count(*) AS votes FROM daily_answers a
			JOIN daily_votes v ON v.answer_id = a.id AND v.post_id = a.post_id
			WHERE a.post_id = ? AND a.post_state = 'posted'
			GROUP BY a.id, a.user_id, a.submitted_at ORDER BY votes DESC, a.submitted_at, a.id LIMIT 1`, p.ID)
		if err != nil {
			return err
		}
		state := "claimed"
		if w == nil {
			w, state = &winner{}, "done"
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO daily_best_answers (post_id, guild_id, local_date, answer_id, user_id, votes, state,
			claimant, claimed_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (post_id) DO NOTHING`,
			p.ID, p.GuildID, p.LocalDate, w.ID, w.UserID, w.Votes, state, by, at, at)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		if n == 0 {
			if res, err = tx.ExecContext(ctx, `UPDATE daily_best_answers SET claimant = ?, claimed_at = ?
				WHERE post_id = ? AND state = 'claimed' AND claimed_at < ?`, by, at, p.ID, staleBefore); err != nil {
				return err
			}
			n, _ = res.RowsAffected()
		}
		if best, err = getRow[BestAnswer](ctx, tx, "SELECT "+bestCols+" FROM daily_best_answers WHERE post_id = ?", p.ID); err != nil {
			return err
		}
		ok = n == 1 && best != nil && best.State == "claimed"
		return nil
	})
	return best, ok, err
}

// FinishBest records how the announcement of a post's best answer ended:
// "done", or "failed" with why.
func (s *Answers) FinishBest(ctx context.Context, postID int64, state, why string) error {
	if state != "done" && state != "failed" {
		return fmt.Errorf("store: Answers.FinishBest with state %q", state)
	}
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE daily_best_answers SET state = ?, error = ? WHERE post_id = ?", state, why, postID)
		return err
	})
}

// Best returns a post's best answer as chosen; nil before it is chosen.
func (s *Answers) Best(ctx context.Context, postID int64) (*BestAnswer, error) {
	return getRow[BestAnswer](ctx, s.r, "SELECT "+bestCols+" FROM daily_best_answers WHERE post_id = ?", postID)
}

// BestAnswerCount returns how many best answers a member has in a server.
func (s *Answers) BestAnswerCount(ctx context.Context, guildID, userID string) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM daily_best_answers WHERE guild_id = ? AND user_id = ?", guildID, userID)
	return n, err
}

// BestAnswerCounts returns, by member id, how many best answers members of
// a server have on posts whose local date is in [fromDate, toDate]
// ("YYYY-MM-DD"). Members without one are absent.
func (s *Answers) BestAnswerCounts(ctx context.Context, guildID, fromDate, toDate string) (map[string]int, error) {
	var rows []struct {
		UserID string `db:"user_id"`
		N      int    `db:"n"`
	}
	err := s.r.SelectContext(ctx, &rows, `SELECT user_id, count(*) AS n FROM daily_best_answers
		WHERE guild_id = ? AND user_id != '' AND local_date >= ? AND local_date <= ? GROUP BY user_id`, guildID, fromDate, toDate)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.N
	}
	return out, nil
}
