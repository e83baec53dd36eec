package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// openPairing sets a new pairing up on Discord: a private thread (not
// invitable) under the pairing's channel with its members added, an
// optional private voice channel, and the message with the session's
// buttons. When the thread cannot be created the pairing is cancelled and,
// with requeue, its members go back to the front of the queue.
func (m *mockFeature) openPairing(ctx context.Context, p *store.Pairing, requeue bool) (*store.Pairing, error) {
	s := m.b.Session
	topic := mockTopic(p.Topic)
	if p.ChannelID == "" {
		m.cancel(ctx, p, requeue)
		return nil, errs.E(errs.Invalid, "No channel is set for mock interviews: an admin can choose one with `/mock-admin setup channel:`.")
	}
	archive := int(mockSilence.Minutes())
	if p.Source == "round" {
		archive = int(mockRoundSilence.Minutes())
	}
	th, err := s.ThreadStartComplex(p.ChannelID, &discordgo.ThreadStart{
		Name: Truncate(fmt.Sprintf("Mock interview #%d · %s", p.ID, topic.Name), 100), AutoArchiveDuration: archive,
		Type: discordgo.ChannelTypeGuildPrivateThread, Invitable: false,
	}, discordgo.WithContext(ctx))
	if err != nil {
		m.b.Log.Warn("mock: creating the pairing thread", "pairing", p.ID, "channel", p.ChannelID, "err", err)
		m.cancel(ctx, p, requeue)
		msg := fmt.Sprintf("I could not open a private thread in <#%s>: I need the Create Private Threads and Send Messages in Threads permissions there.", p.ChannelID)
		if requeue {
			msg += " You and your partner are back at the front of the queue."
		}
		return nil, errs.E(errs.Conflict, "%s", msg)
	}
	p.ThreadID = th.ID
	for _, u := range p.UserIDs() {
		if err := s.ThreadMemberAdd(th.ID, u, discordgo.WithContext(ctx)); err != nil {
			m.b.Log.Warn("mock: adding a member to the pairing thread", "pairing", p.ID, "user", u, "err", err)
		}
	}
	set, err := m.b.Store.Interviews.Settings(ctx, p.GuildID)
	if err != nil {
		m.b.Log.Warn("mock: reading settings", "guild", p.GuildID, "err", err)
	}
	if set.VoiceCategoryID != "" {
		p.VoiceChannelID = m.createVoice(ctx, p, set.VoiceCategoryID)
	}
	if err := m.b.Store.Interviews.SetPairingChannels(ctx, p.ID, p.ChannelID, p.ThreadID, p.VoiceChannelID); err != nil {
		return nil, err
	}
	if _, err := s.ChannelMessageSendComplex(th.ID, m.pairingMessage(p), discordgo.WithContext(ctx)); err != nil {
		m.b.Log.Warn("mock: posting the pairing message", "pairing", p.ID, "err", err)
	}
	return p, nil
}

func (m *mockFeature) cancel(ctx context.Context, p *store.Pairing, requeue bool) {
	if err := m.b.Store.Interviews.CancelPairing(ctx, p.ID, requeue, m.b.cfg.QueueExpiry); err != nil {
		m.b.Log.Error("mock: cancelling a pairing", "pairing", p.ID, "err", err)
	}
}

