package bot

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/store"
)

// Discord's limits on what a message may hold (discord-api-docs).
const (
	maxContent     = 2000
	maxEmbeds      = 10
	maxEmbedsTotal = 6000
	maxTitle       = 256
	maxDescription = 4096
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxFields      = 25
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

// QuestionEmbed renders a question for members: title, prompt and
// overview, with company, roles, category, difficulty and round as fields
// and the id in the footer. The solution is never part of it.
func QuestionEmbed(q *store.Question) *discordgo.MessageEmbed {
	desc := defuseMentions(q.Prompt)
	if q.Overview != "" {
		desc += "\n\n*What this evaluates:* " + defuseMentions(q.Overview)
	}
	fields := []*discordgo.MessageEmbedField{
		{Name: "Company", Value: orDash(escapeText(q.Company)), Inline: true},
		{Name: "Difficulty", Value: difficultyLabel(q.Difficulty), Inline: true},
		{Name: "Round", Value: orDash(escapeText(q.Round)), Inline: true},
		{Name: "Category", Value: orDash(escapeText(q.Category)), Inline: true},
		{Name: "Role", Value: orDash(escapeText(strings.Join(q.Roles, ", "))), Inline: true},
	}
	for _, f := range fields {
		f.Value = Truncate(f.Value, maxFieldValue)
	}
	footer := "id: " + q.ID
	if q.Origin == store.Suggested {
		footer += " · suggested by a member of this server"
	}
	return &discordgo.MessageEmbed{
		Title:       Truncate(escapeText(q.Title), maxTitle),
		Description: Truncate(desc, maxDescription), // prompts are at most 3000 and overviews 600 characters
		Color:       DifficultyColor(q.Difficulty),
		Fields:      fields,
		Footer:      &discordgo.MessageEmbedFooter{Text: Truncate(footer, maxFooter)},
	}
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func difficultyLabel(d string) string {
	switch d {
	case "easy":
		return "🟢 Easy"
	case "medium":
		return "🟡 Medium"
	case "hard":
		return "🔴 Hard"
	}
	return orDash(d)
}

// SolutionPages renders a question's solution as pages, each a list of
// embeds that fits in one message (at most 10 embeds and 6000 characters).
// Text is split at paragraph boundaries, then at line boundaries, and only
// as a last resort inside a line; nothing is dropped. Each embed says which
// part it is when there is more than one.
func SolutionPages(q *store.Question) [][]*discordgo.MessageEmbed {
	title := Truncate("Solution: "+escapeText(q.Title), maxTitle-20)
	chunks := SplitText(defuseMentions(q.Solution), maxDescription-100)
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
		if len(page) > 0 && (size+n > maxEmbedsTotal-200 || len(page) == maxEmbeds) {
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

// SplitText splits text into chunks of at most limit characters (runes),
// preferring paragraph boundaries, then line boundaries, then spaces; a
// code block that has to be split is closed and reopened so each chunk
// renders correctly. Joining the chunks loses only the whitespace at the
// cuts.
func SplitText(text string, limit int) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	var out []string
	var cur strings.Builder
	curLen := 0
	inCode := false
	codeFence := ""
	flush := func() {
		s := strings.TrimRight(cur.String(), "\n ")
		if inCode {
			s += "\n```"
		}
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
		cur.Reset()
		curLen = 0
		if inCode {
			cur.WriteString(codeFence + "\n")
			curLen = utf8.RuneCountInString(codeFence) + 1
		}
	}
	for _, line := range strings.Split(text, "\n") {
		// A paragraph boundary is a good place to cut when the chunk is
		// more than half full.
		if strings.TrimSpace(line) == "" && !inCode && curLen > limit/2 {
			flush()
			continue
		}
		for {
			n := utf8.RuneCountInString(line) + 1
			if curLen+n <= limit-4 {
				break
			}
			if curLen > len(codeFence)+1 {
				flush()
				continue
			}
			// A single line longer than a chunk: cut it at a space if possible.
			room := limit - 4 - curLen - 1
			r := []rune(line)
			cut := room
			for i := room; i > room/2; i-- {
				if r[i] == ' ' {
					cut = i
					break
				}
			}
			cur.WriteString(string(r[:cut]))
			curLen += cut
			line = strings.TrimLeft(string(r[cut:]), " ")
			flush()
		}
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			if inCode {
				inCode = false
			} else {
				inCode, codeFence = true, trimmed
			}
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		curLen += utf8.RuneCountInString(line) + 1
	}
	inCodeAtEnd := inCode
	inCode = false
	if inCodeAtEnd {
		cur.WriteString("```")
	}
	flush()
	return out
}

// escapePairs are the characters escapeText neutralises and how. Markdown
// characters get a backslash; "@" and "#" get a zero-width space after
// them, which breaks mentions (<@&123>, @everyone), channel links (<#1>)
// and headings without changing what a reader sees.
var escapePairs = []string{"\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "~", "\\~", "|", "\\|",
	">", "\\>", "[", "\\[", "@", "@\u200b", "#", "#\u200b"}

var (
	escaper   = strings.NewReplacer(escapePairs...)
	unescaper = strings.NewReplacer(reversePairs(escapePairs)...)
)

func reversePairs(pairs []string) []string {
	out := make([]string, len(pairs))
	for i := 0; i < len(pairs); i += 2 {
		out[i], out[i+1] = pairs[i+1], pairs[i]
	}
	return out
}

// escapeText shows text that a member wrote (a suggested question's title,
// company, roles and category, a mock interview's preferences; and, the
// same, any name in the bank) as the characters typed wherever Discord
// renders markdown: message content, embed titles, descriptions and field
// values. Nothing in it forms bold, code, quotes, headings, masked links or
// mentions. Plain-text places (button labels, menu options, thread names,
// footers) take the text as it is. Escape before Truncate, so the limit
// counts what is sent.
func escapeText(s string) string { return escaper.Replace(s) }

// unescapeText undoes escapeText, for plain-text places built from
// rendered text (a button label made from a description).
func unescapeText(s string) string { return unescaper.Replace(s) }

// mentionSyntax matches what Discord draws as a mention: users, roles,
// channels, @everyone and @here.
var mentionSyntax = regexp.MustCompile(`<(@[!&]?|#)(\d+)>|@(everyone|here)\b`)

// defuseMentions keeps long member-written markdown (prompts, answers)
// as written, code blocks and all, but stops Discord from drawing the
// mentions in it: a zero-width space goes inside each one.
func defuseMentions(s string) string {
	return mentionSyntax.ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == '@' {
			return "@\u200b" + m[1:]
		}
		return m[:1] + "\u200b" + m[1:]
	})
}
