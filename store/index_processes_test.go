package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/prepcord/prepcord/data"
)

// twoProcesses opens two stores on one new database, standing for two
// prepcord processes.
func twoProcesses(t *testing.T) (a, b *Store) {
	loc := testDB(t)
	for _, s := range []**Store{&a, &b} {
		var err error
		if *s, err = Open(context.Background(), loc, Options{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*s).Close() })
	}
	return a, b
}

// TestBankIndexFollowsAnotherProcess: two stores on one database stand
// for two prepcord processes. When one adds a question with a new company,
// the other's cached bank index (autocomplete, did-you-mean) shows it
// within indexRecheck, on SQLite and on PostgreSQL alike.
func TestBankIndexFollowsAnotherProcess(t *testing.T) {
	ctx := context.Background()
	a, b := twoProcesses(t)
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

// TestPickedRowsFollowAnotherProcess: a question a pick read is cached
// with the bank's version, so when another process edits it, or retires it,
// picks here show the change within indexRecheck (two stores on one
// database, on SQLite and on PostgreSQL alike), and never a question the
// member has seen while an unseen one remains.
func TestPickedRowsFollowAnotherProcess(t *testing.T) {
	ctx := context.Background()
	a, b := twoProcesses(t)
	bank := genBank(2, 1)
	if _, err := a.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	pick := func(user string) *Pick {
		t.Helper()
		p, err := a.History.PickQuestion(ctx, Filter{}, user)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Fill a's cache with both questions; each member sees one, then the
	// other, never the same twice.
	for _, user := range []string{"ana", "ben"} {
		first := pick(user)
		if err := a.History.MarkSeen(ctx, user, "g1", first.Seq); err != nil {
			t.Fatal(err)
		}
		if second := pick(user); second.Seq == first.Seq || second.SeenBefore {
			t.Fatalf("%s was shown %s again while another question was unseen", user, first.ID)
		}
	}
	// Another process edits the first question and retires the second.
	edited := bank[0]
	edited.Title = "Edited elsewhere: " + edited.Title
	if _, err := b.Questions.SyncBundled(ctx, []data.Question{edited}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(indexRecheck + 2*time.Second)
	for {
		p := pick("cal")
		if p.ID == edited.ID && p.Title == edited.Title {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %s a pick still shows %s %q, not the edit or the retirement made by another process",
				indexRecheck+2*time.Second, p.ID, p.Title)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Settled: every pick now is the edited question.
	for range 20 {
		if p := pick("dee"); p.ID != edited.ID || p.Title != edited.Title {
			t.Fatalf("picked %s %q after the change settled", p.ID, p.Title)
		}
	}
}