// createVoice makes a private voice channel for the pairing's members; it
// returns its id, or "" when Discord refused (logged).
func (m *mockFeature) createVoice(ctx context.Context, p *store.Pairing, categoryID string) string {
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
	if st := m.b.Session.State; st != nil && st.User != nil {
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
	raw, err := m.b.Session.RequestWithBucketID("POST", ep, body, ep, discordgo.WithContext(ctx))
	var ch discordgo.Channel
	if err == nil {
		err = json.Unmarshal(raw, &ch)
	}
	if err != nil {
		m.b.Log.Warn("mock: creating the voice channel", "pairing", p.ID, "category", categoryID, "err", err)
		return ""
	}
	return ch.ID
}

// endResources removes what a pairing no longer needs when it ends: its
// voice channel.
func (m *mockFeature) endResources(ctx context.Context, p *store.Pairing) {
	if p.VoiceChannelID == "" {
		return
	}
	if _, err := m.b.Session.ChannelDelete(p.VoiceChannelID, discordgo.WithContext(ctx)); err != nil {
		var re *discordgo.RESTError
		if !(errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == 404) {
			m.b.Log.Warn("mock: deleting the voice channel", "pairing", p.ID, "channel", p.VoiceChannelID, "err", err)
		}
	}
}

// pairingMessage is the first message of a pairing's thread.
func (m *mockFeature) pairingMessage(p *store.Pairing) *discordgo.MessageSend {
	topic := mockTopic(p.Topic)
	id := strconv.FormatInt(p.ID, 10)
	var b strings.Builder
	fmt.Fprintf(&b, "**Suggested start:** %s\n\n", mockTime(p.SuggestedStart()))
	b.WriteString("1. Press **My packet**: the question you will ask, with its solution and what to look for (only you see it).\n")
	b.WriteString("2. Press **Start** when you begin. One of you interviews for about half the time, then press **Swap roles**.\n")
	b.WriteString("3. Press **Finish** at the end, then **Give feedback**: only your partner reads it (by DM and in `/profile`); the thread shows only that you gave it.\n")
	fmt.Fprintf(&b, "Partner missing? **Report no-show** works from %d minutes after the suggested start.", int(mockNoShowGrace.Minutes()))
	if p.VoiceChannelID != "" {
		fmt.Fprintf(&b, "\n\n🔊 Your private voice channel: <#%s> (removed when the interview ends).", p.VoiceChannelID)
	}
	e := &discordgo.MessageEmbed{Title: Truncate("Mock interview: "+topic.Name, MaxTitle), Description: b.String(), Color: BrandColor}
	for _, x := range p.Members {
		var prefs []string
		for _, v := range []string{x.Role, x.Company, x.Level} {
			if v != "" {
				prefs = append(prefs, mockEscape(v))
			}
		}
		if len(prefs) == 0 {
			prefs = []string{"no preferences"}
		}
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Member", Value: Truncate("<@"+x.UserID+"> · "+strings.Join(prefs, " · "), MaxFieldValue), Inline: true})
	}
	if f := mockPrefsField(p); f != nil {
		e.Fields = append(e.Fields, f)
	}
	content := fmt.Sprintf("%s: you are paired for a **%s** mock interview!", mockMentions(p.Members), topic.Name)
	if p.Source == "round" {
		content = fmt.Sprintf("%s: this week's mock round pairs you for **%s**. Agree on a time here.", mockMentions(p.Members), topic.Name)
	}
	return &discordgo.MessageSend{
		Content:         content,
		Embeds:          []*discordgo.MessageEmbed{e},
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: p.UserIDs()},
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "My packet", Style: discordgo.PrimaryButton, CustomID: CustomID("m1/packet", id)},
				discordgo.Button{Label: "Start", Style: discordgo.SuccessButton, CustomID: CustomID("m1/start", id)},
				discordgo.Button{Label: "Swap roles", Style: discordgo.SecondaryButton, CustomID: CustomID("m1/swap", id)},
				discordgo.Button{Label: "Finish", Style: discordgo.SecondaryButton, CustomID: CustomID("m1/finish", id)},
			}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Give feedback", Style: discordgo.PrimaryButton, CustomID: CustomID("m1/feedback", id)},
				discordgo.Button{Label: "Report no-show", Style: discordgo.DangerButton, CustomID: CustomID("m1/noshow", id)},
			}},
		},
	}
}

// errNotMember refuses buttons of a pairing to anyone but its members.
var errNotMember = errs.E(errs.Invalid, "Only the members of this mock interview can use its buttons.")

// pairingFor loads the pairing a button names and checks the caller is one
// of its members still taking part (not reported as a no-show).
func (m *mockFeature) pairingFor(c *Ctx) (*store.Pairing, error) {
	if len(c.Args) == 0 {
		return nil, errs.E(errs.Invalid, "This button is missing its interview; run /mock again.")
	}
	id, err := strconv.ParseInt(c.Args[0], 10, 64)
	if err != nil || id <= 0 {
		return nil, errs.E(errs.Invalid, "This button names no valid interview.")
	}
	p, err := m.b.Store.Interviews.Pairing(c, id)
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

// packetPartner is whom member asks: the next member in the pairing who
// still takes part.
func packetPartner(p *store.Pairing, userID string) store.PairMember {
	active := p.ActiveMembers()
	for i, x := range active {
		if x.UserID == userID {
			return active[(i+1)%len(active)]
		}
	}
	return store.PairMember{}
}

func (m *mockFeature) packet(c *Ctx) error {
	p, err := m.pairingFor(c)
	if err != nil {
		return err
	}
	me, partner := p.Member(c.UserID()), packetPartner(p, c.UserID())
	topic := mockTopic(p.Topic)
	role, company := mockFirst(partner.Role, me.Role), mockFirst(partner.Company, me.Company)
	base := store.Filter{Scope: p.GuildID, Category: topic.Category}
	var filters []store.Filter
	add := func(f store.Filter) {
		for _, x := range filters {
			if x == f {
				return
			}
		}
		filters = append(filters, f)
	}
	add(base.With(data.KindRole, role).With(data.KindCompany, company))
	add(base.With(data.KindCompany, company))
	add(base.With(data.KindRole, role))
	add(base)
	q, err := m.b.Store.Interviews.AssignPacket(c, p.ID, c.UserID(), filters)
	if err != nil {
		return err
	}
	qe := QuestionEmbed(q)
	look := &discordgo.MessageEmbed{Title: "What to look for", Description: mockLookFor(q, topic.Key), Color: BrandColor}
	intro := fmt.Sprintf("📋 **Your interview packet.** You ask <@%s> this question; do not share it before the session.", partner.UserID)
	embeds := []*discordgo.MessageEmbed{qe}
	if mockEmbedsLen(qe, look) <= MaxEmbedsTotal-200 {
		embeds = append(embeds, look)
		look = nil
	}
	if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Content: intro,
		Embeds: embeds, AllowedMentions: &discordgo.MessageAllowedMentions{}}); err != nil {
		return err
	}
	if look != nil {
		if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: []*discordgo.MessageEmbed{look}}); err != nil {
			return err
		}
	}
	for _, page := range SolutionPages(q) {
		if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: page}); err != nil {
			return err
		}
	}
	return nil
}

