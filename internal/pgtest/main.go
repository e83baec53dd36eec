package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// Main runs a package's tests on both backends; call it from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// It runs m.Run() (the SQLite pass), then runs the same test binary again,
// with the same flags less those for benchmarks, fuzzing and profiles, with
// PREPCORD_TEST_BACKEND=postgres and PREPCORD_TEST_POSTGRES_URL set to this
// process's server, so the whole package shares one server. The second
// pass's output follows a line "=== PostgreSQL pass". Main exits non-zero if
// either pass failed. There is no second pass for a fuzzing run, a -list, a
// benchmark-only run (-run '^$' with -bench), or inside the PostgreSQL pass
// itself. Without PostgreSQL it prints "PostgreSQL pass skipped: <how to
// enable>" and exits by the SQLite pass, unless
// PREPCORD_TEST_REQUIRE_POSTGRES=1, when that is a failure. With -failfast,
// a failed SQLite pass ends the run. The -timeout covers both passes: the
// second gets what the first left, so that a hang is reported by the test
// binary rather than killed silently by the go command.
func Main(m *testing.M) {
	start := time.Now()
	code := m.Run()
	args := os.Args[1:]
	failfast, _ := flagValue(args, "failfast")
	if Backend() == "postgres" || !secondPass(args) || (code != 0 && failfast == "true") {
		Stop()
		os.Exit(code)
	}
	args = remainingTimeout(childArgs(args), time.Since(start))
	os.Exit(max(code, runPostgresPass(shared, os.Args[0], args)))
}

// remainingTimeout rewrites a -test.timeout in args to what is left of it
// after elapsed (at least a second).
func remainingTimeout(args []string, elapsed time.Duration) []string {
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		name, value, hasValue, ok := testFlag(args[i])
		if !ok || name != "timeout" {
			out = append(out, args[i])
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		d, err := time.ParseDuration(value)
		if err == nil && d > 0 {
			value = max(d-elapsed, time.Second).String()
		}
		out = append(out, "-test.timeout="+value)
	}
	return out
}

// runPostgresPass runs the test binary again with args for the PostgreSQL
// pass and returns its exit code (1 when it could not run), stopping the server
// afterwards.
func runPostgresPass(p *provider, binary string, args []string) int {
	defer p.stop()
	serverURL, err := p.server()
	if errors.Is(err, errUnavailable) {
		fmt.Printf("PostgreSQL pass skipped: %s\n", HowToEnable)
		if p.getenv(EnvRequire) == "1" {
			fmt.Printf("FAIL: %s=1 requires the PostgreSQL pass\n", EnvRequire)
			return 1
		}
		return 0
	}
	if err != nil {
		fmt.Printf("=== PostgreSQL pass\nFAIL: %v\n", err)
		return 1
	}
	fmt.Println("=== PostgreSQL pass")
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), EnvBackend+"=postgres", EnvURL+"="+serverURL)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() > 0 {
			return exit.ExitCode()
		}
		fmt.Printf("FAIL: PostgreSQL pass: %v\n", err)
		return 1
	}
	return 0
}

// testFlag splits a command-line argument into a test flag's name (without
// "-test.") and its value; hasValue is false for "-test.name" alone.
func testFlag(arg string) (name, value string, hasValue, ok bool) {
	if strings.HasPrefix(arg, "--") {
		arg = arg[1:]
	}
	rest, ok := strings.CutPrefix(arg, "-test.")
	if !ok {
		return "", "", false, false
	}
	name, value, hasValue = strings.Cut(rest, "=")
	return name, value, hasValue, true
}

// boolFlags are the test flags among those read here that take no
// separate value argument.
var boolFlags = map[string]bool{"benchmem": true, "fuzzworker": true, "failfast": true}

// flagValue returns the value of the test flag name in args, written as
// -test.name=value or -test.name value.
func flagValue(args []string, name string) (string, bool) {
	for i, a := range args {
		n, v, hasValue, ok := testFlag(a)
		if !ok || n != name {
			continue
		}
		switch {
		case hasValue:
			return v, true
		case boolFlags[n]:
			return "true", true
		case i+1 < len(args):
			return args[i+1], true
		}
	}
	return "", false
}

// secondPass reports whether the PostgreSQL pass runs after the SQLite
// pass: not for fuzzing (nor in a fuzzing worker), -list, or benchmarks
// alone.
func secondPass(args []string) bool {
	for _, name := range []string{"fuzz", "fuzzworker", "list"} {
		if v, ok := flagValue(args, name); ok && v != "" && v != "false" {
			return false
		}
	}
	bench, _ := flagValue(args, "bench")
	run, _ := flagValue(args, "run")
	return bench == "" || (run != "^$" && run != "$^" && run != "^$$")
}

// childFlags are the test flags the PostgreSQL pass drops: benchmarks and
// fuzzing run in the first pass only, and profiles, coverage profiles and
// the go command's test log are files of the first pass that the second
// would overwrite.
var childFlags = map[string]bool{
	"bench": true, "benchtime": true, "benchmem": true,
	"fuzz": true, "fuzztime": true, "fuzzminimizetime": true, "fuzzcachedir": true, "fuzzworker": true,
	"cpuprofile": true, "memprofile": true, "memprofilerate": true, "blockprofile": true,
	"blockprofilerate": true, "mutexprofile": true, "mutexprofilefraction": true, "trace": true,
	"coverprofile": true, "testlogfile": true,
}

// childArgs returns args without the flags the PostgreSQL pass drops (and
// their values, when given as a separate argument).
func childArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, hasValue, ok := testFlag(args[i])
		if !ok || !childFlags[name] {
			out = append(out, args[i])
			continue
		}
		if !hasValue && !boolFlags[name] {
			i++ // its value
		}
	}
	return out
}
