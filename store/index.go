package store

import (
	"container/list"
	"context"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/lithammer/fuzzysearch/fuzzy"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

// errNoMatch is returned by picks when no question matches the filter.
var errNoMatch = errs.E(errs.NotFound, "No question matches those filters.")

// bankIndex is an in-memory copy of the bank's filterable fields, used for
// autocomplete and suggestions, which must answer in well under a
// millisecond. It is rebuilt when bank_version in meta changes, which every
// write to the bank bumps, so it stays correct across processes sharing one
// database.
type bankIndex struct {
	version string
	rows    []facetRow
	// rows by company and by category key, to narrow picks without a scan
	byCompany, byCategory map[string][]int32
	gen                   int64     // the store's in-process bank generation when last validated
	checked               time.Time // when the version was last compared with the database
	picked                rowCache  // the questions picks and lists read under this version
	order                 listOrder // the bank list's order, read when first listed

	mu   sync.Mutex
	memo map[string]memoValues // values results by kind and filter
	// recent orders memo's keys, most recently used first; memoBytes is
	// the estimated size of memo, kept within memoBudget by dropping the
	// least recently used.
	recent    list.List
	memoBytes int
}

type memoValues struct {
	vals []ValueCount
	keys []string
	at   *list.Element // in recent; its value is the memo key
	size int
}

// memoBudget bounds the estimated bytes of memoised values results. The
// filters a server really uses are few and small (a few KiB each), but
// autocomplete input comes from members, so the memo is bounded by size,
// not by count: long filter values cannot grow it past the budget.
const memoBudget = 4 << 20

// memoSize estimates the bytes a memo entry holds: its key, its values and
// their comparison keys, with the string and slice headers, the map entry
// and its place in the recency list.
func memoSize(key string, v memoValues) int {
	n := len(key) + 160
	for i, vc := range v.vals {
		n += len(vc.Name) + len(v.keys[i]) + 56
	}
	return n
}

// memoGet returns the memoised values for key, marking them recently used.
// Callers hold idx.mu.
func (idx *bankIndex) memoGet(key string) (memoValues, bool) {
	v, ok := idx.memo[key]
	if ok {
		idx.recent.MoveToFront(v.at)
	}
	return v, ok
}

// memoPut memoises values for key, dropping the least recently used
// entries while the memo is over memoBudget; values too large for the
// budget on their own are not kept. Callers hold idx.mu.
func (idx *bankIndex) memoPut(key string, v memoValues) {
	if _, ok := idx.memo[key]; ok {
		return
	}
	v.size = memoSize(key, v)
	if v.size > memoBudget {
		return
	}
	if idx.memo == nil {
		idx.memo = map[string]memoValues{}
	}
	v.at = idx.recent.PushFront(key)
	idx.memo[key] = v
	idx.memoBytes += v.size
	for idx.memoBytes > memoBudget {
		old := idx.recent.Back()
		k := idx.recent.Remove(old).(string)
		idx.memoBytes -= idx.memo[k].size
		delete(idx.memo, k)
	}
}

// facetKinds are the kinds the index filters and counts: the name kinds,
// then the level. Role and level are lists (a question has several);
// the others have one value per question.
var facetKinds = data.FilterKinds

// The kind indexes of facetKinds the index treats specially.
const (
	facetCompany  = 0
	facetRole     = 1
	facetCategory = 2
	facetRound    = 3
	facetLevel    = len(data.NameKinds)
	nFacets       = len(data.FilterKinds)
)

type facetRow struct {
	seq        int64
	scope      string
	difficulty string
	names      [nFacets]string // display names by kindIndex (role and level unused)
	keys       [nFacets]string // comparison keys by kindIndex (role and level unused)
	roles      []string        // role display names
	roleKeys   []string        // role keys
	levels     []string        // level display names, in data.Levels order
	levelKeys  []string        // level keys
}

// list returns the names and keys of a list kind (role, level), and
// whether kind index i is one.
func (r *facetRow) list(i int) (names, keys []string, ok bool) {
	switch i {
	case facetRole:
		return r.roles, r.roleKeys, true
	case facetLevel:
		return r.levels, r.levelKeys, true
	}
	return nil, nil, false
}

func kindIndex(k data.Kind) int {
	for i, fk := range facetKinds {
		if fk == k {
			return i
		}
	}
	return -1
}

// indexRecheck is how long the index is trusted without asking the
// database whether another process changed the bank; writes made by this
// process invalidate it at once.
const indexRecheck = time.Second

func (s *shared) index(ctx context.Context) (*bankIndex, error) {
	gen := s.bankGen.Load()
	s.idxMu.Lock()
	if idx := s.idx; idx != nil && idx.gen == gen && time.Since(idx.checked) < indexRecheck {
		s.idxMu.Unlock()
		return idx, nil
	}
	s.idxMu.Unlock()
	version, err := s.meta(ctx, "bank_version")
	if err != nil {
		return nil, err
	}
	s.idxMu.Lock()
	defer s.idxMu.Unlock()
	if s.idx != nil && s.idx.version == version {
		s.idx.gen, s.idx.checked = gen, time.Now()
		return s.idx, nil
	}
	var rows []struct {
		Seq         int64  `db:"seq"`
		Scope       string `db:"scope"`
		Company     string `db:"company"`
		CompanyKey  string `db:"company_key"`
		Roles       string `db:"roles"`
		Category    string `db:"category"`
		CategoryKey string `db:"category_key"`
		Round       string `db:"round"`
		RoundKey    string `db:"round_key"`
		Difficulty  string `db:"difficulty"`
		Level       string `db:"level"`
	}
	if err := s.r.SelectContext(ctx, &rows, `SELECT seq, scope, company, company_key, roles, category, category_key, round, round_key,
		difficulty, level FROM questions WHERE retired = 0 ORDER BY seq`); err != nil {
		return nil, err
	}
	idx := &bankIndex{version: version, rows: make([]facetRow, len(rows)), gen: gen, checked: time.Now(),
		byCompany: map[string][]int32{}, byCategory: map[string][]int32{}}
	for i, r := range rows {
		idx.byCompany[r.CompanyKey] = append(idx.byCompany[r.CompanyKey], int32(i))
		idx.byCategory[r.CategoryKey] = append(idx.byCategory[r.CategoryKey], int32(i))
		fr := facetRow{seq: r.Seq, scope: r.Scope, difficulty: r.Difficulty}
		fr.names[facetCompany], fr.keys[facetCompany] = r.Company, r.CompanyKey
		fr.names[facetCategory], fr.keys[facetCategory] = r.Category, r.CategoryKey
		fr.names[facetRound], fr.keys[facetRound] = r.Round, r.RoundKey
		fr.roles, fr.roleKeys = splitNames(r.Roles)
		fr.levels, fr.levelKeys = splitNames(r.Level)
		idx.rows[i] = fr
	}
	s.idx = idx
	return idx, nil
}

// row returns the facets of the question with seq (not retired), or nil;
// rows are in seq order.
func (idx *bankIndex) row(seq int64) *facetRow {
	if i := idx.rowPos(seq); i >= 0 {
		return &idx.rows[i]
	}
	return nil
}

// rowPos returns the position in rows of the question with seq, or -1.
func (idx *bankIndex) rowPos(seq int64) int {
	i := sort.Search(len(idx.rows), func(i int) bool { return idx.rows[i].seq >= seq })
	if i < len(idx.rows) && idx.rows[i].seq == seq {
		return i
	}
	return -1
}

// splitNames splits a ';'-joined list column into its names and their
// keys (nil for "").
func splitNames(joined string) (names, keys []string) {
	if joined == "" {
		return nil, nil
	}
	names = strings.Split(joined, ";")
	keys = make([]string, len(names))
	for j, n := range names {
		keys[j] = data.Key(n)
	}
	return names, keys
}

// matches reports whether r passes f, ignoring the filter of kind skip and
// the free-text search. keys holds, by kind index, the keys a filter value
// selects (several for a group such as the round "screen").
func (r *facetRow) matches(f *Filter, keys *[nFacets][]string, skip int) bool {
	if r.scope != "" && r.scope != f.Scope {
		return false
	}
	if f.Difficulty != "" && r.difficulty != f.Difficulty {
		return false
	}
	for i := range facetKinds {
		if i == skip || len(keys[i]) == 0 {
			continue
		}
		if _, have, ok := r.list(i); ok {
			found := false
			for _, k := range have {
				if slices.Contains(keys[i], k) {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		} else if !slices.Contains(keys[i], r.keys[i]) {
			return false
		}
	}
	return true
}

// ValueCount is a filter value with how many questions have it.
type ValueCount struct {
	Name  string
	Count int
}

// Values returns the values of kind among questions matching f (ignoring
// f's own value for kind and its search text), with counts, most common
// first.
func (s *Questions) Values(ctx context.Context, kind data.Kind, f Filter) ([]ValueCount, error) {
	vals, _, err := s.values(ctx, kind, f)
	return slices.Clone(vals), err
}

// values is Values without the defensive copy, with each value's
// comparison key beside it; callers must not modify the slices.
func (s *Questions) values(ctx context.Context, kind data.Kind, f Filter) ([]ValueCount, []string, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, nil, err
	}
	ki := kindIndex(kind)
	if ki < 0 {
		return nil, nil, errs.E(errs.Invalid, "unknown filter %q", kind)
	}
	keys, _ := prepareFilter(&f, ki)
	parts := []string{string(kind), f.Scope, f.Difficulty}
	for _, k := range keys {
		parts = append(parts, strings.Join(k, "\x01"))
	}
	memoKey := strings.Join(parts, "\x00")
	idx.mu.Lock()
	cached, ok := idx.memoGet(memoKey)
	idx.mu.Unlock()
	if ok {
		return cached.vals, cached.keys, nil
	}
	counts := map[string]*ValueCount{}
	add := func(key, name string) {
		if key == "" {
			return
		}
		if vc, ok := counts[key]; ok {
			vc.Count++
			return
		}
		counts[key] = &ValueCount{Name: name, Count: 1}
	}
	for i := range idx.rows {
		r := &idx.rows[i]
		if !r.matches(&f, &keys, ki) {
			continue
		}
		if names, keys, ok := r.list(ki); ok {
			for j, k := range keys {
				add(k, names[j])
			}
		} else {
			add(r.keys[ki], r.names[ki])
		}
	}
	out := make([]ValueCount, 0, len(counts))
	for _, vc := range counts {
		out = append(out, *vc)
	}
	sort.Slice(out, func(i, j int) bool {
		if ki == facetLevel {
			// Levels read best in their own order, intern to staff.
			if a, b := levelOrder(out[i].Name), levelOrder(out[j].Name); a != b {
				return a < b
			}
			return out[i].Name < out[j].Name
		}
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Name < out[j].Name
	})
	outKeys := make([]string, len(out))
	for i, v := range out {
		outKeys[i] = data.Key(v.Name)
	}
	idx.mu.Lock()
	idx.memoPut(memoKey, memoValues{vals: out, keys: outKeys})
	idx.mu.Unlock()
	return out, outKeys, nil
}

// Autocomplete returns up to limit values of kind for what a member has
// typed so far, with counts under the other filters already chosen: exact
// and alias matches first, then values starting with the text, then values
// with a word starting with it, then fuzzy matches (letters in order, or a
// small typo), each group most common first.
func (s *Questions) Autocomplete(ctx context.Context, kind data.Kind, f Filter, typed string, limit int) ([]ValueCount, error) {
	vals, keys, err := s.values(ctx, kind, f.With(kind, ""))
	if err != nil {
		return nil, err
	}
	return rankValues(kind, vals, keys, typed, limit), nil
}

// rankValues orders vals by how well they match typed (see Autocomplete).
func rankValues(kind data.Kind, vals []ValueCount, keys []string, typed string, limit int) []ValueCount {
	tk := data.Key(typed)
	if tk == "" {
		return slices.Clone(vals[:min(limit, len(vals))])
	}
	aliases := data.FilterKeys(kind, typed)
	lowTyped := strings.ToLower(strings.TrimSpace(typed))
	type scored struct {
		ValueCount
		rank, dist int
	}
	var hits []scored
	for i, v := range vals {
		vk := keys[i]
		rank, dist := -1, 0
		switch {
		case vk == tk || slices.Contains(aliases, vk):
			rank = 0
		case strings.HasPrefix(vk, tk):
			rank = 1
		case wordPrefix(strings.ToLower(v.Name), lowTyped):
			rank = 2
		case fuzzy.Match(tk, vk):
			rank, dist = 3, len(vk)-len(tk)
		default:
			d := fuzzy.LevenshteinDistance(tk, vk[:min(len(vk), len(tk)+1)])
			if d <= max(1, len(tk)/3) {
				rank, dist = 4, d
			}
		}
		if rank >= 0 {
			hits = append(hits, scored{v, rank, dist})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		if hits[i].dist != hits[j].dist {
			return hits[i].dist < hits[j].dist
		}
		return hits[i].Count > hits[j].Count
	})
	out := make([]ValueCount, 0, min(limit, len(hits)))
	for i := 0; i < len(hits) && i < limit; i++ {
		out = append(out, hits[i].ValueCount)
	}
	return out
}

func wordPrefix(name, typed string) bool {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '&' || r == '-' || r == '/' }) {
		if strings.HasPrefix(w, typed) {
			return true
		}
	}
	return false
}

