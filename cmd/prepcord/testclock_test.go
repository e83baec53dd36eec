package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestTestClock(t *testing.T) {
	file := filepath.Join(t.TempDir(), "clock")
	if err := os.WriteFile(file, []byte("26h\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	if c, err := newTestClock(env(nil)); c != nil || err != nil {
		t.Fatalf("unset: %v %v, want no clock", c, err)
	}
	if _, err := newTestClock(env(map[string]string{testClockEnv: file})); err == nil || !strings.Contains(err.Error(), testEnv+"=1") {
		t.Fatalf("without %s=1: %v, want a refusal naming it", testEnv, err)
	}
	c, err := newTestClock(env(map[string]string{testClockEnv: file, testEnv: "1"}))
	if err != nil {
		t.Fatal(err)
	}
	if d := c.Now().Sub(time.Now()); d < 26*time.Hour-time.Second || d > 26*time.Hour+time.Second {
		t.Errorf("Now is %s ahead, want 26h", d)
	}
}
