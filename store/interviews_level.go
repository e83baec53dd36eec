package store

import (
	"slices"
	"strings"

	"github.com/prepcord/prepcord/data"
)

// BankLevel reads a member's /mock level ("intern", "junior", "mid",
// "senior", "staff", or an alias data knows, such as "new-grad") as one of
// data.Levels; "" when it names none.
func BankLevel(level string) string {
	if l := data.Canonical(data.KindLevel, strings.ToLower(level)); slices.Contains(data.Levels, l) {
		return l
	}
	return ""
}

// PacketLevel returns the level of the questions userID asks in p: the
// level of the member they ask (the next member after them who still
// takes part), else their own, as one of data.Levels; "" when neither
// gave a level prepcord reads as one (see BankLevel).
func (p *Pairing) PacketLevel(userID string) string {
	active := p.ActiveMembers()
	for i, m := range active {
		if m.UserID != userID {
			continue
		}
		if l := BankLevel(active[(i+1)%len(active)].Level); l != "" {
			return l
		}
		return BankLevel(m.Level)
	}
	return ""
}

// packetFilters returns the filters AssignPacket tries, in order: with a
// level, each filter at that level first (a filter that names its own
// level keeps it), then each as given, so a packet follows the pair's
// level when any question fits and falls back to any level otherwise.
func packetFilters(filters []Filter, level string) []Filter {
	if level == "" {
		return filters
	}
	out := make([]Filter, 0, 2*len(filters))
	add := func(f Filter) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	for _, f := range filters {
		if f.Level == "" {
			f.Level = level
		}
		add(f)
	}
	for _, f := range filters {
		add(f)
	}
	return out
}
