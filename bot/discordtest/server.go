// Package discordtest is an in-process Discord for tests, benchmarks and `prepcord try`:
// a REST API under /api/v9 and a gateway websocket that a real discordgo session talks to,
// over a world of guilds, roles, channels, threads, members and messages that both the bot
// and the test can read and change.
//
// It follows Discord's documented behaviour (paths, JSON shapes, snowflakes, error bodies,
// the 3 second interaction deadline, the 15 minute interaction token, message and component
// limits, nonce de-duplication, RESUME replay) and records every request, so tests assert on
// what the bot really sent. Departures from Discord are recorded as Violations; Check joins them.
//
// The package does not import package testing; it is used by `prepcord try` too.
package discordtest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// apiPrefix is the path prefix of the REST API, as discordgo's Endpoint* values use it.
const apiPrefix = "/api/v9"

// Options configures a Server. The zero value is usable.
type Options struct {
	// Token is the bot token the server accepts (without "Bot "). Default "test-token".
	Token string
	// ApplicationID is the application's snowflake; the bot user has the same id, as on Discord.
	ApplicationID string
	// BotUser is the bot's user; ID and Username are filled in when empty.
	BotUser *discordgo.User
	// Guilds lists the guilds to create at start. Nil creates one guild "Prep Community"
	// with a #general text channel.
	Guilds []GuildSpec
	// Logf receives the server's log lines; nil discards them.
	Logf func(format string, args ...any)
	// Now is the clock for timestamps, snowflakes, nonce windows and the 15 minute interaction
	// token lifetime. The 3 second response deadline uses real elapsed time. Default time.Now.
	Now func() time.Time
	// RateLimit is the global REST limit in requests per second. Default 50, as Discord's;
	// negative turns it off. It is one limit for the token: every client, connection and
	// process using the server shares it.
	// Interaction callbacks and interaction webhooks are exempt, as on Discord.
	RateLimit int
	// OpenAPISpecPath, when set, validates every request body against this OpenAPI file.
	// DefaultSpecPath finds the project's copy.
	OpenAPISpecPath string
	// ResponseDeadline is the time allowed for the initial interaction response. Default 3s.
	ResponseDeadline time.Duration
	// HeartbeatInterval is sent in HELLO. Default 41.25s, as Discord.
	HeartbeatInterval time.Duration
	// Shards shapes gateway sharding: GET /gateway/bot's answer, the servers a
	// connection may hold, and the pace of identifies (see ShardOptions).
	Shards ShardOptions
	// StableIDs derives the ids of the guilds of Guilds, their channels and roles, and of
	// users from their names instead of the clock, so that the same spec gives the same ids
	// in every process: `prepcord try --db` keeps a database that remembers them. Channels,
	// roles, threads and messages made later get fresh ids, and so does the application:
	// this server starts with no commands registered, and a bot that remembered registering
	// them under the same application would not register them again.
	StableIDs bool
	// ClientSecret is the OAuth2 client secret the token exchange accepts
	// (the client id is ApplicationID). Default DefaultClientSecret.
	ClientSecret string
}

// GuildSpec describes a guild to create at start.
type GuildSpec struct {
	// Name of the guild.
	Name string
	// Channels to create; nil creates a #general text channel.
	Channels []ChannelSpec
	// Roles to create besides @everyone, the bot's role and "Admin".
	Roles []RoleSpec
}

// RoleSpec describes a role to create with a guild.
type RoleSpec struct {
	Name string
	// Permissions the role grants (often none: a role to ping or to require).
	Permissions int64
	// Mentionable lets everyone mention the role.
	Mentionable bool
}

// ChannelSpec describes a channel to create with a guild.
type ChannelSpec struct {
	Name string
	// Type defaults to a text channel.
	Type discordgo.ChannelType
	// Parent is the name of a category created earlier in the same spec.
	Parent string
}

// Server is a loopback Discord listening on 127.0.0.1.
type Server struct {
	opts    Options
	log     *slog.Logger
	now     func() time.Time
	ln      net.Listener
	hs      *http.Server
	baseURL string // http://127.0.0.1:PORT
	mux     *http.ServeMux
	closed  chan struct{}
	idSeq   atomic.Int64
	lastID  atomic.Int64
	stable  map[string]bool // ids handed out by worldID; guarded by mu
	upgrade websocket.Upgrader
	spec    *specValidator

	mu   sync.Mutex // guards everything below and the world
	w    *world
	reqs []Request
	viol []Violation
	// faults are consumed in order of registration.
	faults   []*faultState
	rateWin  []time.Time
	inters   map[string]*Interaction // by id
	byToken  map[string]*Interaction
	nonces   map[nonceKey]nonceEntry
	files    map[string]storedFile // attachment id -> data
	cmdDay   map[string]*cmdCounter
	changed  chan struct{} // closed and replaced when interactions or messages change
	actCount int64
	actAt    time.Time

	gw gateway
	oa oauth // OAuth2 codes and tokens, see oauth2.go
}

