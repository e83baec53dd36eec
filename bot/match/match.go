// Package match pairs members for peer mock interviews. It is pure: no
// Discord, no SQL, no clock reads; the caller passes the queue, the pairing
// history and the current time.
//
// The preferences, in order (design notes, "Mock interviews"):
//
//  1. same guild and same topic: required; never a member with themselves;
//  2. while either member still holds their preferences (see
//     Entry.HoldUntil; HoldFor after joining the queue), role, level and
//     time zone are requirements: the same role, levels at most one step
//     apart, and clocks at most NearZone (3 hours) apart at the time of
//     matching, wherever both members gave one (see Compatible).
//     Afterwards they are preferences only, as below, so nobody waits
//     for a near zone longer than the hold;
//  3. not a pair that met within RepeatWindow (14 days), unless only such
//     partners are available;
//  4. same role (an empty role is neutral: between a match and a mismatch);
//  5. near time zone (an unknown zone is neutral): after the role, because
//     a partner whose night is your evening cannot agree a time with you,
//     which matters more than the refinements below;
//  6. same company (empty is neutral likewise); company is never required;
//  7. nearest level (unknown is neutral: better than one level apart, worse
//     than the same level);
//  8. longest wait first: Front entries (re-queued after a no-show) before
//     others, then earliest Joined, then lowest ID, so results are
//     deterministic.
package match

import (
	"strings"
	"time"
)

// Entry is one member waiting in a guild's mock interview queue.
type Entry struct {
	ID      int64 // queue entry id
	Guild   string
	User    string
	Topic   string // a topic key (see Topics); display names are accepted too
	Role    string // free text, compared without case
	Company string // free text, compared without case
	Level   string // free text, read with ParseLevel
	Zone    string // IANA time zone; "" when the member gave none
	Joined  time.Time
	Front   bool // re-queued after a no-show: goes before everyone else
	// HoldUntil is when the member's role and level stop being
	// requirements (see Compatible). The zero time never holds: weekly
	// rounds pair everyone, closest first.
	HoldUntil time.Time
}

// HoldFor is how long after joining the queue a member's role and level
// are requirements rather than preferences.
const HoldFor = 15 * time.Minute

// Holds reports whether e's role and level are still requirements at now.
func (e *Entry) Holds(now time.Time) bool { return now.Before(e.HoldUntil) }

// Compatible reports whether a and b may be paired at now as far as their
// preferences go (guild and topic are the caller's to check): always once
// neither holds their preferences; while either does, not when both gave a
// role and the roles differ, nor when both gave a level and the levels are
// two or more steps apart, nor when both gave a time zone and their clocks
// are more than NearZone apart at now. Company never prevents a pairing.
func Compatible(a, b Entry, now time.Time) bool {
	if !a.Holds(now) && !b.Holds(now) {
		return true
	}
	z := newZones(now)
	oa, aok := z.offset(a.Zone)
	ob, bok := z.offset(b.Zone)
	return !clashes(tier(norm(a.Role), norm(b.Role)), levelScore(ParseLevel(a.Level), ParseLevel(b.Level)), zoneTier(oa, aok, ob, bok))
}

// clashes reports whether a role tier, a level score and a zone tier break
// a held preference: different roles, levels two or more steps apart, or
// far time zones.
func clashes(role, level, zone uint32) bool { return role == 2 || level >= 4 || zone == 2 }

// Agreement says how one preference of two members compares.
type Agreement int

// The agreements.
const (
	Unset  Agreement = iota // one or both members gave none
	Same                    // the same role, company or level
	Near                    // levels one step apart
	Differ                  // different roles or companies; levels two or more steps apart
)

// Comparison is how two members' role, company and level compare.
type Comparison struct{ Role, Company, Level Agreement }

// Compare compares a's and b's preferences as matching does (roles and
// companies without case or extra spaces, levels read with ParseLevel).
func Compare(a, b Entry) Comparison {
	agree := func(t uint32) Agreement {
		switch t {
		case 0:
			return Same
		case 2:
			return Differ
		}
		return Unset
	}
	c := Comparison{Role: agree(tier(norm(a.Role), norm(b.Role))), Company: agree(tier(norm(a.Company), norm(b.Company)))}
	switch ls := levelScore(ParseLevel(a.Level), ParseLevel(b.Level)); {
	case ls == 0:
		c.Level = Same
	case ls == 1:
		c.Level = Unset
	case ls == 2:
		c.Level = Near
	default:
		c.Level = Differ
	}
	return c
}

// RepeatWindow is how long two members are not paired again while another
// partner is available.
const RepeatWindow = 14 * 24 * time.Hour

// Pair is an unordered pair of user IDs, stored with A <= B; build it with
// MakePair.
type Pair struct{ A, B string }

