package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// try runs `prepcord try` in-process with script on standard input and
// returns its exit code, standard output and standard error. Its temporary
// folders (the attachments folder kept when not empty) go in the test's.
func try(t *testing.T, script string, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir())
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(script), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := runCLI(context.Background(), append([]string{"try"}, args...), e)
	return code, out.String(), errb.String()
}

// TestTryAsAdminHasManageServer: --as admin starts as the member with
// Manage Server, as "as admin" inside a script does.
func TestTryAsAdminHasManageServer(t *testing.T) {
	inTempDir(t)
	code, out, stderr := try(t, "/daily setup channel:#general time:09:00 timezone:Europe/London\n", "--as", "admin")
	if code != 0 || strings.Contains(out, "Manage Server") {
		t.Fatalf("exit %d (%s):\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "admin #general> /daily setup") {
		t.Errorf("the script did not run as admin:\n%s", out)
	}
}

// TestTryClockRunsTheDailyPost: moving the clock past the daily post's
// time runs the scheduler, and the post appears under the time it was
// due; the clock never goes back.
func TestTryClockRunsTheDailyPost(t *testing.T) {
	inTempDir(t)
	script := strings.Join([]string{
		"as admin",
		"/daily setup channel:#general time:09:00 timezone:Europe/London",
		"clock",
		"clock +2h",
	}, "\n")
	code, out, stderr := try(t, script, "--clock", "2026-11-30 08:00 Europe/London")
	if code != 0 {
		t.Fatalf("exit %d (%s):\n%s", code, stderr, out)
	}
	before, after, _ := strings.Cut(out, "> clock +2h")
	if strings.Contains(before, "Daily question for") || !strings.Contains(before, "── clock: Mon 2026-11-30 08:00 UTC") {
		t.Errorf("before the clock moved:\n%s", before)
	}
	for _, want := range []string{"── Mon 2026-11-30 09:00 UTC", "Daily question for Monday 30 November 2026", "thread", "[I answered]"} {
		if !strings.Contains(after, want) {
			t.Errorf("after clock +2h the output lacks %q:\n%s", want, after)
		}
	}
	code, out, _ = try(t, "clock -1h\nclock 2026-11-29 09:00\n", "--clock", "2026-11-30 08:00 Europe/London")
	if code != 1 || strings.Count(out, "the clock only moves forward") != 2 {
		t.Errorf("moving the clock back: exit %d\n%s", code, out)
	}
}

// TestTrySavesAttachments: files the bot sends (the /profile picture, a
// /bank export) are saved in the --files folder, and their paths printed.
func TestTrySavesAttachments(t *testing.T) {
	dir := inTempDir(t)
	bank := "- title: Quokka cache eviction\n  company: Acme Widgets\n  category: system design\n  difficulty: medium\n  prompt: Design an eviction policy for the quokka cache.\n"
	if err := os.WriteFile(filepath.Join(dir, "acme.yaml"), []byte(bank), 0o600); err != nil {
		t.Fatal(err)
	}
	files := filepath.Join(dir, "out")
	script := "/profile\nas admin\n/bank import file:acme.yaml\n/bank export format:yaml\n"
	code, out, stderr := try(t, script, "--files", files)
	if code != 0 {
		t.Fatalf("exit %d (%s):\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "saved in "+files) {
		t.Errorf("the folder is not named at the start:\n%s", out)
	}
	saved := regexp.MustCompile(`💾 saved as (\S+)`).FindAllStringSubmatch(out, -1)
	if len(saved) != 2 {
		t.Fatalf("want 2 saved files (picture, export), got %v:\n%s", saved, out)
	}
	picture, err := os.ReadFile(saved[0][1])
	if err != nil || !bytes.HasPrefix(picture, []byte("\x89PNG\r\n\x1a\n")) || filepath.Dir(saved[0][1]) != files {
		t.Errorf("the /profile picture at %s: %v, %d bytes", saved[0][1], err, len(picture))
	}
	export, err := os.ReadFile(saved[1][1])
	if err != nil || !strings.Contains(string(export), "Quokka cache eviction") {
		t.Errorf("the export at %s: %v\n%s", saved[1][1], err, export)
	}
}

// TestTrySameServerAcrossRuns: two runs on one --db meet the same server:
// the daily channel set up in the first is where the second posts, the
// member queued in the first is paired in the second, and the clock goes
// on from where the first left it, never back.
func TestTrySameServerAcrossRuns(t *testing.T) {
	dir := inTempDir(t)
	db := filepath.Join(dir, "rehearsal.db")
	first := strings.Join([]string{
		"as admin",
		"/daily setup channel:#general time:09:00 timezone:Europe/London",
		"as member",
		"/mock topic:behavioral",
		"clock +30m",
	}, "\n")
	if code, out, stderr := try(t, first, "--db", db, "--clock", "2030-01-07 08:00 UTC"); code != 0 {
		t.Fatalf("first run: exit %d (%s):\n%s", code, stderr, out)
	}
	second := "as admin\n/daily now\nas user2 /mock topic:behavioral\n"
	code, out, stderr := try(t, second, "--db", db)
	if code != 0 {
		t.Fatalf("second run: exit %d (%s):\n%s", code, stderr, out)
	}
	for _, want := range []string{
		"The clock resumes at Mon 2030-01-07 08:30 UTC",
		"Daily question for Monday 7 January 2030",
		"You are paired with",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("second run lacks %q:\n%s", want, out)
		}
	}
	members := regexp.MustCompile(`private thread .* created \(members: (.*)\)`).FindStringSubmatch(out)
	if members == nil || !slices.Contains(strings.Split(members[1], ", "), "member") || !slices.Contains(strings.Split(members[1], ", "), "user2") {
		t.Errorf("the pairing thread is not member's and user2's:\n%s", out)
	}
	code, _, stderr = try(t, "", "--db", db, "--clock", "2030-01-01 08:00 UTC")
	if code != 1 || !strings.Contains(stderr, "time only moves forward") {
		t.Errorf("a third run starting before the database's clock: exit %d, %s", code, stderr)
	}
}

// TestTryChannelsAndRoles: try's server has #daily and #mock to name in
// options and roles to ping (@members) or to require (@mock-rounds); the
// role command gives one; a weekly round runs when the clock reaches it.
func TestTryChannelsAndRoles(t *testing.T) {
	inTempDir(t)
	script := strings.Join([]string{
		"as admin",
		"/daily setup channel:#daily time:09:00 timezone:Europe/London ping:@members",
		"/mock-admin setup channel:#mock",
		"/mock-admin rounds role:@mock-rounds weekday:Tuesday time:10:00 enabled:true",
		"as member",
		"click Join the rounds", // refused: member lacks @mock-rounds
		"role @mock-rounds",
		"click Join the rounds",
		"as user2 role @mock-rounds",
		"as user2 click Join the rounds",
		"clock +26h",
	}, "\n")
	code, out, stderr := try(t, script, "--clock", "2026-11-30 08:00 UTC")
	if code != 1 || strings.TrimSpace(stderr) != "prepcord try: 1 error replies" {
		t.Fatalf("want exactly the one refused join: exit %d (%s):\n%s", code, stderr, out)
	}
	refused, joined, _ := strings.Cut(out, "> role @mock-rounds")
	if !strings.Contains(refused, "members with the @mock-rounds role") {
		t.Errorf("joining without the role was not refused:\n%s", refused)
	}
	for _, want := range []string{
		"── member now has @mock-rounds",
		"You are in!",
		"── Mon 2026-11-30 09:00 UTC",
		"(in #daily)\n── prepcord (bot)\n  @members\n",
		"── Tue 2026-12-01 10:00 UTC",
		"this week's mock round pairs you",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("output lacks %q:\n%s", want, joined)
		}
	}
}

