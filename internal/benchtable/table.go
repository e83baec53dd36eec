package main

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"text/tabwriter"
)

// Judge says how a path is compared with its target.
type Judge int

const (
	// ReportOnly shows the figures without a target.
	ReportOnly Judge = iota
	// RatioAtMost passes when the path's figure divided by its floor is at
	// most Target.
	RatioAtMost
	// ValueAtMost passes when the path's figure is at most Target (in the
	// unit of the figure, ms for times).
	ValueAtMost
	// ValueAtLeast passes when the path's figure is at least Target.
	ValueAtLeast
)

// Path is a measured path the table knows: which benchmark measures it,
// where its floor comes from and what it is held to.
type Path struct {
	// Name is the row's label.
	Name string
	// Package is the import path suffix of the benchmark's package ("bot").
	Package string
	// Bench is the benchmark's name.
	Bench string
	// FloorBench, when set, is a benchmark of the same package run whose p50
	// and p99 are this path's floor (a raw query for picks).
	FloorBench string
	// Benchtime overrides -benchtime for this benchmark ("1x" for long ones).
	Benchtime string
	// Judge and Target set the pass rule; TargetText is shown as the target.
	Judge      Judge
	Target     float64
	TargetText string
	// Value, for ValueAtMost/ValueAtLeast rows and Report rows, is the
	// metric judged ("rss-MiB", "p50", "rps"); empty uses the percentile
	// named by the -ratio flag.
	Value string
	// FloorMetric, when set, names the floor among the benchmark's own
	// metrics: "same" reads same-p50-ms and same-p99-ms instead of
	// bare-p50-ms and bare-p99-ms (a second floor reported by one benchmark).
	FloorMetric string
	// Floor describes what the floor is.
	Floor string
}

