package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/prepcord/prepcord/data"
)

// reportLatency records p50 and p99 of samples as benchmark metrics.
func reportLatency(b *testing.B, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	at := func(p float64) float64 {
		return float64(samples[min(len(samples)-1, int(p*float64(len(samples))))].Microseconds())
	}
	b.ReportMetric(at(0.50), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
}

func benchStore(b *testing.B) *Store {
	b.Helper()
	s := openTest(b)
	if _, err := s.Questions.SyncBundled(context.Background(), genBank(10000, 300)); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkPickFiltered is a random pick with two filters on a
// 10,000-question bank of 300 companies, excluding what the member saw.
func BenchmarkPickFiltered(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	companies := []string{"tiktok", "Company 017", "company 150", "Company 299"}
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		_, err := s.History.PickQuestion(ctx, Filter{Company: companies[i%4], Difficulty: data.Difficulties[i%3]}, "bench-user")
		samples = append(samples, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportLatency(b, samples)
}

// BenchmarkMarkSeen is the history write of one /question in a server,
// up to its durable commit (on SQLite, the WAL's fsync), by members in
// turn among 500; and, as pick-after-p50-µs and pick-after-p99-µs, the
// pick that follows each write, which on SQLite re-reads the pages the
// write made stale.
func BenchmarkMarkSeen(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	companies := []string{"tiktok", "Company 017", "company 150", "Company 299"}
	samples := make([]time.Duration, 0, b.N)
	picks := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		user := fmt.Sprintf("member%d", i%500)
		start := time.Now()
		p, err := s.History.PickQuestion(ctx, Filter{Company: companies[i%4], Difficulty: data.Difficulties[i%3]}, user)
		picks = append(picks, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		if err := s.History.MarkSeen(ctx, user, "guild", p.Seq); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(start))
	}
	b.StopTimer()
	reportLatency(b, samples)
	slices.Sort(picks)
	b.ReportMetric(float64(picks[len(picks)/2].Microseconds()), "pick-after-p50-µs")
	b.ReportMetric(float64(picks[len(picks)*99/100].Microseconds()), "pick-after-p99-µs")
}

// BenchmarkRawIndexedQuery is the floor for picks: one indexed SELECT of a
// whole question row by company and difficulty, straight through sqlx.
func BenchmarkRawIndexedQuery(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	keys := []string{"tiktok", "company017", "company150", "company299"}
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var r row
		start := time.Now()
		err := s.r.GetContext(ctx, &r, "SELECT "+questionCols+" FROM questions WHERE company_key = ? AND difficulty = ? LIMIT 1", keys[i%4], data.Difficulties[i%3])
		samples = append(samples, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportLatency(b, samples)
}

// BenchmarkAutocomplete is an autocomplete lookup for a company with a
// role already chosen.
func BenchmarkAutocomplete(b *testing.B) {
	ctx := context.Background()
	s := benchStore(b)
	typed := []string{"tik", "comp 1", "cmpany 2", ""}
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		_, err := s.Questions.Autocomplete(ctx, data.KindCompany, Filter{Role: "swe"}, typed[i%4], 25)
		samples = append(samples, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
	}
	reportLatency(b, samples)
}

// BenchmarkSync10k syncs a 10,000-question bank into an empty database.
func BenchmarkSync10k(b *testing.B) {
	ctx := context.Background()
	qs := genBank(10000, 300)
	rand.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	samples := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), "sync.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := s.Questions.SyncBundled(ctx, qs); err != nil {
			b.Fatal(err)
		}
		samples = append(samples, time.Since(start))
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	slices.Sort(samples)
	b.ReportMetric(float64(samples[len(samples)/2].Milliseconds()), "p50-ms")
}
