package bot

import (
	"context"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/errs"
)

// ChannelWant is what a channel setting accepts, for FetchGuildChannel and
// its messages.
type ChannelWant struct {
	Setting string                  // what the channel is for: "mock interview channel"
	Kind    string                  // the channels accepted, with an article: "a text channel"
	Types   []discordgo.ChannelType // their types
	// Elsewhere, when set, is the first sentence of the refusal of a
	// channel outside this server (a DM's, another server's); by default
	// "That channel is not in this server."
	Elsewhere string
}

// FetchGuildChannel asks Discord for the channel id names and returns it
// when it is a channel of the server the interaction comes from, of one of
// want.Types. A channel option's value comes from the interaction, which a
// modified client can forge with any id (another server's channel, a DM, a
// voice channel), so settings check the channel itself before storing it.
// Every refusal is an Invalid error that says what to choose instead; a
// failure to ask Discord is Internal.
func FetchGuildChannel(c *Ctx, id string, want ChannelWant) (*discordgo.Channel, error) {
	return FetchChannelOf(c, c.Session, c.GuildID(), id, want)
}

// FetchChannelOf is FetchGuildChannel for a server named by its id, for
// settings made outside an interaction (the web dashboard).
func FetchChannelOf(ctx context.Context, s *discordgo.Session, guildID, id string, want ChannelWant) (*discordgo.Channel, error) {
	if id == "" || len(id) > 20 || strings.Trim(id, "0123456789") != "" {
		return nil, errs.E(errs.Invalid, "Choose the %s from the list Discord offers.", want.Setting)
	}
	ch, err := s.Channel(id, discordgo.WithContext(ctx))
	switch {
	case IsRESTError(err, http.StatusNotFound, 0), IsRESTError(err, http.StatusForbidden, 0):
		return nil, errs.E(errs.Invalid, "I cannot see that channel: it was deleted, or I lack View Channel there. Choose %s of this server for the %s.",
			want.Kind, want.Setting)
	case err != nil:
		return nil, errs.Wrap(errs.Internal, err, "fetching the %s", want.Setting)
	case ch.GuildID == "" || ch.GuildID != guildID:
		elsewhere := want.Elsewhere
		if elsewhere == "" {
			elsewhere = "That channel is not in this server."
		}
		return nil, errs.E(errs.Invalid, "%s Choose %s of this server for the %s.", elsewhere, want.Kind, want.Setting)
	}
	for _, t := range want.Types {
		if ch.Type == t {
			return ch, nil
		}
	}
	return nil, errs.E(errs.Invalid, "<#%s> is not %s. Choose %s of this server for the %s.", ch.ID, want.Kind, want.Kind, want.Setting)
}
