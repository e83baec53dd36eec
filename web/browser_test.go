package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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
