package store

import (
	"context"
	"testing"

	"github.com/prepcord/prepcord/data"
)

// TestDifficultyCountsAgreeWithCount: the index's counts are the
// database's, with and without a search, for the bank and a server.
func TestDifficultyCountsAgreeWithCount(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Questions.AddSuggested(ctx, "g1", "u1", data.Question{Title: "Own question", Company: "TikTok", Category: "SQL", Difficulty: "hard", Prompt: "p"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []Filter{{}, {Scope: "g1"}, {Company: "tiktok"}, {Scope: "g1", Company: "tik tok"}, {Category: "sql", Difficulty: "easy"}, {Search: "design"}, {Company: "no such company"}} {
		got, err := s.Questions.DifficultyCounts(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range data.Difficulties {
			g := f
			g.Difficulty = d
			want, err := s.Questions.Count(ctx, g)
			if err != nil {
				t.Fatal(err)
			}
			if got[i].Name != d || got[i].Count != want {
				t.Errorf("%+v: %s = %+v, want %d", f, d, got[i], want)
			}
		}
	}
}
