package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/errs"
)

// openTest opens a fresh database file in a temporary folder.
func openTest(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), testDB(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// genBank makes n valid questions over companies (one in each
// `companies` is TikTok).
func genBank(n, companies int) []data.Question { return datatest.Bank(n, companies) }

func TestOpenMigratesAndRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := testDB(t)
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() == "sqlite" {
		var mode string
		if err := s.r.GetContext(ctx, &mode, "PRAGMA journal_mode"); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v", mode, err)
		}
		var fk int
		if err := s.w.GetContext(ctx, &fk, "PRAGMA foreign_keys"); err != nil || fk != 1 {
			t.Fatalf("foreign_keys = %d, %v", fk, err)
		}
	}
	var applied int
	if err := s.r.GetContext(ctx, &applied, "SELECT count(*) FROM "+migrationTable+" WHERE version_id > 0"); err != nil || applied == 0 {
		t.Fatalf("migrations recorded = %d, %v", applied, err)
	}
	if _, err := s.w.ExecContext(ctx, "INSERT INTO "+migrationTable+" (version_id, is_applied) VALUES (9999, TRUE)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer prepcord") || !strings.Contains(err.Error(), "9999") {
		t.Fatalf("want a newer-schema refusal, got %v", err)
	}
	// Reopening an up-to-date database applies nothing and works.
	path2 := testDB(t)
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path2, Options{})
		if err != nil {
			t.Fatalf("open #%d: %v", i, err)
		}
		s.Close()
	}
}

func TestOpenBadPath(t *testing.T) {
	_, err := Open(context.Background(), "/nonexistent-dir/x/prepcord.db", Options{})
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("got %v", err)
	}
}

func TestSyncBundledIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	qs := genBank(50, 5)
	res, err := s.Questions.SyncBundled(ctx, qs)
	if err != nil || res.Added != 50 {
		t.Fatalf("first sync %+v %v", res, err)
	}
	res, err = s.Questions.SyncBundled(ctx, qs)
	if err != nil || res != (SyncResult{Unchanged: 50}) {
		t.Fatalf("second sync %+v %v", res, err)
	}
	// An admin import that replaces a bundled question is left alone by syncs.
	imp := qs[3]
	imp.Title = "Admin's own wording"
	if _, err := s.Questions.Import(ctx, []*data.Entry{{Question: imp, File: "x.yaml"}}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	qs[4].Prompt += " Changed."
	res, err = s.Questions.SyncBundled(ctx, qs[:49])
	if err != nil || res != (SyncResult{Unchanged: 47, Updated: 1, Skipped: 1, Retired: 1}) {
		t.Fatalf("third sync %+v %v", res, err)
	}
	q, err := s.Questions.ByID(ctx, "", qs[3].ID)
	if err != nil || q.Title != "Admin's own wording" || q.Origin != Imported {
		t.Fatalf("imported question changed by sync: %+v %v", q, err)
	}
	n, err := s.Questions.Count(ctx, Filter{})
	if err != nil || n != 49 {
		t.Fatalf("count = %d, %v (retired question still served?)", n, err)
	}
}

func TestPickNeverRepeatsUntilExhausted(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(300, 30)); err != nil {
		t.Fatal(err)
	}
	f := Filter{Company: "tik tok"}
	total, err := s.Questions.Count(ctx, f)
	if err != nil || total != 10 {
		t.Fatalf("tiktok count %d %v", total, err)
	}
	seen := map[string]bool{}
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { now = now.Add(time.Minute); return now }
	for i := 0; i < total; i++ {
		p, err := s.History.PickQuestion(ctx, f, "u1")
		if err != nil {
			t.Fatal(err)
		}
		if seen[p.ID] || p.SeenBefore || p.Company != "TikTok" {
			t.Fatalf("pick %d: %s repeated=%v seenBefore=%v company=%s", i, p.ID, seen[p.ID], p.SeenBefore, p.Company)
		}
		seen[p.ID] = true
		if err := s.History.MarkSeen(ctx, "u1", "", p.Seq); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.History.PickQuestion(ctx, f, "u1")
	if err != nil || !p.SeenBefore {
		t.Fatalf("after exhaustion: %+v %v", p, err)
	}
	// Another member still gets unseen questions.
	p2, err := s.History.PickQuestion(ctx, f, "u2")
	if err != nil || p2.SeenBefore {
		t.Fatalf("u2: %+v %v", p2, err)
	}
	_, err = s.History.PickQuestion(ctx, Filter{Company: "nope"}, "u1")
	if errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("no match: %v", err)
	}
}

