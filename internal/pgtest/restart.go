package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Server is a throwaway PostgreSQL server of one test's own, for tests that
// stop and start the database under a running prepcord: unlike the shared
// server of NewDatabase it can be stopped and started again on the same data.
// It needs PostgreSQL's server binaries (a PREPCORD_TEST_POSTGRES_URL server
// cannot be restarted from here): without them StartServer skips tb, or
// fails it when PREPCORD_TEST_REQUIRE_POSTGRES=1.
type Server struct {
	s *server
}

// StartServer starts a throwaway server for tb, stopped and removed when
// tb's test ends.
func StartServer(tb testing.TB) *Server {
	tb.Helper()
	dir, ok := findBinaries(binDirs(shared.getenv))
	if !ok {
		if Required() {
			tb.Fatal(HowToEnable + " (" + EnvRequire + "=1 makes this a failure)")
		}
		tb.Skip(HowToEnable)
	}
	s, err := startServer(dir)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.stop)
	return &Server{s: s}
}

// NewDatabase creates an empty database on the server and returns its URL.
func (s *Server) NewDatabase(tb testing.TB, name string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.s.url)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		tb.Fatalf("pgtest: creating database %s: %v", name, err)
	}
	u, _ := url.Parse(s.s.url)
	u.Path, u.RawPath = "/"+name, ""
	return u.String()
}

// Stop shuts the server down the way `pg_ctl stop -m fast` does (SIGINT:
// open connections are ended, committed data stays) and waits for it.
func (s *Server) Stop() error {
	select {
	case <-s.s.exited:
		return errors.New("pgtest: the server is not running")
	default:
	}
	if err := s.s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		return err
	}
	select {
	case <-s.s.exited:
		return nil
	case <-time.After(30 * time.Second):
		return fmt.Errorf("pgtest: postgres did not stop within 30 s of a fast shutdown; end of its log:\n%s", s.s.logTail())
	}
}

// Start starts the stopped server again on the same data and socket and
// returns once it accepts connections.
func (s *Server) Start() error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	return s.s.launch(ctx)
}
