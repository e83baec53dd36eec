package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/web"
)

// TestPublicBankPages: browse, clean filter URLs, search, pagination and
// the question page of the bundled bank.
func TestPublicBankPages(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	b := s.browser()
	q := s.bundle[0]

	status, body := b.get("/bank")
	if status != http.StatusOK || !strings.Contains(body, "questions</h2>") || !strings.Contains(body, `rel="next"`) {
		t.Fatalf("/bank: %d\n%s", status, body)
	}
	status, body = b.get("/bank/company/" + url.PathEscape(strings.ToLower(q.Company)))
	if status != http.StatusOK || !strings.Contains(body, html.EscapeString(q.Company)) || !strings.Contains(body, "remove") {
		t.Fatalf("/bank/company/%s: %d\n%s", q.Company, status, body)
	}
	status, body = b.get("/bank?q=" + url.QueryEscape(q.Title))
	if status != http.StatusOK || !strings.Contains(body, html.EscapeString(q.Title)) {
		t.Fatalf("search for %q: %d\n%s", q.Title, status, body)
	}
	status, body = b.get("/q/" + url.PathEscape(q.ID))
	for _, want := range []string{"<h1>" + html.EscapeString(q.Title) + "</h1>", "<details", "Show solution", "/question company:", html.EscapeString(q.Category)} {
		if status != http.StatusOK || !strings.Contains(body, want) {
			t.Fatalf("/q/%s: %d, no %q\n%s", q.ID, status, want, body)
		}
	}
	for path, want := range map[string]int{
		"/q/no-such-question":       http.StatusNotFound,
		"/bank?difficulty=terrible": http.StatusBadRequest,
		"/bank/colour/blue":         http.StatusNotFound,
		"/bank?page=2":              http.StatusOK,
	} {
		if status, _ := b.get(path); status != want {
			t.Errorf("%s: status %d, want %d", path, status, want)
		}
	}
}

// TestPublicBankOff: without WEB_PUBLIC_BANK the bank pages are not there.
func TestPublicBankOff(t *testing.T) {
	s := newSite(t, siteOptions{})
	b := s.browser()
	for _, path := range []string{"/bank", "/bank/company/tiktok", "/q/" + url.PathEscape(s.bundle[0].ID), "/s/" + s.alpha + "/bank"} {
		if status, _ := b.get(path); status != http.StatusNotFound {
			t.Errorf("%s with the public bank off: %d, want 404", path, status)
		}
	}
}

// TestServerBankPublishedOnlyOnItsOwnPages: a server's own question shows
// on its pages once its admins publish it, and never on the bundled
// bank's pages or another server's.
func TestServerBankPublishedOnlyOnItsOwnPages(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	ctx := context.Background()
	own, err := s.st.Questions.AddSuggested(ctx, s.alpha, "author1", data.Question{
		Title: "Alpha's secret onboarding question", Company: "Alphacorp", Category: "SQL", Difficulty: "easy",
		Prompt: "Count the rows only Alpha knows about.", Solution: "SELECT count(*) FROM alpha",
	})
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	qpath := "/s/" + s.alpha + "/q/" + url.PathEscape(own.ID)
	if status, _ := b.get(qpath); status != http.StatusNotFound {
		t.Fatalf("unpublished server question: %d, want 404", status)
	}
	for _, g := range []string{s.alpha, s.beta} {
		if err := s.st.Web.SetPublished(ctx, g, true); err != nil {
			t.Fatal(err)
		}
	}
	if status, body := b.get(qpath); status != http.StatusOK || !strings.Contains(body, "Alpha&#39;s secret onboarding question") {
		t.Fatalf("published question: %d\n%s", status, body)
	}
	if _, body := b.get("/s/" + s.alpha + "/bank/company/alphacorp"); !strings.Contains(body, "secret onboarding") {
		t.Fatalf("Alpha's bank page lacks its question:\n%s", body)
	}
	for _, path := range []string{"/q/" + url.PathEscape(own.ID), "/s/" + s.beta + "/q/" + url.PathEscape(own.ID)} {
		if status, body := b.get(path); status != http.StatusNotFound || strings.Contains(body, "secret onboarding") {
			t.Errorf("%s shows Alpha's question: %d", path, status)
		}
	}
	for _, path := range []string{"/bank?q=onboarding", "/s/" + s.beta + "/bank?q=onboarding", "/bank", "/s/" + s.beta + "/bank"} {
		if _, body := b.get(path); strings.Contains(body, "secret onboarding") || strings.Contains(body, "Alphacorp") {
			t.Errorf("%s shows Alpha's question", path)
		}
	}
}

// TestQuestionURL: the /question embed links to the public page only
// when PUBLIC_URL is set and the public bank is on.
func TestQuestionURL(t *testing.T) {
	for _, c := range []struct {
		base   string
		public bool
		want   string
	}{
		{"https://prep.example.org", true, "https://prep.example.org/q/tiktok-two%20sum"},
		{"https://prep.example.org/", true, "https://prep.example.org/q/tiktok-two%20sum"},
		{"https://prep.example.org", false, ""},
		{"", true, ""},
	} {
		if got := web.QuestionURL(c.base, c.public, "tiktok-two sum"); got != c.want {
			t.Errorf("QuestionURL(%q, %v) = %q, want %q", c.base, c.public, got, c.want)
		}
	}
}

// TestParsePublicURL refuses what is not a site address.
func TestParsePublicURL(t *testing.T) {
	for _, bad := range []string{"prep.example.org", "ftp://x", "https://", "https://u:p@x", "https://x/?a=1", "https://x/#f", "https://x/prep"} {
		if _, err := web.ParsePublicURL(bad); err == nil {
			t.Errorf("ParsePublicURL(%q) accepted it", bad)
		}
	}
	if u, err := web.ParsePublicURL("https://prep.example.org/"); err != nil || u.String() != "https://prep.example.org" {
		t.Errorf("ParsePublicURL: %v, %v", u, err)
	}
}
