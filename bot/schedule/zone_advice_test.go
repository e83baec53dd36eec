package schedule

import (
	"strings"
	"testing"
)

// TestZoneAdviceWarnsOnFixedAndLegacyZones: fixed offsets and legacy names
// are accepted with a warning naming the zone of a place; abbreviations
// that are no zone are refused naming it; places and UTC get no warning.
func TestZoneAdviceWarnsOnFixedAndLegacyZones(t *testing.T) {
	cases := []struct {
		in, zone string
		want     []string // in the warning; nil: no warning
	}{
		{"EST", "EST", []string{"fixed offset (UTC-05:00)", "daylight saving", `"America/New_York"`}},
		{"est", "EST", []string{"fixed offset", `"America/New_York"`}},
		{"MST", "MST", []string{"UTC-07:00", `"America/Denver"`}},
		{"PST8PDT", "PST8PDT", []string{"legacy zone name", `"America/Los_Angeles"`}},
		{"pst8pdt", "PST8PDT", []string{"legacy", `"America/Los_Angeles"`}},
		{"CET", "CET", []string{"legacy", `"Europe/Paris" or "Europe/Berlin"`}},
		{"Etc/GMT+5", "Etc/GMT+5", []string{"fixed offset (UTC-05:00; these names invert the sign)", "America/New_York"}},
		{"etc/gmt-3", "Etc/GMT-3", []string{"UTC+03:00", "Europe/Moscow"}},
		{"Etc/GMT-14", "Etc/GMT-14", []string{"UTC+14:00", "type your city"}},
		{"America/New_York", "America/New_York", nil},
		{"Asia/Kolkata", "Asia/Kolkata", nil},
		{"UTC", "UTC", nil},
		{"Etc/GMT", "UTC", nil},
		{"london", "Europe/London", nil},
	}
	for _, c := range cases {
		loc, warn, err := ParseZone(c.in)
		if err != nil {
			t.Errorf("ParseZone(%q): %v", c.in, err)
			continue
		}
		if loc.String() != c.zone {
			t.Errorf("ParseZone(%q) = %s, want %s", c.in, loc, c.zone)
		}
		if c.want == nil && warn != "" {
			t.Errorf("ParseZone(%q) warns: %s", c.in, warn)
		}
		for _, w := range c.want {
			if !strings.Contains(warn, w) {
				t.Errorf("ParseZone(%q) warning lacks %q: %q", c.in, w, warn)
			}
		}
	}
	for in, want := range map[string]string{"PST": `"America/Los_Angeles"`, "cest": `"Europe/Paris" or "Europe/Berlin"`,
		"IST": `"Asia/Kolkata", "Europe/Dublin" or "Asia/Jerusalem"`} {
		_, err := LoadZone(in)
		if err == nil || !strings.Contains(err.Error(), "abbreviation") || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadZone(%q) = %v, want a refusal naming %s", in, err, want)
		}
	}
	// Autocomplete offers the place first for an abbreviation.
	for in, want := range map[string]string{"pst": "America/Los_Angeles", "EST": "America/New_York", "cet": "Europe/Paris"} {
		if got := SuggestZones(in, 5); len(got) == 0 || got[0] != want {
			t.Errorf("SuggestZones(%q) = %v, want %s first", in, got, want)
		}
	}
}
