package store

import (
	"context"
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
