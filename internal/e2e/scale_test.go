package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/internal/shard"
)

// scaleWorld is the loopback Discord of TestThreeProcessesOnePostgres:
// servers spread over shards, one shared PostgreSQL, and a test clock
// that the test and every `prepcord run` read from one file.
type scaleWorld struct {
	t      *testing.T
	srv    *discordtest.Server
	db     string
	clock  string       // the PREPCORD_TEST_CLOCK_FILE
	offset atomic.Int64 // what the clock file says, for the loopback's own clock
	guilds []string
	shards int
	rate   int // the loopback's global REST limit (requests/s)

	mu   sync.Mutex
	sent []sentInteraction // every interaction whose answer is checked
	lat  []time.Duration   // send to answer, outside rolling restarts
}

// sentInteraction is an interaction the test sent and the answer it got.
type sentInteraction struct {
	in       *discordtest.Interaction
	guild    string
	answered bool
	overlap  bool // sent while two processes ran its shard
}

// setClock moves every process's clock (and the loopback's) to at.
func (w *scaleWorld) setClock(at time.Time) {
	w.t.Helper()
	d := time.Until(at)
	w.offset.Store(int64(d))
	tmp := w.clock + ".tmp"
	if err := os.WriteFile(tmp, []byte(d.String()), 0o644); err != nil {
		w.t.Fatal(err)
	}
	if err := os.Rename(tmp, w.clock); err != nil {
		w.t.Fatal(err)
	}
}

// spawn starts `prepcord run` for one shard of w.shards.
func (w *scaleWorld) spawn(id int, out *syncBuffer) *botProc {
	return spawnBot(w.t, w.srv, w.db, out, "LOG_LEVEL=info", "SHARD_COUNT="+strconv.Itoa(w.shards), "SHARD_IDS="+strconv.Itoa(id),
		"DISCORD_GLOBAL_RATE="+strconv.Itoa(w.rate*9/10/w.shards), "PREPCORD_TEST=1", "PREPCORD_TEST_CLOCK_FILE="+w.clock)
}

// waitIdentified waits until shard id has identified after since and, when
// all is set, every shard has a live session.
func (w *scaleWorld) waitIdentified(id int, since time.Time, p *botProc, all bool) {
	w.t.Helper()
	ok := eventually(60*time.Second, func() bool {
		select {
		case <-p.exited:
			w.t.Fatalf("shard %d's process exited: %v\n%s", id, p.err, tail(p.out.String(), 3000))
		default:
		}
		return slices.ContainsFunc(w.srv.Identifies(), func(i discordtest.Identify) bool {
			return i.Shard == id && !i.Refused && i.At.After(since)
		})
	})
	var err error
	if ok && all {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = w.srv.WaitShards(ctx, w.shards)
		cancel()
	}
	if !ok || err != nil {
		w.t.Fatalf("shard %d did not connect: %v\n%s", id, err, tail(p.out.String(), 3000))
	}
}

// command sends line as user in guild's #general and waits for the answer.
func (w *scaleWorld) command(ctx context.Context, guild, user, line string, overlap bool) bool {
	cmd, err := w.srv.ParseCommandIn("", line)
	if err != nil {
		w.t.Errorf("%s: %v", line, err)
		return false
	}
	cmd.Guild, cmd.Channel, cmd.User = guild, w.srv.ChannelByName(guild, "general").ID, user
	start := time.Now()
	in, err := w.srv.Slash(ctx, cmd)
	if err != nil {
		w.t.Errorf("%s in %s: %v", line, guild, err)
		return false
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	m, err := in.WaitMessage(wctx)
	took := time.Since(start)
	w.mu.Lock()
	w.sent = append(w.sent, sentInteraction{in: in, guild: guild, answered: err == nil, overlap: overlap})
	if err == nil && !overlap {
		w.lat = append(w.lat, took)
	}
	w.mu.Unlock()
	return err == nil && !bot.IsErrorMessage(m)
}

// each runs fn for every guild, n at a time.
func (w *scaleWorld) each(n int, guilds []string, fn func(i int, g string)) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, n)
	for i, g := range guilds {
		wg.Add(1)
		sem <- struct{}{}
		go func() { defer wg.Done(); defer func() { <-sem }(); fn(i, g) }()
	}
	wg.Wait()
}

