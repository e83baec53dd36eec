package data

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

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