// Paths are the rows the README's performance table is made of, in order.
// Benchmarks found but not listed here get rows of their own after these.
var Paths = []Path{
	{Name: "/question round trip", Package: "bot/feature/question", Bench: "BenchmarkQuestionRoundTrip", Benchtime: "500x", Judge: RatioAtMost, Target: 1.5, Floor: "bare discordgo handler, few-byte reply"},
	{Name: "/question, same-size floor", Package: "bot/feature/question", Bench: "BenchmarkQuestionRoundTrip", Benchtime: "500x", FloorMetric: "same", Judge: RatioAtMost, Target: 1.5, Floor: "bare handler sending prepcord's reply bytes"},
	{Name: "/question, 500 members in turn", Package: "bot/feature/question", Bench: "BenchmarkQuestionRoundTripMembers", Benchtime: "500x", Judge: RatioAtMost, Target: 1.5, Floor: "bare discordgo handler, few-byte reply"},
	{Name: "/question on PostgreSQL", Package: "bot/feature/question", Bench: "BenchmarkQuestionRoundTripPostgres", Benchtime: "500x", Judge: RatioAtMost, Target: 2, Floor: "bare discordgo handler, few-byte reply"},
	{Name: "/question, 500 members, PostgreSQL", Package: "bot/feature/question", Bench: "BenchmarkQuestionRoundTripMembersPostgres", Benchtime: "500x", Judge: RatioAtMost, Target: 2, Floor: "bare discordgo handler, few-byte reply"},
	{Name: "/review round trip", Package: "bot/feature/review", Bench: "BenchmarkReviewRoundTrip", Benchtime: "500x", Judge: RatioAtMost, Target: 1.5, Floor: "bare discordgo handler, few-byte reply"},
	{Name: "/review, same-size floor", Package: "bot/feature/review", Bench: "BenchmarkReviewRoundTrip", Benchtime: "500x", FloorMetric: "same", Judge: RatioAtMost, Target: 1.5, Floor: "bare handler sending prepcord's reply bytes"},
	{Name: "/review on PostgreSQL", Package: "bot/feature/review", Bench: "BenchmarkReviewRoundTripPostgres", Benchtime: "500x", Judge: RatioAtMost, Target: 2, Floor: "bare discordgo handler, few-byte reply"},
	{Name: "autocomplete round trip", Package: "bot/feature/question", Bench: "BenchmarkAutocompleteRoundTrip", Benchtime: "500x", Judge: RatioAtMost, Target: 1.5, Floor: "bare discordgo handler, one choice"},
	{Name: "autocomplete, same-size floor", Package: "bot/feature/question", Bench: "BenchmarkAutocompleteRoundTrip", Benchtime: "500x", FloorMetric: "same", Judge: RatioAtMost, Target: 1.5, Floor: "bare handler sending prepcord's choices"},
	{Name: "autocomplete on PostgreSQL", Package: "bot/feature/question", Bench: "BenchmarkAutocompleteRoundTripPostgres", Benchtime: "500x", Judge: RatioAtMost, Target: 2, Floor: "bare discordgo handler, one choice"},
	{Name: "/mock round trip", Package: "bot/feature/interview", Bench: "BenchmarkMockRoundTrip", Benchtime: "300x", Judge: RatioAtMost, Target: 1.5, Floor: "bare discordgo handler"},
	{Name: "daily fan-out, 1,000 servers, one with 10 feeds", Package: "bot/feature/daily", Bench: "BenchmarkDailyFanOut1000", Benchtime: "1x", Judge: RatioAtMost, Target: 1.2, Floor: "rate-limit floor (requests / 50 per s)"},
	{Name: "daily fan-out, 1,000 servers over 4 processes, SQLite", Package: "cmd/prepcord", Bench: "BenchmarkDailyFanOutProcessesSQLite", Benchtime: "1x", Judge: RatioAtMost, Target: 1.2, Floor: "rate-limit floor (requests / 50 per s)"},
	{Name: "daily fan-out, 1,000 servers over 4 processes, PostgreSQL", Package: "cmd/prepcord", Bench: "BenchmarkDailyFanOutProcessesPostgres", Benchtime: "1x", Judge: RatioAtMost, Target: 1.2, Floor: "rate-limit floor (requests / 50 per s)"},
	{Name: "daily fan-out, 4 processes behind one rate-limit proxy", Package: "cmd/prepcord", Bench: "BenchmarkDailyFanOutProcessesProxy", Benchtime: "1x", Judge: RatioAtMost, Target: 1.2, Floor: "rate-limit floor (requests / 50 per s)"},
	{Name: "filtered pick (10k bank)", Package: "store", Bench: "BenchmarkPickFiltered", FloorBench: "BenchmarkRawIndexedQuery", Benchtime: "2000x", Judge: RatioAtMost, Target: 3, Floor: "raw indexed SQLite query"},
	{Name: "bank sync, 10k questions", Package: "store", Bench: "BenchmarkSync10k", Benchtime: "3x", Judge: ReportOnly},
	{Name: "memory, prepcord run (RSS)", Package: "cmd/prepcord", Bench: "BenchmarkResidentMemory", Benchtime: "1x", Judge: ValueAtMost, Target: 64, TargetText: "< 64 MiB", Value: "rss-MiB"},
	{Name: "cold start to first /help", Package: "cmd/prepcord", Bench: "BenchmarkColdStart", Benchtime: "5x", Judge: ValueAtMost, Target: 1000, TargetText: "< 1 s", Value: "p99"},
	{Name: "cold start to first /help, PostgreSQL", Package: "cmd/prepcord", Bench: "BenchmarkColdStartPostgres", Benchtime: "5x", Judge: ReportOnly, TargetText: "report", Value: "p99"},
	{Name: "4 shards in one process: ready, RSS", Package: "cmd/prepcord", Bench: "BenchmarkShardedStart/max_concurrency=1", Benchtime: "1x", Judge: ReportOnly, TargetText: "report", Value: "rss-MiB"},
	{Name: "throughput, mixed, p99 < 50 ms", Package: "cmd/prepcord", Bench: "BenchmarkThroughput", Benchtime: "1x", Judge: ReportOnly, TargetText: "report", Value: "rps"},
	{Name: "bare echo (the round-trip floor)", Package: "bot/discordtest", Bench: "BenchmarkBareEcho", Benchtime: "1000x", Judge: ReportOnly},
	{Name: "store autocomplete (10k bank)", Package: "store", Bench: "BenchmarkAutocomplete", Benchtime: "2000x", Judge: ReportOnly},
	{Name: "mock match and claim, 10k waiting", Package: "bot/feature/interview", Bench: "BenchmarkMockPickAmong10k", Judge: ReportOnly},
	{Name: "web: a question's page (10k bank)", Package: "web", Bench: "BenchmarkQuestionPage", Benchtime: "2000x", Judge: ValueAtMost, Target: 5, TargetText: "p99 < 5 ms", Value: "p99"},
	{Name: "web: bank browse and filter pages (10k bank)", Package: "web", Bench: "BenchmarkBankPage", Benchtime: "2000x", Judge: ReportOnly, TargetText: "report", Value: "p99"},
	{Name: "web: admin overview and /me", Package: "web", Bench: "BenchmarkAdminOverview", Benchtime: "2000x", Judge: ValueAtMost, Target: 20, TargetText: "p99 < 20 ms", Value: "p99"},
	{Name: "web: dashboard pages with data (10k bank)", Package: "web", Bench: "BenchmarkDashboardPages", Benchtime: "2000x", Judge: ValueAtMost, Target: 20, TargetText: "p99 < 20 ms", Value: "p99"},
}

