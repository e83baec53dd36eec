package daily_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// addFeed sets up a feed named name in a new channel of the same name.
func addFeed(t testing.TB, h *bottest.Harness, name, clock, zone, extra string) *discordgo.Channel {
	t.Helper()
	ch := dailyChannel(t, h, name)
	mustReply(t, h.Run("owner", setupLine(ch, clock, zone, "feed:"+name+" "+extra)))
	return ch
}

// mustFail fails unless m is an error reply, and returns its text.
func mustFail(t testing.TB, m *discordgo.Message) string {
	t.Helper()
	if !bot.IsErrorMessage(m) {
		t.Fatalf("not an error: %s", messageText(m))
	}
	return m.Embeds[0].Description
}

// feedRows returns a feed's post rows, newest first.
func feedRows(t testing.TB, h *bottest.Harness, feed string) []*store.DailyPost {
	t.Helper()
	rows, err := h.Store.Daily.Posts(context.Background(), h.Srv.DefaultGuild().ID, feed, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// checkOncePerDate fails unless the channel holds exactly days daily
// posts, each of a different date, each with its thread.
func checkOncePerDate(t *testing.T, h *bottest.Harness, ch *discordgo.Channel, days int) {
	t.Helper()
	posts := dailyPosts(h, ch.ID)
	seen := map[string]bool{}
	for _, m := range posts {
		date := m.Embeds[0].Footer.Text
		if seen[date] {
			t.Fatalf("#%s: two posts with footer %q", ch.Name, date)
		}
		seen[date] = true
		if m.Thread == nil {
			t.Fatalf("#%s: post %s has no thread", ch.Name, m.ID)
		}
	}
	if len(posts) != days {
		t.Fatalf("#%s: %d posts for %d days", ch.Name, len(posts), days)
	}
}

// TestDailyTwoFeedsOwnTimesAndChannels: a server with two feeds (09:00
// London into #daily, 18:30 Kolkata into #ml) gets each feed's post at its
// own time in its own channel, once per feed and day, while processes die
// between claim and send, or between send and record, and are replaced.
func TestDailyTwoFeedsOwnTimesAndChannels(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC))
	main := setupDaily(t, h, "09:00", "Europe/London", "")
	ml := addFeed(t, h, "ml", "18:30", "Asia/Kolkata", "")
	st := h.Store
	stages := []string{"claimed", "sent", "recorded", "threaded", ""}
	process := func(crashAt string, reopen bool) *daily.Feature {
		if reopen {
			var err error
			st, err = store.Open(context.Background(), h.Store.Path(), store.Options{Now: h.Clock.Now, Synchronous: "normal"})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
		}
		return daily.New(h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{}, daily.WithBackoff(time.Millisecond),
			daily.WithHook(func(stage string, _ *store.DailyPost) bool { return stage == crashAt }))
	}
	const days = 12
	for day := range days {
		for i, at := range []struct {
			h, m int
			ch   *discordgo.Channel
		}{{9, 0, main}, {13, 0, ml}} { // 18:30 in Kolkata is 13:00 UTC
			due := time.Date(2026, 1, 10+day, at.h, at.m, 0, 0, time.UTC)
			before, other := len(dailyPosts(h, at.ch.ID)), len(dailyPosts(h, []*discordgo.Channel{ml, main}[i].ID))
			h.Clock.Set(due.Add(-time.Minute))
			sweep(t, h)
			if n := len(dailyPosts(h, at.ch.ID)); n != before {
				t.Fatalf("day %d: #%s posted before its time", day, at.ch.Name)
			}
			h.Clock.Set(due)
			err := process(stages[(day+i)%len(stages)], day%3 == 0).Sweep(context.Background())
			if err != nil && !errors.Is(err, daily.ErrCrashed) {
				t.Fatal(err)
			}
			// The next process, after the dead one's claim went stale.
			h.Clock.Set(due.Add(3 * time.Minute))
			sweepWith(t, h, process("", false).Sweep)
			sweep(t, h)
			if n := len(dailyPosts(h, at.ch.ID)); n != before+1 {
				t.Fatalf("day %d: #%s has %d posts, want %d", day, at.ch.Name, n, before+1)
			}
			if n := len(dailyPosts(h, []*discordgo.Channel{ml, main}[i].ID)); n != other {
				t.Fatalf("day %d: #%s's time posted into the other feed's channel", day, at.ch.Name)
			}
		}
	}
	checkOncePerDate(t, h, main, days)
	checkOncePerDate(t, h, ml, days)
	for _, feed := range []string{store.DefaultFeed, "ml"} {
		for _, p := range feedRows(t, h, feed) {
			want := map[string]string{store.DefaultFeed: main.ID, "ml": ml.ID}[feed]
			if p.Status != store.DailyPosted || p.ChannelID != want || p.Late {
				t.Fatalf("feed %s: row %+v", feed, p)
			}
		}
	}
}

