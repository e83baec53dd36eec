package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOpsCounts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	ms := now.UnixMilli()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.w.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for i, st := range []string{"posted", "posted", "failed", "missed", "claimed"} {
		exec("INSERT INTO daily_posts (guild_id, local_date, due_at, status) VALUES (?, ?, ?, ?)", "g1", fmt.Sprintf("2026-11-%02d", i+1), ms, st)
	}
	exec("INSERT INTO mock_queue (guild_id, user_id, topic, joined_at, expires_at) VALUES ('g1','u1','coding',?,?)", ms, ms+3600_000)
	exec("INSERT INTO mock_queue (guild_id, user_id, topic, joined_at, expires_at) VALUES ('g2','u1','coding',?,?)", ms, ms+3600_000)
	exec("INSERT INTO mock_queue (guild_id, user_id, topic, joined_at, expires_at) VALUES ('g1','u2','system-design',?,?)", ms, ms+3600_000)
	// Expired but not swept yet: not waiting any more.
	exec("INSERT INTO mock_queue (guild_id, user_id, topic, joined_at, expires_at) VALUES ('g1','u3','coding',?,?)", ms-7200_000, ms-1)
	for _, st := range []string{"open", "finished", "finished"} {
		exec("INSERT INTO mock_pairings (guild_id, topic, source, status, created_at, suggested_start, last_activity) VALUES ('g1','coding','queue',?,?,?,?)", st, ms, ms, ms)
	}
	exec("INSERT INTO mock_feedback (pairing_id, guild_id, giver_id, receiver_id, communication, problem_solving, structure, created_at, updated_at) VALUES (2,'g1','u1','u2',5,4,3,?,?)", ms, ms)

	got, err := s.OpsCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := OpsCounts{
		DailyPosts:   map[string]int{"posted": 2, "failed": 1, "missed": 1, "claimed": 1},
		MockQueue:    map[string]int{"coding": 2, "system-design": 1},
		MockPairings: map[string]int{"open": 1, "finished": 2},
		Feedback:     1,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("OpsCounts = %+v, want %+v", got, want)
	}
}

// TestBackupWhileWriting copies the database while a writer commits
// continuously: the copy opens, passes integrity_check, and holds every
// write acknowledged before the backup started.
func TestBackupWhileWriting(t *testing.T) {
	sqliteOnly(t)
	ctx := context.Background()
	s := openTest(t)
	var acked atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := int64(1); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := s.SetMeta(ctx, fmt.Sprintf("k%06d", i), "v"); err != nil {
				t.Errorf("write %d: %v", i, err)
				return
			}
			acked.Store(i)
		}
	}()
	for acked.Load() < 50 {
		time.Sleep(time.Millisecond)
	}
	before := acked.Load()
	dst := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dst); err != nil {
		t.Fatalf("Backup while writing: %v", err)
	}
	close(stop)
	wg.Wait()
	if err := s.Backup(ctx, dst); err == nil {
		t.Fatal("Backup over an existing file succeeded")
	}

	b, err := Open(ctx, dst, Options{})
	if err != nil {
		t.Fatalf("opening the backup: %v", err)
	}
	defer b.Close()
	if res, err := b.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("backup integrity_check = %q, %v", res, err)
	}
	var n int64
	if err := b.r.GetContext(ctx, &n, "SELECT COUNT(*) FROM meta WHERE key LIKE 'k%'"); err != nil {
		t.Fatal(err)
	}
	if n < before {
		t.Fatalf("backup holds %d writes, %d were acknowledged before it started", n, before)
	}
	if c, err := b.Questions.Count(ctx, Filter{}); err != nil || c != 0 {
		// The test store has no bank: the copy must match, not invent.
		t.Fatalf("backup questions = %d, %v", c, err)
	}
}
