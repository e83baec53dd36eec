// Package data holds prepcord's question model, the bank file format
// (YAML, JSON and CSV, all with the same field names), its parser and
// validator, and the default bank embedded in the binary.
//
// Nothing here knows about Discord or SQL: the store and the command line
// reuse the same parser and validator, so an admin's import and the bundled
// bank are held to the same rules.
package data

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Question is one interview question with its model answer.
//
// The field names are the same in every format (YAML, JSON, CSV): they are
// part of prepcord's stable contract.
type Question struct {
	ID         string   `json:"id" yaml:"id"`
	Title      string   `json:"title" yaml:"title"`
	Company    string   `json:"company" yaml:"company"`
	Roles      []string `json:"roles" yaml:"roles"`
	Category   string   `json:"category" yaml:"category"`
	Difficulty string   `json:"difficulty" yaml:"difficulty"`
	Level      []string `json:"level" yaml:"level"`
	Round      string   `json:"round" yaml:"round"`
	Tags       []string `json:"tags" yaml:"tags"`
	Prompt     string   `json:"prompt" yaml:"prompt"`
	Overview   string   `json:"overview" yaml:"overview"`
	Solution   string   `json:"solution" yaml:"solution"`
	Related    []string `json:"related" yaml:"related"`
	Source     string   `json:"source" yaml:"source"`
	Added      string   `json:"added" yaml:"added"`
}

// Fields lists the question fields in their canonical order, as they appear
// in exported files and CSV headers.
var Fields = []string{"id", "title", "company", "roles", "category", "difficulty", "level", "round", "tags", "prompt", "overview", "solution", "related", "source", "added"}

// Difficulties are the allowed difficulty values, easiest first.
var Difficulties = []string{"easy", "medium", "hard"}

// Levels are the allowed values of the level list, most junior first. A
// question names the levels it is asked at; the list is optional in
// imports.
var Levels = []string{"intern", "new grad", "mid", "senior", "staff"}

// LevelBand returns the coverage band of a level: "early" for intern and
// new grad, "mid" for mid, "senior" for senior and staff, "" for anything
// else.
func LevelBand(level string) string {
	switch level {
	case "intern", "new grad":
		return "early"
	case "mid":
		return "mid"
	case "senior", "staff":
		return "senior"
	}
	return ""
}

// Limits on field sizes. They keep every question renderable within
// Discord's embed limits (title 256, description 4096) and keep hostile
// files small.
const (
	MaxIDLen       = 64
	MaxTitleLen    = 200 // thread names add a date, and Discord allows 256 in embed titles
	MaxNameLen     = 80  // company, role, category, round, tag
	MaxPromptLen   = 3000
	MaxOverviewLen = 600
	MaxSolutionLen = 24000 // rendered across several embeds
	MaxListLen     = 20    // roles, tags, related
	MaxSourceLen   = 300
)

// Hash returns a digest of every field of q, used to tell whether a bundled
// question changed since it was last synced.
func (q *Question) Hash() string {
	h := sha256.New()
	for i, v := range q.values() {
		// A question without levels hashes as it did before levels
		// existed, so re-importing an older file still reads "unchanged".
		if i == levelField && v == "" {
			continue
		}
		h.Write([]byte(v))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// levelField is the index of "level" in Fields and values.
const levelField = 6

// values returns the fields as strings in Fields order, lists joined by ";".
func (q *Question) values() []string {
	return []string{q.ID, q.Title, q.Company, JoinList(q.Roles), q.Category, q.Difficulty, JoinList(q.Level), q.Round,
		JoinList(q.Tags), q.Prompt, q.Overview, q.Solution, JoinList(q.Related), q.Source, q.Added}
}

// JoinList joins a list field the way CSV and the database hold it.
func JoinList(items []string) string { return strings.Join(items, ";") }

// SplitList splits a list field written as "a; b; c" (or with commas),
// trimming blanks and dropping empty items.
func SplitList(s string) []string {
	sep := ";"
	if !strings.Contains(s, ";") && strings.Contains(s, ",") {
		sep = ","
	}
	var out []string
	for _, p := range strings.Split(s, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Slug turns text into a lower-case ascii id fragment: letters and digits
// separated by single hyphens.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// DeriveID returns the stable id of a question imported without one: the
// slugs of its company and title, with a short digest when they would be
// too long or empty, so the same company and title always give the same id.
func DeriveID(company, title string) string {
	id := Slug(company) + "-" + Slug(title)
	if len(id) <= MaxIDLen && Slug(company) != "" && Slug(title) != "" {
		return id
	}
	sum := sha256.Sum256([]byte(company + "\x00" + title))
	suffix := hex.EncodeToString(sum[:4])
	if len(id) > MaxIDLen-9 {
		id = strings.TrimRight(id[:MaxIDLen-9], "-")
	}
	if id = strings.Trim(id, "-"); id == "" {
		id = "q"
	}
	return id + "-" + suffix
}

// validID reports whether id uses only lower-case ascii letters, digits,
// '-', '_' and '.', starts with a letter or digit and fits MaxIDLen.
func validID(id string) bool {
	if id == "" || len(id) > MaxIDLen {
		return false
	}
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case i > 0 && (r == '-' || r == '_' || r == '.'):
		default:
			return false
		}
	}
	return true
}
