// Package bottest is the Discord-like harness every feature's tests use:
// a real prepcord bot, assembled with every feature, connected to the
// loopback Discord (bot/discordtest), with a real SQLite database in a
// temporary folder and the bundled bank synced; members type commands as
// in Discord and press buttons by their labels.
package bottest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/store"
)

// Harness is a real prepcord bot connected to a loopback Discord, with a
// real SQLite database in a temporary folder and the bundled bank synced.
// Every REST body the bot sends is validated against Discord's OpenAPI
// description when ../shared is present; violations fail the test.
type Harness struct {
	T     testing.TB
	Srv   *discordtest.Server
	Bot   *bot.Bot
	Store *store.Store
	Clock *Clock
	Ctx   context.Context
	// DBPath is the database the bot uses; Process opens it again.
	DBPath string
}

// Clock is a settable clock shared by the bot, the store and the
// loopback Discord.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

type Options struct {
	// Server configures the loopback Discord.
	Server discordtest.Options
	// DBPath is the database (default: a new SQLite file in t.TempDir(),
	// or a new PostgreSQL database on a package's PostgreSQL pass).
	DBPath string
	// Bank is the question bank synced (nil: the bundled bank).
	Bank []data.Question
	// Config changes the bot's configuration before it is built.
	Config func(*bot.Config)
	// Assemble changes how the bot is assembled (features' options, such
	// as Daily; extra features).
	Assemble assemble.Options
}