// Row is one line of the table.
type Row struct {
	Path      string `json:"path"`
	Package   string `json:"package,omitempty"`
	Benchmark string `json:"benchmark"`
	// Times are in milliseconds; absent figures are null.
	P50Ms *float64 `json:"p50_ms"`
	// MeanMs is the time per operation of a benchmark that reports no
	// percentiles (ns/op).
	MeanMs     *float64 `json:"mean_ms,omitempty"`
	P99Ms      *float64 `json:"p99_ms"`
	FloorP50Ms *float64 `json:"floor_p50_ms,omitempty"`
	FloorP99Ms *float64 `json:"floor_p99_ms,omitempty"`
	// FloorMs and TotalMs are a single floor and the measured total (fan-out).
	FloorMs *float64 `json:"floor_ms,omitempty"`
	TotalMs *float64 `json:"total_ms,omitempty"`
	Floor   string   `json:"floor,omitempty"`
	// Ratio is the judged figure over its floor; RatioP99 is p99 over floor p99.
	Ratio    *float64 `json:"ratio"`
	RatioP99 *float64 `json:"ratio_p99,omitempty"`
	// Series is the number of runs under -count; the ratios are then the
	// medians of the runs' own ratios, and WorstRatio and WorstRatioP99 the
	// largest.
	Series        int      `json:"series,omitempty"`
	WorstRatio    *float64 `json:"worst_ratio,omitempty"`
	WorstRatioP99 *float64 `json:"worst_ratio_p99,omitempty"`
	// Value and Unit are the judged figure of value rows (MiB, ms, rps).
	Value  *float64 `json:"value,omitempty"`
	Unit   string   `json:"unit,omitempty"`
	Target string   `json:"target"`
	// Result is pass, miss, report, missing (not run) or error (failed to run).
	Result string `json:"result"`
	Note   string `json:"note,omitempty"`
	// Metrics are every figure the benchmark reported, as printed.
	Metrics map[string]float64 `json:"metrics,omitempty"`
}

// timeUnit matches a metric unit that names a time: "p50-ms", "floor-s", "p99-µs".
var timeUnit = regexp.MustCompile(`^(.+)-(ns|us|µs|μs|ms|s)$`)

// Times returns the time metrics of r in milliseconds, keyed by their name
// without the unit ("p50", "bare-p99", "floor", "total"); ns/op is "op".
func Times(r *Result) map[string]float64 {
	out := map[string]float64{}
	for unit, v := range r.Metrics {
		if unit == "ns/op" {
			out["op"] = v / 1e6
			continue
		}
		m := timeUnit.FindStringSubmatch(unit)
		if m == nil || m[1] == "" {
			continue
		}
		scale := map[string]float64{"ns": 1e-6, "us": 1e-3, "µs": 1e-3, "μs": 1e-3, "ms": 1, "s": 1e3}[m[2]]
		out[m[1]] = v * scale
	}
	return out
}

func ptr(v float64) *float64 { return &v }

func get(m map[string]float64, keys ...string) *float64 {
	for _, k := range keys {
		if v, ok := m[k]; ok {
			return ptr(v)
		}
	}
	return nil
}

// Build makes the table from a run: the known paths first, then every
// other benchmark. pct is "p50" or "p99": the percentile ratios judge.
func Build(run *Run, paths []Path, pct string) []Row {
	var rows []Row
	used := map[*Result]bool{}
	for _, p := range paths {
		r := run.Find(p.Package, p.Bench)
		var floor *Result
		if p.FloorBench != "" {
			floor = run.Find(p.Package, p.FloorBench)
			used[floor] = floor != nil
		}
		used[r] = r != nil
		rows = append(rows, buildRow(p, r, floor, pct, run))
	}
	for _, r := range run.Results {
		if used[r] {
			continue
		}
		rows = append(rows, buildRow(Path{Name: strings.TrimPrefix(r.Name, "Benchmark"), Package: r.Package, Bench: r.Name}, r, nil, pct, run))
	}
	return rows
}

