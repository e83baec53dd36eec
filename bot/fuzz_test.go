package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// fakeDiscord is an http.RoundTripper that answers every REST call at once
// with a plausible body and counts them: the interaction fuzzer runs the
// real handlers thousands of times a second without a network.
type fakeDiscord struct {
	mu    sync.Mutex
	calls int
}

func (f *fakeDiscord) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	status, body := 200, `{"id":"1234567890123456789","channel_id":"1234567890123456780","type":0,"content":"","embeds":[],"components":[],"attachments":[]}`
	switch {
	case strings.HasSuffix(req.URL.Path, "/callback"):
		status, body = 204, ""
	case req.Method == http.MethodDelete:
		status, body = 204, ""
	case req.Method == http.MethodGet && strings.HasSuffix(req.URL.Path, "/messages"),
		strings.HasSuffix(req.URL.Path, "/thread-members"),
		strings.HasSuffix(req.URL.Path, "/channels") && req.Method == http.MethodGet:
		body = "[]"
	}
	return &http.Response{
		StatusCode: status, Status: http.StatusText(status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": []string{"application/json"}},
		Body:   io.NopCloser(strings.NewReader(body)), Request: req, ContentLength: int64(len(body)),
	}, nil
}

// logCapture is a slog handler that keeps every record's text, so tests can
// look for panics and secrets in what the bot logs at any level.
type logCapture struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
	h   slog.Handler
}

func newLogCapture() *logCapture {
	lc := &logCapture{mu: &sync.Mutex{}, buf: &bytes.Buffer{}}
	lc.h = slog.NewTextHandler(lockedWriter{lc}, &slog.HandlerOptions{Level: slog.LevelDebug})
	return lc
}

type lockedWriter struct{ lc *logCapture }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.lc.mu.Lock()
	defer w.lc.mu.Unlock()
	return w.lc.buf.Write(p)
}

func (lc *logCapture) Enabled(context.Context, slog.Level) bool { return true }
func (lc *logCapture) Handle(ctx context.Context, r slog.Record) error {
	return lc.h.Handle(ctx, r)
}
func (lc *logCapture) WithAttrs(as []slog.Attr) slog.Handler {
	return &logCapture{mu: lc.mu, buf: lc.buf, h: lc.h.WithAttrs(as)}
}
func (lc *logCapture) WithGroup(name string) slog.Handler {
	return &logCapture{mu: lc.mu, buf: lc.buf, h: lc.h.WithGroup(name)}
}

// String returns everything logged so far.
func (lc *logCapture) String() string {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	return lc.buf.String()
}

// Reset forgets what was logged.
func (lc *logCapture) Reset() {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	lc.buf.Reset()
}

// newOfflineBot builds a real Bot (every feature, the bundled bank, a real
// SQLite file) whose REST calls go to fakeDiscord, without a gateway.
func newOfflineBot(t testing.TB) (*Bot, *logCapture) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "fuzz.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	lc := newLogCapture()
	b, err := AssembleForTest(Config{Token: "fuzz-token", APIURL: "http://127.0.0.1:1/api/v9", Store: st, Log: slog.New(lc), DisableScheduler: true})
	if err != nil {
		t.Fatal(err)
	}
	b.Session.Client = &http.Client{Transport: &fakeDiscord{}, Timeout: 5 * time.Second}
	b.appID.Store("1000000000000000001")
	return b, lc
}

