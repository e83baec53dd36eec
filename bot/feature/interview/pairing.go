package interview

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// openPairing sets a new pairing up on Discord: a private thread (not
// invitable) under the pairing's channel with its members added, an
// optional private voice channel, and the message with the session's
// buttons. When the thread cannot be created the pairing is cancelled and,
// with requeue, its members go back to the front of the queue.
func (f *Feature) openPairing(ctx context.Context, p *store.Pairing, requeue bool) (*store.Pairing, error) {
	s := f.env.Session
	topic := topicOf(p.Topic)
	if p.ChannelID == "" {
		f.cancel(ctx, p, requeue)
		return nil, errs.E(errs.Invalid, "No channel is set for mock interviews: an admin can choose one with `/mock-admin setup channel:`.")
	}
	archive := int(silence.Minutes())
	if p.Source == "round" {
		archive = int(roundSilence.Minutes())
	}
	th, err := s.ThreadStartComplex(p.ChannelID, &discordgo.ThreadStart{
		Name: bot.Truncate(fmt.Sprintf("Mock interview #%d · %s", p.ID, topic.Name), 100), AutoArchiveDuration: archive,
		Type: discordgo.ChannelTypeGuildPrivateThread, Invitable: false,
	}, discordgo.WithContext(ctx))
	if err != nil {
		f.env.Log.Warn("mock: creating the pairing thread", "pairing", p.ID, "channel", p.ChannelID, "err", err)
		f.cancel(ctx, p, requeue)
		msg := fmt.Sprintf("I could not open a private thread in <#%s>: I need the Create Private Threads and Send Messages in Threads permissions there.", p.ChannelID)
		if requeue {
			msg += " You and your partner are back at the front of the queue."
		}
		return nil, errs.E(errs.Conflict, "%s", msg)
	}
	p.ThreadID = th.ID
	for _, u := range p.UserIDs() {
		if err := s.ThreadMemberAdd(th.ID, u, discordgo.WithContext(ctx)); err != nil {
			f.env.Log.Warn("mock: adding a member to the pairing thread", "pairing", p.ID, "user", u, "err", err)
		}
	}
	set, err := f.interviews.Settings(ctx, p.GuildID)
	if err != nil {
		f.env.Log.Warn("mock: reading settings", "guild", p.GuildID, "err", err)
	}
	if set.VoiceCategoryID != "" {
		p.VoiceChannelID = f.createVoice(ctx, p, set.VoiceCategoryID)
	}
	if err := f.interviews.SetPairingChannels(ctx, p.ID, p.ChannelID, p.ThreadID, p.VoiceChannelID); err != nil {
		return nil, err
	}
	if _, err := s.ChannelMessageSendComplex(th.ID, f.pairingMessage(p, f.zonesOf(ctx, p)), discordgo.WithContext(ctx)); err != nil {
		f.env.Log.Warn("mock: posting the pairing message", "pairing", p.ID, "err", err)
	}
	return p, nil
}

// cancel cancels a pairing that could not be set up; with requeue its
// members go back to the front of the queue.
func (f *Feature) cancel(ctx context.Context, p *store.Pairing, requeue bool) {
	if err := f.interviews.CancelPairing(ctx, p.ID, requeue, f.cfg.QueueExpiry); err != nil {
		f.env.Log.Error("mock: cancelling a pairing", "pairing", p.ID, "err", err)
	}
}

// createVoice makes a private voice channel for the pairing's members; it
// returns its id, or "" when Discord refused (logged).
func (f *Feature) createVoice(ctx context.Context, p *store.Pairing, categoryID string) string {
	// Overwrites go as numbers: the API accepts them, and discordgo's
	// struct sends strings, which the OpenAPI description rejects.
	type overwrite struct {
		ID    string `json:"id"`
		Type  int    `json:"type"`
		Allow int64  `json:"allow"`
		Deny  int64  `json:"deny"`
	}
	allow := int64(discordgo.PermissionViewChannel | discordgo.PermissionVoiceConnect)
	ows := []overwrite{{ID: p.GuildID, Type: int(discordgo.PermissionOverwriteTypeRole), Deny: allow}}
	ids := p.UserIDs()
	if st := f.env.Session.State; st != nil && st.User != nil {
		ids = append(ids, st.User.ID)
	}
	for _, u := range ids {
		ows = append(ows, overwrite{ID: u, Type: int(discordgo.PermissionOverwriteTypeMember), Allow: allow})
	}
	body := struct {
		Name                 string      `json:"name"`
		Type                 int         `json:"type"`
		ParentID             string      `json:"parent_id"`
		PermissionOverwrites []overwrite `json:"permission_overwrites"`
	}{fmt.Sprintf("mock-%d-%s", p.ID, p.Topic), int(discordgo.ChannelTypeGuildVoice), categoryID, ows}
	ep := discordgo.EndpointGuildChannels(p.GuildID)
	raw, err := f.env.Session.RequestWithBucketID("POST", ep, body, ep, discordgo.WithContext(ctx))
	var ch discordgo.Channel
	if err == nil {
		err = json.Unmarshal(raw, &ch)
	}
	if err != nil {
		f.env.Log.Warn("mock: creating the voice channel", "pairing", p.ID, "category", categoryID, "err", err)
		return ""
	}
	return ch.ID
}

