package bot

import (
	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/errs"
)

// requireDailyChannel refuses a channel the daily question cannot live in:
// one outside the server being set up (a DM channel has no server at all,
// a channel id from another server is not this server's), or one that is
// not a text or announcement channel. Discord's channel picker offers only
// those, but a crafted interaction can name any channel id, so the channel
// fetched from Discord is what is checked.
func requireDailyChannel(ch *discordgo.Channel, guildID string) error {
	if ch.GuildID == "" || ch.GuildID != guildID {
		return errs.E(errs.Invalid, "That channel is not a channel of this server. Choose a text or announcement channel of this server.")
	}
	switch ch.Type {
	case discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews:
		return nil
	}
	return errs.E(errs.Invalid, "<#%s> is not a text or announcement channel; the daily question is posted in one, with a thread per post. Choose another channel.", ch.ID)
}
