package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/data"
)

// memoHeld counts the bytes the memo really holds in keys and values,
// independently of the index's own accounting.
func memoHeld(s *Store) (entries, bytes int) {
	s.idxMu.Lock()
	idx := s.idx
	s.idxMu.Unlock()
	idx.mu.Lock()
	defer idx.mu.Unlock()
	for k, v := range idx.memo {
		bytes += len(k)
		for i, vc := range v.vals {
			bytes += len(vc.Name) + len(v.keys[i])
		}
	}
	return len(idx.memo), bytes
}

// TestAutocompleteMemoIsBoundedByBytes: autocomplete with thousands of
// distinct, long filter values (what a member can send) keeps the memo of
// values results within its byte budget, dropping the least recently used
// entries: a filter in steady use stays memoised, and results stay right.
func TestAutocompleteMemoIsBoundedByBytes(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(300, 30)); err != nil {
		t.Fatal(err)
	}
	hot := Filter{Difficulty: "hard"}
	want, err := s.Questions.Autocomplete(ctx, data.KindCompany, hot, "", 25)
	if err != nil || len(want) == 0 {
		t.Fatalf("hot filter: %v %v", want, err)
	}
	long := strings.Repeat("x", 4000)
	for i := range 3000 {
		f := Filter{Role: fmt.Sprintf("%s%d", long, i), Category: long, Difficulty: long}
		if _, err := s.Questions.Autocomplete(ctx, data.KindCompany, f, "", 25); err != nil {
			t.Fatal(err)
		}
		if i%100 == 0 {
			if _, err := s.Questions.Autocomplete(ctx, data.KindCompany, hot, "", 25); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, bytes := memoHeld(s)
	t.Logf("memo after 3,000 long filters: %d entries, %d bytes held (budget %d)", entries, bytes, memoBudget)
	if bytes > memoBudget {
		t.Fatalf("memo holds %d bytes, over its %d budget", bytes, memoBudget)
	}
	if entries < 100 {
		t.Fatalf("memo keeps only %d entries: the budget should hold hundreds of such filters", entries)
	}
	parts := []string{string(data.KindCompany), "", "hard"}
	for range facetKinds {
		parts = append(parts, "") // no name or level filters
	}
	key := strings.Join(parts, "\x00")
	s.idx.mu.Lock()
	_, hotKept := s.idx.memo[key]
	s.idx.mu.Unlock()
	if !hotKept {
		t.Fatal("the filter in steady use was dropped before the ones never used again")
	}
	got, err := s.Questions.Autocomplete(ctx, data.KindCompany, hot, "", 25)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("results changed: %v, want %v (%v)", got, want, err)
	}
}
