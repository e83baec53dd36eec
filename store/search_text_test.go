package store

import (
	"strings"
	"testing"
)

// SearchText keeps exactly what a search looks for: the reduced text
// searches like the original, and texts that search alike reduce alike.
func TestSearchTextSearchesLikeTheOriginal(t *testing.T) {
	long := strings.Repeat("x", 50)
	for _, tc := range []struct{ in, want string }{
		{"Design a RATE-limiter, and more", "design a rate limiter more"},
		{"one two three four five six seven eight nine ten", "one two three four five six seven eight"},
		{"one two three four five six seven eight zzz qqq", "one two three four five six seven eight"},
		{"'; DROP TABLE questions; -- ✨ مرحبا", "drop table questions مرحبا"},
		{long + " near", strings.Repeat("x", 40)},
		{"and or not", "and or not"}, // nothing searched: kept, and still matches nothing
		{"", ""},
	} {
		got := SearchText(tc.in)
		if got != tc.want {
			t.Errorf("SearchText(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if ftsQuery(got) != ftsQuery(tc.in) {
			t.Errorf("%q searches %q, reduced %q searches %q", tc.in, ftsQuery(tc.in), got, ftsQuery(got))
		}
		if SearchText(got) != got {
			t.Errorf("SearchText is not idempotent on %q", got)
		}
	}
}
