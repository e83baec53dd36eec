package store

// A server's daily feeds: each is a schedule of its own (channel, time,
// zone, days, ping, filters), keyed by (server, feed name), with its own
// posts, question cycle, reveals and low-bank warning.

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// DefaultFeed is the name of a server's first feed, and the feed every
// schedule made before servers could have several became.
const DefaultFeed = "daily"

// MaxDailyFeeds is how many daily feeds one server can have.
const MaxDailyFeeds = 10

// feedOr returns feed, or DefaultFeed when it is "".
func feedOr(feed string) string {
	if feed == "" {
		return DefaultFeed
	}
	return feed
}

// SaveConfig creates or replaces one feed of a server (c.Feed, "" for
// DefaultFeed). The question cycle, and which questions were posted in it,
// are kept; the chosen next question and the last error are cleared. A
// server already holding MaxDailyFeeds feeds gets an Invalid error for a
// new one, and nothing changes.
func (s *Daily) SaveConfig(ctx context.Context, c *DailyConfig) error {
	c.Feed = feedOr(c.Feed)
	return s.write(ctx, func(tx *sqlx.Tx) error {
		var names []string
		if err := tx.SelectContext(ctx, &names, "SELECT feed FROM daily_feeds WHERE guild_id = ? ORDER BY created_at, feed", c.GuildID); err != nil {
			return err
		}
		exists := false
		for _, n := range names {
			exists = exists || n == c.Feed
		}
		if !exists && len(names) >= MaxDailyFeeds {
			return TooManyFeeds(names)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO daily_feeds (guild_id, feed, channel_id, clock, zone, days, ping_role,
			company, role, category, level, difficulty, paused, next_due, next_date, next_seq, cycle, low_bank_cycle,
			last_error, last_error_at, created_at, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, 0, '', 0, ?, ?, ?)
			ON CONFLICT (guild_id, feed) DO UPDATE SET channel_id = excluded.channel_id, clock = excluded.clock,
			zone = excluded.zone, days = excluded.days, ping_role = excluded.ping_role, company = excluded.company,
			role = excluded.role, category = excluded.category, level = excluded.level, difficulty = excluded.difficulty,
			paused = excluded.paused, next_due = excluded.next_due, next_date = excluded.next_date, next_seq = 0,
			last_error = '', last_error_at = 0, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			c.GuildID, c.Feed, c.ChannelID, c.Clock, c.Zone, c.Days, c.PingRole, c.Company, c.Role, c.Category, c.Level, c.Difficulty,
			c.Paused, c.NextDue, c.NextDate, c.UpdatedAt, c.UpdatedBy, c.UpdatedAt)
		return err
	})
}

// RemoveFeed deletes one feed of a server: it posts no more. Its past
// posts stay, and with them members' streaks, answers and history; a new
// feed of the same name later starts a fresh question cycle. It reports
// whether the feed existed.
func (s *Daily) RemoveFeed(ctx context.Context, guildID, feed string) (bool, error) {
	var removed bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM daily_feeds WHERE guild_id = ? AND feed = ?", guildID, feedOr(feed))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		removed = n > 0
		return err
	})
	return removed, err
}

// TooManyFeeds is the error for a new feed in a server that has
// MaxDailyFeeds (names) already.
func TooManyFeeds(names []string) error {
	return errs.E(errs.Invalid, "This server already has %d daily feeds (%s), the most it can have: change one of them instead (`/daily setup feed:NAME` with its new channel, time or filters).",
		len(names), FeedList(names))
}

// FeedList names feeds for a message: "`swe`, `ml`".
func FeedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	return strings.Join(q, ", ")
}

// Config returns a server's first feed (the oldest; the only one in most
// servers), or a NotFound error. What belongs to the server rather than
// one feed, such as its time zone, is read from it.
func (s *Daily) Config(ctx context.Context, guildID string) (*DailyConfig, error) {
	c, err := getRow[DailyConfig](ctx, s.r, "SELECT "+dailyConfigCols+` FROM daily_feeds WHERE guild_id = ?
		ORDER BY created_at, feed LIMIT 1`, guildID)
	return found(c, err, errNoDaily)
}

// Feed returns one feed of a server, or a NotFound error.
func (s *Daily) Feed(ctx context.Context, guildID, feed string) (*DailyConfig, error) {
	return dailyConfig(ctx, s.r, guildID, feed)
}

func dailyConfig(ctx context.Context, q sqlx.QueryerContext, guildID, feed string) (*DailyConfig, error) {
	c, err := getRow[DailyConfig](ctx, q, "SELECT "+dailyConfigCols+" FROM daily_feeds WHERE guild_id = ? AND feed = ?", guildID, feedOr(feed))
	return found(c, err, errs.E(errs.NotFound, "There is no daily feed named %q in this server.", feed))
}

// Feeds returns a server's feeds, oldest first.
func (s *Daily) Feeds(ctx context.Context, guildID string) ([]*DailyConfig, error) {
	var out []*DailyConfig
	err := s.r.SelectContext(ctx, &out, "SELECT "+dailyConfigCols+" FROM daily_feeds WHERE guild_id = ? ORDER BY created_at, feed", guildID)
	return out, err
}

// ClaimLowBank takes the low-bank warning of a feed for a question cycle:
// it reports true only to the first caller for that cycle, across
// restarts and processes, so that admins are told once.
func (s *Daily) ClaimLowBank(ctx context.Context, guildID, feed string, cycle int) (bool, error) {
	return s.changedOne(ctx, `UPDATE daily_feeds SET low_bank_cycle = ? WHERE guild_id = ? AND feed = ? AND low_bank_cycle < ?`,
		cycle, guildID, feedOr(feed), cycle)
}

// ReleaseLowBank gives back a feed's low-bank warning for a cycle after it
// could not be sent, so that a later sweep sends it.
func (s *Daily) ReleaseLowBank(ctx context.Context, guildID, feed string, cycle int) error {
	_, err := s.changedOne(ctx, `UPDATE daily_feeds SET low_bank_cycle = ? WHERE guild_id = ? AND feed = ? AND low_bank_cycle = ?`,
		cycle-1, guildID, feedOr(feed), cycle)
	return err
}
