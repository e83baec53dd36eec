package schedule

import (
	"fmt"
	"time"
)

// Date is a civil (calendar) date with no time of day and no time zone, such
// as the local date a daily post belongs to. The zero Date is the zero value
// and is reported by IsZero.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// DateIn returns the civil date of the instant t as seen in loc (UTC when loc
// is nil).
func DateIn(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	return DateOf(t.In(loc))
}

// ParseDate parses a date in the form 2026-03-08 (ISO 8601 calendar date).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q must look like 2026-03-08 (year-month-day)", s)
	}
	return DateOf(t), nil
}

// String formats d as 2026-03-08.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// midnightUTC is d at 00:00 UTC; it is the basis for day arithmetic, where
// every day is exactly 24 hours long.
func (d Date) midnightUTC() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days after d (before d when n is negative).
// Out-of-range fields in d are normalised, as time.Date does.
func (d Date) AddDays(n int) Date {
	return DateOf(d.midnightUTC().AddDate(0, 0, n))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.midnightUTC().Weekday() }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

// DaysSince returns the number of days from e to d: d.AddDays(d.DaysSince(e))
// == d and e.AddDays(d.DaysSince(e)) == d.
func (d Date) DaysSince(e Date) int {
	return int(d.midnightUTC().Sub(e.midnightUTC()).Hours()) / 24
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
