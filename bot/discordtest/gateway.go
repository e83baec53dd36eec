package discordtest

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// Gateway opcodes.
const (
	opDispatch       = 0
	opHeartbeat      = 1
	opIdentify       = 2
	opPresence       = 3
	opVoiceState     = 4
	opResume         = 6
	opReconnect      = 7
	opRequestMembers = 8
	opInvalidSession = 9
	opHello          = 10
	opHeartbeatACK   = 11
)

// maxReplay bounds the events a session keeps for RESUME.
const maxReplay = 4096

// gateway holds the gateway sessions. Its mutex is independent of Server.mu; code holding
// gateway.mu never takes Server.mu, so dispatch may be called with or without Server.mu...
// except dispatchFunc, whose builder takes Server.mu, so it must be called without it.
type gateway struct {
	mu       sync.Mutex
	sessions map[string]*gwSession
	latest   *gwSession // most recently identified session
	conns    map[*gwConn]bool
	changed  chan struct{}

	// sharding
	byShard      map[[2]int]*gwSession // most recently identified session of each shard
	starts       int                   // identifies counted against session_start_limit
	lastIdentify map[int]time.Time     // by max_concurrency bucket
	identifies   []Identify
}

type gwSession struct {
	id      string
	intents discordgo.Intent
	shard   [2]int // [shard_id, num_shards]; [0, 1] unsharded
	seq     int64
	log     []gwEvent
	conn    *gwConn // nil while disconnected
	invalid bool
	// acked is the last sequence number the client said it received (in a
	// heartbeat or RESUME); pinged is the connection and sequence number
	// WaitDelivered last asked it about.
	acked  int64
	pinged struct {
		conn *gwConn
		seq  int64
	}
}

type gwEvent struct {
	seq int64
	raw []byte
}

type gwConn struct {
	ws      *websocket.Conn
	writeMu sync.Mutex
	sess    *gwSession // set after IDENTIFY or RESUME; guarded by gateway.mu
}

type gwPayload struct {
	Op int             `json:"op"`
	D  json.RawMessage `json:"d"`
	S  *int64          `json:"s"`
	T  *string         `json:"t"`
}

func (g *gateway) init() {
	g.sessions = map[string]*gwSession{}
	g.conns = map[*gwConn]bool{}
	g.changed = make(chan struct{})
	g.byShard = map[[2]int]*gwSession{}
	g.lastIdentify = map[int]time.Time{}
}

// notify wakes WaitReady callers. Callers hold g.mu.
func (g *gateway) notify() {
	close(g.changed)
	g.changed = make(chan struct{})
}

func (c *gwConn) write(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.writeRaw(b)
}

func (c *gwConn) writeRaw(b []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, b)
}

func (c *gwConn) closeWith(code int, text string) {
	c.writeMu.Lock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.writeMu.Unlock()
	_ = c.ws.Close()
}

func op(code int, d any) map[string]any {
	return map[string]any{"op": code, "d": d, "s": nil, "t": nil}
}

// handleGateway upgrades the connection and runs the gateway protocol on it.
func (s *Server) handleGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if v := q.Get("v"); v != "" && v != "9" && v != "10" {
		http.Error(w, "unsupported gateway version", http.StatusBadRequest)
		return
	}
	if e := q.Get("encoding"); e != "" && e != "json" {
		http.Error(w, "only json encoding is supported", http.StatusBadRequest)
		return
	}
	ws, err := s.upgrade.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	s.gw.mu.Lock()
	s.gw.conns[c] = true
	s.gw.mu.Unlock()
	defer s.detach(c)

	if err := c.write(op(opHello, map[string]any{"heartbeat_interval": s.opts.HeartbeatInterval.Milliseconds()})); err != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p gwPayload
		if err := json.Unmarshal(msg, &p); err != nil {
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		s.gw.mu.Lock()
		sess := c.sess
		s.gw.mu.Unlock()
		switch p.Op {
		case opHeartbeat:
			if sess != nil {
				var seq int64
				if json.Unmarshal(p.D, &seq) == nil {
					s.gw.mu.Lock()
					sess.acked = max(sess.acked, seq)
					s.gw.notify()
					s.gw.mu.Unlock()
				}
			}
			_ = c.write(op(opHeartbeatACK, nil))
		case opIdentify:
			if sess != nil {
				c.closeWith(4005, "Already authenticated.")
				return
			}
			if !s.identify(c, p.D) {
				return
			}
		case opResume:
			if sess != nil {
				c.closeWith(4005, "Already authenticated.")
				return
			}
			if !s.resume(c, p.D) {
				return
			}
		case opPresence, opVoiceState:
			if sess == nil {
				c.closeWith(4003, "Not authenticated.")
				return
			}
		case opRequestMembers:
			if sess == nil {
				c.closeWith(4003, "Not authenticated.")
				return
			}
			s.requestMembers(sess, p.D)
		default:
			c.closeWith(4001, "Unknown opcode.")
			return
		}
	}
}

