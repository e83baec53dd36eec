package profile_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
)

// section is a feature whose only part is a section of /profile, which
// tells whether members look at their own profile.
type section struct{}

func (section) Commands() []*discordgo.ApplicationCommand { return nil }
func (section) Routes(*bot.Router)                        {}
func (section) ProfileEmbed(_ *bot.Ctx, _, userID string, self bool) (*discordgo.MessageEmbed, error) {
	if self {
		return &discordgo.MessageEmbed{Title: "Quokkas", Description: "own profile of <@" + userID + ">"}, nil
	}
	return &discordgo.MessageEmbed{Title: "Quokkas", Description: "profile of <@" + userID + ">"}, nil
}

var _ bot.ProfileSection = section{}

// /profile shows a member's practice, privately, followed by the sections
// of the other features, which know whether members look at their own.
func TestProfileShowsPracticeAndSections(t *testing.T) {
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{section{}}}})
	own := h.Run("alice", "/profile")
	alice := h.Srv.User("alice").ID
	if !bottest.IsEphemeral(own) {
		t.Error("/profile is seen by others")
	}
	if got := bottest.Field(own, "Current streak"); got != "0 days" {
		t.Errorf("current streak %q, want 0 days", got)
	}
	if !strings.Contains(bottest.Text(own), "own profile of <@"+alice+">") {
		t.Errorf("own profile lacks its section:\n%s", bottest.Text(own))
	}
	other := bottest.Text(h.Run("bob", "/profile user:@alice"))
	if !strings.Contains(other, "\nprofile of <@"+alice+">") {
		t.Errorf("bob's view of alice's profile lacks its section:\n%s", other)
	}
}
