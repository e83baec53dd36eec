package store

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

// Daily is each server's daily questions: its feeds (schedules), and the
// posts, claims, threads and reveals that carry them out.
type Daily struct{ *shared }

// DailyConfig is one daily feed of a server: its schedule and filters.
type DailyConfig struct {
	GuildID string `db:"guild_id"`
	// Feed is the feed's name, unique in the server (DefaultFeed for a
	// server's first feed unless named otherwise).
	Feed       string `db:"feed"`
	ChannelID  string `db:"channel_id"`
	Clock      string `db:"clock"` // "09:00"
	Zone       string `db:"zone"`  // IANA name
	Days       int    `db:"days"`  // weekday bit set, bit 0 = Sunday
	PingRole   string `db:"ping_role"`
	Company    string `db:"company"`
	Role       string `db:"role"`
	Category   string `db:"category"`
	Level      string `db:"level"` // one level, as Filter.Level; "" for any
	Difficulty string `db:"difficulty"`
	Paused     bool   `db:"paused"`
	// NextDue is the unix ms of the next post (0: none), NextDate its
	// local date.
	NextDue  int64  `db:"next_due"`
	NextDate string `db:"next_date"`
	// NextSeq is the question chosen for the next post (0: none yet).
	NextSeq int64 `db:"next_seq"`
	Cycle   int   `db:"cycle"`
	// LowBankCycle is the cycle in which admins were told the feed is
	// running out of unseen questions (0: never).
	LowBankCycle int    `db:"low_bank_cycle"`
	LastError    string `db:"last_error"`
	LastErrorAt  int64  `db:"last_error_at"`
	UpdatedBy    string `db:"updated_by"`
	CreatedAt    int64  `db:"created_at"`
	UpdatedAt    int64  `db:"updated_at"`
}

// Filter returns the question filter of the schedule.
func (c *DailyConfig) Filter() Filter {
	return Filter{Scope: c.GuildID, Company: c.Company, Role: c.Role, Category: c.Category, Level: c.Level, Difficulty: c.Difficulty}
}

// The statuses of a daily post.
const (
	DailyClaimed = "claimed" // taken by a process, not (known to be) sent yet
	DailyPosted  = "posted"  // the message exists (MessageID)
	DailyFailed  = "failed"  // could not be sent (Error says why)
	DailyMissed  = "missed"  // older than the catch-up window when the bot saw it
	DailySkipped = "skipped" // /daily skip
)

// DailyPost is one feed's post for one local date.
type DailyPost struct {
	ID           int64  `db:"id"`
	GuildID      string `db:"guild_id"`
	Feed         string `db:"feed"`
	LocalDate    string `db:"local_date"`
	DueAt        int64  `db:"due_at"`
	Status       string `db:"status"`
	Late         bool   `db:"late"`
	Manual       bool   `db:"manual"`
	ChannelID    string `db:"channel_id"`
	QuestionSeq  int64  `db:"question_seq"`
	QuestionID   string `db:"question_id"`
	Cycle        int    `db:"cycle"`
	CycleRestart bool   `db:"cycle_restart"`
	Remaining    int    `db:"remaining"`
	MessageID    string `db:"message_id"`
	ThreadID     string `db:"thread_id"`
	ClaimedBy    string `db:"claimed_by"`
	ClaimedAt    int64  `db:"claimed_at"`
	Attempts     int    `db:"attempts"`
	Error        string `db:"error"`
	PostedAt     int64  `db:"posted_at"`
	RevealState  string `db:"reveal_state"`
	RevealBy     string `db:"reveal_by"`
	RevealAt     int64  `db:"reveal_at"`
}

const dailyPostCols = `id, guild_id, feed, local_date, due_at, status, late, manual, channel_id, question_seq, question_id,
	cycle, cycle_restart, remaining, message_id, thread_id, claimed_by, claimed_at, attempts, error, posted_at,
	reveal_state, reveal_by, reveal_at`

const dailyConfigCols = `guild_id, feed, channel_id, clock, zone, days, ping_role, company, role, category, level, difficulty,
	paused, next_due, next_date, next_seq, cycle, low_bank_cycle, last_error, last_error_at, created_at, updated_by, updated_at`

var errNoDaily = errs.E(errs.NotFound, "The daily question is not set up in this server yet: use `/daily setup`.")

// DueConfigs returns the schedules, not paused, whose next post is due
// at or before now (unix ms), earliest first, at most limit.
func (s *Daily) DueConfigs(ctx context.Context, now int64, limit int, on shard.Set) ([]*DailyConfig, error) {
	var out []*DailyConfig
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyConfigCols+` FROM daily_feeds
		WHERE paused = 0 AND next_due > 0 AND next_due <= ? AND `+onShards(on, "guild_id")+` ORDER BY next_due, guild_id, feed LIMIT ?`, now, limit)
	return out, err
}

