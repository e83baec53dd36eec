package data

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

//go:embed questions/*.yaml
var bundled embed.FS

// BundledFS returns the default bank's files, one YAML file per company.
func BundledFS() fs.FS {
	sub, err := fs.Sub(bundled, "questions")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory exists
	}
	return sub
}

// LoadBank parses and validates every .yaml file in fsys as one bank:
// ids must be unique across files and related ids must exist in the bank.
// Errors name file and line.
func LoadBank(fsys fs.FS) ([]Question, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []*Entry
	var probs Problems
	for _, name := range names {
		content, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		entries, err := Parse(path.Join("data/questions", name), content, YAML)
		if ps, ok := err.(Problems); ok {
			probs = append(probs, ps...)
		} else if err != nil {
			return nil, err
		}
		all = append(all, entries...)
	}
	if err := Validate(all, ValidateOptions{Today: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		if ps, ok := err.(Problems); ok {
			probs = append(probs, ps...)
		} else {
			return nil, err
		}
	}
	if len(probs) > 0 {
		return nil, probs.sorted()
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("the bank holds no questions")
	}
	return Questions(all), nil
}

// LoadBundled returns the default bank embedded in the binary.
func LoadBundled() ([]Question, error) { return LoadBank(BundledFS()) }
