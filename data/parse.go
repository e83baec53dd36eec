package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lithammer/fuzzysearch/fuzzy"
	"go.yaml.in/yaml/v3"
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

func parseYAML(name string, content []byte) ([]*Entry, error) {
	if line, deep := nestingTooDeep(content); deep {
		return nil, Problems{{File: name, Line: line, Msg: fmt.Sprintf("brackets nest more than %d deep; a bank file needs two levels", maxNesting)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(content, &doc); err != nil {
		return nil, Problems{yamlProblem(name, err)}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, Problems{{File: name, Msg: "the file holds no questions"}}
	}
	root := doc.Content[0]
	// Also accept a mapping with a "questions" key holding the sequence.
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "questions" {
				root = root.Content[i+1]
				break
			}
		}
	}
	if root.Kind != yaml.SequenceNode {
		return nil, Problems{{File: name, Line: root.Line, Msg: "expected a list of questions (each item starting with \"- id:\")"}}
	}
	var entries []*Entry
	var probs Problems
	for i, item := range root.Content {
		e := &Entry{File: name, Line: item.Line, lines: map[string]int{}}
		if item.Kind == yaml.AliasNode || item.Anchor != "" {
			probs = append(probs, Problem{File: name, Line: item.Line, Msg: "anchors and aliases are not supported in bank files"})
			continue
		}
		if item.Kind != yaml.MappingNode {
			probs = append(probs, Problem{File: name, Line: item.Line, Msg: fmt.Sprintf("item %d is not a question mapping", i+1)})
			continue
		}
		bad := false
		for k := 0; k+1 < len(item.Content); k += 2 {
			key, val := item.Content[k], item.Content[k+1]
			if _, dup := e.lines[key.Value]; dup {
				probs = append(probs, Problem{File: name, Line: key.Line, Msg: fmt.Sprintf("field %q appears twice", key.Value)})
				bad = true
				continue
			}
			e.lines[key.Value] = key.Line
			if err := setYAMLField(&e.Question, key.Value, val); err != nil {
				probs = append(probs, Problem{File: name, Line: val.Line, Msg: err.Error()})
				bad = true
			}
		}
		if !bad {
			entries = append(entries, e)
		}
	}
	if len(probs) > 0 {
		return entries, probs
	}
	return entries, nil
}

// yamlProblem turns a yaml.v3 error ("yaml: line 7: ...") into a Problem.
func yamlProblem(name string, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	return Problem{File: name, Line: line, Msg: "not valid YAML: " + msg}
}

func setYAMLField(q *Question, field string, val *yaml.Node) error {
	if val.Kind == yaml.AliasNode || val.Anchor != "" {
		return errors.New("anchors and aliases are not supported in bank files")
	}
	if isListField(field) {
		var items []string
		switch val.Kind {
		case yaml.SequenceNode:
			for _, it := range val.Content {
				if it.Kind != yaml.ScalarNode {
					return fmt.Errorf("field %q: items must be plain text", field)
				}
				items = append(items, strings.TrimSpace(it.Value))
			}
		case yaml.ScalarNode:
			if val.Tag != "!!null" {
				items = SplitList(val.Value)
			}
		default:
			return fmt.Errorf("field %q must be a list", field)
		}
		return setList(q, field, items)
	}
	if val.Kind != yaml.ScalarNode {
		return fmt.Errorf("field %q must be text, not a %s", field, nodeKind(val))
	}
	v := val.Value
	if val.Tag == "!!null" {
		v = ""
	}
	return setText(q, field, v)
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
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

func parseJSON(name string, content []byte) ([]*Entry, error) {
	if line, deep := nestingTooDeep(content); deep {
		return nil, Problems{{File: name, Line: line, Msg: fmt.Sprintf("brackets nest more than %d deep; a bank file needs two levels", maxNesting)}}
	}
	lineAt := func(off int) int { return 1 + bytes.Count(content[:max(0, min(off, len(content)))], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(content))
	tok, err := dec.Token()
	if err != nil {
		return nil, Problems{jsonSyntaxProblem(name, content, "", err)}
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, Problems{{File: name, Line: 1, Msg: "expected a JSON array of question objects"}}
	}
	var entries []*Entry
	var probs Problems
	for i := 1; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return entries, append(probs, jsonSyntaxProblem(name, content, fmt.Sprintf("item %d: ", i), err))
		}
		// The item ends where the decoder stopped; raw is exactly its bytes.
		start := int(dec.InputOffset()) - len(raw)
		line := lineAt(start)
		if len(raw) == 0 || raw[0] != '{' {
			probs = append(probs, Problem{File: name, Line: line, Msg: fmt.Sprintf("item %d is not a question object", i)})
			continue
		}
		e := &Entry{File: name, Line: line, lines: map[string]int{}}
		fields, err := jsonFields(raw)
		if err != nil {
			return entries, append(probs, jsonSyntaxProblem(name, content, fmt.Sprintf("item %d: ", i), err))
		}
		bad := false
		for _, f := range fields {
			fl := lineAt(start + f.offset)
			if _, dup := e.lines[f.name]; dup {
				probs = append(probs, Problem{File: name, Line: fl, Msg: fmt.Sprintf("field %q appears twice", f.name)})
				bad = true
				continue
			}
			e.lines[f.name] = fl
			if err := setJSONField(&e.Question, f.name, f.value); err != nil {
				probs = append(probs, Problem{File: name, Line: fl, Msg: err.Error()})
				bad = true
			}
		}
		if !bad {
			entries = append(entries, e)
		}
	}
	if _, err := dec.Token(); err != nil {
		probs = append(probs, jsonSyntaxProblem(name, content, "", err))
	}
	if len(probs) > 0 {
		return entries, probs
	}
	return entries, nil
}

// jsonField is one field of a JSON question object, in file order, with
// the offset of its name inside the object.
type jsonField struct {
	name   string
	offset int
	value  json.RawMessage
}

// jsonFields lists the fields of one JSON object in the order written,
// duplicates included, so problems can name the line of each.
func jsonFields(obj []byte) ([]jsonField, error) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, err
	}
	var fields []jsonField
	for dec.More() {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		// The offset before the key points at the separating comma or
		// blanks; the key's own line is where its quote is.
		off += len(obj[off:]) - len(bytes.TrimLeft(obj[off:], ", \t\r\n"))
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		fields = append(fields, jsonField{name: key, offset: off, value: v})
	}
	return fields, nil
}

