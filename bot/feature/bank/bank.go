// Package bank is /bank, the admin command for a server's own question
// bank: import a YAML, JSON or CSV file (all or nothing, warning of
// questions very close to ones the server already sees), export the
// server's questions as a file, count what the server sees (stats), and
// review: choose the channel where /suggest posts suggestions, the limit
// of suggestions a member may have pending, and list the pending ones.
// /help shows its setup line. It has no buttons and no background work; it
// writes the server's questions (store.Questions) and its review settings
// (store.Suggestions).
package bank

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/store"
)

// Feature is /bank: import and export a server's own questions, choose
// the review channel and list pending suggestions, and count the bank.
type Feature struct {
	env         bot.Env
	suggestions *store.Suggestions
	questions   *store.Questions
	cfg         Config
}

// Config is what /bank needs besides its part of the store.
type Config struct {
	// Web keeps whether the server's questions are published on the web
	// companion's public pages (/bank publish, as the dashboard's switch).
	Web *store.Web
	// Audit, when set, gets a line for each change made with /bank.
	Audit *store.Audit
	// Site is the web companion's setup, for /bank publish's answer.
	Site bot.Site
}

// New returns the /bank feature. It reads and writes the server's
// questions through questions, and the review settings and pending
// suggestions through suggestions.
func New(env bot.Env, suggestions *store.Suggestions, questions *store.Questions, cfg Config) *Feature {
	return &Feature{env: env, suggestions: suggestions, questions: questions, cfg: cfg}
}

var (
	_ bot.Feature       = (*Feature)(nil)
	_ bot.SetupReporter = (*Feature)(nil)
)

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	return []*discordgo.ApplicationCommand{{
		Name: "bank", Description: "Manage this server's question bank",
		DefaultMemberPermissions: bot.Ptr(int64(discordgo.PermissionManageGuild)),
		Contexts:                 &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}, DMPermission: bot.Ptr(false),
		Options: []*discordgo.ApplicationCommandOption{
			sub("import", "Add questions from a YAML, JSON or CSV file (all or nothing)",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file",
					Description: "A .yaml, .json or .csv bank file, at most 8 MiB", Required: true}),
			sub("export", "Download this server's own questions as a file",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "format",
					Description: "File format (default yaml)", Choices: []*discordgo.ApplicationCommandOptionChoice{
						{Name: "YAML", Value: "yaml"}, {Name: "JSON", Value: "json"}, {Name: "CSV", Value: "csv"}}}),
			sub("review", "Set the channel where suggestions are reviewed, or list pending suggestions",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel",
					Description:  "Where /suggest posts suggestions for review",
					ChannelTypes: reviewChannel.Types},
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "limit",
					Description: fmt.Sprintf("How many suggestions one member may have awaiting review (default %d)", store.DefaultPendingLimit),
					MinValue:    bot.Ptr(1.0), MaxValue: 100}),
			sub("stats", "Count the questions this server sees by company, role, category and difficulty"),
			sub("publish", "Show this server's own questions on the web companion's public pages, or stop",
				&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "on",
					Description: "Publish them (default), or false to stop"}),
		},
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("bank/import", f.importBank, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/export", f.exportBank, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/review", f.review, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/stats", f.stats, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/publish", f.publish, bot.Admin(), bot.DeferEphemeral())
}

// SetupLine reports the review channel for /help.
func (f *Feature) SetupLine(c *bot.Ctx) string {
	st, err := f.suggestions.Settings(c, c.GuildID())
	if err != nil {
		return ""
	}
	if st.ReviewChannelID == "" {
		return "**Review channel:** not set — `/bank review channel:#suggestions` lets members `/suggest` questions."
	}
	_, n, err := f.suggestions.Pending(c, c.GuildID(), 0)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("**Review channel:** <#%s> ✅ — %d suggestion%s pending.", st.ReviewChannelID, n, bot.Plural(n))
}

// stats counts the questions this server sees.
func (f *Feature) stats(c *bot.Ctx) error {
	st, err := f.questions.Stats(c, c.GuildID())
	if err != nil {
		return err
	}
	field := func(name string, vals []store.ValueCount) *discordgo.MessageEmbedField {
		var b strings.Builder
		for i, v := range vals {
			line := fmt.Sprintf("%s — %d\n", bot.EscapeText(bot.Truncate(v.Name, 60)), v.Count)
			if b.Len()+len(line) > bot.MaxFieldValue-30 {
				fmt.Fprintf(&b, "…and %d more", len(vals)-i)
				break
			}
			b.WriteString(line)
		}
		return &discordgo.MessageEmbedField{Name: name, Value: bot.OrDash(b.String()), Inline: true}
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: []*discordgo.MessageEmbed{{
		Title:       "Question bank",
		Description: fmt.Sprintf("**%d** question%s visible in this server, **%d** of them its own (imported or suggested).", st.Total, bot.Plural(st.Total), st.Own),
		Color:       bot.BrandColor,
		Fields: []*discordgo.MessageEmbedField{
			field("Companies", st.Companies), field("Roles", st.Roles), field("Categories", st.Categories), field("Difficulty", st.Difficulty),
		},
	}}})
}
