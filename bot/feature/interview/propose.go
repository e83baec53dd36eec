package interview

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Text input custom_ids of the Propose a time form.
const (
	inputWhen = "when"
	inputZone = "zone"
)

// Reminders of an accepted time.
const (
	// reminderLead is how long before an accepted time both members are
	// reminded.
	reminderLead = 15 * time.Minute
	// reminderLate is how long after an accepted time a reminder missed
	// while prepcord was down is still sent; later ones are skipped.
	reminderLate = 5 * time.Minute
)

// proposeButton opens the Propose a time form for a member of an open
// pairing, with their time zone filled in when prepcord knows it.
func (f *Feature) proposeButton(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	if !p.IsOpen() || p.Archived {
		return errs.E(errs.Conflict, "This mock interview has ended: there is no time to agree any more.")
	}
	zone, err := f.avail.MemberZone(c, c.UserID())
	if err != nil {
		return err
	}
	zoneLabel := "Your time zone (remembered for next time)"
	if zone != "" {
		zoneLabel = "Your time zone"
	}
	return c.Modal(routeProposal.ID(strconv.FormatInt(p.ID, 10)), "Propose a time",
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputWhen, Label: "When (in your time zone)", Style: discordgo.TextInputShort,
			Placeholder: "tomorrow 18:30 · fri 6pm · 2026-12-05 18:30", Required: true, MinLength: 1, MaxLength: maxWhen,
		}}},
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inputZone, Label: zoneLabel, Style: discordgo.TextInputShort,
			Placeholder: "Europe/London, America/New_York, Asia/Kolkata…", Required: true, MinLength: 1, MaxLength: maxZoneText, Value: zone,
		}}},
	)
}

// proposalSubmit reads the Propose a time form: the time in the zone
// given (which is remembered), checked to be ahead and within 30 days. The
// proposal goes into the pairing's thread with Accept and Propose another;
// a form with a problem changes nothing and says what to fix.
func (f *Feature) proposalSubmit(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	when, err := cleanText("time", c.ModalValue(inputWhen), maxWhen)
	if err != nil {
		return err
	}
	zoneText, err := cleanText("time zone", c.ModalValue(inputZone), maxZoneText)
	if err != nil {
		return err
	}
	loc, _, err := schedule.ParseZone(zoneText)
	if err != nil {
		return errs.E(errs.Invalid, "Time zone: %s", bot.EscapeText(err.Error()))
	}
	at, err := parseWhen(when, f.env.Now(), loc)
	if err != nil {
		return err
	}
	if p.ThreadID == "" {
		return errs.E(errs.Conflict, "This mock interview has no thread to agree a time in.")
	}
	pr, err := f.avail.ProposeTime(c, p.ID, c.UserID(), at, loc.String())
	if err != nil {
		return err
	}
	partners := p.Partners(c.UserID())
	_, err = f.env.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
		Content: fmt.Sprintf("🗓️ <@%s> proposes **<t:%d:F>** (<t:%d:R>), shown in your own time zone. %s: does it suit you?",
			c.UserID(), at.Unix(), at.Unix(), mentions(partners)),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: userIDs(partners)},
		Components:      proposalButtons(pr, true),
	}, discordgo.WithContext(c))
	if err != nil {
		f.env.Log.Warn("mock: posting a proposed time", "pairing", p.ID, "err", err)
		return errs.E(errs.Conflict, "I saved your time but could not post it in %s; press **Propose a time** again.", threadLink(p))
	}
	return c.ReplyEphemeral(fmt.Sprintf("Proposed %s in %s (read in %s). Your partner can accept it there.", timestamp(at), threadLink(p), loc.String()))
}

