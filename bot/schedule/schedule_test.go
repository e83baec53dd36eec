package schedule

import (
	"math/rand/v2"
	"testing"
	"time"
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// wallSecs is the local wall-clock reading of t in loc as seconds in a
// UTC-like count, comparable with targetSecs.
func wallSecs(t time.Time, loc *time.Location) int64 {
	_, off := t.In(loc).Zone()
	return t.Unix() + int64(off)
}

func targetSecs(d Date, c Clock) int64 {
	return time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, time.UTC).Unix()
}

func TestDueOnTransitions(t *testing.T) {
	tests := []struct {
		name  string
		zone  string
		date  string
		clock Clock
		want  string // RFC 3339 in UTC
	}{
		{"NY spring gap", "America/New_York", "2026-03-08", Clock{2, 30}, "2026-03-08T07:00:00Z"},
		{"NY spring gap start", "America/New_York", "2026-03-08", Clock{2, 0}, "2026-03-08T07:00:00Z"},
		{"NY after gap", "America/New_York", "2026-03-08", Clock{3, 0}, "2026-03-08T07:00:00Z"},
		{"NY before gap", "America/New_York", "2026-03-08", Clock{1, 59}, "2026-03-08T06:59:00Z"},
		{"NY fall first occurrence", "America/New_York", "2026-11-01", Clock{1, 30}, "2026-11-01T05:30:00Z"},
		{"NY fall 01:00", "America/New_York", "2026-11-01", Clock{1, 0}, "2026-11-01T05:00:00Z"},
		{"NY fall 02:00 once", "America/New_York", "2026-11-01", Clock{2, 0}, "2026-11-01T07:00:00Z"},
		{"London spring gap", "Europe/London", "2026-03-29", Clock{1, 30}, "2026-03-29T01:00:00Z"},
		{"London fall first", "Europe/London", "2026-10-25", Clock{1, 30}, "2026-10-25T00:30:00Z"},
		{"Lord Howe 30-min gap", "Australia/Lord_Howe", "2026-10-04", Clock{2, 15}, "2026-10-03T15:30:00Z"},
		{"Lord Howe 02:30 exists", "Australia/Lord_Howe", "2026-10-04", Clock{2, 30}, "2026-10-03T15:30:00Z"},
		{"Lord Howe 30-min overlap", "Australia/Lord_Howe", "2026-04-05", Clock{1, 45}, "2026-04-04T14:45:00Z"},
		{"Chatham gap at 02:45", "Pacific/Chatham", "2026-09-27", Clock{3, 0}, "2026-09-26T14:00:00Z"},
		{"Chatham before gap", "Pacific/Chatham", "2026-09-27", Clock{2, 30}, "2026-09-26T13:45:00Z"},
		{"Chatham overlap", "Pacific/Chatham", "2026-04-05", Clock{3, 0}, "2026-04-04T13:15:00Z"},
		{"Kolkata", "Asia/Kolkata", "2026-03-08", Clock{2, 30}, "2026-03-07T21:00:00Z"},
		{"Samoa skipped day", "Pacific/Apia", "2011-12-30", Clock{9, 0}, "2011-12-30T10:00:00Z"},
		{"Havana midnight gap", "America/Havana", "2026-03-08", Clock{0, 30}, "2026-03-08T05:00:00Z"},
		{"UTC", "UTC", "2026-03-08", Clock{23, 59}, "2026-03-08T23:59:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDate(tt.date)
			if err != nil {
				t.Fatal(err)
			}
			s := Schedule{Clock: tt.clock, Days: EveryDay, Loc: mustLoad(t, tt.zone)}
			got := s.DueOn(d).UTC().Format(time.RFC3339)
			if got != tt.want {
				t.Errorf("DueOn(%v %v %s) = %s, want %s", d, tt.clock, tt.zone, got, tt.want)
			}
			if s.DueOn(d).Location() != s.Loc {
				t.Error("DueOn result not in the schedule's location")
			}
		})
	}
}

