package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/pgtest"
)

// dumpTables reads every table of s as sorted lines of text, so that two
// databases on different backends compare equal when they hold the same.
func dumpTables(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	tables, err := s.tables(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, table := range append(tables, "questions_fts") {
		cols := "*"
		if table == "questions_fts" {
			cols = "docid, title, prompt, tags"
		}
		rows, err := s.r.QueryxContext(ctx, "SELECT "+cols+" FROM "+table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			m := map[string]any{}
			if err := rows.MapScan(m); err != nil {
				t.Fatal(err)
			}
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			var line strings.Builder
			for _, k := range keys {
				v := m[k]
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(&line, "%s=%v;", k, v)
			}
			out[table] = append(out[table], line.String())
		}
		rows.Close()
		slices.Sort(out[table])
	}
	return out
}

// TestCopyDBRoundTrip copies a SQLite database with members' data in every
// table into an empty PostgreSQL database and back into a new SQLite file:
// every table, search index included, holds the same rows, ids kept; the
// bank exports the same; a copy into a database that is not empty is
// refused and changes nothing; new rows on PostgreSQL get new ids.
func TestCopyDBRoundTrip(t *testing.T) {
	if pgtest.Backend() != "sqlite" {
		t.Skip("the SQLite pass copies both ways")
	}
	ctx := context.Background()
	src := openTest(t)
	if _, err := src.Questions.SyncBundled(ctx, genBank(40, 4)); err != nil {
		t.Fatal(err)
	}
	fillMember(t, src, "alice", "bob", "carol", 1)
	fillMember(t, src, "bob", "alice", "carol", 5)
	if _, err := src.Suggestions.Add(ctx, "g", "dana", genBank(1, 1)[0]); err != nil {
		t.Fatal(err)
	}
	want := dumpTables(t, src)
	if len(want["seen"]) == 0 || len(want["mock_feedback"]) == 0 || len(want["questions_fts"]) != 40 {
		t.Fatalf("the source holds too little to test a copy: %d seen, %d feedback, %d indexed", len(want["seen"]), len(want["mock_feedback"]), len(want["questions_fts"]))
	}

	pg, err := Open(ctx, pgtest.NewDatabase(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	res, err := src.CopyTo(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Tables["questions"] != 40 || res.Rows() < 40 {
		t.Fatalf("copied %v", res.Tables)
	}
	if got := dumpTables(t, pg); !reflect.DeepEqual(got, want) {
		for table := range want {
			if !reflect.DeepEqual(got[table], want[table]) {
				t.Errorf("%s on PostgreSQL:\n got %q\nwant %q", table, got[table], want[table])
			}
		}
		t.FailNow()
	}
	// Search works on the copied index.
	if n, err := pg.Questions.Count(ctx, Filter{Search: strings.Fields(genBank(40, 4)[7].Title)[0]}); err != nil || n == 0 {
		t.Fatalf("search on the copy: %d, %v", n, err)
	}
	// A second copy into the same database is refused and changes nothing.
	if _, err := src.CopyTo(ctx, pg); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("copy into a database with rows: %v", err)
	}
	if got := dumpTables(t, pg); !reflect.DeepEqual(got, want) {
		t.Fatal("a refused copy changed the target")
	}

	back, err := Open(ctx, filepath.Join(t.TempDir(), "back.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := pg.CopyTo(ctx, back); err != nil {
		t.Fatal(err)
	}
	if got := dumpTables(t, back); !reflect.DeepEqual(got, want) {
		t.Fatal("the round trip changed the data")
	}
	a, _ := src.Questions.Export(ctx, "")
	b, _ := back.Questions.Export(ctx, "")
	if !reflect.DeepEqual(a, b) || len(a) != 40 {
		t.Fatalf("the bank exports differ after the round trip (%d and %d questions)", len(a), len(b))
	}

	// PostgreSQL's ids go on after the copied ones.
	sg, err := pg.Suggestions.Add(ctx, "g", "erin", genBank(2, 1)[1])
	if err != nil {
		t.Fatal(err)
	}
	var maxID int64
	if err := src.r.GetContext(ctx, &maxID, "SELECT max(id) FROM suggestions"); err != nil || sg.ID <= maxID {
		t.Fatalf("a new suggestion on the copy got id %d, the copied ones go up to %d (%v)", sg.ID, maxID, err)
	}
}
