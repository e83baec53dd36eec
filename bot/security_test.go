package bot_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to watch the PostgreSQL pass's database

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// memberPerms are a member's permissions without Manage Server, with other
// powerful bits set, as a server that overrode default_member_permissions
// to let everyone see the admin commands would send them.
const memberPerms = discordtest.EveryonePerms | discordgo.PermissionManageChannels |
	discordgo.PermissionManageMessages | discordgo.PermissionManageThreads | discordgo.PermissionManageRoles

// dbWatch reports whether anything was committed to the bot's database
// since the last call: on SQLite, PRAGMA data_version on a connection of
// its own changes whenever another connection commits; on PostgreSQL, the
// next transaction id moves whenever a transaction writes (reads take none).
type dbWatch struct {
	t       testing.TB
	conn    *sql.Conn
	version string
	last    int64
}

func watchDB(t testing.TB, st *store.Store) *dbWatch {
	t.Helper()
	driver, dsn, version := "sqlite3", "file:"+st.Path()+"?_query_only=1", "PRAGMA data_version"
	if store.IsPostgresURL(st.Path()) {
		driver, dsn, version = "pgx", st.Path(), "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	w := &dbWatch{t: t, conn: conn, version: version}
	w.changed()
	return w
}

// changed reports whether a commit happened since the previous call.
func (w *dbWatch) changed() bool {
	w.t.Helper()
	var v int64
	if err := w.conn.QueryRowContext(context.Background(), w.version).Scan(&v); err != nil {
		w.t.Fatal(err)
	}
	ch := v != w.last
	w.last = v
	return ch
}

// isAdminCommand reports whether a definition asks Discord to show it to
// Manage Server members only.
func isAdminCommand(c *discordgo.ApplicationCommand) bool {
	return c.DefaultMemberPermissions != nil && *c.DefaultMemberPermissions&discordgo.PermissionManageGuild != 0
}

// validOptions fills the required options (or all, with all) of a command
// path with values the loopback Discord accepts; strings get str.
func validOptions(h *bottest.Harness, defs []*discordgo.ApplicationCommandOption, all bool, str string) []*discordgo.ApplicationCommandInteractionDataOption {
	var out []*discordgo.ApplicationCommandInteractionDataOption
	for _, d := range defs {
		if !d.Required && !all {
			continue
		}
		var v any
		switch {
		case len(d.Choices) > 0:
			v = d.Choices[len(d.Choices)-1].Value
		case d.Type == discordgo.ApplicationCommandOptionString:
			v = str
			if d.MaxLength > 0 && utf8.RuneCountInString(str) > d.MaxLength {
				v = string([]rune(str)[:d.MaxLength])
			}
		case d.Type == discordgo.ApplicationCommandOptionInteger || d.Type == discordgo.ApplicationCommandOptionNumber:
			v = 1
			if d.MinValue != nil {
				v = *d.MinValue
			}
		case d.Type == discordgo.ApplicationCommandOptionBoolean:
			v = true
		case d.Type == discordgo.ApplicationCommandOptionUser || d.Type == discordgo.ApplicationCommandOptionMentionable:
			v = "owner"
		case d.Type == discordgo.ApplicationCommandOptionRole:
			v = "Admin"
		case d.Type == discordgo.ApplicationCommandOptionChannel:
			v = "general"
			if len(d.ChannelTypes) > 0 && d.ChannelTypes[0] == discordgo.ChannelTypeGuildCategory {
				v = "Interviews"
			}
		case d.Type == discordgo.ApplicationCommandOptionAttachment:
			v = discordtest.File{Name: "bank.yaml", ContentType: "text/yaml", Data: []byte("- title: " + str + "\n  company: " + str + "\n  category: x\n  difficulty: easy\n  prompt: " + str + "\n")}
		}
		out = append(out, &discordgo.ApplicationCommandInteractionDataOption{Name: d.Name, Value: v})
	}
	return out
}

// slashPath is one command path with the Slash to send it.
type slashPath struct {
	path  string
	admin bool
	slash discordtest.Slash
}

// everyCommandPath lists every command and subcommand the bot registers.
func everyCommandPath(h *bottest.Harness, all bool, str string) []slashPath {
	var out []slashPath
	for _, c := range h.Bot.Commands() {
		subs := false
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				subs = true
				out = append(out, slashPath{path: c.Name + "/" + o.Name, admin: isAdminCommand(c), slash: discordtest.Slash{Name: c.Name,
					Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: o.Name, Options: validOptions(h, o.Options, all, str)}}}})
			}
			if o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
				subs = true
				for _, s := range o.Options {
					out = append(out, slashPath{path: c.Name + "/" + o.Name + "/" + s.Name, admin: isAdminCommand(c), slash: discordtest.Slash{Name: c.Name,
						Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: o.Name, Options: []*discordgo.ApplicationCommandInteractionDataOption{
							{Name: s.Name, Options: validOptions(h, s.Options, all, str)}}}}}})
				}
			}
		}
		if !subs {
			out = append(out, slashPath{path: c.Name, admin: isAdminCommand(c), slash: discordtest.Slash{Name: c.Name, Options: validOptions(h, c.Options, all, str)}})
		}
	}
	return out
}