// endResources removes what a pairing no longer needs when it ends: its
// voice channel.
func (f *Feature) endResources(ctx context.Context, p *store.Pairing) {
	if p.VoiceChannelID == "" {
		return
	}
	if _, err := f.env.Session.ChannelDelete(p.VoiceChannelID, discordgo.WithContext(ctx)); err != nil {
		if !bot.IsRESTError(err, http.StatusNotFound, 0) {
			f.env.Log.Warn("mock: deleting the voice channel", "pairing", p.ID, "channel", p.VoiceChannelID, "err", err)
		}
	}
}

// zonesOf returns the time zones the pairing's members gave, by user id
// (a zone that cannot be read is left out, and logged).
func (f *Feature) zonesOf(ctx context.Context, p *store.Pairing) map[string]string {
	out := map[string]string{}
	for _, u := range p.UserIDs() {
		z, err := f.avail.MemberZone(ctx, u)
		if err != nil {
			f.env.Log.Warn("mock: reading a member's time zone", "user", u, "err", err)
		}
		if z != "" {
			out[u] = z
		}
	}
	return out
}

// pairingMessage is the first message of a pairing's thread; zones are the
// members' time zones, shown beside their preferences.
func (f *Feature) pairingMessage(p *store.Pairing, zones map[string]string) *discordgo.MessageSend {
	topic := topicOf(p.Topic)
	id := strconv.FormatInt(p.ID, 10)
	var b strings.Builder
	fmt.Fprintf(&b, "**Suggested start:** %s\n\n", timestamp(p.SuggestedStart()))
	b.WriteString("1. Press **My packet**: the question you will ask, with its solution and what to look for (only you see it).\n")
	b.WriteString("2. Press **Start** when you begin. One of you interviews for about half the time, then press **Swap roles**.\n")
	b.WriteString("3. Press **Finish** at the end, then **Give feedback**: only your partner reads it (by DM and in `/profile`); the thread shows only that you gave it.\n")
	fmt.Fprintf(&b, "Partner missing? **Report no-show** works from %d minutes after the suggested start.", int(noShowGrace.Minutes()))
	fmt.Fprintf(&b, "\nAnother time suits you better? **Propose a time**: your partner accepts it, and I remind you both %d minutes before.", int(reminderLead.Minutes()))
	if p.VoiceChannelID != "" {
		fmt.Fprintf(&b, "\n\n🔊 Your private voice channel: <#%s> (removed when the interview ends).", p.VoiceChannelID)
	}
	e := &discordgo.MessageEmbed{Title: bot.Truncate("Mock interview: "+topic.Name, bot.MaxTitle), Description: b.String(), Color: bot.BrandColor}
	for _, x := range p.Members {
		var prefs []string
		for _, v := range []string{x.Role, x.Company, x.Level, zones[x.UserID]} {
			if v != "" {
				prefs = append(prefs, bot.EscapeText(v))
			}
		}
		if len(prefs) == 0 {
			prefs = []string{"no preferences"}
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Member", Value: bot.Truncate("<@"+x.UserID+"> · "+strings.Join(prefs, " · "), bot.MaxFieldValue), Inline: true})
	}
	if field := prefsField(p); field != nil {
		e.Fields = append(e.Fields, field)
	}
	content := fmt.Sprintf("%s: you are paired for a **%s** mock interview!", mentions(p.Members), topic.Name)
	if p.Source == "round" {
		content = fmt.Sprintf("%s: this week's mock round pairs you for **%s**. Agree on a time here with **Propose a time**.", mentions(p.Members), topic.Name)
	}
	return &discordgo.MessageSend{
		Content:         content,
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: p.UserIDs()},
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "My packet", Style: discordgo.PrimaryButton, CustomID: routePacket.ID(id)},
				discordgo.Button{Label: "Start", Style: discordgo.SuccessButton, CustomID: routeStart.ID(id)},
				discordgo.Button{Label: "Swap roles", Style: discordgo.SecondaryButton, CustomID: routeSwap.ID(id)},
				discordgo.Button{Label: "Finish", Style: discordgo.SecondaryButton, CustomID: routeFinish.ID(id)},
			}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Propose a time", Style: discordgo.SecondaryButton, CustomID: routePropose.ID(id)},
				discordgo.Button{Label: "Give feedback", Style: discordgo.PrimaryButton, CustomID: routeFeedback.ID(id)},
				discordgo.Button{Label: "Report no-show", Style: discordgo.DangerButton, CustomID: routeNoShow.ID(id)},
			}},
		},
	}
}