// SetPaused pauses or resumes a feed; resuming sets the next post.
func (s *Daily) SetPaused(ctx context.Context, guildID, feed string, paused bool, nextDue int64, nextDate string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE daily_feeds SET paused = ?, next_due = ?, next_date = ? WHERE guild_id = ? AND feed = ?`,
			paused, nextDue, nextDate, guildID, feedOr(feed))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errNoDaily
		}
		return nil
	})
}

// Advance moves a feed's next post from fromDue to nextDue, unless
// another process already moved it; it reports whether it did.
func (s *Daily) Advance(ctx context.Context, guildID, feed string, fromDue, nextDue int64, nextDate string) (bool, error) {
	var ok bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		var err error
		ok, err = advance(ctx, tx, guildID, feed, fromDue, nextDue, nextDate)
		return err
	})
	return ok, err
}

func advance(ctx context.Context, tx *sqlx.Tx, guildID, feed string, fromDue, nextDue int64, nextDate string) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE daily_feeds SET next_due = ?, next_date = ? WHERE guild_id = ? AND feed = ? AND next_due = ?`,
		nextDue, nextDate, guildID, feedOr(feed), fromDue)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// SetError records (or, with msg "", clears) a feed's last error.
func (s *Daily) SetError(ctx context.Context, guildID, feed, msg string, at int64) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE daily_feeds SET last_error = ?, last_error_at = ? WHERE guild_id = ? AND feed = ?",
			msg, at, guildID, feedOr(feed))
		return err
	})
}

// DailyClaim asks for a feed's post for one local date.
type DailyClaim struct {
	GuildID   string
	Feed      string // "" for DefaultFeed
	LocalDate string
	DueAt     int64 // unix ms
	ChannelID string
	Late      bool
	Manual    bool
	By        string // the claiming process
	At        int64  // unix ms
	// Advance, when true, moves the schedule's next post from FromDue to
	// NextDue/NextDate in the same transaction.
	Advance  bool
	FromDue  int64
	NextDue  int64
	NextDate string
}

// Claim takes the post of one feed and local date, choosing its
// question, in one transaction: the unique (server, feed, date) row is the
// guarantee that only one process ever sends it. It returns the post and
// true when this call claimed it; nil and false when the date already has
// a row (posted, claimed by someone else, skipped or missed). When no
// question matches the filters it records a failed post and returns it with
// true and a NotFound error.
func (s *Daily) Claim(ctx context.Context, c DailyClaim) (*DailyPost, bool, error) {
	c.Feed = feedOr(c.Feed)
	var out *DailyPost
	var claimed bool
	var pickErr error
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if c.Advance {
			if _, err := advance(ctx, tx, c.GuildID, c.Feed, c.FromDue, c.NextDue, c.NextDate); err != nil {
				return err
			}
		}
		var exists int
		if err := tx.GetContext(ctx, &exists, "SELECT count(*) FROM daily_posts WHERE guild_id = ? AND feed = ? AND local_date = ?",
			c.GuildID, c.Feed, c.LocalDate); err != nil {
			return err
		}
		if exists > 0 {
			return nil
		}
		cfg, err := dailyConfig(ctx, tx, c.GuildID, c.Feed)
		if err != nil {
			return err
		}
		q, cycle, restarted, err := pickDaily(ctx, s.dialect, tx, cfg, cfg.NextSeq)
		status, errText := DailyClaimed, ""
		var seq int64
		var qid string
		if err != nil {
			if errs.CodeOf(err) != errs.NotFound {
				return err
			}
			pickErr = err
			status, errText = DailyFailed, "No question matches this server's filters."
		} else {
			seq, qid = q.Seq, q.ID
		}
		var ids []int64
		err = tx.SelectContext(ctx, &ids, `INSERT INTO daily_posts (guild_id, feed, local_date, due_at, status, late, manual,
			channel_id, question_seq, question_id, cycle, cycle_restart, claimed_by, claimed_at, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, feed, local_date) DO NOTHING RETURNING id`,
			c.GuildID, c.Feed, c.LocalDate, c.DueAt, status, c.Late, c.Manual, c.ChannelID, seq, qid, cycle, restarted, c.By, c.At, errText)
		if err != nil || len(ids) == 0 {
			return err
		}
		id := ids[0]
		if pickErr == nil {
			left, err := remainingIn(ctx, s.dialect, tx, cfg, cycle)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE daily_posts SET remaining = ? WHERE id = ?", left, id); err != nil {
				return err
			}
			// Choose the following question now, so /daily preview shows it.
			cfg.Cycle = cycle
			next, _, _, err := pickDaily(ctx, s.dialect, tx, cfg, 0)
			var nextSeq int64
			if err == nil {
				nextSeq = next.Seq
			} else if errs.CodeOf(err) != errs.NotFound {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE daily_feeds SET cycle = ?, next_seq = ? WHERE guild_id = ? AND feed = ?",
				cycle, nextSeq, c.GuildID, c.Feed); err != nil {
				return err
			}
		}
		p, err := dailyPost(ctx, tx, id)
		if err != nil {
			return err
		}
		out, claimed = p, true
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return out, claimed, pickErr
}