// addWorld gives the default guild what admin commands may point at.
func addWorld(t *testing.T, h *bottest.Harness) {
	g := h.Srv.DefaultGuild()
	if _, err := h.Srv.AddChannel(g.ID, "Interviews", discordgo.ChannelTypeGuildCategory, ""); err != nil {
		t.Fatal(err)
	}
}

// TestAdminCommandsRefuseMembers sends every subcommand of every admin
// command (found from the definitions, so new ones are covered) as a member
// without Manage Server, as Discord does when a server overrides
// default_member_permissions: each is refused with a clear message and
// writes nothing. The same paths then work for the owner, so the refusal
// is the guard and not a broken command.
func TestAdminCommandsRefuseMembers(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	addWorld(t, h)
	paths := everyCommandPath(h, false, "09:00")
	db := watchDB(t, h.Store)
	nAdmin, ownerWrites := 0, 0
	commandRoutes := map[string]bot.RouteInfo{}
	for _, r := range bot.Routes(h.Bot.Router, "command") {
		commandRoutes[r.Name] = r
	}
	for _, p := range paths {
		rt, ok := commandRoutes[p.path]
		if !ok {
			t.Errorf("/%s is registered with Discord but has no route", p.path)
			continue
		}
		if p.admin != rt.Admin {
			t.Errorf("/%s: default_member_permissions says admin=%v, the router's guard says admin=%v", p.path, p.admin, rt.Admin)
		}
		if !p.admin {
			continue
		}
		nAdmin++
		t.Run(strings.ReplaceAll(p.path, "/", "_"), func(t *testing.T) {
			db.changed()
			s := p.slash
			s.User, s.Perms = "mallory", memberPerms
			in, err := h.Srv.Slash(h.Ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			m, err := in.WaitMessage(h.Ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !bot.IsErrorMessage(m) || m.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(firstEmbedText(m), "Manage Server") {
				t.Fatalf("member got %q", bottest.Text(m))
			}
			if db.changed() {
				t.Fatal("a refused admin command wrote to the database")
			}
			// The owner is not refused.
			s.User, s.Perms = "owner", 0
			in, err = h.Srv.Slash(h.Ctx, s)
			if err != nil {
				t.Fatal(err)
			}
			if resp, err := in.Wait(h.Ctx); err != nil {
				t.Fatal(err)
			} else if resp.Type != discordgo.InteractionResponseModal {
				if m, err := in.WaitMessage(h.Ctx); err == nil && strings.Contains(firstEmbedText(m), "Manage Server") {
					t.Fatalf("the owner was refused: %q", bottest.Text(m))
				}
			}
			if db.changed() {
				ownerWrites++
			}
		})
	}
	if ownerWrites < 1 {
		t.Fatalf("only %d owner commands wrote: the write detector is not working", ownerWrites)
	}
	if nAdmin < 10 {
		t.Fatalf("only %d admin command paths found", nAdmin)
	}
}

// TestAdminComponentsAndModalsRefuseMembers presses every admin button and
// submits every admin modal the router knows as a member without Manage
// Server; each answers with the refusal and writes nothing. The buttons
// admins are known to get, reviewing suggestions, are bot/feature/suggest's,
// which this bot (without the features in packages of their own) lacks:
// TestReviewRoutesRefuseMembers there checks them.
func TestAdminComponentsAndModalsRefuseMembers(t *testing.T) {
	b, _ := newOfflineBot(t)
	rec := &recordingDiscord{}
	b.Session.Client = &http.Client{Transport: rec}
	db := watchDB(t, b.Store)
	must := map[string]bool{"component s1/approve": false, "component s1/reject": false, "component s1/edit": false, "modal s1/edit": false}
	check := func(kind string, rt bot.RouteInfo, typ discordgo.InteractionType, data map[string]any) {
		if !rt.Admin {
			return
		}
		must[kind+" "+rt.Name] = true
		db.changed()
		rec.reset()
		var ic discordgo.InteractionCreate
		if err := json.Unmarshal(interactionJSON(typ, memberPerms, false, data), &ic); err != nil {
			t.Fatal(err)
		}
		b.Router.Dispatch(context.Background(), b.Session, &ic)
		if got := rec.text(); !strings.Contains(got, "Manage Server") || !strings.Contains(got, `"flags":64`) {
			t.Errorf("%s %s as a member answered %s", kind, rt.Name, got)
		}
		if db.changed() {
			t.Errorf("%s %s as a member wrote to the database", kind, rt.Name)
		}
		// In a DM there are no permissions at all: refused too.
		rec.reset()
		if err := json.Unmarshal(interactionJSON(typ, 0, true, data), &ic); err != nil {
			t.Fatal(err)
		}
		b.Router.Dispatch(context.Background(), b.Session, &ic)
		if got := rec.text(); !strings.Contains(got, `"flags":64`) || strings.Contains(got, "Something went wrong") {
			t.Errorf("%s %s in a DM answered %s", kind, rt.Name, got)
		}
	}
	for _, rt := range bot.Routes(b.Router, "component") {
		check("component", rt, discordgo.InteractionMessageComponent, map[string]any{"custom_id": bot.CustomID(rt.Name, routeArgs(rt)...), "component_type": 2})
	}
	for _, rt := range bot.Routes(b.Router, "modal") {
		check("modal", rt, discordgo.InteractionModalSubmit, map[string]any{"custom_id": bot.CustomID(rt.Name, routeArgs(rt)...), "components": []any{
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": "title", "value": "hijacked"}}}}})
	}
	for k, seen := range must {
		if !seen {
			t.Errorf("%s is not an admin-only route", k)
		}
	}
}

// recordingDiscord answers like fakeDiscord and keeps the request bodies.
type recordingDiscord struct {
	fakeDiscord
	mu     sync.Mutex
	bodies []string
}

func (r *recordingDiscord) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		raw, _ := io.ReadAll(req.Body)
		req.Body.Close()
		r.mu.Lock()
		r.bodies = append(r.bodies, req.Method+" "+req.URL.Path+" "+string(raw))
		r.mu.Unlock()
		req.Body = nil
	}
	return r.fakeDiscord.RoundTrip(req)
}

func (r *recordingDiscord) reset() { r.mu.Lock(); r.bodies = nil; r.mu.Unlock() }

func (r *recordingDiscord) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.bodies, "\n")
}

// hostileValues are what members type to break things: SQL, LIKE and FTS
// syntax, format verbs, NUL and control characters, RTL overrides, emoji,
// mentions, and Discord's longest option value.
var hostileValues = []string{
	`'; DROP TABLE questions; --`,
	`Robert"); DELETE FROM daily_configs WHERE ("1"="1`,
	`%_\ " NEAR/3 OR * -x ^ AND NOT (`,
	"\x00\x01\x1b[31m %s %v %!d \u202eevil\u202c 🧑‍💻🔥 <@&1> @everyone",
	strings.Repeat("Ω🙂", 3000),
}

// TestHostileValuesInEveryOption sends every command path with every
// string option set to each hostile value (and a hostile attachment), as
// the owner so that the handlers themselves run, then submits any modal
// shown with hostile text in every field. Every answer is a clear reply
// (never the internal error), nothing is logged at error level, and the
// database passes integrity_check with its bank intact.
func TestHostileValuesInEveryOption(t *testing.T) {
	logs := newLogCapture()
	h := bottest.New(t, bottest.Options{Config: func(c *bot.Config) { c.Log = slog.New(logs) }})
	addWorld(t, h)
	bankBefore, err := h.Store.Questions.Count(h.Ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for _, v := range hostileValues {
		for _, p := range everyCommandPath(h, true, v) {
			s := p.slash
			s.User = "owner"
			in, err := h.Srv.Slash(h.Ctx, s)
			if err != nil {
				// The loopback refuses what Discord would (a value too long for the option).
				t.Logf("/%s not sendable: %v", p.path, err)
				continue
			}
			sent++
			resp, err := in.Wait(h.Ctx)
			if err != nil {
				t.Fatalf("/%s with %.40q: %v", p.path, v, err)
			}
			if resp.Type == discordgo.InteractionResponseModal {
				id, _, fields, ok := h.Srv.Modal("owner")
				if !ok {
					t.Fatalf("/%s: modal not found", p.path)
				}
				vals := map[string]string{}
				for _, f := range fields {
					vals[f.CustomID] = v
					if f.MaxLength > 0 && utf8.RuneCountInString(v) > f.MaxLength {
						vals[f.CustomID] = string([]rune(v)[:f.MaxLength])
					}
				}
				if in, err = h.Srv.SubmitModal(h.Ctx, "owner", id, vals); err != nil {
					t.Fatalf("/%s modal: %v", p.path, err)
				}
			}
			m, err := in.WaitMessage(h.Ctx)
			if err != nil {
				t.Fatalf("/%s with %.40q: %v", p.path, v, err)
			}
			if bot.IsErrorMessage(m) && firstEmbedText(m) == errs.GenericMessage {
				t.Errorf("/%s with %.40q: internal error", p.path, v)
			}
		}
	}
	if sent < 40 {
		t.Fatalf("only %d hostile commands sent", sent)
	}
	if l := logs.String(); strings.Contains(l, "level=ERROR") {
		t.Errorf("errors logged:\n%s", l)
	}
	if res, err := h.Store.IntegrityCheck(h.Ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
	if n, err := h.Store.Questions.Count(h.Ctx, store.Filter{}); err != nil || n < bankBefore {
		t.Fatalf("bank went from %d to %d questions (%v)", bankBefore, n, err)
	}
}

// TestTokenNeverLeaks runs commands, errors, a panic and hostile input with
// debug logging and checks that the token appears nowhere: not in any log
// line at any level (panic stacks included), not in any body sent to
// Discord (replies, error messages, posts).
func TestTokenNeverLeaks(t *testing.T) {
	logs := newLogCapture()
	const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret-TOKEN-value.xyz"
	h := bottest.New(t, bottest.Options{
		Server:   discordtest.Options{Token: token},
		Config:   func(c *bot.Config) { c.Log = slog.New(logs) },
		Assemble: assemble.Options{Extra: []bot.Feature{&runtimeFeature{release: make(chan struct{})}}},
	})
	h.Run("alice", "/zz-panic")
	h.Run("alice", "/zz-fail code:internal")
	h.Run("alice", "/zz-fail code:invalid")
	h.Run("alice", "/help")
	h.Run("alice", `/question company:"'; DROP TABLE x; --"`)
	h.Run("alice", "/daily status")
	if _, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: "ti"}}}, "company"); err != nil {
		t.Fatal(err)
	}
	h.Srv.Fault(discordtest.Fault{Route: "POST /interactions/{id}/{token}/callback", Status: 500, Times: 1})
	if in, err := h.Srv.Command(h.Ctx, "alice", "", "/help"); err == nil {
		_, _ = in.Wait(h.Ctx)
	}
	h.Srv.ClearFaults()
	h.Srv.ResetViolations()
	// A handler writes its log line after Discord has its answer, so the
	// lines come a moment after the replies the test waited for.
	var l string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		l = logs.String()
		if strings.Contains(l, "panic in handler") && strings.Contains(l, "level=DEBUG") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the test did not log what it means to check:\n%.2000s", l)
		}
	}
	if strings.Contains(l, token) || strings.Contains(l, "secret-TOKEN") {
		t.Fatalf("the token is in the logs:\n%s", l)
	}
	for _, r := range h.Srv.Requests() {
		if strings.Contains(string(r.Body), "secret-TOKEN") || strings.Contains(r.Path, "secret-TOKEN") {
			t.Fatalf("the token was sent in %s %s", r.Route, r.Body)
		}
	}
}
