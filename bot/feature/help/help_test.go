package help

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
)

func TestJoinAnd(t *testing.T) {
	for _, tc := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"/mock"}, "/mock"},
		{[]string{"/mock", "/profile"}, "/mock and /profile"},
		{[]string{"/mock", "/profile", "/suggest"}, "/mock, /profile and /suggest"},
	} {
		if got := joinAnd(tc.items); got != tc.want {
			t.Errorf("joinAnd(%q) = %q, want %q", tc.items, got, tc.want)
		}
	}
}

// A command is usable where its contexts say when it sets them, else in a
// server always and in DMs unless its DM permission is false.
func TestUsableIn(t *testing.T) {
	guild, dm := discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM
	serverOnly := &discordgo.ApplicationCommand{Contexts: &[]discordgo.InteractionContextType{guild}}
	noDM := &discordgo.ApplicationCommand{DMPermission: bot.Ptr(false)}
	unset := &discordgo.ApplicationCommand{}
	for _, tc := range []struct {
		cmd   *discordgo.ApplicationCommand
		where discordgo.InteractionContextType
		want  bool
	}{
		{serverOnly, guild, true}, {serverOnly, dm, false},
		{noDM, guild, true}, {noDM, dm, false},
		{unset, guild, true}, {unset, dm, true},
	} {
		if got := usableIn(tc.cmd, tc.where); got != tc.want {
			t.Errorf("usableIn(%+v, %v) = %v, want %v", tc.cmd, tc.where, got, tc.want)
		}
	}
}
