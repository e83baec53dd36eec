package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe to read while try writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestTryWebLogsInWithoutDiscord: `prepcord try --web --as admin` prints
// the site's address; logging in there goes through the built-in
// Discord's OAuth2 and opens the member page and the server's admin page.
func TestTryWebLogsInWithoutDiscord(t *testing.T) {
	inTempDir(t)
	t.Setenv("TMPDIR", t.TempDir())
	stdin, feed := io.Pipe()
	out, errb := &lockedBuffer{}, &lockedBuffer{}
	e := &env{stdin: stdin, stdout: out, stderr: errb, getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- runCLI(context.Background(), []string{"try", "--web", "--as", "admin"}, e) }()
	addr := regexp.MustCompile(`web companion is at (http://[0-9.:]+)/`)
	var site string
	for deadline := time.Now().Add(30 * time.Second); site == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			site = m[1]
		}
	}
	if site == "" {
		feed.Close()
		t.Fatalf("no address printed:\n%s\n%s", out.String(), errb.String())
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	get := func(path string) (int, string) {
		resp, err := c.Get(site + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, body := get("/login")
	if status != http.StatusOK || !strings.Contains(body, "Log out admin") || !strings.Contains(body, "Prep Community") {
		t.Fatalf("login: %d\n%s", status, body)
	}
	admin := regexp.MustCompile(`href="(/s/[0-9]+/admin/)"`).FindStringSubmatch(body)
	if admin == nil {
		t.Fatalf("no admin link on the member page:\n%s", body)
	}
	if status, body := get(admin[1]); status != http.StatusOK || !strings.Contains(body, "Admin: Prep Community") {
		t.Fatalf("admin page: %d\n%s", status, body)
	}
	// The dashboard reaches the loopback through the bot's connection: the
	// feed form lists the server's text channels.
	if status, body := get(admin[1] + "daily/edit"); status != http.StatusOK || !regexp.MustCompile(`<option value="[0-9]+">#`).MatchString(body) {
		t.Fatalf("the daily feed form: %d\n%s", status, body)
	}
	if status, _ := get("/bank"); status != http.StatusOK {
		t.Fatalf("/bank: %d", status)
	}
	// The bot knows the site's address: /bank publish answers with it.
	if _, err := io.WriteString(feed, "/bank publish\n"); err != nil {
		t.Fatal(err)
	}
	published := regexp.MustCompile(regexp.QuoteMeta(site) + `/s/[0-9]+/bank`)
	for deadline := time.Now().Add(20 * time.Second); !published.MatchString(out.String()) && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
	}
	if !published.MatchString(out.String()) {
		t.Fatalf("/bank publish does not give the site's address %s:\n%s", site, out.String())
	}
	feed.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("try exited %d: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("try did not end after its input did")
	}
	if _, err := http.Get(site + "/"); err == nil {
		t.Error("the site still answers after try ended")
	}
}

// TestWebSettings: the web companion's settings are checked at start.
func TestWebSettings(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string // "" = fine
	}{
		{map[string]string{"WEB_ADDR": "127.0.0.1:8080", "WEB_PUBLIC_BANK": "true", "PUBLIC_URL": "https://prep.example.org/"}, ""},
		{map[string]string{"WEB_ADDR": "nonsense"}, "WEB_ADDR must be host:port"},
		{map[string]string{"WEB_PUBLIC_BANK": "sometimes"}, "WEB_PUBLIC_BANK must be true or false"},
		{map[string]string{"PUBLIC_URL": "prep.example.org"}, "PUBLIC_URL must be the http or https address of the site's root"},
		{map[string]string{"PUBLIC_URL": "https://prep.example.org/?x=1"}, "PUBLIC_URL must be"},
	} {
		cfg, err := loadConfig(func(k string) string { return c.env[k] })
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%v: %v", c.env, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n")):
			t.Errorf("%v: error %v, want one line with %q", c.env, err, c.want)
		case c.want == "" && (cfg.PublicURL != "https://prep.example.org" || !cfg.PublicBank || cfg.WebAddr != "127.0.0.1:8080"):
			t.Errorf("%v: read %+v", c.env, cfg)
		}
	}
}