// New starts a Server on 127.0.0.1:0. It panics only if no loopback port can be opened,
// like httptest.NewServer.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "test-token"
	}
	opts.Token = strings.TrimPrefix(opts.Token, "Bot ")
	if opts.ResponseDeadline <= 0 {
		opts.ResponseDeadline = discordgo.InteractionDeadline
	}
	if opts.HeartbeatInterval <= 0 {
		opts.HeartbeatInterval = 41250 * time.Millisecond
	}
	opts.Shards.defaults()
	if opts.RateLimit == 0 {
		opts.RateLimit = 50
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	s := &Server{
		opts:    opts,
		now:     now,
		closed:  make(chan struct{}),
		inters:  map[string]*Interaction{},
		byToken: map[string]*Interaction{},
		nonces:  map[nonceKey]nonceEntry{},
		files:   map[string]storedFile{},
		cmdDay:  map[string]*cmdCounter{},
		changed: make(chan struct{}),
		stable:  map[string]bool{},
		upgrade: websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }},
	}
	s.log = slog.New(slog.NewTextHandler(logfWriter{opts.Logf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if opts.Logf == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.gw.init()
	if opts.ApplicationID == "" {
		s.opts.ApplicationID = s.newID()
	}
	s.w = newWorld()
	s.w.bot = s.botUser()
	s.w.users[s.w.bot.ID] = s.w.bot
	specs := opts.Guilds
	if specs == nil {
		specs = []GuildSpec{{Name: "Prep Community"}}
	}
	for _, g := range specs {
		s.createGuild(g)
	}
	if opts.OpenAPISpecPath != "" {
		s.spec = loadSpec(opts.OpenAPISpecPath)
	}
	s.routes()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("discordtest: listen on loopback: %v", err))
	}
	s.ln = ln
	s.baseURL = "http://" + ln.Addr().String()
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(ln) }()
	if s.spec != nil && s.spec.err != nil {
		s.log.Warn("openapi spec not loaded; bodies are not validated", "err", s.spec.err)
	}
	return s
}

// logfWriter adapts a printf-style function to the io.Writer slog's handler needs.
type logfWriter struct{ logf func(string, ...any) }

func (w logfWriter) Write(p []byte) (int, error) {
	if w.logf != nil {
		w.logf("%s", strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func (s *Server) botUser() *discordgo.User {
	u := &discordgo.User{}
	if s.opts.BotUser != nil {
		*u = *s.opts.BotUser
	}
	if u.ID == "" {
		u.ID = s.opts.ApplicationID
	}
	if u.Username == "" {
		u.Username = "prepcord"
	}
	u.Discriminator = "0"
	u.Bot = true
	return u
}

// APIURL returns the REST base, http://127.0.0.1:PORT/api/v9, for DISCORD_API_URL.
func (s *Server) APIURL() string { return s.baseURL + apiPrefix }

// GatewayURL returns the websocket URL that GET /gateway announces.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.baseURL, "http") + "/gateway"
}

// Token returns the bot token the server accepts.
func (s *Server) Token() string { return s.opts.Token }

// ApplicationID returns the application's (and bot user's) id.
func (s *Server) ApplicationID() string { return s.opts.ApplicationID }

// BotUser returns a copy of the bot's user.
func (s *Server) BotUser() *discordgo.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	return clone(s.w.bot)
}

// Close stops the server and drops every gateway connection.
func (s *Server) Close() {
	select {
	case <-s.closed:
		return
	default:
	}
	close(s.closed)
	s.gw.closeAll()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.hs.Shutdown(ctx)
	_ = s.hs.Close()
}

// discordEpoch is the first millisecond of 2015, where snowflake time starts.
const discordEpoch = 1420070400000

// newID returns a fresh snowflake built from the server clock.
func (s *Server) newID() string {
	ms := s.now().UnixMilli() - discordEpoch
	if ms < 0 {
		ms = 0
	}
	id := ms<<22 | (1 << 17) | (s.idSeq.Add(1) & 0x1FFFF)
	// Keep ids increasing and unique even when a test's clock stands still or goes back.
	for {
		last := s.lastID.Load()
		if id <= last {
			id = last + 1
		}
		if s.lastID.CompareAndSwap(last, id) {
			return fmt.Sprint(id)
		}
	}
}

// stableEpoch is the time in the snowflakes worldID makes (2024-01-01, before any
// message the server makes from a clock reading now).
const stableEpoch = 1704067200000

// worldID returns the id of a world object named by key: with StableIDs, a snowflake
// derived from the key (a key used twice gets a second, derived the same way); otherwise
// a fresh one. Callers hold s.mu or own s exclusively.
func (s *Server) worldID(key string) string {
	if !s.opts.StableIDs {
		return s.newID()
	}
	for n := 0; ; n++ {
		h := fnv.New64a()
		fmt.Fprintf(h, "%s#%d", key, n)
		sum := h.Sum64()
		ms := stableEpoch - discordEpoch + int64(sum>>12&(1<<24-1))
		id := fmt.Sprint(ms<<22 | 1<<17 | int64(sum&0xFFF))
		if !s.stable[id] {
			s.stable[id] = true
			return id
		}
	}
}

// notify wakes everything waiting for interaction or message changes. Callers hold s.mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
	s.actCount++
	s.actAt = time.Now()
}