// jsonSyntaxProblem locates a JSON syntax error at the line where it is,
// not where the item holding it starts. The streaming decoder's offsets are
// relative to the value it was reading, so the whole file is checked again
// to get the error's position in it. A comma before a closing bracket is
// blamed on the comma's line.
func jsonSyntaxProblem(name string, content []byte, prefix string, err error) Problem {
	var se *json.SyntaxError
	if errors.As(json.Unmarshal(content, new(json.RawMessage)), &se) {
		err = se
	}
	lineAt := func(off int) int { return 1 + bytes.Count(content[:max(0, min(off, len(content)))], []byte("\n")) }
	if se == nil {
		// No syntax error in the whole file (a value of the wrong kind), or
		// the file ends early: blame its last line.
		return Problem{File: name, Line: lineAt(len(content)), Msg: "not valid JSON: " + prefix + err.Error()}
	}
	at := min(max(int(se.Offset)-1, 0), len(content)-1) // the byte the parser refused
	if at >= 0 && (content[at] == '}' || content[at] == ']') {
		before := bytes.TrimRight(content[:at], " \t\r\n")
		if len(before) > 0 && before[len(before)-1] == ',' {
			return Problem{File: name, Line: lineAt(len(before) - 1), Msg: fmt.Sprintf("not valid JSON: %sa comma before %q with nothing after it (JSON allows no trailing comma)", prefix, content[at])}
		}
	}
	return Problem{File: name, Line: lineAt(at), Msg: "not valid JSON: " + prefix + se.Error()}
}

func setJSONField(q *Question, field string, raw json.RawMessage) error {
	if isListField(field) {
		var items []string
		if err := json.Unmarshal(raw, &items); err != nil {
			var s *string
			if err2 := json.Unmarshal(raw, &s); err2 != nil {
				return fmt.Errorf("field %q must be a list of strings", field)
			}
			if s != nil {
				items = SplitList(*s)
			}
		}
		return setList(q, field, items)
	}
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("field %q must be a string", field)
	}
	v := ""
	if s != nil {
		v = *s
	}
	return setText(q, field, v)
}

func parseCSV(name string, content []byte) ([]*Entry, error) {
	r := csv.NewReader(bytes.NewReader(content))
	r.ReuseRecord = false
	header, err := r.Read()
	if err == io.EOF {
		return nil, Problems{{File: name, Msg: "the file is empty; the first row must name the columns"}}
	}
	if err != nil {
		return nil, Problems{csvProblem(name, err)}
	}
	var probs Problems
	cols := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		cols[i] = h
		if seen[h] {
			probs = append(probs, Problem{File: name, Line: 1, Msg: fmt.Sprintf("column %q appears twice in the header", h)})
		}
		seen[h] = true
		if !isKnownField(h) {
			probs = append(probs, Problem{File: name, Line: 1, Msg: unknownColumn(i, h)})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var entries []*Entry
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				probs = append(probs, Problem{File: name, Line: pe.StartLine, Msg: fmt.Sprintf("row has %d columns; the header has %d", len(rec), len(cols))})
				continue
			}
			probs = append(probs, csvProblem(name, err))
			break
		}
		line, _ := r.FieldPos(0)
		e := &Entry{File: name, Line: line, lines: map[string]int{}}
		for i, v := range rec {
			e.lines[cols[i]] = line
			if err := setText(&e.Question, cols[i], v); err != nil {
				probs = append(probs, Problem{File: name, Line: line, Msg: err.Error()})
			}
		}
		entries = append(entries, e)
	}
	if len(probs) > 0 {
		return entries, probs
	}
	return entries, nil
}

