package help_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/bottest"
)

// The admin /help writes every heading of its setup section the same way,
// "**Heading:** text", whichever feature reports it.
func TestAdminHelpHeadingsHaveOneForm(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("owner", "/help")
	var setup string
	for _, e := range m.Embeds {
		if e.Title == "Setup for admins" {
			setup = e.Description
		}
	}
	_, now, ok := strings.Cut(setup, "**In this server now:**\n")
	if !ok {
		t.Fatalf("no setup state in the admin /help: %s", bottest.Text(m))
	}
	heading := regexp.MustCompile(`^\*\*[^*]+:\*\* \S`)
	lines := strings.Split(now, "\n")
	if len(lines) < 3 {
		t.Fatalf("expected a line per feature (daily, review channel, mock interviews): %q", now)
	}
	for _, l := range lines {
		if !heading.MatchString(l) {
			t.Errorf("heading not written as **Heading:** text: %q", l)
		}
	}
}
