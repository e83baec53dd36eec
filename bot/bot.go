// Package bot is prepcord's runtime on Discord: the session's lifecycle
// (connecting, registering the slash commands, running background work,
// shutting down gracefully), the router and its middleware, Ctx, custom ids
// and routes, the capability interfaces features implement and the Env they
// are built with, and the reply helpers features share. The features live
// one to a package under bot/feature; bot/assemble builds the bot from them.
package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
)

// Intents are the gateway intents prepcord needs, none of them privileged:
// guilds (channels, roles and threads in GUILD_CREATE) and guild messages
// (who posted in a daily thread; message content is not needed).
const Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages

// Permissions are the permission bits the invite asks for, each needed by
// a feature: see the README's table.
const Permissions = discordgo.PermissionViewChannel |
	discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks |
	discordgo.PermissionAttachFiles |
	discordgo.PermissionReadMessageHistory |
	discordgo.PermissionMentionEveryone |
	discordgo.PermissionCreatePublicThreads |
	discordgo.PermissionCreatePrivateThreads |
	discordgo.PermissionSendMessagesInThreads |
	discordgo.PermissionManageThreads |
	discordgo.PermissionManageChannels |
	discordgo.PermissionManageRoles |
	discordgo.PermissionVoiceConnect

// Config is what the bot needs to run.
type Config struct {
	Token   string
	APIURL  string // REST base, e.g. https://discord.com/api/v9
	GuildID string // register commands to this guild only; "" = global
	Store   *store.Store
	Log     *slog.Logger
	// Now is the clock; tests move it.
	Now func() time.Time
	// CatchUpWindow is how late a missed daily post may still go out
	// (0: 6 hours); bot/assemble gives it to the daily feature.
	CatchUpWindow time.Duration
	// QueueExpiry is how long a /mock queue entry waits (0: 2 hours);
	// bot/assemble gives it to the interview feature.
	QueueExpiry time.Duration
	// ShutdownGrace bounds how long in-flight interactions may finish.
	ShutdownGrace time.Duration
	// HTTPClient, when set, is the base client for REST calls.
	HTTPClient *http.Client
	// GlobalRate is this process's share of Discord's global rate limit:
	// the requests per second its REST client sends, interaction responses
	// excepted (discordhttp.RateLimit). 0 sets no limit of prepcord's own
	// (discordgo still waits out a 429); `prepcord run` gives
	// DISCORD_GLOBAL_RATE, 50 by default.
	GlobalRate float64
	// Observer, when set, receives interaction records (metrics).
	Observer Observer
	// DisableScheduler turns off the background loops (tests drive them).
	DisableScheduler bool
	// ShardCount is the number of gateway shards of the whole deployment
	// (0 or 1: one, unsharded); with ShardAuto, Discord's recommendation
	// (GET /gateway/bot) instead. ShardIDs are the shards this process
	// runs (nil: all of them), one gateway connection each.
	ShardCount int
	ShardAuto  bool
	ShardIDs   []int
	// QuestionPage, when set, is the web companion's public page of a
	// shared question ("" when it has none): the /question embed links to it.
	QuestionPage func(id string) string
	// Site is the web companion as /bank publish describes it; bot/assemble
	// gives it to the bank feature.
	Site Site
}

// Site is the web companion's setup: its address (PUBLIC_URL), whether
// its public bank pages are on (WEB_PUBLIC_BANK) and whether it is served
// at all (WEB_ADDR).
type Site struct {
	URL                string
	PublicBank, Served bool
}

// Bot is a running prepcord.
type Bot struct {
	cfg     Config
	Store   *store.Store
	Log     *slog.Logger
	Now     func() time.Time
	Session *discordgo.Session
	Router  *Router

	appID    atomic.Value // string: the application id from READY
	ready    chan struct{}
	started  chan struct{} // closed once Run has connected and registered
	once     sync.Once
	features []Feature // in the order added

	// health, read by the /healthz endpoint
	lastHeartbeatAck atomic.Int64 // unix ms
	connected        atomic.Bool
	reconnects       atomic.Int64
	lastTick         atomic.Int64 // unix ms of the scheduler's last sweep

	// shards
	shards   atomic.Pointer[shard.Set] // resolved by Open
	handlers []any                     // every gateway handler, added to each shard's session
	stopGate context.CancelFunc        // stops identifies waiting for their turn
	sessMu   sync.Mutex                // guards the three below
	sessions []*discordgo.Session      // one per shard, b.Session first
	up       map[*discordgo.Session]bool
	readied  map[*discordgo.Session]bool
}

