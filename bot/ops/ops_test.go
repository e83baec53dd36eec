package ops

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prepcord/prepcord/store"
)

type fakeGateway struct {
	connected  atomic.Bool
	ack, tick  time.Time
	reconnects int64
}

func (g *fakeGateway) Connected() bool             { return g.connected.Load() }
func (g *fakeGateway) LastHeartbeatAck() time.Time { return g.ack }
func (g *fakeGateway) LastTick() time.Time         { return g.tick }
func (g *fakeGateway) Reconnects() int64           { return g.reconnects }

type pingFunc func(context.Context) error

func (f pingFunc) Ping(ctx context.Context) error { return f(ctx) }

func TestHealth(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	ok := pingFunc(func(context.Context) error { return nil })
	down := pingFunc(func(context.Context) error { return errors.New("database read check: disk I/O error") })
	slow := pingFunc(func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
	tests := []struct {
		name      string
		connected bool
		db        Pinger
		status    int
		dbOK      bool
	}{
		{"healthy", true, ok, 200, true},
		{"gateway down", false, ok, 503, true},
		{"database down", true, down, 503, false},
		{"database hangs", true, slow, 503, false},
		{"no database", true, nil, 503, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGateway{ack: now.Add(-3 * time.Second), tick: now.Add(-40 * time.Second), reconnects: 2}
			g.connected.Store(tt.connected)
			h := &Health{Gateway: g, DB: tt.db, Now: func() time.Time { return now }, Timeout: 50 * time.Millisecond}
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
			if d := time.Since(start); d > time.Second {
				t.Fatalf("/healthz took %v", d)
			}
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			var rep HealthReport
			if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			if rep.Gateway.Connected != tt.connected || rep.Database.OK != tt.dbOK || rep.Gateway.Reconnects != 2 {
				t.Fatalf("report %+v", rep)
			}
			if rep.Gateway.HeartbeatAckAgeSeconds != 3 || rep.Scheduler.TickAgeSeconds != 40 || rep.Scheduler.LastTick != "2026-11-29T11:59:20Z" {
				t.Fatalf("ages %+v", rep)
			}
			if (rep.Status == "ok") != (tt.status == 200) {
				t.Fatalf("status field %q with code %d", rep.Status, rec.Code)
			}
			if !tt.dbOK && rep.Database.Error == "" {
				t.Fatal("a failed database check has no error")
			}
		})
	}
	rec := httptest.NewRecorder()
	(&Health{}).ServeHTTP(rec, httptest.NewRequest("POST", "/healthz", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %d", rec.Code)
	}
	// Before the first heartbeat and tick the ages are -1, not huge numbers.
	rep := (&Health{Gateway: &fakeGateway{}, DB: ok}).Check(context.Background())
	if rep.Gateway.HeartbeatAckAgeSeconds != -1 || rep.Scheduler.TickAgeSeconds != -1 || rep.Gateway.LastHeartbeatAck != "" {
		t.Fatalf("zero times: %+v", rep)
	}
}

func TestRouteOf(t *testing.T) {
	tests := []struct{ path, want string }{
		{"/api/v9/channels/123456789012345678/messages", "/channels/{id}/messages"},
		{"/api/v10/channels/1/messages/2", "/channels/{id}/messages/{id}"},
		{"/proxy/api/v9/gateway/bot", "/gateway/bot"},
		{"/api/v9/interactions/1234/aW50ZXJhY3Rpb246MTIzNDpzZWNyZXQtdG9rZW4/callback", "/interactions/{id}/{token}/callback"},
		{"/api/v9/webhooks/77/very-secret_token.with.dots/messages/@original", "/webhooks/{id}/{token}/messages/@original"},
		{"/api/v9/channels/1/messages/2/reactions/%F0%9F%91%8D/@me", "/channels/{id}/messages/{id}/reactions/{emoji}/@me"},
		{"/api/v9/applications/42/guilds/43/commands", "/applications/{id}/guilds/{id}/commands"},
		{"/api/v9/users/@me", "/users/@me"},
		{"/api/v9/channels/1/messages/" + strings.Repeat("x", 200), "/channels/{id}/messages/{arg}"},
	}
	for _, tt := range tests {
		if got := RouteOf(tt.path); got != tt.want {
			t.Errorf("RouteOf(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// scrape returns the /metrics text.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 {
		t.Fatalf("/metrics: %d %s", rec.Code, rec.Body)
	}
	return rec.Body.String()
}

func wantLines(t *testing.T, text string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(text, l+"\n") {
			t.Errorf("/metrics lacks %q", l)
		}
	}
}

func TestMetricsTransportCountsRoutesStatusesAnd429s(t *testing.T) {
	const secret = "interaction-token-SECRET"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/global"):
			w.Header().Set("X-RateLimit-Global", "true")
			w.Header().Set("X-RateLimit-Scope", "global")
			w.WriteHeader(429)
		case strings.HasSuffix(r.URL.Path, "/limited"):
			w.Header().Set("X-RateLimit-Scope", "user")
			w.WriteHeader(429)
		case strings.HasSuffix(r.URL.Path, "/broken"):
			w.WriteHeader(502)
		default:
			io.WriteString(w, "{}")
		}
	}))
	defer srv.Close()
	m := NewMetrics()
	c := &http.Client{Transport: m.Transport(nil)}
	for _, p := range []string{
		"/api/v9/channels/1/messages", "/api/v9/channels/2/messages", "/api/v9/channels/3/global",
		"/api/v9/channels/3/limited", "/api/v9/channels/4/broken", "/api/v9/interactions/5/" + secret + "/callback",
	} {
		resp, err := c.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// A call that never gets an answer.
	if _, err := c.Get("http://127.0.0.1:1/api/v9/channels/9/messages"); err == nil {
		t.Fatal("expected a connection error")
	}
	text := scrape(t, m)
	wantLines(t, text,
		`prepcord_discord_requests_total{route="GET /channels/{id}/messages",status="200"} 2`,
		`prepcord_discord_requests_total{route="GET /channels/{id}/broken",status="502"} 1`,
		`prepcord_discord_requests_total{route="GET /interactions/{id}/{token}/callback",status="200"} 1`,
		`prepcord_discord_rate_limited_total{route="GET /channels/{id}/global",scope="global"} 1`,
		`prepcord_discord_rate_limited_total{route="GET /channels/{id}/limited",scope="user"} 1`,
		`prepcord_discord_request_errors_total{route="GET /channels/{id}/messages"} 1`,
		`prepcord_discord_request_duration_seconds_count{method="GET"} 7`,
	)
	if strings.Contains(text, secret) {
		t.Fatal("an interaction token reached /metrics")
	}
}