// detach forgets a connection; its session stays resumable.
func (s *Server) detach(c *gwConn) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	delete(s.gw.conns, c)
	if c.sess != nil && c.sess.conn == c {
		c.sess.conn = nil
		s.gw.notify()
	}
	_ = c.ws.Close()
}

func validToken(got, want string) bool {
	return strings.TrimPrefix(strings.TrimSpace(got), "Bot ") == want
}

type identifyData struct {
	Token   string            `json:"token"`
	Intents *discordgo.Intent `json:"intents"`
	Shard   *[2]int           `json:"shard"`
}

func (s *Server) identify(c *gwConn, raw json.RawMessage) bool {
	var d identifyData
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return false
	}
	if !validToken(d.Token, s.opts.Token) {
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	if d.Intents == nil {
		c.closeWith(4013, "Invalid intent(s).")
		return false
	}
	if d.Shard != nil && (d.Shard[1] < 1 || d.Shard[0] < 0 || d.Shard[0] >= d.Shard[1]) {
		c.closeWith(4010, "Invalid shard.")
		return false
	}
	sh := [2]int{0, 1}
	if d.Shard != nil {
		sh = *d.Shard
	}
	sess := &gwSession{id: randomHex(16), intents: *d.Intents, shard: sh}

	s.mu.Lock()
	guilds := []map[string]any{}
	for _, id := range s.w.order {
		if onShard(id, sh[0], sh[1]) {
			guilds = append(guilds, map[string]any{"id": id, "unavailable": true})
		}
	}
	s.mu.Unlock()
	if ok, closed := s.admitIdentify(c, sh, len(guilds)); !ok {
		return !closed
	}
	s.mu.Lock()
	ready := map[string]any{
		"v":                       9,
		"user":                    s.userJSON(s.w.bot),
		"guilds":                  guilds,
		"session_id":              sess.id,
		"session_type":            "normal",
		"resume_gateway_url":      s.GatewayURL(),
		"application":             map[string]any{"id": s.opts.ApplicationID, "flags": 0},
		"private_channels":        []any{},
		"relationships":           []any{},
		"presences":               []any{},
		"guild_join_requests":     []any{},
		"geo_ordered_rtc_regions": []string{"rotterdam"},
		"user_settings":           map[string]any{},
		"_trace":                  []string{"[\"discordtest\"]"},
	}
	if d.Shard != nil {
		ready["shard"] = d.Shard
	}
	var creates []any
	for _, id := range s.w.order {
		if onShard(id, sh[0], sh[1]) {
			creates = append(creates, s.guildCreatePayload(s.w.guilds[id], sess.intents))
		}
	}
	s.mu.Unlock()

	s.gw.mu.Lock()
	// A new session replaces a disconnected previous one of the same shard.
	// (Two live sessions of one shard both get its events, as on Discord,
	// where a rolling restart runs them side by side.)
	if old := s.gw.byShard[sh]; old != nil && old.conn == nil {
		old.invalid = true
		delete(s.gw.sessions, old.id)
	}
	s.gw.sessions[sess.id] = sess
	s.gw.latest = sess
	s.gw.byShard[sh] = sess
	sess.conn = c
	c.sess = sess
	ok := s.gw.send(sess, "READY", ready)
	if ok && sess.intents&discordgo.IntentsGuilds != 0 {
		for _, g := range creates {
			s.gw.send(sess, "GUILD_CREATE", g)
		}
	}
	s.gw.notify()
	s.gw.mu.Unlock()
	s.log.Info("gateway identify", "session", sess.id, "intents", int64(sess.intents))
	return ok
}

