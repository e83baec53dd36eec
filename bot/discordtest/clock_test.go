package discordtest_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/discordtest"
)

func TestParseClockTarget(t *testing.T) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	london, _ := time.LoadLocation("Europe/London")
	ny, _ := time.LoadLocation("America/New_York")
	for _, tc := range []struct {
		arg  string
		want time.Time
		err  string // a part of the error; "" for none
	}{
		{arg: "+25h", want: now.Add(25 * time.Hour)},
		{arg: "+30m", want: now.Add(30 * time.Minute)},
		{arg: "+1d", want: now.Add(24 * time.Hour)},
		{arg: "+1d12h", want: now.Add(36 * time.Hour)},
		{arg: "+1w2d", want: now.Add(9 * 24 * time.Hour)},
		{arg: "90m", want: now.Add(90 * time.Minute)},
		{arg: "2026-12-03 09:00", want: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)},
		{arg: "2026-12-03T09:00", want: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)},
		{arg: "2026-12-03", want: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)},
		{arg: "2026-07-03 09:00 Europe/London", want: time.Date(2026, 7, 3, 9, 0, 0, 0, london)},
		{arg: "2026-12-03 09:00 America/New_York", want: time.Date(2026, 12, 3, 9, 0, 0, 0, ny)},
		{arg: "-1h", err: "only moves forward"},
		{arg: "+0m", err: "more than nothing"},
		{arg: "+1x", err: "cannot read"},
		{arg: "+d", err: "cannot read"},
		{arg: "tomorrow", err: "cannot read"},
		{arg: "2026-12-03 09:00 Mars/Olympus", err: "unknown time zone"},
		{arg: "2026-13-03 09:00", err: "cannot read"},
		{arg: "", err: "clock +25h"},
	} {
		got, err := discordtest.ParseClockTarget(tc.arg, now)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%q: error %v, want one saying %q", tc.arg, err, tc.err)
		case tc.err == "" && err != nil:
			t.Errorf("%q: %v", tc.arg, err)
		case tc.err == "" && !got.Equal(tc.want):
			t.Errorf("%q = %s, want %s", tc.arg, got, tc.want)
		}
	}
}

func TestClockMovesOnlyForward(t *testing.T) {
	start := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	c := discordtest.NewClock(start)
	if got := c.Now(); got.Before(start) || got.Sub(start) > time.Minute {
		t.Fatalf("a new clock reads %s, want %s", got, start)
	}
	if err := c.Set(start.Add(25 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := c.Now(); got.Before(start.Add(25 * time.Hour)) {
		t.Fatalf("after Set(+25h) the clock reads %s", got)
	}
	err := c.Set(start.Add(time.Hour))
	if !errors.Is(err, discordtest.ErrClockBackwards) {
		t.Fatalf("Set back in time: %v", err)
	}
	if got := c.Now(); got.Before(start.Add(25 * time.Hour)) {
		t.Fatalf("a refused Set moved the clock to %s", got)
	}
	// The clock keeps running with real time.
	a := c.Now()
	time.Sleep(2 * time.Millisecond)
	if !c.Now().After(a) {
		t.Fatal("the clock stands still")
	}
}
