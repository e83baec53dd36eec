package streak

import (
	"cmp"
	"slices"
)

// Contender is a member's month in a server, for the monthly champion:
// the days answered that month, the best answers they were credited with,
// and when (unix ms) they reached their day count.
type Contender struct {
	UserID      string
	Days        int
	BestAnswers int
	ReachedAt   int64
}

// RankChampions orders a month's contenders, the champion first: most
// days answered, then most best answers, then whoever reached their day
// count first, then the lower member id (older account; a snowflake
// compared as a number). Members with no day answered are left out. The
// input is not changed.
func RankChampions(cs []Contender) []Contender {
	out := make([]Contender, 0, len(cs))
	for _, c := range cs {
		if c.Days > 0 {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Contender) int {
		return cmp.Or(
			cmp.Compare(b.Days, a.Days),
			cmp.Compare(b.BestAnswers, a.BestAnswers),
			cmp.Compare(a.ReachedAt, b.ReachedAt),
			cmp.Compare(len(a.UserID), len(b.UserID)),
			cmp.Compare(a.UserID, b.UserID),
		)
	})
	return out
}

// Champion returns the month's champion (see RankChampions); false when
// nobody answered.
func Champion(cs []Contender) (Contender, bool) {
	r := RankChampions(cs)
	if len(r) == 0 {
		return Contender{}, false
	}
	return r[0], true
}
