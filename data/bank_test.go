package data

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
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
	levels := count(func(q Question) []string { return q.Level })

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
		if n := len(q.Related); n < 1 || n > 4 {
			t.Errorf("%s: %d related ids, want 1-4", q.ID, n)
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
		}{{"company", companies}, {"role", roles}, {"category", categories}, {"round", rounds}, {"difficulty", difficulty}, {"level", levels}} {
			t.Logf("%s: %s", s.name, formatCounts(s.m))
		}
	}
}

// TestBankRules checks the rules of the bank's second edition that hold
// question by question: levels, rounds, categories, roles, behavioural
// rounds at Google and Meta, SQL in SQL & Data.
func TestBankRules(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatalf("the bundled bank does not load:\n%v", err)
	}
	rounds, categories, roles := known(KindRound), known(KindCategory), known(KindRole)
	for _, q := range bank {
		if n := len(q.Level); n < 1 || n > 3 {
			t.Errorf("%s: %d levels, want 1-3 of %s", q.ID, n, strings.Join(Levels, ", "))
		}
		if !rounds[q.Round] {
			t.Errorf("%s: round %q is not one of %s", q.ID, q.Round, strings.Join(sortedKeys(rounds), ", "))
		}
		if q.Round == "Bar Raiser" && q.Company != "Amazon" {
			t.Errorf("%s: the Bar Raiser round is Amazon's", q.ID)
		}
		if !categories[q.Category] {
			t.Errorf("%s: category %q is not one of %s", q.ID, q.Category, strings.Join(sortedKeys(categories), ", "))
		}
		for _, r := range q.Roles {
			if !roles[r] {
				t.Errorf("%s: role %q is not one of %s", q.ID, r, strings.Join(sortedKeys(roles), ", "))
			}
		}
		if q.Category == "Behavioral & Leadership" && (q.Company == "Google" || q.Company == "Meta") && q.Round == "Hiring Manager" {
			t.Errorf("%s: behavioural interviews at %s are part of the Onsite, not a Hiring Manager round", q.ID, q.Company)
		}
		if q.Category == "SQL & Data" && !strings.Contains(q.Solution, "```sql") && !strings.Contains(strings.ToLower(q.Solution), "pandas") {
			t.Errorf("%s: SQL & Data, but the solution has neither SQL nor pandas", q.ID)
		}
		if q.Source == "" {
			t.Errorf("%s: source is empty", q.ID)
		}
	}
}

// TestBankNoNearDuplicates fails on any two questions whose titles and
// prompts are too close (Similarity at least SimilarityThreshold), and
// logs the distribution of similarity over every pair of the bank.
func TestBankNoNearDuplicates(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	all := FindSimilar(bank, nil, 0)
	if len(all) == 0 {
		t.Fatal("no pairs")
	}
	at := func(p float64) float64 { return all[min(len(all)-1, int(float64(len(all))*(1-p)))].Score }
	t.Logf("similarity over %d pairs: median %.3f, p90 %.3f, p99 %.3f, p99.9 %.3f, max %.3f; threshold %.2f",
		len(all), at(0.5), at(0.9), at(0.99), at(0.999), all[0].Score, SimilarityThreshold)
	for _, p := range all[:min(10, len(all))] {
		t.Logf("  %.3f %s ~ %s", p.Score, p.ID, p.OtherID)
	}
	for _, p := range FindSimilar(bank, nil, SimilarityThreshold) {
		t.Errorf("question %s is very close to %s (%.2f): make one of them about something else", p.ID, p.OtherID, p.Score)
	}
}

// copyRun is the length of the word run that may not repeat between two
// questions: a longer shared run means text was copied.
const copyRun = 12

// TestBankNoCopiedRuns fails when a run of copyRun words (letters only:
// numbers, symbols and case are ignored) appears in the prompts or
// solutions of two different questions: copy-paste between questions. The
// bank's text was written for prepcord; no test can compare it with the
// internet.
func TestBankNoCopiedRuns(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`\pL[\pL'_]*`)
	first := map[string]string{}
	reported := map[string]bool{}
	for _, q := range bank {
		ws := word.FindAllString(strings.ToLower(q.Prompt+"\n"+q.Solution), -1)
		for i := 0; i+copyRun <= len(ws); i++ {
			run := strings.Join(ws[i:i+copyRun], " ")
			other, ok := first[run]
			if !ok {
				first[run] = q.ID
				continue
			}
			if other != q.ID && !reported[other+" "+q.ID] {
				reported[other+" "+q.ID] = true
				t.Errorf("%s and %s share a run of %d words: %q", other, q.ID, copyRun, run)
			}
		}
	}
}

