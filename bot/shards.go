package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/prepcord/prepcord/internal/shard"
)

// identifyInterval is how often one max_concurrency bucket may identify.
const identifyInterval = 5 * time.Second

// holdLimit bounds how long one connection may keep its bucket while its
// handshake is under way (a connection that never gets READY gives it back).
const holdLimit = 20 * time.Second

// ErrShardingRequired means Discord closed the gateway with 4011: a
// connection would hold more servers than Discord allows (2,500).
var ErrShardingRequired = errors.New("Discord requires more gateway shards: a connection would hold more than the servers Discord allows per shard (2,500); set SHARD_COUNT=auto, or a higher SHARD_COUNT on every process")

// Shards returns the shards this process runs (known once Open resolved
// SHARD_COUNT=auto; before, the configured ones).
func (b *Bot) Shards() shard.Set {
	if s := b.shards.Load(); s != nil {
		return *s
	}
	return shard.Set{}
}

// OwnsGuild reports whether a server (guildID "" for direct messages) is
// on one of this process's shards: its background work belongs here.
func (b *Bot) OwnsGuild(guildID string) bool { return b.Shards().Owns(guildID) }

// resolveShards works out the shards this process runs. A sharded bot asks
// Discord (GET /gateway/bot) for its recommendation (SHARD_COUNT=auto) and
// for the session starts left, and refuses to start when they would not
// cover its shards. It returns the identify concurrency.
func (b *Bot) resolveShards(ctx context.Context) (shard.Set, int, error) {
	count, ids := max(b.cfg.ShardCount, 1), b.cfg.ShardIDs
	if !b.cfg.ShardAuto && count == 1 {
		set, err := shard.Check(ids, 1)
		if err != nil {
			return shard.Set{}, 0, fmt.Errorf("SHARD_IDS: %v", err)
		}
		return set, 1, nil
	}
	gb, err := b.Session.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		return shard.Set{}, 0, classifyOpenError(fmt.Errorf("asking Discord for the gateway (GET /gateway/bot): %w", err))
	}
	if b.cfg.ShardAuto {
		count = max(gb.Shards, 1)
	}
	set, err := shard.Check(ids, count)
	if err != nil {
		return shard.Set{}, 0, fmt.Errorf("SHARD_IDS: %v", err)
	}
	lim := gb.SessionStartLimit
	if lim.Total > 0 && lim.Remaining < len(set.IDs) {
		return shard.Set{}, 0, fmt.Errorf("Discord allows %d more gateway session starts until its limit resets in %s; this process needs %d (one per shard: %s)",
			lim.Remaining, (time.Duration(lim.ResetAfter) * time.Millisecond).Round(time.Second), len(set.IDs), set)
	}
	return set, max(lim.MaxConcurrency, 1), nil
}

// openShards builds a session per shard (the first is b.Session, which
// the features use for REST; the others share its HTTP client and rate
// limiter, so the process has one REST budget) and opens them, each
// identifying when its max_concurrency bucket allows.
func (b *Bot) openShards(ctx context.Context, set shard.Set, maxConcurrency int) error {
	gate := &identifyGate{maxConcurrency: maxConcurrency, buckets: map[int]*gateBucket{}, log: b.Log}
	if set.Count > 1 {
		// The processes of a sharded deployment take turns too.
		gate.leases = b.Store
	}
	gateCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	b.stopGate = stop
	b.Session.ShardID, b.Session.ShardCount = set.IDs[0], set.Count
	sessions := []*discordgo.Session{b.Session}
	for _, id := range set.IDs[1:] {
		s, err := discordgo.New(b.Session.Token)
		if err != nil {
			return errors.New("creating a gateway session failed")
		}
		s.Client, s.Ratelimiter = b.Session.Client, b.Session.Ratelimiter
		// One state for the process, so that the features, which use
		// b.Session, know the servers of every shard (their names in DMs).
		s.State = b.Session.State
		s.Identify = b.Session.Identify
		s.ShardID, s.ShardCount = id, set.Count
		for _, h := range b.handlers {
			s.AddHandler(h)
		}
		sessions = append(sessions, s)
	}
	for _, s := range sessions {
		s.Dialer = gate.dialer(gateCtx, s, func() bool { return !b.hasReadied(s) })
		s.AddHandler(func(s *discordgo.Session, _ *discordgo.Connect) { gate.release(s) })
		// An identify the connection sent by itself is done at its READY.
		s.AddHandler(func(s *discordgo.Session, _ *discordgo.Ready) { gate.release(s) })
	}
	b.sessMu.Lock()
	b.sessions = sessions
	b.sessMu.Unlock()

	// The buckets start side by side; within one, the shards start in
	// order, as Discord asks.
	byBucket := map[int][]*discordgo.Session{}
	for _, s := range sessions {
		k := shard.Bucket(s.ShardID, maxConcurrency)
		byBucket[k] = append(byBucket[k], s)
	}
	errc := make(chan error, len(sessions))
	for _, list := range byBucket {
		go func() {
			for _, s := range list {
				err := s.Open()
				if err != nil {
					err = fmt.Errorf("shard %d: %w", s.ShardID, classifyOpenError(err))
				}
				errc <- err
			}
		}()
	}
	var errList []error
	for range sessions {
		if err := <-errc; err != nil {
			errList = append(errList, err)
		}
	}
	if len(errList) > 0 {
		b.closeSessions()
		// The first error says it; the others are usually the same.
		return errList[0]
	}
	return nil
}

