package bank

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Feature is /bank: import and export a server's own questions, choose
// the review channel and list pending suggestions, and count the bank.
type Feature struct {
	env         bot.Env
	suggestions *store.Suggestions
	questions   *store.Questions
}

// New returns the /bank feature. It reads and writes the server's
// questions through questions, and the review settings and pending
// suggestions through suggestions.
func New(env bot.Env, suggestions *store.Suggestions, questions *store.Questions) *Feature {
	return &Feature{env: env, suggestions: suggestions, questions: questions}
}

var (
	_ bot.Feature       = (*Feature)(nil)
	_ bot.SetupReporter = (*Feature)(nil)
)

// maxProblemsShown is how many import problems a reply lists.
const maxProblemsShown = 20

// reviewChannel is what the review channel may be: a text or announcement
// channel of the server, as the option's picker offers. The option's value
// comes from the interaction, which a client can forge, so the channel is
// fetched from Discord and checked before it is stored.
var reviewChannel = bot.ChannelWant{Setting: "review channel", Kind: "a text channel",
	Types: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}}

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
		},
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("bank/import", f.importBank, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/export", f.exportBank, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/review", f.review, bot.Admin(), bot.DeferEphemeral())
	r.Command("bank/stats", f.stats, bot.Admin(), bot.DeferEphemeral())
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

// importBank downloads the attached file and imports it into this
// server's bank with the command line's parser and validator.
func (f *Feature) importBank(c *bot.Ctx) error {
	opt := c.Option("file")
	if opt == nil {
		return errs.E(errs.Invalid, "Attach a .yaml, .json or .csv file to `file`.")
	}
	d := c.I.ApplicationCommandData()
	var att *discordgo.MessageAttachment
	if d.Resolved != nil {
		att = d.Resolved.Attachments[fmt.Sprint(opt.Value)]
	}
	if att == nil || att.URL == "" {
		return errs.E(errs.Invalid, "I could not find the attached file; attach it again.")
	}
	if att.Size > data.MaxFileBytes {
		return errs.E(errs.Invalid, "%s is %s; the limit is %s. Split it into smaller files.", bot.Quote(att.Filename), mib(att.Size), mib(data.MaxFileBytes))
	}
	if err := c.Defer(true); err != nil {
		return err
	}
	body, err := f.download(c, att.URL)
	if err != nil {
		return err
	}
	format, err := data.DetectFormat(att.Filename, body)
	if err != nil {
		return errs.E(errs.Invalid, "%s", err.Error())
	}
	entries, err := data.Parse(att.Filename, body, format)
	if err == nil {
		var res store.ImportResult
		res, err = f.questions.Import(c, entries, store.ImportOptions{Scope: c.GuildID()})
		if err == nil {
			return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: []*discordgo.MessageEmbed{{
				Title: "Import done", Color: bot.BrandColor,
				Description: fmt.Sprintf("%s: **%d** added, **%d** updated, **%d** unchanged. They are visible in this server only.",
					bot.Quote(att.Filename), res.Added, res.Updated, res.Unchanged)}}})
		}
	}
	var probs data.Problems
	if !errors.As(err, &probs) {
		return err
	}
	return c.Reply(problemsMessage(att.Filename, probs))
}

// download fetches an attachment through the session's HTTP client,
// refusing more than data.MaxFileBytes.
func (f *Feature) download(c *bot.Ctx, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(c, http.MethodGet, url, nil)
	if err != nil {
		return nil, errs.E(errs.Invalid, "The attachment has a URL I cannot fetch.")
	}
	resp, err := f.env.Session.Client.Do(req)
	if err != nil {
		return nil, errs.Wrap(errs.Internal, err, "downloading the attachment")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errs.E(errs.Invalid, "Discord answered %d when I downloaded the file; attach it again.", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, data.MaxFileBytes+1))
	if err != nil {
		return nil, errs.Wrap(errs.Internal, err, "reading the attachment")
	}
	if len(body) > data.MaxFileBytes {
		return nil, errs.E(errs.Invalid, "The file is larger than %s, the limit. Split it into smaller files.", mib(data.MaxFileBytes))
	}
	return body, nil
}

func mib(n int) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// problemsMessage lists the first problems of a refused import.
func problemsMessage(file string, probs data.Problems) *discordgo.InteractionResponseData {
	var b strings.Builder
	fix := "Fix them"
	if len(probs) == 1 {
		fix = "Fix it"
	}
	fmt.Fprintf(&b, "Nothing was imported: %s has %d problem%s. %s and attach the file again.\n\n", bot.Quote(file), len(probs), bot.Plural(len(probs)), fix)
	for i, p := range probs {
		if i == maxProblemsShown {
			fmt.Fprintf(&b, "…and %d more.", len(probs)-maxProblemsShown)
			break
		}
		line := "file"
		if p.Line > 0 {
			line = fmt.Sprintf("line %d", p.Line)
		}
		msg := bot.EscapeText(bot.Truncate(strings.Join(strings.Fields(p.Msg), " "), 170))
		if p.ID != "" {
			msg = "question `" + strings.ReplaceAll(bot.Truncate(p.ID, 64), "`", "'") + "`: " + msg
		}
		fmt.Fprintf(&b, "• **%s** — %s\n", line, msg)
	}
	return &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Embeds: []*discordgo.MessageEmbed{{Title: "Import refused", Description: bot.Truncate(b.String(), bot.MaxDescription), Color: bot.ErrorColor}}}
}

// exportBank replies with this server's own questions as a file.
func (f *Feature) exportBank(c *bot.Ctx) error {
	format := data.YAML
	if v := c.String("format"); v != "" {
		ff, err := data.ParseFormat(v)
		if err != nil {
			return errs.E(errs.Invalid, "Choose yaml, json or csv.")
		}
		format = ff
	}
	qs, err := f.questions.Export(c, c.GuildID())
	if err != nil {
		return err
	}
	if len(qs) == 0 {
		return c.ReplyEphemeral("This server has no questions of its own yet: import some with `/bank import` or approve members' suggestions. (The bundled questions every server sees are not exported.)")
	}
	var buf bytes.Buffer
	if err := data.Write(&buf, qs, format); err != nil {
		return err
	}
	ct := map[data.Format]string{data.YAML: "application/yaml", data.JSON: "application/json", data.CSV: "text/csv"}[format]
	return c.Reply(&discordgo.InteractionResponseData{
		Flags:   discordgo.MessageFlagsEphemeral,
		Content: fmt.Sprintf("This server's %d question%s, ready for `/bank import` or `prepcord import`.", len(qs), bot.Plural(len(qs))),
		Files:   []*discordgo.File{{Name: "prepcord-bank." + string(format), ContentType: ct, Reader: &buf}},
	})
}

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
	return c.ReplyEphemeral(strings.Join(said, "\n"))
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
