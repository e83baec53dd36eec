// Package streak computes members' participation streaks from the local
// dates on which they answered the daily question, in the server's time
// zone. It is pure: no Discord, no SQL, no clock reads.
package streak

import (
	"slices"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
)

// Stats summarises a member's participation.
type Stats struct {
	// Current is the length of the streak still alive on "today": a run of
	// consecutive days ending today or yesterday (for ComputeOnPostDays: of
	// consecutive post days ending at the latest post day, or the one
	// before it when today's post is not answered yet). 0 when broken.
	Current int
	// Best is the longest run ever, including the current one.
	Best int
	// Total is the number of distinct days answered.
	Total int
	// LastDay is the latest day answered (zero when none).
	LastDay schedule.Date
}

// LocalDate returns the civil date of t in loc (UTC when loc is nil): the
// day an answer given at t counts for.
func LocalDate(t time.Time, loc *time.Location) schedule.Date {
	return schedule.DateIn(t, loc)
}

// LocalDates maps answer instants to their local dates in loc, in the same
// order; duplicates are kept (Compute ignores them).
func LocalDates(ts []time.Time, loc *time.Location) []schedule.Date {
	out := make([]schedule.Date, len(ts))
	for i, t := range ts {
		out[i] = LocalDate(t, loc)
	}
	return out
}

// normalise returns the distinct dates not after today, sorted ascending.
func normalise(days []schedule.Date, today schedule.Date) []schedule.Date {
	out := make([]schedule.Date, 0, len(days))
	for _, d := range days {
		if !d.After(today) && !d.IsZero() {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, schedule.Date.Compare)
	return slices.Compact(out)
}

// Compute returns the streak statistics for a member who answered on the
// given local dates, as of the local date today. Input may be unsorted and
// hold duplicates; dates after today (clock skew) are ignored. The current
// streak counts consecutive days ending today or yesterday: a streak stays
// alive until one whole day passes with no answer.
func Compute(days []schedule.Date, today schedule.Date) Stats {
	ds := normalise(days, today)
	st := Stats{Total: len(ds)}
	if len(ds) == 0 {
		return st
	}
	st.LastDay = ds[len(ds)-1]
	run := 0
	for i, d := range ds {
		if i > 0 && d.DaysSince(ds[i-1]) == 1 {
			run++
		} else {
			run = 1
		}
		st.Best = max(st.Best, run)
	}
	if today.DaysSince(st.LastDay) <= 1 {
		st.Current = run
	}
	return st
}

// ComputeOnPostDays is Compute for a server that does not post every day:
// only the days a daily post happened (posted) make or break a streak, so a
// weekend off on a mon-fri schedule, or a skipped or paused day, does not
// break it. An answer on a day with no post counts in Total and LastDay
// but neither extends nor breaks a streak. The current streak is alive when
// the latest post day up to today was answered, or when that post is
// today's and the post day before it was answered (today is not over yet).
func ComputeOnPostDays(answered, posted []schedule.Date, today schedule.Date) Stats {
	ans := normalise(answered, today)
	posts := normalise(posted, today)
	st := Stats{Total: len(ans)}
	if len(ans) == 0 {
		return st
	}
	st.LastDay = ans[len(ans)-1]
	// Walk the post days, merging with the sorted answers.
	run, j := 0, 0
	hit := make([]bool, len(posts))
	for i, p := range posts {
		for j < len(ans) && ans[j].Before(p) {
			j++
		}
		hit[i] = j < len(ans) && ans[j] == p
		if hit[i] {
			run++
		} else {
			run = 0
		}
		st.Best = max(st.Best, run)
	}
	if n := len(posts); n > 0 {
		switch {
		case hit[n-1]:
			st.Current = run
		case posts[n-1] == today && n >= 2 && hit[n-2]:
			st.Current = runEndingAt(hit, n-2)
		}
	}
	return st
}

// runEndingAt counts the consecutive true values of hit ending at index i.
func runEndingAt(hit []bool, i int) int {
	n := 0
	for ; i >= 0 && hit[i]; i-- {
		n++
	}
	return n
}
