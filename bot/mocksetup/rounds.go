package mocksetup

import (
	"fmt"
	"strings"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Weekdays of weekly rounds, Sunday first as time.Weekday, and the keys
// /mock-admin rounds' weekday choices send.
var (
	Weekdays    = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	WeekdayKeys = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
)

// The fields of weekly rounds, as /mock-admin rounds names its options
// and the dashboard its form fields. FieldRounds is the rounds as a whole
// (a missing time, no mock channel).
const (
	FieldRole     = "role"
	FieldWeekday  = "weekday"
	FieldTime     = "time"
	FieldTimezone = "timezone"
	FieldRounds   = "rounds"
)

// Problem is a refused field of weekly rounds and why (an Invalid error).
type Problem struct {
	Field string
	Err   error
}

// RoundsInput is what an admin gave for weekly rounds. Nil and "" keep
// the setting as it is; Enabled nil turns the rounds on.
type RoundsInput struct {
	Role                    *string // a role id; "" opens the rounds to every member
	Weekday, Time, Timezone string
	Enabled                 *bool
	// DailyZone is the zone of the server's daily question: the rounds'
	// zone when none is given or set.
	DailyZone string
}

// LoadRoundsZone returns the location of a server's weekly rounds; the
// empty name, which rounds set up before zones existed have, is UTC.
func LoadRoundsZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	return schedule.LoadZone(name)
}

// ParseWeekday reads a weekday as a key ("tue") or a name ("Tuesday"),
// returning its number, Sunday 0.
func ParseWeekday(v string) (int, error) {
	for i, k := range WeekdayKeys {
		if k == v || strings.EqualFold(Weekdays[i], v) {
			return i, nil
		}
	}
	return -1, errs.E(errs.Invalid, "Unknown weekday %q.", bot.Truncate(v, 20))
}

// Rounds checks weekly rounds given over the ones set now, as /mock-admin
// rounds and the dashboard both do: the weekday, the time (`18:00`,
// `6pm`), an IANA zone (the one set, else the daily question's, else
// UTC), and for rounds that run, a time and a mock channel. It returns
// the rounds and their zone, or every problem found (nothing to store).
func Rounds(set store.InterviewSettings, in RoundsInput) (store.WeeklyRounds, *time.Location, []Problem) {
	r := store.WeeklyRounds{RoleID: set.RoundsRoleID, Weekday: set.RoundsWeekday, Time: set.RoundsTime,
		Timezone: set.RoundsTimezone, Enabled: true}
	var p []Problem
	if in.Role != nil {
		r.RoleID = *in.Role
	}
	if v := strings.TrimSpace(in.Weekday); v != "" {
		d, err := ParseWeekday(v)
		if err != nil {
			p = append(p, Problem{FieldWeekday, err})
		}
		r.Weekday = d
	}
	if v := strings.TrimSpace(in.Time); v != "" {
		clock, err := schedule.ParseClock(v)
		if err != nil {
			p = append(p, Problem{FieldTime, errs.E(errs.Invalid, "Time: %s", err.Error())})
		} else {
			r.Time = clock.String()
		}
	}
	name := strings.TrimSpace(in.Timezone)
	if name == "" {
		name = set.RoundsTimezone
	}
	if name == "" {
		name = in.DailyZone
	}
	zone, err := LoadRoundsZone(name)
	if err != nil {
		p = append(p, Problem{FieldTimezone, errs.E(errs.Invalid, "Time zone: %s", err.Error())})
	} else {
		r.Timezone = zone.String()
	}
	if in.Enabled != nil {
		r.Enabled = *in.Enabled
	}
	if len(p) > 0 {
		return r, nil, p
	}
	if r.Enabled {
		if r.Time == "" {
			return r, nil, []Problem{{FieldTime, errs.E(errs.Invalid, "Choose the round's weekday and time, e.g. `/mock-admin rounds weekday:Tuesday time:18:00 role:@Mock`.")}}
		}
		if set.ChannelID == "" {
			return r, nil, []Problem{{FieldRounds, errs.E(errs.Invalid, "Choose the mock channel first, where round threads open: `/mock-admin setup channel:#mock-interviews`.")}}
		}
	}
	return r, zone, nil
}

// RoundsDetail describes weekly rounds for the audit log.
func RoundsDetail(r store.WeeklyRounds) string {
	if !r.Enabled {
		return "weekly rounds off"
	}
	who := "every member"
	if r.RoleID != "" {
		who = "role " + r.RoleID
	}
	return fmt.Sprintf("weekly rounds on: %s %s (%s), %s", Weekdays[r.Weekday], r.Time, r.Timezone, who)
}