func buildRow(p Path, r, floorRes *Result, pct string, run *Run) Row {
	row := Row{Path: p.Name, Benchmark: p.Bench, Floor: p.Floor, Target: p.TargetText}
	if row.Target == "" {
		switch p.Judge {
		case RatioAtMost:
			row.Target = fmt.Sprintf("<= %gx", p.Target)
		case ValueAtMost:
			row.Target = fmt.Sprintf("<= %g", p.Target)
		case ValueAtLeast:
			row.Target = fmt.Sprintf(">= %g", p.Target)
		default:
			row.Target = "-"
		}
	}
	if r == nil {
		row.Result = "missing"
		row.Note = "benchmark not found in " + p.Package
		for pkg, out := range run.BuildErrors {
			if pkgMatches(pkg, p.Package) {
				row.Result = "error"
				row.Note = firstLine(out)
			}
		}
		return row
	}
	row.Package = r.Package
	row.Metrics = r.Metrics
	if r.Failed {
		row.Result = "error"
		row.Note = firstLine(r.Output)
		return row
	}
	t := Times(r)
	row.P50Ms, row.P99Ms = get(t, "p50"), get(t, "p99")
	if row.P50Ms == nil && row.P99Ms == nil && p.Value == "" {
		// A plain benchmark: its mean time per operation is its figure.
		row.MeanMs = get(t, "op")
	}
	row.FloorP50Ms, row.FloorP99Ms = get(t, "bare-p50", "floor-p50"), get(t, "bare-p99", "floor-p99")
	if p.FloorMetric != "" {
		row.FloorP50Ms, row.FloorP99Ms = get(t, p.FloorMetric+"-p50"), get(t, p.FloorMetric+"-p99")
	}
	row.FloorMs, row.TotalMs = get(t, "floor"), get(t, "total")
	if floorRes != nil {
		if floorRes.Failed {
			row.Result = "error"
			row.Note = "floor " + floorRes.Name + ": " + firstLine(floorRes.Output)
			return row
		}
		ft := Times(floorRes)
		row.FloorP50Ms, row.FloorP99Ms = get(ft, "p50", "op"), get(ft, "p99")
	} else if p.FloorBench != "" {
		row.Note = "floor benchmark " + p.FloorBench + " did not run"
	}
	// Ratios: a total against a single floor (fan-out), else percentiles
	// against the floor's percentiles.
	div := func(a, b *float64) *float64 {
		if a == nil || b == nil || *b <= 0 {
			return nil
		}
		return ptr(*a / *b)
	}
	if row.TotalMs != nil && row.FloorMs != nil {
		row.Ratio = div(row.TotalMs, row.FloorMs)
	} else if pct == "p99" {
		row.Ratio = div(row.P99Ms, row.FloorP99Ms)
	} else {
		row.Ratio = div(row.P50Ms, row.FloorP50Ms)
	}
	row.RatioP99 = div(row.P99Ms, row.FloorP99Ms)
	seriesRatios(&row, p, r, pct)
	if p.Value != "" {
		if v, ok := t[p.Value]; ok {
			row.Value, row.Unit = ptr(v), "ms"
		} else if v, ok := r.Metrics[p.Value]; ok {
			row.Value, row.Unit = ptr(v), unitOf(p.Value)
		}
	}
	row.Result = judge(p, row)
	return row
}

// seriesRatios sets the row's ratios from those the benchmark reported per
// run (p50-ratio, p99-ratio; same-p50-ratio… for a FloorMetric), when it
// ran more than once: the median run's and the worst.
func seriesRatios(row *Row, p Path, r *Result, pct string) {
	n := r.Metrics["series"]
	if n < 2 || row.TotalMs != nil || p.FloorBench != "" {
		return
	}
	prefix := ""
	if p.FloorMetric != "" {
		prefix = p.FloorMetric + "-"
	}
	metric := func(name string) *float64 {
		if v, ok := r.Metrics[name]; ok {
			return ptr(v)
		}
		return nil
	}
	judged, worst := metric(prefix+pct+"-ratio"), metric("worst-"+prefix+pct+"-ratio")
	if judged == nil || worst == nil {
		return
	}
	row.Series = int(n)
	row.Ratio, row.WorstRatio = judged, worst
	row.RatioP99, row.WorstRatioP99 = metric(prefix+"p99-ratio"), metric("worst-"+prefix+"p99-ratio")
}

