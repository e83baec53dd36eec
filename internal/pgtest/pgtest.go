// Package pgtest gives prepcord's tests PostgreSQL databases: one server per
// test process, a fresh empty database per test, and a second pass of a whole
// package's tests on PostgreSQL (Main).
//
// The server is PREPCORD_TEST_POSTGRES_URL when that is set (a role allowed
// to CREATE DATABASE, on PostgreSQL 13 or newer). Otherwise, when
// PostgreSQL's server binaries are installed, the first NewDatabase of the
// process starts a throwaway server: initdb into a temporary folder and a
// postmaster listening only on a Unix socket there, run as the user nobody
// when the tests run as root, and gone when the test process ends, even by
// SIGKILL. When there is neither, PostgreSQL cases are skipped with a line
// saying how to enable them, or fail when PREPCORD_TEST_REQUIRE_POSTGRES=1
// (as in CI).
//
// A package runs its tests on both backends with
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	// testDB is where a test's store lives on the current pass.
//	func testDB(t testing.TB) string {
//		if pgtest.Backend() == "postgres" {
//			return pgtest.NewDatabase(t)
//		}
//		return filepath.Join(t.TempDir(), "prepcord.db")
//	}
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The environment variables pgtest reads.
const (
	// EnvURL names an existing server to create test databases on, e.g.
	// postgres://prepcord:secret@localhost:5432/postgres. Main sets it for
	// the PostgreSQL pass to the server it started.
	EnvURL = "PREPCORD_TEST_POSTGRES_URL"
	// EnvRequire, set to 1, turns a skipped PostgreSQL case into a failure.
	EnvRequire = "PREPCORD_TEST_REQUIRE_POSTGRES"
	// EnvBackend is "postgres" in the PostgreSQL pass Main runs.
	EnvBackend = "PREPCORD_TEST_BACKEND"
	// EnvBin, when set, is the only folder searched for initdb and postgres
	// (pgtest's own tests point it at an empty folder to hide them).
	EnvBin = "PREPCORD_TEST_POSTGRES_BIN"
)

// HowToEnable says how to make PostgreSQL cases run; skips and failures for
// a missing server carry it.
const HowToEnable = "PostgreSQL is not available: install its server binaries " +
	"(Debian: apt-get install postgresql; initdb and postgres are found through pg_config --bindir, " +
	"PATH or /usr/lib/postgresql/*/bin) or set " + EnvURL + "=postgres://user:password@host:5432/postgres " +
	"(a role allowed to CREATE DATABASE)"

// errUnavailable: no URL and no server binaries.
var errUnavailable = errors.New(HowToEnable)

// Backend returns the backend of the current pass: "postgres" in the pass
// Main runs on PostgreSQL, "sqlite" otherwise.
func Backend() string {
	if os.Getenv(EnvBackend) == "postgres" {
		return "postgres"
	}
	return "sqlite"
}

// Required reports whether PREPCORD_TEST_REQUIRE_POSTGRES=1: a missing
// PostgreSQL fails instead of skipping.
func Required() bool { return os.Getenv(EnvRequire) == "1" }

// NewDatabase creates a fresh, empty database on this process's server and
// returns a postgres:// URL for it (for the throwaway server:
// postgres:///name?host=/socket/folder&user=postgres), usable by pgx and its
// database/sql driver. The database is dropped, with any connection still
// open to it, when tb's test ends. Without a server it skips tb (or fails
// it, when PREPCORD_TEST_REQUIRE_POSTGRES=1). It works in either pass, so a
// benchmark can measure PostgreSQL beside its SQLite baseline in one run.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	return shared.newDatabase(tb)
}

// Stop stops the throwaway server this process started, if any, and removes
// its files. Main calls it; a TestMain that calls NewDatabase without Main
// should call it after m.Run (the server dies with the process anyway, but
// its temporary folder is only removed by the next run).
func Stop() { shared.stop() }

