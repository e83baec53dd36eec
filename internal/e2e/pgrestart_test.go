package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/internal/pgtest"
)

// TestPostgresRestartUnderLoad stops PostgreSQL (a fast shutdown, as
// `pg_ctl stop -m fast`) while `prepcord run` serves a mixed load, and starts
// it again on the same data: prepcord keeps running; /healthz turns 503 with
// database.ok false while the database is down; a member's command gets the
// "try again in a moment" reply; prepcord answers commands and /healthz is
// 200 again within 10 s of the database's return; and every write that was
// acknowledged, before, during or after the outage, is in the database.
func TestPostgresRestartUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary and restarts PostgreSQL; skipped with -short")
	}
	pg := pgtest.StartServer(t)
	dbURL := pg.NewDatabase(t, "prepcord")
	srv, daily, guildID := crashWorld(t, "pg-restart-token")
	addr := freeAddr(t)
	out := &syncBuffer{}
	p := startBot(t, srv, dbURL, out, "HTTP_ADDR="+addr, "LOG_LEVEL=info")
	setupServer(t, srv)
	l := newLoad(srv, daily, 4)
	if len(l.topics) < 2 {
		t.Fatalf("mock topics: %v", l.topics)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { l.run(ctx, uint64(time.Now().UnixNano())); close(done) }()
	defer func() { cancel(); <-done }()

	time.Sleep(3 * time.Second)
	before := l.led.count.Load()
	if err := pg.Stop(); err != nil {
		t.Fatal(err)
	}
	stopped := time.Now()

	// While the database is down: unhealthy, and a clear "try again".
	if !eventually(10*time.Second, func() bool { code, h, _ := health(t, addr); return code == 503 && !h.Database.OK }) {
		code, _, body := health(t, addr)
		t.Errorf("/healthz while PostgreSQL is down: %d %s", code, body)
	}
	var answer string
	eventually(10*time.Second, func() bool {
		_, m, ok := reply(context.Background(), srv, "outage", "general", "/mock topic:"+l.topics[0])
		if ok && bot.IsErrorMessage(m) {
			answer = m.Embeds[0].Description
			return true
		}
		return false
	})
	if answer != bot.UnavailableMessage {
		t.Errorf("a command while PostgreSQL is down was answered %q, want %q", answer, bot.UnavailableMessage)
	}
	time.Sleep(max(0, 3*time.Second-time.Since(stopped)))
	select {
	case <-p.exited:
		t.Fatalf("prepcord exited while PostgreSQL was down: %v\n%s", p.err, tail(out.String(), 3000))
	default:
	}

	if err := pg.Start(); err != nil {
		t.Fatal(err)
	}
	back := time.Now()
	var answered, healthy time.Duration
	recovered := eventually(20*time.Second, func() bool {
		if answered == 0 {
			if _, m, ok := reply(context.Background(), srv, "after", "general", "/mock topic:"+l.topics[0]); success(m, ok) {
				answered = time.Since(back)
			}
		}
		if healthy == 0 {
			if code, _, _ := health(t, addr); code == 200 {
				healthy = time.Since(back)
			}
		}
		return answered > 0 && healthy > 0
	})
	t.Logf("PostgreSQL down for %s; after its return: first successful command %s, /healthz 200 %s",
		back.Sub(stopped).Round(time.Millisecond), answered.Round(time.Millisecond), healthy.Round(time.Millisecond))
	if !recovered || answered > 10*time.Second || healthy > 10*time.Second {
		t.Errorf("prepcord did not recover within 10 s of PostgreSQL's return (command %s, /healthz %s)\n%s",
			answered, healthy, tail(out.String(), 3000))
	}
	time.Sleep(3 * time.Second) // more load on the new connections
	cancel()
	<-done
	p.stop(t)
	if after := l.led.count.Load(); before == 0 || after == before {
		t.Errorf("acknowledged writes: %d before the stop, %d in all: the load did not run on both sides", before, after)
	}
	l.verify(t, dbURL, guildID)
	if strings.Contains(out.String(), srv.Token()) {
		t.Error("the token is in the process's output")
	}
}

// eventually polls cond every 50 ms until it holds (true) or d passes.
func eventually(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}
