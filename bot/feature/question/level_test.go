package question_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/store"
)

// TestQuestionByLevel: /question level: (a level or an alias) gives only
// questions asked at that level, Another keeps it, autocomplete offers the
// levels with their counts under the other options, and a misspelt level
// gets "did you mean".
func TestQuestionByLevel(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	levelOf := func(m *discordgo.Message) []string {
		t.Helper()
		q, err := h.Store.Questions.ByID(h.Ctx, "", bottest.FooterID(m))
		if err != nil || q == nil {
			t.Fatalf("question %q of %s: %v", bottest.FooterID(m), bottest.Text(m), err)
		}
		return q.Level
	}
	m := h.Run("alice", "/question category:\"System Design\" level:junior")
	if got := levelOf(m); !slices.Contains(got, "new grad") {
		t.Fatalf("/question level:junior gave a question at %v", got)
	}
	for i := 0; i < 3; i++ {
		h.Clock.Advance(1e9)
		m, _ = h.Click("alice", m, "Another")
		if got := levelOf(m); !slices.Contains(got, "new grad") {
			t.Fatalf("Another after level:junior gave a question at %v", got)
		}
	}
	choices, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "level", Value: ""}, {Name: "company", Value: "TikTok"}}}, "level")
	if err != nil {
		t.Fatal(err)
	}
	if len(choices) == 0 {
		t.Fatal("no level choices")
	}
	for _, c := range choices {
		n, _ := h.Store.Questions.Count(h.Ctx, store.Filter{Company: "TikTok", Level: c.Value.(string)})
		if n == 0 || c.Name != c.Value.(string)+" ("+strconv.Itoa(n)+")" {
			t.Fatalf("level choice %q, want %d TikTok questions", c.Name, n)
		}
	}
	if r := h.Run("alice", "/question level:senor"); !strings.Contains(bottest.Text(r), "Did you mean **senior**") {
		t.Fatalf("misspelt level: %s", bottest.Text(r))
	}
}
