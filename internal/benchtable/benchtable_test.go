package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

const plainOutput = `goos: linux
goarch: amd64
pkg: github.com/prepcord/prepcord/bot/feature/question
cpu: Test CPU @ 2.0GHz
BenchmarkQuestionRoundTrip-2   	     200	   1234567 ns/op	         0.400 bare-p50-ms	         0.900 bare-p99-ms	         0.520 p50-ms	         1.800 p99-ms	         0.260 same-p50-ms	         1.000 same-p99-ms
BenchmarkAutocompleteRoundTrip-2   	time=2026-11-29T12:00:00Z level=WARN msg="slow"
     200	   1000 ns/op	         0.300 bare-p50-ms	         0.600 bare-p99-ms	         0.600 p50-ms	         0.700 p99-ms
ok  	github.com/prepcord/prepcord/bot/feature/question	30.2s
pkg: github.com/prepcord/prepcord/bot/feature/interview
cpu: Test CPU @ 2.0GHz
--- FAIL: BenchmarkMockRoundTrip-2
    bench_test.go:40: the queue is broken
FAIL	github.com/prepcord/prepcord/bot/feature/interview	20.3s
pkg: github.com/prepcord/prepcord/bot/feature/daily
BenchmarkDailyFanOut1000-2   	       1	41000000000 ns/op	 41.0 total-s	 40.0 floor-s	 1.025 ratio	 250 p50-ms	 900 p99-ms
ok  	github.com/prepcord/prepcord/bot/feature/daily	45.1s
pkg: github.com/prepcord/prepcord/store
BenchmarkPickFiltered-2   	    2000	     300000 ns/op	       270.0 p50-µs	      1000 p99-µs
BenchmarkPickFiltered-2   	    2000	     300000 ns/op	       250.0 p50-µs	      1100 p99-µs
BenchmarkPickFiltered-2   	    2000	     300000 ns/op	       290.0 p50-µs	      1200 p99-µs
BenchmarkRawIndexedQuery-2   	    2000	     200000 ns/op	       100.0 p50-µs	       400 p99-µs
BenchmarkSync10k-2   	       3	2674621533 ns/op	      2992 p50-ms
PASS
`

func TestParsePlain(t *testing.T) {
	run, err := Parse(strings.NewReader(plainOutput))
	if err != nil {
		t.Fatal(err)
	}
	if run.CPU != "Test CPU @ 2.0GHz" {
		t.Errorf("cpu %q", run.CPU)
	}
	tests := []struct {
		pkg, name string
		unit      string
		want      float64
	}{
		{"bot/feature/question", "BenchmarkQuestionRoundTrip", "p99-ms", 1.8},
		{"bot/feature/question", "BenchmarkAutocompleteRoundTrip", "bare-p50-ms", 0.3}, // result after interleaved log
		{"bot/feature/daily", "BenchmarkDailyFanOut1000", "floor-s", 40},
		{"store", "BenchmarkPickFiltered", "p50-µs", 270}, // median of three runs
		{"store", "BenchmarkPickFiltered", "p99-µs", 1100},
		{"store", "BenchmarkSync10k", "p50-ms", 2992},
	}
	for _, tt := range tests {
		r := run.Find(tt.pkg, tt.name)
		if r == nil {
			t.Errorf("%s %s not found", tt.pkg, tt.name)
			continue
		}
		if got := r.Metrics[tt.unit]; got != tt.want {
			t.Errorf("%s %s = %v, want %v", tt.name, tt.unit, got, tt.want)
		}
	}
	if r := run.Find("bot/feature/interview", "BenchmarkMockRoundTrip"); r == nil || !r.Failed || !strings.Contains(r.Output, "the queue is broken") {
		t.Errorf("failed benchmark: %+v", r)
	}
	if r := run.Find("store", "BenchmarkQuestionRoundTrip"); r != nil {
		t.Errorf("package attribution: found the question benchmark in store")
	}
}

