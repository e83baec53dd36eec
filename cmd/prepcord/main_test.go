package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/data"
)

// cli runs prepcord in-process in a fresh folder with the given
// environment and returns its exit code, stdout and stderr.
func cli(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}
	code := runCLI(context.Background(), args, e)
	return code, out.String(), errb.String()
}

func inTempDir(t *testing.T) string {
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func TestQuestionsJSONHasEveryField(t *testing.T) {
	dir := inTempDir(t)
	vars := map[string]string{"DATABASE_PATH": filepath.Join(dir, "p.db")}
	code, out, stderr := cli(t, vars, "questions", "--company", "tiktok", "--json", "--limit", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var qs []map[string]any
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	if len(qs) < 8 {
		t.Fatalf("%d TikTok questions, want at least 8", len(qs))
	}
	for _, f := range data.Fields {
		if _, ok := qs[0][f]; !ok {
			t.Errorf("JSON lacks field %q", f)
		}
	}
	code, out2, _ := cli(t, vars, "questions", "--company", "tik tok", "--json", "--limit", "0")
	if code != 0 || out2 != out {
		t.Fatalf("\"tik tok\" found different questions than \"tiktok\"")
	}
}

func TestBrokenImportChangesNothing(t *testing.T) {
	dir := inTempDir(t)
	db := filepath.Join(dir, "p.db")
	vars := map[string]string{"DATABASE_PATH": db}
	if code, _, stderr := cli(t, vars, "questions", "--limit", "1"); code != 0 {
		t.Fatal(stderr)
	}
	hash := func() [32]byte {
		b, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := hash()
	files := map[string]struct{ content, want string }{
		"bad.yaml":   {"- id: x\n  title: [unclosed\n", "bad.yaml:"},
		"short.csv":  {"id,title,company,category,difficulty,prompt\na,T,C,X,easy,P\nb,T2,C,X,easy\n", "short.csv:3: row has 5 columns"},
		"diff.json":  {`[{"id":"a","title":"T","company":"C","category":"X","difficulty":"brutal","prompt":"P"}]`, `diff.json:1: question "a": unknown difficulty "brutal"`},
		"dup.yaml":   {"- {id: a, title: T, company: C, category: X, difficulty: easy, prompt: P}\n- {id: a, title: U, company: C, category: X, difficulty: easy, prompt: P}\n", `dup.yaml:2: question "a": duplicate id`},
		"mixed.yaml": {"- {id: ok1, title: Fine, company: C, category: X, difficulty: easy, prompt: P}\n- {id: bad, title: T, company: C, category: X, difficulty: nope, prompt: P}\n", "mixed.yaml:2:"},
	}
	for name, f := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, vars, "import", path)
		if code != 1 || !strings.Contains(stderr, f.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", name, code, stderr, f.want)
		}
		if hash() != before {
			t.Fatalf("%s: database changed after a failed import", name)
		}
	}
}

// TestImportWarnsAboutNearDuplicates: importing a reworded copy of a
// bundled question names the pair with its score on stderr, and still
// imports; a question on another subject draws no warning.
func TestImportWarnsAboutNearDuplicates(t *testing.T) {
	dir := inTempDir(t)
	vars := map[string]string{"DATABASE_PATH": filepath.Join(dir, "p.db")}
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	orig := bank[0]
	copyYAML := fmt.Sprintf("- id: acme-copy\n  title: %q\n  company: Acme\n  category: coding\n  difficulty: easy\n  prompt: %q\n"+
		"- {id: acme-other, title: Reverse a singly linked list, company: Acme, category: coding, difficulty: easy, prompt: Do it in place with constant extra memory.}\n",
		"Please "+orig.Title, strings.ReplaceAll(orig.Prompt, "you", "the candidate"))
	path := filepath.Join(dir, "copy.yaml")
	if err := os.WriteFile(path, []byte(copyYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := cli(t, vars, "import", path)
	if code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("exit %d: %s %s", code, out, stderr)
	}
	want := fmt.Sprintf("warning: question acme-copy is very close to existing %s (", orig.ID)
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	if strings.Contains(stderr, "acme-other") || strings.Count(stderr, "warning:") != 1 {
		t.Errorf("unexpected warnings: %q", stderr)
	}
}

func TestExportImportExportIsIdentical(t *testing.T) {
	dir := inTempDir(t)
	for _, format := range []string{"yaml", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			a := map[string]string{"DATABASE_PATH": filepath.Join(dir, format+"-a.db")}
			b := map[string]string{"DATABASE_PATH": filepath.Join(dir, format+"-b.db")}
			extra := filepath.Join(dir, format+"-extra.yaml")
			os.WriteFile(extra, []byte("- {title: An imported question, company: Acme, roles: [swe], category: coding, difficulty: hard, prompt: \"Why?\", tags: [x]}\n"), 0o644)
			if code, _, stderr := cli(t, a, "import", extra); code != 0 {
				t.Fatal(stderr)
			}
			first := filepath.Join(dir, "first."+format)
			if code, _, stderr := cli(t, a, "export", "--format", format, "--out", first); code != 0 {
				t.Fatal(stderr)
			}
			if code, _, stderr := cli(t, b, "import", first); code != 0 {
				t.Fatal(stderr)
			}
			second := filepath.Join(dir, "second."+format)
			if code, _, stderr := cli(t, b, "export", "--format", format, "--out", second); code != 0 {
				t.Fatal(stderr)
			}
			x, _ := os.ReadFile(first)
			y, _ := os.ReadFile(second)
			if !bytes.Equal(x, y) || len(x) < 1000 {
				t.Fatalf("exports differ (%d vs %d bytes)", len(x), len(y))
			}
			// The bundled questions' levels survive the round trip.
			if want := map[string]string{"yaml": "level: [intern, new grad]", "json": "\"new grad\"", "csv": "intern;new grad"}[format]; !bytes.Contains(x, []byte(want)) {
				t.Errorf("the export lacks levels (%q)", want)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	dir := inTempDir(t)
	tests := []struct {
		name string
		vars map[string]string
		args []string
		code int
		want string
	}{
		{"bad log level", map[string]string{"LOG_LEVEL": "loud"}, []string{"questions"}, 1, "LOG_LEVEL must be"},
		{"bad log format", map[string]string{"LOG_FORMAT": "xml"}, []string{"questions"}, 1, "LOG_FORMAT must be"},
		{"bad http addr", map[string]string{"HTTP_ADDR": "nonsense"}, []string{"questions"}, 1, "HTTP_ADDR must be host:port"},
		{"unwritable db", map[string]string{"DATABASE_PATH": "/proc/nope/p.db"}, []string{"questions"}, 1, "does not exist"},
		{"no token", map[string]string{"DATABASE_PATH": filepath.Join(dir, "x.db")}, []string{"run"}, 1, "DISCORD_TOKEN is not set"},
		{"bad flag", nil, []string{"questions", "--nope"}, 2, "flag provided but not defined"},
		{"bad difficulty", nil, []string{"questions", "--difficulty", "insane"}, 2, "--difficulty must be"},
		{"unknown command", nil, []string{"frobnicate"}, 2, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cli(t, tt.vars, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
			if lines := strings.Count(strings.TrimSpace(stderr), "\n"); tt.code == 1 && lines > 0 {
				t.Errorf("want one line on stderr, got %d", lines+1)
			}
		})
	}
}

func TestMalformedDotEnvNamesLine(t *testing.T) {
	dir := inTempDir(t)
	os.WriteFile(filepath.Join(dir, ".env"), []byte("# settings\nLOG_LEVEL=info\nTHIS IS NOT VALID\n"), 0o644)
	code, _, stderr := cli(t, nil, "version")
	if code != 1 || !strings.Contains(stderr, ".env:3:") {
		t.Fatalf("exit %d stderr %q", code, stderr)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	inTempDir(t)
	const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.token-value"
	code, out, stderr := cli(t, map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": "http://127.0.0.1:1/api/v9"}, "invite")
	if code != 1 || strings.Contains(stderr+out, token) || strings.Contains(stderr+out, "secret.token") {
		t.Fatalf("exit %d, output leaks the token or wrong: %q", code, stderr)
	}
}

func TestInviteURL(t *testing.T) {
	inTempDir(t)
	code, out, stderr := cli(t, nil, "invite", "--client-id", "123456789012345678")
	if code != 0 {
		t.Fatal(stderr)
	}
	// The README documents this permission integer bit by bit.
	want := "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=395138288656&scope=bot+applications.commands"
	if strings.TrimSpace(out) != want {
		t.Fatalf("invite URL\n got %s\nwant %s", out, want)
	}
	if code, _, _ := cli(t, nil, "invite", "--client-id", "abc"); code != 2 {
		t.Fatalf("bad client id: exit %d", code)
	}
}

func TestTryRunsAScript(t *testing.T) {
	inTempDir(t)
	script := "/question company:tiktok\nclick Solution\n/mock topic:behavioral\nas user2 /mock topic:behavioral\n"
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(script), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if code := runCLI(context.Background(), []string{"try"}, e); code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errb.String(), out.String())
	}
	for _, want := range []string{"Company: TikTok", "Solution: ", "only you can see this", "You are paired with", "private thread"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("try output lacks %q:\n%s", want, out.String())
		}
	}
	// An error reply makes try exit 1.
	e = &env{stdin: strings.NewReader("/question company:tiktk\n"), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	if code := runCLI(context.Background(), []string{"try"}, e); code != 1 {
		t.Fatalf("did-you-mean reply: exit %d", code)
	}
}