// TestDailyFeedsDST: two feeds at 02:30, one in New York and one in
// Berlin, swept every 20 minutes through both springs forward (8 and 29
// March 2026) and both falls back (25 October and 1 November): each
// posts once per local date, at the first instant after the gap on the
// spring day and once in the repeated hour.
func TestDailyFeedsDST(t *testing.T) {
	ny, _ := time.LoadLocation("America/New_York")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	for _, window := range []struct {
		from, to time.Time
		gaps     int // posts moved to 03:00 by a spring-forward gap, per feed
	}{
		{time.Date(2026, 3, 6, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), 1},
		{time.Date(2026, 10, 23, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), 0},
	} {
		t.Run(window.from.Format("January"), func(t *testing.T) {
			h := newHarness(t, bottest.Options{})
			h.Clock.Set(window.from)
			us := addFeed(t, h, "us", "02:30", "America/New_York", "")
			eu := addFeed(t, h, "eu", "02:30", "Europe/Berlin", "")
			for at := window.from; at.Before(window.to); at = at.Add(20 * time.Minute) {
				h.Clock.Set(at)
				sweep(t, h)
			}
			for _, f := range []struct {
				name string
				ch   *discordgo.Channel
				loc  *time.Location
			}{{"us", us, ny}, {"eu", eu, berlin}} {
				rows := feedRows(t, h, f.name)
				dates := map[string]bool{}
				gaps := 0
				for _, p := range rows {
					if dates[p.LocalDate] || p.Status != store.DailyPosted {
						t.Fatalf("feed %s: %+v", f.name, p)
					}
					dates[p.LocalDate] = true
					due := time.UnixMilli(p.DueAt).In(f.loc)
					// 02:30 local, or 03:00 on the day 02:30 does not exist.
					if hm := due.Format("15:04"); hm != "02:30" && hm != "03:00" {
						t.Fatalf("feed %s: %s due at %s", f.name, p.LocalDate, due)
					}
					if due.Format("15:04") == "03:00" {
						gaps++
						if due.Add(-time.Hour).Format("15:04") != "01:00" {
							t.Fatalf("feed %s: %s at 03:00 without a gap", f.name, p.LocalDate)
						}
					}
				}
				if gaps != window.gaps {
					t.Fatalf("feed %s: %d posts at the end of a gap, want %d", f.name, gaps, window.gaps)
				}
				first := schedule.DateIn(window.from.Add(-time.Millisecond), f.loc)
				want := 0
				for d := first; ; d = d.AddDays(1) {
					due := time.Date(d.Year, d.Month, d.Day, 2, 30, 0, 0, f.loc)
					if !due.Before(window.to) {
						break
					}
					if due.After(window.from) {
						want++
					}
				}
				if len(rows) != want {
					t.Fatalf("feed %s: %d posts, want %d", f.name, len(rows), want)
				}
				checkOncePerDate(t, h, f.ch, want)
			}
		})
	}
}

