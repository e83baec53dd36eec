package answer

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

func TestReserveCommitExpire(t *testing.T) {
	r := NewReserver(10*time.Minute, map[string]int{"tee": 3})
	if !r.Reserve("c1", "tee", 2, t0) || r.Available("tee", t0) != 1 {
		t.Fatal("first hold")
	}
	if r.Reserve("c2", "tee", 2, t0) {
		t.Fatal("oversold: 2 of 3 held, another 2 reserved")
	}
	if !r.Reserve("c2", "tee", 1, t0.Add(time.Minute)) || r.Available("tee", t0) != 0 {
		t.Fatal("second hold")
	}
	if r.Reserve("c3", "tee", 0, t0) || r.Reserve("c3", "tee", -1, t0) {
		t.Fatal("zero or negative quantity accepted")
	}
	if got := r.Available("tee", t0.Add(10*time.Minute)); got != 2 {
		t.Fatalf("at minute 10 c1 has expired: %d available, want 2", got)
	}
	if got := r.Available("tee", t0.Add(11*time.Minute)); got != 3 {
		t.Fatalf("at minute 11 c2 has expired too: %d available, want 3", got)
	}
}

func TestExtendCommitRelease(t *testing.T) {
	r := NewReserver(10*time.Minute, map[string]int{"cap": 5, "mug": 1})
	r.Reserve("a", "cap", 2, t0)
	r.Reserve("a", "mug", 1, t0.Add(5*time.Minute)) // extends the whole hold to minute 15
	if got := r.Available("cap", t0.Add(12*time.Minute)); got != 3 {
		t.Fatalf("extended hold expired early: %d caps available", got)
	}
	if !r.Commit("a", t0.Add(14*time.Minute)) {
		t.Fatal("commit before expiry refused")
	}
	if r.Available("cap", t0.Add(30*time.Minute)) != 3 || r.Available("mug", t0.Add(30*time.Minute)) != 0 {
		t.Fatal("a sale must stay sold after the hold's expiry time")
	}
	if r.Commit("a", t0.Add(31*time.Minute)) {
		t.Fatal("committed twice")
	}
	r.Reserve("b", "cap", 3, t0.Add(40*time.Minute))
	r.Release("b")
	r.Release("nobody")
	if r.Available("cap", t0.Add(40*time.Minute)) != 3 {
		t.Fatal("release did not return units")
	}
	r.Reserve("c", "cap", 1, t0.Add(50*time.Minute))
	if r.Commit("c", t0.Add(61*time.Minute)) {
		t.Fatal("committed an expired hold")
	}
	if r.Available("cap", t0.Add(61*time.Minute)) != 3 {
		t.Fatal("expired hold kept its units")
	}
}

func TestNeverOversellsConcurrently(t *testing.T) {
	r := NewReserver(time.Hour, map[string]int{"drop": 100})
	var wg sync.WaitGroup
	var mu sync.Mutex
	sold := 0
	for i := range 1000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cart := fmt.Sprint("cart", i)
			if r.Reserve(cart, "drop", 1, t0) && r.Commit(cart, t0) {
				mu.Lock()
				sold++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if sold != 100 || r.Available("drop", t0) != 0 {
		t.Fatalf("sold %d, available %d; want 100 and 0", sold, r.Available("drop", t0))
	}
}
