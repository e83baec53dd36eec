package store

import (
	"context"
	"maps"
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

// TestDueFirstIsDueAndDueCounts: DueFirst, which /review calls, chooses
// the card Due would put first and counts as DueCounts does, for each
// filter (aliases, a role, nothing matching), at several times, with
// cards of two members and two servers, a server's own question and a
// retired one among them.
func TestDueFirstIsDueAndDueCounts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	bank := genBank(30, 3)
	if _, err := s.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	own := genBank(1, 1)[0]
	own.ID, own.Company = "g1-own", "Zephyrline"
	if _, err := s.Questions.AddSuggested(ctx, "g1", "dana", own); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	ratings := []fsrs.Rating{fsrs.Again, fsrs.Hard, fsrs.Good, fsrs.Easy}
	for i, q := range append(bank, own) {
		for _, who := range [][2]string{{"g1", "u1"}, {"g2", "u1"}, {"g1", "u2"}} {
			if (i+len(who[0])+len(who[1]))%3 == 0 && q.ID != own.ID {
				continue
			}
			at := start.Add(time.Duration(i%7) * time.Hour)
			if _, err := s.Reviews.Rate(ctx, who[0], who[1], q.ID, ratings[(i+len(who[1]))%4], at); err != nil && q.ID != own.ID {
				t.Fatal(err)
			}
		}
	}
	// Retire one rated question: neither Due nor DueFirst offers it.
	if _, err := s.Questions.SyncBundled(ctx, bank[1:]); err != nil {
		t.Fatal(err)
	}
	filters := []Filter{{}, {Company: "tik tok"}, {Company: "Company 001"}, {Category: bank[2].Category},
		{Role: bank[0].Roles[0]}, {Company: "Zephyrline"}, {Company: "nobody"}}
	chosen := 0
	for _, after := range []time.Duration{0, 2 * time.Hour, 24 * time.Hour, 10 * 24 * time.Hour, 90 * 24 * time.Hour} {
		now := start.Add(after)
		for _, who := range [][2]string{{"g1", "u1"}, {"g2", "u1"}, {"g1", "u2"}, {"g1", "nobody"}} {
			wantCounts, err := s.Reviews.DueCounts(ctx, who[0], who[1], now)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range filters {
				want, err := s.Reviews.Due(ctx, who[0], who[1], f, now, 1)
				if err != nil {
					t.Fatal(err)
				}
				got, counts, err := s.Reviews.DueFirst(ctx, who[0], who[1], f, now)
				if err != nil {
					t.Fatal(err)
				}
				chosen += len(want)
				switch {
				case len(want) == 0 && got != nil:
					t.Errorf("%v %s %+v: DueFirst gave %s, Due nothing", after, who, f, got.ID)
				case len(want) == 1 && (got == nil || got.ID != want[0].ID || got.Card != want[0].Card || got.Title != want[0].Title):
					t.Errorf("%v %s %+v: DueFirst gave %+v, Due %s", after, who, f, got, want[0].ID)
				}
				if !maps.Equal(counts, wantCounts) {
					t.Errorf("%v %s: DueFirst counts %v, DueCounts %v", after, who, counts, wantCounts)
				}
			}
		}
	}
	if chosen < 20 {
		t.Fatalf("only %d cases had a card due: the test compares too little", chosen)
	}
}
