package streak

import "github.com/prepcord/prepcord/bot/schedule"

// Streak freezes. A member earns one freeze for every FreezeEvery counting
// days answered in a row, and holds at most MaxFreezes. A counting day
// (a day the server posted, or every calendar day in a server that never
// posted, as for ComputeOnPostDays and Compute) that the member did not
// answer uses one freeze once it is over, at the server's local midnight,
// if the member has a streak to keep and holds a freeze: the streak stays
// alive, but the frozen day does not add to its length. Without a freeze
// the missed day breaks the streak.
//
// A frozen day also restarts the count toward the next freeze: freezes
// are earned only by FreezeEvery days genuinely answered in a row, never
// by a run that a freeze bridged. A freeze earned while MaxFreezes are
// held is lost, and the count restarts. Everything is computed from the
// answered days, the post days and today's local date, so it is the same
// after any restart and nothing is stored.
const (
	// FreezeEvery is how many days answered in a row earn a freeze.
	FreezeEvery = 7
	// MaxFreezes is how many freezes a member holds at most.
	MaxFreezes = 2
)

// Result is a member's streak with freezes: the Stats (whose Current and
// Best count frozen days as kept, not as answered), how many freezes the
// member holds now, and the days freezes covered, oldest first.
type Result struct {
	Stats
	// Freezes is how many freezes the member holds now (0..MaxFreezes).
	Freezes int
	// Frozen are the missed days a freeze covered, oldest first.
	Frozen []schedule.Date
}

// LastFrozen returns the latest day a freeze covered (zero when none).
func (r Result) LastFrozen() schedule.Date {
	if len(r.Frozen) == 0 {
		return schedule.Date{}
	}
	return r.Frozen[len(r.Frozen)-1]
}

// WithFreezes computes a member's streak with freezes as of the local date
// today, from the local dates answered and the server's post dates
// (posted; none: every calendar day counts, as in Compute). Today counts
// only once answered: it is not over yet, so it never uses a freeze. Input
// may be unsorted and hold duplicates; dates after today are ignored.
func WithFreezes(answered, posted []schedule.Date, today schedule.Date) Result {
	ans := normalise(answered, today)
	r := Result{Stats: Stats{Total: len(ans)}}
	if len(ans) == 0 {
		return r
	}
	r.LastDay = ans[len(ans)-1]
	days := normalise(posted, today)
	if len(days) == 0 {
		// Every calendar day from the first answer counts.
		for d := ans[0]; !d.After(today); d = d.AddDays(1) {
			days = append(days, d)
		}
	}
	isAnswered := make(map[schedule.Date]bool, len(ans))
	for _, d := range ans {
		isAnswered[d] = true
	}
	run, inARow := 0, 0
	for _, d := range days {
		switch {
		case isAnswered[d]:
			run++
			inARow++
			if inARow == FreezeEvery {
				r.Freezes = min(r.Freezes+1, MaxFreezes)
				inARow = 0
			}
			r.Best = max(r.Best, run)
		case d == today:
			// Not over yet: neither kept nor broken.
		case run > 0 && r.Freezes > 0:
			r.Freezes--
			r.Frozen = append(r.Frozen, d)
			inARow = 0
		default:
			run, inARow = 0, 0
		}
	}
	r.Current = run
	return r
}
