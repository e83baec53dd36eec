package question_test

import (
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
)

// TestQuestionEmbedLinksToItsPublicPage: with the web companion's public
// bank (PUBLIC_URL and WEB_PUBLIC_BANK), the /question embed links to the
// question's page; without it, there is no link.
func TestQuestionEmbedLinksToItsPublicPage(t *testing.T) {
	h := bottest.New(t, bottest.Options{Config: func(c *bot.Config) {
		c.QuestionPage = func(id string) string { return "https://prep.example.org/q/" + id }
	}})
	m := h.Run("alice", "/question company:tiktok")
	id := bottest.FooterID(m)
	if len(m.Embeds) == 0 || id == "" || m.Embeds[0].URL != "https://prep.example.org/q/"+id {
		t.Fatalf("embed URL %q for question %q", m.Embeds[0].URL, id)
	}
	plain := bottest.New(t, bottest.Options{})
	if u := plain.Run("alice", "/question company:tiktok").Embeds[0].URL; u != "" {
		t.Fatalf("embed URL %q without a public bank", u)
	}
}
