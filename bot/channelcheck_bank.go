package bot

import (
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/errs"
)

// reviewChannel fetches the channel an admin chose for reviews and checks
// that it is a text or announcement channel of this server. The option's
// value comes from the interaction, which a client can forge, so Discord is
// asked what the channel really is before it is stored.
func (f *bankFeature) reviewChannel(c *Ctx, id string) (*discordgo.Channel, error) {
	if id == "" || len(id) > 20 || strings.Trim(id, "0123456789") != "" {
		return nil, errs.E(errs.Invalid, "Choose the review channel from the list Discord offers.")
	}
	ch, err := f.b.Session.Channel(id, discordgo.WithContext(c))
	switch {
	case IsRESTError(err, http.StatusNotFound, 0), IsRESTError(err, http.StatusForbidden, 0):
		return nil, errs.E(errs.Invalid, "I cannot see that channel. Choose a text channel of this server that I can read, or give me **View Channel** there.")
	case err != nil:
		return nil, errs.Wrap(errs.Internal, err, "fetching the review channel")
	case ch.GuildID != c.GuildID():
		return nil, errs.E(errs.Invalid, "That channel is not in this server. Choose one of this server's text channels for reviews.")
	case ch.Type != discordgo.ChannelTypeGuildText && ch.Type != discordgo.ChannelTypeGuildNews:
		return nil, errs.E(errs.Invalid, "Choose a text channel for reviews: <#%s> is not one.", ch.ID)
	}
	return ch, nil
}
