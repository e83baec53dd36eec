package interview

import (
	"strings"
	"testing"
	"time"
)

func TestParseWhen(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	// Thursday 3 December 2026, 10:00 in Paris.
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, paris)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, paris) }
	ok := []struct {
		in   string
		want time.Time
	}{
		{"2026-12-05 18:30", at(12, 5, 18, 30)},
		{"tomorrow 18:30", at(12, 4, 18, 30)},
		{"Tomorrow at 6:30pm", at(12, 4, 18, 30)},
		{"fri 6pm", at(12, 4, 18, 0)},
		{"6pm friday", at(12, 4, 18, 0)},
		{"thu 9am", at(12, 10, 9, 0)}, // this Thursday's 9am has passed: next week's
		{"thu 11:00", at(12, 3, 11, 0)},
		{"18:30", at(12, 3, 18, 30)},
		{"9:00", at(12, 4, 9, 0)}, // passed today: tomorrow
		{"today noon", at(12, 3, 12, 0)},
		{"  2026-12-05,  7 pm ", at(12, 5, 19, 0)},
	}
	for _, tc := range ok {
		got, err := parseWhen(tc.in, now, paris)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("parseWhen(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	bad := []struct{ in, want string }{
		{"", "Give a time"},
		{"whenever suits", "could not read"},
		{"fri", "could not read"},
		{"2026-13-05 18:00", "could not read"},
		{"tomorrow 25:00", "could not read"},
		{"today 9am", "already passed"},
		{"2026-12-01 10:00", "already passed"},
		{"2027-01-10 10:00", "more than 30 days"},
		{"<@123> @everyone 18:00", "could not read"},
	}
	for _, tc := range bad {
		_, err := parseWhen(tc.in, now, paris)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseWhen(%q) error %v, want %q", tc.in, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "<@123>") {
			t.Errorf("parseWhen(%q) error draws a mention: %v", tc.in, err)
		}
	}
}

// FuzzParseWhen: any text gives a time ahead within 30 days or an error,
// never a panic.
func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"tomorrow 18:30", "fri 6pm", "2026-12-05 18:30", "18:30", "6pm friday", "at", "", "2026-02-30 10:00", "today 24:00"} {
		f.Add(s)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, paris)
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseWhen(s, now, paris)
		if err == nil && (!got.After(now) || got.Sub(now) > maxAhead) {
			t.Fatalf("parseWhen(%q) = %v, outside (now, now+30d]", s, got)
		}
	})
}
