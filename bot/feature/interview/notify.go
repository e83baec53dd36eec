package interview

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
)

// sendDM sends a member a direct message and returns it; it fails when
// their DMs are closed.
func (f *Feature) sendDM(ctx context.Context, userID string, msg *discordgo.MessageSend) (*discordgo.Message, error) {
	ch, err := f.env.Session.UserChannelCreate(userID, discordgo.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	return f.env.Session.ChannelMessageSendComplex(ch.ID, msg, discordgo.WithContext(ctx))
}

// guildName names a server for a direct message.
func (f *Feature) guildName(guildID string) string {
	if st := f.env.Session.State; st != nil {
		if g, err := st.Guild(guildID); err == nil && g.Name != "" {
			return "**" + bot.EscapeText(bot.Truncate(g.Name, 100)) + "**"
		}
	}
	return "the server"
}

// notify tells a member something by DM, or in channelID (mentioning
// them) when their DMs are closed.
func (f *Feature) notify(ctx context.Context, userID, channelID, text string) {
	f.notifyWith(ctx, userID, channelID, text, nil)
}

// notifyWith is notify with buttons under the text.
func (f *Feature) notifyWith(ctx context.Context, userID, channelID, text string, components []discordgo.MessageComponent) {
	_, err := f.sendDM(ctx, userID, &discordgo.MessageSend{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}, Components: components})
	if err == nil || channelID == "" {
		return
	}
	if _, err := f.env.Session.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{Content: fmt.Sprintf("<@%s> %s", userID, text),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: []string{userID}}, Components: components}, discordgo.WithContext(ctx)); err != nil {
		f.env.Log.Warn("mock: notice", "user", userID, "err", err)
	}
}
