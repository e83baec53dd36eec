package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// chromiumPath finds the browser, or skips the test (fails it when
// PREPCORD_TEST_REQUIRE_BROWSER=1, as in CI).
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium to run the browser test (Debian: apt-get install chromium)"
	if os.Getenv("PREPCORD_TEST_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile. On failure
// the test saves a screenshot of the page under a folder it logs.
func newBrowser(t *testing.T) context.Context {
	exe := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(412, 915), // a phone
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		if t.Failed() {
			saveScreenshot(t, ctx)
		}
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// saveScreenshot keeps what the browser showed when the test failed.
func saveScreenshot(t *testing.T, ctx context.Context) {
	dir := os.Getenv("PREPCORD_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "prepcord-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Logf("screenshot folder: %v", err)
		return
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	shot, err := chromedp.Run(sctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Logf("no screenshot: %v", err)
		return
	}
	path := filepath.Join(dir, fmt.Sprintf("%s-%d.png", strings.ReplaceAll(t.Name(), "/", "_"), time.Now().UnixNano()))
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Logf("saving the screenshot: %v", err)
		return
	}
	t.Logf("screenshot of the failure: %s (folder %s)", path, dir)
}

// TestBrowserLoginMemberPageAndSolution: in a real headless Chromium, a
// member logs in through the loopback Discord's OAuth2 (state and PKCE),
// sees their page, opens a question and reveals its solution, without
// any JavaScript of the site.
func TestBrowserLoginMemberPageAndSolution(t *testing.T) {
	s := newSite(t, siteOptions{PublicBank: true})
	s.member("alice")
	s.dc.SetOAuth2User("alice")
	if _, err := s.st.History.RecordParticipation(context.Background(), s.alpha, s.dc.User("alice").ID, "2026-12-01", 1, s.clock().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	ctx := newBrowser(t)
	q := s.bundle[0]
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		step("reading "+sel, err)
		return v
	}
	visible := func() bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('details.solution .prose').checkVisibility()`))
		step("checking the solution", err)
		return v
	}
	step("logging in", chromedp.Do(ctx,
		chromedp.Navigate(s.ts.URL+"/"),
		chromedp.Click(chromedp.CSS(`a[href="/login"]`)),
		chromedp.WaitVisible(chromedp.CSS(`img[alt*="daily answers"]`)),
	))
	if h := text("main h1"); h != "Your practice" {
		t.Errorf("after login the page is %q", h)
	}
	if u := text("header form button"); !strings.Contains(u, "alice") {
		t.Errorf("the header says %q, not alice", u)
	}
	step("opening the question", chromedp.Do(ctx,
		chromedp.Navigate(s.ts.URL+"/q/"+url.PathEscape(q.ID)),
		chromedp.WaitVisible(chromedp.CSS(`details.solution summary`)),
	))
	title, err := chromedp.Run(ctx, chromedp.Title())
	step("reading the title", err)
	if !strings.Contains(title, q.Title) {
		t.Errorf("question page title %q lacks %q", title, q.Title)
	}
	if visible() {
		t.Fatal("the solution shows before it is asked for")
	}
	step("revealing the solution", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`details.solution summary`)),
		chromedp.WaitVisible(chromedp.CSS(`details.solution .prose`)),
	))
	if !visible() {
		t.Fatal("the solution is hidden after Show solution")
	}
}

// TestBrowserDashboard: in a real headless Chromium, an admin logs in
// through the loopback's OAuth2, sets up a daily feed, approves a
// suggestion, edits a question of the server in the bank editor, and
// sees a chart, all with the site's forms and no JavaScript of its own.
func TestBrowserDashboard(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	s.member("author")
	s.dc.SetOAuth2User("boss")
	ctx := context.Background()
	ch := s.textChannel(s.alpha, "daily-questions")
	sg := s.suggest(s.alpha, "author", "A rate limiter for logins")
	own, err := s.st.Questions.AddSuggested(ctx, s.alpha, s.dc.User("author").ID, data.Question{
		Title: "Count the islands", Company: "Alphacorp", Category: "Algorithms", Difficulty: "medium", Prompt: "Count the islands of a grid."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.st.History.RecordParticipation(ctx, s.alpha, s.dc.User("author").ID, "2026-12-02", 1, s.clock().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	bctx := newBrowser(t)
	step := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	admin := s.ts.URL + "/s/" + s.alpha + "/admin"
	// fill replaces what a field holds, as a person selecting it all and
	// typing would.
	fill := func(sel, value string) {
		t.Helper()
		js, _ := json.Marshal(value)
		got, err := chromedp.Run(bctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => { const f = document.querySelector(%q); f.value = %s; return f.value; })()`, sel, js)))
		step("filling "+sel, err)
		if got != value {
			t.Fatalf("%s holds %q, want %q", sel, got, value)
		}
	}
	step("logging in", chromedp.Do(bctx,
		chromedp.Navigate(s.ts.URL+"/"),
		chromedp.Click(chromedp.CSS(`a[href="/login"]`)),
		chromedp.WaitVisible(chromedp.CSS(`header form button`)),
	))

	step("setting up a daily feed", chromedp.Do(bctx,
		chromedp.Navigate(admin+"/daily/edit"),
		chromedp.WaitVisible(chromedp.CSS(`#f-feed`)),
		chromedp.SendKeys(chromedp.CSS(`#f-feed`), "swe"),
	))
	// The channel is chosen as a person would pick it in the list.
	got, err := chromedp.Run(bctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('#f-channel');
		for (const o of s.options) { if (o.textContent === '#daily-questions') { o.selected = true; } } return s.value; })()`))
	step("choosing the channel", err)
	if got != ch {
		t.Fatalf("the channel list chose %q, want %s", got, ch)
	}
	fill("#f-time", "8:30am")
	fill("#f-timezone", "Europe/Paris")
	step("saving the feed", chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#feed-swe`)),
	))
	if c, err := s.st.Daily.Feed(ctx, s.alpha, "swe"); err != nil || c.Clock != "08:30" || c.Zone != "Europe/Paris" || c.ChannelID != ch {
		t.Fatalf("the feed set up in the browser: %+v, %v", c, err)
	}

	step("approving a suggestion", chromedp.Do(bctx,
		chromedp.Navigate(admin+"/suggestions"),
		chromedp.WaitVisible(chromedp.CSS(`form.approve button`)),
		chromedp.Click(chromedp.CSS(`form.approve button`)),
		chromedp.WaitVisible(chromedp.CSS(`main p.empty, main p.problem`)),
	))
	if got, _ := s.st.Suggestions.Get(ctx, s.alpha, sg.ID); got.Status != store.SuggestionApproved {
		t.Fatalf("the suggestion is %s after Approve in the browser", got.Status)
	}

	step("saving a change in the bank editor", chromedp.Do(bctx,
		chromedp.Navigate(admin+"/bank?q=islands"),
		chromedp.WaitVisible(chromedp.CSS(`a[href*="bank/edit?id="]`)),
		chromedp.Click(chromedp.CSS(`a[href*="bank/edit?id="]`)),
		chromedp.WaitVisible(chromedp.CSS(`#q-prompt`)),
	))
	fill("#q-prompt", "Count the islands of a grid of land and water.")
	step("saving the question", chromedp.Do(bctx,
		chromedp.Click(chromedp.CSS(`form.bankedit button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p[role=status]`)),
	))
	if q, _ := s.st.Questions.ByID(ctx, s.alpha, own.ID); q.Prompt != "Count the islands of a grid of land and water." {
		t.Fatalf("the prompt after saving in the browser: %q", q.Prompt)
	}

	step("seeing a chart", chromedp.Do(bctx,
		chromedp.Navigate(admin+"/charts"),
		chromedp.WaitVisible(chromedp.CSS(`#h-participation`)),
	))
	n, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.querySelectorAll('section.chart svg[role="img"]').length`))
	step("counting the charts", err)
	if n != 4 {
		t.Fatalf("%d charts drawn, want 4", n)
	}
	w, err := chromedp.Run(bctx, chromedp.Evaluate[float64](`document.querySelector('section.chart svg').getBoundingClientRect().width`))
	step("measuring the chart", err)
	if w < 100 {
		t.Fatalf("the chart is %v px wide", w)
	}
}
