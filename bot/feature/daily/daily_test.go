package daily_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// dailyOf returns the bot's daily feature.
func dailyOf(t testing.TB, b *Bot) *dailyFeature {
	t.Helper()
	for _, f := range b.features {
		if d, ok := f.(*dailyFeature); ok {
			d.backoff = time.Millisecond
			return d
		}
	}
	t.Fatal("no daily feature")
	return nil
}

// dailyChannel adds a #daily text channel to the first guild.
func dailyChannel(t testing.TB, h *harness, name string) *discordgo.Channel {
	t.Helper()
	ch, err := h.srv.AddChannel(h.srv.DefaultGuild().ID, name, discordgo.ChannelTypeGuildText, "")
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// sweep runs one scheduler sweep at the clock's time.
func sweep(t testing.TB, f *dailyFeature) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := f.Sweep(ctx); err != nil {
		t.Fatalf("sweep at %s: %v", f.b.Now().UTC().Format(time.RFC3339), err)
	}
}

// dailyPosts returns the bot's daily posts in a channel (messages with the
// d1 Solution button), oldest first.
func dailyPosts(h *harness, channelID string) []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range h.srv.Messages(channelID) {
		for _, row := range m.Components {
			if ar, ok := row.(*discordgo.ActionsRow); ok {
				for _, c := range ar.Components {
					if b, ok := c.(*discordgo.Button); ok && strings.HasPrefix(b.CustomID, routeDailySolution+"/") {
						out = append(out, m)
					}
				}
			}
		}
	}
	return out
}

// mustReply fails unless m is a normal (not error) reply, and returns its text.
func mustReply(t testing.TB, m *discordgo.Message) string {
	t.Helper()
	if IsErrorMessage(m) {
		t.Fatalf("error reply: %s", m.Embeds[0].Description)
	}
	return messageText(m)
}

// messageText joins a message's content and embed texts.
func messageText(m *discordgo.Message) string {
	parts := []string{m.Content}
	for _, e := range m.Embeds {
		parts = append(parts, e.Title, e.Description)
		for _, f := range e.Fields {
			parts = append(parts, f.Name+": "+f.Value)
		}
		if e.Footer != nil {
			parts = append(parts, e.Footer.Text)
		}
	}
	return strings.Join(parts, "\n")
}

func setupLine(ch *discordgo.Channel, clock, zone, extra string) string {
	return fmt.Sprintf("/daily setup channel:#%s time:%q timezone:%s %s", ch.Name, clock, zone, extra)
}

