package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

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
