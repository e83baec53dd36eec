package interview

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
)

// Limits of a proposed time.
const (
	// maxWhen is the longest time text the Propose a time form takes.
	maxWhen = 60
	// maxZoneText is the longest time zone name it takes.
	maxZoneText = 64
	// maxAhead is how far ahead a time may be proposed.
	maxAhead = 30 * 24 * time.Hour
)

// whenForms are examples of what parseWhen reads, for messages.
const whenForms = "`2026-12-05 18:30`, `tomorrow 18:30`, `fri 6pm` or `18:30`"

// dayWords are the weekday names parseWhen reads, by time.Weekday.
var dayWords = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday, "mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "wed": time.Wednesday, "weds": time.Wednesday,
	"wednesday": time.Wednesday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "sat": time.Saturday, "saturday": time.Saturday,
}

// cleanText checks a text a member typed into a form: valid UTF-8, no
// control characters, at most max characters. label names the field in
// the error.
func cleanText(label, v string, max int) (string, error) {
	if !utf8.ValidString(v) || strings.IndexFunc(v, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
		return "", errs.E(errs.Invalid, "The %s contains characters that are not allowed.", label)
	}
	if n := utf8.RuneCountInString(v); n > max {
		return "", errs.E(errs.Invalid, "The %s is %d characters long; the limit is %d.", label, n, max)
	}
	return strings.TrimSpace(v), nil
}

// parseWhen reads a proposed time typed in loc: a day (a date
// 2026-12-05, today, tomorrow, or a weekday, the next one to come) and a
// time of day in any form schedule.ParseClock reads, in either order ("at"
// and commas are ignored); a time of day alone is the next one to come.
// The result must be after now and at most maxAhead later. Errors are
// Invalid, say why, and show what was typed escaped.
func parseWhen(text string, now time.Time, loc *time.Location) (time.Time, error) {
	typed := bot.EscapeText(bot.Truncate(strings.Join(strings.Fields(text), " "), 40))
	var fields []string
	for _, w := range strings.Fields(strings.ToLower(strings.ReplaceAll(text, ",", " "))) {
		if w != "at" && w != "on" {
			fields = append(fields, w)
		}
	}
	if len(fields) == 0 {
		return time.Time{}, errs.E(errs.Invalid, "Give a time, such as %s.", whenForms)
	}
	at, ok := time.Time{}, false
	for i := 0; i <= len(fields) && !ok; i++ {
		// The day first (fields[:i]) or the time of day first.
		if at, ok = whenOf(fields[:i], fields[i:], now, loc); !ok && i > 0 {
			at, ok = whenOf(fields[len(fields)-i:], fields[:len(fields)-i], now, loc)
		}
	}
	switch {
	case !ok:
		return time.Time{}, errs.E(errs.Invalid, "I could not read %q as a day and a time. Write it like %s.", typed, whenForms)
	case !at.After(now):
		return time.Time{}, errs.E(errs.Invalid, "%s (%q) has already passed: propose a time ahead.", timestamp(at), typed)
	case at.Sub(now) > maxAhead:
		return time.Time{}, errs.E(errs.Invalid, "%s is more than %d days away: propose a time within the next %d days.",
			timestamp(at), int(maxAhead.Hours()/24), int(maxAhead.Hours()/24))
	}
	return at, nil
}

// whenOf reads day and clock words as a time in loc; ok is false when
// they are not a day (possibly none) and a time of day.
func whenOf(day, clock []string, now time.Time, loc *time.Location) (time.Time, bool) {
	if len(clock) == 0 || len(day) > 1 {
		return time.Time{}, false
	}
	c, err := schedule.ParseClock(strings.Join(clock, " "))
	if err != nil {
		return time.Time{}, false
	}
	local := now.In(loc)
	y, m, d := local.Date()
	on := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, c.Hour, c.Minute, 0, 0, loc) }
	if len(day) == 0 {
		if t := on(y, m, d); t.After(now) {
			return t, true
		}
		return on(y, m, d+1), true
	}
	switch w := day[0]; w {
	case "today":
		return on(y, m, d), true
	case "tomorrow", "tmrw", "tmr":
		return on(y, m, d+1), true
	default:
		if wd, ok := dayWords[w]; ok {
			ahead := (int(wd) - int(local.Weekday()) + 7) % 7
			t := on(y, m, d+ahead)
			if !t.After(now) {
				t = on(y, m, d+ahead+7)
			}
			return t, true
		}
		date, err := time.ParseInLocation("2006-01-02", w, loc)
		if err != nil {
			return time.Time{}, false
		}
		return on(date.Date()), true
	}
}