// TestDailyFeedsCatchUp: after prepcord was down from 08:00 to 17:00 UTC,
// the feed due at 12:00 goes out late and the one due at 09:00, older
// than the catch-up window, is recorded as missed, each in its own
// /daily status.
func TestDailyFeedsCatchUp(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 4, 1, 8, 0, 0, 0, time.UTC))
	morning := setupDaily(t, h, "09:00", "UTC", "")
	noon := addFeed(t, h, "noon", "12:00", "UTC", "")
	h.Clock.Set(time.Date(2026, 4, 1, 17, 0, 0, 0, time.UTC))
	sweep(t, h)
	sweep(t, h)
	if n := len(dailyPosts(h, morning.ID)); n != 0 {
		t.Fatalf("the 09:00 feed posted 8 h late (%d posts)", n)
	}
	posts := dailyPosts(h, noon.ID)
	if len(posts) != 1 || !strings.Contains(posts[0].Content, "Posted late") {
		t.Fatalf("the 12:00 feed: %d posts %+v", len(posts), posts)
	}
	if s := mustReply(t, h.Run("owner", "/daily status feed:daily")); !strings.Contains(s, "2026-04-01: missed") {
		t.Fatalf("status of the missed feed:\n%s", s)
	}
	if s := mustReply(t, h.Run("owner", "/daily status feed:noon")); strings.Contains(s, "missed") || !strings.Contains(s, "posted late") {
		t.Fatalf("status of the late feed:\n%s", s)
	}
	// Both are back on time the next day.
	h.Clock.Set(time.Date(2026, 4, 2, 12, 0, 0, 0, time.UTC))
	sweep(t, h)
	if len(dailyPosts(h, morning.ID)) != 1 || len(dailyPosts(h, noon.ID)) != 2 {
		t.Fatalf("next day: %d and %d posts", len(dailyPosts(h, morning.ID)), len(dailyPosts(h, noon.ID)))
	}
}

