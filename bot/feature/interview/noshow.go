package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/store"
)

// mockDM sends a member a direct message and returns it; it fails when
// their DMs are closed.
func (m *mockFeature) mockDM(ctx context.Context, userID string, msg *discordgo.MessageSend) (*discordgo.Message, error) {
	ch, err := m.b.Session.UserChannelCreate(userID, discordgo.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	return m.b.Session.ChannelMessageSendComplex(ch.ID, msg, discordgo.WithContext(ctx))
}

// mockGuildName names a server for a direct message.
func (m *mockFeature) mockGuildName(guildID string) string {
	if st := m.b.Session.State; st != nil {
		if g, err := st.Guild(guildID); err == nil && g.Name != "" {
			return "**" + mockEscape(Truncate(g.Name, 100)) + "**"
		}
	}
	return "the server"
}

// absenceText tells a member, kindly, that a partner reported them as not
// coming to a mock interview, and what it means for them.
func (m *mockFeature) absenceText(a store.Absence, trio bool) string {
	topic := mockTopic(a.Topic)
	var b strings.Builder
	fmt.Fprintf(&b, "Hi! <@%s> reported that you did not come to your **%s** mock interview in %s (suggested start %s). No worries, plans change. What it means for you:\n",
		a.ReporterID, topic.Name, m.mockGuildName(a.GuildID), mockTime(a.SuggestedStart()))
	if trio {
		b.WriteString("• The other two carry on without you, and you are no longer in the interview's private thread.\n")
	}
	fmt.Fprintf(&b, "• Your no-show count in that server is now **%d**. Its admins can see it and reset it; nothing is restricted because of it.\n", a.Count)
	fmt.Fprintf(&b, "• You will not be paired with <@%s> from the queue for the next %d days, and this session does not count as an interview on your `/profile`.\n",
		a.ReporterID, int(store.MockNoShowBlock.Hours()/24))
	fmt.Fprintf(&b, "• You are not in the queue now. When you are ready, run `/mock topic:%s` in the server to practise again.\n", topic.Name)
	b.WriteString("If the report is a mistake, tell a server admin.")
	return b.String()
}

// tellAbsent sends the absence notice by DM and records that the member
// was told. When their DMs are closed it stays untold: their next /mock
// shows it (see withAbsenceNotice).
func (m *mockFeature) tellAbsent(ctx context.Context, a store.Absence, trio bool) {
	_, err := m.mockDM(ctx, a.AbsentID, &discordgo.MessageSend{Content: m.absenceText(a, trio),
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
	if err != nil {
		m.b.Log.Info("mock: could not DM a member reported as a no-show; their next /mock tells them", "pairing", a.PairingID, "err", err)
		return
	}
	if _, err := m.b.Store.Interviews.ClaimAbsenceTold(ctx, a.PairingID, a.AbsentID); err != nil {
		m.b.Log.Warn("mock: recording the no-show notice", "pairing", a.PairingID, "err", err)
	}
}

// withAbsenceNotice wraps /mock: after a successful answer, a member who
// was reported as a no-show and could not be told by DM gets the notice
// as a private follow-up, once.
func (m *mockFeature) withAbsenceNotice(next Handler) Handler {
	return func(c *Ctx) error {
		began := m.b.Now()
		if err := next(c); err != nil || c.InDM() {
			return err
		}
		untold, err := m.b.Store.Interviews.UntoldAbsences(c, c.GuildID(), c.UserID())
		if err != nil {
			m.b.Log.Warn("mock: reading no-show notices", "err", err)
			return nil
		}
		for _, a := range untold {
			// A report made while this /mock ran is being sent by DM.
			if a.ReportedMs > began.UnixMilli() {
				continue
			}
			if ok, err := m.b.Store.Interviews.ClaimAbsenceTold(c, a.PairingID, a.AbsentID); err != nil || !ok {
				continue
			}
			p, err := m.b.Store.Interviews.Pairing(c, a.PairingID)
			trio := err == nil && len(p.Members) > 2
			if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
				Content: m.absenceText(a, trio), AllowedMentions: &discordgo.MessageAllowedMentions{}}); err != nil {
				m.b.Log.Warn("mock: no-show notice", "pairing", a.PairingID, "err", err)
			}
		}
		return nil
	}
}

// mockIDs returns the user ids of members.
func mockIDs(ms []store.PairMember) []string {
	out := make([]string, len(ms))
	for i, x := range ms {
		out[i] = x.UserID
	}
	return out
}