func TestMetricsInteractionsGatewayAndStore(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "p.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m := NewMetrics()
	m.Interaction("question", "ok", 30*time.Millisecond)
	m.Interaction("question", "ok", 3*time.Second)
	m.Interaction("daily/setup", "invalid", time.Millisecond)
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	g := &fakeGateway{ack: now.Add(-5 * time.Second), reconnects: 3}
	g.connected.Store(true)
	m.WatchGateway(g, func() time.Time { return now })
	m.WatchStore(st, nil)
	text := scrape(t, m)
	wantLines(t, text,
		`prepcord_interactions_total{outcome="ok",route="question"} 2`,
		`prepcord_interactions_total{outcome="invalid",route="daily/setup"} 1`,
		`prepcord_interaction_duration_seconds_bucket{route="question",le="0.05"} 1`,
		`prepcord_interaction_duration_seconds_bucket{route="question",le="5"} 2`,
		`prepcord_gateway_connected 1`,
		`prepcord_gateway_reconnects_total 3`,
		`prepcord_gateway_heartbeat_ack_age_seconds 5`,
		`prepcord_scheduler_tick_age_seconds -1`,
		`prepcord_store_up 1`,
		`prepcord_mock_feedback 0`,
	)
	if !strings.Contains(text, "go_goroutines ") || !strings.Contains(text, "process_") {
		t.Error("runtime and process collectors missing")
	}
	// A closed database: the scrape still answers, reporting the store down.
	st.Close()
	wantLines(t, scrape(t, m), `prepcord_store_up 0`)
}
