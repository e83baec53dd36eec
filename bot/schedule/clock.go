package schedule

import (
	"fmt"
	"strconv"
	"strings"
)

// Clock is a time of day on a 24-hour clock, with minute precision.
type Clock struct {
	Hour   int // 0-23
	Minute int // 0-59
}

// String formats c as 09:05.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// Valid reports whether c is a real time of day.
func (c Clock) Valid() bool {
	return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60
}

// clockHelp ends every ParseClock error, so that a user who typed something
// odd sees what is accepted.
const clockHelp = "time must be HH:MM in 24-hour form, e.g. 09:00 or 21:30 (9am and 9:30pm also work)"

// ParseClock parses a time of day: "09:00", "9:00", "21:30", "0900", "9am",
// "9 am", "9:30pm", "9.30pm", "12am" (00:00), "12pm" (12:00), "noon" and
// "midnight". Surrounding space and letter case are ignored.
func ParseClock(s string) (Clock, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	fail := func(why string) (Clock, error) {
		if why != "" {
			return Clock{}, fmt.Errorf("%q: %s; %s", s, why, clockHelp)
		}
		return Clock{}, fmt.Errorf("%q: %s", s, clockHelp)
	}
	switch in {
	case "":
		return fail("no time given")
	case "noon", "midday":
		return Clock{Hour: 12}, nil
	case "midnight":
		return Clock{}, nil
	}
	meridiem := ""
	for _, suf := range []string{"a.m.", "p.m.", "am", "pm", "a", "p"} {
		if strings.HasSuffix(in, suf) {
			meridiem = suf[:1]
			in = strings.TrimSpace(strings.TrimSuffix(in, suf))
			break
		}
	}
	var hs, ms string
	if i := strings.IndexAny(in, ":."); i >= 0 {
		hs, ms = in[:i], in[i+1:]
		if len(ms) != 2 {
			return fail("minutes need two digits")
		}
	} else if meridiem == "" && len(in) == 4 {
		hs, ms = in[:2], in[2:] // 0930
	} else {
		hs, ms = in, "00"
	}
	if len(hs) == 0 || len(hs) > 2 || !allDigits(hs) || !allDigits(ms) {
		return fail("")
	}
	h, _ := strconv.Atoi(hs)
	m, _ := strconv.Atoi(ms)
	if m > 59 {
		return fail(fmt.Sprintf("minute %d is out of range 00-59", m))
	}
	switch meridiem {
	case "":
		if h > 23 {
			return fail(fmt.Sprintf("hour %d is out of range 0-23", h))
		}
	default:
		if h < 1 || h > 12 {
			return fail(fmt.Sprintf("hour %d is out of range 1-12 with am/pm", h))
		}
		h %= 12
		if meridiem == "p" {
			h += 12
		}
	}
	return Clock{Hour: h, Minute: m}, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