// onShard reports whether a guild belongs to a shard: (guild_id >> 22) % shard_count.
// Direct messages (guildID "") belong to shard 0.
func onShard(guildID string, shard, count int) bool {
	if count <= 1 || guildID == "" {
		return shard == 0
	}
	var id uint64
	for _, r := range guildID {
		id = id*10 + uint64(r-'0')
	}
	return int((id>>22)%uint64(count)) == shard
}

type resumeData struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

func (s *Server) resume(c *gwConn, raw json.RawMessage) bool {
	var d resumeData
	if err := json.Unmarshal(raw, &d); err != nil {
		c.closeWith(4002, "Error while decoding payload.")
		return false
	}
	if !validToken(d.Token, s.opts.Token) {
		c.closeWith(4004, "Authentication failed.")
		return false
	}
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	sess, ok := s.gw.sessions[d.SessionID]
	if !ok || sess.invalid {
		// Not resumable: the client must identify again on this connection.
		return c.write(op(opInvalidSession, false)) == nil
	}
	if old := sess.conn; old != nil && old != c {
		old.sess = nil
		_ = old.ws.Close()
	}
	sess.conn = c
	c.sess = sess
	sess.acked = max(sess.acked, d.Seq)
	for _, e := range sess.log {
		if e.seq > d.Seq {
			if err := c.writeRaw(e.raw); err != nil {
				return false
			}
		}
	}
	s.gw.send(sess, "RESUMED", map[string]any{"_trace": []string{"[\"discordtest\"]"}})
	s.gw.notify()
	s.log.Info("gateway resume", "session", sess.id, "from_seq", d.Seq, "seq", sess.seq)
	return true
}

// send assigns the next sequence number, logs the event for RESUME and writes it when the
// session is connected. Callers hold g.mu. It reports whether the write succeeded.
func (g *gateway) send(sess *gwSession, typ string, data any) bool {
	sess.seq++
	raw, err := json.Marshal(map[string]any{"op": opDispatch, "d": data, "s": sess.seq, "t": typ})
	if err != nil {
		return false
	}
	sess.log = append(sess.log, gwEvent{seq: sess.seq, raw: raw})
	if len(sess.log) > maxReplay {
		sess.log = sess.log[len(sess.log)-maxReplay:]
	}
	if sess.conn == nil {
		return false
	}
	if err := sess.conn.writeRaw(raw); err != nil {
		_ = sess.conn.ws.Close()
		return false
	}
	return true
}

// dispatch sends an event to every live session whose intents include need (0: always).
// Events for a disconnected session are kept and replayed on RESUME.
func (g *gateway) dispatch(s *Server, typ string, need discordgo.Intent, data any) {
	g.dispatchFunc(s, typ, need, func(*gwSession) any { return data })
}

// dispatchFunc is dispatch with a payload built per session (intents shape some payloads).
// It must be called without Server.mu held when build takes it.
func (g *gateway) dispatchFunc(s *Server, typ string, need discordgo.Intent, build func(*gwSession) any) {
	g.mu.Lock()
	var targets []*gwSession
	for _, sess := range g.sessions {
		if !sess.invalid && (need == 0 || sess.intents&need != 0) {
			targets = append(targets, sess)
		}
	}
	g.mu.Unlock()
	payloads := make([]any, len(targets))
	for i, sess := range targets {
		payloads[i] = build(sess)
	}
	// Each server's events go to the connections of its shard; direct
	// messages to shard 0's.
	guild := ""
	if len(payloads) > 0 {
		guild = eventGuild(typ, payloads[0])
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, sess := range targets {
		if !sess.invalid && onShard(guild, sess.shard[0], sess.shard[1]) {
			g.send(sess, typ, payloads[i])
		}
	}
}

func (g *gateway) closeAll() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for c := range g.conns {
		_ = c.ws.Close()
	}
}

// WaitReady blocks until a bot session is identified and connected.
func (s *Server) WaitReady(ctx context.Context) error {
	return s.waitUntil(ctx, func() (bool, <-chan struct{}) {
		s.gw.mu.Lock()
		defer s.gw.mu.Unlock()
		return s.gw.latest != nil && !s.gw.latest.invalid && s.gw.latest.conn != nil, s.gw.changed
	})
}

