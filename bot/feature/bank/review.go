package bank

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
)

// reviewChannel is what the review channel may be: a text or announcement
// channel of the server, as the option's picker offers. The option's value
// comes from the interaction, which a client can forge, so the channel is
// fetched from Discord and checked before it is stored.
var reviewChannel = bot.ChannelWant{Setting: "review channel", Kind: "a text channel",
	Types: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}}

// review sets the review channel, or lists pending suggestions.
func (f *Feature) review(c *bot.Ctx) error {
	channel, limit := c.Option("channel"), c.Option("limit")
	if channel != nil || limit != nil {
		return f.setReview(c, channel, limit)
	}
	st, err := f.suggestions.Settings(c, c.GuildID())
	if err != nil {
		return err
	}
	list, total, err := f.suggestions.Pending(c, c.GuildID(), 20)
	if err != nil {
		return err
	}
	var b strings.Builder
	if st.ReviewChannelID == "" {
		b.WriteString("No review channel is set: `/bank review channel:#channel` chooses one.\n")
	} else {
		fmt.Fprintf(&b, "Suggestions are reviewed in <#%s>.\n", st.ReviewChannelID)
	}
	fmt.Fprintf(&b, "Each member may have %d suggestion%s awaiting review (`/bank review limit:` changes it).\n\n", st.PendingLimit, bot.Plural(st.PendingLimit))
	if total == 0 {
		b.WriteString("No suggestions are pending.")
	}
	for _, sg := range list {
		fmt.Fprintf(&b, "**#%d** %s (%s) by <@%s>", sg.ID, bot.EscapeText(bot.Truncate(sg.Question.Title, 100)), bot.EscapeText(bot.Truncate(sg.Question.Company, 40)), sg.AuthorID)
		if sg.ReviewMessageID != "" {
			fmt.Fprintf(&b, " — [review](https://discord.com/channels/%s/%s/%s)", sg.GuildID, sg.ReviewChannelID, sg.ReviewMessageID)
		}
		b.WriteString("\n")
	}
	if total > len(list) {
		fmt.Fprintf(&b, "…and %d more.", total-len(list))
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Embeds: []*discordgo.MessageEmbed{{Title: fmt.Sprintf("Pending suggestions: %d", total), Description: bot.Truncate(b.String(), bot.MaxDescription), Color: bot.BrandColor}}})
}

// setReview sets the review channel and/or the per-member pending limit,
// checking both before changing either.
func (f *Feature) setReview(c *bot.Ctx, channel, limit *discordgo.ApplicationCommandInteractionDataOption) error {
	n := 0
	if limit != nil {
		v, ok := limit.Value.(float64)
		if !ok || v != float64(int(v)) || v < 1 || v > 100 {
			return errs.E(errs.Invalid, "The limit must be a whole number between 1 and 100.")
		}
		n = int(v)
	}
	id := ""
	if channel != nil {
		ch, err := bot.FetchGuildChannel(c, fmt.Sprint(channel.Value), reviewChannel)
		if err != nil {
			return err
		}
		id = ch.ID
	}
	var said []string
	if id != "" {
		if err := f.suggestions.SetReviewChannel(c, c.GuildID(), id); err != nil {
			return err
		}
		said = append(said, fmt.Sprintf("Suggestions will be posted in <#%s> for members with Manage Server to approve, edit or reject. Members can now use `/suggest`.", id))
	}
	if n > 0 {
		if err := f.suggestions.SetPendingLimit(c, c.GuildID(), n); err != nil {
			return err
		}
		said = append(said, fmt.Sprintf("Each member may have %d suggestion%s awaiting review at a time.", n, bot.Plural(n)))
	}
	var changes []string
	if id != "" {
		changes = append(changes, "review channel "+id)
	}
	if n > 0 {
		changes = append(changes, fmt.Sprintf("pending limit %d", n))
	}
	bot.RecordAudit(c, f.cfg.Audit, "bank.review", strings.Join(changes, ", "))
	return c.ReplyEphemeral(strings.Join(said, "\n"))
}
