package help_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
)

// reporter is a feature whose only part is its line in the admin /help.
type reporter struct{}

func (reporter) Commands() []*discordgo.ApplicationCommand { return nil }
func (reporter) Routes(*bot.Router)                        {}
func (reporter) SetupLine(*bot.Ctx) string                 { return "**Quokkas:** 3 fed" }

var _ bot.SetupReporter = reporter{}

// /help lists the bot's commands to everyone, and shows admins, in a
// server, the setup steps and every feature's setup line.
func TestHelpListsCommandsAndAdminsSeeSetupLines(t *testing.T) {
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{reporter{}}}})
	member := bottest.Text(h.Run("alice", "/help"))
	for _, want := range []string{"**/help**", "**/profile**", "**/leaderboard**", "`/leaderboard period:month`"} {
		if !strings.Contains(member, want) {
			t.Errorf("member /help lacks %q:\n%s", want, member)
		}
	}
	if strings.Contains(member, "Setup for admins") || strings.Contains(member, "Quokkas") {
		t.Errorf("member /help shows the setup:\n%s", member)
	}
	admin := bottest.Text(h.Run("owner", "/help"))
	if !strings.Contains(admin, "**In this server now:**") || !strings.Contains(admin, "**Quokkas:** 3 fed") {
		t.Errorf("admin /help lacks the setup line:\n%s", admin)
	}
}