// WaitDelivered blocks until the client has read every event sent so far:
// every session is connected and has acknowledged its last event's
// sequence number. It asks for the acknowledgement with a heartbeat
// request (op 1), which a client answers after reading what came before
// it. A test calls it before a fault that discards a session's events, as a
// non-resumable INVALID_SESSION does on Discord, so that only the fault is
// tested, not the events it would throw away unread.
func (s *Server) WaitDelivered(ctx context.Context) error {
	return s.waitUntil(ctx, func() (bool, <-chan struct{}) {
		s.gw.mu.Lock()
		defer s.gw.mu.Unlock()
		done := true
		for _, sess := range s.gw.sessions {
			if sess.invalid || sess.acked >= sess.seq {
				continue
			}
			done = false
			// Ask once per connection and sequence number: the answer (or
			// a new connection) changes the gateway and brings us back.
			if c := sess.conn; c != nil && (sess.pinged.conn != c || sess.pinged.seq < sess.seq) {
				sess.pinged.conn, sess.pinged.seq = c, sess.seq
				_ = c.write(op(opHeartbeat, nil))
			}
		}
		return done, s.gw.changed
	})
}

// waitSession blocks until some session exists (connected or resumable).
func (s *Server) waitSession(ctx context.Context) error {
	return s.waitUntil(ctx, func() (bool, <-chan struct{}) {
		s.gw.mu.Lock()
		defer s.gw.mu.Unlock()
		for _, sess := range s.gw.sessions {
			if !sess.invalid {
				return true, s.gw.changed
			}
		}
		return false, s.gw.changed
	})
}

// Connected reports whether a bot session currently has a live socket.
func (s *Server) Connected() bool {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	return s.gw.latest != nil && s.gw.latest.conn != nil
}

// DropSocket closes every gateway TCP connection without a close frame, as a network
// failure would. Sessions stay resumable; events dispatched meanwhile are replayed on RESUME.
func (s *Server) DropSocket() {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		_ = c.ws.NetConn().Close()
		if c.sess != nil && c.sess.conn == c {
			c.sess.conn = nil
		}
	}
	s.gw.notify()
}

// SendReconnect sends op 7 RECONNECT on every connection; the client should resume.
func (s *Server) SendReconnect() {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		_ = c.write(op(opReconnect, nil))
	}
}

// SendInvalidSession sends op 9 INVALID_SESSION. When not resumable the sessions are
// discarded (with their buffered events) and the client must identify again.
func (s *Server) SendInvalidSession(resumable bool) {
	s.gw.mu.Lock()
	defer s.gw.mu.Unlock()
	for c := range s.gw.conns {
		if !resumable && c.sess != nil {
			c.sess.invalid = true
			delete(s.gw.sessions, c.sess.id)
			c.sess = nil
		}
		_ = c.write(op(opInvalidSession, resumable))
	}
	s.gw.notify()
}

type requestMembersData struct {
	GuildID json.RawMessage `json:"guild_id"`
	Query   *string         `json:"query"`
	Limit   int             `json:"limit"`
	UserIDs []string        `json:"user_ids"`
	Nonce   string          `json:"nonce"`
}

// requestMembers answers op 8 with one GUILD_MEMBERS_CHUNK per guild.
func (s *Server) requestMembers(sess *gwSession, raw json.RawMessage) {
	var d requestMembersData
	if json.Unmarshal(raw, &d) != nil {
		return
	}
	var ids []string
	if json.Unmarshal(d.GuildID, &ids) != nil {
		var one string
		if json.Unmarshal(d.GuildID, &one) != nil {
			return
		}
		ids = []string{one}
	}
	go func() {
		for _, gid := range ids {
			s.mu.Lock()
			g, ok := s.w.guilds[gid]
			if !ok {
				s.mu.Unlock()
				continue
			}
			var members []any
			for _, uid := range g.morder {
				m := g.members[uid]
				if d.Query != nil && !strings.HasPrefix(strings.ToLower(m.User.Username), strings.ToLower(*d.Query)) {
					continue
				}
				if len(d.UserIDs) > 0 && !containsStr(d.UserIDs, uid) {
					continue
				}
				members = append(members, s.memberJSON(m, false))
				if d.Limit > 0 && len(members) >= d.Limit {
					break
				}
			}
			s.mu.Unlock()
			if members == nil {
				members = []any{}
			}
			chunk := map[string]any{"guild_id": gid, "members": members, "chunk_index": 0, "chunk_count": 1, "nonce": d.Nonce}
			s.gw.mu.Lock()
			s.gw.send(sess, "GUILD_MEMBERS_CHUNK", chunk)
			s.gw.mu.Unlock()
		}
	}()
}

func containsStr(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
