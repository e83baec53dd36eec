package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/prepcord/prepcord/internal/shard"
	"github.com/pressly/goose/v3"
)

// TestDailyFeedsMigration builds a database at version 15 (before feeds)
// with a server's schedule, posts, participation and a reveal in it, opens
// it with this build, and finds all of it in the feed named "daily": the
// same post ids (the buttons of posted messages carry them), cycle, next
// question, reveal state and participation; the old (server, date) rule
// now holds per feed.
func TestDailyFeedsMigration(t *testing.T) {
	sqliteOnly(t) // PostgreSQL databases start at the feeds schema: nothing to migrate from
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open(driverName, dsn(path, false, "full"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, Migrations("sqlite"), goose.WithTableName(migrationTable), goose.WithDisableGlobalRegistry(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 15); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO daily_configs (guild_id, channel_id, clock, zone, days, ping_role, company, level, difficulty, paused,
			next_due, next_date, next_seq, cycle, last_error, updated_by, updated_at)
			VALUES ('g1', 'c1', '09:00', 'Europe/London', 62, 'r1', 'Acme', 'senior', 'hard', 1, 5000, '2026-03-09', 7, 3, 'oops', 'u1', 99)`,
		`INSERT INTO daily_configs (guild_id, channel_id, clock, zone, days) VALUES ('g2', 'c2', '10:00', 'UTC', 127)`,
		`INSERT INTO daily_posts (id, guild_id, local_date, due_at, status, channel_id, question_seq, question_id, cycle, remaining,
			message_id, thread_id, posted_at, reveal_state, reveal_at) VALUES
			(41, 'g1', '2026-03-07', 1000, 'posted', 'c1', 3, 'q3', 3, 5, 'm41', 'm41', 1001, 'done', 2000),
			(42, 'g1', '2026-03-08', 3000, 'posted', 'c1', 4, 'q4', 3, 4, 'm42', 'm42', 3001, '', 0),
			(43, 'g1', '2026-03-10', 9000, 'skipped', 'c1', 0, '', 1, 0, '', '', 0, '', 0)`,
		`INSERT INTO daily_participation (guild_id, user_id, local_date, post_id, first_at) VALUES ('g1', 'u9', '2026-03-08', 42, 3100)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	feeds, err := s.Daily.Feeds(ctx, "g1")
	if err != nil || len(feeds) != 1 {
		t.Fatalf("feeds %v %v", feeds, err)
	}
	got := *feeds[0]
	want := DailyConfig{GuildID: "g1", Feed: DefaultFeed, ChannelID: "c1", Clock: "09:00", Zone: "Europe/London", Days: 62, PingRole: "r1",
		Company: "Acme", Level: "senior", Difficulty: "hard", Paused: true, NextDue: 5000, NextDate: "2026-03-09", NextSeq: 7, Cycle: 3,
		LastError: "oops", UpdatedBy: "u1", UpdatedAt: 99}
	if got != want {
		t.Fatalf("migrated feed\n got %+v\nwant %+v", got, want)
	}
	if c, err := s.Daily.Config(ctx, "g2"); err != nil || c.Feed != DefaultFeed || c.Clock != "10:00" {
		t.Fatalf("g2: %+v %v", c, err)
	}
	posts, err := s.Daily.Posts(ctx, "g1", DefaultFeed, 10)
	if err != nil || len(posts) != 3 {
		t.Fatalf("posts %d %v", len(posts), err)
	}
	byID := map[int64]*DailyPost{}
	for _, p := range posts {
		byID[p.ID] = p
	}
	if p := byID[41]; p == nil || p.Feed != DefaultFeed || p.RevealState != "done" || p.ThreadID != "m41" || p.Cycle != 3 {
		t.Fatalf("post 41: %+v", p)
	}
	if p := byID[43]; p == nil || p.Status != DailySkipped {
		t.Fatalf("post 43: %+v", p)
	}
	if p, err := s.Daily.PostByThread(ctx, "m42"); err != nil || p == nil || p.ID != 42 {
		t.Fatalf("by thread: %+v %v", p, err)
	}
	if days, err := s.History.ParticipationDays(ctx, "g1", "u9"); err != nil || len(days) != 1 || days[0].Date != "2026-03-08" {
		t.Fatalf("participation %v %v", days, err)
	}
	// The reveal still waits for post 42 only (41 is done).
	if due, err := s.Daily.DueReveals(ctx, 1<<62, 0, 10, shard.Set{}); err != nil || len(due) != 1 || due[0].ID != 42 {
		t.Fatalf("due reveals %+v %v", due, err)
	}
	// Once per feed and date: the old feed's date is taken; a new feed's
	// same date is free, and new posts get new ids.
	if _, ok, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g1", LocalDate: "2026-03-08", ChannelID: "c1", By: "x"}); err != nil || ok {
		t.Fatalf("claim of a migrated date: %v %v", ok, err)
	}
	if _, err := s.Questions.SyncBundled(ctx, genBank(10, 5)); err != nil {
		t.Fatal(err)
	}
	saveCfg(t, s, "g1", func(c *DailyConfig) { c.Feed = "ml" })
	np, ok, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g1", Feed: "ml", LocalDate: "2026-03-08", ChannelID: "c-ml", By: "x"})
	if err != nil || !ok || np.ID <= 43 || np.Feed != "ml" {
		t.Fatalf("claim in a new feed: %+v %v %v", np, ok, err)
	}
	if dates, err := s.Daily.PostDates(ctx, "g1"); err != nil || len(dates) != 2 {
		t.Fatalf("post dates (one per day across feeds): %v %v", dates, err)
	}
}

// TestDailyFeedsLimitAndLowBankClaim: a server holds at most
// MaxDailyFeeds feeds (changing one of them still works), and a feed's
// low-bank warning is claimed once per cycle, across store instances.
func TestDailyFeedsLimitAndLowBankClaim(t *testing.T) {
	ctx := context.Background()
	s, path := dailyStore(t, 20)
	for i := range MaxDailyFeeds {
		saveCfg(t, s, "g", func(c *DailyConfig) { c.Feed = string(rune('a' + i)) })
	}
	err := s.Daily.SaveConfig(ctx, &DailyConfig{GuildID: "g", Feed: "k", ChannelID: "c", Clock: "09:00", Zone: "UTC", Days: 127})
	if err == nil {
		t.Fatal("an eleventh feed was saved")
	}
	if feeds, _ := s.Daily.Feeds(ctx, "g"); len(feeds) != MaxDailyFeeds {
		t.Fatalf("%d feeds", len(feeds))
	}
	saveCfg(t, s, "g", func(c *DailyConfig) { c.Feed, c.Clock = "a", "10:00" })
	if c, err := s.Daily.Feed(ctx, "g", "a"); err != nil || c.Clock != "10:00" {
		t.Fatalf("changing a feed at the limit: %+v %v", c, err)
	}
	s2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	for i, want := range []bool{true, false, false} {
		st := []*Store{s, s2, s}[i]
		if ok, err := st.Daily.ClaimLowBank(ctx, "g", "b", 1); err != nil || ok != want {
			t.Fatalf("claim %d: %v %v", i, ok, err)
		}
	}
	if ok, _ := s2.Daily.ClaimLowBank(ctx, "g", "c", 1); !ok {
		t.Fatal("another feed's warning was taken by the first")
	}
	if err := s.Daily.ReleaseLowBank(ctx, "g", "b", 1); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s2.Daily.ClaimLowBank(ctx, "g", "b", 1); !ok {
		t.Fatal("a released warning could not be claimed again")
	}
	if ok, _ := s2.Daily.ClaimLowBank(ctx, "g", "b", 2); !ok {
		t.Fatal("a new cycle's warning was refused")
	}
}