// proposalButtons are a proposal's Accept (while open) and Propose another.
func proposalButtons(pr *store.Proposal, open bool) []discordgo.MessageComponent {
	pid := strconv.FormatInt(pr.PairingID, 10)
	var row []discordgo.MessageComponent
	if open {
		row = append(row, discordgo.Button{Label: "Accept", Style: discordgo.SuccessButton, CustomID: routeAccept.ID(pid, strconv.FormatInt(pr.ID, 10))})
	}
	row = append(row, discordgo.Button{Label: "Propose another", Style: discordgo.SecondaryButton, CustomID: routePropose.ID(pid)})
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// accept is a proposal's Accept: only a partner of the member who
// proposed it can accept. The proposal's message loses its Accept button
// and the thread is told, with the reminder to come.
func (f *Feature) accept(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Var("proposal"), 10, 64)
	if err != nil || id <= 0 {
		return errs.E(errs.Invalid, "This button names no valid proposed time.")
	}
	pr, err := f.avail.AcceptProposal(c, p.ID, id, c.UserID())
	if err != nil {
		return err
	}
	at := pr.Starts().Unix()
	if _, err := f.env.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
		Content: fmt.Sprintf("✅ <@%s> accepted <@%s>'s time: **<t:%d:F>** (<t:%d:R>). I will remind you both %d minutes before.",
			c.UserID(), pr.ProposerID, at, at, int(reminderLead.Minutes())),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: []string{pr.ProposerID}},
	}, discordgo.WithContext(c)); err != nil {
		f.env.Log.Warn("mock: posting an accepted time", "pairing", p.ID, "err", err)
	}
	return c.Update(&discordgo.InteractionResponseData{
		Content:         fmt.Sprintf("🗓️ <@%s> proposed **<t:%d:F>** (<t:%d:R>): accepted by <@%s>.", pr.ProposerID, at, at, c.UserID()),
		AllowedMentions: &discordgo.MessageAllowedMentions{}, Components: proposalButtons(pr, false),
	})
}

// remindTimes sends, once, the reminder of each accepted time due at now:
// reminderLead before it, or late, after downtime, until reminderLate
// after it. A reminder later than that, or for a pairing that has ended,
// is claimed as skipped and never sent. Each is claimed in the store
// before it is sent, so none goes twice, across restarts and processes.
func (f *Feature) remindTimes(ctx context.Context, now time.Time) {
	due, err := f.avail.DueReminders(ctx, now, reminderLead, f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: listing due reminders", "err", err)
		return
	}
	for _, pr := range due {
		p, err := f.interviews.Pairing(ctx, pr.PairingID)
		if err != nil && errs.CodeOf(err) != errs.NotFound {
			f.env.Log.Error("mock: reading a pairing to remind", "pairing", pr.PairingID, "err", err)
			continue
		}
		outcome := store.ReminderSent
		if err != nil || now.Sub(pr.Starts()) > reminderLate || !p.IsOpen() || p.Archived || p.ThreadID == "" {
			outcome = store.ReminderSkipped
		}
		if ok, err := f.avail.ClaimReminder(ctx, pr.ID, outcome); err != nil || !ok || outcome != store.ReminderSent {
			if err != nil {
				f.env.Log.Error("mock: claiming a reminder", "proposal", pr.ID, "err", err)
			}
			continue
		}
		members := p.ActiveMembers()
		at := pr.Starts().Unix()
		text := fmt.Sprintf("⏰ %s: your mock interview starts <t:%d:R> (<t:%d:t>). Meet here", mentions(members), at, at)
		if !now.Before(pr.Starts()) {
			text = fmt.Sprintf("⏰ %s: your mock interview was to start <t:%d:R> (<t:%d:t>); I was offline at reminder time. Meet here now", mentions(members), at, at)
		}
		if p.VoiceChannelID != "" {
			text += " or in <#" + p.VoiceChannelID + ">"
		}
		text += ", or press **Propose another** if the time no longer suits you."
		if _, err := f.env.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
			Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{Users: userIDs(members)},
			Components: proposalButtons(&pr, false),
		}, discordgo.WithContext(ctx)); err != nil {
			f.env.Log.Warn("mock: sending a reminder", "pairing", p.ID, "err", err)
		}
	}
}
