package e2e

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/store"
)

// The tests in this file and soak_test.go run the real prepcord binary,
// built once per test run, against a loopback Discord in the test process.

var (
	binDir  string
	binOnce sync.Once
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "prepcord-bin-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	pgtest.Stop()
	os.RemoveAll(dir)
	os.Exit(code)
}

// prepcordBinary builds cmd/prepcord once and returns its path.
func prepcordBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		binPath = filepath.Join(binDir, "prepcord")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/prepcord/prepcord/cmd/prepcord")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// syncBuffer is a bytes.Buffer safe for a process writing and a test reading.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// botProc is one running `prepcord run`.
type botProc struct {
	cmd    *exec.Cmd
	out    *syncBuffer // stdout and stderr
	exited chan struct{}
	err    error
}

// freeAddr returns a loopback address with a port free right now.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startBot runs `prepcord run` against srv with the database at dbPath (a
// SQLite file, or a postgres:// URL), in a folder of its own (no .env), and
// waits until its gateway session is ready. extra adds environment
// variables (NAME=value).
func startBot(t testing.TB, srv *discordtest.Server, dbPath string, out *syncBuffer, extra ...string) *botProc {
	t.Helper()
	p := spawnBot(t, srv, dbPath, out, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ready := make(chan error, 1)
	go func() { ready <- srv.WaitReady(ctx) }()
	select {
	case err := <-ready:
		if err != nil {
			p.kill()
			t.Fatalf("prepcord did not connect: %v\n%s", err, tail(out.String(), 3000))
		}
	case <-p.exited:
		t.Fatalf("prepcord exited at start: %v\n%s", p.err, tail(out.String(), 3000))
	}
	// The first start registers the commands after READY.
	if err := srv.WaitFor(ctx, func() bool { return len(srv.Commands("")) > 0 }); err != nil {
		p.kill()
		t.Fatalf("prepcord registered no commands: %v\n%s", err, tail(out.String(), 3000))
	}
	return p
}

// spawnBot starts `prepcord run` like startBot without waiting for it.
func spawnBot(t testing.TB, srv *discordtest.Server, dbPath string, out *syncBuffer, extra ...string) *botProc {
	t.Helper()
	cmd := exec.Command(prepcordBinary(t), "run")
	dbEnv := "DATABASE_PATH=" + dbPath
	cmd.Dir = filepath.Dir(dbPath)
	if store.IsPostgresURL(dbPath) {
		dbEnv, cmd.Dir = "DATABASE_URL="+dbPath, t.TempDir()
	}
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"),
		"DISCORD_TOKEN=" + srv.Token(), "DISCORD_API_URL=" + srv.APIURL(), dbEnv,
	}, extra...)
	cmd.Stdout, cmd.Stderr = out, out
	p := &botProc{cmd: cmd, out: out, exited: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	return p
}

