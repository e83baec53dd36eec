package match

import (
	"slices"
	"time"
)

// member is an Entry prepared for batch matching: strings interned to ints.
type member struct {
	idx     int // index into the sorted entries; lower waited longer
	user    int
	role    int // 0 when empty
	company int // 0 when empty
	level   Level
	offset  int  // UTC offset of the member's zone at the time of matching, seconds
	zoned   bool // the member's zone is known
	holds   bool // role, level and zone are still requirements (Entry.Holds)
}

// interner maps strings to small ints, 0 reserved for "".
type interner map[string]int

func (in interner) id(s string) int {
	if s == "" {
		return 0
	}
	if v, ok := in[s]; ok {
		return v
	}
	v := len(in) + 1
	in[s] = v
	return v
}

func tierID(a, b int) uint32 {
	switch {
	case a == 0 || b == 0:
		return 1
	case a == b:
		return 0
	}
	return 2
}

// PairAll pairs everyone it can, for weekly rounds and batch matching.
// Entries are grouped by guild and topic (pairs never cross either); within
// a group, the longest-waiting unpaired member is paired with their best
// Compatible partner by the same preferences as Best (or left when there
// is none), and so on until at most one is left. When allowTrio is set, a
// group's odd one out joins the pair that suits them best among those
// Compatible with both its members, as a trio, instead of being left (so a
// group of three gives one trio). Without held preferences (zero
// HoldUntil), everyone is compatible and a group leaves at most one
// member.
//
// A member is in at most one pair or trio per guild: when a user has
// several entries in one guild, only their longest-waiting entry is
// matched and the others are returned in left. Entries repeating an
// earlier entry's ID are ignored.
//
// Output is deterministic and fair across guilds and topics: pairs and
// trios are ordered by how long their longest-waiting member waited (not
// group by group), and left is in waiting order. In pairs[i], [0] is the
// longer-waiting member; in a trio, [2] is the member who joined the pair.
// The cost is O(n log n) plus, per group of k entries, at worst O(k²) cheap
// comparisons, with an early exit on the best possible match.
func PairAll(entries []Entry, hist History, now time.Time, allowTrio bool) (pairs [][2]Entry, trios [][3]Entry, left []Entry) {
	es := byWaiting(entries)
	groups, users, dups := groupEntries(es, now)
	b := batch{recent: newRecentPartners(hist, users, now), left: dups}
	for _, g := range groups {
		b.matchGroup(g, allowTrio)
	}
	return b.result(es)
}

// byWaiting returns pointers to entries in waiting order, ties in input
// order: PairAll works on indices into it, as entries are large to move.
func byWaiting(entries []Entry) []*Entry {
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case before(&entries[a], &entries[b]):
			return -1
		case before(&entries[b], &entries[a]):
			return 1
		}
		return a - b
	})
	es := make([]*Entry, len(entries))
	for i, o := range order {
		es[i] = &entries[o]
	}
	return es
}