// TestTryFeedbackFormsPerMember: the case. After member sent
// feedback, "as user2 click Give feedback" then "modal …" is user2's
// feedback for member, not member's form sent again over their own.
func TestTryFeedbackFormsPerMember(t *testing.T) {
	inTempDir(t)
	script := strings.Join([]string{
		"/mock topic:behavioral",
		"as user2 /mock topic:behavioral",
		"click Finish",
		"click Give feedback",
		`modal communication=5 problem-solving=4 structure=4 went-well="member wrote this"`,
		"as user2 click Give feedback",
		`modal communication=2 problem-solving=3 structure=3 went-well="user2 wrote this"`,
		"/profile",
		"as user2 /profile",
	}, "\n")
	code, out, stderr := try(t, script)
	if code != 0 {
		t.Fatalf("exit %d (%s):\n%s", code, stderr, out)
	}
	_, profiles, _ := strings.Cut(out, "member #general> /profile")
	mine, theirs, _ := strings.Cut(profiles, "> as user2 /profile")
	if !strings.Contains(mine, "What went well: user2 wrote this") || strings.Contains(mine, "member wrote this") {
		t.Errorf("member's profile should hold user2's feedback:\n%s", mine)
	}
	if !strings.Contains(theirs, "What went well: member wrote this") || strings.Contains(theirs, "user2 wrote this") {
		t.Errorf("user2's profile should hold member's feedback:\n%s", theirs)
	}
}