// sessionList returns the open sessions, b.Session first.
func (b *Bot) sessionList() []*discordgo.Session {
	b.sessMu.Lock()
	defer b.sessMu.Unlock()
	if len(b.sessions) == 0 {
		return []*discordgo.Session{b.Session}
	}
	return append([]*discordgo.Session(nil), b.sessions...)
}

// closeSessions closes every shard's session.
func (b *Bot) closeSessions() error {
	if b.stopGate != nil {
		b.stopGate()
	}
	var errList []error
	for _, s := range b.sessionList() {
		// Closed stays closed: discordgo's heartbeat, failing on the
		// socket just shut, would otherwise reconnect it.
		s.Lock()
		s.ShouldReconnectOnError = false
		s.Unlock()
		errList = append(errList, s.Close())
	}
	return errors.Join(errList...)
}

// Close disconnects every shard's gateway session for good; Run does it
// at shutdown.
func (b *Bot) Close() error { return b.closeSessions() }

// hasReadied reports whether a session has had its READY.
func (b *Bot) hasReadied(s *discordgo.Session) bool {
	b.sessMu.Lock()
	defer b.sessMu.Unlock()
	return b.readied[s]
}

// markSession records a session's READY or loss; the bot is connected
// while every one of its sessions is, and ready once each sent READY.
func (b *Bot) markSession(s *discordgo.Session, up, ready bool) {
	b.sessMu.Lock()
	defer b.sessMu.Unlock()
	if b.up == nil {
		b.up, b.readied = map[*discordgo.Session]bool{}, map[*discordgo.Session]bool{}
	}
	b.up[s] = up
	if ready {
		b.readied[s] = true
	}
	n := max(len(b.sessions), 1)
	all := 0
	for _, v := range b.up {
		if v {
			all++
		}
	}
	b.connected.Store(all >= n)
	if len(b.readied) >= n {
		b.once.Do(func() { close(b.ready) })
	}
}

// identifyGate lets each max_concurrency bucket start one gateway
// connection at a time, and the next one 5 seconds after the previous
// one's READY: identifies then never come faster than Discord allows.
// With leases (a sharded deployment's database), the processes sharing
// the database take the same turns: a bucket is Discord's, not a process's.
type identifyGate struct {
	maxConcurrency int
	leases         leases // nil: this process alone
	log            *slog.Logger
	mu             sync.Mutex
	buckets        map[int]*gateBucket
	warned         bool
}

// leases are the store's turns shared by processes.
type leases interface {
	ClaimLease(ctx context.Context, key string, now, until time.Time) (bool, error)
	SetLease(ctx context.Context, key string, until time.Time) error
}

func leaseName(bucket int) string { return "identify:" + strconv.Itoa(bucket) }

// claim takes the bucket's lease in the database, when there is one; a
// database error lets the identify go ahead on this process's pace alone.
// Callers hold g.mu.
func (g *identifyGate) claim(ctx context.Context, bucket int) bool {
	if g.leases == nil {
		return true
	}
	now := time.Now()
	ok, err := g.leases.ClaimLease(ctx, leaseName(bucket), now, now.Add(holdLimit))
	if err != nil {
		if !g.warned {
			g.log.Warn("identify: could not take turns with the other processes through the database; going on this process's pace", "err", err)
			g.warned = true
		}
		return true
	}
	return ok
}

type gateBucket struct {
	holder *discordgo.Session // the connection in its handshake, or nil
	next   time.Time          // when the next may start
	freed  chan struct{}      // closed when the holder lets go
	timer  *time.Timer
}