// pickDaily chooses the question for a feed's next post: prefer (when it
// still matches and was not posted in the cycle), else a random matching
// question not posted in the current cycle; when every match was posted,
// the cycle restarts (restarted is true) and the pick avoids the most
// recent post. It returns a NotFound error when nothing matches at all.
func pickDaily(ctx context.Context, d *dialect, tx *sqlx.Tx, c *DailyConfig, prefer int64) (q *Question, cycle int, restarted bool, err error) {
	cycle = max(c.Cycle, 1)
	f := c.Filter()
	where, args := f.where(d)
	notPosted := ` AND q.seq NOT IN (SELECT question_seq FROM daily_posts WHERE guild_id = ? AND feed = ? AND cycle = ?
		AND status IN ('claimed', 'posted'))`
	base := "SELECT " + prefixCols("q.") + " FROM questions q WHERE " + where + notPosted
	get := func(query string, a ...any) (*Question, error) {
		r, err := getRow[row](ctx, tx, query, a...)
		if r == nil {
			return nil, err
		}
		return r.question(), nil
	}
	withCycle := func(cy int) []any { return append(append([]any{}, args...), c.GuildID, c.Feed, cy) }
	if prefer > 0 {
		if q, err = get(base+" AND q.seq = ?", append(withCycle(cycle), prefer)...); err != nil || q != nil {
			return q, cycle, false, err
		}
	}
	if q, err = get(base+" ORDER BY random() LIMIT 1", withCycle(cycle)...); err != nil || q != nil {
		return q, cycle, false, err
	}
	// Every matching question was posted in this cycle: start a new one.
	var last int64
	err = tx.GetContext(ctx, &last, `SELECT coalesce(max(question_seq), 0) FROM daily_posts WHERE id =
		(SELECT max(id) FROM daily_posts WHERE guild_id = ? AND feed = ? AND status = 'posted')`, c.GuildID, c.Feed)
	if err != nil {
		return nil, 0, false, err
	}
	cycle++
	if q, err = get(base+" AND q.seq != ? ORDER BY random() LIMIT 1", append(withCycle(cycle), last)...); err != nil || q != nil {
		return q, cycle, true, err
	}
	if q, err = get(base+" ORDER BY random() LIMIT 1", withCycle(cycle)...); err != nil || q != nil {
		return q, cycle, true, err
	}
	return nil, 0, false, errNoMatch
}

// remainingIn counts the questions matching c's filters not yet posted in
// cycle by c's feed.
func remainingIn(ctx context.Context, d *dialect, q sqlx.QueryerContext, c *DailyConfig, cycle int) (int, error) {
	f := c.Filter()
	where, args := f.where(d)
	var n int
	err := sqlx.GetContext(ctx, q, &n, `SELECT count(*) FROM questions q WHERE `+where+` AND q.seq NOT IN
		(SELECT question_seq FROM daily_posts WHERE guild_id = ? AND feed = ? AND cycle = ? AND status IN ('claimed', 'posted'))`,
		append(args, c.GuildID, c.Feed, max(cycle, 1))...)
	return n, err
}

// Remaining returns how many questions matching a feed's filters have not
// been posted in its current cycle, and how many match in all: counted in
// the bank index against the cycle's posts (the dashboard lists every
// feed's), by the database when the index cannot answer exactly.
func (s *Daily) Remaining(ctx context.Context, guildID, feed string) (left, total int, err error) {
	c, err := s.Feed(ctx, guildID, feed)
	if err != nil {
		return 0, 0, err
	}
	var posted []int64
	if err := s.r.SelectContext(ctx, &posted, `SELECT question_seq FROM daily_posts WHERE guild_id = ? AND feed = ? AND cycle = ?
		AND status IN ('claimed', 'posted')`, c.GuildID, c.Feed, max(c.Cycle, 1)); err != nil {
		return 0, 0, err
	}
	done := make(map[int64]bool, len(posted))
	for _, seq := range posted {
		done[seq] = true
	}
	if left, total, ok, err := s.countLeft(ctx, c.Filter(), done); ok || err != nil {
		return left, total, err
	}
	return s.remainingSQL(ctx, c)
}