// Resolve reports whether value of kind names questions visible in scope,
// and the canonical display name when it does. A value naming several
// names (data.Group) resolves when any of them has questions, to itself
// with its blanks folded, so that it keeps selecting all of them.
func (s *Questions) Resolve(ctx context.Context, kind data.Kind, scope, value string) (string, bool, error) {
	vals, _, err := s.values(ctx, kind, Filter{Scope: scope})
	if err != nil {
		return "", false, err
	}
	keys := data.FilterKeys(kind, value)
	for _, v := range vals {
		if slices.Contains(keys, data.Key(v.Name)) {
			if data.Group(kind, value) != nil {
				return strings.Join(strings.Fields(value), " "), true, nil
			}
			return v.Name, true, nil
		}
	}
	return "", false, nil
}

// DidYouMean returns up to n values of kind in scope that are close to a
// value that matched nothing: prefix, alias and typo matches.
func (s *Questions) DidYouMean(ctx context.Context, kind data.Kind, scope, value string, n int) ([]string, error) {
	vals, err := s.Values(ctx, kind, Filter{Scope: scope})
	if err != nil {
		return nil, err
	}
	tk := data.Key(value)
	if tk == "" {
		return nil, nil
	}
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	for _, v := range vals {
		vk := data.Key(v.Name)
		d := fuzzy.LevenshteinDistance(tk, vk)
		switch {
		case strings.HasPrefix(vk, tk) || strings.HasPrefix(tk, vk):
			d = min(d, 1)
		case fuzzy.Match(tk, vk):
			d = min(d, 2)
		}
		if d <= max(2, len(tk)/3) {
			cands = append(cands, cand{v.Name, d})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].dist < cands[j].dist })
	var out []string
	for i := 0; i < len(cands) && i < n; i++ {
		out = append(out, cands[i].name)
	}
	return out, nil
}

