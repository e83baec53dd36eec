package data_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/prepcord/prepcord/data"
)

// answersDir holds the files that make the bank's answers run: one folder
// per question id (see BANK-FORMAT in the README).
const answersDir = "answers"

// answerTimeout bounds one answer's run (a Python or Go test, or one
// question's SQL), so a broken answer fails instead of hanging CI.
const answerTimeout = 2 * time.Minute

// TestAnswersRun executes the bank's answers: every ```sql block of a
// solution on SQLite against the question's fixture.sql, compared with
// expected-N.tsv; the ```python blocks with the question's test.py (and
// figures.py); the ```go blocks with its answer_test.go. It also checks
// that every question with code has its answers folder and every folder
// belongs to such a question.
func TestAnswersRun(t *testing.T) {
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	entries, err := os.ReadDir(answersDir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() { // go.mod keeps the Go tools out of the folder
			dirs[e.Name()] = true
		}
	}
	py := findPython()
	withCode := 0
	for _, q := range bank {
		blocks := codeBlocks(q.Solution)
		dir := filepath.Join(answersDir, q.ID)
		has := dirs[q.ID]
		delete(dirs, q.ID)
		if len(blocks["sql"])+len(blocks["python"])+len(blocks["go"]) == 0 && !has {
			continue
		}
		withCode++
		if !has {
			msg := fmt.Sprintf("%s: the solution has code (%d sql, %d python, %d go blocks) but %s does not exist",
				q.ID, len(blocks["sql"]), len(blocks["python"]), len(blocks["go"]), dir)
			t.Error(msg)
			continue
		}
		t.Run(q.ID, func(t *testing.T) {
			t.Parallel()
			report(t, runAnswer(py, dir, blocks))
		})
	}
	for d := range dirs {
		t.Errorf("%s/%s belongs to no question of the bank", answersDir, d)
	}
	t.Logf("%d questions have answers that run", withCode)
}

// report fails t with each problem and logs each note.
func report(t *testing.T, r result) {
	t.Helper()
	for _, p := range r.problems {
		t.Error(p)
	}
	for _, n := range r.notes {
		t.Log(n)
	}
}

// result is what running one answer found: problems fail the test, notes
// (an interpreter missing on this machine) are logged.
type result struct {
	problems, notes []string
}

func (r *result) fail(format string, args ...any) {
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

// runAnswer runs everything dir holds for a solution with blocks: its SQL
// on a fresh in-memory SQLite, its Python and its Go.
func runAnswer(py python, dir string, blocks map[string][]string) result {
	var r result
	checkAnswerFiles(&r, dir, blocks)
	if len(blocks["sql"]) > 0 && exists(filepath.Join(dir, "fixture.sql")) {
		db, err := sql.Open("sqlite3", ":memory:")
		if err != nil {
			r.fail("%v", err)
			return r
		}
		db.SetMaxOpenConns(1) // one connection: one in-memory database
		runSQLAnswer(&r, db, "sqlite", dir, blocks["sql"])
		db.Close()
	}
	if exists(filepath.Join(dir, "test.py")) || exists(filepath.Join(dir, "figures.py")) {
		runPythonAnswer(&r, py, dir, blocks["python"])
	}
	if len(blocks["go"]) > 0 && exists(filepath.Join(dir, "answer_test.go")) {
		runGoAnswer(&r, dir, blocks["go"])
	}
	return r
}

// codeBlocks returns the fenced code blocks of a solution by language, in
// order, with the fence's indentation removed.
func codeBlocks(solution string) map[string][]string {
	out := map[string][]string{}
	lines := strings.Split(solution, "\n")
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " \t")
		if !strings.HasPrefix(trimmed, "```") {
			continue
		}
		indent := lines[i][:len(lines[i])-len(trimmed)]
		lang := strings.TrimSpace(strings.TrimPrefix(trimmed, "```"))
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, strings.TrimPrefix(lines[i], indent))
		}
		out[lang] = append(out[lang], strings.Join(body, "\n"))
	}
	return out
}

