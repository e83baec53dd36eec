package streak

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
)

func d(s string) schedule.Date {
	v, err := schedule.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func ds(ss ...string) []schedule.Date {
	out := make([]schedule.Date, len(ss))
	for i, s := range ss {
		out[i] = d(s)
	}
	return out
}

func TestCompute(t *testing.T) {
	tests := []struct {
		name  string
		days  []schedule.Date
		today string
		want  Stats
	}{
		{"none", nil, "2026-03-10", Stats{}},
		{"today only", ds("2026-03-10"), "2026-03-10", Stats{1, 1, 1, d("2026-03-10")}},
		{"yesterday keeps it alive", ds("2026-03-08", "2026-03-09"), "2026-03-10", Stats{2, 2, 2, d("2026-03-09")}},
		{"a full missed day breaks it", ds("2026-03-07", "2026-03-08"), "2026-03-10", Stats{0, 2, 2, d("2026-03-08")}},
		{"missed day resets", ds("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06"), "2026-03-06", Stats{2, 3, 5, d("2026-03-06")}},
		{"unsorted and duplicates", ds("2026-03-06", "2026-03-04", "2026-03-05", "2026-03-05", "2026-03-06"), "2026-03-06", Stats{3, 3, 3, d("2026-03-06")}},
		{"month and year ends", ds("2025-12-30", "2025-12-31", "2026-01-01", "2026-02-28", "2026-03-01"), "2026-03-01", Stats{2, 3, 5, d("2026-03-01")}},
		{"future days ignored", ds("2026-03-09", "2026-03-10", "2026-03-11"), "2026-03-10", Stats{2, 2, 2, d("2026-03-10")}},
		{"best in the past", ds("2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-03-10"), "2026-03-10", Stats{1, 4, 5, d("2026-03-10")}},
		{"zero dates ignored", []schedule.Date{{}, d("2026-03-10")}, "2026-03-10", Stats{1, 1, 1, d("2026-03-10")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compute(tt.days, d(tt.today)); got != tt.want {
				t.Errorf("Compute = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestLocalDatesAcrossMidnightAndDST(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, dd, h, mi int) time.Time { return time.Date(y, m, dd, h, mi, 0, 0, ny) }
	tests := []struct {
		name  string
		times []time.Time
		today string
		want  Stats
	}{
		{"23:59 then 00:01 continue", []time.Time{at(2026, 6, 1, 23, 59), at(2026, 6, 2, 0, 1)}, "2026-06-02", Stats{2, 2, 2, d("2026-06-02")}},
		// The spring-forward day has 23 hours: 00:01 Mar 8 to 00:01 Mar 9 is 23h.
		{"spring-forward day", []time.Time{at(2026, 3, 7, 23, 59), at(2026, 3, 8, 0, 1), at(2026, 3, 9, 0, 1)}, "2026-03-09", Stats{3, 3, 3, d("2026-03-09")}},
		// The fall-back day has 25 hours: 00:01 and 23:59 on Nov 1 are one day.
		{"fall-back day", []time.Time{at(2026, 10, 31, 23, 59), at(2026, 11, 1, 0, 1), at(2026, 11, 1, 23, 59), at(2026, 11, 2, 0, 1)}, "2026-11-02", Stats{3, 3, 3, d("2026-11-02")}},
		// 47 hours apart but on consecutive local dates.
		{"far apart, consecutive dates", []time.Time{at(2026, 6, 1, 0, 1), at(2026, 6, 2, 23, 59)}, "2026-06-03", Stats{2, 2, 2, d("2026-06-02")}},
		// Only 2 minutes apart in UTC terms across a day gap: still broken.
		{"gap of a day", []time.Time{at(2026, 6, 1, 23, 59), at(2026, 6, 3, 0, 1)}, "2026-06-03", Stats{1, 1, 2, d("2026-06-03")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compute(LocalDates(tt.times, ny), d(tt.today)); got != tt.want {
				t.Errorf("Compute = %+v, want %+v", got, tt.want)
			}
		})
	}
	// The same instant is a different date in another zone.
	inst := time.Date(2026, 6, 2, 3, 0, 0, 0, time.UTC)
	if LocalDate(inst, ny) != d("2026-06-01") || LocalDate(inst, nil) != d("2026-06-02") {
		t.Errorf("LocalDate: %v %v", LocalDate(inst, ny), LocalDate(inst, nil))
	}
}

// weekdaysOf lists the dates from..to whose weekday is in w.
func weekdaysOf(from, to string, w schedule.Weekdays) []schedule.Date {
	var out []schedule.Date
	for x := d(from); !x.After(d(to)); x = x.AddDays(1) {
		if w.Has(x.Weekday()) {
			out = append(out, x)
		}
	}
	return out
}

func TestComputeOnPostDays(t *testing.T) {
	// March 2026: the 2nd is a Monday.
	posts := weekdaysOf("2026-03-02", "2026-03-20", schedule.WorkWeek)
	tests := []struct {
		name     string
		answered []schedule.Date
		today    string
		want     Stats
	}{
		{"weekend does not break", ds("2026-03-05", "2026-03-06", "2026-03-09"), "2026-03-09", Stats{3, 3, 3, d("2026-03-09")}},
		{"alive over the weekend", ds("2026-03-05", "2026-03-06"), "2026-03-08", Stats{2, 2, 2, d("2026-03-06")}},
		{"monday not yet answered", ds("2026-03-05", "2026-03-06"), "2026-03-09", Stats{2, 2, 2, d("2026-03-06")}},
		{"missed monday breaks on tuesday", ds("2026-03-05", "2026-03-06"), "2026-03-10", Stats{0, 2, 2, d("2026-03-06")}},
		{"missed post day resets", ds("2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06"), "2026-03-06", Stats{2, 2, 4, d("2026-03-06")}},
		{"weekend answer counts in total only", ds("2026-03-06", "2026-03-07", "2026-03-09"), "2026-03-09", Stats{2, 2, 3, d("2026-03-09")}},
		{"unsorted duplicates", ds("2026-03-04", "2026-03-03", "2026-03-04", "2026-03-02"), "2026-03-04", Stats{3, 3, 3, d("2026-03-04")}},
		{"none", nil, "2026-03-04", Stats{}},
		{"answers before any post", ds("2026-03-01"), "2026-03-01", Stats{0, 0, 1, d("2026-03-01")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ComputeOnPostDays(tt.answered, posts, d(tt.today)); got != tt.want {
				t.Errorf("ComputeOnPostDays = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// With a post every day, ComputeOnPostDays agrees with Compute.
func TestPostEveryDayMatchesCompute(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	all := weekdaysOf("2026-01-01", "2026-03-31", schedule.EveryDay)
	for range 2000 {
		var ans []schedule.Date
		for _, x := range all {
			if r.IntN(3) > 0 {
				ans = append(ans, x)
			}
		}
		today := all[r.IntN(len(all))]
		a, b := Compute(ans, today), ComputeOnPostDays(ans, all, today)
		if a != b {
			t.Fatalf("today %v: Compute %+v, ComputeOnPostDays %+v", today, a, b)
		}
		if a.Current > a.Best || a.Best > a.Total {
			t.Fatalf("inconsistent %+v", a)
		}
	}
}

func BenchmarkCompute(b *testing.B) {
	days := weekdaysOf("2020-01-01", "2026-12-31", schedule.EveryDay)
	today := d("2026-12-31")
	for b.Loop() {
		Compute(days, today)
	}
}
