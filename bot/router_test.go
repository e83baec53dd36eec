package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/errs"
)

// runtimeFeature is a feature made for testing the runtime: a command that
// panics, a slow one, an admin one and one that fails with each error code.
type runtimeFeature struct {
	slowCalls atomic.Int64
	release   chan struct{}
}

func (f *runtimeFeature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{Name: "zz-panic", Description: "panics"},
		{Name: "zz-slow", Description: "takes its time"},
		{Name: "zz-lost-defer", Description: "defers behind the Ctx's back, as a defer whose answer was lost"},
		{Name: "zz-admin", Description: "admins only", DefaultMemberPermissions: bot.Ptr(int64(discordgo.PermissionManageGuild))},
		{Name: "zz-fail", Description: "fails", Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "code", Description: "error code", Required: true,
		}}},
	}
}

func (f *runtimeFeature) Routes(r *bot.Router) {
	r.Command("zz-panic", func(c *bot.Ctx) error {
		var m map[string]int
		m["boom"]++ // a nil map write: a real panic, not a staged one
		return nil
	})
	r.Command("zz-slow", func(c *bot.Ctx) error {
		f.slowCalls.Add(1)
		<-f.release
		return c.Reply(&discordgo.InteractionResponseData{Content: "done after a while"})
	})
	r.Command("zz-lost-defer", func(c *bot.Ctx) error {
		// Discord gets the defer; the Ctx never learns it succeeded.
		if err := c.Session.InteractionRespond(c.I.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
			return err
		}
		return c.Reply(&discordgo.InteractionResponseData{Content: "answered after a lost defer"})
	})
	r.Command("zz-admin", func(c *bot.Ctx) error { return c.ReplyEphemeral("admin things") }, bot.Admin())
	r.Command("zz-fail", func(c *bot.Ctx) error {
		switch c.String("code") {
		case "invalid":
			return errs.E(errs.Invalid, "That time is not valid: use HH:MM.")
		case "internal":
			return errors.New("disk on fire at /var/lib/secret")
		}
		return c.ReplyEphemeral("fine")
	})
}

func firstEmbedText(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	return m.Embeds[0].Description
}

func TestPanicInHandlerIsRecoveredAndAnswered(t *testing.T) {
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{&runtimeFeature{}}}})
	m := h.Run("alice", "/zz-panic")
	if !bot.IsErrorMessage(m) || m.Flags&discordgo.MessageFlagsEphemeral == 0 || firstEmbedText(m) != errs.GenericMessage {
		t.Fatalf("panic answered with %+v", m)
	}
	// The bot still works afterwards.
	if m := h.Run("alice", "/help"); bot.IsErrorMessage(m) {
		t.Fatal("bot broken after a panic")
	}
}

// A defer that reached Discord but whose answer was lost (a timeout under
// load) makes the reply fail with "already acknowledged": the answer must
// still reach the member, as an edit of the "thinking…" message.
func TestReplyAfterLostDeferEditsTheOriginal(t *testing.T) {
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{&runtimeFeature{}}}})
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{User: "alice", Name: "zz-lost-defer"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "answered after a lost defer" || bot.IsErrorMessage(m) {
		t.Fatalf("member saw %q (error message: %v)", m.Content, bot.IsErrorMessage(m))
	}
	// The loopback saw the second initial response, as Discord would;
	// nothing else may have gone wrong.
	for _, v := range h.Srv.Violations() {
		if v.Kind != "double-response" {
			t.Errorf("unexpected violation: %+v", v)
		}
	}
	h.Srv.ResetViolations()
}

func TestErrorCodesReachMembers(t *testing.T) {
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{&runtimeFeature{}}}})
	m := h.Run("alice", "/zz-fail code:invalid")
	if firstEmbedText(m) != "That time is not valid: use HH:MM." {
		t.Fatalf("invalid error shown as %q", firstEmbedText(m))
	}
	m = h.Run("alice", "/zz-fail code:internal")
	if got := firstEmbedText(m); got != errs.GenericMessage || strings.Contains(got, "secret") {
		t.Fatalf("internal error shown as %q", got)
	}
}

