package profile

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
)

func TestDisplayName(t *testing.T) {
	for _, tc := range []struct {
		u    discordgo.User
		want string
	}{
		{discordgo.User{ID: "1", Username: "alice", GlobalName: "Alice A."}, "Alice A."},
		{discordgo.User{ID: "1", Username: "alice"}, "alice"},
		{discordgo.User{ID: "1"}, "<@1>"},
	} {
		if got := displayName(&tc.u); got != tc.want {
			t.Errorf("displayName(%+v) = %q, want %q", tc.u, got, tc.want)
		}
	}
}

// fitEmbeds shortens the later sections, never the first embed, until the
// message is within Discord's total.
func TestFitEmbedsShortensTheLaterSections(t *testing.T) {
	first := strings.Repeat("a", 3000)
	embeds := []*discordgo.MessageEmbed{
		{Title: "Profile", Description: first},
		{Title: "One", Description: strings.Repeat("b", 2000)},
		{Title: "Two", Description: strings.Repeat("c", 2000)},
	}
	fitEmbeds(embeds)
	total := 0
	for _, e := range embeds {
		total += len([]rune(e.Title)) + len([]rune(e.Description))
	}
	if total > bot.MaxEmbedsTotal {
		t.Errorf("%d characters after fitting, over %d", total, bot.MaxEmbedsTotal)
	}
	if embeds[0].Description != first {
		t.Error("the first embed was shortened")
	}
	if len([]rune(embeds[1].Description)) != 2000 {
		t.Errorf("the first section was shortened to %d though the last one was enough", len([]rune(embeds[1].Description)))
	}
}