// MakePair returns the Pair of users a and b in canonical order.
func MakePair(a, b string) Pair {
	if b < a {
		a, b = b, a
	}
	return Pair{a, b}
}

// History holds the last time each pair of users was paired. A nil History
// is empty.
type History map[Pair]time.Time

// Add records that a and b were paired at t, keeping the latest time.
func (h History) Add(a, b string, t time.Time) {
	p := MakePair(a, b)
	if old, ok := h[p]; !ok || t.After(old) {
		h[p] = t
	}
}

// RecentlyPaired reports whether a and b were paired less than RepeatWindow
// before now (or at a time after now).
func (h History) RecentlyPaired(a, b string, now time.Time) bool {
	t, ok := h[MakePair(a, b)]
	return ok && now.Sub(t) < RepeatWindow
}

// before reports whether a has waited longer than b: Front first, then
// earlier Joined, then lower ID.
func before(a, b *Entry) bool {
	if a.Front != b.Front {
		return a.Front
	}
	if !a.Joined.Equal(b.Joined) {
		return a.Joined.Before(b.Joined)
	}
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	return a.User < b.User
}

// Score layout: lower is better; fields from most to least significant.
const (
	recentShift  = 16
	roleShift    = 12
	zoneShift    = 8
	companyShift = 4
)

// tier scores one free-text preference: 0 same, 1 either side empty
// (neutral), 2 different.
func tier(a, b string) uint32 {
	switch {
	case a == "" || b == "":
		return 1
	case a == b:
		return 0
	}
	return 2
}

// levelScore is twice the distance between two levels, or 1 when either is
// unknown.
func levelScore(a, b Level) uint32 {
	if a == LevelUnknown || b == LevelUnknown {
		return 1
	}
	d := int(a) - int(b)
	if d < 0 {
		d = -d
	}
	return uint32(2 * d)
}

func score(recent bool, role, zone, company, level uint32) uint32 {
	s := role<<roleShift | zone<<zoneShift | company<<companyShift | level
	if recent {
		s |= 1 << recentShift
	}
	return s
}

// norm is how roles and companies are compared: lower case, single spaces.
func norm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// Best returns the best waiting partner for newcomer, who just asked for a
// mock interview, by the package's preferences, and false when no waiting
// entry shares newcomer's guild and topic and is Compatible with newcomer
// at now. Entries of newcomer's own user are never chosen. The result does
// not depend on the order of waiting.
func Best(newcomer Entry, waiting []Entry, hist History, now time.Time) (Entry, bool) {
	topic := topicKey(newcomer.Topic)
	role, company, level := norm(newcomer.Role), norm(newcomer.Company), ParseLevel(newcomer.Level)
	// Per-call caches: queues repeat the same few topics, roles and levels.
	topicOK := map[string]bool{newcomer.Topic: true}
	tiers := map[string]uint32{}
	tierOf := func(mine, raw string) uint32 {
		v, ok := tiers[raw]
		if !ok {
			v = tier(mine, norm(raw))
			tiers[raw] = v
		}
		return v
	}
	companyTiers := map[string]uint32{}
	companyTierOf := func(raw string) uint32 {
		v, ok := companyTiers[raw]
		if !ok {
			v = tier(company, norm(raw))
			companyTiers[raw] = v
		}
		return v
	}
	levels := map[string]uint32{}
	zs := newZones(now)
	myOff, myZone := zs.offset(newcomer.Zone)
	newcomerHolds := newcomer.Holds(now)
	bestIdx, bestScore := -1, uint32(0)
	for i := range waiting {
		w := &waiting[i]
		if w.Guild != newcomer.Guild || w.User == newcomer.User || w.ID == newcomer.ID && w.ID != 0 {
			continue
		}
		same, ok := topicOK[w.Topic]
		if !ok {
			same = topicKey(w.Topic) == topic
			topicOK[w.Topic] = same
		}
		if !same {
			continue
		}
		ls, ok := levels[w.Level]
		if !ok {
			ls = levelScore(level, ParseLevel(w.Level))
			levels[w.Level] = ls
		}
		rt := tierOf(role, w.Role)
		off, ok := zs.offset(w.Zone)
		zt := zoneTier(myOff, myZone, off, ok)
		if (newcomerHolds || w.Holds(now)) && clashes(rt, ls, zt) {
			continue
		}
		s := score(hist.RecentlyPaired(newcomer.User, w.User, now), rt, zt, companyTierOf(w.Company), ls)
		if bestIdx < 0 || s < bestScore || s == bestScore && before(w, &waiting[bestIdx]) {
			bestIdx, bestScore = i, s
		}
	}
	if bestIdx < 0 {
		return Entry{}, false
	}
	return waiting[bestIdx], true
}
