package interview

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// noshow is the Report no-show button: from noShowGrace after the
// suggested start, a member reports a partner who did not come (in a trio,
// chosen first). A pair's interview closes and the reporter goes back to
// the front of the queue, paired again at once when someone waits; a trio
// goes on without the absent member. The absent member is told by DM.
func (f *Feature) noshow(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	if !p.IsOpen() {
		return errs.E(errs.Conflict, "This mock interview has already ended.")
	}
	if due := p.SuggestedStart().Add(noShowGrace); f.env.Now().Before(due) {
		return errs.E(errs.Invalid, "It is too early to report a no-show: you can from <t:%d:t> (<t:%d:R>).", due.Unix(), due.Unix())
	}
	absent, ok := chosenPartner(c, p)
	if !ok {
		if c.Var("partner") != "" {
			return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
		}
		return c.Reply(chooser(routeNoShow, p, c.UserID(), "Who did not come?"))
	}
	res, err := f.interviews.ReportNoShow(c, p.ID, c.UserID(), absent, f.cfg.QueueExpiry)
	if err != nil {
		return err
	}
	f.tellAbsent(c, store.Absence{PairingID: p.ID, GuildID: p.GuildID, ReporterID: c.UserID(), AbsentID: absent,
		Topic: p.Topic, StartMs: p.StartMs, Count: res.Count}, !res.Ended)
	if !res.Ended {
		// A trio goes on without them: they leave the private thread, so
		// they no longer read what the other two write there.
		text := fmt.Sprintf("🚫 <@%s> reported that <@%s> did not come. The interview goes on with the two of you; <@%s> is no longer in this thread.",
			c.UserID(), absent, absent)
		if err := f.env.Session.ThreadMemberRemove(p.ThreadID, absent, discordgo.WithContext(c)); err != nil {
			f.env.Log.Warn("mock: removing a no-show from the pairing thread", "pairing", p.ID, "err", err)
			text = fmt.Sprintf("🚫 <@%s> reported that <@%s> did not come. The interview goes on with the two of you. Discord did not let me remove <@%s> from this thread: an admin can.",
				c.UserID(), absent, absent)
		}
		return c.Reply(&discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{}, Content: text})
	}
	f.endResources(c, res.Pairing)
	text := fmt.Sprintf("🚫 <@%s> reported that <@%s> did not come. This interview is closed; <@%s> is back at the front of the queue.",
		c.UserID(), absent, c.UserID())
	if e := res.Requeued; e != nil {
		text += f.pairAgain(c, e)
	}
	return c.Reply(&discordgo.InteractionResponseData{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

// pairAgain tries to pair a reporter put back at the front of the queue at
// once; it returns a sentence naming the new thread, or "".
func (f *Feature) pairAgain(c *bot.Ctx, e *store.QueueEntry) string {
	jr, err := f.interviews.JoinQueue(c, store.JoinRequest{GuildID: e.GuildID, UserID: e.UserID, Topic: e.Topic, Role: e.Role,
		Company: e.Company, Level: e.Level, ChannelID: e.ChannelID, DefaultExpiry: f.cfg.QueueExpiry,
		SuggestedStart: suggestedStart(f.env.Now()), Front: true, Pick: pick})
	if err != nil {
		f.env.Log.Warn("mock: re-pairing after a no-show", "err", err)
		return ""
	}
	if jr.Pairing == nil {
		return ""
	}
	np, err := f.openPairing(c, jr.Pairing, true)
	if err != nil {
		return ""
	}
	return fmt.Sprintf(" New partner found: %s.", threadLink(np))
}

// absenceText tells a member, kindly, that a partner reported them as not
// coming to a mock interview, and what it means for them.
func (f *Feature) absenceText(a store.Absence, trio bool) string {
	topic := topicOf(a.Topic)
	var b strings.Builder
	fmt.Fprintf(&b, "Hi! <@%s> reported that you did not come to your **%s** mock interview in %s (suggested start %s). No worries, plans change. What it means for you:\n",
		a.ReporterID, topic.Name, f.guildName(a.GuildID), timestamp(a.SuggestedStart()))
	if trio {
		b.WriteString("• The other two carry on without you, and you are no longer in the interview's private thread.\n")
	}
	fmt.Fprintf(&b, "• Your no-show count in that server is now **%d**. Its admins can see it and reset it; nothing is restricted because of it.\n", a.Count)
	fmt.Fprintf(&b, "• You will not be paired with <@%s> from the queue for the next %d days, and this session does not count as an interview on your `/profile`.\n",
		a.ReporterID, int(store.NoShowBlock.Hours()/24))
	fmt.Fprintf(&b, "• You are not in the queue now. When you are ready, run `/mock topic:%s` in the server to practise again.\n", topic.Name)
	b.WriteString("If the report is a mistake, tell a server admin.")
	return b.String()
}

// tellAbsent sends the absence notice by DM and records that the member
// was told. When their DMs are closed it stays untold: their next /mock
// shows it (see withAbsenceNotice).
func (f *Feature) tellAbsent(ctx context.Context, a store.Absence, trio bool) {
	_, err := f.sendDM(ctx, a.AbsentID, &discordgo.MessageSend{Content: f.absenceText(a, trio),
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
	if err != nil {
		f.env.Log.Info("mock: could not DM a member reported as a no-show; their next /mock tells them", "pairing", a.PairingID, "err", err)
		return
	}
	if _, err := f.interviews.ClaimAbsenceTold(ctx, a.PairingID, a.AbsentID); err != nil {
		f.env.Log.Warn("mock: recording the no-show notice", "pairing", a.PairingID, "err", err)
	}
}

// withAbsenceNotice wraps /mock: after a successful answer, a member who
// was reported as a no-show and could not be told by DM gets the notice
// as a private follow-up, once.
func (f *Feature) withAbsenceNotice(next bot.Handler) bot.Handler {
	return func(c *bot.Ctx) error {
		began := f.env.Now()
		if err := next(c); err != nil || c.InDM() {
			return err
		}
		untold, err := f.interviews.UntoldAbsences(c, c.GuildID(), c.UserID())
		if err != nil {
			f.env.Log.Warn("mock: reading no-show notices", "err", err)
			return nil
		}
		for _, a := range untold {
			// A report made while this /mock ran is being sent by DM.
			if a.ReportedMs > began.UnixMilli() {
				continue
			}
			if ok, err := f.interviews.ClaimAbsenceTold(c, a.PairingID, a.AbsentID); err != nil || !ok {
				continue
			}
			p, err := f.interviews.Pairing(c, a.PairingID)
			trio := err == nil && len(p.Members) > 2
			if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
				Content: f.absenceText(a, trio), AllowedMentions: &discordgo.MessageAllowedMentions{}}); err != nil {
				f.env.Log.Warn("mock: no-show notice", "pairing", a.PairingID, "err", err)
			}
		}
		return nil
	}
}