// remainingSQL is Remaining counted by the database.
func (s *Daily) remainingSQL(ctx context.Context, c *DailyConfig) (left, total int, err error) {
	if left, err = remainingIn(ctx, s.dialect, s.r, c, c.Cycle); err != nil {
		return 0, 0, err
	}
	total, err = countQuestions(ctx, s.dialect, s.r, c.Filter())
	return left, total, err
}

// NextQuestion returns the question a feed's next post will carry,
// choosing (and remembering) it when none is chosen yet.
func (s *Daily) NextQuestion(ctx context.Context, guildID, feed string) (*Question, error) {
	var out *Question
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		cfg, err := dailyConfig(ctx, tx, guildID, feed)
		if err != nil {
			return err
		}
		q, _, _, err := pickDaily(ctx, s.dialect, tx, cfg, cfg.NextSeq)
		if err != nil {
			return err
		}
		if q.Seq != cfg.NextSeq {
			if _, err := tx.ExecContext(ctx, "UPDATE daily_feeds SET next_seq = ? WHERE guild_id = ? AND feed = ?", q.Seq, guildID, cfg.Feed); err != nil {
				return err
			}
		}
		out = q
		return nil
	})
	return out, err
}

// Mark records a post that will not be sent (missed or skipped) for a
// date, unless the date already has a row, and advances the schedule when
// asked; it reports whether the row was added.
func (s *Daily) Mark(ctx context.Context, c DailyClaim, status string) (bool, error) {
	if status != DailyMissed && status != DailySkipped {
		return false, fmt.Errorf("store: Daily.Mark with status %q", status)
	}
	c.Feed = feedOr(c.Feed)
	var added bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		if c.Advance {
			if _, err := advance(ctx, tx, c.GuildID, c.Feed, c.FromDue, c.NextDue, c.NextDate); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO daily_posts (guild_id, feed, local_date, due_at, status, channel_id, claimed_by, claimed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, feed, local_date) DO NOTHING`,
			c.GuildID, c.Feed, c.LocalDate, c.DueAt, status, c.ChannelID, c.By, c.At)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		added = n > 0
		return nil
	})
	return added, err
}

// ClearDate removes a date's row when nothing went out that date
// (skipped, missed or failed), so that it can be posted; it reports whether
// there was one.
func (s *Daily) ClearDate(ctx context.Context, guildID, feed, date string) (bool, error) {
	return s.changedOne(ctx, `DELETE FROM daily_posts WHERE guild_id = ? AND feed = ? AND local_date = ?
		AND status IN ('skipped', 'missed', 'failed')`, guildID, feedOr(feed), date)
}

func dailyPost(ctx context.Context, q sqlx.QueryerContext, id int64) (*DailyPost, error) {
	p, err := getRow[DailyPost](ctx, q, "SELECT "+dailyPostCols+" FROM daily_posts WHERE id = ?", id)
	return found(p, err, errs.E(errs.NotFound, "That daily post no longer exists."))
}

// Post returns a post by id.
func (s *Daily) Post(ctx context.Context, id int64) (*DailyPost, error) {
	return dailyPost(ctx, s.r, id)
}

// PostOn returns a feed's post row for a local date, or nil.
func (s *Daily) PostOn(ctx context.Context, guildID, feed, date string) (*DailyPost, error) {
	return getRow[DailyPost](ctx, s.r, "SELECT "+dailyPostCols+" FROM daily_posts WHERE guild_id = ? AND feed = ? AND local_date = ?",
		guildID, feedOr(feed), date)
}

// PostByThread returns the post whose discussion thread is threadID,
// or nil.
func (s *Daily) PostByThread(ctx context.Context, threadID string) (*DailyPost, error) {
	if threadID == "" {
		return nil, nil
	}
	return getRow[DailyPost](ctx, s.r, "SELECT "+dailyPostCols+" FROM daily_posts WHERE thread_id = ? LIMIT 1", threadID)
}

// Posts returns a feed's posts (every feed's with feed "") with the
// given statuses (all when none are given), newest date first, at most
// limit.
func (s *Daily) Posts(ctx context.Context, guildID, feed string, limit int, statuses ...string) ([]*DailyPost, error) {
	query := "SELECT " + dailyPostCols + " FROM daily_posts WHERE guild_id = ?"
	args := []any{guildID}
	if feed != "" {
		query += " AND feed = ?"
		args = append(args, feed)
	}
	if len(statuses) > 0 {
		q, a, err := sqlx.In(" AND status IN (?)", statuses)
		if err != nil {
			return nil, err
		}
		query += q
		args = append(args, a...)
	}
	query += " ORDER BY local_date DESC, id DESC LIMIT ?"
	var out []*DailyPost
	err := s.r.SelectContext(ctx, &out, s.r.Rebind(query), append(args, limit)...)
	return out, err
}

// CountPosts counts a server's posts with a status since a local date.
func (s *Daily) CountPosts(ctx context.Context, guildID, status, since string) (int, error) {
	var n int
	err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM daily_posts WHERE guild_id = ? AND status = ? AND local_date >= ?", guildID, status, since)
	return n, err
}

// PostDates returns the local dates on which the server posted, in any
// of its feeds (a member's streak is the server's: answering any feed's
// post counts for its day).
func (s *Daily) PostDates(ctx context.Context, guildID string) ([]string, error) {
	var out []string
	err := s.r.SelectContext(ctx, &out, "SELECT DISTINCT local_date FROM daily_posts WHERE guild_id = ? AND status = 'posted' ORDER BY local_date", guildID)
	return out, err
}

// StaleClaims returns claimed posts whose claim is older than before
// (unix ms): their process died or gave up between claim and send.
func (s *Daily) StaleClaims(ctx context.Context, before int64, limit int, on shard.Set) ([]*DailyPost, error) {
	var out []*DailyPost
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyPostCols+` FROM daily_posts
		WHERE status = 'claimed' AND claimed_at < ? AND `+onShards(on, "guild_id")+` ORDER BY id LIMIT ?`, before, limit)
	return out, err
}

// TakeOver moves the claim of a post from its previous holder (as read
// in p) to by; it reports false when someone else moved it first.
func (s *Daily) TakeOver(ctx context.Context, p *DailyPost, by string, at int64) (bool, error) {
	return s.changedOne(ctx, `UPDATE daily_posts SET claimed_by = ?, claimed_at = ?
		WHERE id = ? AND status = 'claimed' AND claimed_by = ? AND claimed_at = ?`, by, at, p.ID, p.ClaimedBy, p.ClaimedAt)
}

// MarkSent records the message of a claimed post.
func (s *Daily) MarkSent(ctx context.Context, id int64, messageID string, late bool, at int64) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE daily_posts SET status = 'posted', message_id = ?, late = ?, posted_at = ?, error = ''
			WHERE id = ?`, messageID, late, at, id)
		return err
	})
}

