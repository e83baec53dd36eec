package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportCountsProblemsInWords(t *testing.T) {
	dir := inTempDir(t)
	vars := map[string]string{"DATABASE_PATH": filepath.Join(dir, "p.db")}
	for _, c := range []struct{ content, want string }{
		{"- {id: a, title: T, company: C, category: X, difficulty: brutal, prompt: P}\n", "1 problem; nothing was imported"},
		{"- {id: a, title: T, company: C, category: X, difficulty: brutal, prompt: P}\n- {id: b, title: U, company: C, category: X, difficulty: nope, prompt: P}\n",
			"2 problems; nothing was imported"},
	} {
		path := filepath.Join(dir, "bad.yaml")
		if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, vars, "import", path)
		if code != 1 || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "(s)") {
			t.Errorf("exit %d, stderr %q, want %q", code, stderr, c.want)
		}
	}
}
