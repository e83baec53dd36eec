package discordtest_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/discordtest"
)

// authorizeCode walks the loopback's authorization page and returns the
// code it redirects back with.
func authorizeCode(t *testing.T, srv *discordtest.Server, challenge string) string {
	t.Helper()
	q := url.Values{"client_id": {srv.ApplicationID()}, "response_type": {"code"}, "redirect_uri": {"http://site.test/auth/callback"},
		"scope": {"identify guilds"}, "state": {"s1"}, "code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(srv.OAuth2AuthorizeURL() + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || back.Query().Get("state") != "s1" || back.Query().Get("code") == "" {
		t.Fatalf("authorize: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return back.Query().Get("code")
}

// exchange posts the token request and returns status and body.
func exchange(t *testing.T, srv *discordtest.Server, secret string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.APIURL()+"/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(srv.ApplicationID(), secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// TestOAuth2CodeExchange: the token exchange checks the client secret,
// the redirect, the PKCE verifier and that a code is used once; the token
// reads the member and their servers with permissions, and nothing else.
func TestOAuth2CodeExchange(t *testing.T) {
	srv := discordtest.New(discordtest.Options{})
	defer srv.Close()
	u := srv.SetOAuth2User("alice")
	verifier := "a-verifier-long-enough-for-rfc-7636-rules-0123456789"
	sum := sha256.Sum256([]byte(verifier))
	challenge := base64.RawURLEncoding.EncodeToString(sum[:])
	form := func(code, redirect, v string) url.Values {
		return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect}, "code_verifier": {v}}
	}
	const redirect = "http://site.test/auth/callback"
	for _, c := range []struct {
		name, secret, redirect, verifier string
		status                           int
	}{
		{"wrong secret", "nope", redirect, verifier, http.StatusUnauthorized},
		{"wrong redirect", srv.ClientSecret(), "http://evil.test/cb", verifier, http.StatusBadRequest},
		{"wrong verifier", srv.ClientSecret(), redirect, "another-verifier-of-the-same-kind-0123456789", http.StatusBadRequest},
	} {
		if status, _ := exchange(t, srv, c.secret, form(authorizeCode(t, srv, challenge), c.redirect, c.verifier)); status != c.status {
			t.Errorf("%s: %d, want %d", c.name, status, c.status)
		}
	}
	code := authorizeCode(t, srv, challenge)
	status, tok := exchange(t, srv, srv.ClientSecret(), form(code, redirect, verifier))
	if status != http.StatusOK || tok["access_token"] == "" {
		t.Fatalf("exchange: %d %v", status, tok)
	}
	if status, _ := exchange(t, srv, srv.ClientSecret(), form(code, redirect, verifier)); status != http.StatusBadRequest {
		t.Errorf("a code used twice: %d", status)
	}
	get := func(path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.APIURL()+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok["access_token"].(string))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if status, body := get("/users/@me"); status != http.StatusOK || !strings.Contains(body, `"id":"`+u.ID+`"`) {
		t.Errorf("/users/@me: %d %s", status, body)
	}
	if status, body := get("/users/@me/guilds"); status != http.StatusOK || !strings.Contains(body, `"permissions":"`) || !strings.Contains(body, "Prep Community") {
		t.Errorf("/users/@me/guilds: %d %s", status, body)
	}
	if status, _ := get("/guilds/" + srv.DefaultGuild().ID); status != http.StatusUnauthorized {
		t.Errorf("a member's token read a bot route: %d", status)
	}
}