// TestDailyFeedsNoRepeatsPerFeed: two feeds over the same 6 questions
// each post all 6 before either repeats one (a feed's cycle is its own:
// one cycle for the server would run dry in 3 days), and each warns the
// admins once that it is running low: the first in its own channel
// without a ping, the second in the suggestion review channel; across a
// restart the warning is not repeated, and /daily status shows it. A new
// cycle warns once again.
func TestDailyFeedsNoRepeatsPerFeed(t *testing.T) {
	h := newHarness(t, bottest.Options{Bank: smallBank(6)})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	a := setupDaily(t, h, "09:00", "UTC", "")
	b := addFeed(t, h, "second", "10:00", "UTC", "")
	review := dailyChannel(t, h, "review")
	// The review channel is set after the first feed's warning went out.
	warnings := func(ch *discordgo.Channel) []*discordgo.Message {
		var out []*discordgo.Message
		for _, m := range h.Srv.Messages(ch.ID) {
			if strings.Contains(m.Content, "left before it repeats") {
				out = append(out, m)
			}
		}
		return out
	}
	for day := range 6 {
		h.Clock.Set(time.Date(2026, 5, 1+day, 9, 0, 0, 0, time.UTC))
		sweep(t, h)
		if day == 0 {
			if n := len(warnings(a)); n != 1 {
				t.Fatalf("feed daily: %d warnings in its channel after its first post", n)
			}
			if err := h.Store.Suggestions.SetReviewChannel(context.Background(), h.Srv.DefaultGuild().ID, review.ID); err != nil {
				t.Fatal(err)
			}
		}
		h.Clock.Set(time.Date(2026, 5, 1+day, 10, 0, 0, 0, time.UTC))
		if day == 3 { // a restart: a new process over a reopened database
			st, err := store.Open(context.Background(), h.Store.Path(), store.Options{Now: h.Clock.Now})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			f := daily.New(h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{}, daily.WithBackoff(time.Millisecond))
			sweepWith(t, h, f.Sweep)
		}
		sweep(t, h)
	}
	for _, f := range []struct {
		feed string
		ch   *discordgo.Channel
	}{{store.DefaultFeed, a}, {"second", b}} {
		rows := feedRows(t, h, f.feed)
		seen := map[string]bool{}
		for _, p := range rows {
			if seen[p.QuestionID] || p.Cycle != 1 {
				t.Fatalf("feed %s repeated %s within its cycle (%d posts)", f.feed, p.QuestionID, len(rows))
			}
			seen[p.QuestionID] = true
		}
		if len(seen) != 6 {
			t.Fatalf("feed %s: %d questions", f.feed, len(seen))
		}
	}
	if n, m := len(warnings(a)), len(warnings(b)); n != 1 || m != 0 {
		t.Fatalf("warnings in the feeds' channels: %d and %d, want 1 and 0", n, m)
	}
	w := warnings(review)
	if len(w) != 1 || !strings.Contains(w[0].Content, "`second`") {
		t.Fatalf("warnings in #review: %+v", w)
	}
	for _, r := range h.Srv.Requests() {
		if strings.Contains(string(r.JSON), "left before it repeats") && (!strings.Contains(string(r.JSON), `"allowed_mentions":{"parse":null`) || strings.Contains(string(r.JSON), "<@")) {
			t.Fatalf("a warning may ping: %s", r.JSON)
		}
	}
	s := mustReply(t, h.Run("owner", "/daily status feed:second"))
	if !strings.Contains(s, "⚠️") || !strings.Contains(s, "Admins were warned") {
		t.Fatalf("status:\n%s", s)
	}
	// The seventh day starts each feed's second cycle: a new warning each.
	h.Clock.Set(time.Date(2026, 5, 7, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	if n := len(warnings(review)); n != 3 {
		t.Fatalf("%d warnings in #review after the new cycles, want 3", n)
	}
}

// TestDailyFeedCommands: with two feeds a command without feed: says
// which feeds exist; an unknown feed too; /daily status without feed:
// shows every feed; names are checked and unique ignoring case; an
// eleventh feed is refused and changes nothing; and feed: autocompletes
// the server's feed names for admins only.
func TestDailyFeedCommands(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	setupDaily(t, h, "09:00", "UTC", "")
	// One feed: commands need no feed:, and name it when given.
	mustReply(t, h.Run("owner", "/daily pause"))
	mustReply(t, h.Run("owner", "/daily resume feed:daily"))
	addFeed(t, h, "ml", "10:00", "UTC", "")
	for _, line := range []string{"/daily now", "/daily skip", "/daily pause", "/daily resume", "/daily preview",
		"/daily setup channel:#ml time:11:00 timezone:UTC"} {
		if msg := mustFail(t, h.Run("owner", line)); !strings.Contains(msg, "`daily`, `ml`") {
			t.Errorf("%s: %s", line, msg)
		}
	}
	if msg := mustFail(t, h.Run("owner", "/daily pause feed:nope")); !strings.Contains(msg, "`daily`, `ml`") {
		t.Errorf("unknown feed: %s", msg)
	}
	if msg := mustFail(t, h.Run("owner", `/daily status feed:"**<@&1>**"`)); strings.Contains(msg, "<@&1>") || strings.Contains(msg, "**<") {
		t.Errorf("an unknown feed's name is drawn: %s", msg)
	}
	if s := mustReply(t, h.Run("owner", "/daily status")); !strings.Contains(s, "Feed daily") || !strings.Contains(s, "Feed ml") {
		t.Errorf("overview:\n%s", s)
	}
	mustReply(t, h.Run("owner", "/daily pause feed:ML"))
	if c, _ := h.Store.Daily.Feed(context.Background(), h.Srv.DefaultGuild().ID, "ml"); !c.Paused {
		t.Error("feed:ML did not pause ml")
	}
	if c, _ := h.Store.Daily.Feed(context.Background(), h.Srv.DefaultGuild().ID, store.DefaultFeed); c.Paused {
		t.Error("pausing ml paused daily")
	}
	mustReply(t, h.Run("owner", "/daily setup channel:#ml time:11:00 timezone:UTC feed:Ml"))
	for _, bad := range []string{`"two words"`, "semi;colon", strings.Repeat("x", 21), `"<@&123>"`} {
		if msg := mustFail(t, h.Run("owner", "/daily setup channel:#ml time:11:00 timezone:UTC feed:"+bad)); !strings.Contains(msg, "Feed:") {
			t.Errorf("feed:%s: %s", bad, msg)
		}
	}
	for i := 3; i <= store.MaxDailyFeeds; i++ {
		addFeed(t, h, fmt.Sprintf("feed-%d", i), "12:00", "UTC", "")
	}
	ch := dailyChannel(t, h, "eleventh")
	msg := mustFail(t, h.Run("owner", setupLine(ch, "12:00", "UTC", "feed:eleventh")))
	if !strings.Contains(msg, "already has 10 daily feeds") {
		t.Fatalf("eleventh feed: %s", msg)
	}
	feeds, err := h.Store.Daily.Feeds(context.Background(), h.Srv.DefaultGuild().ID)
	if err != nil || len(feeds) != store.MaxDailyFeeds {
		t.Fatalf("%d feeds after the refused eleventh (%v)", len(feeds), err)
	}
	ask := func(user, sub, typed string) []string {
		t.Helper()
		choices, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: user, Name: "daily",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "feed", Value: typed}}}}}, "feed")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range choices {
			out = append(out, fmt.Sprint(c.Value))
		}
		return out
	}
	if got := ask("owner", "status", "M"); len(got) != 1 || got[0] != "ml" {
		t.Errorf("feed autocomplete for M: %v", got)
	}
	if got := ask("owner", "setup", ""); len(got) != store.MaxDailyFeeds {
		t.Errorf("feed autocomplete with nothing typed: %v", got)
	}
	if got := ask("member", "status", ""); len(got) != 0 {
		t.Errorf("a member got feed names: %v", got)
	}
}

