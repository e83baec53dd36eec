package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/errs"
)

// TestWebSessions: a session is found by its id until it expires or is
// deleted, and the id itself is never stored.
func TestWebSessions(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	ws := WebSession{UserID: "u1", Username: "alice", CSRF: "c", Guilds: "[]", ExpiresAt: now.Add(time.Hour).UnixMilli()}
	if err := s.Web.CreateSession(ctx, "secret-id", ws); err != nil {
		t.Fatal(err)
	}
	got, err := s.Web.Session(ctx, "secret-id")
	if err != nil || got.UserID != "u1" || got.CSRF != "c" {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	var stored int
	if err := s.r.GetContext(ctx, &stored, "SELECT COUNT(*) FROM web_sessions WHERE id_hash = 'secret-id'"); err != nil || stored != 0 {
		t.Fatalf("the raw session id is stored (%d rows, %v)", stored, err)
	}
	if _, err := s.Web.Session(ctx, "other-id"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("unknown id: %v", err)
	}
	now = now.Add(2 * time.Hour)
	if _, err := s.Web.Session(ctx, "secret-id"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("expired session: %v", err)
	}
	now = now.Add(-2 * time.Hour)
	if err := s.Web.DeleteSession(ctx, "secret-id"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Web.Session(ctx, "secret-id"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("deleted session: %v", err)
	}
}

// TestWebPublished: publishing is per server and can be undone.
func TestWebPublished(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for range 2 { // twice: publishing again changes nothing
		if err := s.Web.SetPublished(ctx, "g1", true); err != nil {
			t.Fatal(err)
		}
	}
	if on, err := s.Web.Published(ctx, "g1"); err != nil || !on {
		t.Fatalf("g1 published = %v, %v", on, err)
	}
	if on, _ := s.Web.Published(ctx, "g2"); on {
		t.Fatal("g2 is published without asking")
	}
	if err := s.Web.SetPublished(ctx, "g1", false); err != nil {
		t.Fatal(err)
	}
	if on, _ := s.Web.Published(ctx, "g1"); on {
		t.Fatal("g1 still published")
	}
}

// TestWebSessionTokenSealed: a session's Discord access token is stored
// sealed with a key from the session id, so the database alone does not
// give it; the session reads it back; a sealed token moved to another
// session does not open (that session has ended); a token stored before
// sealing is read as it is.
func TestWebSessionTokenSealed(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	exp := s.Now().Add(time.Hour).UnixMilli()
	ws := WebSession{UserID: "u1", Username: "alice", CSRF: "c", Guilds: "[]", AccessToken: "discord-token-123", ExpiresAt: exp}
	for _, id := range []string{"id-one", "id-two"} {
		if err := s.Web.CreateSession(ctx, id, ws); err != nil {
			t.Fatal(err)
		}
	}
	var stored []string
	if err := s.r.SelectContext(ctx, &stored, "SELECT access_token FROM web_sessions ORDER BY id_hash"); err != nil {
		t.Fatal(err)
	}
	if len(stored) != 2 || stored[0] == stored[1] {
		t.Fatalf("stored tokens: %q (want two, each sealed apart)", stored)
	}
	for _, v := range stored {
		if strings.Contains(v, "discord-token-123") || !strings.HasPrefix(v, sealedPrefix) {
			t.Fatalf("the access token is stored readable: %q", v)
		}
	}
	got, err := s.Web.Session(ctx, "id-one")
	if err != nil || got.AccessToken != "discord-token-123" {
		t.Fatalf("Session = %+v, %v", got, err)
	}
	// id-two's row given id-one's sealed token: it does not open.
	if _, err := s.w.ExecContext(ctx, "UPDATE web_sessions SET access_token = ? WHERE id_hash = ?", sealToken("id-one", "discord-token-123"), sessionKey("id-two")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Web.Session(ctx, "id-two"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("a token sealed for another session: %v", err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE web_sessions SET access_token = 'plain-old' WHERE id_hash = ?", sessionKey("id-two")); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Web.Session(ctx, "id-two"); err != nil || got.AccessToken != "plain-old" {
		t.Fatalf("a token stored before sealing: %+v, %v", got, err)
	}
}
