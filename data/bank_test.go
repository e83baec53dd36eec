package data

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestBundledBank checks the default bank that ships in the binary: it
// parses, ids are unique, related ids exist, every field renders within
// Discord's limits, and the coverage the bank promises holds. The figures
// are computed from the files, so adding or removing questions keeps the
// test honest.
func TestBundledBank(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatalf("the bundled bank does not load:\n%v", err)
	}
	ids := map[string]bool{}
	for _, q := range bank {
		if ids[q.ID] {
			t.Errorf("duplicate id %s", q.ID)
		}
		ids[q.ID] = true
	}
	count := func(get func(Question) []string) map[string]int {
		m := map[string]int{}
		for _, q := range bank {
			for _, v := range get(q) {
				m[v]++
			}
		}
		return m
	}
	companies := count(func(q Question) []string { return []string{q.Company} })
	roles := count(func(q Question) []string { return q.Roles })
	categories := count(func(q Question) []string { return []string{q.Category} })
	rounds := count(func(q Question) []string { return []string{q.Round} })
	difficulty := count(func(q Question) []string { return []string{q.Difficulty} })

	atLeast := func(what string, got, want int) {
		if got < want {
			t.Errorf("%s: %d, want at least %d", what, got, want)
		}
	}
	atLeast("questions", len(bank), 180)
	atLeast("companies", len(companies), 15)
	atLeast("TikTok questions", companies["TikTok"], 8)
	atLeast("roles", len(roles), 8)
	atLeast("categories", len(categories), 7)
	for _, r := range []string{"Phone Screen", "Technical Screen", "Onsite", "Hiring Manager"} {
		atLeast("round "+r, rounds[r], 1)
	}
	for _, r := range []string{"Software Engineer", "Machine Learning Engineer", "Data Scientist", "Data Engineer", "Product Manager", "Site Reliability Engineer", "Frontend Engineer", "Engineering Manager"} {
		atLeast("role "+r, roles[r], 1)
	}
	for d, want := range map[string]float64{"easy": 0.30, "medium": 0.50, "hard": 0.20} {
		share := float64(difficulty[d]) / float64(len(bank))
		if share < want-0.07 || share > want+0.07 {
			t.Errorf("%s is %.0f%% of the bank, want about %.0f%%", d, share*100, want*100)
		}
	}

	words := regexp.MustCompile(`\S+`)
	for _, q := range bank {
		if n := utf8.RuneCountInString(q.Title); n > 256 || n == 0 {
			t.Errorf("%s: title has %d characters", q.ID, n)
		}
		if n := len(words.FindAllString(q.Solution, -1)); n < 150 || n > 600 {
			t.Errorf("%s: solution has %d words, want 150-600", q.ID, n)
		}
		if utf8.RuneCountInString(q.Prompt)+utf8.RuneCountInString(q.Overview) > 4000 {
			t.Errorf("%s: prompt and overview do not fit one embed", q.ID)
		}
		for _, p := range strings.Split(q.Solution, "\n\n") {
			if utf8.RuneCountInString(p) > 4096 {
				t.Errorf("%s: a solution paragraph cannot fit one embed (%d characters)", q.ID, utf8.RuneCountInString(p))
			}
		}
		if len(q.Related) > 5 {
			t.Errorf("%s: %d related ids, want at most 5", q.ID, len(q.Related))
		}
		for _, r := range q.Related {
			if !ids[r] || r == q.ID {
				t.Errorf("%s: related id %q does not exist", q.ID, r)
			}
		}
		if q.Overview == "" || len(q.Roles) == 0 || q.Round == "" || len(q.Tags) == 0 || q.Added == "" {
			t.Errorf("%s: a field is empty", q.ID)
		}
	}

	var found bool
	for _, q := range bank {
		if q.Title == "Describe internship and research projects" && q.Company == "TikTok" {
			found = true
			if q.Category != "Behavioral & Leadership" || q.Round != "Technical Screen" || q.Difficulty != "medium" ||
				!contains(q.Roles, "Machine Learning Engineer") {
				t.Errorf("internship question has the wrong classification: %+v", q)
			}
			for _, w := range []string{"Situation", "Task", "Action", "Result", "Reflection", "AUCPR", "p99", "power"} {
				if !strings.Contains(q.Solution, w) {
					t.Errorf("internship answer lacks %q", w)
				}
			}
		}
	}
	if !found {
		t.Error("the TikTok MLE question \"Describe internship and research projects\" is missing")
	}

	if testing.Verbose() {
		for _, s := range []struct {
			name string
			m    map[string]int
		}{{"company", companies}, {"role", roles}, {"category", categories}, {"round", rounds}, {"difficulty", difficulty}} {
			t.Logf("%s: %s", s.name, formatCounts(s.m))
		}
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func formatCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || (m[keys[i]] == m[keys[j]] && keys[i] < keys[j]) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
