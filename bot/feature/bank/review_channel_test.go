package bank_test

import (
	"context"
	"encoding/json"
	"strconv"
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
func forgedBankReview(t *testing.T, h *bottest.Harness, n int, channelID string) string {
	t.Helper()
	g := h.Srv.DefaultGuild()
	general := h.Srv.ChannelByName(g.ID, "general")
	p := map[string]any{
		"id": "13000000000000000" + strconv.Itoa(10+n), "application_id": h.Srv.ApplicationID(), "type": 2,
		"token": "forged-" + strconv.Itoa(n), "version": 1, "guild_id": g.ID, "channel_id": general.ID, "locale": "en-US",
		"app_permissions": strconv.FormatInt(discordgo.PermissionAll, 10),
		"member": map[string]any{"user": map[string]any{"id": g.OwnerID, "username": "owner", "discriminator": "0"},
			"roles": []any{}, "joined_at": "2026-01-01T00:00:00.000000+00:00", "permissions": strconv.FormatInt(bottest.PermsAdmin, 10)},
		"data": map[string]any{"name": "bank", "type": 1, "options": []any{map[string]any{"name": "review", "type": 1,
			"options": []any{map[string]any{"name": "channel", "type": 7, "value": channelID}}}},
			"resolved": map[string]any{"channels": map[string]any{channelID: map[string]any{"id": channelID, "type": 0, "name": "reviews"}}}},
	}
	raw, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var ic discordgo.InteractionCreate
	if err := json.Unmarshal(raw, &ic); err != nil {
		t.Fatal(err)
	}
	before := len(h.Srv.RequestsTo("POST /interactions/{id}/{token}/callback"))
	h.Bot.Router.Dispatch(context.Background(), h.Bot.Session, &ic)
	// The loopback Discord does not know a forged interaction: it refuses
	// the answer, which is recorded all the same.
	calls := h.Srv.RequestsTo("POST /interactions/{id}/{token}/callback")
	for _, v := range h.Srv.Violations() {
		if v.Kind != "unknown-interaction" {
			t.Errorf("loopback Discord saw %s", v)
		}
	}
	h.Srv.ResetViolations()
	if len(calls) == before {
		t.Fatalf("forged /bank review for %s: no answer", channelID)
	}
	return string(calls[len(calls)-1].JSON)
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
	for i, c := range []struct{ name, channel, want string }{
		{"another server's channel", theirs.ID, "not in this server"},
		{"a voice channel", voice.ID, "Choose a text channel"},
		{"no such channel", "123456789012345678", "cannot see that channel"},
		{"not a channel id", "../guilds/1", "Choose the review channel"},
	} {
		got := forgedBankReview(t, h, i, c.channel)
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