// routeNames lists the router's routes of one kind, sorted, with their
// admin flag: security tests cover whatever the features register.
func routeNames(m map[string]*route) []*route {
	out := make([]*route, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

const (
	fuzzGuild   = "1100000000000000001"
	fuzzChannel = "1100000000000000002"
	fuzzUser    = "1100000000000000003"
)

// interactionJSON builds an interaction payload as Discord sends it.
func interactionJSON(typ discordgo.InteractionType, perms int64, dm bool, data map[string]any) []byte {
	p := map[string]any{
		"id": "1200000000000000001", "application_id": "1000000000000000001", "type": int(typ),
		"token": "fuzz-interaction-token", "version": 1, "channel_id": fuzzChannel, "locale": "en-US",
		"app_permissions": "2251799813685247", "data": data,
		"channel": map[string]any{"id": fuzzChannel, "type": 0, "name": "general"},
	}
	user := map[string]any{"id": fuzzUser, "username": "fuzzer", "discriminator": "0", "global_name": "Fuzzer"}
	if dm {
		p["user"] = user
	} else {
		p["guild_id"] = fuzzGuild
		p["member"] = map[string]any{"user": user, "roles": []any{}, "joined_at": "2026-01-01T00:00:00.000000+00:00",
			"permissions": strconv.FormatInt(perms, 10), "deaf": false, "mute": false}
	}
	raw, _ := json.Marshal(p)
	return raw
}

// sampleValue is a value Discord could send for an option of this type.
func sampleValue(o *discordgo.ApplicationCommandOption, hostile string) any {
	if len(o.Choices) > 0 && hostile == "" {
		return o.Choices[0].Value
	}
	switch o.Type {
	case discordgo.ApplicationCommandOptionInteger:
		return 1
	case discordgo.ApplicationCommandOptionNumber:
		return 1.5
	case discordgo.ApplicationCommandOptionBoolean:
		return true
	case discordgo.ApplicationCommandOptionUser, discordgo.ApplicationCommandOptionChannel,
		discordgo.ApplicationCommandOptionRole, discordgo.ApplicationCommandOptionMentionable,
		discordgo.ApplicationCommandOptionAttachment:
		return fuzzChannel
	}
	if hostile != "" {
		return hostile
	}
	return "tiktok"
}

// commandCalls returns, for every command and subcommand, its path and the
// options payload with every option (required or not) set.
func commandCalls(cmds []*discordgo.ApplicationCommand, hostile string) map[string]map[string]any {
	out := map[string]map[string]any{}
	var walk func(path string, opts []*discordgo.ApplicationCommandOption) ([]any, bool)
	fill := func(opts []*discordgo.ApplicationCommandOption) []any {
		var vals []any
		for _, o := range opts {
			vals = append(vals, map[string]any{"name": o.Name, "type": int(o.Type), "value": sampleValue(o, hostile)})
		}
		return vals
	}
	for _, c := range cmds {
		walk = func(path string, opts []*discordgo.ApplicationCommandOption) ([]any, bool) {
			hasSub := false
			for _, o := range opts {
				if o.Type != discordgo.ApplicationCommandOptionSubCommand && o.Type != discordgo.ApplicationCommandOptionSubCommandGroup {
					continue
				}
				hasSub = true
				if o.Type == discordgo.ApplicationCommandOptionSubCommandGroup {
					for _, sub := range o.Options {
						out[path+"/"+o.Name+"/"+sub.Name] = map[string]any{"id": "1", "name": c.Name, "type": 1, "options": []any{
							map[string]any{"name": o.Name, "type": int(o.Type), "options": []any{
								map[string]any{"name": sub.Name, "type": int(sub.Type), "options": fill(sub.Options)}}}}}
					}
					continue
				}
				out[path+"/"+o.Name] = map[string]any{"id": "1", "name": c.Name, "type": 1, "options": []any{
					map[string]any{"name": o.Name, "type": int(o.Type), "options": fill(o.Options)}}}
			}
			return nil, hasSub
		}
		if _, hasSub := walk(c.Name, c.Options); !hasSub {
			out[c.Name] = map[string]any{"id": "1", "name": c.Name, "type": 1, "options": fill(c.Options)}
		}
	}
	return out
}

// fuzzSeeds are interactions every route understands, as the fuzzer's start.
func fuzzSeeds(b *Bot) [][]byte {
	var seeds [][]byte
	cmds := b.Commands()
	for _, hostile := range []string{"", "'; DROP TABLE questions; --"} {
		for _, d := range commandCalls(cmds, hostile) {
			seeds = append(seeds, interactionJSON(discordgo.InteractionApplicationCommand, discordgo.PermissionManageGuild, false, d))
		}
	}
	for _, c := range cmds {
		for _, o := range c.Options {
			if o.Autocomplete {
				seeds = append(seeds, interactionJSON(discordgo.InteractionApplicationCommandAutocomplete, 0, false, map[string]any{
					"id": "1", "name": c.Name, "type": 1, "options": []any{map[string]any{"name": o.Name, "type": 3, "value": "ti", "focused": true}}}))
			}
		}
	}
	for _, r := range routeNames(b.Router.components) {
		seeds = append(seeds, interactionJSON(discordgo.InteractionMessageComponent, discordgo.PermissionManageGuild, false, map[string]any{
			"custom_id": CustomID(r.name, "1"), "component_type": 2}))
	}
	for _, r := range routeNames(b.Router.modals) {
		seeds = append(seeds, interactionJSON(discordgo.InteractionModalSubmit, discordgo.PermissionManageGuild, false, map[string]any{
			"custom_id": CustomID(r.name, "1"), "components": []any{map[string]any{"type": 1, "components": []any{
				map[string]any{"type": 4, "custom_id": "title", "value": "x"}}}}}))
	}
	seeds = append(seeds, []byte(`{"type":1,"id":"1","token":"t"}`), []byte(`{"type":3,"data":{}}`), []byte(`{"type":5}`), []byte(`{}`))
	return seeds
}

// FuzzDispatchInteraction feeds arbitrary interaction JSON through the
// router with every real route: nothing may panic (in a handler, which the
// router would recover and log, or outside it), and every handler returns.
func FuzzDispatchInteraction(f *testing.F) {
	b, logs := newOfflineBot(f)
	for _, s := range fuzzSeeds(b) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var ic discordgo.InteractionCreate
		if err := json.Unmarshal(raw, &ic); err != nil || ic.Interaction == nil {
			return
		}
		logs.Reset()
		done := make(chan struct{})
		go func() {
			defer close(done)
			b.Router.Dispatch(context.Background(), b.Session, &ic)
		}()
		// Handlers answer within Discord's 3 s (deferring when slow);
		// against an instant Discord nothing should take seconds.
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Dispatch did not return within 5 s for %s", raw)
		}
		if l := logs.String(); strings.Contains(l, "panic") {
			t.Fatalf("a handler panicked on %s:\n%s", raw, l)
		}
	})
}

