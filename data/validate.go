package data

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lithammer/fuzzysearch/fuzzy"
)

// ValidateOptions tune Validate.
type ValidateOptions struct {
	// Today fills "added" when it is missing.
	Today time.Time
	// KnownIDs are ids that exist outside the entries (the rest of the
	// bank), so that related ids may point at them.
	KnownIDs func(id string) bool
}

// Validate checks and normalises entries in place: required fields,
// allowed difficulty, sizes, id syntax and uniqueness, related ids. Names
// are put in canonical form ("tik tok" becomes "TikTok") and a missing id
// is derived from company and title. It returns every problem found.
func Validate(entries []*Entry, opts ValidateOptions) error {
	var probs Problems
	byID := map[string]*Entry{}
	for _, e := range entries {
		q := &e.Question
		add := func(field, format string, args ...any) {
			probs = append(probs, Problem{File: e.File, Line: e.FieldLine(field), ID: q.ID, Msg: fmt.Sprintf(format, args...)})
		}
		// Normalising could fold invalid bytes away (an alias lookup ignores
		// them), and a second validation would then pass: leave such an
		// entry as it is, so validating it again says the same.
		if checkUTF8(q, add) {
			normalize(q)
		}
		checkRequired(q, add)
		if q.ID == "" && q.Company != "" && q.Title != "" {
			q.ID = DeriveID(q.Company, q.Title)
		}
		checkValues(q, add)
		checkLengths(q, add)
		checkLists(q, add)
		checkAdded(q, opts.Today, add)
		if q.ID != "" {
			if prev, dup := byID[q.ID]; dup {
				add("id", "duplicate id %q (first at %s:%d)", q.ID, prev.File, prev.Line)
			} else {
				byID[q.ID] = e
			}
		}
	}
	probs = append(probs, relatedProblems(entries, byID, opts.KnownIDs)...)
	if len(probs) > 0 {
		return probs.sorted()
	}
	return nil
}

// addProblem records a problem with a field of the entry being validated.
type addProblem func(field, format string, args ...any)

// checkUTF8 reports whether every field of q is valid UTF-8, and a problem
// for each that is not.
func checkUTF8(q *Question, add addProblem) bool {
	valid := true
	for _, f := range []struct{ name, v string }{{"id", q.ID}, {"title", q.Title}, {"company", q.Company},
		{"category", q.Category}, {"difficulty", q.Difficulty}, {"round", q.Round}, {"prompt", q.Prompt},
		{"overview", q.Overview}, {"solution", q.Solution}, {"source", q.Source}, {"added", q.Added},
		{"roles", JoinList(q.Roles)}, {"tags", JoinList(q.Tags)}, {"related", JoinList(q.Related)}, {"level", JoinList(q.Level)}} {
		if !utf8.ValidString(f.v) {
			add(f.name, "%s is not valid UTF-8 text; save the file as UTF-8", f.name)
			valid = false
		}
	}
	return valid
}

// checkRequired reports the required fields q lacks.
func checkRequired(q *Question, add addProblem) {
	for _, f := range []struct{ name, v string }{{"title", q.Title}, {"company", q.Company}, {"category", q.Category}, {"difficulty", q.Difficulty}, {"prompt", q.Prompt}} {
		if f.v == "" {
			add(f.name, "missing required field %q", f.name)
		}
	}
}

// checkValues reports an id, a difficulty or levels outside what is
// allowed, with the likely value meant.
func checkValues(q *Question, add addProblem) {
	if q.ID != "" && !validID(q.ID) {
		add("id", "id %q must be 1-%d characters of a-z, 0-9, '-', '_' or '.'", q.ID, MaxIDLen)
	}
	if q.Difficulty != "" && !validDifficulty(q.Difficulty) {
		add("difficulty", "unknown difficulty %q: %suse easy, medium or hard", q.Difficulty, didYouMean(q.Difficulty, Difficulties))
	}
	for _, l := range q.Level {
		if !validLevel(l) {
			add("level", "unknown level %q: %suse %s", l, didYouMean(l, Levels), strings.Join(Levels, ", "))
		}
	}
}

// checkLen reports a field value longer than limit characters.
func checkLen(add addProblem, field, v string, limit int) {
	if n := len([]rune(v)); n > limit {
		add(field, "%s is %d characters; the limit is %d", field, n, limit)
	}
}

// checkLengths reports the text fields of q over their limits.
func checkLengths(q *Question, add addProblem) {
	checkLen(add, "title", q.Title, MaxTitleLen)
	checkLen(add, "company", q.Company, MaxNameLen)
	checkLen(add, "category", q.Category, MaxNameLen)
	checkLen(add, "round", q.Round, MaxNameLen)
	checkLen(add, "prompt", q.Prompt, MaxPromptLen)
	checkLen(add, "overview", q.Overview, MaxOverviewLen)
	checkLen(add, "solution", q.Solution, MaxSolutionLen)
	checkLen(add, "source", q.Source, MaxSourceLen)
}

