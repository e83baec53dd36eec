package schedule

import (
	"strings"
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want Clock
	}{
		{"09:00", Clock{9, 0}},
		{"9:00", Clock{9, 0}},
		{"21:30", Clock{21, 30}},
		{"00:00", Clock{0, 0}},
		{"23:59", Clock{23, 59}},
		{"0930", Clock{9, 30}},
		{"9", Clock{9, 0}},
		{"9am", Clock{9, 0}},
		{"9 AM", Clock{9, 0}},
		{"9:30pm", Clock{21, 30}},
		{"9.30 p.m.", Clock{21, 30}},
		{"12am", Clock{0, 0}},
		{"12:15am", Clock{0, 15}},
		{"12pm", Clock{12, 0}},
		{"12:45 pm", Clock{12, 45}},
		{"  Noon ", Clock{12, 0}},
		{"midnight", Clock{0, 0}},
	}
	for _, tt := range tests {
		got, err := ParseClock(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseClock(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseClockErrors(t *testing.T) {
	tests := []struct {
		in, wantSub string
	}{
		{"", "no time given"},
		{"24:00", "hour 24 is out of range"},
		{"9:60", "minute 60 is out of range"},
		{"13pm", "out of range 1-12"},
		{"0am", "out of range 1-12"},
		{"9:5", "two digits"},
		{"nine", "HH:MM"},
		{"-1:00", "HH:MM"},
		{"900", "HH:MM"},
		{"9:00:00", "two digits"},
	}
	for _, tt := range tests {
		_, err := ParseClock(tt.in)
		if err == nil {
			t.Errorf("ParseClock(%q) succeeded, want error", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.wantSub) || !strings.Contains(err.Error(), "e.g. 09:00 or 21:30") {
			t.Errorf("ParseClock(%q) error %q, want it to mention %q and an example", tt.in, err, tt.wantSub)
		}
	}
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"09:00", "9am", "9:30pm", "12am", "noon", "24:00", "0930", "", "9.30 p.m."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		if err != nil {
			return
		}
		if !c.Valid() {
			t.Fatalf("ParseClock(%q) = invalid %v", s, c)
		}
		back, err := ParseClock(c.String())
		if err != nil || back != c {
			t.Fatalf("round trip of %v: %v, %v", c, back, err)
		}
	})
}

func TestParseWeekdays(t *testing.T) {
	mwf := DaysOf(time.Monday, time.Wednesday, time.Friday)
	tests := []struct {
		in   string
		want Weekdays
		str  string
	}{
		{"", EveryDay, "every day"},
		{"daily", EveryDay, "every day"},
		{"Every Day", EveryDay, "every day"},
		{"mon-sun", EveryDay, "every day"},
		{"mon-fri", WorkWeek, "mon-fri"},
		{"Monday to Friday", WorkWeek, "mon-fri"},
		{"mon - fri", WorkWeek, "mon-fri"},
		{"weekdays", WorkWeek, "mon-fri"},
		{"weekends", Weekend, "sat,sun"},
		{"mon,wed,fri", mwf, "mon,wed,fri"},
		{"Monday, Wednesday and Friday", mwf, "mon,wed,fri"},
		{"MON WED FRI", mwf, "mon,wed,fri"},
		{"tue-thu,sat", DaysOf(time.Tuesday, time.Wednesday, time.Thursday, time.Saturday), "tue-thu,sat"},
		{"fri-mon", DaysOf(time.Friday, time.Saturday, time.Sunday, time.Monday), "mon,fri-sun"},
		{"sun", DaysOf(time.Sunday), "sun"},
		{"tues;thurs", DaysOf(time.Tuesday, time.Thursday), "tue,thu"},
		{"mon,mon,monday", DaysOf(time.Monday), "mon"},
		{"weekdays,sat", WorkWeek | DaysOf(time.Saturday), "mon-sat"},
		{"never", NoDays, "never"},
	}
	for _, tt := range tests {
		got, err := ParseWeekdays(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseWeekdays(%q) = %v (%08b), %v; want %v", tt.in, got, uint8(got), err, tt.want)
			continue
		}
		if got.String() != tt.str {
			t.Errorf("ParseWeekdays(%q).String() = %q, want %q", tt.in, got.String(), tt.str)
		}
	}
}

func TestParseWeekdaysErrors(t *testing.T) {
	tests := []struct{ in, bad string }{
		{"mon,funday", `"funday"`},
		{"mon-xyz", `"xyz"`},
		{"mon-", `no end day`},
		{"mon,wed,fri,sat,sundy", `"sundy"`},
		{"1-5", `"1"`},
	}
	for _, tt := range tests {
		_, err := ParseWeekdays(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.bad) {
			t.Errorf("ParseWeekdays(%q) error = %v, want it to name %s", tt.in, err, tt.bad)
		}
	}
}

func TestWeekdaysStringRoundTrip(t *testing.T) {
	for w := Weekdays(0); w <= EveryDay; w++ {
		got, err := ParseWeekdays(w.String())
		if w == NoDays {
			if err != nil || got != NoDays {
				t.Errorf("never: %v %v", got, err)
			}
			continue
		}
		if err != nil || got != w {
			t.Errorf("ParseWeekdays(%q) = %08b, %v; want %08b", w.String(), uint8(got), err, uint8(w))
		}
		if got.Len() != w.Len() {
			t.Errorf("Len mismatch")
		}
	}
}

func FuzzParseWeekdays(f *testing.F) {
	for _, s := range []string{"", "daily", "mon-fri", "tue-thu,sat", "Monday and Friday", "fri-mon", "mon - fri", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeekdays(s)
		if err != nil {
			return
		}
		if w&^EveryDay != 0 {
			t.Fatalf("stray bits %08b", uint8(w))
		}
		back, err := ParseWeekdays(w.String())
		if err != nil || back != w {
			t.Fatalf("round trip of %q (%q): %v, %v", s, w.String(), back, err)
		}
	})
}

func TestDate(t *testing.T) {
	d, err := ParseDate("2026-03-08")
	if err != nil || d != (Date{2026, time.March, 8}) || d.String() != "2026-03-08" {
		t.Fatalf("ParseDate = %v, %v", d, err)
	}
	if _, err := ParseDate("2026-02-30"); err == nil {
		t.Error("ParseDate accepted Feb 30")
	}
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{Date{2026, 3, 8}, 1, Date{2026, 3, 9}},
		{Date{2026, 2, 28}, 1, Date{2026, 3, 1}},
		{Date{2028, 2, 28}, 1, Date{2028, 2, 29}},
		{Date{2026, 12, 31}, 1, Date{2027, 1, 1}},
		{Date{2026, 1, 1}, -1, Date{2025, 12, 31}},
		{Date{2026, 1, 1}, 365, Date{2027, 1, 1}},
	}
	for _, tt := range tests {
		got := tt.d.AddDays(tt.n)
		if got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.d, tt.n, got, tt.want)
		}
		if got.DaysSince(tt.d) != tt.n {
			t.Errorf("%v.DaysSince(%v) = %d, want %d", got, tt.d, got.DaysSince(tt.d), tt.n)
		}
		if (tt.n > 0) != tt.d.Before(got) || (tt.n > 0) != got.After(tt.d) {
			t.Errorf("Before/After wrong for %v, %v", tt.d, got)
		}
	}
	if wd := (Date{2026, 3, 8}).Weekday(); wd != time.Sunday {
		t.Errorf("2026-03-08 is a %v, want Sunday", wd)
	}
	if !(Date{}).IsZero() || (Date{2026, 1, 1}).IsZero() {
		t.Error("IsZero")
	}
	ny, _ := time.LoadLocation("America/New_York")
	if got := DateIn(time.Date(2026, 3, 8, 3, 0, 0, 0, time.UTC), ny); got != (Date{2026, 3, 7}) {
		t.Errorf("DateIn = %v", got)
	}
}

