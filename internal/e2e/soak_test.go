package e2e

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
)

// httpGet returns the status and body of a GET.
func httpGet(t testing.TB, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// metric returns the value of the first /metrics line starting with name
// followed by a space or "{"... exactly as given (labels included).
func metric(text, name string) (float64, bool) {
	for _, line := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f, err == nil
		}
	}
	return 0, false
}

// metricSum adds every series of a metric whose labels contain all of the
// given label pairs (e.g. `route="POST /channels/{id}/messages"`).
func metricSum(text, name string, labels ...string) float64 {
	var sum float64
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, name+"{") {
			continue
		}
		ok := true
		for _, l := range labels {
			ok = ok && strings.Contains(line, l)
		}
		if !ok {
			continue
		}
		if i := strings.LastIndexByte(line, ' '); i > 0 {
			if f, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
				sum += f
			}
		}
	}
	return sum
}

// procStats reads the goroutine count and in-use heap from /metrics.
func procStats(t testing.TB, addr string) (goroutines, heap float64) {
	t.Helper()
	_, text := httpGet(t, "http://"+addr+"/metrics")
	g, ok1 := metric(text, "go_goroutines")
	h, ok2 := metric(text, "go_memstats_heap_inuse_bytes")
	if !ok1 || !ok2 {
		t.Fatalf("/metrics lacks runtime figures:\n%.1000s", text)
	}
	return g, h
}

// settledStats takes the lowest of a few readings a second apart: the
// process's steady state rather than a moment of activity.
func settledStats(t testing.TB, addr string) (goroutines, heap float64) {
	goroutines, heap = procStats(t, addr)
	for range 4 {
		time.Sleep(time.Second)
		g, h := procStats(t, addr)
		goroutines, heap = min(goroutines, g), min(heap, h)
	}
	return goroutines, heap
}