// MarkThread records the discussion thread of a post (or, with
// threadID "", an error creating it, counting the attempt).
func (s *Daily) MarkThread(ctx context.Context, id int64, threadID, errText string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		var err error
		if threadID != "" {
			_, err = tx.ExecContext(ctx, "UPDATE daily_posts SET thread_id = ?, attempts = 0, error = '' WHERE id = ?", threadID, id)
		} else {
			_, err = tx.ExecContext(ctx, "UPDATE daily_posts SET attempts = attempts + 1, error = ? WHERE id = ?", errText, id)
		}
		return err
	})
}

// ReleaseClaim gives a claimed post back after a failed attempt (so
// the next sweep retries it), or marks it failed for good when final.
func (s *Daily) ReleaseClaim(ctx context.Context, id int64, errText string, final bool) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		var err error
		if final {
			_, err = tx.ExecContext(ctx, "UPDATE daily_posts SET status = 'failed', attempts = attempts + 1, error = ? WHERE id = ? AND status = 'claimed'", errText, id)
		} else {
			_, err = tx.ExecContext(ctx, "UPDATE daily_posts SET claimed_at = 0, attempts = attempts + 1, error = ? WHERE id = ? AND status = 'claimed'", errText, id)
		}
		return err
	})
}

// MarkMissed turns a claimed post that can no longer go out in time
// into a missed one.
func (s *Daily) MarkMissed(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE daily_posts SET status = 'missed' WHERE id = ? AND status = 'claimed'", id)
		return err
	})
}

// PendingThreads returns posted posts whose thread is not created yet
// and has been tried fewer than maxAttempts times.
func (s *Daily) PendingThreads(ctx context.Context, maxAttempts, limit int, on shard.Set) ([]*DailyPost, error) {
	var out []*DailyPost
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyPostCols+` FROM daily_posts
		WHERE status = 'posted' AND thread_id = '' AND attempts < ? AND `+onShards(on, "guild_id")+` ORDER BY id LIMIT ?`, maxAttempts, limit)
	return out, err
}
