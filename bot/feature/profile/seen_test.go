package profile_test

import (
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// "Questions seen" on /profile counts, for other members, only what the
// member was shown in this server; the member's own (private) profile adds
// the count everywhere (DMs, other servers, history from before servers
// were recorded).
func TestProfileQuestionsSeenCountsThisServerForOthers(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	for range 3 {
		if m := h.RunIn("alice", "dm", "/question"); bot.IsErrorMessage(m) {
			t.Fatalf("DM /question: %s", bottest.Text(m))
		}
		h.Clock.Advance(time.Second)
	}
	elsewhere := h.Srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: elsewhere.ID, User: "alice", Name: "question"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.WaitMessage(h.Ctx); err != nil {
		t.Fatal(err)
	}
	h.Clock.Advance(time.Second)
	for range 2 {
		h.Run("alice", "/question")
		h.Clock.Advance(time.Second)
	}
	// The history is written just after each reply (no Discord event
	// follows it to wait on): poll until all six are in.
	for {
		if n, err := h.Store.History.SeenCount(h.Ctx, h.Srv.User("alice").ID); err == nil && n == 6 {
			break
		}
		select {
		case <-h.Ctx.Done():
			t.Fatal("alice's six questions never reached her history")
		case <-time.After(5 * time.Millisecond):
		}
	}
	if got := bottest.Field(h.Run("bob", "/profile user:@alice"), "Questions seen"); got != "2 in this server" {
		t.Errorf("bob sees alice's questions seen as %q, want 2 in this server", got)
	}
	if got := bottest.Field(h.Run("alice", "/profile"), "Questions seen"); got != "2 in this server · 6 everywhere" {
		t.Errorf("alice sees her questions seen as %q", got)
	}
	in, err = h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: elsewhere.ID, User: "bob", Name: "profile",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "user", Value: h.Srv.User("alice").ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.Ctx); err != nil || bottest.Field(m, "Questions seen") != "1 in this server" {
		t.Errorf("in the other server: %v %q", err, bottest.Field(m, "Questions seen"))
	}
}