// shared is the test process's one server: starting PostgreSQL per test
// would cost about a second each.
var shared = &provider{getenv: os.Getenv}

// provider starts or finds the server once, lazily, and creates databases
// on it through one maintenance connection.
type provider struct {
	getenv func(string) string

	once sync.Once
	url  string  // the server's maintenance URL
	srv  *server // the throwaway server, when this process started one
	err  error   // errUnavailable, or why the server could not be had

	mu   sync.Mutex // guards conn
	conn *pgx.Conn  // maintenance connection, opened on first use
	seq  atomic.Int64

	tmu       sync.Mutex // guards templates
	templates map[string]*template
}

// server returns the maintenance URL of the server, starting a throwaway
// one on first use when needed.
func (p *provider) server() (string, error) {
	p.once.Do(func() {
		if u := p.getenv(EnvURL); u != "" {
			p.url = u
			return
		}
		dir, ok := findBinaries(binDirs(p.getenv))
		if !ok {
			p.err = errUnavailable
			return
		}
		p.srv, p.err = startServer(dir)
		if p.err == nil {
			p.url = p.srv.url
		}
	})
	return p.url, p.err
}

func (p *provider) newDatabase(tb testing.TB) string {
	tb.Helper()
	return p.createDatabase(tb, p.serverOrSkip(tb), "")
}

// serverOrSkip returns the server's maintenance URL, or skips tb (fails it,
// when PostgreSQL is required) without one.
func (p *provider) serverOrSkip(tb testing.TB) string {
	tb.Helper()
	serverURL, err := p.server()
	if errors.Is(err, errUnavailable) {
		if p.getenv(EnvRequire) == "1" {
			tb.Fatal(HowToEnable + " (" + EnvRequire + "=1 makes this a failure)")
		}
		tb.Skip(HowToEnable)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return serverURL
}

// uniqueName returns a database name unique across processes sharing one
// server (several packages' tests, or machines sharing
// PREPCORD_TEST_POSTGRES_URL).
func (p *provider) uniqueName(prefix string) string {
	var random [4]byte
	rand.Read(random[:])
	return fmt.Sprintf("%s_%d_%d_%s", prefix, os.Getpid(), p.seq.Add(1), hex.EncodeToString(random[:]))
}

// createDatabase creates a database (with options, e.g. a TEMPLATE),
// dropped at tb's end, and returns its URL.
func (p *provider) createDatabase(tb testing.TB, serverURL, options string) string {
	tb.Helper()
	dbURL, err := url.Parse(serverURL)
	if err != nil || (dbURL.Scheme != "postgres" && dbURL.Scheme != "postgresql") {
		tb.Fatalf("pgtest: %s is not a postgres:// URL", EnvURL)
	}
	name := p.uniqueName("prepcord_test")
	if err := p.exec("CREATE DATABASE " + pgx.Identifier{name}.Sanitize() + options); err != nil {
		tb.Fatalf("pgtest: creating database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		if err := p.exec("DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize() + " WITH (FORCE)"); err != nil {
			tb.Errorf("pgtest: dropping database %s: %v", name, err)
		}
	})
	dbURL.Path, dbURL.RawPath = "/"+name, ""
	return dbURL.String()
}

// exec runs one statement on the maintenance connection, opening it when
// needed and dropping it after an error so the next call reconnects.
func (p *provider) exec(sql string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if p.conn == nil || p.conn.IsClosed() {
		conn, err := pgx.Connect(ctx, p.url)
		if err != nil {
			return err
		}
		p.conn = conn
	}
	if _, err := p.conn.Exec(ctx, sql); err != nil {
		p.conn.Close(ctx)
		p.conn = nil
		return err
	}
	return nil
}

func (p *provider) stop() {
	p.dropTemplates()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conn != nil {
		p.conn.Close(context.Background())
		p.conn = nil
	}
	p.srv.stop()
}
