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

// Import replies list at most this many problems of a refused file, and
// pairs of very close questions of an imported one.
const (
	maxProblemsShown = 20
	maxSimilarShown  = 5
)

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
		err = f.importEntries(c, att.Filename, entries)
	}
	var probs data.Problems
	if errors.As(err, &probs) {
		return c.Reply(problemsMessage(att.Filename, probs))
	}
	return err
}

// importEntries imports the entries of file into this server's bank, all
// or nothing, and answers with the counts and the imported questions that
// are very close to others.
func (f *Feature) importEntries(c *bot.Ctx, file string, entries []*data.Entry) error {
	existing, err := f.visible(c)
	if err != nil {
		return err
	}
	res, err := f.questions.Import(c, entries, store.ImportOptions{Scope: c.GuildID()})
	if err != nil {
		return err
	}
	bot.RecordAudit(c, f.cfg.Audit, "bank.import", fmt.Sprintf("%s: %d added, %d updated, %d unchanged. They are visible in this server only.",
		file, res.Added, res.Updated, res.Unchanged))
	desc := fmt.Sprintf("%s: **%d** added, **%d** updated, **%d** unchanged. They are visible in this server only.",
		bot.Quote(file), res.Added, res.Updated, res.Unchanged)
	desc += similarNote(data.FindSimilarImport(data.Questions(entries), existing))
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{{Title: "Import done", Color: bot.BrandColor, Description: bot.Truncate(desc, bot.MaxDescription)}}})
}

// visible returns the questions this server sees: the shared bank and its
// own.
func (f *Feature) visible(c *bot.Ctx) ([]data.Question, error) {
	shared, err := f.questions.Export(c, "")
	if err != nil {
		return nil, err
	}
	own, err := f.questions.Export(c, c.GuildID())
	if err != nil {
		return nil, err
	}
	return append(shared, own...), nil
}

// similarNote lists the first pairs of very close questions (by title and
// prompt, data.Similarity) that an import brought, for the admin to check
// for duplicates; the import itself stands, as with `prepcord import`.
func similarNote(pairs []data.ImportSimilar) string {
	if len(pairs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n⚠️ Very close questions (by title and prompt), worth checking for duplicates:\n")
	for i, p := range pairs {
		if i == maxSimilarShown {
			fmt.Fprintf(&b, "…and %d more pair%s.", len(pairs)-i, bot.Plural(len(pairs)-i))
			break
		}
		where := "existing"
		if p.InFile {
			where = "imported"
		}
		fmt.Fprintf(&b, "• %s is very close to %s %s (%.2f)\n", codeID(p.ID), where, codeID(p.OtherID), p.Score)
	}
	return strings.TrimRight(b.String(), "\n")
}

// codeID shows a question id as inline code.
func codeID(id string) string {
	return "`" + strings.ReplaceAll(bot.Truncate(id, 64), "`", "'") + "`"
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
			msg = "question " + codeID(p.ID) + ": " + msg
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
