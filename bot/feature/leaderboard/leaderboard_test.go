package leaderboard

import (
	"testing"

	"github.com/prepcord/prepcord/bot/schedule"
)

// A period starts on Monday of this week, on the 1st of this month (the
// default), or never; any other period is refused.
func TestPeriodStart(t *testing.T) {
	today := schedule.Date{Year: 2026, Month: 12, Day: 3} // a Thursday
	for _, tc := range []struct{ period, since, name string }{
		{"week", "2026-11-30", "this week (since Monday)"},
		{"month", "2026-12-01", "this month"},
		{"", "2026-12-01", "this month"},
		{"all", "", "all time"},
	} {
		since, name, err := periodStart(tc.period, today)
		if err != nil || since != tc.since || name != tc.name {
			t.Errorf("periodStart(%q) = %q, %q, %v; want %q, %q", tc.period, since, name, err, tc.since, tc.name)
		}
	}
	if _, _, err := periodStart("year", today); err == nil {
		t.Error("periodStart(year) accepted")
	}
}