func TestDailySetupRefusesBadInput(t *testing.T) {
	h := newHarness(t, harnessOpts{})
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
		m := h.run("owner", c.line)
		if c.want == "" {
			if !IsErrorMessage(m) && !strings.Contains(messageText(m), "No question matches") {
				// Either refused as matching nothing or accepted: both are clear answers.
				continue
			}
			continue
		}
		if !IsErrorMessage(m) || !strings.Contains(messageText(m), c.want) {
			t.Errorf("%s\n got %q, want an error mentioning %q", c.line, messageText(m), c.want)
		}
		if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("%s: the refusal is public", c.line)
		}
	}
	// Members without Manage Server are refused whatever Discord's defaults say.
	if m := h.run("member", setupLine(ch, "09:00", "UTC", "")); !IsErrorMessage(m) || !strings.Contains(messageText(m), "Manage Server") {
		t.Fatalf("non-admin: %q", messageText(m))
	}
	// A channel where the bot cannot send or open threads is refused, saying what to fix.
	bot := h.srv.BotUser()
	if err := h.srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: bot.ID, Type: discordgo.PermissionOverwriteTypeMember,
		Deny: discordgo.PermissionSendMessages | discordgo.PermissionCreatePublicThreads}); err != nil {
		t.Fatal(err)
	}
	m := h.run("owner", setupLine(ch, "09:00", "UTC", ""))
	text := messageText(m)
	if !IsErrorMessage(m) || !strings.Contains(text, "Send Messages") || !strings.Contains(text, "Create Public Threads") || strings.Contains(text, "Embed Links") {
		t.Fatalf("missing permissions: %q", text)
	}
	if _, err := h.store.Daily.Config(context.Background(), h.srv.DefaultGuild().ID); err == nil {
		t.Fatal("a refused setup was saved")
	}
	// Once allowed, setup replies with the next three posts in the server's zone.
	if err := h.srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: bot.ID, Type: discordgo.PermissionOverwriteTypeMember}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(time.Date(2026, 3, 27, 12, 0, 0, 0, time.UTC)) // Friday; clocks go forward in London on Sunday 29th
	text = mustReply(t, h.run("owner", setupLine(ch, "9am", "london", "days:mon-fri")))
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
func addYearGuilds(t *testing.T, h *harness, st *store.Store, start time.Time, zones ...string) []yearRun {
	t.Helper()
	var runs []yearRun
	for _, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		g := h.srv.AddGuild(discordtest.GuildSpec{Name: z, Channels: []discordtest.ChannelSpec{{Name: "daily"}}})
		ch := h.srv.ChannelByName(g.ID, "daily")
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
	posts, err := st.Daily.Posts(context.Background(), r.guild, 5000)
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
func driveDues(t *testing.T, h *harness, f *dailyFeature, runs []yearRun, from, to schedule.Date, around bool) {
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
			if at.After(h.clock.Now()) {
				h.clock.Set(at)
				sweep(t, f)
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
			h := newHarness(t, harnessOpts{})
			f := dailyOf(t, h.bot)
			start := time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC)
			h.clock.Set(start)
			runs := addYearGuilds(t, h, h.store, start, zone)
			f.pacer = nil // the few REST calls left (reveals) need no pacing here
			delivered := map[string]int{}
			f.post = func(ctx context.Context, p *store.DailyPost, now time.Time, _ bool) error {
				delivered[p.LocalDate]++
				if err := f.st.Daily.MarkSent(ctx, p.ID, fmt.Sprint("m", p.ID), p.Late, now.UnixMilli()); err != nil {
					return err
				}
				// The thread is recorded too: nothing of this year reaches Discord.
				return f.st.Daily.MarkThread(ctx, p.ID, fmt.Sprint("t", p.ID), "")
			}
			from, to := schedule.Date{Year: 2026, Month: 1, Day: 1}, schedule.Date{Year: 2026, Month: 12, Day: 31}
			driveDues(t, h, f, runs, from, to, false)
			// Sweeps between due times change nothing: every minute around two DST changes.
			for _, day := range []time.Time{time.Date(2026, 3, 8, 5, 0, 0, 0, time.UTC), time.Date(2026, 10, 4, 14, 0, 0, 0, time.UTC)} {
				h.clock.Set(day)
				for range 60 {
					h.clock.Advance(time.Minute)
					sweep(t, f)
				}
			}
			if g := checkDates(t, h.store, runs[0], from, to); g != wantGaps[zone] {
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
	h := newHarness(t, harnessOpts{})
	f := dailyOf(t, h.bot)
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
	h.clock.Set(start)
	runs := addYearGuilds(t, h, h.store, start, yearZones...)
	total := 0
	for _, w := range windows {
		// Jump to the window: the days in between are past the catch-up
		// window and are recorded as missed, which is not what is checked.
		jump := w[0].AddDays(-1)
		for _, r := range runs {
			due, date := r.sch.NextAfter(r.sch.DueOn(jump))
			if _, err := h.store.Daily.Advance(context.Background(), r.guild, mustCfg(t, h, r.guild).NextDue, due.UnixMilli(), date.String()); err != nil {
				t.Fatal(err)
			}
		}
		driveDues(t, h, f, runs, w[0], w[1], true)
		for _, r := range runs {
			checkDates(t, h.store, r, w[0], w[1])
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
			rev := h.srv.Messages(m.ID)
			if len(rev) == 0 || !strings.Contains(rev[0].Content, "||") {
				t.Fatalf("%s: post %d: solution not revealed spoilered in its thread", r.loc, i)
			}
		}
	}
}

func mustCfg(t *testing.T, h *harness, guild string) *store.DailyConfig {
	t.Helper()
	c, err := h.store.Daily.Config(context.Background(), guild)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sortTimes(ts []time.Time) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// setupDaily sets a schedule with the command and returns the channel.
func setupDaily(t testing.TB, h *harness, clock, zone, extra string) *discordgo.Channel {
	t.Helper()
	ch := dailyChannel(t, h, "daily")
	mustReply(t, h.run("owner", setupLine(ch, clock, zone, extra)))
	return ch
}

// TestDailyRestarts kills and restarts the scheduler 1,000 times at random
// instants around the due time, at random stages of a post (after the
// claim, after the send before it is recorded, after recording, after the
// thread, while revealing): every day still gets exactly one post with one
// thread.
func TestDailyRestarts(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.clock.Set(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "07:00", "Europe/London", "")
	rng := rand.New(rand.NewPCG(1, 6))
	stages := []string{"claimed", "sent", "recorded", "threaded", "revealing", "takeover", ""}
	const days, perDay = 50, 20
	restarts, crashes := 0, 0
	byStage := map[string]int{}
	var sweepTime time.Duration
	st := h.store
	for day := range days {
		due := time.Date(2026, 1, 1, 7, 0, 0, 0, time.UTC).AddDate(0, 0, day)
		// Random instants from 3 minutes before to 12 minutes after, in order.
		offs := make([]time.Duration, perDay)
		for i := range offs {
			offs[i] = time.Duration(rng.IntN(15*60)-3*60) * time.Second
		}
		sortDurations(offs)
		for _, off := range offs {
			if at := due.Add(off); at.After(h.clock.Now()) {
				h.clock.Set(at)
			}
			// A new process: fresh memory; every fiftieth also opens the database anew.
			f := newDailyFeature(h.bot)
			f.backoff = time.Millisecond
			if restarts%50 == 0 {
				var err error
				st, err = store.Open(context.Background(), h.store.Path(), store.Options{Now: h.clock.Now, Synchronous: "normal"})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
			}
			f.st = st
			crashAt := stages[rng.IntN(len(stages))]
			f.hook = func(stage string, _ *store.DailyPost) bool { return stage == crashAt }
			t0 := time.Now()
			err := f.Sweep(context.Background())
			sweepTime += time.Since(t0)
			if err != nil && err != errCrashed {
				t.Fatalf("day %d: %v", day, err)
			}
			if f.crashed.Load() {
				crashes++
				byStage[crashAt]++
			}
			restarts++
		}
		// The process that finally stays up.
		h.clock.Set(due.Add(14 * time.Minute))
		f := newDailyFeature(h.bot)
		f.st = st
		sweep(t, f)
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
	rows, err := h.store.Daily.Posts(context.Background(), h.srv.DefaultGuild().ID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rows {
		if p.Status != store.DailyPosted || p.ThreadID != p.MessageID {
			t.Fatalf("row %+v", p)
		}
	}
}

func sortDurations(ds []time.Duration) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j] < ds[j-1]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// TestDailyTwoProcesses runs two bots on one database file, both sweeping
// at the due instant at the same time: one post.
func TestDailyTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, harnessOpts{dbPath: filepath.Join(dir, "p.db")})
	h.clock.Set(time.Date(2026, 6, 1, 5, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "08:00", "Europe/Berlin", "")
	st2, err := store.Open(context.Background(), h.store.Path(), store.Options{Now: h.clock.Now, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	b2, err := New(Config{Token: h.srv.Token(), APIURL: h.srv.APIURL(), Store: st2, Now: h.clock.Now, DisableScheduler: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := b2.Open(h.ctx); err != nil {
		t.Fatal(err)
	}
	defer b2.Session.Close()
	f1, f2 := dailyOf(t, h.bot), dailyOf(t, b2)
	for day := range 20 {
		h.clock.Set(time.Date(2026, 6, 1, 6, 0, 0, 0, time.UTC).AddDate(0, 0, day))
		done := make(chan error, 2)
		for _, f := range []*dailyFeature{f1, f2} {
			go func() { done <- f.Sweep(context.Background()) }()
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
	if n := len(h.srv.Threads()); n != 20 {
		t.Fatalf("%d threads", n)
	}
}

// TestDailyRetriesAndFailures: a 502 then success gives one message; a 500
// is retried; a channel the bot lost access to fails once, is shown in
// status, is not retried forever, and the schedule stays.
func TestDailyRetriesAndFailures(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.clock.Set(time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "13:00", "UTC", "")
	f := dailyOf(t, h.bot)
	const route = "POST /channels/{id}/messages"
	h.srv.Fault(discordtest.Fault{Route: route, Status: 502, Times: 1})
	h.clock.Set(time.Date(2026, 2, 1, 13, 0, 0, 0, time.UTC))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("502 then success: %d messages", n)
	}
	h.srv.Fault(discordtest.Fault{Route: route, Status: 500, Times: 2})
	h.clock.Set(time.Date(2026, 2, 2, 13, 0, 0, 0, time.UTC))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 2 {
		t.Fatalf("500 twice then success: %d messages", n)
	}
	// A 503 on every attempt: retried a bounded number of times over a few sweeps, then failed.
	h.srv.Fault(discordtest.Fault{Route: route, Status: 503})
	before := len(h.srv.RequestsTo(route))
	h.clock.Set(time.Date(2026, 2, 3, 13, 0, 0, 0, time.UTC))
	for range 10 {
		sweep(t, f)
		h.clock.Advance(time.Minute)
	}
	h.srv.ClearFaults()
	tries := len(h.srv.RequestsTo(route)) - before
	if tries == 0 || tries > maxPostAttempts*sendTries*4 {
		t.Fatalf("%d tries at a failing post", tries)
	}
	p, _ := h.store.Daily.PostOn(context.Background(), h.srv.DefaultGuild().ID, "2026-02-03")
	if p == nil || p.Status != store.DailyFailed {
		t.Fatalf("post after persistent 503: %+v", p)
	}
	// Access lost: one attempt, recorded, shown, not retried; the schedule stays.
	bot := h.srv.BotUser()
	if err := h.srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: bot.ID, Type: discordgo.PermissionOverwriteTypeMember, Deny: discordgo.PermissionSendMessages}); err != nil {
		t.Fatal(err)
	}
	toChannel := func() int {
		n := 0
		for _, r := range h.srv.RequestsTo(route) {
			if strings.Contains(r.Path, ch.ID) {
				n++
			}
		}
		return n
	}
	before = toChannel()
	h.clock.Set(time.Date(2026, 2, 4, 13, 0, 0, 0, time.UTC))
	for range 5 {
		sweep(t, f)
		h.clock.Advance(time.Minute)
	}
	if n := toChannel() - before; n != 1 {
		t.Fatalf("a 403 was tried %d times", n)
	}
	status := mustReply(t, h.run("owner", "/daily status"))
	if !strings.Contains(status, "missing permissions") || !strings.Contains(status, "2026-02-04") {
		t.Fatalf("status does not show the failure:\n%s", status)
	}
	cfg, _ := h.store.Daily.Config(context.Background(), h.srv.DefaultGuild().ID)
	if cfg.NextDate != "2026-02-05" {
		t.Fatalf("schedule moved to %s", cfg.NextDate)
	}
	// Fixed: the next day posts and the error clears.
	if err := h.srv.SetOverwrite(ch.ID, discordgo.PermissionOverwrite{ID: bot.ID, Type: discordgo.PermissionOverwriteTypeMember}); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(time.Date(2026, 2, 5, 13, 0, 0, 0, time.UTC))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 3 {
		t.Fatalf("after the fix: %d posts", n)
	}
	if cfg, _ := h.store.Daily.Config(context.Background(), cfg.GuildID); cfg.LastError != "" {
		t.Fatalf("error not cleared: %s", cfg.LastError)
	}
}

// TestDailyDowntime: 3 h down over the due time gives one late post; 10 h
// gives none, and status shows the miss.
func TestDailyDowntime(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.clock.Set(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "09:00", "Asia/Kolkata", "")
	f := dailyOf(t, h.bot)
	due := time.Date(2026, 4, 1, 9, 0, 0, 0, time.FixedZone("IST", 5*3600+1800))
	h.clock.Set(due.Add(3 * time.Hour))
	sweep(t, f)
	sweep(t, f)
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 || !strings.Contains(posts[0].Content, "Posted late") {
		t.Fatalf("3 h late: %d posts %+v", len(posts), posts)
	}
	h.clock.Set(due.AddDate(0, 0, 1).Add(10 * time.Hour))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("10 h late: posted anyway (%d posts)", n)
	}
	status := mustReply(t, h.run("owner", "/daily status"))
	if !strings.Contains(status, "2026-04-02: missed") || !strings.Contains(status, "posted late") {
		t.Fatalf("status:\n%s", status)
	}
	// The day after posts on time again.
	h.clock.Set(due.AddDate(0, 0, 2))
	sweep(t, f)
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
	f := dailyOf(t, h.bot)
	guild := h.srv.DefaultGuild().ID

	prev := mustReply(t, h.run("owner", "/daily preview"))
	// /daily now posts today's, carrying the previewed question; the 10:00 post does not follow.
	mustReply(t, h.run("owner", "/daily now"))
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 || !strings.Contains(prev, strings.TrimPrefix(posts[0].Embeds[0].Title, "Daily question: ")) {
		t.Fatalf("now: %d posts; preview %q", len(posts), prev)
	}
	if m := h.run("owner", "/daily now"); !IsErrorMessage(m) || !strings.Contains(messageText(m), "already posted") {
		t.Fatalf("second now: %q", messageText(m))
	}
	h.clock.Set(at(1, 10, 0))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("scheduled post after /daily now: %d posts", n)
	}
	// Buttons: before the reveal, Solution shows the solution only when asked explicitly.
	wait, _ := h.click("alice", posts[0], "Solution")
	sol, _ := h.click("alice", wait, "Show me now (spoiler)")
	if sol.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.HasPrefix(sol.Embeds[0].Title, "Solution") {
		t.Fatalf("solution: %+v", sol)
	}
	// Alice answers in the thread at 23:59 on the 1st and with the button at 00:01 on the 2nd.
	thread := posts[0].ID
	h.clock.Set(at(1, 23, 59))
	if _, err := h.srv.Say("alice", thread, "My answer: use a hash map."); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		d, _ := h.store.History.ParticipationDays(context.Background(), guild, h.srv.User("alice").ID)
		return len(d) == 1
	})
	h.clock.Set(at(2, 0, 1))
	ans, _ := h.click("alice", posts[0], "I answered")
	if !strings.Contains(ans.Content, "already counted for 2026-05-01") || !strings.Contains(ans.Content, "streak: **1**") {
		// the 1st's post is still the open one: the answer counts for the 1st
		t.Fatalf("answered: %s", ans.Content)
	}
	h.clock.Set(at(2, 10, 0))
	sweep(t, f)
	posts = dailyPosts(h, ch.ID)
	if len(posts) != 2 {
		t.Fatalf("day 2: %d posts", len(posts))
	}
	// The day-1 solution is revealed in its thread, spoilered, once the next post is out.
	rev := h.srv.Messages(thread)
	if len(rev) < 2 || !strings.Contains(rev[len(rev)-1].Content, "||") {
		t.Fatalf("reveal: %+v", rev)
	}
	ans, _ = h.click("alice", posts[1], "I answered")
	if !strings.Contains(ans.Content, "Counted for 2026-05-02") || !strings.Contains(ans.Content, "streak: **2**") {
		t.Fatalf("23:59 then 00:01 must continue the streak: %s", ans.Content)
	}
	// Skip the 3rd, pause and resume.
	skip := mustReply(t, h.run("owner", "/daily skip"))
	if !strings.Contains(skip, "2026-05-03") {
		t.Fatalf("skip: %s", skip)
	}
	h.clock.Set(at(3, 10, 0))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 2 {
		t.Fatalf("skipped day posted: %d", n)
	}
	mustReply(t, h.run("owner", "/daily pause"))
	h.clock.Set(at(4, 10, 0))
	sweep(t, f)
	if n := len(dailyPosts(h, ch.ID)); n != 2 {
		t.Fatalf("paused but posted: %d", n)
	}
	res := mustReply(t, h.run("owner", "/daily resume"))
	if !strings.Contains(res, "Tue 5 May 2026, 10:00 EDT") {
		t.Fatalf("resume: %s", res)
	}
	// Day 5 posted, day 6 posted; alice misses the 5th: her streak resets.
	for d := 5; d <= 6; d++ {
		h.clock.Set(at(d, 10, 0))
		sweep(t, f)
	}
	posts = dailyPosts(h, ch.ID)
	if len(posts) != 4 {
		t.Fatalf("%d posts", len(posts))
	}
	h.clock.Set(at(6, 11, 0))
	ans, _ = h.click("alice", posts[3], "I answered")
	if !strings.Contains(ans.Content, "streak: **1**") || !strings.Contains(ans.Content, "best 2") {
		t.Fatalf("a missed post day must reset the streak: %s", ans.Content)
	}
	// /profile with its picture.
	in, err := h.srv.Command(h.ctx, "alice", "", "/profile")
	if err != nil {
		t.Fatal(err)
	}
	prof, err := in.WaitMessage(h.ctx)
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
	if text := mustReply(t, h.run("bob", "/profile user:@alice")); !strings.Contains(text, "Best streak: 2 days") {
		t.Fatalf("bob sees alice: %s", text)
	}
	// Leaderboard: twelve members answer more than bob; bob still sees his rank.
	for i := range 12 {
		h.click(fmt.Sprintf("m%02d", i), posts[3], "I answered")
	}
	h.clock.Set(at(7, 10, 0))
	sweep(t, f)
	posts = dailyPosts(h, ch.ID)
	for i := range 12 {
		h.click(fmt.Sprintf("m%02d", i), posts[4], "I answered")
	}
	h.click("bob", posts[4], "I answered")
	board := h.run("bob", "/leaderboard period:month")
	text = mustReply(t, board)
	if board.Flags&discordgo.MessageFlagsEphemeral != 0 || !strings.Contains(text, "this month") || !strings.Contains(text, "Your rank: **#14** of 14") {
		t.Fatalf("leaderboard:\n%s", text)
	}
	if text := mustReply(t, h.run("alice", "/leaderboard period:all")); !strings.Contains(text, "← you") {
		t.Fatalf("alice in the top 10 is marked:\n%s", text)
	}
}

// waitFor polls cond until it holds (gateway events are handled
// asynchronously) or fails after 5 seconds.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func TestThreadNameAndNonce(t *testing.T) {
	long := strings.Repeat("Design a rate limiter 🚦 ", 20)
	cases := []struct{ title, date string }{{long, "2026-01-01"}, {"", "2026-01-01"}, {"  spaced\n\ttitle ", "2026-12-31"}}
	for _, c := range cases {
		n := threadName(c.title, c.date)
		if r := []rune(n); len(r) == 0 || len(r) > 100 || !strings.HasSuffix(n, c.date) {
			t.Errorf("threadName(%q) = %q (%d runes)", c.title, n, len(r))
		}
	}
	a, b := dailyNonce("123", "2026-01-01", 0), dailyNonce("123", "2026-01-02", 0)
	if a == b || len(a) > 25 || a != dailyNonce("123", "2026-01-01", 0) {
		t.Fatalf("nonces %q %q", a, b)
	}
}
