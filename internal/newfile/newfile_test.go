package newfile

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/prepcord/prepcord/errs"
)

func write(t *testing.T, target, content string) string {
	t.Helper()
	f, err := Temp(target, ".test-*")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(content)
	f.Close()
	t.Cleanup(func() { os.Remove(f.Name()) })
	return f.Name()
}

func TestPublish(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := t.TempDir()
	target := filepath.Join(dir, "out.txt")

	if err := Publish(write(t, target, "first"), target, false); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "first" {
		t.Fatalf("published %q", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != Mode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), Mode)
	}
	err := Publish(write(t, target, "second"), target, false)
	if errs.CodeOf(err) != errs.Conflict || Free(target) == nil {
		t.Fatalf("publishing over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "first" {
		t.Fatalf("an existing file was replaced: %q", b)
	}
	if err := Publish(write(t, target, "third"), target, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "third" {
		t.Fatalf("replace gave %q", b)
	}

	for _, tt := range []struct{ target, want string }{
		{filepath.Join(dir, "missing", "x"), "folder " + filepath.Join(dir, "missing") + " does not exist"},
		{filepath.Join(target, "x"), target + " is not a folder"},
	} {
		if _, err := Temp(tt.target, ".test-*"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Temp(%s): %v, want %q", tt.target, err, tt.want)
		}
	}
}