func TestAdminCommandNeedsManageServer(t *testing.T) {
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{&runtimeFeature{}}}})
	// The server's admins overrode default_member_permissions, so Discord
	// lets a plain member run the command: prepcord must still refuse.
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{User: "bob", Name: "zz-admin", Perms: discordgo.PermissionViewChannel | discordgo.PermissionSendMessages})
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil || !bot.IsErrorMessage(m) || !strings.Contains(firstEmbedText(m), "Manage Server") {
		t.Fatalf("member without Manage Server got %+v %v", m, err)
	}
	in, err = h.Srv.Slash(h.Ctx, discordtest.Slash{User: "carol", Name: "zz-admin", Perms: bottest.PermsAdmin})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.Ctx); err != nil || m.Content != "admin things" {
		t.Fatalf("admin refused: %+v %v", m, err)
	}
	in, err = h.Srv.Slash(h.Ctx, discordtest.Slash{User: "dave", Name: "zz-admin", DM: true})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := in.WaitMessage(h.Ctx); !bot.IsErrorMessage(m) {
		t.Fatalf("admin command ran in a DM: %+v", m)
	}
}

func TestSlowHandlerIsDeferredAndStillAnswers(t *testing.T) {
	f := &runtimeFeature{release: make(chan struct{})}
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{f}}})
	h.Bot.Router.DeferAfter = 100 * time.Millisecond
	in, err := h.Srv.Command(h.Ctx, "alice", "", "/zz-slow")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(h.Ctx)
	if err != nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("want a defer, got %+v %v", resp, err)
	}
	close(f.release)
	err = h.Srv.WaitFor(h.Ctx, func() bool { m := in.Message(); return m != nil && m.Content == "done after a while" })
	if err != nil {
		t.Fatalf("deferred reply never arrived: %v", err)
	}
}

func TestSocketDropIsResumedWithoutLosingInteractions(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	h.Srv.DropSocket()
	// Sent while the bot is disconnected: Discord replays it on RESUME.
	in, err := h.Srv.Command(h.Ctx, "alice", "", "/help")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.WaitMessage(h.Ctx); err != nil {
		t.Fatalf("interaction sent during the drop was lost: %v", err)
	}
	if m := h.Run("alice", "/help"); len(m.Embeds) == 0 {
		t.Fatal("no reply after the resume")
	}
}

func TestRateLimitedCallbackIsWaitedOut(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	h.Srv.Fault(discordtest.Fault{Route: "POST /interactions/{id}/{token}/callback", Status: 429, RetryAfter: 0.3, Times: 1})
	start := time.Now()
	m := h.Run("alice", "/help")
	if len(m.Embeds) == 0 {
		t.Fatal("reply lost after a 429")
	}
	if time.Since(start) < 250*time.Millisecond {
		t.Fatal("the 429's retry_after was not waited out")
	}
}

func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	f := &runtimeFeature{release: make(chan struct{})}
	h := bottest.New(t, bottest.Options{Assemble: assemble.Options{Extra: []bot.Feature{f}}})
	h.Bot.Router.DeferAfter = 0
	in, err := h.Srv.Command(h.Ctx, "alice", "", "/zz-slow")
	if err != nil {
		t.Fatal(err)
	}
	for f.slowCalls.Load() != 1 {
		if h.Ctx.Err() != nil {
			t.Fatal("the slow handler never started")
		}
		time.Sleep(5 * time.Millisecond)
	}
	closed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		closed <- h.Bot.Router.Close(ctx)
	}()
	// New interactions are turned away while the old one finishes.
	m := h.Run("bob", "/help")
	if !strings.Contains(m.Content, "restarting") {
		t.Fatalf("new interaction during shutdown got %+v", m)
	}
	close(f.release)
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.Ctx); err != nil || m.Content != "done after a while" {
		t.Fatalf("in-flight interaction not finished: %+v %v", m, err)
	}
}

func TestRejectedTokenIsClear(t *testing.T) {
	srv := discordtest.New(discordtest.Options{})
	defer srv.Close()
	h := bottest.New(t, bottest.Options{})
	b, err := bot.New(bot.Config{Token: "wrong-token", APIURL: srv.APIURL(), Store: h.Store, DisableScheduler: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = b.Open(ctx)
	b.Session.Close()
	if !errors.Is(err, bot.ErrUnauthorized) || strings.Contains(err.Error(), "wrong-token") {
		t.Fatalf("want ErrUnauthorized without the token, got %v", err)
	}
}
