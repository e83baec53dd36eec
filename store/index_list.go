package store

import (
	"context"
	"slices"
	"sync"

	"github.com/jmoiron/sqlx"
)

// listOrder is the bank list's order (company, then title, then seq) of a
// bankIndex's rows, as the database sorts them: read once per bank
// version, so that a page of the list is a walk over the index and a read
// of its 25 rows instead of a sort of the whole bank.
type listOrder struct {
	mu   sync.Mutex
	pos  []int32 // row positions in list order
	rank []int32 // rank[p] is row p's place in pos
}

// listOrder returns idx's rows in list order and each row's rank, reading
// the order from the database the first time; ok is false when the
// database's rows are not the index's (another process changed the bank
// since the index was built), and the caller should ask the database.
func (s *shared) listOrder(ctx context.Context, idx *bankIndex) (pos, rank []int32, ok bool, err error) {
	lo := &idx.order
	lo.mu.Lock()
	defer lo.mu.Unlock()
	if lo.pos != nil {
		return lo.pos, lo.rank, true, nil
	}
	var seqs []int64
	if err := s.r.SelectContext(ctx, &seqs, "SELECT seq FROM questions WHERE retired = 0 ORDER BY company_key, title, seq"); err != nil {
		return nil, nil, false, err
	}
	if len(seqs) != len(idx.rows) {
		return nil, nil, false, nil
	}
	pos, rank = make([]int32, len(seqs)), make([]int32, len(seqs))
	for i, seq := range seqs {
		p := idx.rowPos(seq)
		if p < 0 {
			return nil, nil, false, nil
		}
		pos[i], rank[p] = int32(p), int32(i)
	}
	lo.pos, lo.rank = pos, rank
	return pos, rank, true, nil
}

// listFromIndex is List for a filter without search text, from the bank
// index: the matching rows in list order, then the page's questions from
// the row cache or one read by seq. ok is false when the index cannot
// answer exactly as the database would, and the caller should ask it.
func (s *Questions) listFromIndex(ctx context.Context, f Filter, limit, offset int) (out []*Question, ok bool, err error) {
	if limit <= 0 || offset < 0 {
		return nil, false, nil
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, false, err
	}
	keys, ok := prepareFilter(&f, -1)
	if !ok || len(idx.rows) == 0 {
		return nil, false, nil // a value with no key at all: the database's answer is the reference
	}
	order, rank, ok, err := s.listOrder(ctx, idx)
	if !ok || err != nil {
		return nil, false, err
	}
	found, err := s.searchSeqs(ctx, f.Search)
	if err != nil {
		return nil, false, err
	}
	var page []int32
	if found != nil || narrowing(idx, &keys) != nil {
		// The rows a search finds, or of a company or category: few,
		// sorted by rank.
		var hits []int32
		idx.eachMatch(&f, &keys, func(p int32) {
			if found == nil || found[idx.rows[p].seq] {
				hits = append(hits, p)
			}
		})
		slices.SortFunc(hits, func(a, b int32) int { return int(rank[a] - rank[b]) })
		page = hits[min(offset, len(hits)):min(offset+limit, len(hits))]
	} else {
		for _, p := range order {
			if len(page) == limit {
				break
			}
			if idx.rows[p].matches(&f, &keys, -1) {
				if offset > 0 {
					offset--
					continue
				}
				page = append(page, p)
			}
		}
	}
	seqs := make([]int64, len(page))
	for i, p := range page {
		seqs[i] = idx.rows[p].seq
	}
	return s.rowsBySeq(ctx, idx, seqs)
}

// eachMatch calls fn with the position of each row matching f, whose
// name keys are keys (prepareFilter), reading only the rows of f's
// companies or categories when it names some.
func (idx *bankIndex) eachMatch(f *Filter, keys *[nFacets][]string, fn func(p int32)) {
	if byKey := narrowing(idx, keys); byKey != nil {
		for _, list := range byKey {
			for _, p := range list {
				if idx.rows[p].matches(f, keys, -1) {
					fn(p)
				}
			}
		}
		return
	}
	for i := range idx.rows {
		if idx.rows[i].matches(f, keys, -1) {
			fn(int32(i))
		}
	}
}

// narrowing returns the index's row lists of the filter's companies, else
// of its categories, else nil (a row has one company and one category, so
// the lists of distinct keys are disjoint).
func narrowing(idx *bankIndex, keys *[nFacets][]string) [][]int32 {
	var out [][]int32
	switch {
	case len(keys[facetCompany]) > 0:
		for _, k := range keys[facetCompany] {
			out = append(out, idx.byCompany[k])
		}
	case len(keys[facetCategory]) > 0:
		for _, k := range keys[facetCategory] {
			out = append(out, idx.byCategory[k])
		}
	}
	return out
}

// rowsBySeq returns the questions with seqs, in that order, from idx's row
// cache or one read; ok is false when one of them is gone (the bank
// changed since the index was built).
func (s *shared) rowsBySeq(ctx context.Context, idx *bankIndex, seqs []int64) ([]*Question, bool, error) {
	out := make([]*Question, len(seqs))
	var missing []int64
	for i, seq := range seqs {
		if out[i] = idx.picked.get(seq); out[i] == nil {
			missing = append(missing, seq)
		}
	}
	if len(missing) > 0 {
		q, args, err := sqlx.In("SELECT "+questionCols+" FROM questions WHERE retired = 0 AND seq IN (?)", missing)
		if err != nil {
			return nil, false, err
		}
		var rows []row
		if err := s.r.SelectContext(ctx, &rows, s.r.Rebind(q), args...); err != nil {
			return nil, false, err
		}
		read := make(map[int64]*Question, len(rows))
		for i := range rows {
			q := rows[i].question()
			idx.picked.put(q)
			read[q.Seq] = q
		}
		for i, seq := range seqs {
			if out[i] == nil {
				if out[i] = read[seq]; out[i] == nil {
					return nil, false, nil
				}
			}
		}
	}
	return out, true, nil
}

// countLeft counts the questions matching f, and those of them whose seq
// is not in done, from the bank index; ok is false when the index cannot
// answer exactly as the database would (see listFromIndex).
func (s *shared) countLeft(ctx context.Context, f Filter, done map[int64]bool) (left, total int, ok bool, err error) {
	if f.Search != "" {
		return 0, 0, false, nil
	}
	idx, err := s.index(ctx)
	if err != nil {
		return 0, 0, false, err
	}
	keys, ok := prepareFilter(&f, -1)
	if !ok {
		return 0, 0, false, nil
	}
	idx.eachMatch(&f, &keys, func(p int32) {
		total++
		if !done[idx.rows[p].seq] {
			left++
		}
	})
	return left, total, true, nil
}

// searchSeqs returns the seqs of the questions a free-text search finds,
// as the database's full-text index finds them (retired ones included:
// the bank index has none), or nil when there is no search.
func (s *shared) searchSeqs(ctx context.Context, search string) (map[int64]bool, error) {
	if search == "" {
		return nil, nil
	}
	var seqs []int64
	if err := s.r.SelectContext(ctx, &seqs, "SELECT docid FROM questions_fts WHERE "+s.dialect.ftsMatch, s.dialect.ftsQuery(search)); err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(seqs))
	for _, seq := range seqs {
		out[seq] = true
	}
	return out, nil
}
