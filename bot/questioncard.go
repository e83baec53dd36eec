package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/store"
)

// Difficulty colours of question embeds.
const (
	colorEasy   = 0x57F287
	colorMedium = 0xFAA61A
	colorHard   = 0xF04747
)

// DifficultyColor returns the embed colour for a difficulty.
func DifficultyColor(d string) int {
	switch d {
	case "easy":
		return colorEasy
	case "hard":
		return colorHard
	}
	return colorMedium
}

// QuestionPage is the web companion's public page of q, or "" when the
// public bank is not served (PUBLIC_URL or WEB_PUBLIC_BANK unset) or q is
// a server's own question.
func (e Env) QuestionPage(q *store.Question) string {
	if e.b == nil || e.b.cfg.QuestionPage == nil || q.Scope != "" {
		return ""
	}
	return e.b.cfg.QuestionPage(q.ID)
}

// QuestionEmbed renders a question for members: title, prompt and
// overview, with company, roles, category, difficulty and round as fields
// and the id in the footer. The solution is never part of it.
func QuestionEmbed(q *store.Question) *discordgo.MessageEmbed {
	desc := DefuseMentions(q.Prompt)
	if q.Overview != "" {
		desc += "\n\n*What this evaluates:* " + DefuseMentions(q.Overview)
	}
	fields := []*discordgo.MessageEmbedField{
		{Name: "Company", Value: OrDash(EscapeText(q.Company)), Inline: true},
		{Name: "Difficulty", Value: DifficultyLabel(q.Difficulty), Inline: true},
		{Name: "Round", Value: OrDash(EscapeText(q.Round)), Inline: true},
		{Name: "Category", Value: OrDash(EscapeText(q.Category)), Inline: true},
		{Name: "Role", Value: OrDash(EscapeText(strings.Join(q.Roles, ", "))), Inline: true},
	}
	for _, f := range fields {
		f.Value = Truncate(f.Value, MaxFieldValue)
	}
	footer := "id: " + q.ID
	if q.Origin == store.Suggested {
		footer += " · suggested by a member of this server"
	}
	return &discordgo.MessageEmbed{
		Title:       Truncate(EscapeText(q.Title), MaxTitle),
		Description: Truncate(desc, MaxDescription), // prompts are at most 3000 and overviews 600 characters
		Color:       DifficultyColor(q.Difficulty),
		Fields:      fields,
		Footer:      &discordgo.MessageEmbedFooter{Text: Truncate(footer, MaxFooter)},
	}
}

func OrDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func DifficultyLabel(d string) string {
	switch d {
	case "easy":
		return "🟢 Easy"
	case "medium":
		return "🟡 Medium"
	case "hard":
		return "🔴 Hard"
	}
	return OrDash(d)
}

// SolutionPages renders a question's solution as pages, each a list of
// embeds that fits in one message (at most 10 embeds and 6000 characters).
// Text is split at paragraph boundaries, then at line boundaries, and only
// as a last resort inside a line; nothing is dropped. Each embed says which
// part it is when there is more than one.
func SolutionPages(q *store.Question) [][]*discordgo.MessageEmbed {
	title := Truncate("Solution: "+EscapeText(q.Title), MaxTitle-20)
	chunks := SplitText(DefuseMentions(q.Solution), MaxDescription-100)
	if len(chunks) == 0 {
		chunks = []string{"No model answer was written for this question yet."}
	}
	var pages [][]*discordgo.MessageEmbed
	var page []*discordgo.MessageEmbed
	size := 0
	for i, ch := range chunks {
		t := title
		if len(chunks) > 1 {
			t = fmt.Sprintf("%s (%d/%d)", title, i+1, len(chunks))
		}
		e := &discordgo.MessageEmbed{Title: t, Description: ch, Color: DifficultyColor(q.Difficulty)}
		n := utf8.RuneCountInString(t) + utf8.RuneCountInString(ch)
		if len(page) > 0 && (size+n > MaxEmbedsTotal-200 || len(page) == MaxEmbeds) {
			pages = append(pages, page)
			page, size = nil, 0
		}
		page = append(page, e)
		size += n
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	last := pages[len(pages)-1]
	last[len(last)-1].Footer = &discordgo.MessageEmbedFooter{Text: "id: " + q.ID}
	return pages
}

// ReplySolution shows a question's Solution to the member alone, in as
// many messages as it needs (nothing is cut): intro, when set, above the
// first page, and last (the rating buttons, see SolutionRating) under the
// last.
func ReplySolution(c *Ctx, q *store.Question, intro string, last []discordgo.MessageComponent) error {
	pages := SolutionPages(q)
	for i, page := range pages {
		msg := &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: page,
			AllowedMentions: &discordgo.MessageAllowedMentions{}}
		if i == 0 {
			msg.Content = intro
		}
		if i == len(pages)-1 {
			msg.Components = last
		}
		if err := c.Reply(msg); err != nil {
			return err
		}
	}
	return nil
}
