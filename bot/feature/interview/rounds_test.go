package interview

import (
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/store"
)

func TestMockRepeatWindowMatchesStore(t *testing.T) {
	if store.RepeatWindow != match.RepeatWindow {
		t.Fatalf("store history window %v, match window %v", store.RepeatWindow, match.RepeatWindow)
	}
}

// Weekly rounds keep their local time through daylight saving, like the
// daily post: a time inside the spring-forward gap is the first instant
// after it, and the repeated fall-back hour holds one round, not two.
func TestMockNextRoundInZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	utc := func(y int, m time.Month, d, h, mn int) time.Time { return time.Date(y, m, d, h, mn, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		now     time.Time
		weekday time.Weekday
		hhmm    string
		loc     *time.Location
		want    time.Time
	}{
		{"UTC as before zones", utc(2026, 11, 29, 12, 0), time.Monday, "18:00", time.UTC, utc(2026, 11, 30, 18, 0)},
		{"New York in winter (UTC-5)", utc(2026, 11, 29, 12, 0), time.Monday, "18:00", ny, utc(2026, 11, 30, 23, 0)},
		{"New York in summer (UTC-4)", utc(2026, 6, 28, 12, 0), time.Monday, "18:00", ny, utc(2026, 6, 29, 22, 0)},
		{"already past this week", utc(2026, 11, 30, 23, 30), time.Monday, "18:00", ny, utc(2026, 12, 7, 23, 0)},
		{"inside the spring-forward gap", utc(2027, 3, 10, 0, 0), time.Sunday, "02:30", ny, utc(2027, 3, 14, 7, 0)},
		{"repeated fall-back hour: the first", utc(2026, 10, 30, 0, 0), time.Sunday, "01:30", ny, utc(2026, 11, 1, 5, 30)},
		{"repeated fall-back hour: not twice", utc(2026, 11, 1, 5, 30), time.Sunday, "01:30", ny, utc(2026, 11, 8, 6, 30)},
		{"unreadable time", utc(2026, 11, 29, 12, 0), time.Monday, "25:00", ny, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nextRound(tt.now, int(tt.weekday), tt.hhmm, tt.loc); !got.Equal(tt.want) {
				t.Fatalf("next round %v, want %v", got.UTC(), tt.want)
			}
		})
	}
}