// unknownColumn describes an unknown header cell: quoted when it reads like
// a column name, else by its position. A file that is not a bank (a .env
// given by mistake) has a secret in its first row, and a message must not
// quote it.
func unknownColumn(i int, h string) string {
	plain := len(h) <= 30
	for _, r := range h {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '_' && r != '-' {
			plain = false
		}
	}
	if plain {
		return fmt.Sprintf("unknown column %q (columns: %s)", h, strings.Join(Fields, ", "))
	}
	return fmt.Sprintf("column %d of the header is not a column name (its text is not shown; columns: %s)", i+1, strings.Join(Fields, ", "))
}

func csvProblem(name string, err error) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{File: name, Line: pe.Line, Msg: "not valid CSV: " + pe.Err.Error()}
	}
	return Problem{File: name, Msg: "not valid CSV: " + err.Error()}
}

func isKnownField(f string) bool {
	for _, k := range Fields {
		if k == f {
			return true
		}
	}
	return false
}

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
		validUTF8 := true
		for _, f := range []struct{ name, v string }{{"id", q.ID}, {"title", q.Title}, {"company", q.Company},
			{"category", q.Category}, {"difficulty", q.Difficulty}, {"round", q.Round}, {"prompt", q.Prompt},
			{"overview", q.Overview}, {"solution", q.Solution}, {"source", q.Source}, {"added", q.Added},
			{"roles", JoinList(q.Roles)}, {"tags", JoinList(q.Tags)}, {"related", JoinList(q.Related)}, {"level", JoinList(q.Level)}} {
			if !utf8.ValidString(f.v) {
				add(f.name, "%s is not valid UTF-8 text; save the file as UTF-8", f.name)
				validUTF8 = false
			}
		}
		// Normalising could fold invalid bytes away (an alias lookup ignores
		// them), and a second validation would then pass: leave such an
		// entry as it is, so validating it again says the same.
		if validUTF8 {
			normalize(q)
		}
		for _, f := range []struct{ name, v string }{{"title", q.Title}, {"company", q.Company}, {"category", q.Category}, {"difficulty", q.Difficulty}, {"prompt", q.Prompt}} {
			if f.v == "" {
				add(f.name, "missing required field %q", f.name)
			}
		}
		if q.ID == "" && q.Company != "" && q.Title != "" {
			q.ID = DeriveID(q.Company, q.Title)
		}
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
		checkLen := func(field, v string, limit int) {
			if n := len([]rune(v)); n > limit {
				add(field, "%s is %d characters; the limit is %d", field, n, limit)
			}
		}
		checkLen("title", q.Title, MaxTitleLen)
		checkLen("company", q.Company, MaxNameLen)
		checkLen("category", q.Category, MaxNameLen)
		checkLen("round", q.Round, MaxNameLen)
		checkLen("prompt", q.Prompt, MaxPromptLen)
		checkLen("overview", q.Overview, MaxOverviewLen)
		checkLen("solution", q.Solution, MaxSolutionLen)
		checkLen("source", q.Source, MaxSourceLen)
		for _, l := range []struct {
			field string
			items []string
		}{{"roles", q.Roles}, {"tags", q.Tags}, {"related", q.Related}, {"level", q.Level}} {
			if len(l.items) > MaxListLen {
				add(l.field, "%s has %d items; the limit is %d", l.field, len(l.items), MaxListLen)
			}
			for _, it := range l.items {
				checkLen(l.field, it, MaxNameLen)
				if strings.Contains(it, ";") {
					add(l.field, "%s item %q may not contain ';', which separates items in CSV", l.field, it)
				}
			}
		}
		if q.Added == "" {
			today := opts.Today
			if today.IsZero() {
				today = time.Now()
			}
			q.Added = today.UTC().Format(time.DateOnly)
		} else if _, err := time.Parse(time.DateOnly, q.Added); err != nil {
			add("added", "added %q must be a date like 2026-11-29", q.Added)
		}
		if q.ID != "" {
			if prev, dup := byID[q.ID]; dup {
				add("id", "duplicate id %q (first at %s:%d)", q.ID, prev.File, prev.Line)
			} else {
				byID[q.ID] = e
			}
		}
	}
	for _, e := range entries {
		for _, r := range e.Related {
			if _, ok := byID[r]; ok {
				continue
			}
			if opts.KnownIDs != nil && opts.KnownIDs(r) {
				continue
			}
			probs = append(probs, Problem{File: e.File, Line: e.FieldLine("related"), ID: e.ID, Msg: fmt.Sprintf("related id %q does not exist", r)})
		}
	}
	if len(probs) > 0 {
		return probs.sorted()
	}
	return nil
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

// Questions returns the questions of entries.
func Questions(entries []*Entry) []Question {
	out := make([]Question, len(entries))
	for i, e := range entries {
		out[i] = e.Question
	}
	return out
}