// checkAnswerFiles reports files that match nothing in the solution, and
// missing test files for the languages the solution uses.
func checkAnswerFiles(r *result, dir string, blocks map[string][]string) {
	files, err := os.ReadDir(dir)
	if err != nil {
		r.fail("%v", err)
		return
	}
	expected := regexp.MustCompile(`^expected-([0-9]+)\.tsv$`)
	for _, f := range files {
		name := f.Name()
		switch m := expected.FindStringSubmatch(name); {
		case m != nil:
			if n, _ := strconv.Atoi(m[1]); n < 1 || n > len(blocks["sql"]) {
				r.fail("%s: the solution has %d sql blocks", filepath.Join(dir, name), len(blocks["sql"]))
			}
		case name == "fixture.sql":
			if len(blocks["sql"]) == 0 {
				r.fail("%s: the solution has no sql block", filepath.Join(dir, name))
			}
		case name == "test.py":
			if len(blocks["python"]) == 0 {
				r.fail("%s: the solution has no python block", filepath.Join(dir, name))
			}
		case name == "answer_test.go":
			if len(blocks["go"]) == 0 {
				r.fail("%s: the solution has no go block", filepath.Join(dir, name))
			}
		case name == "figures.py":
		default:
			r.fail("%s: unknown answer file (fixture.sql, expected-N.tsv, test.py, figures.py, answer_test.go)", filepath.Join(dir, name))
		}
	}
	for lang, file := range map[string]string{"sql": "fixture.sql", "python": "test.py", "go": "answer_test.go"} {
		if len(blocks[lang]) > 0 && !exists(filepath.Join(dir, file)) {
			r.fail("%s: the solution has %d %s blocks but no %s", dir, len(blocks[lang]), lang, file)
		}
	}
}

// runSQLAnswer loads dir/fixture.sql into db and runs the solution's sql
// blocks in order on it: a block with an expected-N.tsv must return exactly
// those rows; a block without one must run and return no rows. dialect
// names the database ("sqlite", later "postgres") in messages.
func runSQLAnswer(r *result, db *sql.DB, dialect, dir string, blocks []string) {
	ctx, cancel := context.WithTimeout(context.Background(), answerTimeout)
	defer cancel()
	fixture, err := os.ReadFile(filepath.Join(dir, "fixture.sql"))
	if err != nil {
		r.fail("%v", err)
		return
	}
	if _, _, err := runStatements(ctx, db, string(fixture)); err != nil {
		r.fail("%s: %s/fixture.sql: %v", dialect, dir, err)
		return
	}
	for i, block := range blocks {
		n := i + 1
		cols, rows, err := runStatements(ctx, db, block)
		if err != nil {
			r.fail("%s: sql block %d: %v\n%s", dialect, n, err, block)
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("expected-%d.tsv", n)))
		if errors.Is(err, fs.ErrNotExist) {
			if len(cols) > 0 {
				r.fail("%s: sql block %d returns rows (%s); add %s/expected-%d.tsv", dialect, n, strings.Join(cols, ", "), dir, n)
			}
			continue
		}
		if err != nil {
			r.fail("%v", err)
			continue
		}
		got := formatTSV(cols, rows)
		if normalizeTSV(string(want)) != got {
			r.fail("%s: sql block %d returned\n%s\nwant (expected-%d.tsv)\n%s", dialect, n, got, n, normalizeTSV(string(want)))
		}
	}
}

