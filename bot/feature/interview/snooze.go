package interview

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/errs"
)

// Snooze lengths.
const (
	minSnooze = time.Hour
	maxSnooze = 8 * 7 * 24 * time.Hour
)

// parseSpan reads a length of time typed by a member (mocksetup.ParseSpan).
func parseSpan(s, what string, lo, hi time.Duration) (time.Duration, error) {
	return mocksetup.ParseSpan(s, what, lo, hi)
}

// span renders a length for people (mocksetup.Span).
func span(d time.Duration) string { return mocksetup.Span(d) }

// resumeButton ends the caller's snooze.
var resumeButton = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
	discordgo.Button{Label: "Resume now", Style: discordgo.PrimaryButton, CustomID: routeResume.ID()},
}}}

// snooze is /mock-snooze duration: the member leaves the queue and is
// left out of pairing and weekly rounds until the time is up.
func (f *Feature) snooze(c *bot.Ctx) error {
	d, err := parseSpan(c.String("duration"), "snooze", minSnooze, maxSnooze)
	if err != nil {
		return err
	}
	until := f.env.Now().Add(d).Truncate(time.Minute)
	left, err := f.avail.Snooze(c, c.GuildID(), c.UserID(), c.ChannelID(), until)
	if err != nil {
		return err
	}
	text := fmt.Sprintf("😴 You are taking a break from mock interviews until %s: no pairing from the queue and no weekly rounds until then. I will tell you when it ends; press **Resume now** or run `/mock-resume` to come back earlier.", timestamp(until))
	if left {
		text += "\nYou have left the queue."
	}
	if p, err := f.interviews.OpenPairingOf(c, c.GuildID(), c.UserID()); err == nil && p != nil {
		text += fmt.Sprintf("\nYour current mock interview in %s goes on as planned.", threadLink(p))
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Content: text,
		AllowedMentions: &discordgo.MessageAllowedMentions{}, Components: resumeButton})
}

// resume is /mock-resume and the Resume now button: the caller's snooze
// in this server ends now.
func (f *Feature) resume(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Run `/mock-resume` in the server where you took the break.")
	}
	ok, err := f.avail.Resume(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	text := "▶️ Welcome back: your break is over. Run `/mock` to join the queue; weekly rounds include you again."
	if !ok {
		text = "You are not taking a break from mock interviews: `/mock` works for you now."
	}
	msg := &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Content: text,
		AllowedMentions: &discordgo.MessageAllowedMentions{}, Components: []discordgo.MessageComponent{}}
	if c.I.Type == discordgo.InteractionMessageComponent {
		return c.Update(msg)
	}
	return c.Reply(msg)
}

// replySnoozed answers /mock for a member on a break: when it ends, and
// how to come back. It reports whether the member is on one (and was
// answered).
func (f *Feature) replySnoozed(c *bot.Ctx) (bool, error) {
	until, err := f.avail.SnoozedUntil(c, c.GuildID(), c.UserID())
	if err != nil || until.IsZero() {
		return false, err
	}
	return true, c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Content: fmt.Sprintf("😴 You are taking a break from mock interviews until %s, so I did not queue you. Press **Resume now** (or run `/mock-resume`), then `/mock` again.",
			timestamp(until)),
		Components: resumeButton})
}

// endSnoozes resumes the members whose snooze ended by now and tells each
// of them, once.
func (f *Feature) endSnoozes(ctx context.Context, now time.Time) {
	ended, err := f.avail.EndSnoozes(ctx, now, f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: ending snoozes", "err", err)
	}
	for _, z := range ended {
		f.notify(ctx, z.UserID, z.ChannelID, fmt.Sprintf("▶️ Your break from mock interviews in %s is over: run `/mock` there to join the queue again, and weekly rounds include you again.",
			f.guildName(z.GuildID)))
	}
}
