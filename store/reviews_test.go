package store

import (
	"context"
	"testing"
	"time"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/fsrs"
)

func TestReviewRateSchedulesAtPreviewInterval(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(10, 2)); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	want := ReviewScheduler("g1", "u1", "gen-00001").Preview(fsrs.Card{}, now)
	c, err := s.Reviews.Rate(ctx, "g1", "u1", "gen-00001", fsrs.Good, now)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Due.Equal(now.AddDate(0, 0, want[fsrs.Good-1].Days)) || c.Reps != 1 || c.State != fsrs.Review {
		t.Fatalf("card %+v, want due in %d days", c, want[fsrs.Good-1].Days)
	}
	got, err := s.Reviews.Card(ctx, "g1", "u1", "gen-00001")
	if err != nil || got == nil || !got.Due.Equal(c.Due) || got.Stability != c.Stability || !got.LastReview.Equal(now) {
		t.Fatalf("stored card %+v, %v; want %+v", got, err, c)
	}
	// Not due before its day, due on it.
	if d, _ := s.Reviews.Due(ctx, "g1", "u1", Filter{}, c.Due.Add(-time.Minute), 10); len(d) != 0 {
		t.Fatalf("due early: %v", d)
	}
	if d, _ := s.Reviews.Due(ctx, "g1", "u1", Filter{}, c.Due, 10); len(d) != 1 || d[0].ID != "gen-00001" {
		t.Fatalf("due on its day: %+v", d)
	}
	if at, ok, err := s.Reviews.NextDue(ctx, "g1", "u1", now); err != nil || !ok || !at.Equal(c.Due) {
		t.Fatalf("next due %v %v %v", at, ok, err)
	}
	// Per server and member.
	if got, _ := s.Reviews.Card(ctx, "g2", "u1", "gen-00001"); got != nil {
		t.Fatalf("card in another server: %+v", got)
	}
	if _, ok, _ := s.Reviews.NextDue(ctx, "g1", "u2", now); ok {
		t.Fatal("another member has a card")
	}
	// A second rating builds on the first.
	c2, err := s.Reviews.Rate(ctx, "g1", "u1", "gen-00001", fsrs.Good, c.Due)
	if err != nil || c2.Reps != 2 || !c2.Due.After(c.Due.AddDate(0, 0, want[fsrs.Good-1].Days)) {
		t.Fatalf("second rating %+v, %v", c2, err)
	}
	if _, err := s.Reviews.Rate(ctx, "g1", "u1", "gen-00001", fsrs.Rating(7), now); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("bad rating: %v", err)
	}
	if _, err := s.Reviews.Rate(ctx, "g1", "u1", "nope", fsrs.Good, now); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("unknown question: %v", err)
	}
	if _, err := s.Reviews.Rate(ctx, "", "u1", "gen-00001", fsrs.Good, now); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("no server: %v", err)
	}
}

func TestReviewAgainSoonerThanEasyAndOrder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(10, 2)); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	again, err := s.Reviews.Rate(ctx, "g1", "u1", "gen-00000", fsrs.Again, now)
	if err != nil {
		t.Fatal(err)
	}
	easy, err := s.Reviews.Rate(ctx, "g1", "u1", "gen-00001", fsrs.Easy, now)
	if err != nil {
		t.Fatal(err)
	}
	good, err := s.Reviews.Rate(ctx, "g1", "u1", "gen-00002", fsrs.Good, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !again.Due.Before(good.Due) || !good.Due.Before(easy.Due) {
		t.Fatalf("again %v good %v easy %v", again.Due, good.Due, easy.Due)
	}
	later := easy.Due.AddDate(0, 0, 1)
	d, err := s.Reviews.Due(ctx, "g1", "u1", Filter{}, later, 10)
	if err != nil || len(d) != 3 || d[0].ID != "gen-00000" || d[1].ID != "gen-00002" || d[2].ID != "gen-00001" {
		t.Fatalf("order %+v, %v", d, err)
	}
	if d, _ := s.Reviews.Due(ctx, "g1", "u1", Filter{}, later, 1); len(d) != 1 || d[0].ID != "gen-00000" {
		t.Fatalf("limit 1: %+v", d)
	}
}

func TestReviewFilterCountsAndDurability(t *testing.T) {
	ctx := context.Background()
	path := testDB(t)
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	bank := genBank(10, 2) // categories cycle over 5; even indexes are TikTok
	if _, err := s.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, id := range []string{"gen-00000", "gen-00001", "gen-00005", "gen-00006"} {
		if _, err := s.Reviews.Rate(ctx, "g1", "u1", id, fsrs.Again, now); err != nil {
			t.Fatal(err)
		}
	}
	// Seen but never rated: not scheduled.
	if err := s.History.MarkSeen(ctx, "u1", "g1", 3); err != nil {
		t.Fatal(err)
	}
	later := now.AddDate(0, 0, 30)
	d, err := s.Reviews.Due(ctx, "g1", "u1", Filter{Company: "tik tok"}, later, 10)
	if err != nil || len(d) != 2 || d[0].Company != "TikTok" || d[1].Company != "TikTok" {
		t.Fatalf("company filter: %+v, %v", d, err)
	}
	d, err = s.Reviews.Due(ctx, "g1", "u1", Filter{Category: bank[0].Category}, later, 10)
	if err != nil || len(d) != 2 || d[0].Category != bank[0].Category {
		t.Fatalf("category filter: %+v, %v", d, err)
	}
	counts, err := s.Reviews.DueCounts(ctx, "g1", "u1", later)
	if err != nil || len(counts) != 2 || counts[bank[0].Category] != 2 || counts[bank[1].Category] != 2 {
		t.Fatalf("counts %v, %v", counts, err)
	}
	if c, _ := s.Reviews.DueCounts(ctx, "g1", "u1", now); len(c) != 0 {
		t.Fatalf("counts before due: %v", c)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err = s.Reviews.Due(ctx, "g1", "u1", Filter{}, later, 10)
	if err != nil || len(d) != 4 {
		t.Fatalf("after reopen: %d due, %v", len(d), err)
	}
	for _, c := range d {
		if c.ID == bank[3].ID {
			t.Fatal("a seen, unrated question is scheduled")
		}
	}
}
