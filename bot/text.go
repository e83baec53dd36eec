package bot

// This file holds the text helpers every feature shares: plurals,
// member input shown back safely, escaping, splitting and shortening.

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Discord's limits on what a message may hold (discord-api-docs).
const (
	MaxContent     = 2000
	MaxEmbeds      = 10
	MaxEmbedsTotal = 6000
	MaxTitle       = 256
	MaxDescription = 4096
	MaxFieldName   = 256
	MaxFieldValue  = 1024
	MaxFooter      = 2048
	MaxFields      = 25
)

// Plural is "s" unless n is 1: fmt.Sprintf("%d question%s", n, Plural(n)).
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// BrandColor is prepcord's embed colour.
const BrandColor = 0x5865F2

// Ptr returns a pointer to v, for discordgo's optional fields.
func Ptr[T any](v T) *T { return &v }

// Quote shows a member's input back to them safely: one line, shortened,
// inside inline code so markdown and mentions do nothing.
func Quote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "`", "'")
	if s == "" {
		return "(nothing)"
	}
	return "`" + Truncate(s, 60) + "`"
}

// Truncate shortens s to at most n runes, marking the cut with "…". Use it
// only for text whose full form is available elsewhere (names, previews);
// solutions and prompts are split, never cut.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
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

// EscapeText shows text that a member wrote (a suggested question's title,
// company, roles and category, a mock interview's preferences; and, the
// same, any name in the bank) as the characters typed wherever Discord
// renders markdown: message content, embed titles, descriptions and field
// values. Nothing in it forms bold, code, quotes, headings, masked links or
// mentions. Plain-text places (button labels, menu options, thread names,
// footers) take the text as it is. Escape before Truncate, so the limit
// counts what is sent.
func EscapeText(s string) string { return escaper.Replace(s) }

// UnescapeText undoes escapeText, for plain-text places built from
// rendered text (a button label made from a description).
func UnescapeText(s string) string { return unescaper.Replace(s) }

// mentionSyntax matches what Discord draws as a mention: users, roles,
// channels, @everyone and @here.
var mentionSyntax = regexp.MustCompile(`<(@[!&]?|#)(\d+)>|@(everyone|here)\b`)

// DefuseMentions keeps long member-written markdown (prompts, answers)
// as written, code blocks and all, but stops Discord from drawing the
// mentions in it: a zero-width space goes inside each one.
func DefuseMentions(s string) string {
	return mentionSyntax.ReplaceAllStringFunc(s, func(m string) string {
		if m[0] == '@' {
			return "@\u200b" + m[1:]
		}
		return m[:1] + "\u200b" + m[1:]
	})
}
