package mocksetup

import (
	"strconv"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// TestRounds: weekly rounds given over the ones set now keep what is left
// out, take the zone given, set, the daily question's or UTC, and are
// refused field by field (every problem at once) as /mock-admin rounds
// refuses them.
func TestRounds(t *testing.T) {
	set := store.InterviewSettings{ChannelID: "c1", RoundsRoleID: "r1", RoundsWeekday: 1, RoundsTime: "18:00", RoundsTimezone: "Europe/Paris"}
	off, role := false, ""
	for _, c := range []struct {
		name string
		set  store.InterviewSettings
		in   RoundsInput
		want string // the rounds as "weekday time zone role enabled", or the problems as "field: message start | …"
	}{
		{"keeps what is left out", set, RoundsInput{}, "1 18:00 Europe/Paris r1 true"},
		{"a key and 6pm", set, RoundsInput{Weekday: "tue", Time: "6pm", Timezone: "Asia/Tokyo"}, "2 18:00 Asia/Tokyo r1 true"},
		{"a weekday's name, every member", set, RoundsInput{Weekday: "Friday", Role: &role}, "5 18:00 Europe/Paris  true"},
		{"the daily question's zone", store.InterviewSettings{ChannelID: "c1"}, RoundsInput{Time: "09:30", DailyZone: "America/New_York"}, "0 09:30 America/New_York  true"},
		{"else UTC", store.InterviewSettings{ChannelID: "c1"}, RoundsInput{Time: "09:30"}, "0 09:30 UTC  true"},
		{"off needs no time", store.InterviewSettings{}, RoundsInput{Enabled: &off}, "0  UTC  false"},
		{"every bad field", set, RoundsInput{Weekday: "someday", Time: "25:00", Timezone: "Mars/Olympus"},
			"weekday: Unknown weekday | time: Time: \"25:00\" | timezone: Time zone: unknown"},
		{"an abbreviation", set, RoundsInput{Timezone: "PST"}, "timezone: Time zone: \"PST\" is an abbreviation"},
		{"on needs a time", store.InterviewSettings{ChannelID: "c1"}, RoundsInput{}, "time: Choose the round's weekday and time"},
		{"on needs the mock channel", store.InterviewSettings{}, RoundsInput{Time: "18:00"}, "rounds: Choose the mock channel first"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, zone, problems := Rounds(c.set, c.in)
			var got string
			if len(problems) > 0 {
				var parts []string
				for _, p := range problems {
					if errs.CodeOf(p.Err) != errs.Invalid {
						t.Errorf("%s: %v is not Invalid", p.Field, p.Err)
					}
					parts = append(parts, p.Field+": "+errs.Message(p.Err))
				}
				got = strings.Join(parts, " | ")
				if zone != nil {
					t.Error("a zone with problems")
				}
			} else {
				got = strings.Join([]string{strconv.Itoa(r.Weekday), r.Time, r.Timezone, r.RoleID, boolText(r.Enabled)}, " ")
				if zone == nil || zone.String() != r.Timezone {
					t.Errorf("zone %v for %q", zone, r.Timezone)
				}
			}
			if !matches(got, c.want) {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// matches reports whether each " | "-separated part of got starts with
// the same part of want (problems' messages are longer than want shows).
func matches(got, want string) bool {
	g, w := strings.Split(got, " | "), strings.Split(want, " | ")
	if len(g) != len(w) {
		return false
	}
	for i := range w {
		if !strings.HasPrefix(g[i], w[i]) {
			return false
		}
	}
	return true
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// TestRoundsDetail: the audit line's words for rounds.
func TestRoundsDetail(t *testing.T) {
	if got := RoundsDetail(store.WeeklyRounds{Enabled: true, Weekday: 2, Time: "18:00", Timezone: "UTC", RoleID: "r1"}); got != "weekly rounds on: Tuesday 18:00 (UTC), role r1" {
		t.Fatal(got)
	}
	if got := RoundsDetail(store.WeeklyRounds{}); got != "weekly rounds off" {
		t.Fatal(got)
	}
}
