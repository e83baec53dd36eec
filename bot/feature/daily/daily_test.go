package daily_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

func TestDailySetupRefusesBadInput(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	ch := dailyChannel(t, h, "daily")
	cases := []struct {
		line, want string
	}{
		{setupLine(ch, "25:00", "Europe/London", ""), "Time"},
		{setupLine(ch, "9';DROP TABLE x--", "Europe/London", ""), "Time"},
		{setupLine(ch, "09:00", "Mars/Olympus", ""), "unknown time zone"},
		{setupLine(ch, "09:00", "Europe/Londn", ""), "Europe/London"},
		{setupLine(ch, "09:00", "UTC", "days:funday"), "Days"},
		{setupLine(ch, "09:00", "UTC", `company:"🦄 ‮evil‬ corp"`), "No questions have the company"},
		{setupLine(ch, "09:00", "UTC", `company:"tik tok" category:"Machine Learning" difficulty:easy role:"Product Manager"`), ""},
	}
	for _, c := range cases {
		m := h.Run("owner", c.line)
		if c.want == "" {
			if !bot.IsErrorMessage(m) && !strings.Contains(messageText(m), "No question matches") {
				// Either refused as matching nothing or accepted: both are clear answers.
				continue
			}
			continue
		}
		if !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), c.want) {
			t.Errorf("%s\n got %q, want an error mentioning %q", c.line, messageText(m), c.want)
		}
		if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("%s: the refusal is public", c.line)
		}
	}
	// Members without Manage Server are refused whatever Discord's defaults say.
	if m := h.Run("member", setupLine(ch, "09:00", "UTC", "")); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "Manage Server") {
		t.Fatalf("non-admin: %q", messageText(m))
	}
	// A channel where the bot cannot send or open threads is refused, saying what to fix.
	me := h.Srv.BotUser()
	if err := h.Srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: me.ID, Type: discordgo.PermissionOverwriteTypeMember,
		Deny: discordgo.PermissionSendMessages | discordgo.PermissionCreatePublicThreads}); err != nil {
		t.Fatal(err)
	}
	m := h.Run("owner", setupLine(ch, "09:00", "UTC", ""))
	text := messageText(m)
	if !bot.IsErrorMessage(m) || !strings.Contains(text, "Send Messages") || !strings.Contains(text, "Create Public Threads") || strings.Contains(text, "Embed Links") {
		t.Fatalf("missing permissions: %q", text)
	}
	if _, err := h.Store.Daily.Config(context.Background(), h.Srv.DefaultGuild().ID); err == nil {
		t.Fatal("a refused setup was saved")
	}
	// Once allowed, setup replies with the next three posts in the server's zone.
	if err := h.Srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: me.ID, Type: discordgo.PermissionOverwriteTypeMember}); err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC)) // Friday; clocks go forward in London on Sunday 29th
	text = mustReply(t, h.Run("owner", setupLine(ch, "9am", "london", "days:mon-fri")))
	for _, want := range []string{"Mon 30 Mar 2026, 09:00 BST", "Tue 31 Mar 2026, 09:00 BST", "Wed 1 Apr 2026, 09:00 BST",
		fmt.Sprintf("<t:%d:F>", time.Date(2026, 3, 30, 8, 0, 0, 0, time.UTC).Unix()), "Europe/London"} {
		if !strings.Contains(text, want) {
			t.Errorf("setup reply lacks %q:\n%s", want, text)
		}
	}
}

// yearZones are the zones of the acceptance test, with a 02:30 schedule.
var yearZones = []string{"America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham"}

// yearRun is one zone's guild in the DST tests.
type yearRun struct {
	loc     *time.Location
	guild   string
	channel *discordgo.Channel
	sch     schedule.Schedule
}