func New(t testing.TB, opts Options) *Harness {
	t.Helper()
	clock := &Clock{now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}
	if opts.Server.Now == nil {
		opts.Server.Now = clock.Now
	}
	if opts.Server.OpenAPISpecPath == "" {
		opts.Server.OpenAPISpecPath = discordtest.DefaultSpecPath()
		if opts.Server.OpenAPISpecPath == "" {
			t.Log("../shared/discord-api-spec/openapi.json not found: request bodies are not validated")
		}
	}
	srv := discordtest.New(opts.Server)
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	if opts.DBPath == "" {
		opts.DBPath = NewDB(t)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := store.Open(ctx, opts.DBPath, store.Options{Now: clock.Now, Logger: log, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bank := opts.Bank
	if bank == nil {
		if bank, err = data.LoadBundled(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	h := &Harness{T: t, Srv: srv, Store: st, Clock: clock, Ctx: ctx, DBPath: opts.DBPath}
	h.Bot = h.open(st, log, opts.Config, opts.Assemble)
	t.Cleanup(func() {
		if err := srv.Check(); err != nil {
			t.Errorf("loopback Discord saw violations:\n%v", err)
		}
	})
	return h
}

// open builds and connects a bot over st, closed when the test ends.
func (h *Harness) open(st *store.Store, log *slog.Logger, config func(*bot.Config), opts assemble.Options) *bot.Bot {
	h.T.Helper()
	cfg := bot.Config{Token: h.Srv.Token(), APIURL: h.Srv.APIURL(), Store: st, Log: log, Now: h.Clock.Now, DisableScheduler: true}
	if config != nil {
		config(&cfg)
	}
	b, err := assemble.New(cfg, opts)
	if err != nil {
		h.T.Fatal(err)
	}
	if err := b.Open(h.Ctx); err != nil {
		h.T.Fatal(err)
	}
	h.T.Cleanup(func() { b.Close() })
	return b
}

// Process starts another prepcord process against the same loopback
// Discord and database (opened again, as a second process would), with
// the harness's settings changed by config (its shards, say). It is
// closed when the test ends.
func (h *Harness) Process(config func(*bot.Config), opts assemble.Options) *bot.Bot {
	h.T.Helper()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := store.Open(h.Ctx, h.DBPath, store.Options{Now: h.Clock.Now, Logger: log, Synchronous: "normal"})
	if err != nil {
		h.T.Fatal(err)
	}
	h.T.Cleanup(func() { st.Close() })
	return h.open(st, log, config, opts)
}

// Run sends a slash command typed as in Discord ("/question company:tiktok")
// as user (a name; created on demand) and waits for the message it shows.
func (h *Harness) Run(user, line string) *discordgo.Message {
	h.T.Helper()
	return h.RunIn(user, "", line)
}

// RunIn is Run in a channel (a name or id; "dm" for a direct message).
func (h *Harness) RunIn(user, channel, line string) *discordgo.Message {
	h.T.Helper()
	in, err := h.Srv.Command(h.Ctx, user, channel, line)
	if err != nil {
		h.T.Fatalf("%s: %v", line, err)
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil {
		h.T.Fatalf("%s: %v", line, err)
	}
	return m
}

// Click presses the button labelled label on m as user and waits for the
// message the press shows.
func (h *Harness) Click(user string, m *discordgo.Message, label string) (*discordgo.Message, *discordtest.Interaction) {
	h.T.Helper()
	in, err := h.Srv.ClickLabel(h.Ctx, user, m, label)
	if err != nil {
		h.T.Fatalf("click %s: %v", label, err)
	}
	msg, err := in.WaitMessage(h.Ctx)
	if err != nil {
		h.T.Fatalf("click %s: %v", label, err)
	}
	return msg, in
}

// Forged dispatches an interaction straight into the bot's router, as a
// modified client could send it (with ids Discord's own pickers never
// offer), and returns the JSON bodies of everything the bot sent back for
// it. The loopback Discord, which never sent the interaction, refuses
// those answers and records them all the same; its refusals are reset.
func (h *Harness) Forged(ic *discordgo.InteractionCreate) string {
	h.T.Helper()
	before := len(h.Srv.Requests())
	h.Bot.Router.Dispatch(h.Ctx, h.Bot.Session, ic)
	h.Srv.ResetViolations()
	var b strings.Builder
	for _, r := range h.Srv.Requests()[before:] {
		if strings.Contains(r.Path, "/interactions/") || strings.Contains(r.Path, "/webhooks/") {
			b.Write(r.JSON)
		}
	}
	return b.String()
}

// PermsAdmin are the permissions of an admin test member.
const PermsAdmin = discordgo.PermissionManageGuild | discordgo.PermissionViewChannel | discordgo.PermissionSendMessages

// Field returns the value of the named field of m's first embed.
func Field(m *discordgo.Message, name string) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	for _, f := range m.Embeds[0].Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// FooterID returns the question id in m's footer.
func FooterID(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Footer == nil {
		return ""
	}
	s := strings.TrimPrefix(m.Embeds[0].Footer.Text, "id: ")
	id, _, _ := strings.Cut(s, " ")
	return id
}

// Labels returns the labels of m's buttons.
func Labels(m *discordgo.Message) []string {
	var out []string
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(*discordgo.Button); ok {
					out = append(out, b.Label)
				}
			}
		}
	}
	return out
}

// SelectID returns the custom_id of m's first select menu.
func SelectID(m *discordgo.Message) string {
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if s, ok := c.(*discordgo.SelectMenu); ok {
					return s.CustomID
				}
			}
		}
	}
	return ""
}

// Text joins the content and embed texts of m.
func Text(m *discordgo.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
	}
	return b.String()
}

// IsEphemeral reports whether only the member who asked sees m.
func IsEphemeral(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }

// NewDB returns the location of a new, empty, migrated database for a
// test: a SQLite file, or a copy of a migrated PostgreSQL database on the
// PostgreSQL pass of a package whose TestMain is pgtest.Main.
func NewDB(t testing.TB) string {
	t.Helper()
	if pgtest.Backend() != "postgres" {
		return filepath.Join(t.TempDir(), "prepcord.db")
	}
	return pgtest.NewDatabaseFrom(t, "migrated", func(ctx context.Context, url string) error {
		st, err := store.Open(ctx, url, store.Options{})
		if err != nil {
			return err
		}
		return st.Close()
	})
}

// NewStore opens a store on a new database (NewDB), closed when the test
// ends, holding bank as the bundled bank.
func NewStore(t testing.TB, bank []data.Question) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, NewDB(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	return st
}
