package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

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