// addYearGuilds adds a guild with a 02:30 schedule per zone, set up at start.
func addYearGuilds(t *testing.T, h *bottest.Harness, st *store.Store, start time.Time, zones ...string) []yearRun {
	t.Helper()
	var runs []yearRun
	for _, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		g := h.Srv.AddGuild(discordtest.GuildSpec{Name: z, Channels: []discordtest.ChannelSpec{{Name: "daily"}}})
		ch := h.Srv.ChannelByName(g.ID, "daily")
		sch := schedule.Schedule{Clock: schedule.Clock{Hour: 2, Minute: 30}, Days: schedule.EveryDay, Loc: loc}
		due, date := sch.NextAfter(start)
		cfg := &store.DailyConfig{GuildID: g.ID, ChannelID: ch.ID, Clock: "02:30", Zone: z, Days: int(schedule.EveryDay),
			NextDue: due.UnixMilli(), NextDate: date.String()}
		if err := st.Daily.SaveConfig(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, yearRun{loc, g.ID, ch, sch})
	}
	return runs
}

// checkDates asserts one posted row, on time, per local date in [from, to]
// and a due instant at 02:30 local or, when 02:30 did not exist that day,
// the first instant after the gap. It returns the number of gap days.
func checkDates(t *testing.T, st *store.Store, r yearRun, from, to schedule.Date) int {
	t.Helper()
	posts, err := st.Daily.Posts(context.Background(), r.guild, "", 5000)
	if err != nil {
		t.Fatal(err)
	}
	byDate := map[string]*store.DailyPost{}
	for _, p := range posts {
		byDate[p.LocalDate] = p // the unique key makes a second row impossible
	}
	gaps := 0
	for d := from; !d.After(to); d = d.AddDays(1) {
		p := byDate[d.String()]
		if p == nil || p.Status != store.DailyPosted || p.Late {
			t.Fatalf("%s %s: post %+v", r.loc, d, p)
		}
		due := time.UnixMilli(p.DueAt).In(r.loc)
		if p.PostedAt != p.DueAt {
			t.Errorf("%s %s: due %s, posted %s", r.loc, d, due, time.UnixMilli(p.PostedAt).In(r.loc))
		}
		if schedule.DateOf(due) != d {
			t.Errorf("%s %s: due on local date %s", r.loc, d, schedule.DateOf(due))
		}
		if due.Hour() != 2 || due.Minute() != 30 {
			// Only when 02:30 did not exist: just before the due instant
			// the wall clock read earlier than 02:30, at it later.
			before := due.Add(-time.Second)
			if before.Hour()*60+before.Minute() >= 150 || due.Hour()*60+due.Minute() <= 150 {
				t.Errorf("%s %s: due at %s", r.loc, d, due.Format("15:04 MST"))
			}
			gaps++
		}
	}
	return gaps
}

// driveDues sets the clock a minute before, at and a minute after each due
// instant of the runs' dates in [from, to] and sweeps at each.
func driveDues(t *testing.T, h *bottest.Harness, runs []yearRun, from, to schedule.Date, around bool) {
	t.Helper()
	var dues []time.Time
	for _, r := range runs {
		for d := from; !d.After(to); d = d.AddDays(1) {
			dues = append(dues, r.sch.DueOn(d))
		}
	}
	sortTimes(dues)
	for _, due := range dues {
		ats := []time.Time{due}
		if around {
			ats = []time.Time{due.Add(-time.Minute), due, due.Add(time.Minute)}
		}
		for _, at := range ats {
			if at.After(h.Clock.Now()) {
				h.Clock.Set(at)
				sweep(t, h)
			}
		}
	}
}