// checkLists reports lists of q with too many items, items too long, and
// items holding CSV's separator.
func checkLists(q *Question, add addProblem) {
	for _, l := range []struct {
		field string
		items []string
	}{{"roles", q.Roles}, {"tags", q.Tags}, {"related", q.Related}, {"level", q.Level}} {
		if len(l.items) > MaxListLen {
			add(l.field, "%s has %d items; the limit is %d", l.field, len(l.items), MaxListLen)
		}
		for _, it := range l.items {
			checkLen(add, l.field, it, MaxNameLen)
			if strings.Contains(it, ";") {
				add(l.field, "%s item %q may not contain ';', which separates items in CSV", l.field, it)
			}
		}
	}
}

// checkAdded fills a missing added date with today (now when zero), and
// reports one that is not a date.
func checkAdded(q *Question, today time.Time, add addProblem) {
	if q.Added == "" {
		if today.IsZero() {
			today = time.Now()
		}
		q.Added = today.UTC().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, q.Added); err != nil {
		add("added", "added %q must be a date like 2026-11-29", q.Added)
	}
}

// relatedProblems reports the related ids of entries that are neither
// among byID (the entries by id) nor known.
func relatedProblems(entries []*Entry, byID map[string]*Entry, known func(id string) bool) Problems {
	var probs Problems
	for _, e := range entries {
		for _, r := range e.Related {
			if _, ok := byID[r]; ok {
				continue
			}
			if known != nil && known(r) {
				continue
			}
			probs = append(probs, Problem{File: e.File, Line: e.FieldLine("related"), ID: e.ID, Msg: fmt.Sprintf("related id %q does not exist", r)})
		}
	}
	return probs
}

func validDifficulty(d string) bool { return slices.Contains(Difficulties, d) }

func validLevel(l string) bool { return slices.Contains(Levels, l) }

// didYouMean returns "did you mean "x"? " when one of options (or, for
// levels, an alias) is a likely typo of v, else "".
func didYouMean(v string, options []string) string {
	k := Key(v)
	best, bestDist := "", 0
	for _, o := range options {
		d := fuzzy.LevenshteinDistance(k, Key(o))
		if best == "" || d < bestDist {
			best, bestDist = o, d
		}
	}
	if best == "" || k == "" || bestDist > max(1, len(Key(best))/3) {
		return ""
	}
	return fmt.Sprintf("did you mean %q? ", best)
}

// normalize trims single-line fields, canonicalises names and line endings.
// It is idempotent, so export followed by import changes nothing.
func normalize(q *Question) {
	one := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	multi := func(s string) string {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		return strings.TrimSpace(s)
	}
	q.ID = strings.TrimSpace(q.ID)
	q.Title = one(q.Title)
	q.Company = Canonical(KindCompany, q.Company)
	q.Category = Canonical(KindCategory, q.Category)
	q.Round = Canonical(KindRound, q.Round)
	q.Difficulty = strings.ToLower(one(q.Difficulty))
	q.Source = one(q.Source)
	q.Added = one(q.Added)
	q.Prompt = multi(q.Prompt)
	q.Overview = multi(q.Overview)
	q.Solution = multi(q.Solution)
	q.Roles = cleanList(q.Roles, func(s string) string { return Canonical(KindRole, s) })
	q.Tags = cleanList(q.Tags, func(s string) string { return strings.ToLower(one(s)) })
	q.Related = cleanList(q.Related, strings.TrimSpace)
	q.Level = cleanList(q.Level, func(s string) string { return Canonical(KindLevel, strings.ToLower(s)) })
	// Known levels in their canonical order (intern first), unknown ones
	// after them as written, so that validation can name them.
	slices.SortStableFunc(q.Level, func(a, b string) int { return levelRank(a) - levelRank(b) })
}

// levelRank is a level's position in Levels, or len(Levels) if unknown.
func levelRank(l string) int {
	if i := slices.Index(Levels, l); i >= 0 {
		return i
	}
	return len(Levels)
}

// cleanList maps each item, drops empty ones and duplicates, keeps order
// and never returns nil (so exports write [] rather than null).
func cleanList(items []string, f func(string) string) []string {
	out := make([]string, 0, len(items))
	seen := map[string]bool{}
	for _, it := range items {
		it = f(it)
		if it == "" || seen[it] {
			continue
		}
		seen[it] = true
		out = append(out, it)
	}
	return out
}