// groupEntries prepares es, in waiting order, as members grouped by guild
// and topic, each group in waiting order and the groups in order of their
// longest-waiting member. Entries repeating an earlier entry's ID are
// skipped; the later entries of a user already seen in a guild are
// returned in dups, as indices into es. users interns the user names.
func groupEntries(es []*Entry, now time.Time) (groups [][]member, users interner, dups []int) {
	users = make(interner, len(es))
	guilds, roleIDs, companyIDs := interner{}, interner{}, interner{}
	// Caches from the raw strings users typed to what matching compares.
	topicOf := map[string]int{}
	topicIDs := interner{}
	levelOf := map[string]Level{}
	roleOf, companyOf := map[string]int{}, map[string]int{}
	cached := func(cache map[string]int, ids interner, raw string) int {
		v, ok := cache[raw]
		if !ok {
			v = ids.id(norm(raw))
			cache[raw] = v
		}
		return v
	}
	zs := newZones(now)
	groupIdx := map[uint64]int{}
	seenID := make(map[int64]struct{}, len(es))
	seenUser := make(map[uint64]struct{}, len(es)) // guild<<32 | user

	for i, e := range es {
		if _, dup := seenID[e.ID]; dup {
			continue
		}
		seenID[e.ID] = struct{}{}
		gid, uid := guilds.id(e.Guild), users.id(e.User)
		gu := uint64(gid)<<32 | uint64(uid)
		if _, dup := seenUser[gu]; dup {
			dups = append(dups, i)
			continue
		}
		seenUser[gu] = struct{}{}
		tid, ok := topicOf[e.Topic]
		if !ok {
			tid = topicIDs.id(topicKey(e.Topic))
			topicOf[e.Topic] = tid
		}
		lv, ok := levelOf[e.Level]
		if !ok {
			lv = ParseLevel(e.Level)
			levelOf[e.Level] = lv
		}
		k := uint64(gid)<<32 | uint64(tid)
		g, ok := groupIdx[k]
		if !ok {
			g = len(groups)
			groupIdx[k] = g
			groups = append(groups, nil)
		}
		off, zoned := zs.offset(e.Zone)
		groups[g] = append(groups[g], member{
			idx: i, user: uid, level: lv, holds: e.Holds(now), offset: off, zoned: zoned,
			role: cached(roleOf, roleIDs, e.Role), company: cached(companyOf, companyIDs, e.Company),
		})
	}
	return groups, users, dups
}

// recentPartners is who met whom within RepeatWindow among the users of a
// batch (ids from its users interner), in compressed rows: the partners
// of u are adj[start[u]:start[u+1]].
type recentPartners struct {
	start, adj []int
	stamp      []int // stamp[u] == serial: u met the current anchor recently
	serial     int
}

func newRecentPartners(hist History, users interner, now time.Time) *recentPartners {
	var edges [][2]int
	start := make([]int, len(users)+2)
	for p, t := range hist {
		if now.Sub(t) >= RepeatWindow {
			continue
		}
		a, okA := users[p.A]
		b, okB := users[p.B]
		if okA && okB && a != b {
			edges = append(edges, [2]int{a, b})
			start[a+1]++
			start[b+1]++
		}
	}
	for u := 1; u < len(start); u++ {
		start[u] += start[u-1]
	}
	adj := make([]int, 2*len(edges))
	fill := append([]int(nil), start...)
	for _, ed := range edges {
		adj[fill[ed[0]]] = ed[1]
		fill[ed[0]]++
		adj[fill[ed[1]]] = ed[0]
		fill[ed[1]]++
	}
	return &recentPartners{start: start, adj: adj, stamp: make([]int, len(users)+1)}
}

// anchor makes u the member partners are scored against.
func (r *recentPartners) anchor(u int) {
	r.serial++
	for _, v := range r.adj[r.start[u]:r.start[u+1]] {
		r.stamp[v] = r.serial
	}
}

// score scores a, the current anchor, and b as partners; ok is false when
// they are not Compatible.
func (r *recentPartners) score(a, b *member) (s uint32, ok bool) {
	rt, ls, zt := tierID(a.role, b.role), levelScore(a.level, b.level), zoneTier(a.offset, a.zoned, b.offset, b.zoned)
	if (a.holds || b.holds) && clashes(rt, ls, zt) {
		return 0, false
	}
	return score(r.stamp[b.user] == r.serial, rt, zt, tierID(a.company, b.company), ls), true
}

// rankedPair and rankedTrio are matches as indices into the entries in
// waiting order; ga and gb are the pair's positions in its group.
type rankedPair struct{ a, b, ga, gb int }
type rankedTrio struct{ a, b, c int }

// batch collects PairAll's matches, group by group.
type batch struct {
	recent *recentPartners
	pairs  []rankedPair
	trios  []rankedTrio
	left   []int // indices into the entries in waiting order
	next   []int // pairGroup's links, kept across groups
}

// matchGroup pairs the members of one group, then puts the odd one out,
// if any, in a trio (with allowTrio) or in left.
func (b *batch) matchGroup(g []member, allowTrio bool) {
	firstPair := len(b.pairs)
	odd := b.pairGroup(g)
	if odd < 0 {
		return
	}
	if !allowTrio || len(b.pairs) == firstPair || !b.joinTrio(g, odd, firstPair) {
		b.left = append(b.left, g[odd].idx)
	}
}

