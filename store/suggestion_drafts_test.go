package store

import (
	"context"
	"testing"
	"time"

	"github.com/prepcord/prepcord/errs"
)

func TestSuggestionDraftsKeepTheLatestFormForAWeek(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	d := SuggestionDraft{GuildID: "g1", UserID: "u1", Title: "Googel cache", CompanyRole: "Googel / swe",
		CategoryDifficulty: "Algorithms / extreme", Prompt: "Design it.", Answer: "LRU."}
	if err := s.Suggestions.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := s.Suggestions.Draft(ctx, "g1", "u1", 0)
	if err != nil || got.Title != d.Title || got.CompanyRole != d.CompanyRole || got.CategoryDifficulty != d.CategoryDifficulty ||
		got.Prompt != d.Prompt || got.Answer != d.Answer {
		t.Fatalf("draft %+v, %v", got, err)
	}
	// Another member, server or target has no draft.
	for _, k := range []struct {
		g, u string
		id   int64
	}{{"g1", "u2", 0}, {"g2", "u1", 0}, {"g1", "u1", 7}} {
		if _, err := s.Suggestions.Draft(ctx, k.g, k.u, k.id); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("draft of %v: %v", k, err)
		}
	}
	// A second refusal replaces the first: one row per member and target.
	d.Title = "Google cache"
	if err := s.Suggestions.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	d.SuggestionID, d.UserID = 7, "mod"
	if err := s.Suggestions.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM suggestion_drafts"); err != nil || n != 2 {
		t.Fatalf("%d drafts, %v", n, err)
	}
	if got, _ := s.Suggestions.Draft(ctx, "g1", "u1", 0); got.Title != "Google cache" {
		t.Fatalf("replaced draft: %+v", got)
	}
	// Sent: gone.
	if err := s.Suggestions.DeleteDraft(ctx, "g1", "mod", 7); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Suggestions.Draft(ctx, "g1", "mod", 7); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("deleted draft: %v", err)
	}
	// After a week a draft is no longer offered, and the next save deletes it.
	now = now.Add(DraftLifetime + time.Minute)
	if _, err := s.Suggestions.Draft(ctx, "g1", "u1", 0); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("expired draft: %v", err)
	}
	if err := s.Suggestions.SaveDraft(ctx, SuggestionDraft{GuildID: "g9", UserID: "u9"}); err != nil {
		t.Fatal(err)
	}
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM suggestion_drafts WHERE guild_id = 'g1'"); err != nil || n != 0 {
		t.Fatalf("%d expired drafts left, %v", n, err)
	}
}