// TestParseJSON feeds the same output as test2json events, with lines
// split across events as go test -json emits benchmark names and figures.
func TestParseJSON(t *testing.T) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	pkg := ""
	for _, line := range strings.SplitAfter(plainOutput, "\n") {
		if strings.HasPrefix(line, "pkg: ") {
			pkg = strings.TrimSpace(strings.TrimPrefix(line, "pkg: "))
		}
		if i := strings.Index(line, "\t"); i > 0 && strings.HasPrefix(line, "Benchmark") {
			enc.Encode(testEvent{Action: "output", Package: pkg, Output: line[:i+1]})
			line = line[i+1:]
		}
		enc.Encode(testEvent{Action: "output", Package: pkg, Output: line})
	}
	enc.Encode(testEvent{Action: "build-output", Package: "github.com/prepcord/prepcord/broken", Output: "broken.go:1: syntax error\n"})
	run, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if r := run.Find("github.com/prepcord/prepcord/store", "BenchmarkRawIndexedQuery"); r == nil || r.Metrics["p99-µs"] != 400 {
		t.Errorf("raw query: %+v", r)
	}
	if r := run.Find("bot/feature/question", "BenchmarkQuestionRoundTrip"); r == nil || r.Metrics["p50-ms"] != 0.52 {
		t.Errorf("question: %+v", r)
	}
	if !strings.Contains(run.BuildErrors["github.com/prepcord/prepcord/broken"], "syntax error") {
		t.Errorf("build errors: %v", run.BuildErrors)
	}
}

func TestTimesNormalises(t *testing.T) {
	r := &Result{Metrics: map[string]float64{"p50-µs": 1500, "p99-us": 2000, "total-s": 2, "bare-p50-ns": 5e5,
		"rss-MiB": 40, "rps": 300, "ns/op": 1e6}}
	got := Times(r)
	want := map[string]float64{"p50": 1.5, "p99": 2, "total": 2000, "bare-p50": 0.5, "op": 1}
	for k, v := range want {
		if math.Abs(got[k]-v) > 1e-9 {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	for _, k := range []string{"rss", "rps", "rss-MiB", "r"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s taken for a time", k)
		}
	}
}

func TestBuildRows(t *testing.T) {
	run, err := Parse(strings.NewReader(plainOutput + "pkg: github.com/prepcord/prepcord/cmd/prepcord\n" +
		"BenchmarkResidentMemory-2 \t 1\t 9 ns/op\t 70.5 rss-MiB\n" +
		"BenchmarkColdStart-2 \t 5\t 9 ns/op\t 420 p50-ms\t 610 p99-ms\n"))
	if err != nil {
		t.Fatal(err)
	}
	rows := Build(run, Paths, "p50")
	by := map[string]Row{}
	for _, r := range rows {
		if _, seen := by[r.Benchmark]; !seen {
			by[r.Benchmark] = r // a benchmark's first row: its main floor
		}
		if r.Path == "/question, same-size floor" {
			by["same"] = r
		}
	}
	tests := []struct {
		bench  string
		result string
		ratio  float64 // 0: not checked
	}{
		{"BenchmarkQuestionRoundTrip", "pass", 1.3},
		{"same", "miss", 2}, // 0.520 / 0.260, from the same benchmark's same-* metrics
		{"BenchmarkAutocompleteRoundTrip", "miss", 2},
		{"BenchmarkDailyFanOut1000", "pass", 1.025},
		{"BenchmarkPickFiltered", "pass", 2.7},
		{"BenchmarkMockRoundTrip", "error", 0},
		{"BenchmarkSync10k", "report", 0},
		{"BenchmarkResidentMemory", "miss", 0},
		{"BenchmarkColdStart", "pass", 0},
		{"BenchmarkThroughput", "missing", 0},
	}
	for _, tt := range tests {
		r, ok := by[tt.bench]
		if !ok {
			t.Errorf("%s: no row", tt.bench)
			continue
		}
		if r.Result != tt.result {
			t.Errorf("%s: result %q (%s), want %q", tt.bench, r.Result, r.Note, tt.result)
		}
		if tt.ratio != 0 && (r.Ratio == nil || math.Abs(*r.Ratio-tt.ratio) > 1e-9) {
			t.Errorf("%s: ratio %v, want %v", tt.bench, r.Ratio, tt.ratio)
		}
	}
	if _, ok := by["BenchmarkRawIndexedQuery"]; ok {
		t.Error("the pick's floor got a row of its own")
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, rows, true); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| /question round trip | 520 µs | 1.80 ms | 400 µs / 900 µs | 1.30x (p99 2.00x) | <= 1.5x | pass |",
		"40.00 s (total 41.00 s)", "70.5 MiB", "error: bench_test.go:40: the queue is broken"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestRunFromSavedOutput runs the command on saved output: JSON out, exit
// code 1 because a benchmark failed to run, and 0 when only targets miss.
func TestRunFromSavedOutput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := dir + "/" + name
		if err := writeFile(p, content); err != nil {
			t.Fatal(err)
		}
		return p
	}
	failing := write("fail.txt", plainOutput)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-in", failing, "-json"}, &out, &errOut); code != 1 {
		t.Errorf("exit %d with a failed benchmark, want 1; stderr %s", code, errOut.String())
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	if len(rep.Rows) == 0 || rep.Rows[0].P50Ms == nil || *rep.Rows[0].P50Ms != 0.52 {
		t.Errorf("rows: %+v", rep.Rows)
	}
	missOnly := write("miss.txt", strings.Replace(plainOutput, "--- FAIL: BenchmarkMockRoundTrip-2\n    bench_test.go:40: the queue is broken\n", "", 1))
	out.Reset()
	if code := run(context.Background(), []string{"-in", missOnly}, &out, &errOut); code != 0 {
		t.Errorf("exit %d when only a target is missed, want 0", code)
	}
	if !strings.Contains(out.String(), "miss") || !strings.Contains(out.String(), "tabulated from") {
		t.Errorf("table:\n%s", out.String())
	}
}

