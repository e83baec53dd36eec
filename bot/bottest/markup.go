package bottest

import "strings"

// HostileText is what issue 12 had members type: a mention, a role tag,
// bold and an SQL injection attempt. Tests type it wherever members write
// text and check with DrawsMarkup and Shown how it comes back.
const HostileText = "@everyone <@&123> **bold** 🚀 '; DROP TABLE questions;--"

// DrawsMarkup reports what Discord would draw from HostileText in rendered
// markdown s: the role tag, @everyone, or the bold of "**bold**"; "" when
// none. It is written apart from the bot's escape, so it checks it.
func DrawsMarkup(s string) string {
	switch {
	case strings.Contains(s, "<@&123>"):
		return "the role tag <@&123>"
	case strings.Contains(s, "@everyone") && !strings.Contains(s, "@\u200beveryone"):
		return "@everyone"
	case strings.Contains(s, "**bold**"):
		return "bold text"
	}
	return ""
}

// Shown returns what a reader sees of escaped text: backslash escapes and
// zero-width spaces removed.
func Shown(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case esc:
			b.WriteRune(r)
			esc = false
		case r == '\\':
			esc = true
		case r == '\u200b':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