// TestTryReadmeExample runs the README's try example, the script file the
// README shows verbatim, with the command line it shows, and checks that
// the output still reads as the README's shortened output says: its lines
// in order, "…" standing for any text.
func TestTryReadmeExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const scriptPath = "cmd/prepcord/testdata/try-daily.txt"
	script, err := os.ReadFile(filepath.Join("..", "..", scriptPath))
	if err != nil {
		t.Fatal(err)
	}
	shown := fencedAfter(t, string(readme), "<!-- try example script: "+scriptPath+" -->")
	if shown != string(script) {
		t.Fatalf("README shows a script other than %s:\n%s", scriptPath, shown)
	}
	const command = `go run ./cmd/prepcord try --clock "2026-11-30 08:00 Europe/London" < ` + scriptPath
	if !strings.Contains(string(readme), command) {
		t.Fatalf("README does not show the command this test runs: %s", command)
	}
	inTempDir(t)
	code, out, stderr := try(t, string(script), "--clock", "2026-11-30 08:00 Europe/London")
	if code != 0 {
		t.Fatalf("exit %d (%s):\n%s", code, stderr, out)
	}
	lines := strings.Split(out, "\n")
	at := 0
	for _, want := range strings.Split(fencedAfter(t, string(readme), "<!-- try example output -->"), "\n") {
		if strings.Trim(want, " …") == "" {
			continue // a blank line, or a whole line left out
		}
		parts := strings.Split(want, "…")
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		re := regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
		for at < len(lines) && !re.MatchString(strings.TrimRight(lines[at], " ")) {
			at++
		}
		if at == len(lines) {
			t.Fatalf("the output does not go on as README says: no line like\n%s\nafter what matched so far; the output:\n%s", want, out)
		}
		at++
	}
}

// fencedAfter returns the body of the first fenced code block after marker
// in a Markdown text.
func fencedAfter(t *testing.T, text, marker string) string {
	t.Helper()
	_, after, ok := strings.Cut(text, marker)
	if !ok {
		t.Fatalf("README has no %q", marker)
	}
	_, body, ok := strings.Cut(after, "```")
	if !ok {
		t.Fatalf("no code block after %q", marker)
	}
	_, body, _ = strings.Cut(body, "\n") // the fence's info string
	body, _, ok = strings.Cut(body, "```")
	if !ok {
		t.Fatalf("the code block after %q does not end", marker)
	}
	return body
}

// TestTryClockExpiresTheQueue: the clock runs the mock interview sweep too:
// a /mock queue entry expires two hours on, with a DM to the member.
func TestTryClockExpiresTheQueue(t *testing.T) {
	inTempDir(t)
	code, out, stderr := try(t, "/mock topic:behavioral\nclock +2h5m\n", "--clock", "2026-11-30 08:00 UTC")
	if code != 0 {
		t.Fatalf("exit %d (%s):\n%s", code, stderr, out)
	}
	if !strings.Contains(out, "── Mon 2026-11-30 10:00 UTC\n   (in DM to member)\n── prepcord (bot)\n  Your place in the **Behavioral** mock interview queue expired") {
		t.Errorf("no expiry notice at 10:00:\n%s", out)
	}
}
