package bot_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
)

// An external test: it checks the escape with bottest's reading of what
// Discord draws, which feature tests use too.
func TestEscapeTextShowsMemberTextAsTyped(t *testing.T) {
	for _, s := range []string{
		bottest.HostileText,
		"<#42> # heading > quote `code` ~~strike~~ __under__ ||spoiler|| [link](https://x.test) back\\slash",
		"plain TikTok",
	} {
		esc := bot.EscapeText(s)
		if d := bottest.DrawsMarkup(esc); d != "" {
			t.Errorf("EscapeText(%q) still draws %s: %q", s, d, esc)
		}
		// What Discord still reads as markup once the escaped characters
		// are taken out: nothing of what the member typed.
		bare := regexp.MustCompile(`\\.`).ReplaceAllString(esc, "")
		for _, markup := range []string{"<#42>", "**", "`", "~~", "__", "||", "[", "# h", ">"} {
			if strings.Contains(s, markup) && strings.Contains(bare, markup) {
				t.Errorf("EscapeText(%q) keeps %q: %q", s, markup, esc)
			}
		}
		if bottest.Shown(esc) != s {
			t.Errorf("EscapeText(%q) reads %q", s, bottest.Shown(esc))
		}
		if bot.UnescapeText(esc) != s {
			t.Errorf("UnescapeText(EscapeText(%q)) = %q", s, bot.UnescapeText(esc))
		}
	}
}