// dialer is a session's websocket dialer: while identify says the
// connection will identify (the session has had no READY yet), it waits for
// the session's bucket before opening it. Later connections resume, which
// Discord does not limit, and go at once. An IDENTIFY that discordgo sends
// by itself on an open connection (after a non-resumable INVALID_SESSION,
// or on a reconnect with no session to resume) waits for the bucket in the
// connection's Write (identifyConn).
func (g *identifyGate) dialer(ctx context.Context, s *discordgo.Session, identify func() bool) *websocket.Dialer {
	nd := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	return &websocket.Dialer{
		Proxy: http.ProxyFromEnvironment,
		// The handshake's own deadline is set once the bucket's turn
		// came: waiting for it is not a slow handshake.
		NetDialContext: func(dctx context.Context, network, addr string) (net.Conn, error) {
			gated := identify()
			if gated {
				if err := g.acquire(ctx, s); err != nil {
					return nil, err
				}
				dctx = ctx
			}
			c, err := nd.DialContext(dctx, network, addr)
			if err != nil {
				if gated {
					g.release(s)
				}
				return nil, err
			}
			_ = c.SetDeadline(time.Now().Add(15 * time.Second))
			return &identifyConn{Conn: c, gate: g, ctx: ctx, s: s, held: gated}, nil
		},
	}
}

// acquire waits until s's bucket is free and its 5 seconds have passed.
func (g *identifyGate) acquire(ctx context.Context, s *discordgo.Session) error {
	key := shard.Bucket(s.ShardID, g.maxConcurrency)
	for {
		g.mu.Lock()
		bk := g.buckets[key]
		if bk == nil {
			bk = &gateBucket{freed: make(chan struct{})}
			g.buckets[key] = bk
		}
		var wait <-chan time.Time
		if bk.holder == nil {
			d := time.Until(bk.next)
			if d <= 0 && g.claim(ctx, key) {
				bk.holder = s
				bk.timer = time.AfterFunc(holdLimit, func() { g.release(s) })
				g.mu.Unlock()
				return nil
			}
			// Another process has the turn: look again shortly.
			wait = time.After(max(d, 250*time.Millisecond))
		}
		freed := bk.freed
		g.mu.Unlock()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-freed:
		case <-wait:
		}
	}
}

// release gives s's bucket back, when s holds it; the bucket's next
// connection may start 5 seconds later.
func (g *identifyGate) release(s *discordgo.Session) {
	key := shard.Bucket(s.ShardID, g.maxConcurrency)
	g.mu.Lock()
	defer g.mu.Unlock()
	bk := g.buckets[key]
	if bk == nil || bk.holder != s {
		return
	}
	bk.holder = nil
	bk.timer.Stop()
	bk.next = time.Now().Add(identifyInterval)
	if g.leases != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := g.leases.SetLease(ctx, leaseName(key), bk.next); err != nil {
			g.log.Warn("identify: could not hand the turn to the other processes", "err", err)
		}
	}
	close(bk.freed)
	bk.freed = make(chan struct{})
}

// identifyConn is a gateway connection whose IDENTIFY frames wait for the
// session's max_concurrency bucket, except the first one of a connection the
// dialer already waited for (held). discordgo sends IDENTIFY on the open
// connection, without a hook, when Discord answers INVALID_SESSION (op 9)
// that cannot be resumed, and on a reconnect whose session is gone; the
// frame is recognised here, the turn taken (across processes through the
// lease), and released on the session's next READY. gorilla/websocket
// serialises writes, so held needs no lock.
type identifyConn struct {
	net.Conn
	gate *identifyGate
	ctx  context.Context
	s    *discordgo.Session
	held bool
}

func (c *identifyConn) Write(p []byte) (int, error) {
	if isIdentifyFrame(p) {
		if c.held {
			c.held = false
		} else {
			// A session that holds its turn and identifies again (refused
			// or invalidated before READY) starts the 5 s over.
			c.gate.release(c.s)
			if err := c.gate.acquire(c.ctx, c.s); err != nil {
				return 0, err
			}
		}
	}
	return c.Conn.Write(p)
}

// identifyPrefix is how discordgo's IDENTIFY payload begins.
var identifyPrefix = []byte(`{"op":2,`)

// isIdentifyFrame reports whether p is a client's websocket text frame
// (masked, as every client frame is) carrying an IDENTIFY. gorilla writes a
// frame as small as an IDENTIFY in one Write.
func isIdentifyFrame(p []byte) bool {
	if len(p) < 2 || p[0]&0x0f != 1 || p[1]&0x80 == 0 {
		return false
	}
	i := 2
	switch p[1] & 0x7f {
	case 126:
		i += 2
	case 127:
		i += 8
	}
	if len(p) < i+4+len(identifyPrefix) {
		return false
	}
	key := p[i : i+4]
	for j, b := range identifyPrefix {
		if p[i+4+j]^key[j%4] != b {
			return false
		}
	}
	return true
}