func mockFirst(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// mockEmbedsLen counts the characters Discord counts towards 6000.
func mockEmbedsLen(es ...*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range es {
		n += len([]rune(e.Title)) + len([]rune(e.Description))
		for _, f := range e.Fields {
			n += len([]rune(f.Name)) + len([]rune(f.Value))
		}
		if e.Footer != nil {
			n += len([]rune(e.Footer.Text))
		}
	}
	return n
}

// mockLookFor is what the interviewer listens for: the question's overview
// and the topic's rubric.
func mockLookFor(q *store.Question, topic string) string {
	rubric := map[string]string{
		"behavioral":       "A real situation with stakes; the candidate's own actions (\"I\", not \"we\"); a measurable result; what they learned. Ask one follow-up on a decision they made.",
		"coding":           "Clarifying questions and examples before coding; a brute force first, then a better approach; correct complexity; clean code; testing with edge cases.",
		"system-design":    "Requirements and scale first; a simple design, then bottlenecks; data model and APIs; trade-offs named and justified.",
		"ml-system-design": "The business metric and the ML objective; data and labels; features; model choice with a baseline; offline and online evaluation; serving and monitoring.",
		"machine-learning": "Precise definitions; intuition before formulas; trade-offs (bias and variance, cost, latency); how it fails in practice.",
		"product":          "Users and goals first; a structured list of options; prioritisation with a reason; metrics to judge success.",
		"sql-data":         "Questions about the schema and edge cases (NULLs, duplicates); a correct query built step by step; how to check the result.",
		"statistics":       "Assumptions stated; the right test or model; power and sample size; pitfalls such as peeking and multiple comparisons.",
	}
	var b strings.Builder
	if q.Overview != "" {
		b.WriteString(q.Overview)
		b.WriteString("\n\n")
	}
	if r, ok := rubric[topic]; ok {
		b.WriteString(r)
	} else {
		b.WriteString("A clear structure, reasoning out loud, and trade-offs named.")
	}
	b.WriteString("\nThe model answer follows; keep it to yourself until the debrief.")
	return Truncate(b.String(), MaxDescription)
}

func (m *mockFeature) action(c *Ctx, action string) error {
	p, err := m.pairingFor(c)
	if err != nil {
		return err
	}
	p, err = m.b.Store.Interviews.PairingAction(c, p.ID, c.UserID(), action)
	if err != nil {
		return err
	}
	var text string
	now := m.b.Now().Unix()
	switch action {
	case store.ActionStart:
		text = fmt.Sprintf("▶️ <@%s> started the session <t:%d:t>. <@%s> interviews first; press **Swap roles** at half time.",
			c.UserID(), now, p.Members[0].UserID)
	case store.ActionSwap:
		text = fmt.Sprintf("🔁 Roles swapped <t:%d:t>: <@%s> interviews now.", now, p.Members[len(p.Members)-1].UserID)
	case store.ActionFinish:
		m.endResources(c, p)
		text = fmt.Sprintf("✅ <@%s> finished the session. Thank you both! Press **Give feedback** while it is fresh.", c.UserID())
	}
	return c.Reply(&discordgo.InteractionResponseData{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

func (m *mockFeature) startButton(c *Ctx) error { return m.action(c, store.ActionStart) }
func (m *mockFeature) swap(c *Ctx) error        { return m.action(c, store.ActionSwap) }
func (m *mockFeature) finish(c *Ctx) error      { return m.action(c, store.ActionFinish) }

// mockChooser asks the caller which member of a trio they mean.
func mockChooser(route string, p *store.Pairing, caller, prompt string) *discordgo.InteractionResponseData {
	var buttons []discordgo.MessageComponent
	var names []string
	for i, x := range p.Partners(caller) {
		// Button labels cannot mention members, so the text says who is who.
		buttons = append(buttons, discordgo.Button{Label: fmt.Sprintf("Partner %d", i+1), Style: discordgo.SecondaryButton,
			CustomID: CustomID(route, strconv.FormatInt(p.ID, 10), x.UserID)})
		names = append(names, fmt.Sprintf("Partner %d is <@%s>", i+1, x.UserID))
	}
	return &discordgo.InteractionResponseData{
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Content:    fmt.Sprintf("%s %s.", prompt, strings.Join(names, ", ")),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}},
	}
}

// mockTarget returns the partner a trio button names, or the only
// partner; members reported as no-shows are no one's partner.
func mockTarget(c *Ctx, p *store.Pairing) (string, bool) {
	others := p.Partners(c.UserID())
	if len(c.Args) > 1 {
		for _, x := range others {
			if x.UserID == c.Args[1] {
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

func (m *mockFeature) noshow(c *Ctx) error {
	p, err := m.pairingFor(c)
	if err != nil {
		return err
	}
	if !p.IsOpen() {
		return errs.E(errs.Conflict, "This mock interview has already ended.")
	}
	if due := p.SuggestedStart().Add(mockNoShowGrace); m.b.Now().Before(due) {
		return errs.E(errs.Invalid, "It is too early to report a no-show: you can from <t:%d:t> (<t:%d:R>).", due.Unix(), due.Unix())
	}
	absent, ok := mockTarget(c, p)
	if !ok {
		if len(c.Args) > 1 {
			return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
		}
		return c.Reply(mockChooser("m1/noshow", p, c.UserID(), "Who did not come?"))
	}
	res, err := m.b.Store.Interviews.ReportNoShow(c, p.ID, c.UserID(), absent, m.b.cfg.QueueExpiry)
	if err != nil {
		return err
	}
	m.tellAbsent(c, store.Absence{PairingID: p.ID, GuildID: p.GuildID, ReporterID: c.UserID(), AbsentID: absent,
		Topic: p.Topic, StartMs: p.StartMs, Count: res.Count}, !res.Ended)
	if !res.Ended {
		// A trio goes on without them: they leave the private thread, so
		// they no longer read what the other two write there.
		text := fmt.Sprintf("🚫 <@%s> reported that <@%s> did not come. The interview goes on with the two of you; <@%s> is no longer in this thread.",
			c.UserID(), absent, absent)
		if err := m.b.Session.ThreadMemberRemove(p.ThreadID, absent, discordgo.WithContext(c)); err != nil {
			m.b.Log.Warn("mock: removing a no-show from the pairing thread", "pairing", p.ID, "err", err)
			text = fmt.Sprintf("🚫 <@%s> reported that <@%s> did not come. The interview goes on with the two of you. Discord did not let me remove <@%s> from this thread: an admin can.",
				c.UserID(), absent, absent)
		}
		return c.Reply(&discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{}, Content: text})
	}
	m.endResources(c, res.Pairing)
	text := fmt.Sprintf("🚫 <@%s> reported that <@%s> did not come. This interview is closed; <@%s> is back at the front of the queue.",
		c.UserID(), absent, c.UserID())
	// Try to pair the reporter again at once.
	if e := res.Requeued; e != nil {
		jr, err := m.b.Store.Interviews.JoinQueue(c, store.JoinRequest{GuildID: e.GuildID, UserID: e.UserID, Topic: e.Topic, Role: e.Role,
			Company: e.Company, Level: e.Level, ChannelID: e.ChannelID, DefaultExpiry: m.b.cfg.QueueExpiry,
			SuggestedStart: mockSuggestedStart(m.b.Now()), Front: true, Pick: mockPick})
		if err != nil {
			m.b.Log.Warn("mock: re-pairing after a no-show", "err", err)
		} else if jr.Pairing != nil {
			if np, err := m.openPairing(c, jr.Pairing, true); err == nil {
				text += fmt.Sprintf(" New partner found: %s.", mockWhere(np))
			}
		}
	}
	return c.Reply(&discordgo.InteractionResponseData{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}})
}
