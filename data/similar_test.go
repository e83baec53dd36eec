package data

import (
	"fmt"
	"testing"
)

func TestSimilarity(t *testing.T) {
	q := func(title, prompt string) *Question { return &Question{Title: title, Prompt: prompt} }
	tests := []struct {
		a, b     *Question
		min, max float64
	}{
		{q("Design a rate limiter", "Build a token bucket limiter for an API gateway."), q("Design a rate limiter", "Build a token bucket limiter for an API gateway."), 1, 1},
		// Stop words, case, punctuation and plurals do not count.
		{q("Design a rate limiter", "Build token buckets for the API gateways!"), q("design rate limiters", "build a token bucket for an api gateway"), 1, 1},
		{q("Design a rate limiter", "Build a token bucket limiter for an API gateway."), q("Reverse a linked list", "Do it in place and in O(1) extra space."), 0, 0},
		{q("Design a rate limiter", "Build a token bucket limiter for an API gateway."), q("Design a URL shortener", "Build a service for an API gateway that shortens links."), 0.2, 0.5},
		{q("", ""), q("", ""), 0, 0},
	}
	for _, tt := range tests {
		if s := Similarity(tt.a, tt.b); s < tt.min || s > tt.max {
			t.Errorf("Similarity(%q, %q) = %.3f, want %.2f-%.2f", tt.a.Title, tt.b.Title, s, tt.min, tt.max)
		}
	}
}

// TestFindSimilarMatchesBruteForce: the prefix-filtered search finds
// exactly the pairs an all-pairs comparison finds, on the bundled bank
// split into an "import" and an "existing bank".
func TestFindSimilarMatchesBruteForce(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	qs, others := bank[:len(bank)/3], bank[len(bank)/3:]
	// The same id in both halves is an update, not a duplicate.
	dup := others[0]
	dup.Title += " again"
	qs = append(append([]Question{}, qs...), dup)
	words := map[*Question][]string{}
	sim := func(a, b *Question) float64 {
		for _, q := range []*Question{a, b} {
			if words[q] == nil {
				words[q] = contentWords(q)
			}
		}
		return jaccard(words[a], words[b])
	}
	for _, threshold := range []float64{0.1, 0.2, SimilarityThreshold} {
		want := map[string]int{} // a pair may appear twice: dup and the question it updates
		for i := range qs {
			for j := range qs {
				if i < j && qs[i].ID != qs[j].ID && sim(&qs[i], &qs[j]) >= threshold {
					want[pairKey(qs[i].ID, qs[j].ID)]++
				}
			}
			for j := range others {
				if qs[i].ID != others[j].ID && sim(&qs[i], &others[j]) >= threshold {
					want[pairKey(qs[i].ID, others[j].ID)]++
				}
			}
		}
		got := FindSimilar(qs, others, threshold)
		for i, p := range got {
			k := pairKey(p.ID, p.OtherID)
			if want[k] == 0 {
				t.Errorf("threshold %.2f: unexpected pair %+v", threshold, p)
			}
			if want[k]--; want[k] <= 0 {
				delete(want, k)
			}
			if i > 0 && got[i-1].Score < p.Score {
				t.Errorf("threshold %.2f: pairs not in descending order at %d", threshold, i)
			}
		}
		for k := range want {
			t.Errorf("threshold %.2f: missed pair %s", threshold, k)
		}
		t.Logf("threshold %.2f: %d pairs", threshold, len(got))
	}
}

func pairKey(a, b string) string {
	if a > b {
		a, b = b, a
	}
	return fmt.Sprintf("%s|%s", a, b)
}

// TestFindSimilarImportNamesTheImportedQuestionFirst: every pair an import
// brings names a question of the file first, and says whether the other is
// of the file too.
func TestFindSimilarImportNamesTheImportedQuestionFirst(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	orig := bank[5]
	cp, twin := orig, orig
	cp.ID, twin.ID = "acme-copy", "acme-twin"
	inFile := map[string]bool{cp.ID: true, twin.ID: true}
	pairs := FindSimilarImport([]Question{cp, twin}, bank)
	seen := map[string]bool{}
	for _, p := range pairs {
		if !inFile[p.ID] || p.InFile != inFile[p.OtherID] {
			t.Errorf("pair %+v", p)
		}
		seen[p.ID+" "+p.OtherID] = true
	}
	for _, want := range []string{"acme-copy " + orig.ID, "acme-twin " + orig.ID} {
		if !seen[want] {
			t.Errorf("missing pair %s in %+v", want, pairs)
		}
	}
	if !seen["acme-copy acme-twin"] && !seen["acme-twin acme-copy"] {
		t.Errorf("missing the pair within the file in %+v", pairs)
	}
}
