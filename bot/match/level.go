package match

import "strings"

// Level is a seniority level, ordered from Intern to Staff. LevelUnknown
// is neutral in matching: it neither matches nor mismatches any level.
type Level int

// The levels, in order.
const (
	LevelUnknown Level = iota
	Intern
	Junior // new grad or junior
	Mid
	Senior
	Staff // staff and above: principal, distinguished, fellow
)

// String returns the level's display name.
func (l Level) String() string {
	switch l {
	case Intern:
		return "intern"
	case Junior:
		return "new grad / junior"
	case Mid:
		return "mid"
	case Senior:
		return "senior"
	case Staff:
		return "staff+"
	}
	return "any"
}

var levelWords = map[string]Level{
	"intern": Intern, "internship": Intern, "student": Intern, "coop": Intern, "placement": Intern,
	"newgrad": Junior, "newgraduate": Junior, "graduate": Junior, "grad": Junior, "ng": Junior,
	"junior": Junior, "jr": Junior, "entry": Junior, "entrylevel": Junior, "associate": Junior,
	"newgradjunior": Junior, "l3": Junior, "e3": Junior, "sde1": Junior, "sdei": Junior, "swe1": Junior,
	"swei": Junior, "ic1": Junior, "ic2": Junior, "l1": Junior, "l2": Junior,
	"mid": Mid, "midlevel": Mid, "middle": Mid, "intermediate": Mid, "l4": Mid, "e4": Mid,
	"sde2": Mid, "sdeii": Mid, "swe2": Mid, "sweii": Mid, "ic3": Mid,
	"senior": Senior, "sr": Senior, "snr": Senior, "l5": Senior, "e5": Senior, "sde3": Senior,
	"sdeiii": Senior, "swe3": Senior, "sweiii": Senior, "ic4": Senior,
	"staff": Staff, "staffplus": Staff, "principal": Staff, "distinguished": Staff, "fellow": Staff,
	"seniorstaff": Staff, "l6": Staff, "l7": Staff, "l8": Staff, "l9": Staff, "l10": Staff, "e6": Staff,
	"e7": Staff, "e8": Staff, "e9": Staff, "ic5": Staff, "ic6": Staff, "ic7": Staff, "architect": Staff,
}

// ParseLevel reads a level leniently: "Senior", "sr", "L5" and "E5" are
// Senior; "new grad", "junior", "L3", "SDE I" are Junior; "staff+",
// "principal", "L6" and up are Staff; anything else, including "", is
// LevelUnknown. Words like "engineer" or "SWE" around the level are
// ignored ("Senior SWE").
func ParseLevel(s string) Level {
	k := strings.ReplaceAll(squash(strings.ReplaceAll(s, "+", "plus")), "engineer", "")
	if l, ok := levelWords[k]; ok {
		return l
	}
	// "Senior SWE", "staff software engineer": try each word, then pairs.
	words := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "+", " plus")), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	best := LevelUnknown
	for i, w := range words {
		if i+1 < len(words) {
			if l, ok := levelWords[w+words[i+1]]; ok {
				return l
			}
		}
		if l, ok := levelWords[w]; ok && best == LevelUnknown {
			best = l
		}
	}
	return best
}
