package dailysetup

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
)

// Needs are the permissions the bot needs in a daily channel.
var Needs = []struct {
	Bit  int64
	Name string
}{
	{discordgo.PermissionViewChannel, "View Channel"},
	{discordgo.PermissionSendMessages, "Send Messages"},
	{discordgo.PermissionEmbedLinks, "Embed Links"},
	{discordgo.PermissionCreatePublicThreads, "Create Public Threads"},
}

// Channel is what a feed accepts: a text or announcement channel of the
// server, where each post gets its thread.
var Channel = bot.ChannelWant{
	Setting: "daily question channel", Kind: "a text or announcement channel",
	Types:     []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews},
	Elsewhere: "That channel is not a channel of this server.",
}

// CheckChannel refuses a channel the daily question cannot live in: one
// outside the server being set up, or not a text or announcement channel
// (the channel fetched from Discord is what is checked, whatever the form
// or interaction said); and one the bot (botID) cannot post in, computing
// its permissions there from the server's roles and the channel's
// overwrites. Refusals are errs.Invalid.
func CheckChannel(ctx context.Context, s *discordgo.Session, guildID, channelID, botID string) error {
	ch, err := bot.FetchChannelOf(ctx, s, guildID, channelID, Channel)
	if err != nil {
		return err
	}
	perms, err := BotPerms(ctx, s, ch, botID)
	if err != nil {
		if bot.IsRESTError(err, http.StatusForbidden, 0) || bot.IsRESTError(err, http.StatusNotFound, 0) {
			return errs.E(errs.Invalid, "prepcord cannot see <#%s>. Give it **View Channel** there (channel settings → Permissions), or choose another channel.", channelID)
		}
		return err
	}
	var missing []string
	for _, n := range Needs {
		if perms&n.Bit == 0 {
			missing = append(missing, "**"+n.Name+"**")
		}
	}
	if len(missing) > 0 {
		return errs.E(errs.Invalid, "prepcord cannot post the daily question in <#%s>: it is missing %s there. In the channel's settings → Permissions, allow these for prepcord (or its role), then run the command again.",
			channelID, strings.Join(missing, ", "))
	}
	return nil
}

// BotPerms computes the bot's (botID's) permissions in a channel of the
// server from fresh REST reads of the server's roles and the bot's member.
func BotPerms(ctx context.Context, s *discordgo.Session, ch *discordgo.Channel, botID string) (int64, error) {
	if botID == "" {
		return 0, errors.New("dailysetup: the bot's user id is unknown")
	}
	opt := discordgo.WithContext(ctx)
	g, err := s.Guild(ch.GuildID, opt)
	if err != nil {
		return 0, err
	}
	if botID == g.OwnerID {
		return discordgo.PermissionAll, nil
	}
	m, err := s.GuildMember(ch.GuildID, botID, opt)
	if err != nil {
		return 0, err
	}
	return ChannelPermissions(g, ch, botID, m.Roles), nil
}

// ChannelPermissions applies Discord's permission hierarchy: base role
// permissions, then the channel's @everyone, role and member overwrites.
func ChannelPermissions(g *discordgo.Guild, ch *discordgo.Channel, userID string, roles []string) int64 {
	var perms int64
	has := func(id string) bool {
		for _, r := range roles {
			if r == id {
				return true
			}
		}
		return false
	}
	for _, r := range g.Roles {
		if r.ID == g.ID || has(r.ID) {
			perms |= r.Permissions
		}
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return discordgo.PermissionAll
	}
	var allow, deny int64
	for _, ow := range ch.PermissionOverwrites {
		if ow.ID == g.ID {
			perms = perms&^ow.Deny | ow.Allow
		} else if ow.Type == discordgo.PermissionOverwriteTypeRole && has(ow.ID) {
			allow |= ow.Allow
			deny |= ow.Deny
		}
	}
	perms = perms&^deny | allow
	for _, ow := range ch.PermissionOverwrites {
		if ow.Type == discordgo.PermissionOverwriteTypeMember && ow.ID == userID {
			perms = perms&^ow.Deny | ow.Allow
		}
	}
	if perms&discordgo.PermissionViewChannel == 0 {
		return 0
	}
	return perms
}
