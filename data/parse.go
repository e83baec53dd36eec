package data

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Format is a bank file format.
type Format string

// The formats prepcord reads and writes.
const (
	YAML Format = "yaml"
	JSON Format = "json"
	CSV  Format = "csv"
)

// MaxFileBytes is the largest bank file prepcord reads. A bank of several
// thousand questions fits comfortably; anything larger is refused before
// it is parsed.
const MaxFileBytes = 8 << 20

// maxNesting bounds how deeply brackets may nest in a YAML or JSON file; a
// question needs two levels, so anything deep is hostile or broken.
const maxNesting = 32

// ParseFormat returns the format named by s ("yaml", "yml", "json", "csv").
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "yaml", "yml":
		return YAML, nil
	case "json":
		return JSON, nil
	case "csv":
		return CSV, nil
	}
	return "", fmt.Errorf("unknown format %q: use yaml, json or csv", s)
}

// DetectFormat picks the format from a file name's extension, falling back
// to the first meaningful byte of its content.
func DetectFormat(name string, content []byte) (Format, error) {
	if f, err := ParseFormat(filepath.Ext(name)); err == nil {
		return f, nil
	}
	trimmed := bytes.TrimLeft(content, " \t\r\n\ufeff")
	switch {
	case len(trimmed) == 0:
		return "", fmt.Errorf("%s: the file is empty", name)
	case trimmed[0] == '[' || trimmed[0] == '{':
		return JSON, nil
	case bytes.HasPrefix(trimmed, []byte("- ")) || bytes.HasPrefix(trimmed, []byte("#")) || bytes.HasPrefix(trimmed, []byte("---")):
		return YAML, nil
	}
	return "", fmt.Errorf("%s: cannot tell the format; name the file .yaml, .json or .csv", name)
}

// Problem is one thing wrong with a bank file, located by file and line.
type Problem struct {
	File string
	Line int    // 1-based; 0 when the problem concerns the whole file
	ID   string // the question's id, when known
	Msg  string
}

// String formats the problem as "file:line: id: message".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.ID != "" {
		fmt.Fprintf(&b, "question %q: ", p.ID)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is the error a parse or validation returns: every problem found,
// in file and line order.
type Problems []Problem

// Error lists every problem, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}

// Entry is a parsed question with where it was found.
type Entry struct {
	Question
	File string
	Line int
	// lines holds the line of each field that was present, for messages.
	lines map[string]int
}

// FieldLine returns the line of field, or the question's line if the field
// was absent.
func (e *Entry) FieldLine(field string) int {
	if l, ok := e.lines[field]; ok {
		return l
	}
	return e.Line
}

// Parse reads a bank file in format f. It returns every question it could
// read and, as Problems, everything wrong with the file's syntax and shape.
// It does not validate field values: see Validate.
func Parse(name string, content []byte, f Format) ([]*Entry, error) {
	if len(content) > MaxFileBytes {
		return nil, Problems{{File: name, Msg: fmt.Sprintf("the file is %d bytes; the limit is %d (%d MiB)", len(content), MaxFileBytes, MaxFileBytes>>20)}}
	}
	content = bytes.TrimPrefix(content, []byte("\ufeff"))
	switch f {
	case YAML:
		return parseYAML(name, content)
	case JSON:
		return parseJSON(name, content)
	case CSV:
		return parseCSV(name, content)
	}
	return nil, Problems{{File: name, Msg: fmt.Sprintf("unknown format %q", f)}}
}

// nestingTooDeep reports whether brackets outside quoted strings nest more
// than maxNesting deep, the line where they do, and refuses such files
// before a recursive parser sees them.
func nestingTooDeep(content []byte) (int, bool) {
	depth, line := 0, 1
	var quote byte
	for i := 0; i < len(content); i++ {
		c := content[i]
		switch {
		case c == '\n':
			line++
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			// A quote inside a plain word (it's, don't) does not open a string.
			if i == 0 || strings.IndexByte(" \t\n[{,:", content[i-1]) >= 0 {
				quote = c
			}
		case c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				return line, true
			}
		case c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, false
}

func isListField(field string) bool {
	return field == "roles" || field == "tags" || field == "related" || field == "level"
}

func setList(q *Question, field string, items []string) error {
	switch field {
	case "roles":
		q.Roles = items
	case "tags":
		q.Tags = items
	case "related":
		q.Related = items
	case "level":
		q.Level = items
	default:
		return fmt.Errorf("unknown field %q (fields: %s)", field, strings.Join(Fields, ", "))
	}
	return nil
}

func setText(q *Question, field, v string) error {
	switch field {
	case "id":
		q.ID = v
	case "title":
		q.Title = v
	case "company":
		q.Company = v
	case "category":
		q.Category = v
	case "difficulty":
		q.Difficulty = v
	case "round":
		q.Round = v
	case "prompt":
		q.Prompt = v
	case "overview":
		q.Overview = v
	case "solution":
		q.Solution = v
	case "source":
		q.Source = v
	case "added":
		q.Added = v
	case "roles", "tags", "related", "level":
		return setList(q, field, SplitList(v))
	default:
		return fmt.Errorf("unknown field %q (fields: %s)", field, strings.Join(Fields, ", "))
	}
	return nil
}

func isKnownField(f string) bool {
	for _, k := range Fields {
		if k == f {
			return true
		}
	}
	return false
}

// Questions returns the questions of entries.
func Questions(entries []*Entry) []Question {
	out := make([]Question, len(entries))
	for i, e := range entries {
		out[i] = e.Question
	}
	return out
}