// kill sends SIGKILL and waits for the process to die.
func (p *botProc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// stop sends SIGTERM and waits up to 20 s for a clean exit.
func (p *botProc) stop(t testing.TB) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
		if p.err != nil {
			t.Errorf("prepcord exited with %v after SIGTERM\n%s", p.err, tail(p.out.String(), 3000))
		}
	case <-time.After(20 * time.Second):
		p.kill()
		t.Errorf("prepcord did not stop within 20 s of SIGTERM")
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// waitDisconnected waits until the loopback noticed the process is gone.
func waitDisconnected(t testing.TB, srv *discordtest.Server) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for srv.Connected() {
		if time.Now().After(deadline) {
			t.Fatal("the loopback still sees a connection after the kill")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// reply sends a command line as user and waits (bounded) for the message it
// shows; ok is false when no answer came (the bot was killed meanwhile).
func reply(ctx context.Context, srv *discordtest.Server, user, channel, line string) (*discordtest.Interaction, *discordgo.Message, bool) {
	in, err := srv.Command(ctx, user, channel, line)
	if err != nil {
		return nil, nil, false
	}
	wctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	m, err := in.WaitMessage(wctx)
	if err != nil {
		return in, nil, false
	}
	return in, m, true
}

// success reports whether the bot answered with something other than an
// error message.
func success(m *discordgo.Message, ok bool) bool { return ok && m != nil && !bot.IsErrorMessage(m) }

func hasButton(m *discordgo.Message, label string) bool {
	if m == nil {
		return false
	}
	for _, row := range m.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range r.Components {
				if b, ok := c.(*discordgo.Button); ok && strings.EqualFold(b.Label, label) {
					return true
				}
			}
		}
	}
	return false
}

// click presses a button and waits (bounded) for the message it shows.
func click(ctx context.Context, srv *discordtest.Server, user string, m *discordgo.Message, label string) (*discordtest.Interaction, *discordgo.Message, bool) {
	in, err := srv.ClickLabel(ctx, user, m, label)
	if err != nil {
		return nil, nil, false
	}
	wctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	out, err := in.WaitMessage(wctx)
	return in, out, err == nil
}

// submitModal waits for the modal an interaction opened and submits values
// (by the input's custom_id; unknown inputs get "x").
func submitModal(ctx context.Context, srv *discordtest.Server, user string, in *discordtest.Interaction, values map[string]string) (*discordtest.Interaction, *discordgo.Message, bool) {
	wctx, cancel := context.WithTimeout(ctx, 4*time.Second)
	defer cancel()
	resp, err := in.Wait(wctx)
	if err != nil || resp.Type != discordgo.InteractionResponseModal {
		return nil, nil, false
	}
	id, _, fields, ok := srv.Modal(user)
	if !ok {
		return nil, nil, false
	}
	vals := map[string]string{}
	for _, f := range fields {
		vals[f.CustomID] = "x"
		if v, ok := values[f.CustomID]; ok {
			vals[f.CustomID] = v
		}
	}
	sub, err := srv.SubmitModal(ctx, user, id, vals)
	if err != nil {
		return nil, nil, false
	}
	m, err := sub.WaitMessage(wctx)
	return sub, m, err == nil
}

// ledger records what the bot acknowledged; checks run after the last
// restart. A key with an unacknowledged operation after its last
// acknowledged one is indeterminate and not checked.
type ledger struct {
	mu      sync.Mutex
	acked   map[string]string // key -> expected state
	unknown map[string]bool
	count   atomic.Int64
}

func (l *ledger) ack(key, state string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acked[key] = state
	delete(l.unknown, key)
	l.count.Add(1)
}

func (l *ledger) lost(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.unknown[key] = true
}

// crashWorld is the loopback Discord of the crash and soak tests: a
// #daily channel for the daily post and #reviews for suggestions.
func crashWorld(t testing.TB, token string) (*discordtest.Server, string, string) {
	srv := discordtest.New(discordtest.Options{Token: token, Guilds: []discordtest.GuildSpec{{Name: "Prep", Channels: []discordtest.ChannelSpec{
		{Name: "general"}, {Name: "daily"}, {Name: "reviews"}}}}})
	t.Cleanup(srv.Close)
	g := srv.DefaultGuild()
	return srv, srv.ChannelByName(g.ID, "daily").ID, g.ID
}

// load drives the mixed load of the crash and soak tests: mock joins and
// leaves, suggestions, feedback on pairings, daily "I answered" and
// /daily now, each worker with members of its own, until ctx ends.
type load struct {
	srv     *discordtest.Server
	daily   string
	led     *ledger
	topics  []string
	sent    atomic.Int64
	seq     atomic.Int64
	workers int
	// noDailyNow leaves daily posting to the scheduler (the soak checks
	// that the due post went out exactly once).
	noDailyNow bool
	// gate, when set, is held for reading around each step.
	gate *sync.RWMutex

	mu  sync.Mutex
	ins []*discordtest.Interaction // every interaction sent, when tracking
	trk bool
}

// track records an interaction for the end-of-run checks.
func (l *load) track(in *discordtest.Interaction) {
	if in == nil || !l.trk {
		return
	}
	l.mu.Lock()
	l.ins = append(l.ins, in)
	l.mu.Unlock()
}

func (l *load) reply(ctx context.Context, user, line string) (*discordgo.Message, bool) {
	in, m, ok := reply(ctx, l.srv, user, "general", line)
	l.track(in)
	return m, ok
}

func (l *load) click(ctx context.Context, user string, m *discordgo.Message, label string) (*discordgo.Message, bool) {
	in, out, ok := click(ctx, l.srv, user, m, label)
	l.track(in)
	return out, ok
}

func (l *load) submit(ctx context.Context, user string, in *discordtest.Interaction, values map[string]string) (*discordgo.Message, bool) {
	l.track(in)
	sub, m, ok := submitModal(ctx, l.srv, user, in, values)
	l.track(sub)
	return m, ok
}

func newLoad(srv *discordtest.Server, daily string, workers int) *load {
	l := &load{srv: srv, daily: daily, workers: workers, led: &ledger{acked: map[string]string{}, unknown: map[string]bool{}}}
	for _, c := range srv.Commands("") {
		if c.Name != "mock" {
			continue
		}
		for _, o := range c.Options {
			if o.Name == "topic" {
				for _, ch := range o.Choices {
					l.topics = append(l.topics, fmt.Sprint(ch.Value))
				}
			}
		}
	}
	return l
}

// run runs the workers until ctx ends; seed makes their choices.
func (l *load) run(ctx context.Context, seed uint64) {
	var wg sync.WaitGroup
	for w := range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, uint64(w)))
			for ctx.Err() == nil {
				l.step(ctx, w, r)
			}
		}()
	}
	wg.Wait()
}

