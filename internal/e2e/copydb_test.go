package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/internal/pgtest"
)

// copyRoundTrip copies the database an end-to-end run built (a SQLite
// file) to an empty PostgreSQL database and back to a new SQLite file with
// `prepcord copy-db`, then checks that every table holds the same rows as
// before (members' history, streaks, answers, pairings, feedback and
// suggestions among them) and that the exported bank is byte for byte the
// same.
func copyRoundTrip(t *testing.T, dbPath string) {
	t.Helper()
	bin := prepcordBinary(t)
	pg := pgtest.NewDatabase(t)
	back := filepath.Join(t.TempDir(), "back.db")
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = t.TempDir() // no .env
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir}
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("prepcord %s: %v\n%s", args[0], err, stderr)
		}
		return out
	}
	run("copy-db", dbPath, pg)
	run("copy-db", pg, back)

	before, after := tableRows(t, dbPath), tableRows(t, back)
	if len(before) == 0 {
		t.Fatal("no tables read")
	}
	rows := 0
	for table, want := range before {
		got, ok := after[table]
		switch {
		case !ok:
			t.Errorf("table %s is missing after the round trip", table)
		case !slices.Equal(got, want):
			t.Errorf("table %s: %d rows before, %d after, or different contents", table, len(want), len(got))
		}
		rows += len(want)
	}
	// The random load fills members' tables in different proportions from
	// run to run (some runs post no daily question); it must fill some.
	memberRows := 0
	for _, table := range []string{"seen", "daily_participation", "mock_queue", "mock_pairings", "mock_feedback", "suggestions"} {
		memberRows += len(before[table])
		t.Logf("%s: %d rows", table, len(before[table]))
	}
	if memberRows == 0 {
		t.Error("the run left every member table empty: the round trip proves nothing about members' data")
	}
	exportA := run("export", "--db", dbPath, "--format", "json")
	exportB := run("export", "--db", back, "--format", "json")
	if !bytes.Equal(exportA, exportB) {
		t.Error("the exported bank differs after the round trip")
	}
	t.Logf("copy-db round trip through PostgreSQL: %d tables, %d rows, exported bank %d bytes, all unchanged", len(before), rows, len(exportA))
}

// tableRows reads every table of a SQLite file (the search index's own
// storage aside: copy-db rebuilds it, so its layout may differ while what
// it finds does not) as sorted rows of text.
func tableRows(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sqlOpen(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	if err := db.Select(&tables, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'questions_fts_%' AND name <> 'prepcord_migrations'`); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := db.Queryx("SELECT * FROM " + table)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		var list []string
		for rows.Next() {
			vals, err := rows.SliceScan()
			if err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			var b strings.Builder
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v\x1f", v)
			}
			list = append(list, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		slices.Sort(list)
		out[table] = list
	}
	return out
}
