package profile_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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

// /profile shows the streak freezes a member holds, and which missed day
// one covered, as of the server's local date: a member of a Tokyo server
// who answered 1-7 March holds 1/2 until Tokyo's midnight ends the 8th
// unanswered, then 0/2 with the 8th covered and the streak still 7.
func TestProfileShowsStreakFreezes(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	h.Clock.Set(time.Date(2026, 3, 1, 8, 0, 0, 0, tokyo))
	h.SetupChannel("daily", "/daily setup channel:#daily time:09:00 timezone:Asia/Tokyo")
	guild, alice := h.Srv.DefaultGuild().ID, h.Srv.AddUser("alice").ID
	for day := 1; day <= 7; day++ {
		if _, err := h.Store.History.RecordParticipation(context.Background(), guild, alice, fmt.Sprintf("2026-03-%02d", day), 1,
			time.Date(2026, 3, day, 10, 0, 0, 0, tokyo).UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		at             time.Time
		streak, freeze string
	}{
		{time.Date(2026, 3, 8, 23, 59, 0, 0, tokyo), "7 days", "1/2"},
		{time.Date(2026, 3, 9, 0, 0, 0, 0, tokyo), "7 days", "0/2\nOne covered the missed day 2026-03-08"},
		{time.Date(2026, 3, 10, 0, 0, 0, 0, tokyo), "0 days", "0/2\nOne covered the missed day 2026-03-08"},
	} {
		h.Clock.Set(tc.at)
		m := h.Run("alice", "/profile")
		if got := bottest.Field(m, "Streak freezes"); got != tc.freeze {
			t.Errorf("at %s Tokyo: freezes %q, want %q", tc.at.Format(time.DateTime), got, tc.freeze)
		}
		if got := bottest.Field(m, "Current streak"); got != tc.streak {
			t.Errorf("at %s Tokyo: streak %q, want %q", tc.at.Format(time.DateTime), got, tc.streak)
		}
	}
}
