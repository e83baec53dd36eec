package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/prepcord/prepcord/data"
)

// TestBankIndexFollowsAnotherProcess: two stores on one database stand
// for two prepcord processes. When one adds a question with a new company,
// the other's cached bank index (autocomplete, did-you-mean) shows it
// within indexRecheck, on SQLite and on PostgreSQL alike.
func TestBankIndexFollowsAnotherProcess(t *testing.T) {
	ctx := context.Background()
	loc := testDB(t)
	a, err := Open(ctx, loc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, loc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := a.Questions.SyncBundled(ctx, genBank(10, 2)); err != nil {
		t.Fatal(err)
	}
	companies := func() []string {
		vals, err := a.Questions.Values(ctx, data.KindCompany, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, v := range vals {
			names = append(names, v.Name)
		}
		return names
	}
	if slices.Contains(companies(), "Zephyrline") {
		t.Fatal("the company is there before it was added")
	}
	q := genBank(1, 1)[0]
	q.ID, q.Company = "zephyr-1", "Zephyrline"
	if _, err := b.Questions.AddSuggested(ctx, "", "dana", q); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(indexRecheck + 2*time.Second)
	for !slices.Contains(companies(), "Zephyrline") {
		if time.Now().After(deadline) {
			t.Fatalf("another process's new company is not in the index after %s: %v", indexRecheck+2*time.Second, companies())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