// errNotMember refuses buttons of a pairing to anyone but its members.
var errNotMember = errs.E(errs.Invalid, "Only the members of this mock interview can use its buttons.")

// pairingFor loads the pairing a button names and checks the caller is one
// of its members still taking part (not reported as a no-show).
func (f *Feature) pairingFor(c *bot.Ctx) (*store.Pairing, error) {
	id, err := strconv.ParseInt(c.Var("pairing"), 10, 64)
	if err != nil || id <= 0 {
		return nil, errs.E(errs.Invalid, "This button names no valid interview.")
	}
	p, err := f.interviews.Pairing(c, id)
	if err != nil {
		return nil, err
	}
	if p.GuildID != c.GuildID() || p.Member(c.UserID()) == nil {
		return nil, errNotMember
	}
	if p.Active(c.UserID()) == nil {
		return nil, errs.E(errs.Conflict, "You were reported as not coming to this mock interview, so you no longer take part in it. Run `/mock` to practise again.")
	}
	return p, nil
}

// action does what a session button says (store.ActionStart, ActionSwap,
// ActionFinish) and tells the thread.
func (f *Feature) action(c *bot.Ctx, action string) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	p, err = f.interviews.PairingAction(c, p.ID, c.UserID(), action)
	if err != nil {
		return err
	}
	var text string
	now := f.env.Now().Unix()
	switch action {
	case store.ActionStart:
		text = fmt.Sprintf("▶️ <@%s> started the session <t:%d:t>. <@%s> interviews first; press **Swap roles** at half time.",
			c.UserID(), now, p.Members[0].UserID)
	case store.ActionSwap:
		text = fmt.Sprintf("🔁 Roles swapped <t:%d:t>: <@%s> interviews now.", now, p.Members[len(p.Members)-1].UserID)
	case store.ActionFinish:
		f.endResources(c, p)
		text = fmt.Sprintf("✅ <@%s> finished the session. Thank you both! Press **Give feedback** while it is fresh.", c.UserID())
	}
	return c.Reply(&discordgo.InteractionResponseData{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

func (f *Feature) startButton(c *bot.Ctx) error { return f.action(c, store.ActionStart) }

func (f *Feature) swap(c *bot.Ctx) error { return f.action(c, store.ActionSwap) }

func (f *Feature) finish(c *bot.Ctx) error { return f.action(c, store.ActionFinish) }

// chooser asks the caller which member of a trio they mean.
func chooser(route bot.Route, p *store.Pairing, caller, prompt string) *discordgo.InteractionResponseData {
	var buttons []discordgo.MessageComponent
	var names []string
	for i, x := range p.Partners(caller) {
		// Button labels cannot mention members, so the text says who is who.
		buttons = append(buttons, discordgo.Button{Label: fmt.Sprintf("Partner %d", i+1), Style: discordgo.SecondaryButton,
			CustomID: route.ID(strconv.FormatInt(p.ID, 10), x.UserID)})
		names = append(names, fmt.Sprintf("Partner %d is <@%s>", i+1, x.UserID))
	}
	return &discordgo.InteractionResponseData{
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Content:    fmt.Sprintf("%s %s.", prompt, strings.Join(names, ", ")),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}},
	}
}

// chosenPartner returns the partner a trio button names, or the only
// partner; members reported as no-shows are no one's partner.
func chosenPartner(c *bot.Ctx, p *store.Pairing) (string, bool) {
	others := p.Partners(c.UserID())
	if named := c.Var("partner"); named != "" {
		for _, x := range others {
			if x.UserID == named {
				return x.UserID, true
			}
		}
		return "", false
	}
	if len(others) == 1 {
		return others[0].UserID, true
	}
	return "", false
}