func TestPickLeastRecentlySeenAfterExhaustion(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(3, 1)); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	for _, seq := range []int64{2, 1, 3} {
		now = now.Add(time.Hour)
		if err := s.History.MarkSeen(ctx, "u", "", seq); err != nil {
			t.Fatal(err)
		}
	}
	// Both ways of picking: from the in-memory index, and in SQL (search).
	for _, f := range []Filter{{}, {Search: "caching"}} {
		p, err := s.History.PickQuestion(ctx, f, "u")
		if err != nil || p.Seq != 2 || !p.SeenBefore {
			t.Fatalf("%+v: want seq 2 seen longest ago, got %+v %v", f, p, err)
		}
		if p, err := s.History.PickQuestion(ctx, f, "someone-else"); err != nil || p.SeenBefore {
			t.Fatalf("%+v: a member who saw nothing got %+v %v", f, p, err)
		}
	}
}

func TestFiltersAndSearch(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(200, 10)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		f    Filter
		want int
	}{
		{Filter{}, 200},
		{Filter{Company: "TIKTOK"}, 20},
		{Filter{Company: "tiktok", Difficulty: "Easy"}, 7},
		{Filter{Role: "ds"}, -1},
		{Filter{Category: "sql"}, 40},
		{Filter{Round: "onsite", Category: "coding"}, 10},
		{Filter{Search: "problem 17"}, -1},
		{Filter{Search: "\"unbalanced OR ( NEAR *"}, 0},
		{Filter{Search: "🙂🙂"}, 0},
		{Filter{Company: "🙂"}, 0},
		{Filter{Company: "\u200b\u200b"}, 0},
		{Filter{Company: "'; DROP TABLE questions; --"}, 0},
	}
	for _, tt := range tests {
		n, err := s.Questions.Count(ctx, tt.f)
		if err != nil {
			t.Fatalf("%+v: %v", tt.f, err)
		}
		if tt.want >= 0 && n != tt.want {
			t.Errorf("%+v: count %d, want %d", tt.f, n, tt.want)
		}
		if tt.want < 0 && n == 0 {
			t.Errorf("%+v: no match", tt.f)
		}
		// A pick agrees with the count: nothing to pick exactly when nothing matches.
		p, err := s.History.PickQuestion(ctx, tt.f, "u-filters")
		switch {
		case n == 0 && errs.CodeOf(err) != errs.NotFound:
			t.Errorf("%+v: nothing matches but the pick gave %v, %v", tt.f, p, err)
		case n > 0 && err != nil:
			t.Errorf("%+v: %d match but the pick failed: %v", tt.f, n, err)
		}
	}
	list, err := s.Questions.List(ctx, Filter{Search: "problem 17"}, 10, 0)
	if err != nil || len(list) == 0 || !strings.Contains(list[0].Prompt, "problem 17") {
		t.Fatalf("search: %v %v", list, err)
	}
}