// unitOf returns the unit part of a metric name: "rss-MiB" -> "MiB".
func unitOf(metric string) string {
	if i := strings.LastIndexByte(metric, '-'); i >= 0 {
		return metric[i+1:]
	}
	return metric
}

func judge(p Path, row Row) string {
	switch p.Judge {
	case RatioAtMost:
		if row.Ratio == nil {
			return "no floor"
		}
		if *row.Ratio <= p.Target {
			return "pass"
		}
		return "miss"
	case ValueAtMost, ValueAtLeast:
		if row.Value == nil {
			return "no " + p.Value
		}
		ok := *row.Value <= p.Target
		if p.Judge == ValueAtLeast {
			ok = *row.Value >= p.Target
		}
		if ok {
			return "pass"
		}
		return "miss"
	}
	return "report"
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:157] + "..."
	}
	return s
}

// fmtMs prints a time given in milliseconds with a unit that suits it.
func fmtMs(v *float64) string {
	if v == nil {
		return "-"
	}
	x := *v
	switch {
	case math.Abs(x) < 0.001:
		return fmt.Sprintf("%.0f ns", x*1e6)
	case math.Abs(x) < 1:
		return fmt.Sprintf("%.0f µs", x*1000)
	case math.Abs(x) < 10:
		return fmt.Sprintf("%.2f ms", x)
	case math.Abs(x) < 100:
		return fmt.Sprintf("%.1f ms", x)
	case math.Abs(x) < 1000:
		return fmt.Sprintf("%.0f ms", x)
	default:
		return fmt.Sprintf("%.2f s", x/1000)
	}
}

func fmtRatio(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%.2fx", *v)
}

// floorText is the floor column: the floor's percentiles, or a single
// floor with the total it is compared with.
func floorText(r Row) string {
	switch {
	case r.FloorMs != nil && r.TotalMs != nil:
		return fmt.Sprintf("%s (total %s)", fmtMs(r.FloorMs), fmtMs(r.TotalMs))
	case r.FloorMs != nil:
		return fmtMs(r.FloorMs)
	case r.FloorP50Ms != nil || r.FloorP99Ms != nil:
		return fmtMs(r.FloorP50Ms) + " / " + fmtMs(r.FloorP99Ms)
	}
	return "-"
}

func ratioText(r Row) string {
	if r.Value != nil && r.Ratio == nil {
		switch r.Unit {
		case "ms":
			return fmtMs(r.Value)
		case "rps":
			return fmt.Sprintf("%.0f interactions/s", *r.Value)
		}
		return fmt.Sprintf("%.1f %s", *r.Value, r.Unit)
	}
	s := fmtRatio(r.Ratio)
	if r.RatioP99 != nil && r.TotalMs == nil {
		s += fmt.Sprintf(" (p99 %.2fx)", *r.RatioP99)
	}
	if r.WorstRatio != nil {
		s += fmt.Sprintf("; worst of %d: %s", r.Series, fmtRatio(r.WorstRatio))
		if r.WorstRatioP99 != nil {
			s += fmt.Sprintf(" (p99 %.2fx)", *r.WorstRatioP99)
		}
	}
	return s
}

// WriteTable prints rows as an aligned text table (Markdown-compatible
// when md is set).
func WriteTable(w io.Writer, rows []Row, md bool) error {
	head := []string{"path", "p50", "p99", "floor (p50 / p99)", "ratio / figure", "target", "result"}
	var lines [][]string
	for _, r := range rows {
		res := r.Result
		if r.Note != "" {
			res += ": " + r.Note
		}
		p50 := fmtMs(r.P50Ms)
		if r.MeanMs != nil {
			p50 = fmtMs(r.MeanMs) + "/op (mean)"
		}
		lines = append(lines, []string{r.Path, p50, fmtMs(r.P99Ms), floorText(r), ratioText(r), r.Target, res})
	}
	if md {
		fmt.Fprintln(w, "| "+strings.Join(head, " | ")+" |")
		fmt.Fprintln(w, "|"+strings.Repeat("---|", len(head)))
		for _, l := range lines {
			fmt.Fprintln(w, "| "+strings.Join(l, " | ")+" |")
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, l := range lines {
		fmt.Fprintln(tw, strings.Join(l, "\t"))
	}
	return tw.Flush()
}
