package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Result is one benchmark's figures from one `go test -bench` run.
type Result struct {
	// Package is the import path the benchmark belongs to.
	Package string `json:"package"`
	// Name is the benchmark's name without the -GOMAXPROCS suffix.
	Name string `json:"name"`
	// N is the iteration count of the reported run.
	N int64 `json:"n"`
	// Metrics maps each reported unit ("ns/op", "p50-ms", "rss-MiB") to its value.
	Metrics map[string]float64 `json:"metrics"`
	// Failed is set when the benchmark reported FAIL; Output then holds its log.
	Failed bool   `json:"failed,omitempty"`
	Output string `json:"output,omitempty"`
}

// Run is what one or more `go test -bench` invocations printed.
type Run struct {
	// Results in the order they were printed; a benchmark run with -count > 1
	// appears once, with the median of each metric.
	Results []*Result
	// CPU is the "cpu:" line go test prints.
	CPU string
	// BuildErrors holds packages that failed to build or set up, with their output.
	BuildErrors map[string]string
	// Packages lists the packages whose benchmarks were run (empty when
	// parsing saved output).
	Packages []string
	// raw is the go test output, kept for -save.
	raw []byte
}

// Find returns the result of a benchmark in a package whose import path
// ends in pkg ("" matches any), or nil.
func (r *Run) Find(pkg, name string) *Result {
	for _, res := range r.Results {
		if res.Name == name && pkgMatches(res.Package, pkg) {
			return res
		}
	}
	return nil
}

func pkgMatches(path, suffix string) bool {
	return suffix == "" || path == suffix || strings.HasSuffix(path, "/"+suffix)
}

// resultLine matches a benchmark result: name, iterations, then value-unit pairs.
var resultLine = regexp.MustCompile(`^(Benchmark\S*?)(?:-\d+)?\s+(\d+)\s+(.*\S)\s*$`)

// orphanLine is a result whose name was printed earlier, before log output
// interleaved with it: iterations, then value-unit pairs.
var orphanLine = regexp.MustCompile(`^\s*(\d+)\s+(\S+\s+\S+(?:\s+\S+\s+\S+)*)\s*$`)

// nameStart matches a benchmark name printed at the start of a line.
var nameStart = regexp.MustCompile(`^(Benchmark\S*?)(?:-\d+)?(?:\s|$)`)

// failLine matches "--- FAIL: BenchmarkX-2" (and "--- SKIP").
var failLine = regexp.MustCompile(`^\s*--- (FAIL|SKIP): (Benchmark\S*?)(?:-\d+)?\s*$`)

// parser accumulates output, line by line, per package.
type parser struct {
	run  *Run
	pkg  string
	seen map[string]*Result // package + "\x00" + name
	// samples keeps every run of a benchmark for medians under -count.
	samples map[*Result][]map[string]float64
	// failing is the benchmark whose indented log follows a FAIL line.
	failing *Result
	// lastName is the benchmark whose name was printed without its figures.
	lastName string
}

func newParser() *parser {
	return &parser{run: &Run{BuildErrors: map[string]string{}}, seen: map[string]*Result{}, samples: map[*Result][]map[string]float64{}}
}

func (p *parser) result(pkg, name string) *Result {
	key := pkg + "\x00" + name
	r := p.seen[key]
	if r == nil {
		r = &Result{Package: pkg, Name: name, Metrics: map[string]float64{}}
		p.seen[key] = r
		p.run.Results = append(p.run.Results, r)
	}
	return r
}

// line consumes one line of plain `go test -bench` output.
func (p *parser) line(pkg, s string) {
	s = strings.TrimRight(s, "\r\n")
	if pkg == "" {
		pkg = p.pkg
	}
	switch {
	case strings.HasPrefix(s, "pkg: "):
		p.pkg = strings.TrimSpace(strings.TrimPrefix(s, "pkg: "))
		return
	case strings.HasPrefix(s, "cpu: "):
		p.run.CPU = strings.TrimSpace(strings.TrimPrefix(s, "cpu: "))
		return
	}
	if m := failLine.FindStringSubmatch(s); m != nil {
		if m[1] == "FAIL" {
			r := p.result(pkg, m[2])
			r.Failed = true
			p.failing = r
		}
		return
	}
	if p.failing != nil && (strings.HasPrefix(s, "    ") || strings.HasPrefix(s, "\t")) {
		if len(p.failing.Output) < 4000 {
			p.failing.Output += strings.TrimSpace(s) + "\n"
		}
		return
	}
	p.failing = nil
	name, iters, rest := "", "", ""
	if m := resultLine.FindStringSubmatch(s); m != nil {
		name, iters, rest = m[1], m[2], m[3]
	} else if m := orphanLine.FindStringSubmatch(s); m != nil && p.lastName != "" {
		name, iters, rest = p.lastName, m[1], m[2]
	} else {
		if m := nameStart.FindStringSubmatch(s); m != nil {
			p.lastName = m[1]
		}
		return
	}
	fields := strings.Fields(rest)
	if len(fields)%2 != 0 {
		return
	}
	metrics := map[string]float64{}
	for i := 0; i < len(fields); i += 2 {
		v, err := strconv.ParseFloat(fields[i], 64)
		if err != nil {
			return
		}
		metrics[fields[i+1]] = v
	}
	n, _ := strconv.ParseInt(iters, 10, 64)
	p.lastName = ""
	r := p.result(pkg, name)
	r.N = n
	p.samples[r] = append(p.samples[r], metrics)
}