// runStatements runs each statement of script in order and returns the
// columns and rows of the last one that returned columns.
func runStatements(ctx context.Context, db *sql.DB, script string) ([]string, [][]string, error) {
	var cols []string
	var out [][]string
	for _, stmt := range splitSQL(script) {
		rows, err := db.QueryContext(ctx, stmt)
		if err != nil {
			return nil, nil, fmt.Errorf("%w in: %s", err, firstLine(stmt))
		}
		c, err := rows.Columns()
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		var got [][]string
		for rows.Next() {
			vals := make([]any, len(c))
			ptrs := make([]any, len(c))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, nil, err
			}
			row := make([]string, len(c))
			for i, v := range vals {
				row[i] = formatCell(v)
			}
			got = append(got, row)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, fmt.Errorf("%w in: %s", err, firstLine(stmt))
		}
		if len(c) > 0 {
			cols, out = c, got
		}
	}
	return cols, out, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}

// splitSQL splits a script into statements at semicolons outside quotes
// and comments, dropping statements that hold only blanks and comments.
func splitSQL(script string) []string {
	var out []string
	start, code := 0, false
	flush := func(end int) {
		if code {
			out = append(out, strings.TrimSpace(script[start:end]))
		}
		start, code = end+1, false
	}
	for i := 0; i < len(script); i++ {
		switch c := script[i]; {
		case c == '\'' || c == '"':
			code = true
			for i++; i < len(script); i++ {
				if script[i] == c {
					if i+1 < len(script) && script[i+1] == c {
						i++
						continue
					}
					break
				}
			}
		case c == '-' && strings.HasPrefix(script[i:], "--"):
			for i < len(script) && script[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(script[i:], "/*"):
			if end := strings.Index(script[i+2:], "*/"); end >= 0 {
				i += end + 3
			} else {
				i = len(script)
			}
		case c == ';':
			flush(i)
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			code = true
		}
	}
	flush(len(script))
	return out
}

// formatCell writes one value the way expected-N.tsv holds it: NULL,
// numbers rounded to 4 decimals without trailing zeros, dates as ISO text.
func formatCell(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return normalizeCell(string(x))
	case string:
		return normalizeCell(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return formatNumber(x)
	case bool:
		return strconv.FormatBool(x)
	case time.Time:
		if x.Equal(x.Truncate(24 * time.Hour)) {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.DateTime)
	}
	return normalizeCell(fmt.Sprint(v))
}

func formatNumber(f float64) string {
	r := math.Round(f*1e4) / 1e4
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

var numberText = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// normalizeCell gives numeric text the form formatNumber gives numbers, so
// "2.50" written by hand (or returned by PostgreSQL's numeric) is "2.5".
func normalizeCell(s string) string {
	if numberText.MatchString(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return formatNumber(f)
		}
	}
	return s
}

func formatTSV(cols []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString(strings.Join(cols, "\t"))
	for _, r := range rows {
		b.WriteString("\n")
		b.WriteString(strings.Join(r, "\t"))
	}
	return b.String()
}

// normalizeTSV reads an expected-N.tsv: CRLF and trailing blank lines
// ignored, numeric cells in formatNumber's form.
func normalizeTSV(s string) string {
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n"), "\n")
	for i := 1; i < len(lines); i++ {
		cells := strings.Split(lines[i], "\t")
		for j, c := range cells {
			cells[j] = normalizeCell(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}

// python is the interpreter the Python answers run with, and whether it
// can import numpy and pandas.
type python struct {
	path       string
	scientific bool
}

var (
	pythonOnce  sync.Once
	pythonFound python
)

// findPython prefers /usr/bin/python3 (Debian's python3-numpy and
// python3-pandas install there), then python3 on PATH: the first that can
// import numpy and pandas, else the first that runs at all.
func findPython() python {
	pythonOnce.Do(func() {
		var candidates []string
		if exists("/usr/bin/python3") {
			candidates = append(candidates, "/usr/bin/python3")
		}
		if p, err := exec.LookPath("python3"); err == nil && p != "/usr/bin/python3" {
			candidates = append(candidates, p)
		}
		for _, c := range candidates {
			if exec.Command(c, "-c", "import numpy, pandas").Run() == nil {
				pythonFound = python{path: c, scientific: true}
				return
			}
		}
		for _, c := range candidates {
			if exec.Command(c, "-c", "pass").Run() == nil {
				pythonFound = python{path: c}
				return
			}
		}
	})
	return pythonFound
}

// requirePython is set in CI (.ci/run): a missing python3, numpy or pandas
// fails the Python answers instead of skipping them.
func requirePython() bool { return os.Getenv("PREPCORD_REQUIRE_PYTHON") == "1" }

var scientificImport = regexp.MustCompile(`(?m)^\s*(import|from)\s+(numpy|pandas)\b`)

// runPythonAnswer writes the python blocks to answer.py in a temporary
// folder with dir's test.py and figures.py and runs each of them there.
func runPythonAnswer(r *result, py python, dir string, blocks []string) {
	tmp, err := os.MkdirTemp("", "prepcord-answer-")
	if err != nil {
		r.fail("%v", err)
		return
	}
	defer os.RemoveAll(tmp)
	answer := strings.Join(blocks, "\n\n") + "\n"
	if err := os.WriteFile(filepath.Join(tmp, "answer.py"), []byte(answer), 0o644); err != nil {
		r.fail("%v", err)
		return
	}
	for _, name := range []string{"test.py", "figures.py"} {
		src, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			r.fail("%v", err)
			continue
		}
		if name == "test.py" && !bytes.HasPrefix(src, []byte("from answer import *")) {
			r.fail("%s/test.py must start with \"from answer import *\"", dir)
		}
		needs := scientificImport.Match(src) || (name == "test.py" && scientificImport.MatchString(answer))
		switch {
		case py.path == "" || (needs && !py.scientific):
			msg := fmt.Sprintf("%s/%s not run: no python3 that can import numpy and pandas (install python3, python3-numpy, python3-pandas)", dir, name)
			if py.path == "" && !needs {
				msg = fmt.Sprintf("%s/%s not run: no python3 found", dir, name)
			}
			if requirePython() {
				r.fail("%s (PREPCORD_REQUIRE_PYTHON=1)", msg)
			} else {
				r.notes = append(r.notes, msg) // a note, not a skip: the question's SQL and Go still run
			}
			continue
		}
		if err := os.WriteFile(filepath.Join(tmp, name), src, 0o644); err != nil {
			r.fail("%v", err)
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), answerTimeout)
		cmd := exec.CommandContext(ctx, py.path, name)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "PYTHONDONTWRITEBYTECODE=1", "PYTHONHASHSEED=0")
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			r.fail("%s/%s with the solution's python blocks: %v\n%s", dir, name, err, out)
		}
	}
}