// TestDailyYearDST runs the real sweep over all of 2026 for a 02:30
// schedule in five zones, with the delivery to Discord recorded instead of
// sent (the end-to-end path is TestDailyDSTDaysEndToEnd): every local date
// gets exactly one post, on time, at 02:30 local or at the first instant
// after a spring-forward gap, and a repeated hour posts once.
func TestDailyYearDST(t *testing.T) {
	wantGaps := map[string]int{"America/New_York": 1} // Lord Howe's gap ends at 02:30 itself
	for _, zone := range yearZones {
		t.Run(zone, func(t *testing.T) {
			t.Parallel() // each zone has its own database: their commits overlap
			delivered := map[string]int{}
			var st *store.Store
			// The delivery to Discord is recorded instead, thread and all:
			// nothing of this year reaches Discord but the few reveals.
			record := func(ctx context.Context, p *store.DailyPost, now time.Time, _ bool) error {
				delivered[p.LocalDate]++
				if err := st.Daily.MarkSent(ctx, p.ID, fmt.Sprint("m", p.ID), p.Late, now.UnixMilli()); err != nil {
					return err
				}
				return st.Daily.MarkThread(ctx, p.ID, fmt.Sprint("t", p.ID), "")
			}
			h := newHarness(t, bottest.Options{Assemble: assemble.Options{Daily: []daily.Option{daily.WithDelivery(record)}}})
			st = h.Store
			start := time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC)
			h.Clock.Set(start)
			runs := addYearGuilds(t, h, h.Store, start, zone)
			from, to := schedule.Date{Year: 2026, Month: 1, Day: 1}, schedule.Date{Year: 2026, Month: 12, Day: 31}
			driveDues(t, h, runs, from, to, false)
			// Sweeps between due times change nothing: every minute around two DST changes.
			for _, day := range []time.Time{time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), time.Date(2026, 10, 4, 14, 0, 0, 0, time.UTC)} {
				h.Clock.Set(day)
				for range 60 {
					h.Clock.Advance(time.Minute)
					sweep(t, h)
				}
			}
			if g := checkDates(t, h.Store, runs[0], from, to); g != wantGaps[zone] {
				t.Errorf("%d days posted after a DST gap, want %d", g, wantGaps[zone])
			}
			for k, n := range delivered {
				if n != 1 {
					t.Fatalf("%s delivered %d times", k, n)
				}
			}
			if len(delivered) < 365 {
				t.Fatalf("%d deliveries", len(delivered))
			}
		})
	}
}

// TestDailyDSTDaysEndToEnd posts through the loopback Discord for the days
// around every 2026 DST change of the five zones, sweeping a minute before,
// at and after each due time: one message and one thread per local date,
// and each solution revealed in its thread when the next post goes out.
func TestDailyDSTDaysEndToEnd(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	windows := [][2]schedule.Date{
		{{Year: 2026, Month: 3, Day: 7}, {Year: 2026, Month: 3, Day: 9}},   // New York springs forward
		{{Year: 2026, Month: 3, Day: 28}, {Year: 2026, Month: 3, Day: 30}}, // London
		{{Year: 2026, Month: 4, Day: 4}, {Year: 2026, Month: 4, Day: 6}},   // Lord Howe and Chatham fall back
		{{Year: 2026, Month: 9, Day: 26}, {Year: 2026, Month: 9, Day: 28}}, // Chatham springs forward
		{{Year: 2026, Month: 10, Day: 3}, {Year: 2026, Month: 10, Day: 5}}, // Lord Howe
		{{Year: 2026, Month: 10, Day: 24}, {Year: 2026, Month: 10, Day: 26}},
		{{Year: 2026, Month: 10, Day: 31}, {Year: 2026, Month: 11, Day: 2}}, // New York falls back
	}
	start := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	h.Clock.Set(start)
	runs := addYearGuilds(t, h, h.Store, start, yearZones...)
	total := 0
	for _, w := range windows {
		// Jump to the window: the days in between are past the catch-up
		// window and are recorded as missed, which is not what is checked.
		jump := w[0].AddDays(-1)
		for _, r := range runs {
			due, date := r.sch.NextAfter(r.sch.DueOn(jump))
			if _, err := h.Store.Daily.Advance(context.Background(), r.guild, store.DefaultFeed, mustCfg(t, h, r.guild).NextDue, due.UnixMilli(), date.String()); err != nil {
				t.Fatal(err)
			}
		}
		driveDues(t, h, runs, w[0], w[1], true)
		for _, r := range runs {
			checkDates(t, h.Store, r, w[0], w[1])
		}
		total += 3
	}
	for _, r := range runs {
		msgs := dailyPosts(h, r.channel.ID)
		if len(msgs) != total {
			t.Errorf("%s: %d messages, want %d", r.loc, len(msgs), total)
		}
		for i, m := range msgs {
			if m.Thread == nil || m.Thread.ThreadMetadata == nil || m.Thread.ThreadMetadata.AutoArchiveDuration != 1440 ||
				len([]rune(m.Thread.Name)) > 100 || !strings.Contains(m.Thread.Name, "2026-") {
				t.Fatalf("%s: post %d thread %+v", r.loc, i, m.Thread)
			}
			if i == len(msgs)-1 {
				continue
			}
			rev := h.Srv.Messages(m.ID)
			if len(rev) == 0 || !strings.Contains(rev[0].Content, "||") {
				t.Fatalf("%s: post %d: solution not revealed spoilered in its thread", r.loc, i)
			}
		}
	}
}

