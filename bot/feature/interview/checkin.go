package interview

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Queue check-in intervals an admin may choose.
const (
	minCheckin = mocksetup.MinCheckin
	maxCheckin = mocksetup.MaxCheckin
	maxStrikes = mocksetup.MaxStrikes
)

// runCheckins asks the waiting members whose check-in is due whether they
// are still available (by DM, else in the channel where they ran /mock),
// and tells those dropped for leaving too many unanswered, kindly, how to
// come back. The store claims each check-in first, so each goes once.
func (f *Feature) runCheckins(ctx context.Context, now time.Time) {
	cs, err := f.avail.RunCheckins(ctx, now, f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: queue check-ins", "err", err)
	}
	for _, c := range cs {
		e, topic := c.Entry, topicOf(c.Entry.Topic)
		if c.Dropped {
			f.notify(ctx, e.UserID, e.ChannelID, fmt.Sprintf("👋 I took you out of the **%s** mock interview queue in %s: my last %d check-in%s went unanswered, so I guessed you are busy. No harm done: run `/mock topic:%s` whenever you are ready again.",
				topic.Name, f.guildName(e.GuildID), c.Strikes, bot.Plural(c.Strikes), topic.Name))
			continue
		}
		text := fmt.Sprintf("👋 Are you still available for a **%s** mock interview in %s? You have waited since <t:%d:R>. Press **I'm still here** before <t:%d:t> (<t:%d:R>) to keep your place.",
			topic.Name, f.guildName(e.GuildID), e.Joined().Unix(), c.Next.Unix(), c.Next.Unix())
		if c.Strikes > 0 {
			text += fmt.Sprintf(" Unanswered check-ins in a row so far: %d; at %d you leave the queue.", c.Strikes, c.Limit)
		}
		f.notifyWith(ctx, e.UserID, e.ChannelID, text, []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "I'm still here", Style: discordgo.SuccessButton, CustomID: routeHere.ID(e.GuildID, e.UserID, "yes")},
			discordgo.Button{Label: "Leave the queue", Style: discordgo.SecondaryButton, CustomID: routeHere.ID(e.GuildID, e.UserID, "leave")},
		}}})
	}
}

// hereButton answers a queue check-in: still here (strikes cleared) or
// leave the queue. Only the member it was sent to can answer it.
func (f *Feature) hereButton(c *bot.Ctx) error {
	guild, user := c.Var("guild"), c.Var("user")
	if user != c.UserID() || (c.GuildID() != "" && c.GuildID() != guild) {
		return errs.E(errs.Invalid, "This check-in is for another member.")
	}
	var text string
	switch c.Var("answer") {
	case "yes":
		queued, err := f.avail.ConfirmCheckin(c, guild, user)
		if err != nil {
			return err
		}
		text = "👍 Thanks! You keep your place in the queue."
		if !queued {
			text = "You are not in the queue any more (you were paired, you left, or your place expired). Run `/mock` to join again."
		}
	case "leave":
		left, err := f.interviews.LeaveQueue(c, guild, user)
		if err != nil {
			return err
		}
		text = "You left the mock interview queue. Run `/mock` whenever you want to practise again."
		if !left {
			text = "You are not in the queue any more (you were paired, or your place expired)."
		}
	default:
		return errs.E(errs.Invalid, "This button gives no valid answer.")
	}
	return c.Update(&discordgo.InteractionResponseData{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Components: []discordgo.MessageComponent{}})
}

// adminCheckin is /mock-admin checkin: how often waiting members are asked
// whether they are still available (every, or off) and how many
// unanswered check-ins in a row drop them (strikes).
func (f *Feature) adminCheckin(c *bot.Ctx) error {
	var u store.InterviewSetup
	if v := strings.TrimSpace(c.String("every")); v != "" {
		mins, err := mocksetup.CheckinEvery(v)
		if err != nil {
			return err
		}
		u.CheckinMinutes = &mins
	}
	if o := c.Option("strikes"); o != nil {
		n := int(c.Int("strikes", 0))
		if err := mocksetup.CheckStrikes(n); err != nil {
			return err
		}
		u.CheckinStrikes = &n
	}
	set, err := f.interviews.UpdateSettings(c, c.GuildID(), u)
	if err != nil {
		return err
	}
	if u.CheckinMinutes != nil || u.CheckinStrikes != nil {
		every := "off"
		if set.CheckinMinutes > 0 {
			every = "every " + span(time.Duration(set.CheckinMinutes)*time.Minute)
		}
		bot.RecordAudit(c, f.cfg.Audit, "mock.checkin", fmt.Sprintf("check-ins %s, %d strikes", every, set.Strikes()))
	}
	return c.ReplyEphemeral(checkinLine(set, f.cfg.QueueExpiry))
}

// checkinLine describes a server's queue check-ins.
func checkinLine(set store.InterviewSettings, defExpiry time.Duration) string {
	if set.CheckinMinutes == 0 {
		return fmt.Sprintf("Queue check-ins are off (`/mock-admin checkin every:1d` turns them on; a member is dropped after %d unanswered in a row).", set.Strikes())
	}
	every := time.Duration(set.CheckinMinutes) * time.Minute
	line := fmt.Sprintf("Queue check-ins: every %s, members waiting are asked whether they are still available; %d unanswered in a row take them out of the queue, with a kind note on how to rejoin.",
		span(every), set.Strikes())
	if exp := set.Expiry(defExpiry); exp <= every {
		line += fmt.Sprintf(" ⚠️ The queue expiry (%s) is not longer than that, so places expire before anyone is asked: lengthen it with `/mock-admin setup expiry:`.", span(exp))
	}
	return line
}