// testEvent is one line of `go test -json` (test2json) output.
type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// parse reads plain or -json `go test -bench` output.
func (p *parser) parse(rd io.Reader) error {
	br := bufio.NewReaderSize(rd, 1<<16)
	// -json output arrives as events whose Output may split a line; join
	// the pieces per package before parsing lines.
	partial := map[string]*bytes.Buffer{}
	var order []string
	for {
		raw, err := br.ReadString('\n')
		if len(raw) > 0 {
			var ev testEvent
			trimmed := strings.TrimSpace(raw)
			if strings.HasPrefix(trimmed, "{") && json.Unmarshal([]byte(trimmed), &ev) == nil && ev.Action != "" {
				p.event(ev, partial, &order)
			} else {
				p.line("", raw)
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	for _, pkg := range order {
		if buf := partial[pkg]; buf.Len() > 0 {
			p.line(pkg, buf.String())
		}
	}
	p.finish()
	return nil
}

func (p *parser) event(ev testEvent, partial map[string]*bytes.Buffer, order *[]string) {
	switch ev.Action {
	case "output", "build-output":
	case "fail":
		if ev.Test == "" && ev.Package != "" {
			if buf := partial[ev.Package]; buf != nil && strings.Contains(buf.String(), "[setup failed]") {
				p.run.BuildErrors[ev.Package] = buf.String()
			}
		}
		return
	default:
		return
	}
	key := ev.Package
	buf := partial[key]
	if buf == nil {
		buf = &bytes.Buffer{}
		partial[key] = buf
		*order = append(*order, key)
	}
	if ev.Action == "build-output" {
		// Compiler errors: kept whole, reported as a failure to run.
		p.run.BuildErrors[key] += ev.Output
		return
	}
	buf.WriteString(ev.Output)
	for {
		i := bytes.IndexByte(buf.Bytes(), '\n')
		if i < 0 {
			return
		}
		line := string(buf.Next(i + 1))
		if strings.Contains(line, "[build failed]") || strings.Contains(line, "[setup failed]") {
			p.run.BuildErrors[key] += line
		}
		p.line(key, line)
	}
}

// finish turns repeated runs into medians; for ratios (units ending in
// "ratio") it also keeps the worst run's, as worst-<unit>, and the number
// of runs as series.
func (p *parser) finish() {
	for r, runs := range p.samples {
		units := map[string][]float64{}
		for _, m := range runs {
			for u, v := range m {
				units[u] = append(units[u], v)
			}
		}
		for u, vs := range units {
			sort.Float64s(vs)
			r.Metrics[u] = vs[len(vs)/2]
			if len(vs) > 1 && strings.HasSuffix(u, "ratio") {
				r.Metrics["worst-"+u] = vs[len(vs)-1]
			}
		}
		if len(runs) > 1 {
			r.Metrics["series"] = float64(len(runs))
		}
	}
	p.samples = map[*Result][]map[string]float64{}
	for pkg, out := range p.run.BuildErrors {
		if strings.TrimSpace(out) == "" {
			delete(p.run.BuildErrors, pkg)
		}
	}
}

// Parse reads the output of `go test -bench` (plain, or with -json).
func Parse(rd io.Reader) (*Run, error) {
	p := newParser()
	if err := p.parse(rd); err != nil {
		return nil, err
	}
	return p.run, nil
}

// merge appends the results of other runs.
func (r *Run) merge(o *Run) {
	r.Results = append(r.Results, o.Results...)
	if r.CPU == "" {
		r.CPU = o.CPU
	}
	if r.BuildErrors == nil {
		r.BuildErrors = map[string]string{}
	}
	for k, v := range o.BuildErrors {
		r.BuildErrors[k] += v
	}
	r.Packages = append(r.Packages, o.Packages...)
	r.raw = append(r.raw, o.raw...)
}