func TestLoadZone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Europe/London", "Europe/London"},
		{"europe/london", "Europe/London"},
		{"America/New York", "America/New_York"},
		{"UTC", "UTC"},
		{"gmt", "UTC"},
		{"London", "Europe/London"},
		{"kolkata", "Asia/Kolkata"},
		{"Asia/Calcutta", "Asia/Kolkata"},
		{"US/Eastern", "US/Eastern"},
		{"Pacific/Chatham", "Pacific/Chatham"},
	}
	for _, tt := range tests {
		loc, err := LoadZone(tt.in)
		if err != nil || loc.String() != tt.want {
			t.Errorf("LoadZone(%q) = %v, %v; want %s", tt.in, loc, err, tt.want)
		}
	}
	errs := []struct{ in, wantSub string }{
		{"Europe/Londn", `did you mean "Europe/London"`},
		{"Amerca/New_York", `"America/New_York"`},
		{"", "no time zone given"},
		{"Local", "depends on the host"},
		{"../../etc/passwd", "unknown time zone"},
		{"Xyzzy/Qqqqqqqqqq", "unknown time zone"},
	}
	for _, tt := range errs {
		_, err := LoadZone(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.wantSub) {
			t.Errorf("LoadZone(%q) error = %v, want %q", tt.in, err, tt.wantSub)
		}
	}
}

func TestZonesAllLoad(t *testing.T) {
	zs := Zones()
	if len(zs) < 400 {
		t.Fatalf("only %d zones", len(zs))
	}
	for i, z := range zs {
		if i > 0 && zs[i-1] >= z {
			t.Errorf("Zones not sorted/unique at %q", z)
		}
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("zone %q does not load: %v", z, err)
		}
	}
}

func TestSuggestZones(t *testing.T) {
	tests := []struct {
		in    string
		first string
	}{
		{"london", "Europe/London"},
		{"new york", "America/New_York"},
		{"kolkata", "Asia/Kolkata"},
		{"Europe/Lon", "Europe/London"},
		{"Europe/Londn", "Europe/London"},
		{"india", "Asia/Kolkata"},
		{"lord", "Australia/Lord_Howe"},
		{"chatham", "Pacific/Chatham"},
		{"kolkatta", "Asia/Kolkata"},
		{"utc", "UTC"},
		{"tokio", "Asia/Tokyo"},
	}
	for _, tt := range tests {
		got := SuggestZones(tt.in, 5)
		if len(got) == 0 || got[0] != tt.first {
			t.Errorf("SuggestZones(%q) = %v, want first %q", tt.in, got, tt.first)
		}
	}
	if got := SuggestZones("", 25); len(got) != 25 {
		t.Errorf("empty query gave %d", len(got))
	}
	if got := SuggestZones("america", 25); len(got) != 25 {
		t.Errorf("america gave %d", len(got))
	}
	if got := SuggestZones("london", 0); got != nil {
		t.Errorf("n=0 gave %v", got)
	}
	if got := SuggestZones("qqqqqqqqqqqqqqq", 5); len(got) != 0 {
		t.Errorf("nonsense gave %v", got)
	}
}

func FuzzLoadZone(f *testing.F) {
	for _, s := range []string{"Europe/London", "londn", "", "Local", "../x", "America/New York"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		loc, err := LoadZone(s)
		if err == nil && loc == nil {
			t.Fatal("nil location without error")
		}
		if got := SuggestZones(s, 5); len(got) > 5 {
			t.Fatalf("SuggestZones returned %d > 5", len(got))
		}
	})
}
