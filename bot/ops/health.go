// Package ops serves what an admin needs to run prepcord: /healthz, which a
// supervisor or load balancer polls, and /metrics in Prometheus's format.
//
// It does not import package bot: it takes the small interfaces below, which
// *bot.Bot and *store.Store satisfy, so that it can be tested on its own and
// wired from cmd.
package ops

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Gateway is the running bot's connection state (*bot.Bot implements it).
type Gateway interface {
	// Connected reports whether the gateway websocket is up.
	Connected() bool
	// LastHeartbeatAck is when Discord last acknowledged a heartbeat.
	LastHeartbeatAck() time.Time
	// LastTick is when the scheduler last swept (zero before the first).
	LastTick() time.Time
	// Reconnects counts gateway resumes since start.
	Reconnects() int64
}

// Pinger checks that the database answers (*store.Store implements it).
type Pinger interface {
	Ping(ctx context.Context) error
}

// Health is the /healthz handler. It answers 200 only when the gateway is
// connected and the database answers within Timeout, otherwise 503; the
// JSON body says which part failed either way.
type Health struct {
	Gateway Gateway
	DB      Pinger
	// Now is the clock used for ages in the body (default time.Now).
	Now func() time.Time
	// Timeout bounds the database check (default 2 s).
	Timeout time.Duration
}

// HealthReport is the body of /healthz.
type HealthReport struct {
	Status    string          `json:"status"` // "ok" or "unavailable"
	Gateway   GatewayReport   `json:"gateway"`
	Database  DatabaseReport  `json:"database"`
	Scheduler SchedulerReport `json:"scheduler"`
}

// GatewayReport is the gateway part of /healthz.
type GatewayReport struct {
	Connected bool `json:"connected"`
	// LastHeartbeatAck is RFC 3339, empty before the first ACK.
	LastHeartbeatAck string `json:"last_heartbeat_ack"`
	// HeartbeatAckAgeSeconds is how long ago that was (-1 before the first).
	HeartbeatAckAgeSeconds float64 `json:"heartbeat_ack_age_seconds"`
	Reconnects             int64   `json:"reconnects"`
}

// DatabaseReport is the database part of /healthz.
type DatabaseReport struct {
	OK bool `json:"ok"`
	// Error is why the check failed (empty when OK).
	Error     string  `json:"error,omitempty"`
	LatencyMS float64 `json:"latency_ms"`
}

// SchedulerReport is the scheduler part of /healthz.
type SchedulerReport struct {
	// LastTick is RFC 3339, empty before the first sweep.
	LastTick string `json:"last_tick"`
	// TickAgeSeconds is how long ago that was (-1 before the first).
	TickAgeSeconds float64 `json:"tick_age_seconds"`
}

// Check runs the checks and returns the report.
func (h *Health) Check(ctx context.Context) HealthReport {
	now := time.Now
	if h.Now != nil {
		now = h.Now
	}
	timeout := h.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	var rep HealthReport
	if h.Gateway != nil {
		rep.Gateway.Connected = h.Gateway.Connected()
		rep.Gateway.Reconnects = h.Gateway.Reconnects()
		rep.Gateway.LastHeartbeatAck, rep.Gateway.HeartbeatAckAgeSeconds = stamp(h.Gateway.LastHeartbeatAck(), now())
		rep.Scheduler.LastTick, rep.Scheduler.TickAgeSeconds = stamp(h.Gateway.LastTick(), now())
	} else {
		rep.Gateway.HeartbeatAckAgeSeconds, rep.Scheduler.TickAgeSeconds = -1, -1
	}
	if h.DB == nil {
		rep.Database.Error = "no database"
	} else {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		start := time.Now()
		err := h.DB.Ping(cctx)
		cancel()
		rep.Database.LatencyMS = float64(time.Since(start).Microseconds()) / 1000
		if err != nil {
			rep.Database.Error = err.Error()
		} else {
			rep.Database.OK = true
		}
	}
	rep.Status = "unavailable"
	if rep.Gateway.Connected && rep.Database.OK {
		rep.Status = "ok"
	}
	return rep
}

func stamp(t, now time.Time) (string, float64) {
	if t.IsZero() {
		return "", -1
	}
	return t.UTC().Format(time.RFC3339Nano), now.Sub(t).Seconds()
}

// ServeHTTP answers GET and HEAD with the report: 200 when healthy, 503
// otherwise.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rep := h.Check(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if rep.Status == "ok" {
		w.WriteHeader(http.StatusOK)
	} else {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	if r.Method == http.MethodHead {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(rep)
}
