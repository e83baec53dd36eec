package pgtest

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", as the store uses
)

// helperEnv selects what the test binary does when a test runs it as a
// child: "main" runs TestHelperBackend through Main, "newdb" and "hold" run
// the helper tests below.
const helperEnv = "PGTEST_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "main" {
		Main(m)
	}
	code := m.Run()
	Stop()
	os.Exit(code)
}

// needServer skips (or fails, when required) a test that needs a server.
func needServer(t *testing.T) {
	t.Helper()
	if _, err := shared.server(); err == errUnavailable {
		if Required() {
			t.Fatal(HowToEnable)
		}
		t.Skip(HowToEnable)
	} else if err != nil {
		t.Fatal(err)
	}
}

// databaseExists asks the server's catalogue whether name exists.
func databaseExists(t *testing.T, name string) bool {
	t.Helper()
	serverURL, _ := shared.server()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, serverURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func databaseName(t *testing.T, dbURL string) string {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimPrefix(u.Path, "/")
}

func TestNewDatabaseIsEmptyAndDroppedAfterTheTest(t *testing.T) {
	needServer(t)
	var name string
	var leftOpen *pgx.Conn
	t.Run("test", func(t *testing.T) {
		dbURL := NewDatabase(t)
		name = databaseName(t, dbURL)
		if !strings.HasPrefix(name, "prepcord_test_") {
			t.Fatalf("database name %q", name)
		}
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			t.Fatalf("connecting to %s: %v", dbURL, err)
		}
		var current string
		var tables int
		if err := conn.QueryRow(ctx, "SELECT current_database()").Scan(&current); err != nil || current != name {
			t.Fatalf("connected to %q (%v), want %q", current, err, name)
		}
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM information_schema.tables
			WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`).Scan(&tables); err != nil || tables != 0 {
			t.Fatalf("a new database holds %d tables (%v), want none", tables, err)
		}
		if _, err := conn.Exec(ctx, "CREATE TABLE questions (id BIGINT PRIMARY KEY)"); err != nil {
			t.Fatal(err)
		}
		if !databaseExists(t, name) {
			t.Fatal("the database is not in pg_database during its test")
		}
		leftOpen = conn // still connected when the cleanup drops the database
	})
	if name == "" {
		t.Fatal("the subtest created no database")
	}
	if databaseExists(t, name) {
		t.Fatalf("database %s still exists after its test", name)
	}
	if leftOpen != nil {
		if err := leftOpen.Ping(context.Background()); err == nil {
			t.Error("a connection left open to the dropped database still works")
		}
		leftOpen.Close(context.Background())
	}
}

func TestTwoDatabasesAreIndependent(t *testing.T) {
	needServer(t)
	a, b := NewDatabase(t), NewDatabase(t)
	if a == b {
		t.Fatalf("two calls returned the same database %s", a)
	}
	open := func(dbURL string) *sql.DB {
		db, err := sql.Open("pgx", dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	dbA, dbB := open(a), open(b)
	for _, db := range []*sql.DB{dbA, dbB} {
		if _, err := db.Exec("CREATE TABLE streaks (member TEXT PRIMARY KEY, days BIGINT NOT NULL)"); err != nil {
			t.Fatalf("the same table in both databases: %v", err)
		}
	}
	if _, err := dbA.Exec("INSERT INTO streaks (member, days) VALUES ('ada', 3)"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := dbB.QueryRow("SELECT count(*) FROM streaks").Scan(&n); err != nil || n != 0 {
		t.Fatalf("a row written to one database shows %d rows (%v) in the other", n, err)
	}
	if err := dbA.QueryRow("SELECT days FROM streaks WHERE member = 'ada'").Scan(&n); err != nil || n != 3 {
		t.Fatalf("days = %d (%v), want 3", n, err)
	}
}

func TestNewDatabaseFromCopiesTheTemplate(t *testing.T) {
	needServer(t)
	setups := 0
	setup := func(ctx context.Context, dbURL string) error {
		setups++
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			return err
		}
		// Left open on purpose: the template must still be copyable.
		_, err = conn.Exec(ctx, "CREATE TABLE questions (id BIGINT PRIMARY KEY, title TEXT NOT NULL); INSERT INTO questions VALUES (1, 'Two Sum')")
		return err
	}
	a := NewDatabaseFrom(t, "questions", setup)
	b := NewDatabaseFrom(t, "questions", setup)
	if setups != 1 {
		t.Errorf("setup ran %d times for one key, want once", setups)
	}
	if a == b {
		t.Fatalf("two calls returned the same database %s", a)
	}
	ctx := context.Background()
	count := func(dbURL string) int {
		conn, err := pgx.Connect(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var n int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM questions").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	conn, err := pgx.Connect(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO questions VALUES (2, 'LRU Cache')"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if na, nb := count(a), count(b); na != 2 || nb != 1 {
		t.Errorf("rows: %d in the written copy (want 2), %d in the other (want the template's 1)", na, nb)
	}
	failing := func(context.Context, string) error { return errors.New("migration 7 failed") }
	if msg := fatalOf(t, func(tb testing.TB) { NewDatabaseFrom(tb, "broken", failing) }); !strings.Contains(msg, "migration 7 failed") {
		t.Errorf("a failing setup: %q, want a failure with its error", msg)
	}
}

// fatalTB records a Fatal instead of failing the test it wraps.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (f *fatalTB) Fatal(args ...any) {
	f.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

// fatalOf runs do and returns what it failed with, if anything.
func fatalOf(t *testing.T, do func(tb testing.TB)) string {
	f := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		do(f)
	}()
	<-done
	return f.msg
}

// runHelper runs this test binary's test named run as a child with env
// added (and PREPCORD_TEST_POSTGRES_URL removed unless env sets it), and
// returns its output and exit code. An env entry starting with "-test." is
// a flag instead.
func runHelper(t *testing.T, run string, env ...string) (string, int) {
	t.Helper()
	args := []string{"-test.run=^" + run + "$", "-test.v", "-test.count=1"}
	for i := 0; i < len(env); i++ {
		if strings.HasPrefix(env[i], "-test.") {
			args = append(args, env[i])
			env = append(env[:i:i], env[i+1:]...)
			i--
		}
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(withoutEnv(os.Environ(), EnvURL, EnvRequire, EnvBackend, EnvBin, helperEnv), env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
next:
	for _, kv := range env {
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				continue next
			}
		}
		out = append(out, kv)
	}
	return out
}

// TestHelperNewDatabase is run as a child by the tests below.
func TestHelperNewDatabase(t *testing.T) {
	if os.Getenv(helperEnv) != "newdb" {
		t.Skip("run as a child by TestSkipsOrFailsWithoutPostgres")
	}
	NewDatabase(t)
	t.Log("got a database")
}

func TestSkipsOrFailsWithoutPostgres(t *testing.T) {
	hidden := "PREPCORD_TEST_POSTGRES_BIN=" + t.TempDir() // no initdb, no postgres
	out, code := runHelper(t, "TestHelperNewDatabase", helperEnv+"=newdb", hidden)
	if code != 0 || !strings.Contains(out, "--- SKIP: TestHelperNewDatabase") || !strings.Contains(out, HowToEnable) {
		t.Errorf("without binaries or URL: exit %d, want 0, a skip saying how to enable:\n%s", code, out)
	}
	out, code = runHelper(t, "TestHelperNewDatabase", helperEnv+"=newdb", hidden, EnvRequire+"=1")
	if code == 0 || !strings.Contains(out, "--- FAIL: TestHelperNewDatabase") || !strings.Contains(out, HowToEnable) {
		t.Errorf("without binaries, %s=1: exit %d, want a failure saying how to enable:\n%s", EnvRequire, code, out)
	}
}

// TestHelperBackend is run through Main by TestMainRunsBothPasses.
func TestHelperBackend(t *testing.T) {
	if os.Getenv(helperEnv) != "main" {
		t.Skip("run as a child by TestMainRunsBothPasses")
	}
	t.Logf("backend=%s", Backend())
	if Backend() == "postgres" {
		NewDatabase(t)
		// The PostgreSQL pass uses the server of the first pass.
		t.Logf("started its own server: %v", shared.srv != nil)
	}
	if Backend() == os.Getenv("PGTEST_FAIL_ON") {
		t.Error("failing on purpose")
	}
}

func TestMainRunsBothPasses(t *testing.T) {
	needServer(t)
	out, code := runHelper(t, "TestHelperBackend", helperEnv+"=main")
	sqlite := strings.Index(out, "backend=sqlite")
	banner := strings.Index(out, "\n=== PostgreSQL pass\n")
	postgres := strings.Index(out, "backend=postgres")
	if code != 0 || sqlite < 0 || banner < sqlite || postgres < banner ||
		!strings.Contains(out, "started its own server: false") {
		t.Fatalf("exit %d, want 0, the SQLite pass, the banner, then the PostgreSQL pass on the same server:\n%s", code, out)
	}
	for _, backend := range []string{"sqlite", "postgres"} {
		out, code := runHelper(t, "TestHelperBackend", helperEnv+"=main", "PGTEST_FAIL_ON="+backend)
		if code == 0 || !strings.Contains(out, "failing on purpose") || !strings.Contains(out, "=== PostgreSQL pass") {
			t.Errorf("a test failing on %s: exit %d, want non-zero after both passes:\n%s", backend, code, out)
		}
	}
	out, code = runHelper(t, "TestHelperBackend", helperEnv+"=main", "PGTEST_FAIL_ON=sqlite", "-test.failfast")
	if code == 0 || strings.Contains(out, "=== PostgreSQL pass") {
		t.Errorf("-failfast and a failing SQLite pass: exit %d, want non-zero and no PostgreSQL pass:\n%s", code, out)
	}
}

func TestMainWithoutPostgres(t *testing.T) {
	hidden := "PREPCORD_TEST_POSTGRES_BIN=" + t.TempDir()
	out, code := runHelper(t, "TestHelperBackend", helperEnv+"=main", hidden)
	if code != 0 || !strings.Contains(out, "\nPostgreSQL pass skipped: "+HowToEnable+"\n") ||
		strings.Contains(out, "=== PostgreSQL pass") {
		t.Errorf("without PostgreSQL: exit %d, want 0 and one line saying the pass was skipped:\n%s", code, out)
	}
	out, code = runHelper(t, "TestHelperBackend", helperEnv+"=main", hidden, EnvRequire+"=1")
	if code == 0 || !strings.Contains(out, "PostgreSQL pass skipped: ") {
		t.Errorf("without PostgreSQL, %s=1: exit %d, want non-zero:\n%s", EnvRequire, code, out)
	}
	out, code = runHelper(t, "TestHelperBackend", helperEnv+"=main", hidden, "PGTEST_FAIL_ON=sqlite")
	if code == 0 {
		t.Errorf("a failing SQLite pass without PostgreSQL exited 0:\n%s", out)
	}
}

// TestHelperHold is run as a child by TestServerDiesWithTheTestProcess: it
// starts a throwaway server, says where it is, and waits to be killed.
func TestHelperHold(t *testing.T) {
	if os.Getenv(helperEnv) != "hold" {
		t.Skip("run as a child by TestServerDiesWithTheTestProcess")
	}
	NewDatabase(t)
	if shared.srv == nil {
		t.Fatal("no throwaway server was started")
	}
	os.Stdout.WriteString("postmaster=" + strconv.Itoa(shared.srv.pid()) + " dir=" + shared.srv.dir + "\n")
	time.Sleep(2 * time.Minute)
}

func TestServerDiesWithTheTestProcess(t *testing.T) {
	if _, ok := findBinaries(binDirs(os.Getenv)); !ok {
		if Required() {
			t.Fatal(HowToEnable)
		}
		t.Skip("needs PostgreSQL's server binaries: " + HowToEnable)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHold$", "-test.count=1")
	cmd.Env = append(withoutEnv(os.Environ(), EnvURL, EnvBin, helperEnv), helperEnv+"=hold")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var pid int
	var dir string
	deadline := time.After(startTimeout + 30*time.Second)
	for pid == 0 {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("the child ended without starting a server")
			}
			if rest, ok := strings.CutPrefix(line, "postmaster="); ok {
				p, d, _ := strings.Cut(rest, " dir=")
				pid, dir = atoi(t, p), d
			}
		case <-deadline:
			t.Fatal("the child started no server in time")
		}
	}
	if !alive(pid) {
		t.Fatalf("postmaster %d is not running while its test process is", pid)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	for start := time.Now(); alive(pid); time.Sleep(50 * time.Millisecond) {
		if time.Since(start) > 20*time.Second {
			t.Fatalf("postmaster %d still runs 20 s after its test process was SIGKILLed", pid)
		}
	}
	// Its folder is left behind; the next server's start removes it.
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the killed run's folder: %v", err)
	}
	removeStaleDirs(filepath.Dir(dir))
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the killed run's folder %s was not removed as stale (%v)", dir, err)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStartFailuresShowTheServersWords(t *testing.T) {
	// Shell scripts standing in for initdb and postgres; the folder must be
	// readable by nobody, who runs them when the tests run as root.
	bin, err := os.MkdirTemp("", "pgtest-bin-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(bin) })
	os.Chmod(bin, 0o755)
	script := func(name, body string) {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	script("initdb", "echo 'initdb: error: the disk is on fire' >&2; exit 1")
	script("postgres", "exit 1")
	if _, err := startServer(bin); err == nil || !strings.Contains(err.Error(), "the disk is on fire") {
		t.Errorf("initdb failing: %v, want its message", err)
	}
	script("initdb", "exit 0")
	script("postgres", "echo 'FATAL:  could not create lock file' >&2; exit 1")
	if _, err := startServer(bin); err == nil || !strings.Contains(err.Error(), "could not create lock file") ||
		!strings.Contains(err.Error(), "exited before accepting connections") {
		t.Errorf("postgres failing: %v, want the end of its log", err)
	}
}

func TestChildArgs(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		want       string
		secondPass bool
	}{
		{[]string{"-test.run=TestX", "-test.v=true", "-test.count=1"}, "-test.run=TestX -test.v=true -test.count=1", true},
		{[]string{"-test.run=^$", "-test.bench=.", "-test.benchtime=100x", "-test.benchmem"}, "-test.run=^$", false},
		{[]string{"-test.bench", ".", "-test.run", "TestX", "-test.benchmem", "-test.short"}, "-test.run TestX -test.short", true},
		{[]string{"-test.paniconexit0", "-test.timeout=10m0s", "-test.testlogfile=/tmp/x/testlog.txt", "-test.coverprofile=c.out"}, "-test.paniconexit0 -test.timeout=10m0s", true},
		{[]string{"-test.fuzz=FuzzParse", "-test.fuzztime=10s", "-test.run=FuzzParse"}, "-test.run=FuzzParse", false},
		{[]string{"-test.fuzzworker", "-test.run=FuzzParse"}, "-test.run=FuzzParse", false},
		{[]string{"-test.list=.*"}, "-test.list=.*", false},
		{[]string{"--test.cpuprofile", "cpu.out", "-test.v"}, "-test.v", true},
	} {
		if got := strings.Join(childArgs(tc.args), " "); got != tc.want {
			t.Errorf("childArgs(%q) = %q, want %q", tc.args, got, tc.want)
		}
		if got := secondPass(tc.args); got != tc.secondPass {
			t.Errorf("secondPass(%q) = %v, want %v", tc.args, got, tc.secondPass)
		}
	}
}

func TestRemainingTimeout(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		elapsed time.Duration
		want    string
	}{
		{[]string{"-test.v=true", "-test.timeout=10m0s"}, 4 * time.Minute, "-test.v=true -test.timeout=6m0s"},
		{[]string{"-test.timeout", "1m", "-test.short"}, 30 * time.Second, "-test.timeout=30s -test.short"},
		{[]string{"-test.timeout=1m"}, 5 * time.Minute, "-test.timeout=1s"},
		{[]string{"-test.timeout=0s"}, time.Minute, "-test.timeout=0s"},
		{[]string{"-test.run=X"}, time.Minute, "-test.run=X"},
	} {
		if got := strings.Join(remainingTimeout(tc.args, tc.elapsed), " "); got != tc.want {
			t.Errorf("remainingTimeout(%q, %v) = %q, want %q", tc.args, tc.elapsed, got, tc.want)
		}
	}
}

func TestBackend(t *testing.T) {
	t.Setenv(EnvBackend, "")
	if Backend() != "sqlite" {
		t.Errorf("Backend() = %q without %s, want sqlite", Backend(), EnvBackend)
	}
	t.Setenv(EnvBackend, "postgres")
	if Backend() != "postgres" {
		t.Errorf("Backend() = %q with %s=postgres, want postgres", Backend(), EnvBackend)
	}
}

// cleanupTB runs a benchmark iteration's cleanups when asked, not at the
// end of the benchmark.
type cleanupTB struct {
	testing.TB
	cleanups []func()
}

func (c *cleanupTB) Cleanup(f func()) { c.cleanups = append(c.cleanups, f) }

// BenchmarkNewDatabase measures creating one database on the running server
// and dropping it: go test -run '^$' -bench NewDatabase -benchtime 50x ./internal/pgtest
func BenchmarkNewDatabase(b *testing.B) {
	if _, err := shared.server(); err != nil {
		b.Skip(err)
	}
	var create time.Duration
	for b.Loop() {
		tb := &cleanupTB{TB: b}
		start := time.Now()
		shared.newDatabase(tb)
		create += time.Since(start)
		for _, f := range tb.cleanups {
			f()
		}
	}
	b.ReportMetric(float64(create.Microseconds())/1000/float64(b.N), "ms-create/op")
}

// BenchmarkStartServer measures starting a throwaway server (initdb's
// result copied from the template after the first) until it accepts
// connections, and stopping it: go test -run '^$' -bench StartServer -benchtime 5x ./internal/pgtest
func BenchmarkStartServer(b *testing.B) {
	dir, ok := findBinaries(binDirs(os.Getenv))
	if !ok {
		b.Skip(HowToEnable)
	}
	for b.Loop() {
		s, err := startServer(dir)
		if err != nil {
			b.Fatal(err)
		}
		s.stop()
	}
}
