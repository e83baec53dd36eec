package match

import "time"

// Group is one pairing of a weekly round: two or three members and the
// topic they practise.
type Group struct {
	Topic   string
	Members []Entry
}

// PairRound pairs every member of one server's weekly round, with PairAll
// and trios allowed. A member's Entry.Topic is the topic they chose; an
// empty Topic takes fallback, the week's topic. Members practise the topic
// they chose with others who chose it; those left alone in their topic
// practise fallback together; a single one left over joins a pair as a
// trio (one practising fallback if there is one, else the longest-waiting,
// whose topic they then practise), or, when there are only trios, takes
// the last member of the first trio as a partner for fallback. Only a round of
// one member leaves someone out (returned in left).
//
// Groups come as PairAll gives them (pairs, then trios, each by their
// longest-waiting member), the groups of chosen topics first; Members are
// in PairAll's order too.
func PairRound(entries []Entry, hist History, now time.Time, fallback string) (groups []Group, left []Entry) {
	es := make([]Entry, len(entries))
	for i, e := range entries {
		if e.Topic == "" {
			e.Topic = fallback
		}
		es[i] = e
	}
	add := func(pairs [][2]Entry, trios [][3]Entry) {
		for _, p := range pairs {
			groups = append(groups, Group{Topic: p[0].Topic, Members: []Entry{p[0], p[1]}})
		}
		for _, t := range trios {
			groups = append(groups, Group{Topic: t[0].Topic, Members: []Entry{t[0], t[1], t[2]}})
		}
	}
	pairs, trios, alone := PairAll(es, hist, now, true)
	add(pairs, trios)
	if len(alone) >= 2 {
		for i := range alone {
			alone[i].Topic = fallback
		}
		pairs, trios, alone = PairAll(alone, hist, now, true)
		add(pairs, trios)
	}
	if len(alone) != 1 {
		return groups, alone
	}
	single := alone[0]
	pair := -1
	for i, g := range groups {
		if len(g.Members) == 2 && (pair < 0 || g.Topic == fallback && groups[pair].Topic != fallback) {
			pair = i
		}
	}
	if pair >= 0 {
		groups[pair].Members = append(groups[pair].Members, single)
		return groups, nil
	}
	if len(groups) == 0 {
		return nil, alone
	}
	// Only trios: the first one gives its last member to the single one.
	t := groups[0].Members
	single.Topic = fallback
	last := t[2]
	last.Topic = fallback
	groups[0].Members = t[:2]
	groups = append(groups, Group{Topic: fallback, Members: []Entry{last, single}})
	return groups, nil
}
