package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/internal/fsrs"
	"golang.org/x/net/html/atom"
)

// a11yProblems checks the basics of one page: a non-empty <title>, a
// label for every field a person fills in, exactly one h1, and headings
// that never skip a level on the way down.
func a11yProblems(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var problems []string
	labels := map[string]bool{}
	var fields []*html.Node
	var headings []int
	title := ""
	var walk func(n *html.Node, inLabel bool)
	walk = func(n *html.Node, inLabel bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if n.FirstChild != nil {
					title = strings.TrimSpace(n.FirstChild.Data)
				}
			case atom.Label:
				labels[attr(n, "for")] = true
				inLabel = true
			case atom.Input, atom.Select, atom.Textarea:
				t := attr(n, "type")
				if t != "hidden" && t != "submit" && t != "button" && !inLabel && attr(n, "aria-label") == "" {
					fields = append(fields, n)
				}
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				headings = append(headings, int(n.Data[1]-'0'))
			case atom.Img:
				if _, ok := attrOK(n, "alt"); !ok {
					problems = append(problems, "an image without alt text")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLabel)
		}
	}
	walk(doc, false)
	if title == "" {
		problems = append(problems, "no <title>")
	}
	for _, f := range fields {
		if id := attr(f, "id"); id == "" || !labels[id] {
			problems = append(problems, fmt.Sprintf("<%s name=%q> has no label", f.Data, attr(f, "name")))
		}
	}
	h1 := 0
	for i, h := range headings {
		if h == 1 {
			h1++
		}
		if i == 0 && h != 1 {
			problems = append(problems, fmt.Sprintf("the first heading is h%d", h))
		}
		if i > 0 && h > headings[i-1]+1 {
			problems = append(problems, fmt.Sprintf("h%d follows h%d", h, headings[i-1]))
		}
	}
	if h1 != 1 {
		problems = append(problems, fmt.Sprintf("%d h1 headings", h1))
	}
	return problems
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// TestAccessibilityBasics runs a11yProblems over every page: public,
// member and admin pages, and the error and login-off pages.
func TestAccessibilityBasics(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	s.member("boss", s.alpha)
	ctx := context.Background()
	if err := s.st.Web.SetPublished(ctx, s.alpha, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.History.RecordParticipation(ctx, s.alpha, s.dc.User("boss").ID, "2026-12-01", 1, s.clock().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	q := s.bundle[0]
	// A rated question, so that /me draws its progress chart.
	if sq, err := s.st.Questions.ByID(ctx, s.alpha, q.ID); err != nil {
		t.Fatal(err)
	} else if err := s.st.History.MarkSeenAt(ctx, s.dc.User("boss").ID, s.alpha, sq.Seq, s.clock()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.Reviews.Rate(ctx, s.alpha, s.dc.User("boss").ID, q.ID, fsrs.Good, s.clock()); err != nil {
		t.Fatal(err)
	}
	visitor := s.browser()
	boss := s.browser()
	boss.login("boss")
	// The dashboard's pages with something on them: a feed, a suggestion,
	// an own question, an audit line.
	s.member("author")
	ch := s.textChannel(s.alpha, "daily")
	if status, body := boss.post("/s/"+s.alpha+"/admin/daily/edit", feedForm(boss.csrf(), ch)); status != http.StatusSeeOther {
		t.Fatalf("feed: %d\n%s", status, body)
	}
	s.suggest(s.alpha, "author", "A suggestion to review")
	own, err := s.st.Questions.AddSuggested(ctx, s.alpha, s.dc.User("author").ID, data.Question{
		Title: "An own question", Company: "Alphacorp", Category: "SQL", Difficulty: "easy", Prompt: "p"})
	if err != nil {
		t.Fatal(err)
	}
	pages := []struct {
		b    *browser
		path string
	}{
		{visitor, "/"},
		{visitor, "/bank"},
		{visitor, "/bank/category/" + url.PathEscape(strings.ToLower(q.Category))},
		{visitor, "/bank?q=design&difficulty=hard"},
		{visitor, "/q/" + url.PathEscape(q.ID)},
		{visitor, "/s/" + s.alpha + "/bank"},
		{visitor, "/no/such/page"},
		{boss, "/"},
		{boss, "/me"},
		{boss, "/q/" + url.PathEscape(q.ID)},
		{boss, "/s/" + s.alpha + "/admin/"},
		{boss, "/s/" + s.beta + "/admin/"}, // refused: an error page
		{boss, "/s/" + s.alpha + "/admin/daily"},
		{boss, "/s/" + s.alpha + "/admin/daily/edit"},
		{boss, "/s/" + s.alpha + "/admin/daily/edit?feed=swe"},
		{boss, "/s/" + s.alpha + "/admin/daily/preview?feed=swe"},
		{boss, "/s/" + s.alpha + "/admin/suggestions"},
		{boss, "/s/" + s.alpha + "/admin/bank"},
		{boss, "/s/" + s.alpha + "/admin/bank?q=own"},
		{boss, "/s/" + s.alpha + "/admin/bank/edit?id=" + url.QueryEscape(own.ID)},
		{boss, "/s/" + s.alpha + "/admin/mock"},
		{boss, "/s/" + s.alpha + "/admin/charts"},
		{boss, "/s/" + s.alpha + "/admin/charts?days=90"},
		{boss, "/s/" + s.alpha + "/admin/audit"},
	}
	for _, p := range pages {
		status, body := p.b.get(p.path)
		if status >= 500 {
			t.Errorf("%s: %d", p.path, status)
		}
		for _, problem := range a11yProblems(body) {
			t.Errorf("%s: %s", p.path, problem)
		}
	}
	// Forms shown again with their problems.
	bad := feedForm(boss.csrf(), ch)
	bad.Set("time", "25:99")
	bad.Set("company", "Nosuchcompany")
	for path, form := range map[string]url.Values{
		"/s/" + s.alpha + "/admin/daily/edit": bad,
		"/s/" + s.alpha + "/admin/mock":       {"csrf": {boss.csrf()}, "expiry": {"forever"}, "strikes": {"0"}},
		"/s/" + s.alpha + "/admin/bank/edit":  {"csrf": {boss.csrf()}, "id": {own.ID}, "title": {""}},
	} {
		status, body := boss.post(path, form)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("POST %s: %d, want 422", path, status)
		}
		for _, problem := range a11yProblems(body) {
			t.Errorf("POST %s: %s", path, problem)
		}
	}
	off := newSite(t, siteOptions{NoLogin: true})
	status, body := off.browser().get("/login")
	if status != http.StatusServiceUnavailable {
		t.Errorf("login-off page: %d", status)
	}
	for _, problem := range a11yProblems(body) {
		t.Errorf("/login (off): %s", problem)
	}
}

// TestSecurityHeaders: every page forbids scripts and framing.
func TestSecurityHeaders(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	for _, path := range []string{"/", "/bank", "/no/such/page", "/static/site.css"} {
		resp, _ := s.browser().visit(s.ts.URL + path)
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "script-src") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, resp.Header)
		}
	}
}

// TestA11yCheckerFindsProblems: the checker itself catches what it looks for.
func TestA11yCheckerFindsProblems(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{`<html><head></head><body><h1>x</h1></body></html>`, "no <title>"},
		{`<title>t</title><h1>x</h1><input name="q">`, "has no label"},
		{`<title>t</title><h1>x</h1><label for="a">A</label><input id="b" name="q">`, "has no label"},
		{`<title>t</title><h1>x</h1><h3>y</h3>`, "h3 follows h1"},
		{`<title>t</title><h2>x</h2>`, "first heading is h2"},
		{`<title>t</title><h1>x</h1><img src="a.png">`, "without alt"},
	} {
		got := strings.Join(a11yProblems(c.page), "; ")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s: problems %q, want %q", c.page, got, c.want)
		}
	}
	if got := a11yProblems(`<title>t</title><h1>x</h1><label for="q">Q</label><input id="q" name="q"><h2>y</h2>`); len(got) != 0 {
		t.Errorf("a fine page: %v", got)
	}
}
