package bot_test

import (
	"bytes"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// proxied is what a forwarding proxy saw: each request's method and path,
// and whether it carried the bot's Authorization header.
type proxied struct {
	mu    sync.Mutex
	calls []proxiedCall
}

type proxiedCall struct {
	method, path string
	auth         bool
}

func (p *proxied) count(match func(proxiedCall) bool) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.calls {
		if match(c) {
			n++
		}
	}
	return n
}

// TestWorksThroughARateLimitProxy runs prepcord with DISCORD_API_URL
// pointing at a forwarding proxy in front of the loopback Discord, as a
// deployment does with a shared rate-limit proxy such as nirn-proxy: the
// start-up calls, /question and a scheduled daily post all go through it,
// every request but the interaction responses carries the bot's
// Authorization header to Discord, and the token is in no log line.
func TestWorksThroughARateLimitProxy(t *testing.T) {
	const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.proxy-TOKEN-value.xyz"
	seen := &proxied{}
	var proxyLog bytes.Buffer
	var target atomic.Pointer[url.URL] // the loopback Discord's, known once the harness made it
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.mu.Lock()
		seen.calls = append(seen.calls, proxiedCall{r.Method, r.URL.Path, r.Header.Get("Authorization") == "Bot "+token})
		seen.mu.Unlock()
		rp := &httputil.ReverseProxy{
			Rewrite:  func(pr *httputil.ProxyRequest) { pr.SetURL(target.Load()) },
			ErrorLog: log.New(&proxyLog, "", 0),
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	logs := newLogCapture()
	h := bottest.New(t, bottest.Options{
		Server: discordtest.Options{Token: token},
		Config: func(c *bot.Config) {
			u, err := url.Parse(c.APIURL)
			if err != nil {
				t.Fatal(err)
			}
			target.Store(&url.URL{Scheme: u.Scheme, Host: u.Host})
			c.APIURL = proxy.URL + "/api/v9"
			c.Log = slog.New(logs)
			c.GlobalRate = discordhttp.GlobalRate
		},
	})
	if n := seen.count(func(c proxiedCall) bool { return strings.HasPrefix(c.path, "/api/v9/gateway") }); n == 0 {
		t.Fatal("the gateway was not discovered through the proxy")
	}

	question := h.Run("ana", "/question company:tiktok")
	if !strings.Contains(bottest.Text(question), "TikTok") {
		t.Fatalf("/question through the proxy: %s", bottest.Text(question))
	}
	ch := h.SetupChannel("daily", "/daily setup channel:#daily time:09:00 timezone:UTC")
	h.Clock.Set(time.Date(2026, 11, 30, 9, 1, 0, 0, time.UTC))
	if err := h.Bot.RunDue(h.Ctx); err != nil {
		t.Fatal(err)
	}
	postPath := "/api/v9/channels/" + ch.ID + "/messages"
	if n := seen.count(func(c proxiedCall) bool { return c.method == http.MethodPost && c.path == postPath && c.auth }); n != 1 {
		t.Fatalf("the daily post: %d requests to %s through the proxy, want 1", n, postPath)
	}
	posts := 0
	for _, r := range h.Srv.RequestsTo("POST /channels/{id}/messages") {
		if strings.Contains(string(r.JSON), "Daily question") && r.Status == http.StatusOK {
			posts++
		}
	}
	if posts != 1 {
		t.Fatalf("the loopback Discord got %d daily posts, want 1", posts)
	}

	// Everything the loopback answered came through the proxy, and the
	// proxy passed the Authorization header on to it.
	total := seen.count(func(proxiedCall) bool { return true })
	if got := len(h.Srv.Requests()); total != got || total < 6 {
		t.Errorf("the proxy carried %d requests, the loopback Discord answered %d", total, got)
	}
	callbacks := seen.count(func(c proxiedCall) bool { return strings.HasSuffix(c.path, "/callback") })
	if callbacks < 2 {
		t.Errorf("%d interaction responses through the proxy, want those of /question and /daily setup", callbacks)
	}
	if n := seen.count(func(c proxiedCall) bool {
		return !c.auth && !discordhttp.IsInteractionEndpoint(strings.TrimPrefix(c.path, "/api/v9"))
	}); n > 0 {
		t.Errorf("%d requests reached the proxy without the bot's Authorization header", n)
	}
	for _, l := range []string{logs.String(), proxyLog.String()} {
		if strings.Contains(l, token) || strings.Contains(l, "proxy-TOKEN") {
			t.Fatalf("the token is in the logs:\n%s", l)
		}
	}
	t.Logf("%d requests through the proxy (%d interaction responses)", total, callbacks)
}
