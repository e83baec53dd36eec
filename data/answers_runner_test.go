package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnswerRunnerCatchesWrongAnswers runs the answer runner on small
// answers written here: the right ones pass, and each kind of wrong one
// (a wrong row, a missing expected file, SQL that does not run, a stray
// file, a failing Python or Go test) is reported.
func TestAnswerRunnerCatchesWrongAnswers(t *testing.T) {
	py := findPython()
	fixture := "CREATE TABLE t (a INTEGER, b TEXT, c REAL);\nINSERT INTO t VALUES (1, 'x;y', 0.5), (2, NULL, 2.0), (3, 'it''s', 1.23456);\n"
	tests := []struct {
		name     string
		solution string
		files    map[string]string
		want     []string // each must appear in a problem; none: no problems
		python   bool
	}{
		{"sql right", "Query:\n\n```sql\n-- a comment; with a semicolon\nCREATE INDEX t_a ON t (a);\nSELECT a, b, c FROM t ORDER BY a;\n```\n\n```sql\nSELECT count(*) AS n FROM sqlite_master WHERE type = 'index';\n```\n",
			map[string]string{"fixture.sql": fixture, "expected-1.tsv": "a\tb\tc\n1\tx;y\t0.50\n2\tNULL\t2\n3\tit's\t1.2346\n", "expected-2.tsv": "n\n1\n"}, nil, false},
		{"sql wrong row", "```sql\nSELECT a FROM t WHERE a > 1 ORDER BY a;\n```\n",
			map[string]string{"fixture.sql": fixture, "expected-1.tsv": "a\n1\n2\n"}, []string{"sql block 1 returned"}, false},
		{"sql wrong column", "```sql\nSELECT a AS id FROM t ORDER BY a;\n```\n",
			map[string]string{"fixture.sql": fixture, "expected-1.tsv": "a\n1\n2\n3\n"}, []string{"sql block 1 returned"}, false},
		{"sql rows without expected", "```sql\nSELECT a FROM t;\n```\n",
			map[string]string{"fixture.sql": fixture}, []string{"returns rows (a); add"}, false},
		{"sql does not run", "```sql\nSELECT a FROM t WHERE;\n```\n",
			map[string]string{"fixture.sql": fixture, "expected-1.tsv": "a\n"}, []string{"sql block 1:", "incomplete input"}, false},
		{"stray files", "```sql\nSELECT 1 AS one;\n```\n",
			map[string]string{"fixture.sql": fixture, "expected-1.tsv": "one\n1\n", "expected-2.tsv": "x\n", "notes.txt": ""}, []string{"has 1 sql blocks", "unknown answer file"}, false},
		{"missing fixture", "```sql\nSELECT 1 AS one;\n```\n```go\nfunc F() int { return 1 }\n```\n",
			map[string]string{}, []string{"no fixture.sql", "no answer_test.go"}, false},
		{"python right", "```python\ndef add(a, b):\n    return a + b\n```\n\n```python\ndef twice(x):\n    return add(x, x)\n```\n",
			map[string]string{"test.py": "from answer import *\nassert twice(3) == 6\n", "figures.py": "assert 2 * (1.96 + 0.84) ** 2 > 15.6\n"}, nil, true},
		{"figures with numpy", "No code.",
			map[string]string{"figures.py": "import numpy as np\nimport statistics\nassert np.isclose(statistics.fmean([1.0, 2.0]), 1.5)\n"}, nil, true},
		{"python wrong", "```python\ndef add(a, b):\n    return a - b\n```\n",
			map[string]string{"test.py": "from answer import *\nassert add(2, 2) == 4, 'add is wrong'\n"}, []string{"add is wrong"}, true},
		{"python numbers wrong", "No code.",
			map[string]string{"figures.py": "n = 2 * (1.96 + 0.84) ** 2 * 0.09 / 0.002 ** 2\nassert round(n) == 400000, n\n"}, []string{"AssertionError: 352799.99"}, true},
		{"go right", "```go\nfunc Max(a, b int) int {\n\tif a > b {\n\t\treturn a\n\t}\n\treturn b\n}\n```\n",
			map[string]string{"answer_test.go": "package answer\n\nimport \"testing\"\n\nfunc TestMax(t *testing.T) {\n\tif Max(2, 3) != 3 {\n\t\tt.Fatal(\"max\")\n\t}\n}\n"}, nil, false},
		{"go wrong", "```go\nimport \"strings\"\n\nfunc Up(s string) string { return strings.ToLower(s) }\n```\n",
			map[string]string{"answer_test.go": "package answer\n\nimport \"testing\"\n\nfunc TestUp(t *testing.T) {\n\tif Up(\"a\") != \"A\" {\n\t\tt.Fatal(\"Up is wrong\")\n\t}\n}\n"}, []string{"Up is wrong"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.python && (py.path == "" || !requirePython() && !py.scientific) {
				t.Skip("no python3 with numpy and pandas on this machine")
			}
			dir := t.TempDir()
			for name, content := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			r := runAnswer(py, dir, codeBlocks(tt.solution))
			all := strings.Join(r.problems, "\n")
			if len(tt.want) == 0 && len(r.problems) > 0 {
				t.Errorf("a right answer was reported:\n%s", all)
			}
			if len(tt.want) > 0 && len(r.problems) == 0 {
				t.Errorf("a wrong answer passed (notes: %q)", r.notes)
			}
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems lack %q:\n%s", w, all)
				}
			}
		})
	}
}

func TestSplitSQL(t *testing.T) {
	got := splitSQL("SELECT ';' AS x; -- a comment; here\n/* block; */ SELECT \"a;b\" FROM t;\n-- only a comment\n;; SELECT 'it''s;'")
	want := []string{"SELECT ';' AS x", "-- a comment; here\n/* block; */ SELECT \"a;b\" FROM t", "SELECT 'it''s;'"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("splitSQL = %q, want %q", got, want)
	}
}

func TestCodeBlocks(t *testing.T) {
	b := codeBlocks("Intro.\n\n    ```sql\n    SELECT 1;\n      -- indented\n    ```\n\n```python\nx = 1\n```\n```text\nnot run\n```\n")
	if len(b["sql"]) != 1 || b["sql"][0] != "SELECT 1;\n  -- indented" || len(b["python"]) != 1 || b["python"][0] != "x = 1" || len(b["text"]) != 1 {
		t.Errorf("codeBlocks = %q", b)
	}
}
