package plan

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
)

// maxDaysAhead is how far away an interview date may be.
const maxDaysAhead = 365

// relative matches "21d", "3w", "in 21 days", "3 weeks".
var relative = regexp.MustCompile(`^(?:in\s+)?(\d{1,4})\s*(d|day|days|w|wk|wks|week|weeks)$`)

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday, "mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "sat": time.Saturday, "saturday": time.Saturday,
}

// dateForms is what the date option takes, for error messages.
const dateForms = "a date such as 2026-12-24, a number of days or weeks from today (`21d`, `3w`), `tomorrow`, or a weekday (`friday`, the next one)"

// parseInterviewDate reads the date option of /plan start relative to
// today (the member's local date): YYYY-MM-DD, Nd, Nw, tomorrow, or a
// weekday name (the next such day after today, "next friday" too). The
// date must be after today and at most maxDaysAhead days away.
func parseInterviewDate(s string, today schedule.Date) (schedule.Date, error) {
	in := strings.ToLower(strings.Join(strings.Fields(s), " "))
	var d schedule.Date
	switch {
	case in == "":
		return d, errs.E(errs.Invalid, "Give the interview date: %s.", dateForms)
	case in == "today":
		return d, errs.E(errs.Invalid, "A plan needs at least a day before the interview: give a date after today.")
	case in == "tomorrow":
		d = today.AddDays(1)
	default:
		if m := relative.FindStringSubmatch(in); m != nil {
			n, _ := strconv.Atoi(m[1])
			if strings.HasPrefix(m[2], "w") {
				n *= 7
			}
			if n == 0 {
				return d, errs.E(errs.Invalid, "A plan needs at least a day before the interview: give a date after today.")
			}
			if n > maxDaysAhead {
				return d, errs.E(errs.Invalid, "%s is more than a year away: plans reach at most %d days ahead.", bot.Quote(s), maxDaysAhead)
			}
			d = today.AddDays(n)
			break
		}
		if wd, ok := weekdays[strings.TrimPrefix(in, "next ")]; ok {
			n := (int(wd) - int(today.Weekday()) + 7) % 7
			if n == 0 {
				n = 7
			}
			d = today.AddDays(n)
			break
		}
		var err error
		if d, err = schedule.ParseDate(in); err != nil {
			return d, errs.E(errs.Invalid, "I could not read %s as a date. Use %s.", bot.Quote(bot.Truncate(s, 40)), dateForms)
		}
	}
	switch n := d.DaysSince(today); {
	case n < 0:
		return d, errs.E(errs.Invalid, "%s is in the past (today is %s where you are): give the date of an interview to come.", d, today)
	case n == 0:
		return d, errs.E(errs.Invalid, "%s is today: a plan needs at least a day before the interview.", d)
	case n > maxDaysAhead:
		return d, errs.E(errs.Invalid, "%s is more than a year away: plans reach at most %d days ahead.", d, maxDaysAhead)
	}
	return d, nil
}
