// Command benchtable runs prepcord's benchmarks and prints one table: each
// measured path, its p50 and p99, the floor measured in the same run, their
// ratio, the target and whether it was met.
//
//	go run ./internal/benchtable              run every benchmark, print the table
//	go run ./internal/benchtable -json        the same figures as JSON
//	go run ./internal/benchtable -md          the table as Markdown (for the README)
//	go run ./internal/benchtable -in out.txt  tabulate saved `go test -bench` output (plain or -json)
//
// It finds the benchmarks with `go test -list`, then runs each package on
// its own (so packages never compete for the CPU) with
// `go test -run '^$' -bench '^(…)$' -benchtime … -json`, giving long
// benchmarks the -benchtime their Path asks for. Metrics are read whatever
// their unit: p50-ms, p50-µs, p99-s, bare-p50-ms, floor-s, total-s, rss-MiB.
//
// The exit code is non-zero only when something failed to run (a build
// error, a benchmark that failed); a missed target is shown in the table.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"time"
)

// Report is the JSON form of a table.
type Report struct {
	Date    string  `json:"date"`
	Command string  `json:"command"`
	Machine Machine `json:"machine"`
	// Ratio names the percentile ratios are judged on (p50 or p99).
	Ratio string `json:"ratio"`
	Rows  []Row  `json:"rows"`
	// Errors lists what failed to run.
	Errors []string `json:"errors,omitempty"`
	// Seconds is how long the whole run took.
	Seconds float64 `json:"seconds"`
}

// Machine describes where the figures were measured.
type Machine struct {
	CPU        string `json:"cpu"`
	CPUs       int    `json:"cpus"`
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	Go         string `json:"go"`
	LoadBefore string `json:"load_before"`
	LoadAfter  string `json:"load_after"`
}

