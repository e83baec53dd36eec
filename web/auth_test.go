package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// startLogin follows /login to the loopback's authorization page and
// from there to the callback address it redirects to, without visiting
// the callback.
func (b *browser) startLogin(name string) *url.URL {
	b.s.t.Helper()
	b.s.dc.SetOAuth2User(name)
	c := b.noRedirect()
	resp, err := c.Get(b.s.ts.URL + "/login")
	if err != nil {
		b.s.t.Fatal(err)
	}
	resp.Body.Close()
	auth := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.Contains(auth, "code_challenge_method=S256") || !strings.Contains(auth, "state=") {
		b.s.t.Fatalf("/login: %d to %q", resp.StatusCode, auth)
	}
	resp, err = c.Get(auth)
	if err != nil {
		b.s.t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || back.Query().Get("code") == "" {
		b.s.t.Fatalf("authorize: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return back
}

// visit gets an absolute address without following redirects.
func (b *browser) visit(u string) (*http.Response, string) {
	b.s.t.Helper()
	resp, err := b.noRedirect().Get(u)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// sessions counts the stored sessions.
func (s *site) sessions() int {
	ex, err := s.st.MyData.Export(context.Background(), s.dc.User("member").ID, s.clock())
	if err != nil {
		s.t.Fatal(err)
	}
	return len(ex.Data["web_sessions"])
}

// TestLoginCookiesAndSession: a login through the loopback's OAuth2 makes
// a session whose cookie is HttpOnly and SameSite=Lax.
func TestLoginCookiesAndSession(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	s.member("member")
	b := s.browser()
	back := b.startLogin("member")
	resp, _ := b.visit(back.String())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("callback: %d", resp.StatusCode)
	}
	var found bool
	for _, c := range resp.Cookies() {
		if c.Name == "prepcord_session" && c.Value != "" {
			found = true
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure {
				t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, not Secure over http", c)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
	if status, body := b.get("/me"); status != http.StatusOK || !strings.Contains(body, "Log out member") {
		t.Fatalf("/me after login: %d\n%s", status, body)
	}
	if n := s.sessions(); n != 1 {
		t.Fatalf("%d sessions stored, want 1", n)
	}
}

// TestLoginBadStateFails: a callback whose state is not the browser's is
// refused before any code is exchanged.
func TestLoginBadStateFails(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("member")
	b := s.browser()
	back := b.startLogin("member")
	q := back.Query()
	q.Set("state", "forged")
	back.RawQuery = q.Encode()
	resp, body := b.visit(back.String())
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "not started here") {
		t.Fatalf("forged state: %d\n%s", resp.StatusCode, body)
	}
	if len(s.dc.RequestsTo("POST /oauth2/token")) != 0 {
		t.Fatal("a code was exchanged despite the wrong state")
	}
	// Another browser cannot use this browser's callback either.
	resp, _ = s.browser().visit(b.startLogin("member").String())
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("callback in a browser that did not start the login: %d", resp.StatusCode)
	}
	if s.sessions() != 0 {
		t.Fatal("a session was made")
	}
}

// TestLoginBadVerifierFails: the loopback checks the PKCE verifier against
// the challenge, so a code stolen on its way back is useless without the
// verifier this browser holds.
func TestLoginBadVerifierFails(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("member")
	b := s.browser()
	back := b.startLogin("member")
	siteURL, _ := url.Parse(s.ts.URL + "/auth/")
	var state string
	for _, c := range b.c.Jar.Cookies(siteURL) {
		if c.Name == "prepcord_login" {
			state, _, _ = strings.Cut(c.Value, ".")
		}
	}
	if state == "" {
		t.Fatal("no login cookie")
	}
	b.c.Jar.SetCookies(siteURL, []*http.Cookie{{Name: "prepcord_login", Value: state + ".a-different-verifier-of-enough-length-to-pass-the-length-checks", Path: "/auth"}})
	resp, body := b.visit(back.String())
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Discord did not accept") {
		t.Fatalf("wrong verifier: %d\n%s", resp.StatusCode, body)
	}
	reqs := s.dc.RequestsTo("POST /oauth2/token")
	if len(reqs) != 1 || reqs[0].Status != http.StatusBadRequest {
		t.Fatalf("token requests: %+v", reqs)
	}
	if s.sessions() != 0 {
		t.Fatal("a session was made")
	}
}

// TestLoginOffWithoutPublicURL: without PUBLIC_URL the login page says
// what to set.
func TestLoginOffWithoutPublicURL(t *testing.T) {
	s := newSite(t, siteOptions{NoLogin: true})
	status, body := s.browser().get("/login")
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "PUBLIC_URL") || !strings.Contains(body, "DISCORD_CLIENT_SECRET") {
		t.Fatalf("/login without PUBLIC_URL: %d\n%s", status, body)
	}
}

// TestExpiredSession: a session ends after its lifetime.
func TestExpiredSession(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("member")
	b := s.browser()
	b.login("member")
	s.advance(7*24*time.Hour + time.Minute)
	resp, _ := b.visit(s.ts.URL + "/me")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("/me with an expired session: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// TestLogout: logout is a POST with the session's CSRF token; it deletes
// the session.
func TestLogout(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("member")
	b := s.browser()
	b.login("member")
	token := b.csrf()
	for _, form := range []url.Values{{}, {"csrf": {"wrong"}}} {
		if status, _ := b.post("/logout", form); status != http.StatusForbidden {
			t.Fatalf("logout with csrf %q: %d, want 403", form.Get("csrf"), status)
		}
	}
	if s.sessions() != 1 {
		t.Fatal("a refused logout ended the session")
	}
	if resp, _ := b.visit(s.ts.URL + "/logout"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET /logout: %d, want 405", resp.StatusCode)
	}
	if status, _ := b.post("/logout", url.Values{"csrf": {token}}); status != http.StatusSeeOther {
		t.Fatalf("logout: %d", status)
	}
	if s.sessions() != 0 {
		t.Fatal("the session is still stored after logout")
	}
	if resp, _ := b.visit(s.ts.URL + "/me"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("/me after logout: %d", resp.StatusCode)
	}
}
