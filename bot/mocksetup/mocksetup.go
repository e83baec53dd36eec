// Package mocksetup is the checking of a server's mock interview settings
// that /mock-admin and the web dashboard share: the mock channel, the
// queue expiry, the voice category and the queue check-ins. Both call it
// so that a setting is accepted or refused the same way wherever an admin
// changes it.
package mocksetup

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Queue check-in intervals and strikes an admin may choose.
const (
	MinCheckin = time.Hour
	MaxCheckin = 7 * 24 * time.Hour
	MaxStrikes = 10
)

// Channel is what the mock channel accepts.
var Channel = bot.ChannelWant{Setting: "mock interview channel", Kind: "a text channel",
	Types: []discordgo.ChannelType{discordgo.ChannelTypeGuildText}}

// VoiceCategory is what the category of the pairs' voice channels accepts.
var VoiceCategory = bot.ChannelWant{Setting: "voice channels of pairs", Kind: "a category",
	Types: []discordgo.ChannelType{discordgo.ChannelTypeGuildCategory}}

// ParseExpiry reads the queue expiry with match.ParseExpiry, the reader
// MOCK_QUEUE_EXPIRY uses too; "default" restores the bot's default. It
// returns minutes, 0 for the default.
func ParseExpiry(s string) (int, error) {
	if strings.EqualFold(strings.TrimSpace(s), "default") {
		return 0, nil
	}
	d, err := match.ParseExpiry(s)
	if err != nil {
		return 0, errs.E(errs.Invalid, "Expiry: %s. To go back to the default, use `expiry:default`.", err.Error())
	}
	return int(d / time.Minute), nil
}

// VoiceCanTurnOn checks that turning voice channels on has a category to
// put them in: the one given now (u) or the one already set.
func VoiceCanTurnOn(u store.InterviewSetup, set store.InterviewSettings) error {
	if u.VoiceCategoryID != nil || set.VoiceCategoryID != "" {
		return nil
	}
	return errs.E(errs.Invalid, "Voice channels need a category to live in: `/mock-admin setup voice-category:` and choose one.")
}

// CheckinEvery reads the check-in interval ("off" stops them) in minutes.
func CheckinEvery(v string) (int, error) {
	if strings.EqualFold(strings.TrimSpace(v), "off") {
		return 0, nil
	}
	d, err := ParseSpan(v, "check-in interval", MinCheckin, MaxCheckin)
	if err != nil {
		return 0, errs.E(errs.Invalid, "%s Or `every:off` to stop check-ins.", errs.Message(err))
	}
	return int(d / time.Minute), nil
}

// CheckStrikes refuses a number of strikes out of range.
func CheckStrikes(n int) error {
	if n < 1 || n > MaxStrikes {
		return errs.E(errs.Invalid, "Strikes must be a whole number from 1 to %d.", MaxStrikes)
	}
	return nil
}

var spanUnits = map[string]time.Duration{
	"m": time.Minute, "min": time.Minute, "mins": time.Minute, "minute": time.Minute, "minutes": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hrs": time.Hour, "hour": time.Hour, "hours": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
	"w": 7 * 24 * time.Hour, "wk": 7 * 24 * time.Hour, "wks": 7 * 24 * time.Hour, "week": 7 * 24 * time.Hour, "weeks": 7 * 24 * time.Hour,
}

// ParseSpan reads a length of time typed by a member: whole numbers with
// units in any combination ("3d", "1w", "2 weeks", "1w3d", "12h", "90m"),
// case and spaces ignored, from lo to hi. what names it in errors, which
// are Invalid and show what was typed escaped.
func ParseSpan(s, what string, lo, hi time.Duration) (time.Duration, error) {
	typed := bot.EscapeText(bot.Truncate(strings.TrimSpace(s), 20))
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	bad := errs.E(errs.Invalid, "%q is not a %s: write a number and a unit, such as `3d`, `1w`, `2 weeks` or `12h`.", typed, what)
	if k == "" {
		return 0, bad
	}
	var d time.Duration
	for rest := k; rest != ""; {
		i := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if i <= 0 || i > 4 {
			return 0, bad
		}
		n, _ := strconv.Atoi(rest[:i])
		rest = rest[i:]
		j := strings.IndexFunc(rest, func(r rune) bool { return r >= '0' && r <= '9' })
		if j < 0 {
			j = len(rest)
		}
		unit, ok := spanUnits[rest[:j]]
		if !ok {
			return 0, bad
		}
		rest = rest[j:]
		if d += time.Duration(n) * unit; d > hi {
			return 0, errs.E(errs.Invalid, "%q is too long for a %s: at most %s.", typed, what, Span(hi))
		}
	}
	if d < lo {
		return 0, errs.E(errs.Invalid, "%q is too short for a %s: at least %s.", typed, what, Span(lo))
	}
	return d, nil
}

// Span renders a length for people in its largest whole unit: 8 weeks,
// 3 days, 12 h, else Duration's form.
func Span(d time.Duration) string {
	switch week, day := 7*24*time.Hour, 24*time.Hour; {
	case d >= week && d%week == 0:
		n := int(d / week)
		return fmt.Sprintf("%d week%s", n, bot.Plural(n))
	case d >= day && d%day == 0:
		n := int(d / day)
		return fmt.Sprintf("%d day%s", n, bot.Plural(n))
	}
	return Duration(d)
}

// Duration renders a length in hours and minutes: "1 h 30 min".
func Duration(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < time.Minute {
		return "a minute"
	}
	h, mn := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", mn)
	case mn == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, mn)
}
