package discordtest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Clock runs with the real clock from an offset that only moves forward. `prepcord try`
// shares one between the bot, its database and the loopback Discord, so that a rehearsal
// can jump to tomorrow while everything that measures time agrees on what time it is.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	real   func() time.Time
}

// NewClock returns a clock that reads start now and then runs with real time; the zero
// start is the real time.
func NewClock(start time.Time) *Clock {
	c := &Clock{real: time.Now}
	if !start.IsZero() {
		c.offset = start.Sub(c.real())
	}
	return c
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.real().Add(c.offset)
}

// ErrClockBackwards is returned when a clock would move back in time.
var ErrClockBackwards = errors.New("the clock only moves forward")

// Set moves the clock forward to t; a t before the clock's time is refused with
// ErrClockBackwards, and nothing changes.
func (c *Clock) Set(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.real()
	if t.Before(now.Add(c.offset)) {
		return fmt.Errorf("%w: %s is before the bot's clock, %s", ErrClockBackwards, FormatClock(t), FormatClock(now.Add(c.offset)))
	}
	c.offset = t.Sub(now)
	return nil
}

// FormatClock writes an instant as the console shows it: "Mon 2026-11-30 09:00 UTC".
func FormatClock(t time.Time) string {
	return t.UTC().Format("Mon 2006-01-02 15:04 MST")
}

// ParseClockTarget reads the argument of the console's clock command, relative to now:
//
//	+25h, +30m, +1d, +1w2d, +1h30m   forward by a duration (d = 24h, w = 7d)
//	2026-12-03 09:00                 a date and time in UTC
//	2026-12-03 09:00 Europe/London   a date and time in an IANA zone
//	2026-12-03                       midnight of a date
//
// A duration without "+" is accepted; a negative one is refused with ErrClockBackwards.
func ParseClockTarget(arg string, now time.Time) (time.Time, error) {
	arg = strings.TrimSpace(arg)
	switch {
	case arg == "":
		return time.Time{}, errors.New("write clock +25h, clock +30m or clock 2026-12-03 09:00")
	case strings.HasPrefix(arg, "-"):
		return time.Time{}, fmt.Errorf("%w: write a forward move such as clock +25h", ErrClockBackwards)
	case strings.HasPrefix(arg, "+") || !strings.ContainsAny(arg, "-:"):
		d, err := parseLongDuration(strings.TrimPrefix(arg, "+"))
		if err != nil {
			return time.Time{}, err
		}
		return now.Add(d), nil
	}
	fields := strings.Fields(arg)
	loc := time.UTC
	if last := fields[len(fields)-1]; len(fields) > 1 && !unicode.IsDigit(rune(last[0])) {
		z, err := time.LoadLocation(last)
		if err != nil {
			return time.Time{}, fmt.Errorf("unknown time zone %q: write an IANA name such as Europe/London, or UTC", last)
		}
		loc, fields = z, fields[:len(fields)-1]
	}
	text := strings.Join(fields, " ")
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, text, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a time: write 2026-12-03 09:00 (UTC), 2026-12-03 09:00 Europe/London, or +25h", arg)
}

// parseLongDuration is time.ParseDuration with days (d) and weeks (w) in front:
// "1w2d3h" is 9 days and 3 hours.
func parseLongDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("cannot read %q as a duration: write +25h, +30m, +1d or +1d12h", s)
	var total time.Duration
	rest := s
	for _, unit := range []struct {
		suffix byte
		size   time.Duration
	}{{'w', 7 * 24 * time.Hour}, {'d', 24 * time.Hour}} {
		i := strings.IndexByte(rest, unit.suffix)
		if i < 0 {
			continue
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n < 0 {
			return 0, bad
		}
		total += time.Duration(n) * unit.size
		rest = rest[i+1:]
	}
	if rest != "" {
		if !unicode.IsDigit(rune(rest[0])) && rest[0] != '.' {
			return 0, bad
		}
		d, err := time.ParseDuration(rest)
		if err != nil || d < 0 {
			return 0, bad
		}
		total += d
	}
	if total <= 0 {
		return 0, errors.New("move the clock by more than nothing, e.g. +25h")
	}
	return total, nil
}
