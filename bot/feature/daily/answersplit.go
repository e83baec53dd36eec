package daily

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Splitting a member's answer into messages for the thread. Discord takes
// 2,000 characters a message; an answer takes up to 4,000.

// maxFenceTag bounds the language tag of a code fence ("```python") that
// a reopened block repeats.
const maxFenceTag = 16

// splitAnswer splits text into parts of at most limit characters (runes),
// cutting only at whitespace (a paragraph or line break when one is in the
// part's second half, else the last space), which is dropped. Only a single
// word longer than a part is cut inside. A code block open at a cut is
// closed at the end of its part and reopened, with its language, at the
// start of the next, so each part renders as a whole; parts that would be
// only whitespace are left out.
func splitAnswer(text string, limit int) []string {
	reserve := 0
	if strings.Contains(text, "```") {
		// "\n```" closes a block at the end of a part; "```tag\n" reopens it.
		reserve = 4 + 3 + maxFenceTag + 1
	}
	return balanceFences(cutAnswer(text, max(limit-reserve, 1)))
}

// cutAnswer cuts text into parts of at most limit runes at whitespace (see
// splitAnswer); joined with the dropped separators they give text back.
func cutAnswer(text string, limit int) []string {
	var out []string
	keep := func(r []rune) {
		if strings.TrimSpace(string(r)) != "" {
			out = append(out, string(r))
		}
	}
	r := []rune(text)
	for len(r) > limit {
		cut, drop := cutPoint(r, limit)
		keep(r[:cut])
		r = r[cut+drop:]
	}
	keep(r)
	return out
}

// cutPoint chooses where the first part of r (longer than limit) ends:
// the index of the whitespace rune it ends before, and 1 to drop it (at
// index 0 the part is empty and left out); or limit and 0, a hard cut,
// when r's first limit+1 runes hold no whitespace.
func cutPoint(r []rune, limit int) (cut, drop int) {
	lastSpace := -1
	for i := limit; i >= 0; i-- {
		if r[i] == '\n' && i > limit/2 {
			return i, 1
		}
		if lastSpace < 0 && unicode.IsSpace(r[i]) {
			lastSpace = i
		}
	}
	if lastSpace >= 0 {
		return lastSpace, 1
	}
	return limit, 0
}

// balanceFences closes a code block left open at the end of a part and
// reopens it, with its language tag, at the start of the next.
func balanceFences(parts []string) []string {
	open, tag := false, ""
	for i, p := range parts {
		wasOpen, wasTag := open, tag
		open, tag = fenceState(p, open, tag)
		if wasOpen {
			p = "```" + wasTag + "\n" + p
		}
		if open {
			p += "\n```"
		}
		parts[i] = p
	}
	return parts
}

// fenceState follows the code fences of s from state open (with tag): it
// returns whether a block is open at the end of s, and its language tag.
func fenceState(s string, open bool, tag string) (bool, string) {
	for {
		i := strings.Index(s, "```")
		if i < 0 {
			return open, tag
		}
		s = s[i+3:]
		if open {
			open, tag = false, ""
			continue
		}
		open, tag = true, fenceTag(s)
	}
}

// fenceTag is the language tag right after an opening fence: a short word
// running to the end of its line, or "".
func fenceTag(s string) string {
	end := strings.IndexByte(s, '\n')
	if end < 0 {
		return ""
	}
	tag := s[:end]
	if tag == "" || utf8.RuneCountInString(tag) > maxFenceTag {
		return ""
	}
	for _, c := range tag {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("+-#_.", c) {
			return ""
		}
	}
	return tag
}
