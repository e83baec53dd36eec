package store

import (
	"context"
	"testing"
	"time"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/fsrs"
)

// planBank is TikTok's questions in three categories (6 Coding, 3 SQL, 1
// Behavioral) and Meta's in Coding and System Design, all for SWE.
func planBank() []data.Question {
	var out []data.Question
	add := func(company, category string, n int) {
		for i := range n {
			id := company + "-" + category + "-" + string(rune('a'+i))
			out = append(out, data.Question{ID: id, Title: "Q " + id, Company: company, Roles: []string{"Software Engineer"},
				Category: category, Difficulty: "medium", Prompt: "Prompt " + id, Added: "2026-01-01"})
		}
	}
	add("TikTok", "Coding", 6)
	add("TikTok", "SQL", 3)
	add("TikTok", "Behavioral", 1)
	add("Meta", "Coding", 5)
	add("Meta", "System Design", 4)
	return out
}

func TestPlanStartCoversTheCompanysCategories(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Questions.SyncBundled(ctx, planBank()); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	np := NewPlan{GuildID: "g", UserID: "u", Company: "TikTok", Role: "Software Engineer", Start: "2026-12-03", Interview: "2026-12-06",
		Days: 4, Zone: "UTC", PerDay: 3}
	p, shares, err := s.Plans.Start(ctx, np, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(shares) != 3 || shares[0].Category != "Coding" || shares[0].Count != 6 || shares[2].Count != 1 {
		t.Fatalf("shares %+v", shares)
	}
	items, err := s.Plans.Items(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	// 12 = 4 days x 3: the company's 10 first, then 2 of Meta's Coding;
	// System Design is not a TikTok category.
	per := map[string]int{}
	for _, it := range items {
		per[it.Category]++
		if it.Category == "System Design" {
			t.Fatalf("item outside the company's categories: %+v", it)
		}
	}
	if len(items) != 12 || per["Coding"] != 8 || per["SQL"] != 3 || per["Behavioral"] != 1 {
		t.Fatalf("items per category %v (%d)", per, len(items))
	}
	// Interleaved: the first four hold at least two categories.
	if items[0].Category == items[1].Category && items[1].Category == items[2].Category && items[2].Category == items[3].Category {
		t.Fatalf("not interleaved: %v %v %v %v", items[0].Category, items[1].Category, items[2].Category, items[3].Category)
	}
	if _, _, err := s.Plans.Start(ctx, np, now); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("second plan: %v", err)
	}
	// Rating an item marks it done.
	if _, err := s.Reviews.Rate(ctx, "g", "u", items[0].ID, fsrs.Good, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	items, err = s.Plans.Items(ctx, p)
	if err != nil || items[0].DoneAt != now.Add(time.Minute).UnixMilli() || items[1].DoneAt != 0 {
		t.Fatalf("done: %+v %v", items[:2], err)
	}
	// Another member's plan leaves out nothing of u's, and u's stop ends
	// only u's plan and turns u's reminders off.
	if err := s.Plans.SetReminder(ctx, "u", "09:00", "UTC", now.Add(time.Hour).UnixMilli(), "2026-12-03", now); err != nil {
		t.Fatal(err)
	}
	np2 := np
	np2.UserID = "v"
	if _, _, err := s.Plans.Start(ctx, np2, now); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Plans.End(ctx, "g", "u", PlanStopped, now); !ok || err != nil {
		t.Fatalf("end: %v %v", ok, err)
	}
	if r, err := s.Plans.Reminder(ctx, "u"); err != nil || r.Enabled {
		t.Fatalf("reminder after stop: %+v %v", r, err)
	}
	if p, err := s.Plans.Active(ctx, "g", "v"); err != nil || p == nil {
		t.Fatalf("v's plan: %+v %v", p, err)
	}
}

func TestReminderClaimedOncePerDate(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for i, want := range []bool{true, false} {
		ok, err := s.Plans.ClaimReminder(ctx, "u", "2026-12-03", now)
		if err != nil || ok != want {
			t.Fatalf("claim %d: %v %v", i, ok, err)
		}
	}
	if ok, _ := s.Plans.ClaimReminder(ctx, "v", "2026-12-03", now); !ok {
		t.Fatal("another member's claim refused")
	}
}

// A second rating of a question on the same day replaces the first; the
// next day's is a review of its own.
func TestSecondRatingSameDayReplacesTheFirst(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Questions.SyncBundled(ctx, genBank(5, 1)); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	first, err := s.Reviews.Rate(ctx, "g", "u", "gen-00001", fsrs.Again, now)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Reviews.Rate(ctx, "g", "u", "gen-00001", fsrs.Easy, now.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	want := ReviewScheduler("g", "u", "gen-00001").Review(fsrs.Card{}, fsrs.Easy, now.Add(2*time.Hour))
	if second.Reps != first.Reps || second.Reps != 1 || !second.Due.Equal(want.Due) || second.Lapses != 0 {
		t.Fatalf("second rating %+v, want %+v (first %+v)", second, want, first)
	}
	// The member's zone decides the day: in Tokyo 2026-12-04 00:30 is
	// the next day although UTC still says the 3rd.
	if err := s.Plans.SetReminder(ctx, "u", "09:00", "Asia/Tokyo", 0, "", now); err != nil {
		t.Fatal(err)
	}
	next, err := s.Reviews.Rate(ctx, "g", "u", "gen-00001", fsrs.Good, time.Date(2026, 12, 3, 15, 30, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if next.Reps != 2 {
		t.Fatalf("next day's rating: %+v", next)
	}
}