// TestDiscordFaultSoak runs `prepcord run` under a mixed load while the
// loopback Discord drops the socket, sends RECONNECT and INVALID_SESSION
// (resumable or not), answers 429 (per route and global), 500, 502 and
// slowly, at random. Afterwards every interaction Discord would still
// accept was answered (and every deferred one completed), the daily post
// that fell due went out exactly once, and the process's goroutines and
// heap are back near their baseline. PREPCORD_SOAK sets the fault time
// (default 20s; the test also runs until the daily post is due).
func TestDiscordFaultSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("a fault soak of the real binary; skipped with -short")
	}
	budget := 20 * time.Second
	if v := os.Getenv("PREPCORD_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("PREPCORD_SOAK: %v", err)
		}
		budget = d
	}
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("PREPCORD_SOAK_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("PREPCORD_SOAK_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("seed %d (PREPCORD_SOAK_SEED replays the same faults and load)", seed)
	rng := rand.New(rand.NewPCG(seed, 2))
	srv, daily, guildID := crashWorld(t, "soak-test-token")
	dbPath := filepath.Join(t.TempDir(), "prepcord.db")
	addr := freeAddr(t)
	out := &syncBuffer{}
	p := startBot(t, srv, dbPath, out, "HTTP_ADDR="+addr, "LOG_LEVEL=info")
	defer func() {
		select {
		case <-p.exited:
		default:
			p.kill()
		}
	}()
	// The daily post falls due at the next minute at least 8 s away.
	due := time.Now().UTC().Add(8 * time.Second).Truncate(time.Minute).Add(time.Minute)
	ctx := context.Background()
	for _, line := range []string{"/bank review channel:#reviews", fmt.Sprintf("/daily setup channel:#daily time:%s timezone:UTC", due.Format("15:04"))} {
		if _, m, ok := reply(ctx, srv, "owner", "general", line); !success(m, ok) {
			t.Fatalf("%s: %v", line, m)
		}
	}
	gate := &sync.RWMutex{}
	l := newLoad(srv, daily, 3)
	l.noDailyNow, l.gate = true, gate

	// Warm up without faults, then take the baseline.
	wctx, wcancel := context.WithTimeout(ctx, 3*time.Second)
	l.run(wctx, rng.Uint64())
	wcancel()
	baseG, baseH := settledStats(t, addr)
	t.Logf("baseline: %.0f goroutines, %.1f MiB heap in use", baseG, baseH/(1<<20))

	l.trk = true
	end := time.Now().Add(budget)
	if d := due.Add(8 * time.Second); d.After(end) {
		end = d
	}
	lctx, lcancel := context.WithDeadline(ctx, end)
	loadDone := make(chan struct{})
	loadSeed := rng.Uint64()
	go func() { l.run(lctx, loadSeed); close(loadDone) }()
	faults := map[string]int{}
	inject := func(r *rand.Rand) {
		switch k := r.IntN(10); k {
		case 0:
			srv.DropSocket()
			faults["socket dropped"]++
		case 1:
			srv.SendReconnect()
			faults["RECONNECT"]++
		case 2:
			srv.SendInvalidSession(true)
			faults["INVALID_SESSION resumable"]++
		case 3:
			// A non-resumable invalidation discards the events Discord
			// buffered or sent for the session, as Discord does: hold the
			// load while it happens, and first let prepcord read what was
			// sent (a session between connections resumes and takes its
			// buffered events; an open one answers a heartbeat request
			// after the events before it), so that the fault is tested and
			// not the interactions it would throw away unread.
			gate.Lock()
			rctx, cancel := context.WithTimeout(ctx, 15*time.Second)
			err := srv.WaitDelivered(rctx)
			if err == nil {
				srv.SendInvalidSession(false)
				err = srv.WaitReady(rctx)
			}
			cancel()
			gate.Unlock()
			if err != nil {
				t.Errorf("no new session after INVALID_SESSION: %v", err)
			}
			faults["INVALID_SESSION"]++
		case 4:
			srv.Fault(discordtest.Fault{Route: "POST /channels/{id}/messages", Status: 429, RetryAfter: 0.2, Times: 1 + r.IntN(2)})
			faults["429 route"]++
		case 5:
			srv.Fault(discordtest.Fault{Status: 429, Global: true, RetryAfter: 0.1, Times: 1})
			faults["429 global"]++
		case 6:
			srv.Fault(discordtest.Fault{Route: "POST /channels/{id}/messages", Status: 500, Times: 1})
			faults["500"]++
		case 7:
			srv.Fault(discordtest.Fault{Status: 502, Times: 1})
			faults["502"]++
		default:
			srv.Fault(discordtest.Fault{Delay: time.Duration(200+r.IntN(1300)) * time.Millisecond, Times: 1 + r.IntN(3)})
			faults["slow"]++
		}
	}
	for time.Now().Before(end) {
		inject(rng)
		time.Sleep(time.Duration(150+rng.IntN(450)) * time.Millisecond)
	}
	lcancel()
	<-loadDone
	srv.ClearFaults()
	rctx, rcancel := context.WithTimeout(ctx, 15*time.Second)
	if err := srv.WaitReady(rctx); err != nil {
		t.Fatalf("not connected after the soak: %v", err)
	}
	rcancel()

	// Every interaction is answered, unless Discord itself refused the
	// answer (it arrived after the deadline because the socket was down).
	answered, excused := 0, 0
	var pending []*discordtest.Interaction
	actx, acancel := context.WithTimeout(ctx, 10*time.Second)
	for _, in := range l.ins {
		if _, err := in.Wait(actx); err == nil {
			resp := in.Response()
			if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				answered++
				continue
			}
			if _, err := in.WaitMessage(actx); err == nil {
				answered++
				continue
			}
		}
		pending = append(pending, in)
	}
	// Refusals are read only now: a handler slowed by the faults may still
	// have been calling Discord when the load stopped, and the wait above
	// gave it time to finish.
	refused := map[string]bool{}
	for _, r := range srv.Requests() {
		if r.Status >= 400 && (strings.HasPrefix(r.Route, "POST /interactions/") || strings.HasPrefix(r.Route, "PATCH /webhooks/") || strings.HasPrefix(r.Route, "POST /webhooks/")) {
			for _, seg := range strings.Split(r.Path, "/") {
				refused[seg] = true
			}
		}
	}
	var unanswered []string
	for _, in := range pending {
		if refused[in.ID] || refused[in.Token] {
			excused++
			continue
		}
		unanswered = append(unanswered, fmt.Sprintf("%s %s (Discord saw: %s)", in.Type, in.ID, requestsFor(srv, in)))
	}
	acancel()
	if len(unanswered) > 0 {
		t.Errorf("%d of %d interactions never answered: %v\n%s", len(unanswered), len(l.ins), unanswered, tail(out.String(), 4000))
	}
	if answered < 20 {
		t.Errorf("only %d interactions answered", answered)
	}

	// The due daily post went out exactly once.
	var posts int
	err := srv.WaitFor(ctx, func() bool { posts = len(l.dailyPosts()); return posts > 0 })
	if err != nil || posts != 1 {
		t.Errorf("daily post due at %s: %d messages, want exactly 1 (%v)", due.Format("15:04"), posts, err)
	}

	// Goroutines and heap return near the baseline.
	g, h := settledStats(t, addr)
	t.Logf("after: %.0f goroutines, %.1f MiB heap in use", g, h/(1<<20))
	if g > baseG+15 {
		t.Errorf("goroutines %.0f after the soak, %.0f before: a leak", g, baseG)
	}
	if h > 2*baseH+16<<20 {
		t.Errorf("heap in use %.1f MiB after the soak, %.1f MiB before", h/(1<<20), baseH/(1<<20))
	}
	_, text := httpGet(t, "http://"+addr+"/metrics")
	if metricSum(text, "prepcord_discord_rate_limited_total") == 0 || metric0(text, "prepcord_gateway_reconnects_total") == 0 {
		t.Errorf("metrics missed the faults: 429s %v, reconnects %v", metricSum(text, "prepcord_discord_rate_limited_total"), metric0(text, "prepcord_gateway_reconnects_total"))
	}
	p.stop(t)
	db, err := sqlOpen(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows int
	if err := db.QueryRow("SELECT COUNT(*) FROM daily_posts WHERE guild_id = ? AND local_date = ? AND status = 'posted'", guildID, due.Format("2006-01-02")).Scan(&rows); err != nil || rows != 1 {
		t.Errorf("daily_posts rows posted for %s: %d (%v)", due.Format("2006-01-02"), rows, err)
	}
	if strings.Contains(out.String(), srv.Token()) {
		t.Error("the token is in the process's output")
	}
	var kinds []string
	total := 0
	for k, n := range faults {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
		total += n
	}
	sort.Strings(kinds)
	t.Logf("faults injected: %d (%s) over %v; interactions: %d answered, %d refused by Discord after its deadline; goroutines %.0f→%.0f (%d CPUs)",
		total, strings.Join(kinds, ", "), time.Since(end.Add(-budget)).Round(time.Second), answered, excused, baseG, g, runtime.NumCPU())
}

// requestsFor lists the requests that named an interaction (its callback,
// its original response, its follow-ups), with their statuses, for a
// failure message.
func requestsFor(srv *discordtest.Server, in *discordtest.Interaction) string {
	var seen []string
	for _, r := range srv.Requests() {
		if strings.Contains(r.Path, in.ID) || strings.Contains(r.Path, in.Token) {
			seen = append(seen, fmt.Sprintf("%s %d at %s", r.Route, r.Status, r.Received.Format("15:04:05.000")))
		}
	}
	if len(seen) == 0 {
		return "no request"
	}
	return strings.Join(seen, "; ")
}

func metric0(text, name string) float64 { v, _ := metric(text, name); return v }
