package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prepcord/prepcord/data"
)

// FuzzImport runs arbitrary YAML, JSON and CSV through the whole import
// path (parse, validate against the bank, write in one transaction into a
// server's own bank): nothing may panic, failures are data.Problems and
// leave the bank as it was, a dry run predicts the import and writes
// nothing, and whatever is imported exports and parses again.
func FuzzImport(f *testing.F) {
	ctx := context.Background()
	s := openTest(f)
	f.Add([]byte("- title: Design a rate limiter\n  company: TikTok\n  category: System Design\n  difficulty: medium\n  prompt: Limit requests per user.\n"), uint8(0), false)
	f.Add([]byte(`[{"title":"Two sum","company":"Google","category":"Coding","difficulty":"easy","prompt":"Find two numbers.","roles":["SWE"],"tags":"a;b"}]`), uint8(1), true)
	f.Add([]byte("title,company,category,difficulty,prompt,roles\nLRU cache,Meta,Coding,hard,Build an LRU.,SWE;MLE\n"), uint8(2), false)
	f.Add([]byte("title,company,category,difficulty,prompt\n\"a\"\"b\",'; DROP TABLE questions; --,x,easy,\"multi\nline\"\n"), uint8(2), true)
	f.Add([]byte(strings.Repeat("[", 300)), uint8(1), false)
	f.Add([]byte("a: &a [*a, *a]\nb: [*a, *a, *a]\n"), uint8(0), false)
	formats := []data.Format{data.YAML, data.JSON, data.CSV}
	var seq atomic.Int64
	f.Fuzz(func(t *testing.T, content []byte, fi uint8, dryFirst bool) {
		format := formats[int(fi)%len(formats)]
		entries, err := data.Parse("fuzz", content, format)
		if err != nil {
			return
		}
		// Each input imports into a server of its own, so that the export
		// below holds this input's questions only and stays fast however
		// long the fuzzer runs.
		scope := fmt.Sprintf("%d", 1100000000000000000+seq.Add(1))
		before, err := s.Questions.Count(ctx, Filter{Scope: scope})
		if err != nil {
			t.Fatal(err)
		}
		var dry ImportResult
		var dryErr error
		if dryFirst {
			// A dry run reports what the import will do and writes nothing.
			dry, dryErr = s.Questions.Import(ctx, entries, ImportOptions{Scope: scope, DryRun: true})
			if after, _ := s.Questions.Count(ctx, Filter{Scope: scope}); after != before {
				t.Fatalf("a dry run changed the bank: %d -> %d questions", before, after)
			}
		}
		res, err := s.Questions.Import(ctx, entries, ImportOptions{Scope: scope})
		if dryFirst && ((dryErr == nil) != (err == nil) || err == nil && dry != res) {
			t.Fatalf("dry run said %+v, %v; the import did %+v, %v", dry, dryErr, res, err)
		}
		if err != nil {
			var ps data.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("import failed with a non-Problems error: %v", err)
			}
			if after, _ := s.Questions.Count(ctx, Filter{Scope: scope}); after != before {
				t.Fatalf("a failed import changed the bank: %d -> %d questions", before, after)
			}
			return
		}
		if res.Added+res.Updated+res.Unchanged != len(entries) {
			t.Fatalf("import of %d entries reported %+v", len(entries), res)
		}
		qs, err := s.Questions.Export(ctx, scope)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := data.Write(&buf, qs, format); err != nil {
			t.Fatal(err)
		}
		if _, err := data.Parse("export", buf.Bytes(), format); err != nil {
			t.Fatalf("the export of an import does not parse: %v", err)
		}
	})
}

// TestImportRefusesHugeAndNestedQuickly: files past the size limit, deeply
// nested JSON and YAML, and YAML alias bombs are refused with a clear
// problem, without touching the bank. They are refused before any
// expensive work (the size is checked before parsing, nesting by a linear
// pre-scan, aliases are never expanded); BenchmarkRefuseHostile measures it.
func TestImportRefusesHugeAndNestedQuickly(t *testing.T) {
	bomb := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		bomb += n + ": &" + n + " [" + strings.Repeat("*"+prev+",", 8) + "*" + prev + "]\n"
		prev = n
	}
	tests := []struct {
		name    string
		content string
		format  data.Format
	}{
		{"over the size limit", "- title: x\n  prompt: " + strings.Repeat("a", data.MaxFileBytes) + "\n", data.YAML},
		{"deeply nested JSON", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), data.JSON},
		{"deeply nested YAML", strings.Repeat("- ", 5000) + "x\n", data.YAML},
		{"deeply nested YAML flow", strings.Repeat("[", 100000), data.YAML},
		{"YAML alias bomb", bomb, data.YAML},
		{"CSV with a huge field", "title,company,category,difficulty,prompt\n\"" + strings.Repeat("x", 1<<20) + "\",a,b,easy,p\n", data.CSV},
	}
	ctx := context.Background()
	s := openTest(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, err := data.Parse("bomb", []byte(tt.content), tt.format)
			if err == nil {
				_, err = s.Questions.Import(ctx, entries, ImportOptions{Scope: "1"})
			}
			var ps data.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("accepted or unclear error: %v", err)
			}
			if n, _ := s.Questions.Count(ctx, Filter{Scope: "1"}); n != 0 {
				t.Fatalf("%d questions written", n)
			}
		})
	}
}

// BenchmarkRefuseHostile measures how fast hostile files are refused,
// beside parsing a valid file of 200 questions as the baseline.
func BenchmarkRefuseHostile(b *testing.B) {
	var valid strings.Builder
	for i := range 200 {
		fmt.Fprintf(&valid, "- {id: q%d, title: Question %d, company: Acme, category: Coding, difficulty: easy, prompt: Explain %d.}\n", i, i, i)
	}
	cases := []struct {
		name    string
		content string
		format  data.Format
	}{
		{"valid-200-questions", valid.String(), data.YAML},
		{"over-size-limit", strings.Repeat("a", data.MaxFileBytes+1), data.YAML},
		{"nested-json-100k", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), data.JSON},
		{"nested-yaml-flow-100k", strings.Repeat("[", 100000), data.YAML},
	}
	for _, c := range cases {
		content := []byte(c.content)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				_, _ = data.Parse("bench", content, c.format)
			}
		})
	}
}