// New builds the bot and its session; Run connects it.
func New(cfg Config) (*Bot, error) {
	if cfg.Store == nil {
		return nil, errors.New("bot: a store is required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ShutdownGrace <= 0 {
		cfg.ShutdownGrace = 10 * time.Second
	}
	if cfg.APIURL == "" {
		cfg.APIURL = "https://discord.com/api/v9"
	}
	s, err := discordhttp.NewSession(cfg.Token, cfg.APIURL, Intents)
	if err != nil {
		return nil, err
	}
	if cfg.HTTPClient != nil {
		tr, err := discordhttp.NewTransport(cfg.APIURL, cfg.HTTPClient.Transport)
		if err != nil {
			return nil, err
		}
		s.Client = &http.Client{Transport: tr, Timeout: cfg.HTTPClient.Timeout}
	}
	if cfg.GlobalRate > 0 {
		s.Client.Transport = discordhttp.RateLimit(s.Client.Transport, cfg.GlobalRate)
	}
	b := &Bot{cfg: cfg, Store: cfg.Store, Log: cfg.Log, Now: cfg.Now, Session: s, ready: make(chan struct{}), started: make(chan struct{})}
	b.appID.Store("")
	b.Router = NewRouter(cfg.Log)
	b.Router.Observer = cfg.Observer
	b.addHandler(b.Router.Handle)
	b.addHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		if r.Application != nil {
			b.appID.Store(r.Application.ID)
		}
		b.markSession(s, true, true)
	})
	b.addHandler(func(s *discordgo.Session, _ *discordgo.Resumed) { b.markSession(s, true, false); b.reconnects.Add(1) })
	b.addHandler(func(s *discordgo.Session, _ *discordgo.Disconnect) { b.markSession(s, false, false) })
	b.addHandler(func(s *discordgo.Session, _ *discordgo.Connect) { b.markSession(s, true, false) })
	return b, nil
}

// addHandler adds a gateway handler to the bot's session; Open adds it to
// the session of every other shard too.
func (b *Bot) addHandler(h any) {
	b.handlers = append(b.handlers, h)
	b.Session.AddHandler(h)
}

// Started is closed once Run has connected and registered the commands.
func (b *Bot) Started() <-chan struct{} { return b.started }

// AppID returns the application id (known once READY arrived).
func (b *Bot) AppID() string { return b.appID.Load().(string) }

// Connected reports whether the gateway is connected.
func (b *Bot) Connected() bool { return b.connected.Load() }

// Reconnects counts gateway resumes since start.
func (b *Bot) Reconnects() int64 { return b.reconnects.Load() }

// LastHeartbeatAck returns when the gateway last acknowledged a heartbeat:
// with several shards, the oldest of their last acknowledgements.
func (b *Bot) LastHeartbeatAck() time.Time {
	if b.Session == nil {
		return time.Time{}
	}
	var oldest time.Time
	for i, s := range b.sessionList() {
		s.RLock()
		t := s.LastHeartbeatAck
		s.RUnlock()
		if i == 0 || t.Before(oldest) {
			oldest = t
		}
	}
	return oldest
}

