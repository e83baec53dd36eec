package bank_test

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// forgedBankReview sends /bank review channel:{channelID} as the owner of
// the first server the way a modified client could: with any channel id,
// which Discord's own picker would never offer. It returns what the bot
// answered.
func forgedBankReview(h *bottest.Harness, channelID string) string {
	h.T.Helper()
	return h.Forge(map[string]any{"type": 2, "guild_id": h.Srv.DefaultGuild().ID, "member": h.Member("owner", bottest.PermsAdmin),
		"data": map[string]any{"name": "bank", "type": 1, "options": []any{map[string]any{"name": "review", "type": 1,
			"options": []any{map[string]any{"name": "channel", "type": 7, "value": channelID}}}},
			"resolved": map[string]any{"channels": map[string]any{channelID: map[string]any{"id": channelID, "type": 0, "name": "reviews"}}}}})
}

func TestBankReviewChannelMustBeATextChannelOfThisServer(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	g := h.Srv.DefaultGuild()
	other := h.Srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	theirs := h.Srv.ChannelByName(other.ID, "general")
	voice, err := h.Srv.AddChannel(g.ID, "lounge", discordgo.ChannelTypeGuildVoice, "")
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := h.Srv.AddChannel(g.ID, "mods-only", discordgo.ChannelTypeGuildText, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Srv.SetOverwrite(hidden.ID, discordgo.PermissionOverwrite{ID: h.Srv.BotUser().ID, Type: discordgo.PermissionOverwriteTypeMember,
		Deny: discordgo.PermissionViewChannel}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, channel, want string }{
		{"another server's channel", theirs.ID, "not in this server"},
		{"a voice channel", voice.ID, "Choose a text channel"},
		{"no such channel", "123456789012345678", "cannot see that channel"},
		{"not a channel id", "../guilds/1", "Choose the review channel"},
	} {
		got := forgedBankReview(h, c.channel)
		if !strings.Contains(got, c.want) || !strings.Contains(got, `"flags":64`) {
			t.Errorf("%s: answered %s, want %q", c.name, got, c.want)
		}
		if st, _ := h.Store.Suggestions.Settings(h.Ctx, g.ID); st.ReviewChannelID != "" {
			t.Fatalf("%s was stored as the review channel", c.name)
		}
	}
	// A channel of this server the bot cannot read is refused through
	// Discord's own picker too, saying what to fix.
	if m := h.Run("owner", "/bank review channel:#mods-only"); !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "View Channel") {
		t.Fatalf("hidden channel: %s", bottest.Text(m))
	}
	if st, _ := h.Store.Suggestions.Settings(h.Ctx, g.ID); st.ReviewChannelID != "" {
		t.Fatal("a channel the bot cannot see was stored")
	}
	// This server's text channel is stored.
	rev := setupReview(h)
	if st, _ := h.Store.Suggestions.Settings(h.Ctx, g.ID); st.ReviewChannelID != rev.ID {
		t.Fatalf("review channel %q, want %s", st.ReviewChannelID, rev.ID)
	}
}
