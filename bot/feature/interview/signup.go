package interview

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// anyTopic is the topic menu's value for "this week's topic".
const anyTopic = "any"

// signupMessage is the weekly rounds' sign-up message: what the rounds
// are, a menu to join with a topic, and Join and Leave buttons. Paused
// rounds say so and keep the buttons (Leave still works; Join says the
// rounds are not running).
func signupMessage(r store.WeeklyRounds, next time.Time) (string, []discordgo.MessageComponent) {
	content := "📅 **Weekly mock interview rounds are paused.** Members who joined stay listed for when they start again."
	if r.Enabled {
		who := "members"
		if r.RoleID != "" {
			who = "members with <@&" + r.RoleID + ">"
		}
		content = fmt.Sprintf("📅 **Weekly mock interview rounds**: every %s at %s (%s), %s who join are paired for a mock interview, "+
			"each pair with a private thread and interview packets. Choose a topic in the menu to join with it, or press **Join the rounds** "+
			"to practise the week's topic (the topics take turns; whoever is alone in a topic practises it too). Next round: %s.",
			mocksetup.Weekdays[r.Weekday], r.Time, r.Timezone, who, timestamp(next))
	}
	opts := []discordgo.SelectMenuOption{{Label: "This week's topic (changes weekly)", Value: anyTopic}}
	for _, t := range match.Topics() {
		opts = append(opts, discordgo.SelectMenuOption{Label: t.Name, Value: t.Key})
	}
	return content, []discordgo.MessageComponent{
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: routeRounds.ID("topic"), Placeholder: "Join with a topic, or change yours", Options: opts},
		}},
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Join the rounds", Style: discordgo.SuccessButton, CustomID: routeRounds.ID("join")},
			discordgo.Button{Label: "Leave the rounds", Style: discordgo.SecondaryButton, CustomID: routeRounds.ID("leave")},
		}},
	}
}

// publishRoundsSignup shows the rounds' sign-up message in the mock
// channel: the one posted before is edited (one message however often the
// rounds are set up), a new one is posted only when there is none there
// (never posted, deleted, or the mock channel changed), and paused rounds
// post nothing new.
func (f *Feature) publishRoundsSignup(ctx context.Context, set store.InterviewSettings, r store.WeeklyRounds, next time.Time) bot.SignupOutcome {
	content, comps := signupMessage(r, next)
	none := &discordgo.MessageAllowedMentions{}
	if set.RoundsMessageID != "" && set.RoundsChannelID == set.ChannelID {
		_, err := f.env.Session.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: set.RoundsMessageID, Channel: set.RoundsChannelID,
			Content: &content, Components: &comps, AllowedMentions: none}, discordgo.WithContext(ctx))
		switch {
		case err == nil && !r.Enabled:
			return bot.SignupMarkedPaused
		case err == nil:
			return bot.SignupUpdated
		case !bot.IsRESTError(err, http.StatusNotFound, 0):
			f.env.Log.Warn("mock: updating the rounds sign-up message", "guild", set.GuildID, "err", err)
			return bot.SignupUpdateFailed
		}
		// Deleted: post a new one below.
	}
	if !r.Enabled {
		return bot.SignupNone
	}
	msg, err := f.env.Session.ChannelMessageSendComplex(set.ChannelID, &discordgo.MessageSend{Content: content, Components: comps,
		AllowedMentions: none}, discordgo.WithContext(ctx))
	if err != nil {
		f.env.Log.Warn("mock: announcing rounds", "guild", set.GuildID, "err", err)
		return bot.SignupPostFailed
	}
	if err := f.interviews.SetRoundsMessage(ctx, set.GuildID, set.ChannelID, msg.ID); err != nil {
		f.env.Log.Error("mock: recording the rounds sign-up message", "guild", set.GuildID, "err", err)
	}
	return bot.SignupPosted
}

// signupSentence tells the admin what became of the sign-up message in
// channel, for /mock-admin rounds' reply.
func signupSentence(o bot.SignupOutcome, channel string) string {
	switch o {
	case bot.SignupMarkedPaused:
		return fmt.Sprintf("I marked the sign-up message in <#%s> as paused.", channel)
	case bot.SignupUpdated:
		return fmt.Sprintf("I updated the sign-up message in <#%s>.", channel)
	case bot.SignupUpdateFailed:
		return fmt.Sprintf("⚠️ I could not update the sign-up message in <#%s>: check my View Channel and Send Messages permissions there.", channel)
	case bot.SignupPostFailed:
		return fmt.Sprintf("⚠️ I could not post the sign-up message in <#%s>: check my Send Messages permission there.", channel)
	case bot.SignupPosted:
		return fmt.Sprintf("Members join with the sign-up message I posted in <#%s>.", channel)
	}
	return ""
}

// roundsJoin opts the caller in to weekly rounds; topic is nil for the Join
// button (keep the topic chosen before) or the topic chosen in the menu
// ("" for the week's).
func (f *Feature) roundsJoin(c *bot.Ctx, set store.InterviewSettings, topic *string) error {
	if !set.RoundsEnabled {
		return errs.E(errs.Conflict, "Weekly rounds are not running in this server.")
	}
	if set.RoundsRoleID != "" && (c.I.Member == nil || !slices.Contains(c.I.Member.Roles, set.RoundsRoleID)) {
		return errs.E(errs.Invalid, "Weekly rounds are for members with the <@&%s> role; ask an admin for it.", set.RoundsRoleID)
	}
	rm, added, err := f.interviews.JoinRounds(c, c.GuildID(), c.UserID(), topic)
	if err != nil {
		return err
	}
	what := "this week's topic (the topics take turns)"
	if rm.Topic != "" {
		what = "**" + topicOf(rm.Topic).Name + "**"
	}
	next := fmt.Sprintf("<t:%d:F>", set.RoundsNextAt/1000)
	switch {
	case added:
		return c.ReplyEphemeral(fmt.Sprintf("You are in! The next round is %s: you will get a partner and a private thread to practise %s. "+
			"Change your topic with the menu on the sign-up message.", next, what))
	case topic != nil:
		return c.ReplyEphemeral(fmt.Sprintf("Your weekly-round topic is now %s. The next round is %s.", what, next))
	}
	return c.ReplyEphemeral(fmt.Sprintf("You are already in the weekly rounds, practising %s. The next round is %s; "+
		"change your topic with the menu on the sign-up message.", what, next))
}

// roundsTopicChoice reads the topic chosen in the sign-up menu: "" for the
// week's topic.
func roundsTopicChoice(c *bot.Ctx) (string, error) {
	vals := c.Values()
	if len(vals) != 1 {
		return "", errs.E(errs.Invalid, "Choose one topic from the menu.")
	}
	if vals[0] == anyTopic {
		return "", nil
	}
	t, ok := match.ParseTopic(vals[0])
	if !ok {
		return "", errs.E(errs.Invalid, "Unknown topic %q. Choose one from the menu.", bot.Truncate(vals[0], 50))
	}
	return t.Key, nil
}
