package store

import (
	"context"

	"github.com/prepcord/prepcord/data"
)

// DifficultyCounts returns how many questions f selects at each
// difficulty, easy to hard, ignoring f's own difficulty: from the bank
// index, or from the database when f has a free-text search.
func (s *Questions) DifficultyCounts(ctx context.Context, f Filter) ([]ValueCount, error) {
	f.Difficulty = ""
	out := make([]ValueCount, len(data.Difficulties))
	for i, d := range data.Difficulties {
		out[i].Name = d
	}
	if f.Search != "" {
		for i, d := range data.Difficulties {
			g := f
			g.Difficulty = d
			n, err := s.Count(ctx, g)
			if err != nil {
				return nil, err
			}
			out[i].Count = n
		}
		return out, nil
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	keys, ok := prepareFilter(&f, -1)
	if !ok {
		return out, nil // a value no name has: nothing matches
	}
	pos := map[string]int{}
	for i, d := range data.Difficulties {
		pos[d] = i
	}
	for i := range idx.rows {
		if r := &idx.rows[i]; r.matches(&f, &keys, -1) {
			if p, ok := pos[r.difficulty]; ok {
				out[p].Count++
			}
		}
	}
	return out, nil
}