// TestDailyFeedAdminCommandsNeedManageServer: a member without Manage
// Server gets an error from every /daily subcommand, with and without
// feed:, and nothing changes.
func TestDailyFeedAdminCommandsNeedManageServer(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	setupDaily(t, h, "09:00", "UTC", "")
	ml := addFeed(t, h, "ml", "10:00", "UTC", "")
	before, err := h.Store.Daily.Feeds(context.Background(), h.Srv.DefaultGuild().ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, feed := range []string{"", " feed:ml", " feed:new"} {
		for _, line := range []string{"/daily status", "/daily now", "/daily skip", "/daily skip undo:true", "/daily pause", "/daily resume",
			"/daily preview", "/daily remove", setupLine(ml, "07:00", "UTC", "")} {
			mustFail(t, h.Run("member", line+feed))
		}
	}
	after, err := h.Store.Daily.Feeds(context.Background(), h.Srv.DefaultGuild().ID)
	if err != nil || len(after) != len(before) {
		t.Fatalf("feeds changed: %d -> %d (%v)", len(before), len(after), err)
	}
	for i := range before {
		if *before[i] != *after[i] {
			t.Fatalf("feed changed by a member:\n%+v\n%+v", before[i], after[i])
		}
	}
	if n := len(feedRows(t, h, "")); n != 0 {
		t.Fatalf("%d post rows made by a member", n)
	}
}

// TestDailyStreakIsTheServers: a member's streak belongs to the server,
// not to a feed: answering one feed's post on one day and the other
// feed's on the next makes a streak of 2, and answering both feeds on
// the same day counts that day once.
func TestDailyStreakIsTheServers(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	a := setupDaily(t, h, "09:00", "UTC", "")
	b := addFeed(t, h, "ml", "10:00", "UTC", "")
	h.Clock.Set(time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	if ans, _ := h.Click("alice", dailyPosts(h, a.ID)[0], "I answered"); !strings.Contains(ans.Content, "streak: **1**") {
		t.Fatalf("day 1: %s", ans.Content)
	}
	h.Clock.Set(time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	if ans, _ := h.Click("alice", dailyPosts(h, b.ID)[1], "I answered"); !strings.Contains(ans.Content, "Counted for 2026-05-02") ||
		!strings.Contains(ans.Content, "streak: **2**") {
		t.Fatalf("day 2 in the other feed: %s", ans.Content)
	}
	if ans, _ := h.Click("alice", dailyPosts(h, a.ID)[1], "I answered"); !strings.Contains(ans.Content, "already counted for 2026-05-02") ||
		!strings.Contains(ans.Content, "streak: **2**") {
		t.Fatalf("both feeds the same day: %s", ans.Content)
	}
	days, err := h.Store.History.ParticipationDays(context.Background(), h.Srv.DefaultGuild().ID, h.Srv.User("alice").ID)
	if err != nil || len(days) != 2 {
		t.Fatalf("participation days %v %v", days, err)
	}
}

// TestDailyLowBankWarningFallsBackToTheFeedChannel: when prepcord cannot
// post in the review channel, the warning goes to the feed's channel, once.
func TestDailyLowBankWarningFallsBackToTheFeedChannel(t *testing.T) {
	h := newHarness(t, bottest.Options{Bank: smallBank(3)})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "09:00", "UTC", "")
	review := dailyChannel(t, h, "review")
	if err := h.Store.Suggestions.SetReviewChannel(context.Background(), h.Srv.DefaultGuild().ID, review.ID); err != nil {
		t.Fatal(err)
	}
	me := h.Srv.BotUser()
	if err := h.Srv.SetOverwrite(review.ID, discordgo.PermissionOverwrite{ID: me.ID, Type: discordgo.PermissionOverwriteTypeMember, Deny: discordgo.PermissionSendMessages}); err != nil {
		t.Fatal(err)
	}
	for day := range 2 {
		h.Clock.Set(time.Date(2026, 5, 1+day, 9, 0, 0, 0, time.UTC))
		sweep(t, h)
	}
	var warned int
	for _, m := range h.Srv.Messages(ch.ID) {
		if strings.Contains(m.Content, "left before it repeats") {
			warned++
		}
	}
	if warned != 1 || len(h.Srv.Messages(review.ID)) != 0 {
		t.Fatalf("%d warnings in the feed's channel, %d messages in #review", warned, len(h.Srv.Messages(review.ID)))
	}
}

// TestDailyRemoveFeed: /daily remove asks first and changes nothing until
// the admin confirms (only they see the button); once removed the feed posts
// no more while the other goes on, its past posts stay, and the skip
// hints of a server with several feeds name the feed.
func TestDailyRemoveFeed(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	main := setupDaily(t, h, "09:00", "UTC", "")
	ml := addFeed(t, h, "ml", "10:00", "UTC", "")
	h.Clock.Set(time.Date(2026, 6, 1, 10, 30, 0, 0, time.UTC))
	sweep(t, h)
	if n := len(dailyPosts(h, ml.ID)); n != 1 {
		t.Fatalf("#ml: %d posts before removal", n)
	}

	skip := mustReply(t, h.Run("owner", "/daily skip feed:ml"))
	if !strings.Contains(skip, "`/daily skip undo:true feed:ml`") {
		t.Fatalf("skip hint lacks feed:ml:\n%s", skip)
	}
	mustReply(t, h.Run("owner", "/daily skip undo:true feed:ml"))

	mustFail(t, h.Run("member", "/daily remove feed:ml"))
	ask := h.Run("owner", "/daily remove feed:ml")
	if text := mustReply(t, ask); !strings.Contains(text, "Remove the daily feed `ml`") {
		t.Fatalf("remove does not ask first: %q", text)
	}
	if feeds, _ := h.Store.Daily.Feeds(context.Background(), h.Srv.DefaultGuild().ID); len(feeds) != 2 {
		t.Fatalf("asking removed a feed: %d left", len(feeds))
	}
	done, _ := h.Click("owner", ask, "Remove feed ml")
	if text := messageText(done); !strings.Contains(text, "Removed the daily feed `ml`") || !strings.Contains(text, "Feeds left: `daily`") {
		t.Fatalf("confirmation: %q", text)
	}
	if len(done.Components) != 0 {
		t.Fatalf("the confirmation keeps its button: %+v", done.Components)
	}
	if text := mustFail(t, h.Run("owner", "/daily status feed:ml")); !strings.Contains(text, "no daily feed named") {
		t.Fatalf("status of a removed feed: %q", text)
	}

	for day := 2; day <= 3; day++ {
		h.Clock.Set(time.Date(2026, 6, day, 10, 30, 0, 0, time.UTC))
		sweep(t, h)
	}
	if n := len(dailyPosts(h, ml.ID)); n != 1 {
		t.Fatalf("#ml: %d posts, want the 1 from before the removal", n)
	}
	if n := len(dailyPosts(h, main.ID)); n != 3 {
		t.Fatalf("#daily: %d posts over 3 days", n)
	}
	if n := len(feedRows(t, h, "ml")); n != 1 {
		t.Fatalf("the removed feed's past posts: %d rows, want 1", n)
	}
	if text := mustReply(t, h.Run("owner", "/daily skip")); !strings.Contains(text, "`/daily skip undo:true`") {
		t.Fatalf("one default feed left: the hint should not need feed:\n%s", text)
	}
}
