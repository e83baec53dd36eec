package streak

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
)

// run lists n consecutive dates from from.
func run(from string, n int) []schedule.Date {
	return weekdaysOf(from, d(from).AddDays(n-1).String(), schedule.EveryDay)
}

func TestFreezesEarnedAndHeld(t *testing.T) {
	every := weekdaysOf("2026-03-01", "2026-04-30", schedule.EveryDay)
	tests := []struct {
		name     string
		answered []schedule.Date
		posted   []schedule.Date
		today    string
		freezes  int
		current  int
		frozen   []schedule.Date
	}{
		{"6 days earn none", run("2026-03-01", 6), nil, "2026-03-06", 0, 6, nil},
		{"7 days earn one", run("2026-03-01", 7), nil, "2026-03-07", 1, 7, nil},
		{"13 days earn one", run("2026-03-01", 13), nil, "2026-03-13", 1, 13, nil},
		{"14 days earn two", run("2026-03-01", 14), nil, "2026-03-14", 2, 14, nil},
		{"21 days still hold two", run("2026-03-01", 21), nil, "2026-03-21", 2, 21, nil},
		{"28 days still hold two", run("2026-03-01", 28), every, "2026-03-28", 2, 28, nil},
		{"today not answered yet keeps all", run("2026-03-01", 7), nil, "2026-03-08", 1, 7, nil},
		{"a missed day uses one, not counted in length", run("2026-03-01", 7), nil, "2026-03-09", 0, 7, ds("2026-03-08")},
		{"the streak goes on after the frozen day", append(run("2026-03-01", 7), run("2026-03-09", 3)...), nil, "2026-03-11", 0, 10, ds("2026-03-08")},
		{"two missed days with one freeze break it", run("2026-03-01", 7), nil, "2026-03-10", 0, 0, ds("2026-03-08")},
		{"two missed days with two freezes keep it", run("2026-03-01", 14), nil, "2026-03-17", 0, 14, ds("2026-03-15", "2026-03-16")},
		{"a broken streak does not use freezes", append(run("2026-03-01", 7), d("2026-03-20")), nil, "2026-03-25", 0, 0, ds("2026-03-08")},
		// 14 days hold 2; one used on the 15th; 6 more answered days do not
		// earn one (the count restarted at the frozen day), the 7th does.
		{"a frozen day restarts the count", append(run("2026-03-01", 14), run("2026-03-16", 7)...), nil, "2026-03-22", 2, 21, ds("2026-03-15")},
		{"six after a frozen day earn none", append(run("2026-03-01", 7), run("2026-03-09", 6)...), nil, "2026-03-14", 0, 13, ds("2026-03-08")},
		// Mon-fri posts: the weekend is no counting day, so it uses nothing.
		{"days without a post use nothing", weekdaysOf("2026-03-02", "2026-03-10", schedule.WorkWeek), weekdaysOf("2026-03-02", "2026-03-31", schedule.WorkWeek), "2026-03-11", 1, 7, nil},
		{"a missed post day uses one", weekdaysOf("2026-03-02", "2026-03-10", schedule.WorkWeek), weekdaysOf("2026-03-02", "2026-03-31", schedule.WorkWeek), "2026-03-12", 0, 7, ds("2026-03-11")},
		{"none", nil, nil, "2026-03-12", 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WithFreezes(tt.answered, tt.posted, d(tt.today))
			if got.Freezes != tt.freezes || got.Current != tt.current || !slices.Equal(got.Frozen, tt.frozen) {
				t.Errorf("WithFreezes = freezes %d current %d frozen %v, want %d %d %v", got.Freezes, got.Current, got.Frozen,
					tt.freezes, tt.current, tt.frozen)
			}
			if got.Freezes < 0 || got.Freezes > MaxFreezes || got.Current > got.Best {
				t.Errorf("inconsistent %+v", got)
			}
		})
	}
}

