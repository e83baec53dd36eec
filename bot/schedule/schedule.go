package schedule

import (
	"time"
)

// Schedule is when a server's daily post goes out: at Clock local time, on
// Days, in Loc (UTC when nil). A Schedule with no Days never posts.
type Schedule struct {
	Clock Clock
	Days  Weekdays
	Loc   *time.Location
}

func (s Schedule) loc() *time.Location {
	if s.Loc == nil {
		return time.UTC
	}
	return s.Loc
}

// maxZoneOffset bounds how far any zone's wall clock is from UTC, with room
// to spare (real offsets lie within -12h and +14h; historical local mean
// times and date-line moves stay within a day).
const maxZoneOffset = 30 * time.Hour

// DueOn returns the instant the post for local date d is due, whether or
// not d's weekday is in s.Days: the first instant whose local wall-clock
// time in s.Loc is at or after d at s.Clock. So it is the local Clock on d
// when that occurs once; the first of the two occurrences when clocks fall
// back over it; and the first instant after the gap (the transition itself)
// when clocks spring forward over it. The result never depends on how
// time.Date resolves ambiguous or missing local times: the answer is found
// by walking the zone's offset periods (time.Time.ZoneBounds).
//
// DueOn is nondecreasing in d, and strictly increasing unless a zone skips
// more than a whole day. An invalid Clock is clamped to 00:00-23:59.
func (s Schedule) DueOn(d Date) time.Time {
	loc := s.loc()
	c := s.Clock
	c.Hour = min(max(c.Hour, 0), 23)
	c.Minute = min(max(c.Minute, 0), 59)
	// wall is the target wall-clock reading, expressed as seconds in a
	// UTC-like count: an instant t matches when t.Unix()+offset(t) >= wall.
	wall := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, time.UTC).Unix()
	cur := time.Unix(wall, 0).Add(-maxZoneOffset).In(loc)
	for range 1000 {
		_, off := cur.Zone()
		_, end := cur.ZoneBounds()
		// Within this period the wall clock is cur+off and rises with
		// time, so the first matching instant here is wall-off, or the
		// start of what we look at if the wall clock is already past.
		cand := time.Unix(wall-int64(off), 0)
		if cand.Before(cur) {
			cand = cur
		}
		if end.IsZero() || cand.Before(end) {
			return cand.In(loc)
		}
		cur = end.In(loc)
	}
	// Unreachable for real zone data: at most a handful of transitions fall
	// within the 30 hours scanned.
	return time.Unix(wall, 0).In(loc)
}

// NextAfter returns the first post strictly after t: its instant and the
// local date it belongs to (the key that makes it "one post per server per
// local date"). Dates are those whose weekday is in s.Days; the instant is
// DueOn(date). With no Days it returns zero values.
func (s Schedule) NextAfter(t time.Time) (due time.Time, localDate Date) {
	if s.Days&EveryDay == 0 {
		return time.Time{}, Date{}
	}
	// The post for date d is due no earlier than d's local start, so dates
	// well before t's local date are long past; begin a few days back to
	// allow for zones whose wall clock jumps backwards.
	d := DateIn(t, s.loc()).AddDays(-3)
	for range 64 {
		if s.Days.Has(d.Weekday()) {
			if due := s.DueOn(d); due.After(t) {
				return due, d
			}
		}
		d = d.AddDays(1)
	}
	return time.Time{}, Date{} // unreachable with a non-empty set of days
}

// Next returns the instants of the next n posts strictly after t, in order
// (for "next three posts"). It returns nil when n <= 0 or s has no days.
func (s Schedule) Next(t time.Time, n int) []time.Time {
	var out []time.Time
	for range max(n, 0) {
		due, _ := s.NextAfter(t)
		if due.IsZero() {
			break
		}
		out = append(out, due)
		t = due
	}
	return out
}

// Decision says what the sweep should do with a post whose due time has
// come, or not yet.
type Decision int

// The decisions Decide returns.
const (
	// NotYet: the post is not due yet.
	NotYet Decision = iota
	// OnTime: the post is due now (within OnTimeGrace of its due time).
	OnTime
	// Late: the post was missed (the bot was down) but is within the
	// catch-up window; send it with a note that it is late.
	Late
	// Missed: the post is older than the catch-up window; skip it and
	// report it in /daily status.
	Missed
)

// String returns the decision's name in lower case.
func (d Decision) String() string {
	switch d {
	case NotYet:
		return "not yet"
	case OnTime:
		return "on time"
	case Late:
		return "late"
	case Missed:
		return "missed"
	}
	return "unknown"
}

// OnTimeGrace is how long after its due time a post still counts as on
// time: the sweep runs every minute, so a post found a little after its due
// time is normal, not a catch-up.
const OnTimeGrace = 5 * time.Minute

// DefaultCatchUpWindow is the catch-up window the design calls for.
const DefaultCatchUpWindow = 6 * time.Hour

// Decide classifies a post due at due, seen at now: NotYet before due;
// OnTime for less than OnTimeGrace after due; Late up to and including
// window after due; Missed beyond that. A window shorter than OnTimeGrace
// means nothing is ever Late.
func Decide(due, now time.Time, window time.Duration) Decision {
	lag := now.Sub(due)
	switch {
	case lag < 0:
		return NotYet
	case lag < OnTimeGrace:
		return OnTime
	case lag <= window:
		return Late
	}
	return Missed
}
