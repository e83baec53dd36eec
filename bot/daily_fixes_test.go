package bot

import (
	"strings"
	"testing"
	"time"
)

// TestDailyResumeWhenNotPaused: resuming a schedule that is not paused
// says so, as pausing a paused one does, instead of "Resumed."
func TestDailyResumeWhenNotPaused(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	setupDaily(t, h, "10:00", "UTC", "")
	text := mustReply(t, h.run("owner", "/daily resume"))
	if strings.Contains(text, "Resumed") || !strings.Contains(text, "not paused") || !strings.Contains(text, "Fri 1 May 2026, 10:00 UTC") {
		t.Fatalf("resume while not paused: %q", text)
	}
	mustReply(t, h.run("owner", "/daily pause"))
	if text := mustReply(t, h.run("owner", "/daily resume")); !strings.Contains(text, "Resumed") {
		t.Fatalf("resume after pause: %q", text)
	}
}
