package web

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// roundsFields are the weekly rounds form's fields, as /mock-admin rounds
// names its options ("enabled" is on or off).
var roundsFields = []string{mocksetup.FieldRole, mocksetup.FieldWeekday, mocksetup.FieldTime, mocksetup.FieldTimezone, "enabled"}

// roundsView is the weekly rounds part of the mock interview page.
type roundsView struct {
	// Weekday names the rounds' day; ZoneAdvice is /mock-admin rounds'
	// advice about their zone.
	Weekday, ZoneAdvice string
	Weekdays            []weekdayOption
	Roles               []*discordgo.Role
	// Signup says what became of the sign-up message after a change.
	Signup string
}

type weekdayOption struct{ Key, Name string }

// roundsValues fills the rounds form with the rounds set now.
func roundsValues(set store.InterviewSettings, v map[string]string) {
	v[mocksetup.FieldRole], v[mocksetup.FieldTime], v[mocksetup.FieldTimezone] = set.RoundsRoleID, set.RoundsTime, set.RoundsTimezone
	v[mocksetup.FieldWeekday] = mocksetup.WeekdayKeys[set.RoundsWeekday]
	v["enabled"] = "off"
	if set.RoundsEnabled {
		v["enabled"] = "on"
	}
}

// fillRounds completes the rounds part of the page.
func fillRounds(v *mockView, l serverLists, guildID string) {
	set := v.Settings
	v.Rounds.Weekday = mocksetup.Weekdays[set.RoundsWeekday]
	if loc, err := mocksetup.LoadRoundsZone(set.RoundsTimezone); err == nil && set.RoundsEnabled {
		v.Rounds.ZoneAdvice = schedule.ZoneAdvice(loc)
	}
	for i, k := range mocksetup.WeekdayKeys {
		v.Rounds.Weekdays = append(v.Rounds.Weekdays, weekdayOption{k, mocksetup.Weekdays[i]})
	}
	for _, ro := range l.roles {
		if ro.ID != guildID && !ro.Managed {
			v.Rounds.Roles = append(v.Rounds.Roles, ro)
		}
	}
}

// signupText tells the admin on the web what became of the sign-up
// message (bot.SignupOutcome), as /mock-admin rounds' reply does.
var signupText = map[string]string{
	"posted":        "Members join with the sign-up message prepcord posted in the mock channel.",
	"updated":       "prepcord updated the sign-up message in the mock channel.",
	"paused":        "prepcord marked the sign-up message in the mock channel as paused.",
	"update-failed": "prepcord could not update the sign-up message in the mock channel: check its View Channel and Send Messages permissions there.",
	"post-failed":   "prepcord could not post the sign-up message in the mock channel: check its Send Messages permission there.",
}

var signupKeys = map[bot.SignupOutcome]string{bot.SignupPosted: "posted", bot.SignupUpdated: "updated", bot.SignupMarkedPaused: "paused",
	bot.SignupUpdateFailed: "update-failed", bot.SignupPostFailed: "post-failed"}

// roundsSave is the weekly rounds form: /mock-admin rounds' checks
// (mocksetup.Rounds, the role a role of this server), then the interview
// feature applies them as the command does: the same store call, and the
// sign-up message posted or updated in the mock channel. Any refusal
// shows the form again with its message and changes nothing.
func (s *Server) roundsSave(w http.ResponseWriter, r *http.Request) {
	g, ctx := adminGuildOf(r), r.Context()
	if s.cfg.Bot == nil || s.cfg.Rounds == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "The dashboard has no connection to the bot, so it cannot post the rounds' sign-up message: use /mock-admin rounds in Discord.")
		return
	}
	v, ok := s.postedMockForm(w, r, roundsFields)
	if !ok {
		return
	}
	set := v.Settings
	in := mocksetup.RoundsInput{Weekday: v.Values[mocksetup.FieldWeekday], Time: v.Values[mocksetup.FieldTime], Timezone: v.Values[mocksetup.FieldTimezone]}
	role := v.Values[mocksetup.FieldRole]
	in.Role = &role
	switch v.Values["enabled"] {
	case "on", "off":
		on := v.Values["enabled"] == "on"
		in.Enabled = &on
	default:
		v.Problems["enabled"] = "Choose whether the rounds run (on) or are paused (off)."
	}
	if in.Timezone == "" && set.RoundsTimezone == "" {
		if cfg, err := s.st.Daily.Config(ctx, g.ID); err == nil && cfg != nil {
			in.DailyZone = cfg.Zone
		}
	}
	rounds, zone, problems := mocksetup.Rounds(set, in)
	for _, p := range problems {
		v.Problems[p.Field] = errs.Message(p.Err)
	}
	if role != "" {
		// Discord's role option can only name a role of the server; the
		// form's value is checked against the server's roles instead.
		roles, err := s.cfg.Bot.GuildRoles(g.ID, discordgo.WithContext(ctx))
		if err != nil {
			s.internal(w, r, fmt.Errorf("listing the server's roles: %w", err))
			return
		}
		if role == g.ID || !slices.ContainsFunc(roles, func(ro *discordgo.Role) bool { return ro.ID == role }) {
			v.Problems[mocksetup.FieldRole] = "Choose a role of this server, or every member."
		}
	}
	if len(v.Problems) > 0 {
		s.renderMock(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	res, err := s.cfg.Rounds.ApplyRounds(ctx, g.ID, rounds, zone)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.audit(r, "mock.rounds", mocksetup.RoundsDetail(rounds))
	http.Redirect(w, r, s.link("/s/"+g.ID+"/admin/mock?saved=1&signup="+signupKeys[res.Signup]), http.StatusSeeOther)
}
