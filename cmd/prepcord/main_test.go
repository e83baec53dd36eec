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
		"two.yaml":   {"- {id: a, title: T, company: C, category: X, difficulty: nope, prompt: P}\n- {id: b, title: T, company: C, category: X, difficulty: nope, prompt: P}\n", "two.yaml:2:"},
	}
	for name, f := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, vars, "import", path)
		count := "1 problem; nothing was imported"
		if name == "two.yaml" {
			count = "2 problems; nothing was imported"
		}
		if !strings.Contains(stderr, count) {
			t.Errorf("%s: stderr %q lacks %q", name, stderr, count)
		}
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
		{"global rate zero", map[string]string{"DISCORD_GLOBAL_RATE": "0"}, []string{"questions"}, 1, "DISCORD_GLOBAL_RATE must be a number of requests per second from 1 to 50"},
		{"global rate above Discord's", map[string]string{"DISCORD_GLOBAL_RATE": "51"}, []string{"questions"}, 1, "DISCORD_GLOBAL_RATE must be"},
		{"global rate not a number", map[string]string{"DISCORD_GLOBAL_RATE": "fifty"}, []string{"questions"}, 1, "DISCORD_GLOBAL_RATE must be"},
		{"global rate NaN", map[string]string{"DISCORD_GLOBAL_RATE": "NaN"}, []string{"questions"}, 1, "DISCORD_GLOBAL_RATE must be"},
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