type options struct {
	pkgs      []string
	bench     string
	benchtime string
	count     int
	json      bool
	md        bool
	in        string
	ratio     string
	known     bool
	profile   string
	timeout   string
	verbose   bool
	quick     bool
	save      string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	pkgs := fs.String("pkgs", "./...", "packages to benchmark (space separated)")
	fs.StringVar(&o.bench, "bench", ".", "run only benchmarks whose name matches this regexp")
	fs.StringVar(&o.benchtime, "benchtime", "1s", "-benchtime for benchmarks whose Path sets none")
	fs.IntVar(&o.count, "count", 1, "-count: runs of each benchmark; the table shows medians")
	fs.BoolVar(&o.json, "json", false, "print the figures as JSON")
	fs.BoolVar(&o.md, "md", false, "print the table as Markdown")
	fs.StringVar(&o.in, "in", "", "tabulate this saved `go test -bench` output (\"-\" for standard input) instead of running")
	fs.StringVar(&o.ratio, "ratio", "p50", "percentile ratios are judged on: p50 or p99 (both are shown)")
	fs.BoolVar(&o.known, "known", false, "run only the benchmarks of the table's known paths")
	fs.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile per package run into this directory")
	fs.StringVar(&o.timeout, "timeout", "30m", "go test -timeout per package run")
	fs.BoolVar(&o.verbose, "v", false, "echo go test's whole output on standard error")
	fs.StringVar(&o.save, "save", "", "also write the raw go test output (raw.jsonl, for -in), report.json and table.md into this directory")
	fs.BoolVar(&o.quick, "quick", false, "cut every -benchtime to a few iterations (a smoke test of the suite)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: go run ./internal/benchtable [flags]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	o.pkgs = strings.Fields(*pkgs)
	if o.ratio != "p50" && o.ratio != "p99" {
		fmt.Fprintln(stderr, "benchtable: -ratio must be p50 or p99")
		return 2
	}
	filter, err := regexp.Compile(o.bench)
	if err != nil {
		fmt.Fprintln(stderr, "benchtable: -bench:", err)
		return 2
	}
	start := time.Now()
	rep := &Report{Date: start.UTC().Format(time.RFC3339), Ratio: o.ratio, Command: "go run ./internal/benchtable " + strings.Join(args, " ")}
	rep.Machine = Machine{CPUs: runtime.NumCPU(), GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Go: runtime.Version(), LoadBefore: loadAvg()}

	var res *Run
	if o.in != "" {
		res, err = parseFile(o.in)
		if err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
	} else {
		res, err = runAll(ctx, o, filter, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
	}
	rep.Machine.CPU = res.CPU
	rep.Machine.LoadAfter = loadAvg()
	if o.in != "" {
		// The figures were measured earlier, under a load not known here.
		rep.Date, rep.Machine.LoadBefore, rep.Machine.LoadAfter = "", "", ""
		rep.Command = "go run ./internal/benchtable -in " + o.in
	}
	paths := Paths
	if o.in == "" {
		// Rows only for what was asked for.
		paths = nil
		for _, p := range Paths {
			if filter.MatchString(p.Bench) && (len(o.pkgs) == 1 && o.pkgs[0] == "./..." || anyPkg(res, p.Package)) {
				paths = append(paths, p)
			}
		}
	}
	rep.Rows = Build(res, paths, o.ratio)
	for pkg, out := range res.BuildErrors {
		rep.Errors = append(rep.Errors, pkg+": "+firstLine(out))
	}
	for _, r := range rep.Rows {
		if r.Result == "error" {
			rep.Errors = append(rep.Errors, r.Benchmark+": "+r.Note)
		}
	}
	sort.Strings(rep.Errors)
	rep.Seconds = time.Since(start).Seconds()

	if o.save != "" {
		if err := save(o.save, res, rep); err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
	} else {
		if err := WriteTable(stdout, rep.Rows, o.md); err != nil {
			fmt.Fprintln(stderr, "benchtable:", err)
			return 1
		}
		fmt.Fprintf(stdout, "\nratio: path / floor on %s (p99 ratio in brackets); fan-out: total / rate-limit floor.\n", o.ratio)
		if o.in != "" {
			fmt.Fprintf(stdout, "tabulated from %s (cpu: %s)\n", o.in, orDash(rep.Machine.CPU))
		} else {
			fmt.Fprintf(stdout, "machine: %s, %d CPUs, %s/%s, %s; load average %s before, %s after; %s; took %.0f s\n",
				orDash(rep.Machine.CPU), rep.Machine.CPUs, rep.Machine.GOOS, rep.Machine.GOARCH, rep.Machine.Go,
				orDash(rep.Machine.LoadBefore), orDash(rep.Machine.LoadAfter), rep.Date, rep.Seconds)
		}
	}
	if len(rep.Errors) > 0 {
		for _, e := range rep.Errors {
			fmt.Fprintln(stderr, "benchtable: failed to run:", e)
		}
		return 1
	}
	return 0
}

// save writes the raw output, the JSON report and the Markdown table.
func save(dir string, res *Run, rep *Report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	var md bytes.Buffer
	if err := WriteTable(&md, rep.Rows, true); err != nil {
		return err
	}
	fmt.Fprintf(&md, "\nMeasured %s on %s (%d CPUs), load average %s before and %s after.\n",
		rep.Date, orDash(rep.Machine.CPU), rep.Machine.CPUs, orDash(rep.Machine.LoadBefore), orDash(rep.Machine.LoadAfter))
	files := map[string][]byte{"report.json": append(js, '\n'), "table.md": md.Bytes()}
	if len(res.raw) > 0 {
		files["raw.jsonl"] = res.raw
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func anyPkg(r *Run, suffix string) bool {
	for _, p := range r.Packages {
		if pkgMatches(p, suffix) {
			return true
		}
	}
	for p := range r.BuildErrors {
		if pkgMatches(p, suffix) {
			return true
		}
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// loadAvg returns the 1, 5 and 15 minute load averages ("" off Linux).
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func parseFile(name string) (*Run, error) {
	if name == "-" {
		return Parse(os.Stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f)
}

// benchtimeFor returns the -benchtime of a benchmark: its Path's, else the
// default; -quick cuts both to a few iterations.
func benchtimeFor(o options, pkg, name string) string {
	bt := o.benchtime
	for _, p := range Paths {
		// A floor runs with its path, in the same go test run.
		if (p.Bench == name || p.FloorBench == name) && pkgMatches(pkg, p.Package) && p.Benchtime != "" {
			bt = p.Benchtime
		}
	}
	if o.quick && bt != "1x" {
		bt = "3x"
	}
	return bt
}

func isKnown(pkg, name string) bool {
	for _, p := range Paths {
		if pkgMatches(pkg, p.Package) && (p.Bench == name || p.FloorBench == name) {
			return true
		}
	}
	return false
}

// runAll lists the benchmarks and runs them one package at a time.
func runAll(ctx context.Context, o options, filter *regexp.Regexp, stderr io.Writer) (*Run, error) {
	listed, listErr, err := listBenchmarks(ctx, o.pkgs)
	if err != nil {
		return nil, err
	}
	all := &Run{BuildErrors: map[string]string{}}
	for pkg := range listed {
		all.Packages = append(all.Packages, pkg)
	}
	for pkg, out := range listErr {
		all.BuildErrors[pkg] = out
	}
	pkgNames := make([]string, 0, len(listed))
	for pkg := range listed {
		pkgNames = append(pkgNames, pkg)
	}
	sort.Strings(pkgNames)
	for _, pkg := range pkgNames {
		// Group by -benchtime, keeping a path's floor benchmark in the same
		// go test run as the path.
		groups := map[string][]string{}
		var order []string
		for _, name := range listed[pkg] {
			if !filter.MatchString(name) && !floorOfSelected(pkg, name, listed[pkg], filter) {
				continue
			}
			if o.known && !isKnown(pkg, name) {
				continue
			}
			bt := benchtimeFor(o, pkg, name)
			if _, ok := groups[bt]; !ok {
				order = append(order, bt)
			}
			groups[bt] = append(groups[bt], name)
		}
		for _, bt := range order {
			names := groups[bt]
			fmt.Fprintf(stderr, "benchtable: %s: %s (-benchtime %s)\n", pkg, strings.Join(names, ", "), bt)
			r, err := runPackage(ctx, o, pkg, names, bt, stderr)
			if err != nil {
				return nil, err
			}
			all.merge(r)
		}
	}
	return all, nil
}

// floorOfSelected reports whether name is the floor of a selected path.
func floorOfSelected(pkg, name string, names []string, filter *regexp.Regexp) bool {
	for _, p := range Paths {
		if p.FloorBench == name && pkgMatches(pkg, p.Package) && filter.MatchString(p.Bench) {
			for _, n := range names {
				if n == p.Bench {
					return true
				}
			}
		}
	}
	return false
}

// listBenchmarks returns the benchmark names of each package, and the
// output of packages that failed to build.
func listBenchmarks(ctx context.Context, pkgs []string) (map[string][]string, map[string]string, error) {
	args := append([]string{"test", "-list", "^Benchmark"}, pkgs...)
	cmd := exec.CommandContext(ctx, "go", args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	runErr := cmd.Run()
	listed := map[string][]string{}
	failed := map[string]string{}
	var names []string
	for _, line := range strings.Split(out.String(), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 1 && strings.HasPrefix(f[0], "Benchmark"):
			names = append(names, f[0])
		case len(f) >= 2 && f[0] == "ok":
			if len(names) > 0 {
				listed[f[1]] = names
			}
			names = nil
		case len(f) >= 2 && f[0] == "FAIL":
			failed[f[1]] = strings.TrimSpace(errOut.String() + "\n" + line)
			names = nil
		}
	}
	if runErr != nil && len(listed) == 0 && len(failed) == 0 {
		return nil, nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), runErr, errOut.String())
	}
	return listed, failed, nil
}

// runPackage runs the named benchmarks of one package and parses the output.
func runPackage(ctx context.Context, o options, pkg string, names []string, benchtime string, stderr io.Writer) (*Run, error) {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = regexp.QuoteMeta(n)
	}
	args := []string{"test", "-run", "^$", "-bench", "^(" + strings.Join(quoted, "|") + ")$",
		"-benchtime", benchtime, "-count", fmt.Sprint(o.count), "-timeout", o.timeout, "-json"}
	if o.profile != "" {
		if err := os.MkdirAll(o.profile, 0o755); err != nil {
			return nil, err
		}
		base := strings.NewReplacer("/", "_", ".", "_").Replace(pkg) + "_" + strings.ReplaceAll(benchtime, ".", "_")
		args = append(args, "-cpuprofile", filepath.Join(mustAbs(o.profile), base+".cpu.prof"),
			"-memprofile", filepath.Join(mustAbs(o.profile), base+".mem.prof"))
	}
	args = append(args, pkg)
	cmd := exec.CommandContext(ctx, "go", args...)
	var out bytes.Buffer
	echo := &echoWriter{w: stderr, all: o.verbose}
	cmd.Stdout = io.MultiWriter(&out, echo)
	var errOut bytes.Buffer
	cmd.Stderr = io.MultiWriter(&errOut, stderr)
	runErr := cmd.Run()
	echo.flush()
	raw := append([]byte(nil), out.Bytes()...)
	r, err := Parse(&out)
	if err != nil {
		return nil, err
	}
	r.raw = raw
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if runErr != nil && len(r.Results) == 0 && len(r.BuildErrors) == 0 {
		r.BuildErrors[pkg] = fmt.Sprintf("go test: %v %s", runErr, strings.TrimSpace(errOut.String()))
	}
	// Benchmarks that were asked for but printed nothing (a panic, a timeout).
	if runErr != nil {
		for _, n := range names {
			if r.Find(pkg, n) == nil && len(r.BuildErrors) == 0 {
				res := &Result{Package: pkg, Name: n, Failed: true, Metrics: map[string]float64{},
					Output: "no result: " + lastLines(out.String(), errOut.String())}
				r.Results = append(r.Results, res)
			}
		}
	}
	return r, nil
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// lastLines returns the tail of a failed run's output, for the note.
func lastLines(jsonOut, errOut string) string {
	var text strings.Builder
	sc := bufio.NewScanner(strings.NewReader(jsonOut))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Action == "output" {
			text.WriteString(ev.Output)
		}
	}
	text.WriteString(errOut)
	lines := strings.Split(strings.TrimSpace(text.String()), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l != "" && !strings.HasPrefix(l, "FAIL") && !strings.HasPrefix(l, "exit status") {
			return l
		}
	}
	return "go test failed"
}

// echoWriter shows benchmark results (or everything, verbose) on stderr
// as they arrive, so a long run shows progress.
type echoWriter struct {
	w    io.Writer
	all  bool
	raw  bytes.Buffer // -json lines
	text bytes.Buffer // the output text they carry
}

func (e *echoWriter) Write(p []byte) (int, error) {
	e.raw.Write(p)
	for {
		i := bytes.IndexByte(e.raw.Bytes(), '\n')
		if i < 0 {
			break
		}
		line := e.raw.Next(i + 1)
		var ev testEvent
		if json.Unmarshal(line, &ev) != nil {
			e.text.Write(line)
		} else if ev.Action == "output" || ev.Action == "build-output" {
			e.text.WriteString(ev.Output)
		}
		e.lines()
	}
	return len(p), nil
}

func (e *echoWriter) lines() {
	for {
		i := bytes.IndexByte(e.text.Bytes(), '\n')
		if i < 0 {
			return
		}
		line := string(e.text.Next(i + 1))
		t := strings.TrimSpace(line)
		if e.all || strings.HasPrefix(t, "Benchmark") || strings.HasPrefix(t, "--- FAIL") || strings.HasPrefix(t, "panic:") ||
			orphanLine.MatchString(t) || strings.HasPrefix(t, "#") {
			fmt.Fprint(e.w, "  ", line)
		}
	}
}

func (e *echoWriter) flush() {
	e.text.WriteString("\n")
	e.lines()
}
