package discordtest

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// ShardOptions shapes the gateway's sharding, as Discord's: GET
// /gateway/bot's recommendation and session_start_limit, the servers one
// connection may hold, and the pace of identifies.
type ShardOptions struct {
	// Recommended is GET /gateway/bot's "shards". Default 1.
	Recommended int
	// MaxGuilds is how many servers one connection may hold; an identify
	// that would hold more is closed with 4011 "Sharding required", as on
	// Discord. Default 2500.
	MaxGuilds int
	// SessionStarts is session_start_limit.total; "remaining" goes down by
	// one with every identify. An identify with none left is closed with
	// 4004 (Discord resets the token) and recorded as a violation.
	// Default 1000.
	SessionStarts int
	// MaxConcurrency is session_start_limit.max_concurrency: how many
	// buckets (shard_id % max_concurrency) may each identify once per 5
	// seconds. Default 1.
	MaxConcurrency int
	// PaceIdentifies refuses an identify that comes within IdentifyWindow of
	// the previous one of its bucket with op 9 INVALID_SESSION, as Discord
	// does, and records it. Off by default: tests that drop and invalidate
	// sessions at will would trip it.
	PaceIdentifies bool
	// IdentifyWindow is the bucket's window. Default 5s, as Discord.
	IdentifyWindow time.Duration
}

// Identify is one IDENTIFY the gateway received.
type Identify struct {
	Shard   int // shard_id (0 without "shard")
	Count   int // num_shards (1 without "shard")
	At      time.Time
	Refused bool // refused for coming too fast (op 9)
}

func (o *ShardOptions) defaults() {
	if o.Recommended < 1 {
		o.Recommended = 1
	}
	if o.MaxGuilds < 1 {
		o.MaxGuilds = 2500
	}
	if o.SessionStarts < 1 {
		o.SessionStarts = 1000
	}
	if o.MaxConcurrency < 1 {
		o.MaxConcurrency = 1
	}
	if o.IdentifyWindow <= 0 {
		o.IdentifyWindow = 5 * time.Second
	}
}

// Identifies returns every IDENTIFY received, in order.
func (s *Server) Identifies() []Identify {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return append([]Identify(nil), s.gw.identifies...)
}

// WaitShards blocks until a live session is connected for each shard of
// count (count 1: an unsharded session).
func (s *Server) WaitShards(ctx context.Context, count int) error {
	return s.waitUntil(ctx, func() (bool, <-chan struct{}) {
		s.gw.mu.Lock()
		defer s.gw.mu.Unlock()
		seen := map[int]bool{}
		for _, sess := range s.gw.sessions {
			if !sess.invalid && sess.conn != nil && sess.shard[1] == count {
				seen[sess.shard[0]] = true
			}
		}
		return len(seen) == count, s.gw.changed
	})
}

func (s *Server) getGateway(c *call) {
	out := map[string]any{"url": s.GatewayURL()}
	if c.route == "GET /gateway/bot" {
		o := s.opts.Shards
		s.gw.mu.Lock()
		remaining := o.SessionStarts - s.gw.starts
		s.gw.mu.Unlock()
		out["shards"] = o.Recommended
		out["session_start_limit"] = map[string]any{"total": o.SessionStarts, "remaining": max(remaining, 0),
			"reset_after": 14400000, "max_concurrency": o.MaxConcurrency}
	}
	c.json(http.StatusOK, out)
}

// admitIdentify applies Discord's limits to an identify for shard of count
// holding guilds servers: 4011 past MaxGuilds, 4004 with no session start
// left, op 9 within the bucket's window when pacing. It reports whether
// the identify goes ahead; when not, it has answered the connection (and
// closed it, unless the answer was op 9).
func (s *Server) admitIdentify(c *gwConn, sh [2]int, guilds int) (ok, closed bool) {
	o := s.opts.Shards
	now := time.Now()
	if guilds > o.MaxGuilds {
		c.closeWith(4011, "Sharding required.")
		return false, true
	}
	s.gw.mu.Lock()
	rec := Identify{Shard: sh[0], Count: sh[1], At: now}
	bucket := sh[0] % o.MaxConcurrency
	if last, seen := s.gw.lastIdentify[bucket]; o.PaceIdentifies && seen && now.Sub(last) < o.IdentifyWindow {
		rec.Refused = true
		s.gw.identifies = append(s.gw.identifies, rec)
		s.gw.mu.Unlock()
		s.log.Info("gateway identify refused: too fast for its max_concurrency bucket", "shard", sh[0], "bucket", bucket)
		_ = c.write(op(opInvalidSession, false))
		// A client that identifies again at once would spin: Discord's
		// advice is to wait 1 to 5 seconds.
		time.Sleep(time.Second)
		return false, false
	}
	if s.gw.starts >= o.SessionStarts {
		s.gw.mu.Unlock()
		s.mu.Lock()
		s.violate("session-start-limit", "IDENTIFY", "/gateway", "identified with no session start left; Discord resets the token")
		s.mu.Unlock()
		c.closeWith(4004, "Authentication failed.")
		return false, true
	}
	s.gw.starts++
	s.gw.lastIdentify[bucket] = now
	s.gw.identifies = append(s.gw.identifies, rec)
	s.gw.mu.Unlock()
	return true, false
}

// eventGuild is the server an event belongs to ("" for direct messages and
// events of no server): its guild_id, or a GUILD_* event's own id.
func eventGuild(typ string, payload any) string {
	raw, err := json.Marshal(payload)
	if err != nil {
		return ""
	}
	var v map[string]json.RawMessage
	if json.Unmarshal(raw, &v) != nil {
		return ""
	}
	str := func(k string) string {
		var x string
		_ = json.Unmarshal(v[k], &x)
		return x
	}
	if g := str("guild_id"); g != "" || !strings.HasPrefix(typ, "GUILD_") {
		return g
	}
	return str("id")
}