// pairGroup pairs the longest-waiting unmatched member of g with their
// best Compatible partner, or leaves them when there is none, until at
// most one is left: it returns that odd one out, or -1.
func (b *batch) pairGroup(g []member) (odd int) {
	// A linked list over g of members not yet matched, in waiting order.
	next := b.next[:0]
	for i := range g {
		next = append(next, i+1)
	}
	b.next = next
	prev := make([]int, len(g))
	for i := range prev {
		prev[i] = i - 1
	}
	head := 0
	unlink := func(i int) {
		if prev[i] >= 0 {
			next[prev[i]] = next[i]
		} else {
			head = next[i]
		}
		if next[i] < len(g) {
			prev[next[i]] = prev[i]
		}
	}
	for head < len(g) {
		a := head
		unlink(a)
		if head >= len(g) {
			return a
		}
		best := b.bestPartner(g, a, head, next)
		if best < 0 {
			b.left = append(b.left, g[a].idx)
			continue
		}
		unlink(best)
		b.pairs = append(b.pairs, rankedPair{g[a].idx, g[best].idx, a, best})
	}
	return -1
}

// bestPartner returns the unmatched member of g (from head on, linked by
// next) who is g[a]'s best Compatible partner, the first of equals, or -1.
func (b *batch) bestPartner(g []member, a, head int, next []int) int {
	b.recent.anchor(g[a].user)
	// The best score anyone could reach with a: an empty field or
	// unknown level or zone of a's own is neutral against everyone.
	m := &g[a]
	floor := score(false, tierID(m.role, m.role), zoneTier(m.offset, m.zoned, m.offset, m.zoned), tierID(m.company, m.company), levelScore(m.level, m.level))
	best, bestScore := -1, uint32(0)
	for j := head; j < len(g); j = next[j] {
		s, ok := b.recent.score(&g[a], &g[j])
		if !ok {
			continue
		}
		if best < 0 || s < bestScore {
			best, bestScore = j, s
			if s <= floor {
				break
			}
		}
	}
	return best
}

// joinTrio makes g[odd] the third member of the pair, among the group's
// (from firstPair on) Compatible with both its members, that suits them
// best. It reports false when there is none.
func (b *batch) joinTrio(g []member, odd, firstPair int) bool {
	b.recent.anchor(g[odd].user)
	bestP, bestScore := -1, uint32(0)
	for p := firstPair; p < len(b.pairs); p++ {
		sa, okA := b.recent.score(&g[odd], &g[b.pairs[p].ga])
		sb, okB := b.recent.score(&g[odd], &g[b.pairs[p].gb])
		if okA && okB && (bestP < 0 || sa+sb < bestScore) {
			bestP, bestScore = p, sa+sb
		}
	}
	if bestP < 0 {
		return false
	}
	b.trios = append(b.trios, rankedTrio{b.pairs[bestP].a, b.pairs[bestP].b, g[odd].idx})
	b.pairs = slices.Delete(b.pairs, bestP, bestP+1)
	return true
}

// result returns the matches as entries of es, pairs and trios ordered by
// their longest-waiting member and left in waiting order.
func (b *batch) result(es []*Entry) (pairs [][2]Entry, trios [][3]Entry, left []Entry) {
	slices.SortFunc(b.pairs, func(x, y rankedPair) int { return x.a - y.a })
	slices.SortFunc(b.trios, func(x, y rankedTrio) int { return x.a - y.a })
	slices.Sort(b.left)
	pairs = make([][2]Entry, 0, len(b.pairs))
	left = make([]Entry, 0, len(b.left))
	for _, p := range b.pairs {
		pairs = append(pairs, [2]Entry{*es[p.a], *es[p.b]})
	}
	for _, t := range b.trios {
		trios = append(trios, [3]Entry{*es[t.a], *es[t.b], *es[t.c]})
	}
	for _, i := range b.left {
		left = append(left, *es[i])
	}
	return pairs, trios, left
}
