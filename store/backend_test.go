package store

import (
	"path/filepath"
	"testing"

	"github.com/prepcord/prepcord/internal/pgtest"
)

// TestMain runs the package's tests on SQLite, then again on PostgreSQL.
func TestMain(m *testing.M) { pgtest.Main(m) }

// testDB returns the location of a new, empty database for a test: a
// SQLite file, or a fresh PostgreSQL database on the PostgreSQL pass.
func testDB(t testing.TB) string {
	t.Helper()
	if pgtest.Backend() == "postgres" {
		return pgtest.NewDatabase(t)
	}
	return filepath.Join(t.TempDir(), "prepcord.db")
}

// sqliteOnly skips a test of what only SQLite has (its files, PRAGMAs).
func sqliteOnly(t testing.TB) {
	t.Helper()
	if pgtest.Backend() != "sqlite" {
		t.Skip("a test of SQLite's own files")
	}
}
