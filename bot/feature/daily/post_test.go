package daily

import (
	"strings"
	"testing"
)

func TestThreadNameAndNonce(t *testing.T) {
	long := strings.Repeat("Design a rate limiter 🚦 ", 20)
	cases := []struct{ title, date string }{{long, "2026-01-01"}, {"", "2026-01-01"}, {"  spaced\n\ttitle ", "2026-12-31"}}
	for _, c := range cases {
		n := threadName(c.title, c.date)
		if r := []rune(n); len(r) == 0 || len(r) > 100 || !strings.HasSuffix(n, c.date) {
			t.Errorf("threadName(%q) = %q (%d runes)", c.title, n, len(r))
		}
	}
	a, b := dailyNonce("123", "2026-01-01", 0), dailyNonce("123", "2026-01-02", 0)
	if a == b || len(a) > 25 || a != dailyNonce("123", "2026-01-01", 0) {
		t.Fatalf("nonces %q %q", a, b)
	}
}
