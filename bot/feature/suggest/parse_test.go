package suggest

import (
	"testing"

	"github.com/prepcord/prepcord/data"
)

func TestParseCategoryFindsTheDifficulty(t *testing.T) {
	known := map[string]bool{}
	for _, n := range data.Known(data.KindCategory) {
		known[data.Key(n)] = true
	}
	isKnown := func(s string) bool { return known[data.CanonicalKey(data.KindCategory, s)] }
	for _, c := range []struct{ in, category, difficulty, bad string }{
		{"System Design / hard", "System Design", "hard", ""},
		{"SQL hard", "SQL", "hard", ""},
		{"System Design - Hard", "System Design", "hard", ""},
		{"coding, EASY", "coding", "easy", ""},
		{"hard", "", "hard", ""},
		{"Algorithms / extreme", "Algorithms", "", "extreme"},
		{"Algorithms|extreme", "Algorithms", "", "extreme"},
		{"Algorithms extreme", "Algorithms", "", "extreme"},
		{"Widgets / very hard indeed", "Widgets", "", "very hard indeed"},
		{"Widgets extreme", "Widgets extreme", "", ""},
		{"Machine Learning", "Machine Learning", "", ""},
		{"A/B testing", "A/B testing", "", ""},
		{"CI/CD", "CI/CD", "", ""},
		{"CI/CD / easy", "CI/CD", "easy", ""},
		{"Coding /", "Coding", "", ""},
		{"Algorithms / extreme / medium", "Algorithms / extreme", "medium", ""},
		{"  ", "", "", ""},
	} {
		cat, diff, bad := parseCategory(c.in, isKnown)
		if cat != c.category || diff != c.difficulty || bad != c.bad {
			t.Errorf("parseCategory(%q) = %q, %q, %q; want %q, %q, %q", c.in, cat, diff, bad, c.category, c.difficulty, c.bad)
		}
	}
}
