package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/internal/pgtest"
)

// TestCopyDBCommand: `prepcord copy-db` copies a SQLite database that
// prepcord made into an empty PostgreSQL database and back, prints the
// row counts, and refuses a target that is not empty, a missing source and
// bad usage, each with one line.
func TestCopyDBCommand(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "prepcord.db")
	if code, _, stderr := cli(t, map[string]string{"DATABASE_PATH": src}, "questions", "--limit", "1"); code != 0 {
		t.Fatalf("making the source: exit %d %s", code, stderr)
	}
	pg := pgtest.NewDatabase(t)
	code, out, stderr := cli(t, nil, "copy-db", src, pg)
	if code != 0 || !strings.Contains(out, "every table's row count checked") || !strings.Contains(out, "questions") {
		t.Fatalf("copy-db to PostgreSQL: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := cli(t, nil, "copy-db", src, pg); code != 1 || !strings.Contains(stderr, "not empty") {
		t.Fatalf("copy-db into a database with rows: exit %d %s", code, stderr)
	}
	back := filepath.Join(dir, "back.db")
	if code, out, stderr := cli(t, nil, "copy-db", pg, back); code != 0 || !strings.Contains(out, "copied") {
		t.Fatalf("copy-db back to SQLite: exit %d\n%s%s", code, out, stderr)
	}
	_, a, _ := cli(t, map[string]string{"DATABASE_PATH": src}, "export", "--format", "json")
	_, b, _ := cli(t, map[string]string{"DATABASE_PATH": back}, "export", "--format", "json")
	if a == "" || a != b {
		t.Fatalf("the exported bank differs after the round trip (%d and %d bytes)", len(a), len(b))
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"copy-db", src}, 2, "give the database to copy"},
		{[]string{"copy-db", filepath.Join(dir, "none.db"), back}, 1, "no database at"},
		{[]string{"copy-db", src, src}, 2, "two different databases"},
	} {
		code, _, stderr := cli(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d %q, want %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}
