package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// try runs `prepcord try` in-process with script on standard input and
// returns its exit code, standard output and standard error.
func try(t *testing.T, script string, args ...string) (int, string, string) {
	t.Helper()
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
