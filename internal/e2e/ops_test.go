package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/store"
)

// healthBody is the part of /healthz the tests read.
type healthBody struct {
	Status  string `json:"status"`
	Gateway struct {
		Connected        bool   `json:"connected"`
		LastHeartbeatAck string `json:"last_heartbeat_ack"`
		Reconnects       int64  `json:"reconnects"`
	} `json:"gateway"`
	Database struct {
		OK bool `json:"ok"`
	} `json:"database"`
	Scheduler struct {
		LastTick string `json:"last_tick"`
	} `json:"scheduler"`
}

func health(t testing.TB, addr string) (int, healthBody, string) {
	t.Helper()
	code, body := httpGet(t, "http://"+addr+"/healthz")
	var h healthBody
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatalf("/healthz body %q: %v", body, err)
	}
	return code, h, body
}

// TestHealthMetricsAndTokenSecrecy runs `prepcord run` with HTTP_ADDR and
// debug logging: /healthz is 200 with the gateway, database and scheduler
// state while connected, /metrics counts interactions, REST calls, 429s
// and reconnects; when Discord goes away /healthz turns 503. The token is
// in none of: the debug log, /healthz, /metrics, a goroutine dump (SIGQUIT,
// the stack a crash prints).
func TestHealthMetricsAndTokenSecrecy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary; skipped with -short")
	}
	const token = "MTE5ODc2NTQzMjEwOTg3NjU0.Gx-SECRET-token_value"
	srv, _, _ := crashWorld(t, token)
	dbPath := filepath.Join(t.TempDir(), "prepcord.db")
	addr := freeAddr(t)
	out := &syncBuffer{}
	p := startBot(t, srv, dbPath, out, "HTTP_ADDR="+addr, "LOG_LEVEL=debug", "LOG_FORMAT=json")
	ctx := context.Background()

	// Healthy: connected, database answering, scheduler ticking.
	var hb healthBody
	var code int
	var hbody string
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, hb, hbody = health(t, addr)
		if code == 200 && hb.Scheduler.LastTick != "" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code != 200 || hb.Status != "ok" || !hb.Gateway.Connected || !hb.Database.OK || hb.Scheduler.LastTick == "" {
		t.Fatalf("/healthz %d %s", code, hbody)
	}

	// Some traffic: successes, a clear error, a rate limit, a reconnect.
	for _, line := range []string{"/help", "/question company:tiktok", `/question company:"no such company"`, "/daily status"} {
		if _, _, ok := reply(ctx, srv, "owner", "general", line); !ok {
			t.Fatalf("%s: no answer", line)
		}
	}
	if _, err := srv.Autocomplete(ctx, discordtest.Slash{User: "owner", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: "ti"}}}, "company"); err != nil {
		t.Fatal(err)
	}
	srv.Fault(discordtest.Fault{Route: "POST /channels/{id}/messages", Status: 429, RetryAfter: 0.1, Times: 1})
	if _, m, ok := reply(ctx, srv, "owner", "general", "/bank review channel:#reviews"); !success(m, ok) {
		t.Fatalf("/bank review: %v", m)
	}
	in, err := srv.Command(ctx, "alice", "general", "/suggest")
	if err != nil {
		t.Fatal(err)
	}
	if _, m, ok := submitModal(ctx, srv, "alice", in, map[string]string{"title": "Rate limited review post", "company_role": "TikTok",
		"category_difficulty": "Coding / easy", "prompt": "Post through a 429."}); !success(m, ok) {
		t.Fatalf("suggest through a 429: %v", m)
	}
	srv.DropSocket()
	deadline = time.Now().Add(15 * time.Second)
	for {
		_, text := httpGet(t, "http://"+addr+"/metrics")
		if metric0(text, "prepcord_gateway_reconnects_total") >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no reconnect counted after the socket dropped:\n%s", grepLines(text, "prepcord_gateway"))
		}
		time.Sleep(100 * time.Millisecond)
	}
	_, text := httpGet(t, "http://"+addr+"/metrics")
	for name, labels := range map[string][]string{
		"prepcord_interactions_total":                 {`route="help"`, `outcome="ok"`},
		"prepcord_interaction_duration_seconds_count": {`route="question"`},
		"prepcord_discord_requests_total":             {`route="POST /interactions/{id}/{token}/callback"`, `status="204"`},
		"prepcord_discord_rate_limited_total":         {`route="POST /channels/{id}/messages"`},
	} {
		if metricSum(text, name, labels...) < 1 {
			t.Errorf("/metrics: %s%v missing or zero", name, labels)
		}
	}
	// /daily status before any setup is a clear "not found" error.
	if metricSum(text, "prepcord_interactions_total", `route="daily/status"`, `outcome="not_found"`) < 1 {
		t.Errorf("the failed /daily status is not counted by outcome:\n%s", grepLines(text, "prepcord_interactions_total"))
	}
	for _, want := range []string{"prepcord_gateway_connected 1", "prepcord_store_up 1", "prepcord_mock_feedback 0"} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(text, token) || strings.Contains(hbody, token) {
		t.Fatal("the token is in /metrics or /healthz")
	}

	// A goroutine dump, as a crash prints it, holds no token either.
	_ = p.cmd.Process.Signal(syscall.SIGQUIT)
	<-p.exited
	dump := out.String()
	if !strings.Contains(dump, "goroutine ") {
		t.Fatalf("no goroutine dump after SIGQUIT:\n%s", tail(dump, 2000))
	}
	if !strings.Contains(dump, `"level":"DEBUG"`) {
		t.Fatalf("debug logging was not on:\n%s", tail(dump, 2000))
	}
	for _, part := range []string{token, "SECRET-token"} {
		if strings.Contains(dump, part) {
			i := strings.Index(dump, part)
			t.Fatalf("the token is in the process's output: …%s…", dump[max(0, i-300):min(len(dump), i+100)])
		}
	}

	// Discord unreachable: /healthz says so with 503.
	out2 := &syncBuffer{}
	p = startBot(t, srv, dbPath, out2, "HTTP_ADDR="+addr)
	srv.Close()
	deadline = time.Now().Add(15 * time.Second)
	for {
		code, hb, hbody = health(t, addr)
		if code == 503 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code != 503 || hb.Gateway.Connected || !hb.Database.OK || hb.Status != "unavailable" {
		t.Fatalf("Discord gone: /healthz %d %s", code, hbody)
	}
	p.kill()
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestBackupWhileRunningAndRestore takes `prepcord backup` copies while
// the bot serves a write load, then follows the README's restore
// procedure (stop, move the database and its -wal/-shm aside, copy the
// backup in, start): the restored bot runs, the database passes
// integrity_check, and every write acknowledged before the backup began is
// in it.
func TestBackupWhileRunningAndRestore(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary; skipped with -short")
	}
	srv, daily, guildID := crashWorld(t, "backup-test-token")
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "prepcord.db")
	out := &syncBuffer{}
	p := startBot(t, srv, dbPath, out)
	setupServer(t, srv)
	l := newLoad(srv, daily, 3)
	l.noDailyNow = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { l.run(ctx, uint64(time.Now().UnixNano())); close(done) }()
	time.Sleep(1500 * time.Millisecond)

	var backups []string
	var acked map[string]string
	for i := range 3 {
		l.led.mu.Lock()
		if i == 2 {
			acked = map[string]string{}
			for k, v := range l.led.acked {
				if !l.led.unknown[k] && (strings.HasPrefix(k, "suggestion:") || strings.HasPrefix(k, "feedback:")) {
					acked[k] = v
				}
			}
		}
		l.led.mu.Unlock()
		file := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		cmd := exec.Command(prepcordBinary(t), "backup", file)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "DATABASE_PATH=" + dbPath}
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("prepcord backup while the bot writes: %v\n%s", err, b)
		}
		t.Logf("backup %d took %v", i, time.Since(start).Round(time.Millisecond))
		backups = append(backups, file)
		time.Sleep(500 * time.Millisecond)
	}
	// A second backup to the same file is refused, the first kept.
	cmd := exec.Command(prepcordBinary(t), "backup", backups[0])
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "DATABASE_PATH=" + dbPath}
	if b, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(b), "already exists") {
		t.Fatalf("backup over an existing file: %v %s", err, b)
	}
	cancel()
	<-done
	p.stop(t)

	// Restore the last backup.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(dbPath+suffix, dbPath+suffix+".broken"); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(backups[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dbPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	p = startBot(t, srv, dbPath, out)
	if _, m, ok := reply(context.Background(), srv, "owner", "general", "/daily status"); !success(m, ok) {
		t.Fatalf("restored bot: /daily status %v", m)
	}
	p.stop(t)
	st, err := store.Open(context.Background(), dbPath, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Fatalf("restored integrity_check %q %v", res, err)
	}
	db, err := sqlOpen(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for k := range acked {
		kind, arg, _ := strings.Cut(k, ":")
		q := "SELECT COUNT(*) FROM suggestions WHERE title = ?"
		if kind == "feedback" {
			q = "SELECT COUNT(*) FROM mock_feedback WHERE improve = ?"
		}
		var n int
		if err := db.QueryRow(q, arg).Scan(&n); err != nil || n != 1 {
			t.Errorf("acknowledged before the backup but not restored: %s (%d, %v)", k, n, err)
		}
	}
	var cfgs int
	if err := db.QueryRow("SELECT COUNT(*) FROM daily_feeds WHERE guild_id = ?", guildID).Scan(&cfgs); err != nil || cfgs != 1 {
		t.Errorf("daily schedule not restored: %d %v", cfgs, err)
	}
	if len(acked) < 3 {
		t.Errorf("only %d writes acknowledged before the backup: the load did not run", len(acked))
	}
	t.Logf("restored %d acknowledged writes from a backup taken under load", len(acked))
}
