package bot_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/data"
)

// An external test: /help's line about suggestions comes from /bank, a
// feature of its own that the runtime's own tests do not assemble.

// badPlural finds a count of one with a plural noun ("1 questions") or a
// hedged plural ("question(s)").
var badPlural = regexp.MustCompile(`\b1 [a-z]+s\b|[a-z]\(s\)`)

// Counts of one read as one in /questions, /question's nearest filters and
// the admin /help.
func TestCountsOfOneAreSingular(t *testing.T) {
	q := func(id, company, difficulty string) data.Question {
		return data.Question{ID: id, Title: "Question " + id, Company: company, Category: "System Design", Difficulty: difficulty,
			Prompt: "Prompt " + id, Added: "2026-01-01"}
	}
	h := bottest.New(t, bottest.Options{Bank: []data.Question{q("a-1", "Acme", "easy"), q("b-1", "Beta", "hard"), q("b-2", "Beta", "hard")}})
	h.SetupChannel("reviews", "/bank review channel:#reviews")
	if _, err := h.Store.Suggestions.Add(h.Ctx, h.Srv.DefaultGuild().ID, h.Srv.AddUser("sam").ID, data.Question{
		Title: "Design a rate limiter", Company: "Acme", Category: "System Design", Difficulty: "medium", Prompt: "How would you limit requests?"}); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		user, line, want string
	}{
		{"alice", "/questions company:acme", "1 question ·"},
		{"alice", "/question company:acme difficulty:hard", "— 1 question"},
		{"owner", "/help", "1 suggestion pending"},
	}
	for _, c := range checks {
		m := h.Run(c.user, c.line)
		all := bottest.Text(m)
		for _, e := range m.Embeds {
			if e.Footer != nil {
				all += "\n" + e.Footer.Text
			}
		}
		if !strings.Contains(all, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.line, c.want, all)
		}
		if bad := badPlural.FindAllString(all, -1); len(bad) > 0 {
			t.Errorf("%s: plurals %q in:\n%s", c.line, bad, all)
		}
	}
}
