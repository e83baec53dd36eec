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
	holds   bool // role and level are still requirements (Entry.Holds)
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
	// Work on indices in waiting order; entries are large to move.
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

	users, guilds, roleIDs, companyIDs := make(interner, len(entries)), interner{}, interner{}, interner{}
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
	groupIdx := map[uint64]int{}
	var groups [][]member
	seenID := make(map[int64]struct{}, len(es))
	seenUser := make(map[uint64]struct{}, len(es)) // guild<<32 | user
	var leftIdx []int

	for i, e := range es {
		if _, dup := seenID[e.ID]; dup {
			continue
		}
		seenID[e.ID] = struct{}{}
		gid, uid := guilds.id(e.Guild), users.id(e.User)
		gu := uint64(gid)<<32 | uint64(uid)
		if _, dup := seenUser[gu]; dup {
			leftIdx = append(leftIdx, i)
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
		groups[g] = append(groups[g], member{
			idx: i, user: uid, level: lv, holds: e.Holds(now),
			role: cached(roleOf, roleIDs, e.Role), company: cached(companyOf, companyIDs, e.Company),
		})
	}

	// Recent partners, as user ids, for the users in this batch, in
	// compressed rows: the partners of u are adj[start[u]:start[u+1]].
	var edges [][2]int
	deg := make([]int, len(users)+2)
	for p, t := range hist {
		if now.Sub(t) >= RepeatWindow {
			continue
		}
		a, okA := users[p.A]
		b, okB := users[p.B]
		if okA && okB && a != b {
			edges = append(edges, [2]int{a, b})
			deg[a+1]++
			deg[b+1]++
		}
	}
	for u := 1; u < len(deg); u++ {
		deg[u] += deg[u-1]
	}
	adj := make([]int, 2*len(edges))
	fill := append([]int(nil), deg...)
	for _, ed := range edges {
		adj[fill[ed[0]]] = ed[1]
		fill[ed[0]]++
		adj[fill[ed[1]]] = ed[0]
		fill[ed[1]]++
	}
	stamp := make([]int, len(users)+1) // stamp[u] == serial: u met the current anchor recently
	serial := 0
	markRecent := func(u int) {
		serial++
		for _, v := range adj[deg[u]:deg[u+1]] {
			stamp[v] = serial
		}
	}
	// scoreOf scores a and b as partners; ok is false when they are not
	// Compatible.
	scoreOf := func(a, b *member) (s uint32, ok bool) {
		rt, ls := tierID(a.role, b.role), levelScore(a.level, b.level)
		if (a.holds || b.holds) && clashes(rt, ls) {
			return 0, false
		}
		return score(stamp[b.user] == serial, rt, tierID(a.company, b.company), ls), true
	}

	type rankedPair struct{ a, b, ga, gb int } // entry indices; positions in the group
	type rankedTrio struct{ a, b, c int }
	var rp []rankedPair
	var rt []rankedTrio
	next := []int{}
	for _, g := range groups {
		// A linked list over g of members not yet matched, in waiting order.
		next = next[:0]
		for i := range g {
			next = append(next, i+1)
		}
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
		firstPair := len(rp)
		odd := -1
		for head < len(g) {
			a := head
			unlink(a)
			if head >= len(g) {
				odd = a
				break
			}
			markRecent(g[a].user)
			// The best score anyone could reach with a: an empty field or
			// unknown level of a's own is neutral against everyone.
			floor := score(false, tierID(g[a].role, g[a].role), tierID(g[a].company, g[a].company), levelScore(g[a].level, g[a].level))
			best, bestScore := -1, uint32(0)
			for j := head; j < len(g); j = next[j] {
				s, ok := scoreOf(&g[a], &g[j])
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
			if best < 0 {
				leftIdx = append(leftIdx, g[a].idx)
				continue
			}
			unlink(best)
			rp = append(rp, rankedPair{g[a].idx, g[best].idx, a, best})
		}
		if odd < 0 {
			continue
		}
		if !allowTrio || len(rp) == firstPair {
			leftIdx = append(leftIdx, g[odd].idx)
			continue
		}
		// The odd one out joins the pair that suits them best.
		markRecent(g[odd].user)
		bestP, bestScore := -1, uint32(0)
		for p := firstPair; p < len(rp); p++ {
			sa, okA := scoreOf(&g[odd], &g[rp[p].ga])
			sb, okB := scoreOf(&g[odd], &g[rp[p].gb])
			if okA && okB && (bestP < 0 || sa+sb < bestScore) {
				bestP, bestScore = p, sa+sb
			}
		}
		if bestP < 0 {
			leftIdx = append(leftIdx, g[odd].idx)
			continue
		}
		rt = append(rt, rankedTrio{rp[bestP].a, rp[bestP].b, g[odd].idx})
		rp = slices.Delete(rp, bestP, bestP+1)
	}

	slices.SortFunc(rp, func(x, y rankedPair) int { return x.a - y.a })
	slices.SortFunc(rt, func(x, y rankedTrio) int { return x.a - y.a })
	slices.Sort(leftIdx)
	pairs = make([][2]Entry, 0, len(rp))
	left = make([]Entry, 0, len(leftIdx))
	for _, p := range rp {
		pairs = append(pairs, [2]Entry{*es[p.a], *es[p.b]})
	}
	for _, t := range rt {
		trios = append(trios, [3]Entry{*es[t.a], *es[t.b], *es[t.c]})
	}
	for _, i := range leftIdx {
		left = append(left, *es[i])
	}
	return pairs, trios, left
}
