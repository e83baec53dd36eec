package plan

import (
	"testing"

	"github.com/prepcord/prepcord/bot/schedule"
)

func TestParseInterviewDate(t *testing.T) {
	today := schedule.Date{Year: 2026, Month: 12, Day: 3} // a Thursday
	tests := []struct{ in, want string }{
		{"2026-12-24", "2026-12-24"},
		{" 21d ", "2026-12-24"},
		{"in 21 days", "2026-12-24"},
		{"3w", "2026-12-24"},
		{"3 Weeks", "2026-12-24"},
		{"tomorrow", "2026-12-04"},
		{"friday", "2026-12-04"},
		{"Thu", "2026-12-10"},
		{"next monday", "2026-12-07"},
		{"365d", "2027-12-03"},
	}
	for _, tt := range tests {
		d, err := parseInterviewDate(tt.in, today)
		if err != nil || d.String() != tt.want {
			t.Errorf("%q: %v, %v; want %s", tt.in, d, err, tt.want)
		}
	}
	for _, bad := range []string{"", "today", "0d", "366d", "2027-12-04", "2026-12-02", "yesterday", "12/24/2026", "21", "-3d"} {
		if d, err := parseInterviewDate(bad, today); err == nil {
			t.Errorf("%q accepted as %s", bad, d)
		}
	}
}