// TestDailyRestarts kills and restarts the scheduler 1,000 times at random
// instants around the due time, at random stages of a post (after the
// claim, after the send before it is recorded, after recording, after the
// thread, while revealing): every day still gets exactly one post with one
// thread.
func TestDailyRestarts(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "07:00", "Europe/London", "")
	rng := rand.New(rand.NewPCG(1, 6))
	stages := []string{"claimed", "sent", "recorded", "threaded", "revealing", "takeover", ""}
	const days, perDay = 50, 20
	restarts, crashes := 0, 0
	byStage := map[string]int{}
	var sweepTime time.Duration
	st := h.Store
	for day := range days {
		due := time.Date(2026, 1, 1, 7, 0, 0, 0, time.UTC).AddDate(0, 0, day)
		// Random instants from 3 minutes before to 12 minutes after, in order.
		offs := make([]time.Duration, perDay)
		for i := range offs {
			offs[i] = time.Duration(rng.IntN(15*60)-3*60) * time.Second
		}
		sortDurations(offs)
		for _, off := range offs {
			if at := due.Add(off); at.After(h.Clock.Now()) {
				h.Clock.Set(at)
			}
			// A new process: fresh memory; every fiftieth also opens the database anew.
			if restarts%50 == 0 {
				var err error
				st, err = store.Open(context.Background(), h.Store.Path(), store.Options{Now: h.Clock.Now, Synchronous: "normal"})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
			}
			crashAt := stages[rng.IntN(len(stages))]
			var crashed atomic.Bool
			f := daily.New(h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{}, daily.WithBackoff(time.Millisecond),
				daily.WithHook(func(stage string, _ *store.DailyPost) bool {
					if stage != crashAt {
						return false
					}
					crashed.Store(true)
					return true
				}))
			t0 := time.Now()
			err := f.Sweep(context.Background())
			sweepTime += time.Since(t0)
			if err != nil && !errors.Is(err, daily.ErrCrashed) {
				t.Fatalf("day %d: %v", day, err)
			}
			if crashed.Load() {
				crashes++
				byStage[crashAt]++
			}
			restarts++
		}
		// The process that finally stays up.
		h.Clock.Set(due.Add(14 * time.Minute))
		f := daily.New(h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{})
		sweepWith(t, h, f.Sweep)
	}
	t.Logf("%d restarts, %d of them crashed mid-post: %v; time in sweeps %v", restarts, crashes, byStage, sweepTime)
	if restarts != 1000 {
		t.Fatalf("restarts %d", restarts)
	}
	for _, s := range stages[:len(stages)-1] {
		if byStage[s] < 3 {
			t.Errorf("only %d crashes at stage %q", byStage[s], s)
		}
	}
	msgs := dailyPosts(h, ch.ID)
	if len(msgs) != days {
		t.Fatalf("%d posts for %d days", len(msgs), days)
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		date := m.Embeds[0].Footer.Text
		if seen[date] {
			t.Fatalf("two posts with footer %q", date)
		}
		seen[date] = true
		if m.Thread == nil {
			t.Fatalf("post %s has no thread", m.ID)
		}
	}
	rows, err := h.Store.Daily.Posts(context.Background(), h.Srv.DefaultGuild().ID, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rows {
		if p.Status != store.DailyPosted || p.ThreadID != p.MessageID {
			t.Fatalf("row %+v", p)
		}
	}
}

