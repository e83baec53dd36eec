package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SortForExport orders questions by company, then id: the order every
// export uses, so that exports are byte-for-byte reproducible.
func SortForExport(qs []Question) {
	sort.SliceStable(qs, func(i, j int) bool {
		ki, kj := Key(qs[i].Company), Key(qs[j].Company)
		if ki != kj {
			return ki < kj
		}
		return qs[i].ID < qs[j].ID
	})
}

// Write encodes questions in format f, in the order given.
func Write(w io.Writer, qs []Question, f Format) error {
	switch f {
	case YAML:
		return writeYAML(w, qs)
	case JSON:
		return writeJSON(w, qs)
	case CSV:
		return writeCSV(w, qs)
	}
	return fmt.Errorf("unknown format %q", f)
}

func writeYAML(w io.Writer, qs []Question) error {
	root := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range qs {
		q := &qs[i]
		m := &yaml.Node{Kind: yaml.MappingNode}
		text := func(k, v string) {
			n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
			if strings.Contains(v, "\n") {
				n.Style = yaml.LiteralStyle
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, n)
		}
		list := func(k string, items []string) {
			n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, it := range items {
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: it})
			}
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, n)
		}
		text("id", q.ID)
		text("title", q.Title)
		text("company", q.Company)
		list("roles", q.Roles)
		text("category", q.Category)
		text("difficulty", q.Difficulty)
		list("level", q.Level)
		text("round", q.Round)
		list("tags", q.Tags)
		text("prompt", q.Prompt)
		text("overview", q.Overview)
		text("solution", q.Solution)
		list("related", q.Related)
		text("source", q.Source)
		text("added", q.Added)
		root.Content = append(root.Content, m)
	}
	var buf bytes.Buffer
	if len(qs) == 0 {
		buf.WriteString("[]\n")
	} else {
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(root); err != nil {
			return err
		}
		if err := enc.Close(); err != nil {
			return err
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func writeJSON(w io.Writer, qs []Question) error {
	if qs == nil {
		qs = []Question{}
	}
	out := make([]Question, len(qs))
	for i, q := range qs {
		q.Roles, q.Tags, q.Related, q.Level = nonNil(q.Roles), nonNil(q.Tags), nonNil(q.Related), nonNil(q.Level)
		out[i] = q
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeCSV(w io.Writer, qs []Question) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Fields); err != nil {
		return err
	}
	for i := range qs {
		if err := cw.Write(qs[i].values()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
