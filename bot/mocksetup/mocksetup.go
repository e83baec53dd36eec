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

// ParseSpan reads a length of time typed by a member with
// match.ParseLength, the reader of the queue expiry: whole numbers with
// units in any combination ("3d", "1w", "2 weeks", "1w3d", "12h", "90m"),
// case and spaces ignored, from lo to hi. what names it in errors, which
// are Invalid and show what was typed quoted and escaped for Discord.
func ParseSpan(s, what string, lo, hi time.Duration) (time.Duration, error) {
	// Quoted, then escaped for Discord: escaping first would have the
	// quoting double each backslash of the escapes.
	typed := bot.EscapeText(strconv.Quote(bot.Truncate(strings.TrimSpace(s), 20)))
	mins, ok := match.ParseLength(s, spanForm)
	if !ok {
		return 0, errs.E(errs.Invalid, "%s is not a %s: write a number and a unit, such as `3d`, `1w`, `2 weeks` or `12h`.", typed, what)
	}
	if mins > hi.Minutes() {
		return 0, errs.E(errs.Invalid, "%s is too long for a %s: at most %s.", typed, what, Span(hi))
	}
	if d := time.Duration(mins) * time.Minute; d >= lo {
		return d, nil
	}
	return 0, errs.E(errs.Invalid, "%s is too short for a %s: at least %s.", typed, what, Span(lo))
}

// spanForm is what ParseSpan accepts of match.ParseLength's forms: each
// number a whole one of at most 4 digits, with its unit.
var spanForm = match.LengthForm{MaxDigits: 4}

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