// TestDailyTwoProcesses runs two bots on one database file, both sweeping
// at the due instant at the same time: one post.
func TestDailyTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, bottest.Options{DBPath: filepath.Join(dir, "p.db")})
	h.Clock.Set(time.Date(2026, 6, 1, 5, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "08:00", "Europe/Berlin", "")
	st2, err := store.Open(context.Background(), h.Store.Path(), store.Options{Now: h.Clock.Now, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	b2, err := assemble.New(bot.Config{Token: h.Srv.Token(), APIURL: h.Srv.APIURL(), Store: st2, Now: h.Clock.Now, DisableScheduler: true},
		assemble.Options{Daily: []daily.Option{daily.WithBackoff(time.Millisecond)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := b2.Open(h.Ctx); err != nil {
		t.Fatal(err)
	}
	defer b2.Session.Close()
	for day := range 20 {
		h.Clock.Set(time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC).AddDate(0, 0, day))
		done := make(chan error, 2)
		for _, b := range []*bot.Bot{h.Bot, b2} {
			go func() { done <- b.RunDue(context.Background()) }()
		}
		for range 2 {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := len(dailyPosts(h, ch.ID)); n != 20 {
		t.Fatalf("two processes made %d posts in 20 days", n)
	}
	if n := len(h.Srv.Threads()); n != 20 {
		t.Fatalf("%d threads", n)
	}
}

// TestDailyRetriesAndFailures: a 502 then success gives one message; a 500
// is retried; a channel the bot lost access to fails once, is shown in
// status, is not retried forever, and the schedule stays.
func TestDailyRetriesAndFailures(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "13:00", "UTC", "")
	const route = "POST /channels/{id}/messages"
	h.Srv.Fault(discordtest.Fault{Route: route, Status: 502, Times: 1})
	h.Clock.Set(time.Date(2026, 2, 1, 13, 0, 0, 0, time.UTC))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("502 then success: %d messages", n)
	}
	h.Srv.Fault(discordtest.Fault{Route: route, Status: 500, Times: 2})
	h.Clock.Set(time.Date(2026, 2, 2, 13, 0, 0, 0, time.UTC))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 2 {
		t.Fatalf("500 twice then success: %d messages", n)
	}
	// A 503 on every attempt: retried a bounded number of times over a few sweeps, then failed.
	h.Srv.Fault(discordtest.Fault{Route: route, Status: 503})
	before := len(h.Srv.RequestsTo(route))
	h.Clock.Set(time.Date(2026, 2, 3, 13, 0, 0, 0, time.UTC))
	for range 10 {
		sweep(t, h)
		h.Clock.Advance(time.Minute)
	}
	h.Srv.ClearFaults()
	tries := len(h.Srv.RequestsTo(route)) - before
	if tries == 0 || tries > daily.MaxPostAttempts*daily.SendTries*4 {
		t.Fatalf("%d tries at a failing post", tries)
	}
	p, _ := h.Store.Daily.PostOn(context.Background(), h.Srv.DefaultGuild().ID, store.DefaultFeed, "2026-02-03")
	if p == nil || p.Status != store.DailyFailed {
		t.Fatalf("post after persistent 503: %+v", p)
	}
	// Access lost: one attempt, recorded, shown, not retried; the schedule stays.
	me := h.Srv.BotUser()
	if err := h.Srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: me.ID, Type: discordgo.PermissionOverwriteTypeMember, Deny: discordgo.PermissionSendMessages}); err != nil {
		t.Fatal(err)
	}
	toChannel := func() int {
		n := 0
		for _, r := range h.Srv.RequestsTo(route) {
			if strings.Contains(r.Path, ch.ID) {
				n++
			}
		}
		return n
	}
	before = toChannel()
	h.Clock.Set(time.Date(2026, 2, 4, 13, 0, 0, 0, time.UTC))
	for range 5 {
		sweep(t, h)
		h.Clock.Advance(time.Minute)
	}
	if n := toChannel() - before; n != 1 {
		t.Fatalf("a 403 was tried %d times", n)
	}
	status := mustReply(t, h.Run("owner", "/daily status"))
	if !strings.Contains(status, "missing permissions") || !strings.Contains(status, "2026-02-04") {
		t.Fatalf("status does not show the failure:\n%s", status)
	}
	cfg, _ := h.Store.Daily.Config(context.Background(), h.Srv.DefaultGuild().ID)
	if cfg.NextDate != "2026-02-05" {
		t.Fatalf("schedule moved to %s", cfg.NextDate)
	}
	// Fixed: the next day posts and the error clears.
	if err := h.Srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: me.ID, Type: discordgo.PermissionOverwriteTypeMember}); err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(time.Date(2026, 2, 5, 13, 0, 0, 0, time.UTC))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 3 {
		t.Fatalf("after the fix: %d posts", n)
	}
	if cfg, _ := h.Store.Daily.Config(context.Background(), cfg.GuildID); cfg.LastError != "" {
		t.Fatalf("error not cleared: %s", cfg.LastError)
	}
}