// TestFreezeUsedAtLocalMidnight: a member with 7 days in a row (1-7 of the
// month, local) who does not answer on the 8th keeps the freeze until the
// server's local midnight ends the 8th, and has used it from then on,
// in a zone far from UTC and on days whose midnight a DST change moves.
func TestFreezeUsedAtLocalMidnight(t *testing.T) {
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	kiri, santiago, ny := zone("Pacific/Kiritimati"), zone("America/Santiago"), zone("America/New_York")
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		name   string
		loc    *time.Location
		first  string // first of 7 days answered; the day after them is missed
		now    time.Time
		frozen bool
	}{
		// UTC+14: the 9th begins at 10:00 UTC on the 8th.
		{"Kiritimati 23:59", kiri, "2026-03-01", utc("2026-03-08T09:59:00Z"), false},
		{"Kiritimati midnight", kiri, "2026-03-01", utc("2026-03-08T10:00:00Z"), true},
		// Santiago springs forward at 24:00 on 5 September 2026: the 6th
		// begins at 01:00 local (04:00 UTC), there is no midnight.
		{"Santiago spring 23:59", santiago, "2026-08-29", utc("2026-09-06T03:59:00Z"), false},
		{"Santiago spring first instant", santiago, "2026-08-29", utc("2026-09-06T04:00:00Z"), true},
		// Santiago falls back at 24:00 on 4 April 2026: the 4th has 25
		// hours; 23:00-23:59 is lived twice, the 5th begins at 04:00 UTC.
		{"Santiago fall first 23:30", santiago, "2026-03-28", utc("2026-04-05T02:30:00Z"), false},
		{"Santiago fall repeated 23:30", santiago, "2026-03-28", utc("2026-04-05T03:30:00Z"), false},
		{"Santiago fall midnight", santiago, "2026-03-28", utc("2026-04-05T04:00:00Z"), true},
		// New York springs forward at 02:00 on 8 March: a 23-hour day.
		{"New York spring day 23:59", ny, "2026-03-01", utc("2026-03-09T03:59:00Z"), false},
		{"New York after the spring day", ny, "2026-03-01", utc("2026-03-09T04:00:00Z"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answered := run(tt.first, 7)
			missed := d(tt.first).AddDays(7)
			got := WithFreezes(answered, nil, LocalDate(tt.now, tt.loc))
			want := Result{Stats: Stats{Current: 7, Best: 7, Total: 7, LastDay: answered[6]}, Freezes: 1}
			if tt.frozen {
				want.Freezes, want.Frozen = 0, []schedule.Date{missed}
			}
			if got.Stats != want.Stats || got.Freezes != want.Freezes || !slices.Equal(got.Frozen, want.Frozen) {
				t.Errorf("at %s local: %+v, want %+v", tt.now.In(tt.loc).Format(time.DateTime+" MST"), got, want)
			}
		})
	}
}

// Where no freeze is ever used, WithFreezes agrees with Compute (every day)
// and ComputeOnPostDays (mon-fri posts); where one is, its streak is at
// least as long.
func TestWithFreezesMatchesComputeWithoutFreezes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	all := weekdaysOf("2026-01-01", "2026-03-31", schedule.EveryDay)
	work := weekdaysOf("2026-01-01", "2026-03-31", schedule.WorkWeek)
	used := 0
	for i := range 3000 {
		var ans []schedule.Date
		for _, x := range all {
			if r.IntN(8) > 0 {
				ans = append(ans, x)
			}
		}
		today := all[r.IntN(len(all))]
		var posted []schedule.Date
		old := Compute(ans, today)
		if i%2 == 1 {
			posted = work
			old = ComputeOnPostDays(ans, posted, today)
		}
		got := WithFreezes(ans, posted, today)
		if len(got.Frozen) == 0 && got.Stats != old {
			t.Fatalf("today %v: WithFreezes %+v, without freezes %+v", today, got.Stats, old)
		}
		if len(got.Frozen) > 0 {
			used++
			if got.Current < old.Current || got.Best < old.Best || got.Total != old.Total {
				t.Fatalf("today %v: WithFreezes %+v shorter than %+v", today, got.Stats, old)
			}
		}
	}
	if used == 0 {
		t.Fatal("no case used a freeze")
	}
}
