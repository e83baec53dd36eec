package store

import (
	"strings"
	"unicode"

	"github.com/prepcord/prepcord/data"
)

// Filter selects questions. Name filters take what a member typed: they
// are resolved through canonical names and aliases, so "tik tok" and
// "TikTok" select the same questions. Empty fields do not filter.
type Filter struct {
	// Scope is the server asking ("" in direct messages): it sees the
	// shared bank and its own questions.
	Scope    string
	Company  string
	Role     string
	Category string
	Round    string
	// Level is one level (intern, new grad, mid, senior, staff, or an
	// alias such as "junior"): a question matches when its level list
	// holds it. Saved filters leave it out when empty (see SaveFilter).
	Level      string `json:",omitempty"`
	Difficulty string
	// Search is free text matched against title, prompt and tags.
	Search string
}

// Get returns the filter's value for kind.
func (f Filter) Get(kind data.Kind) string {
	switch kind {
	case data.KindCompany:
		return f.Company
	case data.KindRole:
		return f.Role
	case data.KindCategory:
		return f.Category
	case data.KindRound:
		return f.Round
	case data.KindLevel:
		return f.Level
	}
	return ""
}

// With returns a copy of f with kind set to v.
func (f Filter) With(kind data.Kind, v string) Filter {
	switch kind {
	case data.KindCompany:
		f.Company = v
	case data.KindRole:
		f.Role = v
	case data.KindCategory:
		f.Category = v
	case data.KindRound:
		f.Round = v
	case data.KindLevel:
		f.Level = v
	}
	return f
}

// where builds the SQL condition and arguments for f over table alias q,
// in d's terms for full-text search.
func (f Filter) where(d *dialect) (string, []any) {
	conds := []string{"q.retired = 0", "q.scope IN ('', ?)"}
	args := []any{f.Scope}
	name := func(kind data.Kind, v, match string) {
		if v == "" {
			return
		}
		keys := data.FilterKeys(kind, v)
		conds = append(conds, strings.Replace(match, "?", "?"+strings.Repeat(", ?", len(keys)-1), 1))
		for _, k := range keys {
			args = append(args, k)
		}
	}
	name(data.KindCompany, f.Company, "q.company_key IN (?)")
	name(data.KindCategory, f.Category, "q.category_key IN (?)")
	name(data.KindRound, f.Round, "q.round_key IN (?)")
	if f.Difficulty != "" {
		conds = append(conds, "q.difficulty = ?")
		args = append(args, strings.ToLower(strings.TrimSpace(f.Difficulty)))
	}
	name(data.KindRole, f.Role, "q.seq IN (SELECT seq FROM question_roles WHERE role_key IN (?))")
	if f.Level != "" {
		// Levels are stored canonical, joined by ';' ("new grad;mid").
		conds = append(conds, "';' || q.level || ';' LIKE '%;' || ? || ';%'")
		args = append(args, data.Canonical(data.KindLevel, strings.ToLower(f.Level)))
	}
	if f.Search != "" {
		// A search with no usable word matches nothing rather than everything.
		conds = append(conds, "q.seq IN (SELECT docid FROM questions_fts WHERE "+d.ftsMatch+")")
		args = append(args, d.ftsQuery(f.Search))
	}
	return strings.Join(conds, " AND "), args
}

// Search texts are read as words: letters and digits, lower-cased, each
// cut to maxSearchWordLen runes; the words and, or, not and near are left
// out (they are query syntax), and only the first maxSearchWords count.
const (
	maxSearchWords   = 8
	maxSearchWordLen = 40
)

// searchWords returns the words of a search text that a search looks for.
func searchWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		w = strings.ToLower(w)
		if r := []rune(w); len(r) > maxSearchWordLen {
			w = string(r[:maxSearchWordLen])
		}
		if w == "and" || w == "or" || w == "not" || w == "near" {
			continue
		}
		out = append(out, w)
		if len(out) == maxSearchWords {
			break
		}
	}
	return out
}

// SearchText reduces a search text to the words a search looks for, joined
// by spaces: "Design a RATE-limiter, and more" and "design a rate limiter
// more" search alike and reduce alike. A text with no such word is kept as
// it is (it matches nothing, and reducing it to "" would match everything).
func SearchText(text string) string {
	if w := searchWords(text); len(w) > 0 {
		return strings.Join(w, " ")
	}
	return text
}

// Searchable reports whether a search text has a word a search looks for.
func Searchable(text string) bool { return len(searchWords(text)) > 0 }

// noMatchWord is searched for when a search text has no usable word, so
// that such a search matches nothing rather than everything.
const noMatchWord = "zzzznomatchzzzz"

// pickCols are the question columns qualified by the alias q.
var pickCols = prefixCols("q.")

func prefixCols(p string) string {
	cols := strings.Split(questionCols, ",")
	for i, c := range cols {
		cols[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}
