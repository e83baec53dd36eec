package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
	"github.com/prepcord/prepcord/web"
)

// site is the web companion over a real database and the loopback
// Discord, with two servers: Alpha and Beta.
type site struct {
	t      testing.TB
	st     *store.Store
	dc     *discordtest.Server
	web    *web.Server
	ts     *httptest.Server
	alpha  string
	beta   string
	mu     sync.Mutex
	now    time.Time
	bundle []data.Question
}

// siteOptions shape a test site.
type siteOptions struct {
	PublicBank bool
	NoLogin    bool // no PUBLIC_URL: links relative, login off
	// Bank replaces the bundled bank.
	Bank []data.Question
	// Bot assembles prepcord's bot over the site's database and loopback
	// Discord, and gives the dashboard its features' capabilities (weekly
	// rounds, review posts).
	Bot bool
}

func newSite(t testing.TB, opts siteOptions) *site {
	t.Helper()
	s := &site{t: t, now: time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	st, err := store.Open(ctx, bottest.NewDB(t), store.Options{Now: s.clock, Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if s.bundle = opts.Bank; s.bundle == nil {
		if s.bundle, err = data.LoadBundled(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Questions.SyncBundled(ctx, s.bundle); err != nil {
		t.Fatal(err)
	}
	s.st = st
	s.dc = discordtest.New(discordtest.Options{Now: s.clock, Guilds: []discordtest.GuildSpec{{Name: "Alpha"}, {Name: "Beta"}}})
	t.Cleanup(s.dc.Close)
	for _, g := range s.dc.Guilds() {
		switch g.Name {
		case "Alpha":
			s.alpha = g.ID
		case "Beta":
			s.beta = g.ID
		}
	}
	s.ts = httptest.NewUnstartedServer(nil)
	publicURL := "http://" + s.ts.Listener.Addr().String()
	if opts.NoLogin {
		publicURL = ""
	}
	dg, err := discordhttp.NewSession(s.dc.Token(), s.dc.APIURL(), bot.Intents)
	if err != nil {
		t.Fatal(err)
	}
	cfg := web.Config{
		Bot: dg, BotUserID: s.dc.BotUser().ID,
		Store: st, Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
		PublicBank: opts.PublicBank, PublicURL: publicURL, APIURL: s.dc.APIURL(),
		ClientID: s.dc.ApplicationID(), ClientSecret: s.dc.ClientSecret(), Now: s.clock,
	}
	if opts.Bot {
		s.wireBot(&cfg)
	}
	s.serve(cfg)
	return s
}

// serve starts the site's web companion with cfg.
func (s *site) serve(cfg web.Config) {
	s.t.Helper()
	w, err := web.New(cfg)
	if err != nil {
		s.t.Fatal(err)
	}
	s.web = w
	s.ts.Config.Handler = w.Handler()
	s.ts.Start()
	s.t.Cleanup(s.ts.Close)
}

func (s *site) clock() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.now
}

func (s *site) advance(d time.Duration) {
	s.mu.Lock()
	s.now = s.now.Add(d)
	s.mu.Unlock()
}

// member makes name a member of both servers, with Manage Server in the
// servers listed in admin.
func (s *site) member(name string, admin ...string) string {
	u := s.dc.AddUser(name)
	for _, g := range admin {
		if _, err := s.dc.AddMember(g, u.ID, s.dc.Role(g, "Admin").ID); err != nil {
			s.t.Fatal(err)
		}
	}
	return u.ID
}

// browser is a visitor with a cookie jar.
type browser struct {
	s *site
	c *http.Client
}

func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{s: s, c: &http.Client{Jar: jar, Timeout: 10 * time.Second}}
}

// login logs the browser in as name through the loopback's OAuth2.
func (b *browser) login(name string) {
	b.s.t.Helper()
	b.s.dc.SetOAuth2User(name)
	status, body := b.get("/login")
	if status != http.StatusOK || !strings.Contains(body, "Your practice") {
		b.s.t.Fatalf("login as %s ended with %d:\n%s", name, status, body)
	}
}

// get fetches path (following redirects) and returns status and body.
func (b *browser) get(path string) (int, string) {
	b.s.t.Helper()
	resp, err := b.c.Get(b.s.ts.URL + path)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// post sends a form to path, not following the redirect it answers with.
func (b *browser) post(path string, form url.Values) (int, string) {
	b.s.t.Helper()
	c := *b.c
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(b.s.ts.URL+path, form)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrf is the session's form token, read from a page.
func (b *browser) csrf() string {
	b.s.t.Helper()
	_, body := b.get("/")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		b.s.t.Fatal("no CSRF token on the start page: not logged in?")
	}
	return m[1]
}

// noRedirect is a client that stops at the first redirect.
func (b *browser) noRedirect() *http.Client {
	c := *b.c
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}