func TestAutocompleteAndDidYouMean(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	qs := genBank(100, 10)
	qs[1].Company, qs[2].Company = "Tiko Labs", "Stripe"
	qs[3].Company = "Acme TikTok Tools"
	if _, err := s.Questions.SyncBundled(ctx, qs); err != nil {
		t.Fatal(err)
	}
	got, err := s.Questions.Autocomplete(ctx, data.KindCompany, Filter{}, "tik", 25)
	if err != nil || len(got) < 2 || got[0].Name != "TikTok" || got[0].Count != 10 {
		t.Fatalf("autocomplete tik = %+v %v", got, err)
	}
	if names := fmt.Sprint(got); !strings.Contains(names, "Tiko Labs") || !strings.Contains(names, "Acme TikTok Tools") {
		t.Errorf("autocomplete tik misses prefix or word matches: %v", names)
	}
	got, _ = s.Questions.Autocomplete(ctx, data.KindCompany, Filter{Difficulty: "hard"}, "", 25)
	if len(got) == 0 || len(got) > 25 {
		t.Fatalf("empty typed: %v", got)
	}
	got, _ = s.Questions.Autocomplete(ctx, data.KindCompany, Filter{}, "tiktk", 25)
	if len(got) == 0 || got[0].Name != "TikTok" {
		t.Errorf("fuzzy tiktk = %v", got)
	}
	dym, err := s.Questions.DidYouMean(ctx, data.KindCompany, "", "tiktk", 3)
	if err != nil || len(dym) == 0 || dym[0] != "TikTok" {
		t.Fatalf("did you mean tiktk = %v %v", dym, err)
	}
	if dym, _ := s.Questions.DidYouMean(ctx, data.KindCompany, "", "zzzzzzzz", 3); len(dym) != 0 {
		t.Errorf("nonsense got suggestions %v", dym)
	}
	// Counts follow the other filters already chosen.
	got, _ = s.Questions.Autocomplete(ctx, data.KindRole, Filter{Company: "tiktok"}, "", 25)
	total := 0
	for _, v := range got {
		total += v.Count
	}
	if total == 0 {
		t.Errorf("roles under tiktok: %v", got)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	good := `- {id: a1, title: T1, company: Acme, category: Coding, difficulty: easy, prompt: P}
- {id: a2, title: T2, company: Acme, category: Coding, difficulty: hard, prompt: P, related: [a1]}
`
	entries, err := data.Parse("good.yaml", []byte(good), data.YAML)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Questions.Import(ctx, entries, ImportOptions{DryRun: true})
	if err != nil || res.Added != 2 {
		t.Fatalf("dry run %+v %v", res, err)
	}
	if n, _ := s.Questions.Count(ctx, Filter{}); n != 0 {
		t.Fatalf("dry run wrote %d questions", n)
	}
	entries, _ = data.Parse("good.yaml", []byte(good), data.YAML)
	if res, err = s.Questions.Import(ctx, entries, ImportOptions{}); err != nil || res.Added != 2 {
		t.Fatalf("import %+v %v", res, err)
	}
	bad := good + "- {id: a3, title: T3, company: Acme, category: Coding, difficulty: insane, prompt: P}\n"
	entries, _ = data.Parse("bad.yaml", []byte(strings.Replace(bad, "T1", "T1 changed", 1)), data.YAML)
	_, err = s.Questions.Import(ctx, entries, ImportOptions{})
	var ps data.Problems
	if !errors.As(err, &ps) || !strings.Contains(err.Error(), "bad.yaml:3") {
		t.Fatalf("want problems naming bad.yaml:3, got %v", err)
	}
	q, _ := s.Questions.ByID(ctx, "", "a1")
	if q.Title != "T1" {
		t.Fatalf("failed import changed a question: %q", q.Title)
	}
	// A server's import may not reuse an id of the shared bank, and is private.
	entries, _ = data.Parse("g.yaml", []byte(good), data.YAML)
	_, err = s.Questions.Import(ctx, entries, ImportOptions{Scope: "guild1"})
	if err == nil || !strings.Contains(err.Error(), "shared bank") {
		t.Fatalf("want shared-bank conflict, got %v", err)
	}
	own := `- {id: g1, title: Guild question, company: Acme, category: Coding, difficulty: easy, prompt: P}`
	entries, _ = data.Parse("g.yaml", []byte(own), data.YAML)
	if _, err := s.Questions.Import(ctx, entries, ImportOptions{Scope: "guild1"}); err != nil {
		t.Fatal(err)
	}
	for scope, want := range map[string]int{"guild1": 3, "guild2": 2, "": 2} {
		if n, _ := s.Questions.Count(ctx, Filter{Scope: scope}); n != want {
			t.Errorf("scope %q sees %d, want %d", scope, n, want)
		}
	}
}

// TestImportExportKeepsLevel: a question's levels survive an import, an
// update and an export; a question imported without levels exports none.
func TestImportExportKeepsLevel(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	imp := func(src string) {
		t.Helper()
		entries, err := data.Parse("l.yaml", []byte(src), data.YAML)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Questions.Import(ctx, entries, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	imp("- {id: l1, title: T1, company: Acme, category: Coding, difficulty: easy, level: [new grad, mid], prompt: P}\n- {id: l2, title: T2, company: Acme, category: Coding, difficulty: easy, prompt: P}\n")
	imp("- {id: l2, title: T2, company: Acme, category: Coding, difficulty: easy, level: [staff], prompt: P}\n")
	qs, err := s.Questions.Export(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, q := range qs {
		got[q.ID] = data.JoinList(q.Level)
	}
	if got["l1"] != "new grad;mid" || got["l2"] != "staff" {
		t.Errorf("exported levels %q, want l1 new grad;mid and l2 staff", got)
	}
	q, err := s.Questions.ByID(ctx, "", "l1")
	if err != nil || data.JoinList(q.Level) != "new grad;mid" {
		t.Errorf("stored question l1: %v, level %q", err, q.Level)
	}
}

func TestConcurrentWritesNeverLock(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(100, 5)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errc := make(chan error, 64*20)
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := fmt.Sprintf("u%d", g)
			for i := 0; i < 20; i++ {
				p, err := s.History.PickQuestion(ctx, Filter{}, user)
				if err != nil {
					errc <- err
					return
				}
				if err := s.History.MarkSeen(ctx, user, "", p.Seq); err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatal(err)
	}
	var n int
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM seen"); err != nil || n != 64*20 {
		t.Fatalf("seen rows %d %v", n, err)
	}
}
