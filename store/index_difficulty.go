package store

import (
	"context"

	"github.com/prepcord/prepcord/data"
)

// DifficultyCounts returns how many questions f selects at each
// difficulty, easy to hard, ignoring f's own difficulty: from the bank
// index, with the questions a free-text search finds read from the
// database's full-text index.
func (s *Questions) DifficultyCounts(ctx context.Context, f Filter) ([]ValueCount, error) {
	f.Difficulty = ""
	out := make([]ValueCount, len(data.Difficulties))
	for i, d := range data.Difficulties {
		out[i].Name = d
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
	found, err := s.searchSeqs(ctx, f.Search)
	if err != nil {
		return nil, err
	}
	idx.eachMatch(&f, &keys, func(i int32) {
		if r := &idx.rows[i]; found == nil || found[r.seq] {
			if p, ok := pos[r.difficulty]; ok {
				out[p].Count++
			}
		}
	})
	return out, nil
}