func (l *load) step(ctx context.Context, w int, r *rand.Rand) {
	if l.gate != nil {
		l.gate.RLock()
		defer l.gate.RUnlock()
	}
	l.sent.Add(1)
	switch k := r.IntN(10); {
	case k < 3: // mock join
		u := fmt.Sprintf("w%dm%d", w, r.IntN(4))
		key := "queue:" + u
		l.led.lost(key)
		if m, ok := l.reply(ctx, u, "/mock topic:"+l.topics[0]); success(m, ok) {
			l.led.ack(key, "joined")
		}
	case k < 5: // mock leave
		u := fmt.Sprintf("w%dm%d", w, r.IntN(4))
		m, ok := l.reply(ctx, u, "/mock")
		if !ok || !hasButton(m, "Leave the queue") {
			return
		}
		key := "queue:" + u
		l.led.lost(key)
		if m2, ok := l.click(ctx, u, m, "Leave the queue"); success(m2, ok) {
			l.led.ack(key, "left")
		}
	case k < 7: // suggestion
		n := l.seq.Add(1)
		u := fmt.Sprintf("w%ds%d", w, n)
		title := fmt.Sprintf("Crash-safe ledger %d-%d", w, n)
		in, err := l.srv.Command(ctx, u, "general", "/suggest")
		if err != nil {
			return
		}
		key := "suggestion:" + title
		l.led.lost(key)
		if m, ok := l.submit(ctx, u, in, map[string]string{"title": title, "company_role": "TikTok / SWE",
			"category_difficulty": "System Design / hard", "prompt": "Design a ledger that survives kill -9 at any moment."}); success(m, ok) {
			l.led.ack(key, "stored")
		}
	case k < 8: // feedback on a fresh pair
		n := l.seq.Add(1)
		a, b := fmt.Sprintf("w%dfa%d", w, n), fmt.Sprintf("w%dfb%d", w, n)
		topic := l.topics[1+w%(len(l.topics)-1)]
		if m, ok := l.reply(ctx, a, "/mock topic:"+topic); !success(m, ok) {
			return
		}
		if m, ok := l.reply(ctx, b, "/mock topic:"+topic); !success(m, ok) {
			return
		}
		th := l.threadOf(a)
		if th == "" {
			return
		}
		msgs := l.srv.Messages(th)
		if len(msgs) == 0 || !hasButton(msgs[0], "Give feedback") {
			return
		}
		in, err := l.srv.ClickLabel(ctx, a, msgs[0], "Give feedback")
		if err != nil {
			return
		}
		text := fmt.Sprintf("crash feedback %d-%d", w, n)
		key := "feedback:" + text
		l.led.lost(key)
		if m, ok := l.submit(ctx, a, in, map[string]string{"communication": "4", "problem-solving": "3", "structure": "5",
			"went-well": "Clear.", "improve": text}); success(m, ok) {
			l.led.ack(key, "stored")
		}
	case k < 9: // daily answer
		post := l.dailyPost()
		if post == nil {
			return
		}
		u := fmt.Sprintf("w%dd%d", w, r.IntN(20))
		key := "answered:" + u
		l.led.lost(key)
		if m, ok := l.click(ctx, u, post, "I answered"); success(m, ok) {
			l.led.ack(key, "stored")
		}
	default: // /daily now: at most one post per date, whatever happens
		if l.noDailyNow {
			return
		}
		if m, ok := l.reply(ctx, "owner", "/daily now"); success(m, ok) {
			l.led.ack("daily:now", "posted")
		}
	}
}

