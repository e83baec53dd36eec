package store

import (
	"context"
	"sync"
	"testing"
)

// TestOpenConcurrentlyOnNewDatabase starts several stores at the same
// instant on a database that does not exist yet, as two prepcord processes
// started together would: every one opens, and each migration is applied
// exactly once.
func TestOpenConcurrentlyOnNewDatabase(t *testing.T) {
	for round := 0; round < 3; round++ {
		path := testDB(t)
		const n = 8
		var wg sync.WaitGroup
		errs := make([]error, n)
		stores := make([]*Store, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				stores[i], errs[i] = Open(context.Background(), path, Options{})
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: store %d: %v", round, i, err)
			}
			defer stores[i].Close()
		}
		var applied, distinct int
		if err := stores[0].r.Get(&applied, "SELECT count(*) FROM "+migrationTable+" WHERE version_id > 0"); err != nil {
			t.Fatal(err)
		}
		if err := stores[0].r.Get(&distinct, "SELECT count(DISTINCT version_id) FROM "+migrationTable+" WHERE version_id > 0"); err != nil {
			t.Fatal(err)
		}
		if applied != distinct || applied == 0 {
			t.Fatalf("round %d: %d migration rows for %d versions", round, applied, distinct)
		}
	}
}