// activity counts changes and recorded requests; the console uses it to wait for quiet.
func (s *Server) activity() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actCount + int64(len(s.reqs))
}

// lastActivity is when the last change happened.
func (s *Server) lastActivity() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actAt
}

// botMessages returns every message the bot wrote, ephemeral ones included, oldest first.
func (s *Server) botMessages() []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	byID := map[string]*msg{}
	for id, m := range s.w.messages {
		if m.authorID == s.w.bot.ID {
			byID[id] = m
		}
	}
	for _, in := range s.inters {
		for _, m := range in.msgs {
			if m.ephemeral && m.obj["deleted"] == nil {
				byID[m.id] = m
			}
		}
	}
	ids := sortedKeys(byID)
	slices.SortFunc(ids, cmpSnowflake)
	out := make([]*discordgo.Message, 0, len(ids))
	for _, id := range ids {
		out = append(out, toMessage(byID[id].obj))
	}
	return out
}

// waitUntil re-runs check whenever the channel it returns is closed, until check reports
// true, ctx ends or the server closes.
func (s *Server) waitUntil(ctx context.Context, check func() (bool, <-chan struct{})) error {
	for {
		ok, changed := check()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.closed:
			return errServerClosed
		case <-changed:
		}
	}
}

// waitFor blocks until cond (evaluated under s.mu) is true or ctx ends.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	return s.waitUntil(ctx, func() (bool, <-chan struct{}) {
		s.mu.Lock()
		defer s.mu.Unlock()
		return cond(), s.changed
	})
}

// WaitFor blocks until cond is true, re-checking whenever the server's state changes
// (a response, a message, a thread), or until ctx ends. cond runs without the server's
// lock, so it may call the server's accessors.
func (s *Server) WaitFor(ctx context.Context, cond func() bool) error {
	return s.waitUntil(ctx, func() (bool, <-chan struct{}) {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		return cond(), ch
	})
}

var errServerClosed = errors.New("discordtest: server closed")

// Violation is a departure from Discord's rules by the bot, answered as Discord would.
type Violation struct {
	Time    time.Time
	Kind    string // late-response, double-response, limit, unknown-route, openapi, unauthorized, ...
	Route   string // "POST /channels/{id}/messages"
	Path    string
	Message string
}

func (v Violation) String() string {
	if v.Route == "" {
		return v.Kind + ": " + v.Message
	}
	return v.Kind + ": " + v.Route + ": " + v.Message
}

// violate records a violation. Callers hold s.mu.
func (s *Server) violate(kind, route, path, msg string) {
	v := Violation{Time: s.now(), Kind: kind, Route: route, Path: path, Message: msg}
	s.viol = append(s.viol, v)
	s.log.Warn("violation", "kind", kind, "route", route, "msg", msg)
}

// Violations returns the violations recorded so far.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.viol...)
}

// ResetViolations forgets the violations recorded so far (for tests that provoke one on purpose).
func (s *Server) ResetViolations() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.viol = nil
}

// Check returns nil when no violation was recorded, otherwise an error joining them all.
func (s *Server) Check() error {
	var errs []error
	for _, v := range s.Violations() {
		errs = append(errs, errors.New(v.String()))
	}
	return errors.Join(errs...)
}

// clone deep-copies a value through JSON, which is how the bot sees it anyway.
func clone[T any](v *T) *T {
	if v == nil {
		return nil
	}
	b, err := jsonMarshal(v)
	if err != nil {
		panic(fmt.Sprintf("discordtest: clone %T: %v", v, err))
	}
	out := new(T)
	if err := jsonUnmarshal(b, out); err != nil {
		panic(fmt.Sprintf("discordtest: clone %T: %v", v, err))
	}
	return out
}