// Stats counts the questions a server sees by company, role, category and
// difficulty.
type Stats struct {
	Total                                    int
	Companies, Roles, Categories, Difficulty []ValueCount
	Own                                      int // the server's own questions
}

// Stats returns Stats for scope.
func (s *Questions) Stats(ctx context.Context, scope string) (*Stats, error) {
	f := Filter{Scope: scope}
	st := &Stats{}
	var err error
	if st.Companies, err = s.Values(ctx, data.KindCompany, f); err != nil {
		return nil, err
	}
	if st.Roles, err = s.Values(ctx, data.KindRole, f); err != nil {
		return nil, err
	}
	if st.Categories, err = s.Values(ctx, data.KindCategory, f); err != nil {
		return nil, err
	}
	for _, d := range data.Difficulties {
		n, err := s.Count(ctx, Filter{Scope: scope, Difficulty: d})
		if err != nil {
			return nil, err
		}
		st.Difficulty = append(st.Difficulty, ValueCount{Name: d, Count: n})
		st.Total += n
	}
	if scope != "" {
		if err := s.r.GetContext(ctx, &st.Own, "SELECT count(*) FROM questions WHERE scope = ? AND retired = 0", scope); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// prepareFilter lower-cases f's difficulty and returns the comparison keys
// of its name filters by kind index (data.FilterKeys), leaving out the kind
// at skip. ok is false when a given value folds to no key at all, so no
// name can match it.
func prepareFilter(f *Filter, skip int) (keys [nFacets][]string, ok bool) {
	f.Difficulty = strings.ToLower(strings.TrimSpace(f.Difficulty))
	ok = true
	for i, k := range facetKinds {
		if v := f.Get(k); v != "" && i != skip {
			if keys[i] = data.FilterKeys(k, v); slices.Contains(keys[i], "") {
				ok = false
			}
		}
	}
	return keys, ok
}

// candidates returns the seqs of the questions matching f (without its
// free-text search), from the in-memory index.
func (idx *bankIndex) candidates(f Filter) []int64 {
	keys, ok := prepareFilter(&f, -1)
	if !ok {
		return nil // a value of only emoji or punctuation: no name has that key
	}
	var out []int64
	idx.eachMatch(&f, &keys, func(p int32) { out = append(out, idx.rows[p].seq) })
	return out
}

// levelOrder is a level's place in data.Levels; unknown levels come after.
func levelOrder(name string) int {
	if i := slices.Index(data.Levels, name); i >= 0 {
		return i
	}
	return len(data.Levels)
}
