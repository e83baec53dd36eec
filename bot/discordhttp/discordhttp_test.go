package discordhttp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordhttp"
)

// recorder is a RoundTripper that remembers the last URL it was asked for.
type recorder struct{ got string }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.got = req.URL.String()
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}, Request: req}, nil
}

func TestNewTransportRewrites(t *testing.T) {
	tests := []struct {
		name, apiURL, in, want string
	}{
		{"loopback", "http://127.0.0.1:1234/api/v9", discordgo.EndpointChannelMessages("1"), "http://127.0.0.1:1234/api/v9/channels/1/messages"},
		{"trailing slash", "http://127.0.0.1:1234/api/v9/", discordgo.EndpointGateway, "http://127.0.0.1:1234/api/v9/gateway"},
		{"proxy other prefix", "https://proxy.example/discord/api/v9", discordgo.EndpointUser("@me"), "https://proxy.example/discord/api/v9/users/@me"},
		{"query kept", "http://127.0.0.1:1/api/v9", discordgo.EndpointWebhookToken("1", "tok") + "?wait=true", "http://127.0.0.1:1/api/v9/webhooks/1/tok?wait=true"},
		{"interaction callback", "http://h:2/api/v9", discordgo.EndpointInteractionResponse("5", "aW50"), "http://h:2/api/v9/interactions/5/aW50/callback"},
		{"cdn untouched", "http://127.0.0.1:1234/api/v9", "https://cdn.discordapp.com/avatars/1/2.png", "https://cdn.discordapp.com/avatars/1/2.png"},
		{"other version untouched", "http://127.0.0.1:1234/api/v9", "https://discord.com/api/v10/users/@me", "https://discord.com/api/v10/users/@me"},
		{"default is identity", "https://discord.com/api/v9", discordgo.EndpointGateway, "https://discord.com/api/v9/gateway"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			rt, err := discordhttp.NewTransport(tc.apiURL, rec)
			if err != nil {
				t.Fatalf("NewTransport: %v", err)
			}
			req, err := http.NewRequest(http.MethodGet, tc.in, nil)
			if err != nil {
				t.Fatal(err)
			}
			before := req.URL.String()
			resp, err := rt.RoundTrip(req)
			if err != nil {
				t.Fatalf("RoundTrip: %v", err)
			}
			resp.Body.Close()
			if rec.got != tc.want {
				t.Errorf("got %s, want %s", rec.got, tc.want)
			}
			if req.URL.String() != before {
				t.Errorf("caller's request modified: %s", req.URL)
			}
		})
	}
}

func TestNewTransportRejects(t *testing.T) {
	for _, bad := range []string{"", "127.0.0.1:1234/api/v9", "ftp://example.com/api/v9", "http:///api/v9", "/api/v9", "http://u:p@example.com/api/v9", "http://example.com/api/v9?x=1"} {
		t.Run(bad, func(t *testing.T) {
			if _, err := discordhttp.NewTransport(bad, nil); err == nil {
				t.Fatalf("NewTransport(%q) accepted", bad)
			} else if strings.Contains(err.Error(), "u:p") {
				t.Errorf("error leaks user info: %v", err)
			}
		})
	}
}

func TestNewSession(t *testing.T) {
	const token = "secret-token-value"
	tests := []struct {
		name, token, apiURL string
		wantErr             bool
	}{
		{"ok", token, "http://127.0.0.1:1/api/v9", false},
		{"ok with Bot prefix", "Bot " + token, "https://discord.com/api/v9", false},
		{"empty token", "  ", "http://127.0.0.1:1/api/v9", true},
		{"bad url", token, "nope", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := discordhttp.NewSession(tc.token, tc.apiURL, discordgo.IntentsGuilds)
			if tc.wantErr {
				if err == nil {
					t.Fatal("want error")
				}
				if strings.Contains(err.Error(), token) {
					t.Errorf("error contains the token: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Token != "Bot "+token || s.Identify.Intents != discordgo.IntentsGuilds || s.Client.Timeout == 0 {
				t.Errorf("session not set up: token ok=%v intents=%v timeout=%v", s.Token == "Bot "+token, s.Identify.Intents, s.Client.Timeout)
			}
		})
	}
}

func TestSessionGoesThroughAPIURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v9/users/@me" || r.Header.Get("Authorization") != "Bot tok" {
			http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"42","username":"prepcord","discriminator":"0","bot":true}`)
	}))
	defer srv.Close()
	s, err := discordhttp.NewSession("tok", srv.URL+"/api/v9", 0)
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.User("@me")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "42" || !u.Bot {
		t.Errorf("got %+v", u)
	}
}