// checkFirstInstant verifies, independently of DueOn's method, that due is
// the first instant whose local wall clock reaches d at c. It reports
// whether due fell in a gap and whether the target time occurs twice.
func checkFirstInstant(t *testing.T, loc *time.Location, d Date, c Clock, due time.Time) (gap, overlap bool) {
	t.Helper()
	target := targetSecs(d, c)
	w := wallSecs(due, loc)
	if w < target {
		t.Fatalf("%s %v %v: due %v has wall clock before the target", loc, d, c, due)
	}
	// No earlier instant reaches the target: every minute for the three
	// hours before due, then every 15 minutes back to 30 hours.
	for back := time.Second; back <= 30*time.Hour; {
		if wallSecs(due.Add(-back), loc) >= target {
			t.Fatalf("%s %v %v: %v (%v before due %v) already reaches the target", loc, d, c, due.Add(-back), back, due)
		}
		switch {
		case back < time.Minute:
			back = time.Minute
		case back < 3*time.Hour:
			back += time.Minute
		default:
			back += 15 * time.Minute
		}
	}
	if w > target {
		// A gap: due must be a transition, and the target wall time must
		// not exist under either offset around it.
		_, before := due.Add(-time.Second).In(loc).Zone()
		_, after := due.In(loc).Zone()
		if before == after {
			t.Fatalf("%s %v %v: due %v is past the target but not at a transition", loc, d, c, due)
		}
		for _, off := range []int{before, after} {
			if wallSecs(time.Unix(target-int64(off), 0), loc) == target {
				t.Fatalf("%s %v %v: the target exists at offset %d but due is %v", loc, d, c, off, due)
			}
		}
		gap = true
	}
	_, off1 := due.In(loc).Zone()
	_, off2 := due.Add(4 * time.Hour).In(loc).Zone()
	if off2 != off1 && wallSecs(time.Unix(target-int64(off2), 0), loc) == target && time.Unix(target-int64(off2), 0).After(due) {
		overlap = true
	}
	return gap, overlap
}

// TestWalkYear walks a whole year with NextAfter in zones with unusual
// transitions and checks: one due per allowed local date, in order, strictly
// increasing, each the first instant reaching the local clock time.
func TestWalkYear(t *testing.T) {
	type counts struct{ gaps, overlaps int }
	clocks := []Clock{{0, 0}, {1, 30}, {2, 15}, {2, 30}, {3, 0}, {23, 59}}
	// Expected gap and overlap days in 2026 for each zone and clock, for a
	// schedule that posts on Sundays (every transition in these zones is on
	// a Sunday).
	want := map[string]map[Clock]counts{
		"America/New_York":    {{1, 30}: {0, 1}, {2, 15}: {1, 0}, {2, 30}: {1, 0}},
		"Europe/London":       {{1, 30}: {1, 1}},
		"Australia/Lord_Howe": {{1, 30}: {0, 1}, {2, 15}: {1, 0}},
		"Asia/Kolkata":        {},
		"Pacific/Chatham":     {{3, 0}: {1, 1}},
	}
	daySets := []Weekdays{EveryDay, WorkWeek, DaysOf(time.Monday, time.Wednesday, time.Friday), Weekend, DaysOf(time.Sunday)}
	for zone, zc := range want {
		loc := mustLoad(t, zone)
		for _, c := range clocks {
			for _, days := range daySets {
				t.Run(zone+"/"+c.String()+"/"+days.String(), func(t *testing.T) {
					s := Schedule{Clock: c, Days: days, Loc: loc}
					var wantDates []Date
					for d := (Date{2026, 1, 1}); d.Year == 2026; d = d.AddDays(1) {
						if days.Has(d.Weekday()) {
							wantDates = append(wantDates, d)
						}
					}
					cur := time.Date(2025, 12, 31, 12, 0, 0, 0, loc)
					// Skip to the first 2026 post.
					due, d := s.NextAfter(cur)
					for d.Before(Date{2026, 1, 1}) {
						cur = due
						due, d = s.NextAfter(cur)
					}
					var got counts
					i := 0
					for d.Year == 2026 {
						if i >= len(wantDates) || d != wantDates[i] {
							t.Fatalf("post %d is for %v, want %v", i, d, wantDates[min(i, len(wantDates)-1)])
						}
						if !due.After(cur) {
							t.Fatalf("due %v not after %v", due, cur)
						}
						if ld := DateIn(due, loc); ld != d {
							t.Fatalf("due %v is on local date %v, not %v", due, ld, d)
						}
						if !s.DueOn(d).Equal(due) {
							t.Fatalf("DueOn(%v) = %v, NextAfter gave %v", d, s.DueOn(d), due)
						}
						gap, overlap := checkFirstInstant(t, loc, d, c, due)
						if !gap && (due.In(loc).Hour() != c.Hour || due.In(loc).Minute() != c.Minute) {
							t.Fatalf("due %v is not at local %v", due.In(loc), c)
						}
						if gap {
							got.gaps++
						}
						if overlap {
							got.overlaps++
						}
						// A moment before the due instant, NextAfter finds it again.
						if again, d2 := s.NextAfter(due.Add(-time.Nanosecond)); !again.Equal(due) || d2 != d {
							t.Fatalf("NextAfter(due-1ns) = %v %v, want %v %v", again, d2, due, d)
						}
						i++
						cur = due
						due, d = s.NextAfter(cur)
					}
					if i != len(wantDates) {
						t.Fatalf("got %d posts, want %d", i, len(wantDates))
					}
					exp := zc[c]
					if !days.Has(time.Sunday) {
						exp = counts{}
					}
					if got != exp {
						t.Errorf("gaps/overlaps = %+v, want %+v", got, exp)
					}
				})
			}
		}
	}
}