var packageClause = regexp.MustCompile(`(?m)^package\s+\w+`)

// runGoAnswer writes each go block to its own file of package answer in a
// temporary module with dir's answer_test.go and runs go test there.
func runGoAnswer(r *result, dir string, blocks []string) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		r.fail("go is not on PATH: %v", err)
		return
	}
	tmp, err := os.MkdirTemp("", "prepcord-answer-")
	if err != nil {
		r.fail("%v", err)
		return
	}
	defer os.RemoveAll(tmp)
	files := map[string]string{"go.mod": "module answer\n\ngo 1.26\n"}
	for i, b := range blocks {
		if !packageClause.MatchString(b) {
			b = "package answer\n\n" + b
		}
		files[fmt.Sprintf("answer%d.go", i+1)] = b + "\n"
	}
	test, err := os.ReadFile(filepath.Join(dir, "answer_test.go"))
	if err != nil {
		r.fail("%v", err)
		return
	}
	files["answer_test.go"] = string(test)
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), []byte(content), 0o644); err != nil {
			r.fail("%v", err)
			return
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), answerTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, "test", "-count=1", ".")
	cmd.Dir = tmp
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "GOFLAGS=") || strings.HasPrefix(kv, "GOWORK=")
	}), "GOWORK=off", "GOFLAGS=-mod=mod", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.fail("go test of the solution's go blocks with %s/answer_test.go: %v\n%s", dir, err, out)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