func writeFile(name, content string) error {
	return os.WriteFile(name, []byte(content), 0o644)
}

func TestFloorRunsWithItsPath(t *testing.T) {
	o := options{benchtime: "1s"}
	pick := benchtimeFor(o, "github.com/prepcord/prepcord/store", "BenchmarkPickFiltered")
	floor := benchtimeFor(o, "github.com/prepcord/prepcord/store", "BenchmarkRawIndexedQuery")
	if pick != floor || pick == "1s" {
		t.Errorf("pick runs with -benchtime %s, its floor with %s", pick, floor)
	}
	if bt := benchtimeFor(options{benchtime: "1s", quick: true}, "github.com/prepcord/prepcord/bot/feature/daily", "BenchmarkDailyFanOut1000"); bt != "1x" {
		t.Errorf("-quick fan-out: %s", bt)
	}
}

// TestSeriesMedianAndWorst: a round trip run in several series is judged
// on the median of its series' own ratios, and the worst series' ratios
// are shown beside it, for each floor.
func TestSeriesMedianAndWorst(t *testing.T) {
	var out strings.Builder
	out.WriteString("pkg: github.com/prepcord/prepcord/bot/feature/review\n")
	for _, s := range []struct{ p50, p99, same50, same99 float64 }{{1.2, 1.1, 1.1, 1.0}, {1.4, 2.5, 1.3, 1.9}, {1.3, 1.2, 1.2, 1.05}} {
		fmt.Fprintf(&out, "BenchmarkReviewRoundTrip-2 \t 500\t 9 ns/op\t 0.3 bare-p50-ms\t 1 bare-p99-ms\t 0.4 p50-ms\t 1.3 p99-ms\t %g p50-ratio\t %g p99-ratio\t 0.35 same-p50-ms\t 1.1 same-p99-ms\t %g same-p50-ratio\t %g same-p99-ratio\n",
			s.p50, s.p99, s.same50, s.same99)
	}
	run, err := Parse(strings.NewReader(out.String()))
	if err != nil {
		t.Fatal(err)
	}
	rows := Build(run, Paths, "p50")
	want := map[string][5]float64{ // series, ratio, p99, worst, worst p99
		"/review round trip":       {3, 1.3, 1.2, 1.4, 2.5},
		"/review, same-size floor": {3, 1.2, 1.05, 1.3, 1.9},
	}
	for _, r := range rows {
		w, ok := want[r.Path]
		if !ok {
			continue
		}
		delete(want, r.Path)
		if r.Series != int(w[0]) || r.Ratio == nil || *r.Ratio != w[1] || r.RatioP99 == nil || *r.RatioP99 != w[2] ||
			r.WorstRatio == nil || *r.WorstRatio != w[3] || r.WorstRatioP99 == nil || *r.WorstRatioP99 != w[4] {
			t.Errorf("%s: %+v, want series, ratios and worst %v", r.Path, r, w)
		}
		if r.Path == "/review round trip" && (r.Result != "pass" || !strings.Contains(ratioText(r), "worst of 3: 1.40x (p99 2.50x)")) {
			t.Errorf("%s: %s, %q", r.Path, r.Result, ratioText(r))
		}
	}
	if len(want) > 0 {
		t.Errorf("rows missing: %v", want)
	}
}