// TestNextAfterRandom is a property test: random instants, zones, clocks
// and day sets; NextAfter must return the first allowed date's due instant
// strictly after the given time.
func TestNextAfterRandom(t *testing.T) {
	zones := []string{
		"America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Pacific/Chatham",
		"Pacific/Apia", "America/Santiago", "Asia/Tehran", "America/Havana", "Europe/Dublin",
		"Africa/Casablanca", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati", "UTC",
	}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		locs[i] = mustLoad(t, z)
	}
	r := rand.New(rand.NewPCG(1, 2))
	lo := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		loc := locs[r.IntN(len(locs))]
		days := Weekdays(1 + r.IntN(int(EveryDay)))
		c := Clock{r.IntN(24), []int{0, 15, 30, 45, r.IntN(60)}[r.IntN(5)]}
		s := Schedule{Clock: c, Days: days, Loc: loc}
		at := time.Unix(lo+r.Int64N(hi-lo), r.Int64N(1e9))
		due, d := s.NextAfter(at)
		if !due.After(at) {
			t.Fatalf("%s %v %v: NextAfter(%v) = %v, not after", loc, c, days, at, due)
		}
		if !days.Has(d.Weekday()) {
			t.Fatalf("%s: date %v not allowed by %v", loc, d, days)
		}
		if !s.DueOn(d).Equal(due) {
			t.Fatalf("%s: DueOn(%v) = %v, NextAfter = %v", loc, d, s.DueOn(d), due)
		}
		// The previous allowed date's post is not after at.
		p := d.AddDays(-1)
		for !days.Has(p.Weekday()) {
			p = p.AddDays(-1)
		}
		if s.DueOn(p).After(at) {
			t.Fatalf("%s %v %v: earlier date %v due %v is also after %v (got %v)", loc, c, days, p, s.DueOn(p), at, d)
		}
		checkFirstInstant(t, loc, d, c, due)
	}
}

func TestNextAfterNoDays(t *testing.T) {
	due, d := Schedule{Clock: Clock{9, 0}}.NextAfter(time.Now())
	if !due.IsZero() || !d.IsZero() {
		t.Errorf("no days gave %v %v", due, d)
	}
	if got := (Schedule{Clock: Clock{9, 0}}).Next(time.Now(), 3); got != nil {
		t.Errorf("Next with no days = %v", got)
	}
}

func TestNext(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	s := Schedule{Clock: Clock{9, 0}, Days: WorkWeek, Loc: ny}
	// Friday 2026-03-06 10:00 local: the next three posts are Mon, Tue, Wed.
	from := time.Date(2026, 3, 6, 10, 0, 0, 0, ny)
	got := s.Next(from, 3)
	want := []string{"2026-03-09T09:00:00-04:00", "2026-03-10T09:00:00-04:00", "2026-03-11T09:00:00-04:00"}
	if len(got) != len(want) {
		t.Fatalf("Next = %v", got)
	}
	for i := range want {
		if got[i].Format(time.RFC3339) != want[i] {
			t.Errorf("Next[%d] = %s, want %s", i, got[i].Format(time.RFC3339), want[i])
		}
	}
	// Exactly at a due instant, that post is not "next".
	if due, _ := s.NextAfter(got[0]); !due.Equal(got[1]) {
		t.Errorf("NextAfter(due) = %v, want %v", due, got[1])
	}
	if s.Next(from, 0) != nil {
		t.Error("Next(0) not nil")
	}
}

func TestDecide(t *testing.T) {
	due := time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)
	window := DefaultCatchUpWindow
	tests := []struct {
		now  time.Duration // after due
		win  time.Duration
		want Decision
	}{
		{-time.Nanosecond, window, NotYet},
		{-time.Hour, window, NotYet},
		{0, window, OnTime},
		{4 * time.Minute, window, OnTime},
		{OnTimeGrace, window, Late},
		{3 * time.Hour, window, Late},
		{window, window, Late},
		{window + time.Second, window, Missed},
		{10 * time.Minute, 0, Missed},
		{time.Minute, 0, OnTime},
	}
	for _, tt := range tests {
		if got := Decide(due, due.Add(tt.now), tt.win); got != tt.want {
			t.Errorf("Decide(due+%v, window %v) = %v, want %v", tt.now, tt.win, got, tt.want)
		}
	}
	for d, s := range map[Decision]string{NotYet: "not yet", OnTime: "on time", Late: "late", Missed: "missed", 9: "unknown"} {
		if d.String() != s {
			t.Errorf("%d.String() = %q", d, d.String())
		}
	}
}

func BenchmarkNextAfter(b *testing.B) {
	s := Schedule{Clock: Clock{2, 30}, Days: WorkWeek, Loc: mustLoad(b, "America/New_York")}
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; b.Loop(); i++ {
		s.NextAfter(t0.Add(time.Duration(i%10000) * time.Hour))
	}
}
