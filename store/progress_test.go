package store

import (
	"context"
	"testing"
	"time"

	"github.com/prepcord/prepcord/internal/fsrs"
)

func TestProgressByCategoryAndFeedbackByMonth(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Questions.SyncBundled(ctx, planBank()); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	if _, rated, err := s.Reviews.Progress(ctx, "g", "u", now); err != nil || rated {
		t.Fatalf("before any rating: rated %v, %v", rated, err)
	}
	for _, id := range []string{"TikTok-Coding-a", "TikTok-Coding-b", "TikTok-SQL-a"} {
		q, err := s.Questions.ByID(ctx, "g", id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.History.MarkSeenAt(ctx, "u", "g", q.Seq, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Reviews.Rate(ctx, "g", "u", "TikTok-Coding-a", fsrs.Good, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reviews.Rate(ctx, "g", "u", "TikTok-SQL-a", fsrs.Again, now); err != nil {
		t.Fatal(err)
	}
	got, rated, err := s.Reviews.Progress(ctx, "g", "u", now.Add(49*time.Hour))
	if err != nil || !rated {
		t.Fatal(rated, err)
	}
	want := []CategoryProgress{{"Coding", 2, 1, 0}, {"SQL", 1, 0, 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("progress %+v, want %+v", got, want)
	}
	// Another server and another member see none of it.
	if p, rated, _ := s.Reviews.Progress(ctx, "g2", "u", now); rated || len(p) != 0 {
		t.Fatalf("other server: %+v", p)
	}
	var pairing int64
	if err := s.w.GetContext(ctx, &pairing, "INSERT INTO mock_pairings (guild_id, topic, source, status, created_at, suggested_start, last_activity) VALUES ('g', 'coding', 'queue', 'finished', 0, 0, 0) RETURNING id"); err != nil {
		t.Fatal(err)
	}
	for i, fb := range []struct {
		at      time.Time
		c, p, s int
	}{
		{time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), 2, 3, 4},
		{time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), 4, 4, 4},
		{time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), 5, 3, 2},
	} {
		if _, err := s.w.ExecContext(ctx, `INSERT INTO mock_feedback (pairing_id, guild_id, giver_id, receiver_id, communication, problem_solving, structure, created_at, updated_at)
			VALUES (?, 'g', ?, 'u', ?, ?, ?, ?, ?)`, pairing, string(rune('a'+i)), fb.c, fb.p, fb.s, fb.at.UnixMilli(), fb.at.UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	months, err := s.Feedback.MonthlyAverages(ctx, "g", "u", time.UTC, 6)
	if err != nil || len(months) != 2 {
		t.Fatalf("months %+v %v", months, err)
	}
	if m := months[1]; m.Month != "2026-11" || m.N != 2 || m.Communication != 4.5 || m.ProblemSolving != 3.5 || m.Structure != 3 {
		t.Fatalf("November %+v", m)
	}
	if last, _ := s.Feedback.MonthlyAverages(ctx, "g", "u", time.UTC, 1); len(last) != 1 || last[0].Month != "2026-11" {
		t.Fatalf("last month only: %+v", last)
	}
}
