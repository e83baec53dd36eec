package web_test

import (
	"testing"

	"github.com/prepcord/prepcord/internal/pgtest"
)

// TestMain runs the package's tests on SQLite, then again on PostgreSQL.
func TestMain(m *testing.M) { pgtest.Main(m) }