// LastTick returns when the scheduler last swept.
func (b *Bot) LastTick() time.Time {
	ms := b.lastTick.Load()
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// MarkTick records a scheduler sweep.
func (b *Bot) MarkTick(t time.Time) { b.lastTick.Store(t.UnixMilli()) }

// RunDue does, once, the background work that is due at b.Now(): the
// daily scheduler's sweep (posts, threads, reveals) and the mock interview
// sweep (queue expiry, reminders, check-ins, weekly rounds), as their loops
// would at their next tick. `prepcord try` calls it after moving the clock.
func (b *Bot) RunDue(ctx context.Context) error {
	var errList []error
	for _, f := range b.features {
		if s, ok := f.(Sweeper); ok {
			errList = append(errList, s.SweepNow(ctx))
		}
	}
	return errors.Join(errList...)
}

// Commands returns every slash command definition, sorted by name.
func (b *Bot) Commands() []*discordgo.ApplicationCommand {
	var out []*discordgo.ApplicationCommand
	for _, f := range b.features {
		out = append(out, f.Commands()...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ErrUnauthorized means Discord rejected the token.
var ErrUnauthorized = errors.New("Discord rejected the token")

// Open connects a gateway session for each shard this process runs (one
// for an unsharded bot), waits for their READY and, in the process that
// runs shard 0, registers the commands when their definitions changed
// since the last registration: once per deployment, not once per process.
func (b *Bot) Open(ctx context.Context) error {
	set, maxConcurrency, err := b.resolveShards(ctx)
	if err != nil {
		return err
	}
	b.shards.Store(&set)
	if err := b.openShards(ctx, set, maxConcurrency); err != nil {
		return err
	}
	// Each bucket's later shards wait 5 s per shard before them.
	limit := 30*time.Second + identifyInterval*time.Duration((len(set.IDs)+maxConcurrency-1)/maxConcurrency)
	select {
	case <-b.ready:
	case <-ctx.Done():
		b.closeSessions()
		return ctx.Err()
	case <-time.After(limit):
		b.closeSessions()
		return fmt.Errorf("Discord did not send READY within %s", limit)
	}
	if !set.Has(0) {
		b.Log.Info("slash commands are registered by the process that runs shard 0", "shards", set.String())
		return nil
	}
	if err := b.RegisterCommands(ctx); err != nil {
		b.closeSessions()
		return err
	}
	return nil
}

// classifyOpenError turns discordgo's errors into clear ones, never
// containing the token.
func classifyOpenError(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return ErrUnauthorized
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) && ce.Code == 4011 {
		return ErrShardingRequired
	}
	if strings.Contains(err.Error(), "4004") || strings.Contains(strings.ToLower(err.Error()), "authentication failed") {
		return ErrUnauthorized
	}
	return fmt.Errorf("connecting to Discord: %w", err)
}

// Run opens the bot, starts background work, and serves until ctx ends;
// then it stops accepting interactions, lets in-flight ones finish up to
// ShutdownGrace, stops background work and closes the gateway. The caller
// closes the store afterwards.
func (b *Bot) Run(ctx context.Context) error {
	if err := b.Open(ctx); err != nil {
		return err
	}
	b.Log.Info("prepcord is connected", "application", b.AppID(), "commands", len(b.Commands()))
	close(b.started)
	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	if !b.cfg.DisableScheduler {
		for _, f := range b.features {
			if st, ok := f.(Starter); ok {
				wg.Add(1)
				go func() { defer wg.Done(); st.Start(bg) }()
			}
		}
	}
	<-ctx.Done()
	b.Log.Info("shutting down")
	graceCtx, cancel := context.WithTimeout(context.Background(), b.cfg.ShutdownGrace)
	defer cancel()
	if err := b.Router.Close(graceCtx); err != nil {
		b.Log.Warn("shutdown", "err", err)
	}
	stopBG()
	wg.Wait()
	return b.closeSessions()
}

// commandsHash is a digest of the command definitions and where they go.
func commandsHash(scope string, cmds []*discordgo.ApplicationCommand) (string, error) {
	raw, err := json.Marshal(cmds)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(append([]byte(scope+"\n"), raw...))
	return hex.EncodeToString(sum[:]), nil
}

// RegisterCommands bulk-overwrites the command set (to the configured
// guild, or globally) when it differs from the last registration, whose
// digest is kept in the database: Discord allows 200 creations a day.
func (b *Bot) RegisterCommands(ctx context.Context) error {
	cmds := b.Commands()
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild:" + b.cfg.GuildID
	}
	hash, err := commandsHash(b.AppID()+"/"+scope, cmds)
	if err != nil {
		return err
	}
	key := "commands_hash:" + scope
	prev, err := b.Store.Meta(ctx, key)
	if err != nil {
		return err
	}
	if prev == hash {
		b.Log.Info("slash commands unchanged; not registering", "scope", scope)
		return nil
	}
	if _, err := b.Session.ApplicationCommandBulkOverwrite(b.AppID(), b.cfg.GuildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("registering slash commands: %w", err)
	}
	b.Log.Info("slash commands registered", "scope", scope, "count", len(cmds))
	return b.Store.SetMeta(ctx, key, hash)
}