// threadOf returns the private thread user is a member of, if any.
func (l *load) threadOf(user string) string {
	u := l.srv.User(user)
	if u == nil {
		return ""
	}
	for _, th := range l.srv.Threads() {
		for _, m := range l.srv.ThreadMembers(th.ID) {
			if m == u.ID && th.Type == discordgo.ChannelTypeGuildPrivateThread {
				return th.ID
			}
		}
	}
	return ""
}

// dailyPosts returns the bot's daily post messages in the daily channel.
func (l *load) dailyPosts() []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range l.srv.Messages(l.daily) {
		if hasButton(m, "I answered") {
			out = append(out, m)
		}
	}
	return out
}

func (l *load) dailyPost() *discordgo.Message {
	ps := l.dailyPosts()
	if len(ps) == 0 {
		return nil
	}
	return ps[len(ps)-1]
}

// setup configures the server as its owner: review channel and daily
// schedule (posting a minute from now, UTC).
func setupServer(t testing.TB, srv *discordtest.Server) {
	t.Helper()
	ctx := context.Background()
	at := time.Now().UTC().Add(90 * time.Second).Format("15:04")
	for _, line := range []string{"/bank review channel:#reviews", fmt.Sprintf("/daily setup channel:#daily time:%s timezone:UTC", at)} {
		if _, m, ok := reply(ctx, srv, "owner", "general", line); !success(m, ok) {
			t.Fatalf("%s: %v", line, m)
		}
	}
}

// verify opens the database after the last exit and checks every
// acknowledged write, integrity, and that no daily post was duplicated.
func (l *load) verify(t testing.TB, dbPath, guildID string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	db, err := sqlOpen(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string, args ...any) int {
		var n int
		if err := db.QueryRowContext(ctx, db.Rebind(q), args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	l.led.mu.Lock()
	defer l.led.mu.Unlock()
	checked := 0
	for key, state := range l.led.acked {
		if l.led.unknown[key] {
			continue
		}
		kind, arg, _ := strings.Cut(key, ":")
		var ok bool
		switch kind {
		case "queue":
			uid := l.srv.User(arg).ID
			queued := count("SELECT COUNT(*) FROM mock_queue WHERE guild_id = ? AND user_id = ?", guildID, uid) > 0
			paired := count("SELECT COUNT(*) FROM mock_members WHERE guild_id = ? AND user_id = ?", guildID, uid) > 0
			ok = state == "joined" && (queued || paired) || state == "left" && !queued
		case "suggestion":
			ok = count("SELECT COUNT(*) FROM suggestions WHERE title = ?", arg) == 1
		case "feedback":
			ok = count("SELECT COUNT(*) FROM mock_feedback WHERE improve = ?", arg) == 1
		case "answered":
			ok = count("SELECT COUNT(*) FROM daily_participation WHERE guild_id = ? AND user_id = ?", guildID, l.srv.User(arg).ID) > 0
		case "daily":
			ok = count("SELECT COUNT(*) FROM daily_posts WHERE guild_id = ? AND status = 'posted'", guildID) > 0
		}
		if !ok {
			t.Errorf("acknowledged %s (%s) is not in the database", key, state)
		}
		checked++
	}
	// Exactly-once daily posts: one message per local date at most, and
	// every post marked posted has its message.
	dates := count("SELECT COUNT(DISTINCT local_date) FROM daily_posts WHERE guild_id = ? AND status IN ('posted', 'claimed')", guildID)
	posts := l.dailyPosts()
	if len(posts) > dates {
		t.Errorf("%d daily post messages for %d dates: a post was duplicated", len(posts), dates)
	}
	rows, err := db.QueryContext(ctx, db.Rebind("SELECT message_id FROM daily_posts WHERE guild_id = ? AND status = 'posted'"), guildID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		if l.srv.Message(id) == nil {
			t.Errorf("daily post %s is marked posted but Discord has no such message", id)
		}
	}
	t.Logf("verified %d acknowledged writes (%d indeterminate), %d daily post(s)", checked, len(l.led.unknown), len(posts))
}

// TestCrashSafety kills `prepcord run` with SIGKILL at random moments
// under a mixed load, many times, restarting it each time; afterwards every
// write whose interaction got a success reply is in the database, the
// database passes integrity_check, and no daily post was duplicated.
// It runs on SQLite and on PostgreSQL. PREPCORD_CRASH sets the time under
// load on each (default 25s on SQLite, 15s on PostgreSQL); -short skips it.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("kills the real binary for half a minute; skipped with -short")
	}
	// PostgreSQL's pass is shorter: CI's time is shared, and the SQLite
	// pass exercises the same binary's crash paths longer.
	budgets := map[string]time.Duration{"sqlite": 25 * time.Second, "postgres": 15 * time.Second}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { crashSafety(t, b.db(t), budgets[b.name]) })
	}
}

