package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/prepcord/prepcord/data"
)

// adminRoutes lists every route of the admin group, from the router, with
// the server filled in.
func (s *site) adminRoutes(guild string) [][2]string {
	var out [][2]string
	err := chi.Walk(s.web.Router(), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if strings.HasPrefix(route, "/s/{guild}/admin") {
			out = append(out, [2]string{method, strings.ReplaceAll(route, "{guild}", guild)})
		}
		return nil
	})
	if err != nil {
		s.t.Fatal(err)
	}
	if len(out) < 2 {
		s.t.Fatalf("only %d admin routes found: %v", len(out), out)
	}
	return out
}

// send makes a request with the session's CSRF token on non-GET methods.
func (b *browser) send(method, path, csrf string) int {
	b.s.t.Helper()
	var resp *http.Response
	var err error
	if method == http.MethodGet {
		resp, err = b.noRedirect().Get(b.s.ts.URL + path)
	} else {
		req, _ := http.NewRequest(method, b.s.ts.URL+path, strings.NewReader(url.Values{"csrf": {csrf}, "publish": {"on"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err = b.noRedirect().Do(req)
	}
	if err != nil {
		b.s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestEveryAdminRouteRefusesNonAdmins walks the router: every admin route
// refuses visitors, members without Manage Server, and admins of another
// server, with a valid CSRF token and all.
func TestEveryAdminRouteRefusesNonAdmins(t *testing.T) {
	s := newSite(t, siteOptions{Bot: true})
	s.member("member")
	s.member("boss", s.beta) // manages Beta, not Alpha
	routes := s.adminRoutes(s.alpha)
	for _, want := range []string{"/daily/edit", "/daily/pause", "/daily/resume", "/suggestions/approve", "/suggestions/reject", "/mock/rounds"} {
		found := false
		for _, r := range routes {
			found = found || r[0] == http.MethodPost && strings.HasSuffix(r[1], want)
		}
		if !found {
			t.Errorf("POST %s is not among the walked admin routes", want)
		}
	}

	visitor := s.browser()
	for _, r := range routes {
		got := visitor.send(r[0], r[1], "")
		if r[0] == http.MethodGet && got != http.StatusSeeOther || r[0] != http.MethodGet && got != http.StatusForbidden {
			t.Errorf("visitor %s %s: %d", r[0], r[1], got)
		}
	}
	for _, name := range []string{"member", "boss"} {
		b := s.browser()
		b.login(name)
		token := b.csrf()
		for _, r := range routes {
			if got := b.send(r[0], r[1], token); got != http.StatusForbidden {
				t.Errorf("%s %s %s: %d, want 403", name, r[0], r[1], got)
			}
		}
	}
	if on, _ := s.st.Web.Published(context.Background(), s.alpha); on {
		t.Fatal("a non-admin published Alpha's bank")
	}
	// The admin of Alpha gets through on every route.
	admin := s.browser()
	s.member("owner-friend", s.alpha)
	admin.login("owner-friend")
	token := admin.csrf()
	// (A form sent empty may be refused as bad input, never as forbidden.)
	for _, r := range routes {
		if got := admin.send(r[0], r[1], token); got == http.StatusForbidden || got >= 500 {
			t.Errorf("admin %s %s: %d", r[0], r[1], got)
		}
	}
}

// TestAdminFormsNeedCSRF: a missing or wrong token changes nothing.
func TestAdminFormsNeedCSRF(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	s.member("boss", s.alpha)
	b := s.browser()
	b.login("boss")
	path := "/s/" + s.alpha + "/admin/publish"
	for _, form := range []url.Values{{"publish": {"on"}}, {"publish": {"on"}, "csrf": {"not-the-token"}}} {
		if status, body := b.post(path, form); status != http.StatusForbidden || !strings.Contains(body, "out of date") {
			t.Fatalf("publish with csrf %q: %d\n%s", form.Get("csrf"), status, body)
		}
	}
	if on, _ := s.st.Web.Published(context.Background(), s.alpha); on {
		t.Fatal("published without a CSRF token")
	}
	if status, _ := b.post(path, url.Values{"publish": {"on"}, "csrf": {b.csrf()}}); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	if on, _ := s.st.Web.Published(context.Background(), s.alpha); !on {
		t.Fatal("not published")
	}
	if status, _ := b.post(path, url.Values{"publish": {"maybe"}, "csrf": {b.csrf()}}); status != http.StatusBadRequest {
		t.Fatalf("publish=maybe: %d, want 400", status)
	}
}

// TestAdminChangeRechecksWithDiscord: a member who lost Manage Server
// after logging in may still read the pages they had, but a change asks
// Discord again once the short cache has expired, and is refused.
func TestAdminChangeRechecksWithDiscord(t *testing.T) {
	s := newSite(t, siteOptions{})
	id := s.member("boss", s.alpha)
	b := s.browser()
	b.login("boss")
	path := "/s/" + s.alpha + "/admin/publish"
	if status, _ := b.post(path, url.Values{"publish": {"on"}, "csrf": {b.csrf()}}); status != http.StatusSeeOther {
		t.Fatalf("publish: %d", status)
	}
	if err := s.dc.RemoveMemberRole(s.alpha, id, s.dc.Role(s.alpha, "Admin").ID); err != nil {
		t.Fatal(err)
	}
	s.advance(time.Minute)
	status, body := b.post(path, url.Values{"publish": {"off"}, "csrf": {b.csrf()}})
	if status != http.StatusForbidden || !strings.Contains(body, "no longer have Manage Server") {
		t.Fatalf("change after losing Manage Server: %d\n%s", status, body)
	}
	if on, _ := s.st.Web.Published(context.Background(), s.alpha); !on {
		t.Fatal("the change went through")
	}
}

// TestAdminOverviewShowsOnlyItsServer: the overview lists the server's
// own feeds and suggestions, never another's.
func TestAdminOverviewShowsOnlyItsServer(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha, s.beta)
	if _, err := s.st.Suggestions.Add(context.Background(), s.beta, "author1", data.Question{
		Title: "Beta-only suggestion about caches", Company: "Betaco", Category: "System design", Difficulty: "medium",
		Prompt: "Design a cache only Beta cares about.",
	}); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("boss")
	status, body := b.get("/s/" + s.alpha + "/admin/")
	if status != http.StatusOK || !strings.Contains(body, "Admin: Alpha") || strings.Contains(body, "Beta-only") {
		t.Fatalf("Alpha's overview: %d\n%s", status, body)
	}
	if _, body := b.get("/s/" + s.beta + "/admin/"); !strings.Contains(body, "Beta-only suggestion") {
		t.Fatalf("Beta's overview lacks its suggestion:\n%s", body)
	}
}

// TestAdminOverviewCountsOwnQuestions: the publish section counts the
// server's own questions only.
func TestAdminOverviewCountsOwnQuestions(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha, s.beta)
	for _, title := range []string{"First own question", "Second own question"} {
		if _, err := s.st.Questions.AddSuggested(context.Background(), s.alpha, "author1", data.Question{
			Title: title, Company: "Alphacorp", Category: "SQL", Difficulty: "easy", Prompt: "p",
		}); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser()
	b.login("boss")
	if _, body := b.get("/s/" + s.alpha + "/admin/"); !strings.Contains(body, "This server has 2 questions of its own") {
		t.Fatalf("overview:\n%s", body)
	}
	if _, body := b.get("/s/" + s.beta + "/admin/"); !strings.Contains(body, "This server has 0 questions of its own") {
		t.Fatal("Beta's overview counts Alpha's questions")
	}
}