// TestBankCoverage computes issue 15's size and coverage figures from the
// files and fails on any below its target; run it with -v to see them.
func TestBankCoverage(t *testing.T) {
	bank, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got, want int) {
		t.Helper()
		if got < want {
			t.Errorf("%s: %d, want at least %d", what, got, want)
		} else {
			t.Logf("met: %s: %d (at least %d)", what, got, want)
		}
	}
	companies := map[string]bool{}
	cells := map[[2]string]int{}
	hard, total := map[string]int{}, map[string]int{}
	rounds, roles := map[string]int{}, map[string]int{}
	for _, q := range bank {
		companies[q.Company] = true
		bands := map[string]bool{}
		for _, l := range q.Level {
			bands[LevelBand(l)] = true
		}
		for b := range bands {
			cells[[2]string{q.Category, b}]++
		}
		total[q.Category]++
		if q.Difficulty == "hard" {
			hard[q.Category]++
		}
		rounds[q.Round]++
		for _, r := range q.Roles {
			roles[r]++
		}
	}
	check("questions", len(bank), 320)
	check("companies", len(companies), 25)
	for _, c := range sortedKeys(known(KindCategory)) {
		for _, b := range []string{"early", "mid", "senior"} {
			check(fmt.Sprintf("%s questions at level band %s", c, b), cells[[2]string{c, b}], 5)
		}
	}
	for _, c := range []string{"Coding & Algorithms", "SQL & Data"} {
		// At least 20% hard: 5 × hard >= total.
		if total[c] == 0 || 5*hard[c] < total[c] {
			t.Errorf("%s: %d of %d hard (%.0f%%), want at least 20%%", c, hard[c], total[c], 100*float64(hard[c])/float64(max(1, total[c])))
		} else {
			t.Logf("met: %s: %d of %d hard (%.0f%%)", c, hard[c], total[c], 100*float64(hard[c])/float64(total[c]))
		}
	}
	for _, r := range []string{"Online Assessment", "Take-home", "Low-level Design", "Bar Raiser", "Debugging", "Team Matching"} {
		check("round "+r, rounds[r], 3)
	}
	check("role Mobile Engineer", roles["Mobile Engineer"], 5)
	// Question types issue 15 asks for, found in titles, prompts and tags.
	has := func(q Question, words ...string) bool {
		quoted := make([]string, len(words))
		for i, w := range words {
			quoted[i] = regexp.QuoteMeta(w)
		}
		re := regexp.MustCompile(`(?i)\b(` + strings.Join(quoted, "|") + `)\b`)
		return re.MatchString(q.Title + "\n" + q.Prompt + "\n" + strings.Join(q.Tags, " "))
	}
	count := func(keep func(Question) bool) int {
		n := 0
		for _, q := range bank {
			if keep(q) {
				n++
			}
		}
		return n
	}
	for _, topic := range [][]string{{"attention"}, {"k-means", "kmeans"}, {"auc"}, {"beam search"}} {
		check("ML coding from scratch: "+topic[0], count(func(q Question) bool {
			return (q.Category == "Coding & Algorithms" || q.Category == "Machine Learning") && strings.Contains(q.Solution, "```python") && has(q, topic...)
		}), 1)
	}
	check("frontend questions in JavaScript/React", count(func(q Question) bool {
		return contains(q.Roles, "Frontend Engineer") && has(q, "javascript", "react", "typescript")
	}), 5)
	check("data-science probability questions", count(func(q Question) bool {
		return q.Category == "Statistics & Experimentation" && has(q, "probability")
	}), 5)
	check("pandas questions", count(func(q Question) bool { return strings.Contains(q.Solution, "pandas") }), 5)
	for _, basic := range [][]string{{"tell me about yourself"}, {"why this company", "why do you want", "why us"}, {"resume", "résumé"}, {"proud"}} {
		check("new-grad basics: "+basic[0], count(func(q Question) bool {
			return q.Category == "Behavioral & Leadership" && (contains(q.Level, "new grad") || contains(q.Level, "intern")) && has(q, basic...)
		}), 1)
	}
	check("staff-level System Design", count(func(q Question) bool { return q.Category == "System Design" && contains(q.Level, "staff") }), 5)
	check("System Design for Engineering Managers", count(func(q Question) bool {
		return q.Category == "System Design" && contains(q.Roles, "Engineering Manager")
	}), 3)
	genAI := map[string]bool{}
	for _, q := range bank {
		if q.Company != "OpenAI" && q.Company != "NVIDIA" && q.Company != "Databricks" && has(q, "rag", "retrieval-augmented", "llm", "llms") {
			genAI[q.Company] = true
		}
	}
	check("companies other than OpenAI, NVIDIA and Databricks with GenAI (RAG, LLM) questions", len(genAI), 3)
}

func known(kind Kind) map[string]bool {
	m := map[string]bool{}
	for _, v := range Known(kind) {
		m[v] = true
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

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
