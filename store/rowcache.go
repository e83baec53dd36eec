package store

import (
	"container/list"
	"context"
	"sync"
)

// rowCache keeps the questions picks have read, so that a pick reads only
// the member's history from the database: on PostgreSQL that is one round
// trip fewer per /question, on SQLite fewer pages to read again after each
// history write. It belongs to one bankIndex, so it lasts as long as the
// bank version it was filled under: any change to the bank, by this
// process or (within indexRecheck) another, starts a new one.
type rowCache struct {
	mu    sync.Mutex
	byseq map[int64]*list.Element // of rowEntry
	// recent orders the entries, most recently used first; bytes is their
	// estimated size, kept within rowCacheBudget.
	recent list.List
	bytes  int
}

type rowEntry struct {
	q    Question
	size int
}

// rowCacheBudget bounds the estimated bytes of cached questions: a
// community's picks keep to the questions its filters match, which this
// holds many times over, while memory stays bounded whatever the bank.
const rowCacheBudget = 4 << 20

// rowSize estimates the bytes a cached question holds.
func rowSize(q *Question) int {
	n := 400 + len(q.ID) + len(q.Scope) + len(q.AuthorID) + len(q.Title) + len(q.Company) + len(q.Category) + len(q.Difficulty) +
		len(q.Round) + len(q.Prompt) + len(q.Overview) + len(q.Solution) + len(q.Source) + len(q.Added)
	for _, l := range [][]string{q.Roles, q.Level, q.Tags, q.Related} {
		for _, s := range l {
			n += len(s) + 16
		}
	}
	return n
}

// get returns a copy of the cached question with seq, or nil.
func (c *rowCache) get(seq int64) *Question {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byseq[seq]
	if !ok {
		return nil
	}
	c.recent.MoveToFront(e)
	q := e.Value.(*rowEntry).q
	return &q
}

// put caches q, dropping the least recently used questions while the
// cache is over its budget.
func (c *rowCache) put(q *Question) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byseq[q.Seq]; ok {
		return
	}
	if c.byseq == nil {
		c.byseq = map[int64]*list.Element{}
	}
	e := &rowEntry{q: *q, size: rowSize(q)}
	c.byseq[q.Seq] = c.recent.PushFront(e)
	c.bytes += e.size
	for c.bytes > rowCacheBudget {
		old := c.recent.Remove(c.recent.Back()).(*rowEntry)
		c.bytes -= old.size
		delete(c.byseq, old.q.Seq)
	}
}

// pickedRow returns the question with seq for a pick under idx: from idx's
// cache, else read (nil when it is retired or gone) and cached.
func (s *shared) pickedRow(ctx context.Context, idx *bankIndex, seq int64) (*Question, error) {
	if q := idx.picked.get(seq); q != nil {
		return q, nil
	}
	r, err := getRow[row](ctx, s.r, "SELECT "+questionCols+" FROM questions WHERE seq = ? AND retired = 0", seq)
	if r == nil || err != nil {
		return nil, err
	}
	q := r.question()
	idx.picked.put(q)
	return q, nil
}