// posts counts the daily posts in each guild's #daily.
func (w *scaleWorld) posts() (map[string]int, int) {
	per, total := map[string]int{}, 0
	for _, g := range w.guilds {
		for _, m := range w.srv.Messages(w.srv.ChannelByName(g, "daily").ID) {
			if hasButton(m, "I answered") {
				per[g]++
				total++
			}
		}
	}
	return per, total
}

// waitPosts waits until there are total daily posts in all.
func (w *scaleWorld) waitPosts(total int, procs []*botProc) time.Duration {
	w.t.Helper()
	start := time.Now()
	for {
		_, n := w.posts()
		if n >= total {
			return time.Since(start)
		}
		if time.Since(start) > 90*time.Second {
			var logs string
			for _, p := range procs {
				logs += tail(p.out.String(), 1500) + "\n---\n"
			}
			w.t.Fatalf("%d of %d daily posts after 90 s\n%s", n, total, logs)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestThreeProcessesOnePostgres runs three `prepcord run` processes, shards
// 0, 1 and 2 of 3, on one PostgreSQL and one loopback Discord with 300
// servers, through three simulated days (the test clock): every server's
// daily post appears exactly once a day, with one process SIGKILLed in the
// middle of the second day's posting and restarted, and a rolling restart
// (a new process for each shard, then the old one stopped) across the third
// day's; every interaction is answered once, by the process of its server's
// shard; concurrent /mock joins in 60 servers pair nobody twice.
// Figures: posts/s on the first day, interaction p50/p99.
//
// The loopback enforces Discord's global REST limit, 50 requests/s, and
// each process takes 15 of it (DISCORD_GLOBAL_RATE); PREPCORD_SCALE_RATE
// sets another limit for the loopback (the processes take 90% of it).
func TestThreeProcessesOnePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("runs three processes through three simulated days; skipped with -short")
	}
	const guilds, shards = 300, 3
	specs := make([]discordtest.GuildSpec, guilds)
	for i := range specs {
		specs[i] = discordtest.GuildSpec{Name: fmt.Sprintf("server %03d", i), Channels: []discordtest.ChannelSpec{{Name: "general"}, {Name: "daily"}}}
	}
	w := &scaleWorld{t: t, db: pgtest.NewDatabase(t), clock: filepath.Join(t.TempDir(), "clock"), shards: shards, rate: 50}
	if v := os.Getenv("PREPCORD_SCALE_RATE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 3 {
			t.Fatalf("PREPCORD_SCALE_RATE=%q: want requests per second", v)
		}
		w.rate = n
	}
	day0 := time.Now().UTC().Truncate(24 * time.Hour).Add(24*time.Hour + 8*time.Hour) // tomorrow 08:00 UTC
	w.setClock(day0)
	w.srv = discordtest.New(discordtest.Options{Token: "scale-test-token", StableIDs: true, Guilds: specs,
		Now:    func() time.Time { return time.Now().Add(time.Duration(w.offset.Load())) },
		Shards: discordtest.ShardOptions{Recommended: shards, MaxConcurrency: shards}, RateLimit: w.rate})
	t.Cleanup(w.srv.Close)
	perShard := map[int]int{}
	for _, g := range w.srv.Guilds() {
		w.guilds = append(w.guilds, g.ID)
		perShard[shard.Of(g.ID, shards)]++
	}
	t.Logf("servers per shard: %v", perShard)

	type procLog struct {
		shard int
		out   *syncBuffer
	}
	var plogs []procLog // every process's output, old ones too
	outs := make([]*syncBuffer, shards)
	procs := make([]*botProc, shards)
	for i := range shards {
		outs[i] = &syncBuffer{}
		plogs = append(plogs, procLog{i, outs[i]})
		since := time.Now()
		procs[i] = w.spawn(i, outs[i])
		w.waitIdentified(i, since, procs[i], i == shards-1)
	}
	ctx := context.Background()
	if !eventually(30*time.Second, func() bool { return len(w.srv.Commands("")) > 0 }) {
		t.Fatal("no commands registered")
	}

	// Every server sets its daily post for 09:00 UTC.
	w.each(8, w.guilds, func(_ int, g string) {
		if !w.command(ctx, g, "owner", "/daily setup channel:#daily time:09:00 timezone:UTC", false) {
			t.Errorf("/daily setup in %s failed", g)
		}
	})

	// Concurrent /mock joins: four members in each of 60 servers, 24 joins
	// at a time, arriving on all three processes at once.
	topic := ""
	for _, c := range w.srv.Commands("") {
		for _, o := range c.Options {
			if c.Name == "mock" && o.Name == "topic" && len(o.Choices) > 0 {
				topic = fmt.Sprint(o.Choices[0].Value)
			}
		}
	}
	var joins []string
	for m := range 4 {
		for i := 0; i < guilds; i += 5 {
			joins = append(joins, w.guilds[i]+"/"+strconv.Itoa(m))
		}
	}
	var nJoined atomic.Int64
	w.each(24, joins, func(_ int, j string) {
		g, m, _ := strings.Cut(j, "/")
		if w.command(ctx, g, "mock"+m+"g"+g[len(g)-4:], "/mock topic:"+topic, false) {
			nJoined.Add(1)
		}
	})
	time.Sleep(time.Second) // the pairings' thread messages finish before the clock moves

	// Day 1: every server's post, all three processes posting.
	w.setClock(day0.Add(61 * time.Minute))
	before := len(w.srv.Requests())
	took := w.waitPosts(guilds, procs)
	t.Logf("day 1: %d posts in %s (%.1f posts/s, %d REST requests)", guilds, took.Round(time.Millisecond), float64(guilds)/took.Seconds(), len(w.srv.Requests())-before)

	// Day 2: SIGKILL shard 1's process in the middle of the burst, restart
	// it, and move the clock past the claim lease so that its claims are
	// taken over.
	w.setClock(day0.Add(24*time.Hour + 61*time.Minute))
	for {
		if _, n := w.posts(); n >= guilds+guilds/5 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	procs[1].kill()
	_, atKill := w.posts()
	since := time.Now()
	procs[1] = w.spawn(1, outs[1])
	w.waitIdentified(1, since, procs[1], true)
	w.setClock(day0.Add(24*time.Hour + 65*time.Minute))
	took = w.waitPosts(2*guilds, procs)
	t.Logf("day 2: killed shard 1's process at %d of %d posts; all posted %s after the restart", atKill-guilds, guilds, took.Round(time.Millisecond))

	// Day 3 across a rolling restart: for each shard a new process starts,
	// runs beside the old one (shard 0's overlap takes the day's burst),
	// then the old one stops; interactions keep coming meanwhile.
	for i := range shards {
		out := &syncBuffer{}
		plogs = append(plogs, procLog{i, out})
		since := time.Now()
		next := w.spawn(i, out)
		w.waitIdentified(i, since, next, true)
		if i == 0 {
			w.setClock(day0.Add(48*time.Hour + 61*time.Minute))
		}
		var mine []string // ten servers of this shard, asked during the overlap
		for _, g := range w.guilds {
			if shard.Of(g, shards) == i && len(mine) < 10 {
				mine = append(mine, g)
			}
		}
		w.each(8, mine, func(_ int, g string) { w.command(ctx, g, "owner", "/help", true) })
		procs[i].stop(t)
		procs[i], outs[i] = next, out
	}
	// A post the stopped process had claimed but not sent is taken over
	// once its claim's lease (2 minutes) has passed.
	w.setClock(day0.Add(48*time.Hour + 65*time.Minute))
	took = w.waitPosts(3*guilds, procs)
	t.Logf("day 3: all posted %s after the rolling restart", took.Round(time.Millisecond))
	for _, g := range w.guilds[:20] {
		if !w.command(ctx, g, "owner", "/help", false) {
			t.Errorf("/help in %s after the rolling restart failed", g)
		}
	}
	time.Sleep(2 * time.Second) // a duplicate would have time to show
	for _, p := range procs {
		p.stop(t)
	}

	// Exactly one post per server and day, each recorded posted.
	per, total := w.posts()
	for _, g := range w.guilds {
		if per[g] != 3 {
			t.Errorf("server %s has %d daily posts after 3 days, want 3", g, per[g])
		}
	}
	db, err := sqlOpen(w.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var posted, dates int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*), COUNT(DISTINCT local_date) FROM daily_posts WHERE status = 'posted'").Scan(&posted, &dates); err != nil {
		t.Fatal(err)
	}
	if posted != 3*guilds || dates != 3 || total != 3*guilds {
		t.Errorf("%d posts recorded over %d dates, %d in Discord; want %d over 3", posted, dates, total, 3*guilds)
	}

	// Mock: nobody paired twice, every pairing recorded once with its thread.
	var twice, pairings, withThread int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT guild_id, user_id FROM mock_members GROUP BY guild_id, user_id HAVING COUNT(*) > 1) d`).Scan(&twice); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT CASE WHEN thread_id <> '' THEN thread_id END) FROM mock_pairings`).Scan(&pairings, &withThread); err != nil {
		t.Fatal(err)
	}
	var queued, members int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM mock_queue), (SELECT COUNT(*) FROM mock_members)`).Scan(&queued, &members); err != nil {
		t.Fatal(err)
	}
	if twice != 0 || pairings == 0 || withThread != pairings || members != 2*pairings || int64(queued+members) != nJoined.Load() {
		t.Errorf("mock: %d members paired twice; %d pairings, %d with their own thread; %d paired + %d queued for %d acknowledged joins",
			twice, pairings, withThread, members, queued, nJoined.Load())
	}

	// Every interaction answered once, by the process of its shard.
	w.mu.Lock()
	defer w.mu.Unlock()
	logs := make([]string, len(plogs))
	for i, p := range plogs {
		logs[i] = p.out.String()
	}
	for _, s := range w.sent {
		if !s.answered {
			t.Errorf("interaction %s in %s got no answer", s.in.ID, s.guild)
		}
		if s.overlap {
			continue // both processes of the shard got it; the loopback took one answer
		}
		var by []int
		for i, l := range logs {
			if strings.Contains(l, "interaction="+s.in.ID+" ") {
				by = append(by, plogs[i].shard)
			}
		}
		if want := shard.Of(s.guild, shards); len(by) != 1 || by[0] != want {
			t.Errorf("interaction %s in %s (shard %d) was handled by the processes of shards %v", s.in.ID, s.guild, want, by)
		}
	}
	for _, v := range w.srv.Violations() {
		if v.Kind != "double-response" {
			t.Errorf("loopback: %s", v)
			continue
		}
		// Two processes of one shard both get its events during a rolling
		// restart (as on Discord): the second answer is refused with 40060.
		if !slices.ContainsFunc(w.sent, func(s sentInteraction) bool { return s.overlap && strings.Contains(v.Message, s.in.ID) }) {
			t.Errorf("loopback: %s (outside a rolling restart's overlap)", v)
		}
	}
	lat := slices.Clone(w.lat)
	slices.Sort(lat)
	t.Logf("%d interactions; p50 %s, p99 %s (send to answer, outside the rolling restart)",
		len(w.sent), pct(lat, 50), pct(lat, 99))
}

// pct is the p-th percentile of sorted.
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, len(sorted)*p/100)].Round(100 * time.Microsecond)
}
