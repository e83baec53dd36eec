package bot

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// harness is a real prepcord bot connected to a loopback Discord, with a
// real SQLite database in a temporary folder and the bundled bank synced.
// Every REST body the bot sends is validated against Discord's OpenAPI
// description when ../shared is present; violations fail the test.
type harness struct {
	t     testing.TB
	srv   *discordtest.Server
	bot   *Bot
	store *store.Store
	clock *testClock
	ctx   context.Context
}

// testClock is a settable clock shared by the bot, the store and the
// loopback Discord.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

type harnessOpts struct {
	srv    discordtest.Options
	dbPath string
	bank   []data.Question // nil: the bundled bank
	cfg    func(*Config)
	// extra features, for tests of the runtime itself.
	extra []Feature
}

// AssembleBot, when set, builds the harness's bot instead of New. The
// features already moved to bot/feature import package bot, so its own
// tests cannot import them; assemble_bridge_test.go, in package bot_test,
// sets this to assemble.New so that these tests run the whole bot. It goes
// when the tests here move to bottest.
var AssembleBot func(Config) (*Bot, error)

func newHarness(t testing.TB, opts harnessOpts) *harness {
	t.Helper()
	clock := &testClock{now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
	if opts.srv.Now == nil {
		opts.srv.Now = clock.Now
	}
	if opts.srv.OpenAPISpecPath == "" {
		opts.srv.OpenAPISpecPath = discordtest.DefaultSpecPath()
		if opts.srv.OpenAPISpecPath == "" {
			t.Log("../shared/discord-api-spec/openapi.json not found: request bodies are not validated")
		}
	}
	srv := discordtest.New(opts.srv)
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	if opts.dbPath == "" {
		opts.dbPath = filepath.Join(t.TempDir(), "prepcord.db")
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := store.Open(ctx, opts.dbPath, store.Options{Now: clock.Now, Logger: log, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bank := opts.bank
	if bank == nil {
		if bank, err = data.LoadBundled(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Token: srv.Token(), APIURL: srv.APIURL(), Store: st, Log: log, Now: clock.Now, DisableScheduler: true}
	if opts.cfg != nil {
		opts.cfg(&cfg)
	}
	build := New
	if AssembleBot != nil {
		build = AssembleBot
	}
	b, err := build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range opts.extra {
		f.Routes(b.Router)
		b.features = append(b.features, f)
	}
	if err := b.Open(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Session.Close() })
	t.Cleanup(func() {
		if err := srv.Check(); err != nil {
			t.Errorf("loopback Discord saw violations:\n%v", err)
		}
	})
	return &harness{t: t, srv: srv, bot: b, store: st, clock: clock, ctx: ctx}
}

// run sends a slash command typed as in Discord ("/question company:tiktok")
// as user (a name; created on demand) and waits for the message it shows.
func (h *harness) run(user, line string) *discordgo.Message {
	h.t.Helper()
	return h.runIn(user, "", line)
}

// runIn is run in a channel (a name or id; "dm" for a direct message).
func (h *harness) runIn(user, channel, line string) *discordgo.Message {
	h.t.Helper()
	in, err := h.srv.Command(h.ctx, user, channel, line)
	if err != nil {
		h.t.Fatalf("%s: %v", line, err)
	}
	m, err := in.WaitMessage(h.ctx)
	if err != nil {
		h.t.Fatalf("%s: %v", line, err)
	}
	return m
}

// click presses the button labelled label on m as user and waits for the
// message the press shows.
func (h *harness) click(user string, m *discordgo.Message, label string) (*discordgo.Message, *discordtest.Interaction) {
	h.t.Helper()
	in, err := h.srv.ClickLabel(h.ctx, user, m, label)
	if err != nil {
		h.t.Fatalf("click %s: %v", label, err)
	}
	msg, err := in.WaitMessage(h.ctx)
	if err != nil {
		h.t.Fatalf("click %s: %v", label, err)
	}
	return msg, in
}

// Admin permissions for test members.
const permsAdmin = discordgo.PermissionManageGuild | discordgo.PermissionViewChannel | discordgo.PermissionSendMessages