// TestTokenNeverInErrors feeds a token (and other secrets) wherever a
// person might put one by mistake, and checks that no error quotes it.
func TestTokenNeverInErrors(t *testing.T) {
	const token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GAbCdE.secretsecretsecretsecret"
	tests := []struct {
		name   string
		dotEnv string            // written to .env when not empty
		files  map[string]string // other files written to the folder
		vars   map[string]string
		args   []string
		secret string // what must not appear, nor any piece of it
		want   []string
	}{
		{name: "unreachable Discord", vars: map[string]string{"DISCORD_TOKEN": token, "DISCORD_API_URL": "http://127.0.0.1:1/api/v9"}, args: []string{"invite"}, secret: token},
		{name: ".env unterminated double quote", dotEnv: `DISCORD_TOKEN="` + token + "\n", args: []string{"version"}, secret: token, want: []string{".env:1:", "DISCORD_TOKEN"}},
		{name: ".env unterminated quote without newline", dotEnv: `DISCORD_TOKEN="` + token, args: []string{"version"}, secret: token, want: []string{".env:1:", "DISCORD_TOKEN"}},
		{name: ".env unterminated single quote after others", dotEnv: "# bot\nLOG_LEVEL=info\n\nexport DISCORD_TOKEN='" + token + "\nLOG_FORMAT=text\n", args: []string{"version"}, secret: token, want: []string{".env:4:", "DISCORD_TOKEN"}},
		{name: ".env quoted value spanning lines before the bad one", dotEnv: "NOTE=\"two\nlines\"\nDISCORD_TOKEN=\"" + token + "\n", args: []string{"version"}, secret: token, want: []string{".env:3:", "DISCORD_TOKEN"}},
		{name: ".env token alone on a line", dotEnv: "LOG_LEVEL=info\n" + token + "\n", args: []string{"version"}, secret: token, want: []string{".env:2:"}},
		{name: ".env missing equals sign", dotEnv: "DISCORD_TOKEN " + token + "\n", args: []string{"version"}, secret: token, want: []string{".env:1:"}},
		{name: "token in DISCORD_GUILD_ID", vars: map[string]string{"DISCORD_GUILD_ID": token}, args: []string{"questions"}, secret: token, want: []string{"DISCORD_GUILD_ID must be"}},
		{name: "token in DATABASE_PATH", vars: map[string]string{"DATABASE_PATH": "/no/such/folder/" + token}, args: []string{"questions"}, secret: token, want: []string{"does not exist"}},
		{name: "token as --client-id", args: []string{"invite", "--client-id", token}, secret: token, want: []string{"--client-id must be a number"}},
		{name: "token as an argument", args: []string{"questions", token}, secret: token, want: []string{"unexpected argument"}},
		{name: "key in DISCORD_API_URL", vars: map[string]string{"DISCORD_TOKEN": "x", "DISCORD_API_URL": "https://proxy.example/api/v9?key=k3yk3yk3yk3y"}, args: []string{"invite"}, secret: "k3yk3yk3yk3y", want: []string{"DISCORD_API_URL must be"}},
		{name: "password in DISCORD_API_URL", vars: map[string]string{"DISCORD_TOKEN": "x", "DISCORD_API_URL": "ftp://bot:pa55pa55pa55@proxy.example/api/v9"}, args: []string{"invite"}, secret: "pa55pa55pa55", want: []string{"DISCORD_API_URL must be"}},
		{name: "secrets file imported as CSV", files: map[string]string{"secrets.env": "WEBHOOK_SECRET=s3cr3ts3cr3ts3cr3t\n"}, args: []string{"import", "--format", "csv", "secrets.env"}, secret: "s3cr3ts3cr3ts3cr3t", want: []string{"secrets.env:1: column 1 of the header is not a column name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTempDir(t)
			if tt.dotEnv != "" {
				os.WriteFile(filepath.Join(dir, ".env"), []byte(tt.dotEnv), 0o600)
			}
			for name, content := range tt.files {
				os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600)
			}
			vars := map[string]string{"DATABASE_PATH": filepath.Join(dir, "p.db")}
			for k, v := range tt.vars {
				vars[k] = v
			}
			code, out, stderr := cli(t, vars, tt.args...)
			if code == 0 {
				t.Fatalf("exit 0, want a failure: %q", stderr)
			}
			all := strings.ToLower(out + stderr)
			for _, piece := range append(strings.Split(tt.secret, "."), tt.secret) {
				if len(piece) >= 6 && strings.Contains(all, strings.ToLower(piece)) {
					t.Fatalf("the output quotes %q of the secret:\n%s%s", piece, out, stderr)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
		})
	}
}

func TestInviteURL(t *testing.T) {
	inTempDir(t)
	code, out, stderr := cli(t, nil, "invite", "--client-id", "123456789012345678")
	if code != 0 {
		t.Fatal(stderr)
	}
	// The README documents this permission integer bit by bit.
	want := "https://discord.com/oauth2/authorize?client_id=123456789012345678&permissions=395406724112&scope=bot+applications.commands"
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

func TestHelpListsEveryCommand(t *testing.T) {
	inTempDir(t)
	commands := []string{"run", "try", "questions", "import", "export", "invite", "backup", "version"}
	for _, arg := range []string{"-h", "--help", "help"} {
		code, out, stderr := cli(t, nil, arg)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", arg, code, stderr)
		}
		for _, c := range commands {
			n := 0
			for _, line := range strings.Split(out, "\n") {
				if f := strings.Fields(line); len(f) > 1 && f[0] == c {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: %d lines describe %q, want 1:\n%s", arg, n, c, out)
			}
		}
	}
}

func TestVersionFlagIsTheVersionCommand(t *testing.T) {
	inTempDir(t)
	_, want, _ := cli(t, nil, "version")
	_, wantJSON, _ := cli(t, nil, "version", "--json")
	for _, args := range [][]string{{"--version"}, {"-version"}, {"--version", "--json"}} {
		code, out, stderr := cli(t, nil, args...)
		w := want
		if len(args) == 2 {
			w = wantJSON
		}
		if code != 0 || out != w || w == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", args, code, out, stderr, w)
		}
	}
}

func TestBadFlagIsReportedOnce(t *testing.T) {
	inTempDir(t)
	for _, args := range [][]string{{"questions", "--nope"}, {"--nope"}, {"export", "--format"}, {"questions", "--limit", "many"}} {
		code, out, stderr := cli(t, nil, args...)
		if code != 2 || out != "" {
			t.Errorf("%v: exit %d, stdout %q", args, code, out)
		}
		if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 || !strings.Contains(stderr, "-h lists the flags") {
			t.Errorf("%v: want one line naming -h, got %d:\n%s", args, len(lines), stderr)
		}
	}
	// -h prints the flags once, on standard output.
	code, out, stderr := cli(t, nil, "questions", "-h")
	if code != 0 || stderr != "" || strings.Count(out, "Usage: prepcord questions") != 1 || !strings.Contains(out, "-company") {
		t.Errorf("questions -h: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

// TestEmptyResultExitsZero checks the one rule for an empty result: exit 0,
// nothing (text) or [] (--json) on stdout, and why on stderr.
func TestEmptyResultExitsZero(t *testing.T) {
	dir := inTempDir(t)
	vars := map[string]string{"DATABASE_PATH": filepath.Join(dir, "p.db")}
	tests := []struct {
		args []string
		why  string
	}{
		{[]string{"--search", "zzqqxxyy"}, "no question matches that search"},
		{[]string{"--round", "phone", "--search", "zzqqxxyy"}, "no question matches those filters together"},
		{[]string{"--company", "tiktk"}, `no company named "tiktk"; did you mean "TikTok"?`},
	}
	for _, tt := range tests {
		for _, asJSON := range []bool{false, true} {
			args, want := append([]string{"questions"}, tt.args...), ""
			if asJSON {
				args, want = append(args, "--json"), "[]"
			}
			code, out, stderr := cli(t, vars, args...)
			if code != 0 || strings.TrimSpace(out) != want || !strings.Contains(stderr, tt.why) {
				t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0, %q and %q", args, code, out, stderr, want, tt.why)
			}
		}
	}
}

// TestExportAndBackupNeverOverwrite: export --out refuses an existing file
// like backup does (export replaces it with --force), both write files only
// their owner can read, and a missing folder is named as such.
func TestExportAndBackupNeverOverwrite(t *testing.T) {
	dir := inTempDir(t)
	vars := map[string]string{"DATABASE_PATH": filepath.Join(dir, "p.db")}
	if code, _, stderr := cli(t, vars, "questions", "--limit", "1"); code != 0 {
		t.Fatal(stderr)
	}
	existing := filepath.Join(dir, "existing.yaml")
	os.WriteFile(existing, []byte("keep me\n"), 0o644)
	for _, args := range [][]string{{"export", "--out", existing}, {"backup", existing}} {
		code, _, stderr := cli(t, vars, args...)
		if code != 1 || !strings.Contains(stderr, "already exists") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if b, _ := os.ReadFile(existing); string(b) != "keep me\n" {
			t.Fatalf("%v overwrote the existing file", args)
		}
	}
	if code, _, stderr := cli(t, vars, "export", "--out", existing, "--force"); code != 0 {
		t.Fatalf("export --force: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(existing); !strings.Contains(string(b), "title:") {
		t.Fatalf("export --force did not replace the file: %.40q", b)
	}
	backup := filepath.Join(dir, "backup.db")
	if code, _, stderr := cli(t, vars, "backup", backup); code != 0 {
		t.Fatal(stderr)
	}
	fresh := filepath.Join(dir, "fresh.json")
	if code, _, stderr := cli(t, vars, "export", "--format", "json", "--out", fresh); code != 0 {
		t.Fatal(stderr)
	}
	for _, name := range []string{existing, backup, fresh} {
		if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v; want 0600", filepath.Base(name), fi.Mode().Perm(), err)
		}
	}
	missing := filepath.Join(dir, "no-such-folder")
	for _, args := range [][]string{{"export", "--out", filepath.Join(missing, "e.yaml")}, {"backup", filepath.Join(missing, "b.db")}} {
		code, _, stderr := cli(t, vars, args...)
		if code != 1 || !strings.Contains(stderr, "folder "+missing+" does not exist") || strings.Contains(stderr, ".prepcord-") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// TestImportDryRunCreatesNoDatabase: a dry run with no database yet leaves
// none behind, and reports the counts the real import then gives.
func TestImportDryRunCreatesNoDatabase(t *testing.T) {
	dir := inTempDir(t)
	db := filepath.Join(dir, "p.db")
	vars := map[string]string{"DATABASE_PATH": db}
	good := filepath.Join(dir, "one.yaml")
	os.WriteFile(good, []byte("- {title: An imported question, company: Acme, category: coding, difficulty: hard, prompt: \"Why?\"}\n"), 0o600)
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("- {title: T, company: Acme, category: coding, difficulty: brutal, prompt: P}\n"), 0o600)

	code, out, stderr := cli(t, vars, "import", "--dry-run", good)
	if code != 0 || !strings.Contains(out, "1 added, 0 updated, 0 unchanged (dry run, nothing written") {
		t.Fatalf("dry run: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if code, _, _ := cli(t, vars, "import", "--dry-run", bad); code != 1 {
		t.Fatalf("dry run of a bad file: exit %d", code)
	}
	if left, _ := filepath.Glob(db + "*"); len(left) > 0 {
		t.Fatalf("a dry run created %v", left)
	}
	if code, out, stderr := cli(t, vars, "import", good); code != 0 || !strings.Contains(out, "1 added, 0 updated, 0 unchanged (imported)") {
		t.Fatalf("import after the dry run: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if code, out, _ := cli(t, vars, "import", "--dry-run", good); code != 0 || !strings.Contains(out, "0 added, 0 updated, 1 unchanged (dry run, nothing written)") {
		t.Fatalf("dry run on the existing database: exit %d, stdout %q", code, out)
	}
}