// TestFuzzSeedsDispatchCleanly runs every seed (each real route, admin and
// hostile values) once as a plain test, so CI covers them without -fuzz.
func TestFuzzSeedsDispatchCleanly(t *testing.T) {
	b, logs := newOfflineBot(t)
	seeds := fuzzSeeds(b)
	if len(seeds) < len(b.Commands())+len(b.Router.components) {
		t.Fatalf("only %d seeds", len(seeds))
	}
	parsed := 0
	for _, raw := range seeds {
		var ic discordgo.InteractionCreate
		if err := json.Unmarshal(raw, &ic); err != nil || ic.Interaction == nil {
			continue // a few seeds are malformed on purpose
		}
		parsed++
		logs.Reset()
		b.Router.Dispatch(context.Background(), b.Session, &ic)
		if l := logs.String(); strings.Contains(l, "panic") {
			t.Errorf("panic on seed %s:\n%s", raw, l)
		}
	}
	if parsed < len(seeds)-4 {
		t.Fatalf("only %d of %d seeds parse", parsed, len(seeds))
	}
}

// TestWriteFuzzCorpus regenerates the checked-in seed corpus of
// FuzzDispatchInteraction from interactions the loopback Discord really
// sends (PREPCORD_WRITE_CORPUS=1 go test ./bot -run TestWriteFuzzCorpus).
func TestWriteFuzzCorpus(t *testing.T) {
	if os.Getenv("PREPCORD_WRITE_CORPUS") == "" {
		t.Skip("set PREPCORD_WRITE_CORPUS=1 to rewrite testdata/fuzz/FuzzDispatchInteraction")
	}
	h := newHarness(t, harnessOpts{})
	var payloads [][]byte
	for _, line := range []string{"/question company:tiktok", "/questions difficulty:hard", "/help", "/mock topic:coding",
		`/daily setup channel:#general time:"09:00" timezone:Europe/London`, "/profile", "/leaderboard period:week", "/bank stats"} {
		in, err := h.srv.Command(h.ctx, "owner", "", line)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		m, err := in.WaitMessage(h.ctx)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		payloads = append(payloads, in.Payload)
		for _, row := range m.Components {
			if r, ok := row.(*discordgo.ActionsRow); ok && len(r.Components) > 0 {
				if b, ok := r.Components[0].(*discordgo.Button); ok && b.CustomID != "" {
					if in, err := h.srv.Click(h.ctx, "member", m, b.CustomID); err == nil {
						_, _ = in.Wait(h.ctx)
						payloads = append(payloads, in.Payload)
					}
				}
			}
		}
	}
	payloads = append(payloads,
		[]byte(`{"type":2,"id":"1","token":"t","data":{"name":"daily","options":[{"name":"setup","type":1,"options":[{"name":"time","type":3,"value":{"nested":[1,2]}}]}]}}`),
		[]byte(`{"type":3,"id":"1","token":"t","guild_id":"1","member":{"permissions":"-1","user":{"id":"2"}},"data":{"custom_id":"s1/approve/99999999999999999999","component_type":2}}`),
		[]byte(`{"type":5,"id":"1","token":"t","data":{"custom_id":"m1/feedback/1","components":[{"type":1,"components":[{"type":4,"custom_id":"communication","value":"9999999999999999999999"}]}]}}`),
		[]byte(`{"type":4,"id":"1","token":"t","data":{"name":"question","options":[{"name":"company","type":3,"value":"\u0000%","focused":true}]}}`),
	)
	dir := filepath.Join("testdata", "fuzz", "FuzzDispatchInteraction")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, p := range payloads {
		body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(p)) + ")\n"
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%02d", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d seeds to %s", len(payloads), dir)
}