func crashSafety(t *testing.T, dbPath string, budget time.Duration) {
	if v := os.Getenv("PREPCORD_CRASH"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("PREPCORD_CRASH: %v", err)
		}
		budget = d
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	srv, daily, guildID := crashWorld(t, "crash-test-token")
	out := &syncBuffer{}
	p := startBot(t, srv, dbPath, out, "LOG_LEVEL=info")
	setupServer(t, srv)
	l := newLoad(srv, daily, 4)
	if len(l.topics) < 2 {
		t.Fatalf("mock topics: %v", l.topics)
	}
	deadline := time.Now().Add(budget)
	kills := 0
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		seed := rng.Uint64()
		go func() { l.run(ctx, seed); close(done) }()
		time.Sleep(time.Duration(100+rng.IntN(1900)) * time.Millisecond)
		p.kill()
		kills++
		cancel()
		<-done
		waitDisconnected(t, srv)
		p = startBot(t, srv, dbPath, out, "LOG_LEVEL=info")
	}
	// A last quiet stretch lets a claimed daily post be taken over, then a
	// clean stop.
	time.Sleep(500 * time.Millisecond)
	p.stop(t)
	l.verify(t, dbPath, guildID)
	if l.led.count.Load() < int64(kills) {
		t.Errorf("only %d acknowledged writes over %d kills: the load did not run", l.led.count.Load(), kills)
	}
	if strings.Contains(out.String(), srv.Token()) {
		t.Error("the token is in the process's output")
	}
	t.Logf("kills survived: %d; interactions sent: %d; acknowledged writes: %d", kills, l.sent.Load(), l.led.count.Load())
	if !store.IsPostgresURL(dbPath) {
		// What the crashes left, moved to PostgreSQL and back, is the same.
		copyRoundTrip(t, dbPath)
	}
}

// sqlOpen opens the database for checks: a SQLite file read-only (the
// sqlite3 driver is registered by package store), or a PostgreSQL URL
// through pgx; Rebind turns the checks' '?' into what the driver takes.
func sqlOpen(path string) (*sqlx.DB, error) {
	if store.IsPostgresURL(path) {
		return sqlx.Open("pgx", path)
	}
	return sqlx.Open("sqlite3", "file:"+path+"?_query_only=1")
}

// backends are the databases the data-safety tests run on: a SQLite file,
// and a fresh database on the test process's PostgreSQL (skipped without
// one, a failure when PREPCORD_TEST_REQUIRE_POSTGRES=1, as in CI).
var backends = []struct {
	name string
	db   func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "prepcord.db") }},
	{"postgres", func(t *testing.T) string { return pgtest.NewDatabase(t) }},
}
