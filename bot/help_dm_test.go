package bot_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// An external test: /help lists every feature's commands, /suggest among
// them, a feature of its own that the runtime's own tests do not assemble.

// helpCommands returns the commands /help lists as "**/name** — ...".
func helpCommands(m *discordgo.Message) []string {
	var out []string
	for _, e := range m.Embeds {
		for _, sm := range regexp.MustCompile(`(?m)^\*\*/([a-z-]+)\*\* — `).FindAllStringSubmatch(e.Description, -1) {
			out = append(out, sm[1])
		}
	}
	return out
}

// In a DM, /help lists exactly the commands Discord lets a member run
// there: each listed one runs, each left out is one the loopback Discord
// (which applies the registered contexts) refuses in a DM. The others are
// named as server-only.
func TestHelpInDMListsOnlyCommandsThatWorkThere(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.RunIn("alice", "dm", "/help")
	listed := helpCommands(m)
	if len(listed) == 0 {
		t.Fatalf("/help in a DM lists nothing: %s", bottest.Text(m))
	}
	for _, c := range h.Bot.Commands() {
		_, err := h.Srv.ParseCommandIn("dm", "/"+c.Name)
		refused := errors.Is(err, discordtest.ErrUnknownCommand)
		shown := slices.Contains(listed, c.Name)
		switch {
		case shown && refused:
			t.Errorf("/help in a DM lists /%s, which Discord does not offer there", c.Name)
		case !shown && !refused:
			t.Errorf("/help in a DM leaves out /%s, which works there", c.Name)
		}
	}
	for _, name := range listed {
		if name == "help" {
			continue
		}
		line := "/" + name
		for _, c := range h.Bot.Commands() {
			// A command with subcommands runs one of them (its first).
			if c.Name == name && len(c.Options) > 0 && c.Options[0].Type == discordgo.ApplicationCommandOptionSubCommand {
				line += " " + c.Options[0].Name
			}
		}
		if r := h.RunIn("alice", "dm", line); bot.IsErrorMessage(r) && strings.Contains(bottest.Text(r), "not registered") {
			t.Errorf("/%s listed in a DM but fails: %s", name, bottest.Text(r))
		}
	}
	all := bottest.Text(m)
	for _, name := range []string{"/mock", "/profile", "/leaderboard", "/suggest"} {
		if !strings.Contains(all, name) {
			t.Errorf("/help in a DM does not say %s works in a server: %s", name, all)
		}
	}
	// In a server every member command is listed.
	g := helpCommands(h.Run("alice", "/help"))
	for _, name := range []string{"question", "questions", "mock", "profile", "leaderboard", "suggest", "help"} {
		if !slices.Contains(g, name) {
			t.Errorf("/help in a server leaves out /%s: %v", name, g)
		}
	}
}
