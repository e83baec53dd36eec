package store

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// INTERIM: replaced by internal/pgtest.

var dbSeq atomic.Int64

func testBackend() string {
	if os.Getenv("PREPCORD_TEST_BACKEND") == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// testDB returns the location of a new, empty database for a test: a
// SQLite file, or a fresh PostgreSQL database on the PostgreSQL pass.
func testDB(t testing.TB) string {
	t.Helper()
	if testBackend() != "postgres" {
		return filepath.Join(t.TempDir(), "prepcord.db")
	}
	base := os.Getenv("PREPCORD_TEST_POSTGRES_URL")
	ctx := context.Background()
	c, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), dbSeq.Add(1))
	if _, err := c.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, base)
		if err == nil {
			c.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)")
			c.Close(ctx)
		}
	})
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

// sqliteOnly skips a test of what only SQLite has (files, PRAGMAs).
func sqliteOnly(t testing.TB) {
	t.Helper()
	if testBackend() != "sqlite" {
		t.Skip("a test of SQLite's files")
	}
}
