package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
)

// Whole-process benchmarks of the real `prepcord run` binary, built from
// this package, against a loopback Discord in the test process: resident
// memory at scale, cold start, and the interaction rate one process
// sustains. They are benchmarks so that `go test ./...` never runs them;
// the performance table (go run ./internal/benchtable) does:
//
//	go test ./cmd/prepcord/ -run '^$' -bench 'ResidentMemory|ColdStart|Throughput' -benchtime 1x

// perfWorld is a loopback Discord with many servers and members, and a
// database prepared for the bot.
type perfWorld struct {
	srv    *discordtest.Server
	guilds []string            // guild ids, in order
	users  map[string][]string // guild id -> member user ids for load
	dir    string
	db     string
	hasCmd map[string]bool // registered command names, once the bot registered
}

type worldOpts struct {
	guilds       int // servers in GUILD_CREATE
	bank         int // questions imported besides the bundled bank
	queued       int // members waiting in mock queues, spread over the servers
	loadUsers    int // members who send the load, spread over loadGuilds
	loadGuilds   int
	skipDatabase bool // leave the database empty (cold start)
	// shards shapes the loopback's sharding; its servers then get ids
	// that spread over the shards as real ones do (StableIDs).
	shards *discordtest.ShardOptions
}

// newPerfWorld builds the loopback world and the database.
func newPerfWorld(b *testing.B, o worldOpts) *perfWorld {
	b.Helper()
	w := &perfWorld{dir: b.TempDir(), users: map[string][]string{}}
	w.db = filepath.Join(w.dir, "prepcord.db")
	chans := []discordtest.ChannelSpec{{Name: "general"}, {Name: "mock"}}
	sopts := discordtest.Options{Guilds: []discordtest.GuildSpec{{Name: "server 0", Channels: chans}}}
	if o.shards != nil {
		sopts.Shards, sopts.StableIDs = *o.shards, true
	}
	w.srv = discordtest.New(sopts)
	b.Cleanup(w.srv.Close)
	// Users made while only the first server exists are members of it
	// alone (discordtest adds a new user to every server), then join the
	// one server they use.
	queued := make([]string, o.queued)
	for i := range queued {
		queued[i] = w.srv.AddUser(fmt.Sprintf("queued%05d", i)).ID
	}
	load := make([]string, o.loadUsers)
	for i := range load {
		load[i] = w.srv.AddUser(fmt.Sprintf("load%05d", i)).ID
	}
	w.guilds = []string{w.srv.DefaultGuild().ID}
	for g := 1; g < o.guilds; g++ {
		w.guilds = append(w.guilds, w.srv.AddGuild(discordtest.GuildSpec{Name: fmt.Sprintf("server %d", g), Channels: chans}).ID)
	}
	member := func(g, u string) {
		if _, err := w.srv.AddMember(g, u); err != nil {
			b.Fatal(err)
		}
	}
	queueGuild := func(i int) string { return w.guilds[i%len(w.guilds)] }
	for i, u := range queued {
		member(queueGuild(i), u)
	}
	if o.loadGuilds <= 0 || o.loadGuilds > len(w.guilds) {
		o.loadGuilds = len(w.guilds)
	}
	for i, u := range load {
		g := w.guilds[i%o.loadGuilds]
		member(g, u)
		w.users[g] = append(w.users[g], u)
	}
	if o.skipDatabase {
		return w
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// Setup only: the bot itself opens the file with its own (full) sync.
	st, err := store.Open(ctx, w.db, store.Options{Synchronous: "normal"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if o.bank > 0 {
		if _, err := st.Questions.Import(ctx, perfBank(o.bank, 300), store.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	topics := match.Topics()
	never := func(store.QueueEntry, []store.QueueEntry, map[string]time.Time, time.Time) int { return -1 }
	for i, u := range queued {
		g := queueGuild(i)
		res, err := st.Interviews.JoinQueue(ctx, store.JoinRequest{GuildID: g, UserID: u, Topic: topics[i%len(topics)].Key,
			Level: "mid", ChannelID: w.srv.ChannelByName(g, "general").ID, DefaultExpiry: 2 * time.Hour, Pick: never})
		if err != nil {
			b.Fatal(err)
		}
		if res.Entry == nil {
			b.Fatalf("queued member %d was not queued: %+v", i, res)
		}
	}
	return w
}

// perfBank makes n valid questions over companies for import.
func perfBank(n, companies int) []*data.Entry {
	cats := []string{"Coding & Algorithms", "System Design", "SQL & Data", "Behavioral & Leadership", "Machine Learning"}
	roles := []string{"Software Engineer", "Data Scientist", "Machine Learning Engineer", "Product Manager"}
	rounds := []string{"Phone Screen", "Technical Screen", "Onsite", "Hiring Manager"}
	out := make([]*data.Entry, n)
	for i := range out {
		q := data.Question{
			ID: fmt.Sprintf("perf-%05d", i), Title: fmt.Sprintf("Perf question %d about caching and queues", i),
			Company: fmt.Sprintf("Perf Company %03d", i%companies), Roles: []string{roles[i%len(roles)]},
			Category: cats[i%len(cats)], Difficulty: data.Difficulties[(i/companies)%3], Round: rounds[i%len(rounds)],
			Tags:     []string{"perf", fmt.Sprintf("t%d", i%50)},
			Prompt:   fmt.Sprintf("Explain how you would approach problem %d with a latency budget of %d ms.", i, 10+i%90),
			Overview: "Generated.", Solution: strings.Repeat("A model answer paragraph. ", 20), Source: "perf", Added: "2026-11-01",
		}
		out[i] = &data.Entry{Question: q, File: "perf.yaml"}
	}
	return out
}

// buildBinary builds prepcord into dir, as a user would.
func buildBinary(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "prepcord")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// botProc is a running `prepcord run`.
type botProc struct {
	cmd    *exec.Cmd
	start  time.Time
	stderr *bytes.Buffer
	done   chan error
}

// startBot execs `prepcord run` against the world's loopback Discord.
func startBot(b *testing.B, bin string, w *perfWorld, env ...string) *botProc {
	b.Helper()
	cmd := exec.Command(bin, "run")
	cmd.Dir = w.dir // no .env from the repository
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + w.dir,
		"DISCORD_TOKEN=" + w.srv.Token(), "DISCORD_API_URL=" + w.srv.APIURL(),
		"DATABASE_PATH=" + w.db, "LOG_LEVEL=warn",
	}, env...)
	p := &botProc{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stderr = &lockedWriter{w: p.stderr}
	p.start = time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	b.Cleanup(func() { p.stop(b) })
	return p
}

// stop ends the process with SIGTERM, as a service manager would.
func (p *botProc) stop(b *testing.B) {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		if err != nil {
			b.Logf("prepcord run exited: %v\n%s", err, p.stderr)
		}
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
		b.Errorf("prepcord run did not stop within 20 s of SIGTERM\n%s", p.stderr)
	}
}

type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// waitRegistered waits until the bot registered its commands and its
// gateway session is ready, and records the registered command names.
func (w *perfWorld) waitRegistered(ctx context.Context, p *botProc) error {
	for {
		if puts := w.srv.RequestsTo("PUT /applications/{app}/commands"); len(puts) > 0 {
			w.hasCmd = map[string]bool{}
			for _, c := range commandNames(puts[0].JSON) {
				w.hasCmd[c] = true
			}
			return w.srv.WaitReady(ctx)
		}
		select {
		case err := <-p.done:
			p.done <- err
			return fmt.Errorf("prepcord run exited before registering commands: %v\n%s", err, p.stderr)
		case <-ctx.Done():
			return fmt.Errorf("commands not registered: %w\n%s", ctx.Err(), p.stderr)
		case <-time.After(time.Millisecond):
		}
	}
}

// commandNames reads the names out of a bulk overwrite body.
func commandNames(body []byte) []string {
	var names []string
	for _, part := range bytes.Split(body, []byte(`"name":"`))[1:] {
		if i := bytes.IndexByte(part, '"'); i > 0 {
			names = append(names, string(part[:i]))
		}
	}
	return names
}

// rss returns the resident and peak resident memory of a process in bytes.
func rss(pid int) (cur, peak int64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, 0, fmt.Errorf("unexpected %s line %q", k, sc.Text())
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return 0, 0, err
		}
		if k == "VmRSS" {
			cur = n << 10
		} else {
			peak = n << 10
		}
	}
	if cur == 0 {
		return 0, 0, errors.New("no VmRSS in /proc status (Linux only)")
	}
	return cur, peak, sc.Err()
}

// mixedOp sends the i-th interaction of a mixed load and returns its
// latency: /question, company autocomplete, /help and /mock in turn
// (/question in place of /mock while /mock is not registered).
func (w *perfWorld) mixedOp(ctx context.Context, i int) (time.Duration, error) {
	g := w.guilds[i%len(w.users)]
	users := w.users[g]
	u := users[(i/len(w.users))%len(users)]
	companies := []string{"TikTok", "Perf Company 017", "perf company 150", "Amazon"}
	topics := match.Topics()
	kind := i % 4
	if kind == 3 && !w.hasCmd["mock"] {
		kind = 0
	}
	var cmd discordtest.Slash
	switch kind {
	case 0:
		cmd = discordtest.Slash{Guild: g, User: u, Name: "question", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "company", Value: companies[i%len(companies)]}, {Name: "difficulty", Value: data.Difficulties[i%3]}}}
	case 1:
		typed := []string{"tik", "perf comp 1", "amaz", ""}
		start := time.Now()
		ch, err := w.srv.Autocomplete(ctx, discordtest.Slash{Guild: g, User: u, Name: "question",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: typed[i%len(typed)]}}}, "company")
		if err == nil && len(ch) == 0 {
			err = fmt.Errorf("no company choices for %q", typed[i%len(typed)])
		}
		return time.Since(start), err
	case 2:
		cmd = discordtest.Slash{Guild: g, User: u, Name: "help"}
	case 3:
		cmd = discordtest.Slash{Guild: g, User: u, Name: "mock", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "topic", Value: topics[i%len(topics)].Key}}}
	}
	in, err := w.srv.Slash(ctx, cmd)
	if err != nil {
		return 0, err
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		return 0, fmt.Errorf("/%s: %w", cmd.Name, err)
	}
	if kind != 3 { // /mock may defer; the others answer at once
		if resp.Data == nil || (len(resp.Data.Embeds) == 0 && resp.Data.Content == "") {
			return resp.Latency, fmt.Errorf("/%s: empty reply", cmd.Name)
		}
		if bot.IsErrorMessage(&discordgo.Message{Embeds: resp.Data.Embeds}) {
			return resp.Latency, fmt.Errorf("/%s answered with an error: %s", cmd.Name, resp.Data.Embeds[0].Description)
		}
	}
	return resp.Latency, nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[max(0, (len(sorted)*p+99)/100-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkResidentMemory measures the resident memory (VmRSS) of
// `prepcord run` with a 10,000-question bank imported, 1,000 servers in
// GUILD_CREATE and 5,000 members queued for mock interviews, after a
// warm-up of 400 mixed interactions. Target: under 64 MiB.
func BenchmarkResidentMemory(b *testing.B) {
	const guilds, bankSize, queued, warm = 1000, 10000, 5000, 400
	for range b.N {
		b.StopTimer()
		w := newPerfWorld(b, worldOpts{guilds: guilds, bank: bankSize, queued: queued, loadUsers: 400, loadGuilds: 100})
		bin := buildBinary(b, w.dir)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		b.StartTimer()
		p := startBot(b, bin, w)
		if err := w.waitRegistered(ctx, p); err != nil {
			b.Fatal(err)
		}
		// Every server's GUILD_CREATE went out with READY.
		for i := 0; i < warm; i++ {
			if _, err := w.mixedOp(ctx, i); err != nil {
				b.Fatalf("warm-up interaction %d: %v\n%s", i, err, p.stderr)
			}
		}
		time.Sleep(2 * time.Second) // let background work settle
		cur, peak, err := rss(p.cmd.Process.Pid)
		b.StopTimer()
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(cur)/(1<<20), "rss-MiB")
		b.ReportMetric(float64(peak)/(1<<20), "peak-rss-MiB")
		p.stop(b)
		if err := w.srv.Check(); err != nil {
			b.Fatalf("loopback Discord saw violations: %v", err)
		}
	}
}

// BenchmarkColdStart measures process start to ready: from exec of
// `prepcord run` on an empty database (the bundled bank is synced at
// start) to the loopback Discord receiving the answer to a first /help,
// sent as soon as the commands were registered. Target: under 1 s.
func BenchmarkColdStart(b *testing.B) { benchColdStart(b, false) }

// BenchmarkColdStartPostgres is BenchmarkColdStart with DATABASE_URL
// naming a new, empty PostgreSQL database: the start migrates it and syncs
// the bundled bank into it.
func BenchmarkColdStartPostgres(b *testing.B) { benchColdStart(b, true) }

func benchColdStart(b *testing.B, postgres bool) {
	dir := b.TempDir()
	bin := buildBinary(b, dir)
	var total, registered []time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		w := newPerfWorld(b, worldOpts{guilds: 1, loadUsers: 1, skipDatabase: true})
		var env []string
		if postgres {
			env = []string{"DATABASE_URL=" + pgtest.NewDatabase(b), "DATABASE_PATH="}
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		b.StartTimer()
		p := startBot(b, bin, w, env...)
		if err := w.waitRegistered(ctx, p); err != nil {
			b.Fatal(err)
		}
		reg := time.Since(p.start)
		in, err := w.srv.Slash(ctx, discordtest.Slash{User: w.users[w.guilds[0]][0], Name: "help"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := in.Wait(ctx); err != nil {
			b.Fatalf("/help: %v\n%s", err, p.stderr)
		}
		all := time.Since(p.start)
		b.StopTimer()
		cancel()
		total, registered = append(total, all), append(registered, reg)
		p.stop(b)
	}
	slices.Sort(total)
	slices.Sort(registered)
	b.ReportMetric(ms(pct(total, 50)), "p50-ms")
	b.ReportMetric(ms(pct(total, 99)), "p99-ms")
	b.ReportMetric(ms(pct(registered, 50)), "registered-p50-ms")
}

// step is one load level of BenchmarkThroughput.
type step struct {
	rate     int // interactions per second offered
	sent     int
	errs     int
	firstErr error
	p50, p99 time.Duration
	achieved float64 // answered per second
	byKind   string  // p99 of each command, for the log
}

// BenchmarkThroughput offers mixed interactions (/question, autocomplete,
// /help, /mock) to one `prepcord run` at increasing rates, open loop (each
// sent on schedule whether or not earlier ones were answered), and reports
// the highest rate whose p99 stayed under 50 ms with every interaction
// answered. The loopback Discord and the load run in the test process on
// the same machine.
func BenchmarkThroughput(b *testing.B) {
	const limit = 50 * time.Millisecond
	rates := []int{25, 50, 75, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000}
	stepFor := 3 * time.Second
	for range b.N {
		b.StopTimer()
		w := newPerfWorld(b, worldOpts{guilds: 1000, bank: 10000, queued: 5000, loadUsers: 2000, loadGuilds: 100})
		bin := buildBinary(b, w.dir)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		p := startBot(b, bin, w)
		if err := w.waitRegistered(ctx, p); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 200; i++ { // warm-up
			if _, err := w.mixedOp(ctx, i); err != nil {
				b.Fatalf("warm-up interaction %d: %v\n%s", i, err, p.stderr)
			}
		}
		b.Logf("mix: /question, autocomplete, /help, /mock (registered: %v)", w.hasCmd["mock"])
		b.StartTimer()
		next := 200
		var best, first *step
		ok := func(s *step) bool { return s.errs == 0 && s.p99 < limit && s.achieved >= 0.9*float64(s.rate) }
	rates:
		for _, rate := range rates {
			// A level that misses is tried once more: on a shared machine
			// one stall of another process can cost a p99.
			for try := 0; try < 2; try++ {
				s := w.offer(ctx, rate, stepFor, &next)
				if first == nil {
					first = s
				}
				b.Logf("%4d/s offered: %.0f/s answered, p50 %v, p99 %v, %d errors %v; %s", rate, s.achieved, s.p50, s.p99, s.errs, s.firstErr, s.byKind)
				if ok(s) {
					best = s
					continue rates
				}
			}
			break
		}
		b.StopTimer()
		cancel()
		rate := 0
		if best == nil {
			// A missed target, not a failure to run: report 0/s with the
			// figures of the lowest level.
			b.Logf("p99 was over %v even at %d interactions/s", limit, rates[0])
			best = first
		} else {
			rate = best.rate
		}
		b.ReportMetric(float64(rate), "rps")
		b.ReportMetric(ms(best.p50), "p50-ms")
		b.ReportMetric(ms(best.p99), "p99-ms")
		if cur, _, err := rss(p.cmd.Process.Pid); err == nil {
			b.ReportMetric(float64(cur)/(1<<20), "rss-MiB")
		}
		p.stop(b)
	}
}

// offer sends interactions at rate per second for d, open loop, and
// measures them.
func (w *perfWorld) offer(ctx context.Context, rate int, d time.Duration, next *int) *step {
	n := int(float64(rate) * d.Seconds())
	s := &step{rate: rate, sent: n}
	lat := make([]time.Duration, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for k := 0; k < n; k++ {
		if wait := time.Until(start.Add(time.Duration(k) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		i := *next
		*next++
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat[k], errs[k] = w.mixedOp(ctx, i)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	for _, err := range errs {
		if err != nil {
			s.errs++
			if s.firstErr == nil {
				s.firstErr = err
			}
		}
	}
	kinds := map[string][]time.Duration{}
	names := []string{"/question", "autocomplete", "/help", "/mock"}
	for k, d := range lat {
		name := names[(*next-n+k)%4]
		kinds[name] = append(kinds[name], d)
	}
	var parts []string
	for _, name := range names {
		if ds := kinds[name]; len(ds) > 0 {
			slices.Sort(ds)
			parts = append(parts, fmt.Sprintf("%s %v", name, pct(ds, 99).Round(100*time.Microsecond)))
		}
	}
	s.byKind = "p99 by command: " + strings.Join(parts, ", ")
	slices.Sort(lat)
	s.p50, s.p99 = pct(lat, 50), pct(lat, 99)
	s.achieved = float64(n) / elapsed.Seconds()
	return s
}

// BenchmarkShardedStart measures one `prepcord run` with SHARD_COUNT=4
// (all four shards in the process) against a loopback Discord with 1,000
// servers: from exec on an empty database to every shard connected and a
// first /help answered in a server of each shard, and the resident memory
// then. With max_concurrency 1 (every bot below 150,000 servers) the four
// identifies are 5 s apart, so the start takes about 15 s more than with 4.
//
//	go test ./cmd/prepcord/ -run '^$' -bench ShardedStart -benchtime 1x
func BenchmarkShardedStart(b *testing.B) {
	const guilds, shards = 1000, 4
	bin := buildBinary(b, b.TempDir())
	for _, mc := range []int{1, 4} {
		b.Run(fmt.Sprintf("max_concurrency=%d", mc), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				w := newPerfWorld(b, worldOpts{guilds: guilds, loadUsers: 40, skipDatabase: true,
					shards: &discordtest.ShardOptions{MaxConcurrency: mc, PaceIdentifies: true}})
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
				b.StartTimer()
				p := startBot(b, bin, w, "SHARD_COUNT="+strconv.Itoa(shards))
				if err := w.waitRegistered(ctx, p); err != nil {
					b.Fatal(err)
				}
				if err := w.srv.WaitShards(ctx, shards); err != nil {
					b.Fatal(err)
				}
				answered := map[int]bool{}
				for _, g := range w.guilds {
					n := shard.Of(g, shards)
					if answered[n] || len(w.users[g]) == 0 {
						continue
					}
					in, err := w.srv.Slash(ctx, discordtest.Slash{Guild: g, User: w.users[g][0], Name: "help"})
					if err != nil {
						b.Fatal(err)
					}
					if _, err := in.Wait(ctx); err != nil {
						b.Fatalf("/help on shard %d: %v\n%s", n, err, p.stderr)
					}
					answered[n] = true
				}
				all := time.Since(p.start)
				b.StopTimer()
				if len(answered) != shards {
					b.Fatalf("answered on shards %v", answered)
				}
				time.Sleep(2 * time.Second) // let background work settle
				cur, peak, err := rss(p.cmd.Process.Pid)
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				for _, id := range w.srv.Identifies() {
					if id.Refused {
						b.Errorf("shard %d's identify was refused as too fast", id.Shard)
					}
				}
				b.ReportMetric(ms(all), "ready-ms")
				b.ReportMetric(float64(cur)/(1<<20), "rss-MiB")
				b.ReportMetric(float64(peak)/(1<<20), "peak-rss-MiB")
				p.stop(b)
			}
		})
	}
}