// TestDailyDowntime: 3 h down over the due time gives one late post; 10 h
// gives none, and status shows the miss.
func TestDailyDowntime(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "09:00", "Asia/Kolkata", "")
	due := time.Date(2026, 4, 1, 9, 0, 0, 0, time.FixedZone("IST", 5*3600+1800))
	h.Clock.Set(due.Add(3 * time.Hour))
	sweep(t, h)
	sweep(t, h)
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 || !strings.Contains(posts[0].Content, "Posted late") {
		t.Fatalf("3 h late: %d posts %+v", len(posts), posts)
	}
	h.Clock.Set(due.AddDate(0, 0, 1).Add(10 * time.Hour))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("10 h late: posted anyway (%d posts)", n)
	}
	status := mustReply(t, h.Run("owner", "/daily status"))
	if !strings.Contains(status, "2026-04-02: missed") || !strings.Contains(status, "posted late") {
		t.Fatalf("status:\n%s", status)
	}
	// The day after posts on time again.
	h.Clock.Set(due.AddDate(0, 0, 2))
	sweep(t, h)
	posts = dailyPosts(h, ch.ID)
	if len(posts) != 2 || strings.Contains(posts[1].Content, "late") {
		t.Fatalf("back on time: %+v", posts)
	}
}

// TestDailyCommandsButtonsAndStreaks covers now, skip, pause, resume,
// preview, the buttons, the reveal, participation from the thread, the
// streak edge cases at 23:59 and 00:01 local, /profile and /leaderboard.
func TestDailyCommandsButtonsAndStreaks(t *testing.T) {
	h, at, ch := newYorkDaily(t)
	guild := h.Srv.DefaultGuild().ID

	prev := mustReply(t, h.Run("owner", "/daily preview"))
	// /daily now posts today's, carrying the previewed question; the 10:00 post does not follow.
	mustReply(t, h.Run("owner", "/daily now"))
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 || !strings.Contains(prev, strings.TrimPrefix(posts[0].Embeds[0].Title, "Daily question: ")) {
		t.Fatalf("now: %d posts; preview %q", len(posts), prev)
	}
	if m := h.Run("owner", "/daily now"); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "already posted") {
		t.Fatalf("second now: %q", messageText(m))
	}
	h.Clock.Set(at(1, 10, 0))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("scheduled post after /daily now: %d posts", n)
	}
	// Buttons: before the reveal, Solution shows the solution only when asked explicitly.
	wait, _ := h.Click("alice", posts[0], "Solution")
	sol, _ := h.Click("alice", wait, "Show me now (spoiler)")
	if sol.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.HasPrefix(sol.Embeds[0].Title, "Solution") {
		t.Fatalf("solution: %+v", sol)
	}
	// Alice answers in the thread at 23:59 on the 1st and with the button at 00:01 on the 2nd.
	thread := posts[0].ID
	h.Clock.Set(at(1, 23, 59))
	if _, err := h.Srv.Say("alice", thread, "My answer: use a hash map."); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		d, _ := h.Store.History.ParticipationDays(context.Background(), guild, h.Srv.User("alice").ID)
		return len(d) == 1
	})
	h.Clock.Set(at(2, 0, 1))
	ans, _ := h.Click("alice", posts[0], "I answered")
	if !strings.Contains(ans.Content, "already counted for 2026-05-01") || !strings.Contains(ans.Content, "streak: **1**") {
		// the 1st's post is still the open one: the answer counts for the 1st
		t.Fatalf("answered: %s", ans.Content)
	}
	h.Clock.Set(at(2, 10, 0))
	sweep(t, h)
	posts = dailyPosts(h, ch.ID)
	if len(posts) != 2 {
		t.Fatalf("day 2: %d posts", len(posts))
	}
	// The day-1 solution is revealed in its thread, spoilered, once the next post is out.
	rev := h.Srv.Messages(thread)
	if len(rev) < 2 || !strings.Contains(rev[len(rev)-1].Content, "||") {
		t.Fatalf("reveal: %+v", rev)
	}
	ans, _ = h.Click("alice", posts[1], "I answered")
	if !strings.Contains(ans.Content, "Counted for 2026-05-02") || !strings.Contains(ans.Content, "streak: **2**") {
		t.Fatalf("23:59 then 00:01 must continue the streak: %s", ans.Content)
	}
	// Skip the 3rd, pause and resume.
	skip := mustReply(t, h.Run("owner", "/daily skip"))
	if !strings.Contains(skip, "2026-05-03") {
		t.Fatalf("skip: %s", skip)
	}
	h.Clock.Set(at(3, 10, 0))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 2 {
		t.Fatalf("skipped day posted: %d", n)
	}
	mustReply(t, h.Run("owner", "/daily pause"))
	h.Clock.Set(at(4, 10, 0))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 2 {
		t.Fatalf("paused but posted: %d", n)
	}
	res := mustReply(t, h.Run("owner", "/daily resume"))
	if !strings.Contains(res, "Tue 5 May 2026, 10:00 EDT") {
		t.Fatalf("resume: %s", res)
	}
	// Day 5 posted, day 6 posted; alice misses the 5th: her streak resets.
	for d := 5; d <= 6; d++ {
		h.Clock.Set(at(d, 10, 0))
		sweep(t, h)
	}
	posts = dailyPosts(h, ch.ID)
	if len(posts) != 4 {
		t.Fatalf("%d posts", len(posts))
	}
	h.Clock.Set(at(6, 11, 0))
	ans, _ = h.Click("alice", posts[3], "I answered")
	if !strings.Contains(ans.Content, "streak: **1**") || !strings.Contains(ans.Content, "best 2") {
		t.Fatalf("a missed post day must reset the streak: %s", ans.Content)
	}
	// /profile with its picture.
	in, err := h.Srv.Command(h.Ctx, "alice", "", "/profile")
	if err != nil {
		t.Fatal(err)
	}
	prof, err := in.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := mustReply(t, prof)
	for _, want := range []string{"Current streak: 1 day", "Best streak: 2 days", "Days answered: 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("profile lacks %q:\n%s", want, text)
		}
	}
	if len(prof.Attachments) != 1 || prof.Attachments[0].Filename != "activity.png" {
		t.Fatalf("profile picture: %+v", prof.Attachments)
	}
	// Another member's profile.
	if text := mustReply(t, h.Run("bob", "/profile user:@alice")); !strings.Contains(text, "Best streak: 2 days") {
		t.Fatalf("bob sees alice: %s", text)
	}
	// Leaderboard: twelve members answer more than bob; bob still sees his rank.
	for i := range 12 {
		h.Click(fmt.Sprintf("m%02d", i), posts[3], "I answered")
	}
	h.Clock.Set(at(7, 10, 0))
	sweep(t, h)
	posts = dailyPosts(h, ch.ID)
	for i := range 12 {
		h.Click(fmt.Sprintf("m%02d", i), posts[4], "I answered")
	}
	h.Click("bob", posts[4], "I answered")
	board := h.Run("bob", "/leaderboard period:month")
	text = mustReply(t, board)
	if board.Flags&discordgo.MessageFlagsEphemeral != 0 || !strings.Contains(text, "this month") || !strings.Contains(text, "Your rank: **#14** of 14") {
		t.Fatalf("leaderboard:\n%s", text)
	}
	if text := mustReply(t, h.Run("alice", "/leaderboard period:all")); !strings.Contains(text, "← you") {
		t.Fatalf("alice in the top 10 is marked:\n%s", text)
	}
}
