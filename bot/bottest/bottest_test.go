package bottest

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
)

func TestHarnessStartsAndRegistersOnce(t *testing.T) {
	h := New(t, Options{})
	puts := len(h.Srv.RequestsTo("PUT /applications/{app}/commands"))
	if puts != 1 {
		t.Fatalf("first start registered %d times", puts)
	}
	m := h.Run("alice", "/help")
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 || len(m.Embeds) == 0 {
		t.Fatalf("/help reply: %+v", m)
	}
	// A second start with the same definitions does not register again.
	// (It comes last: while both are connected, the loopback gateway
	// delivers each interaction to both, and both would answer.)
	b2, err := assemble.New(bot.Config{Token: h.Srv.Token(), APIURL: h.Srv.APIURL(), Store: h.Store, Now: h.Clock.Now, DisableScheduler: true}, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b2.Open(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(h.Srv.RequestsTo("PUT /applications/{app}/commands")); n != 1 {
		t.Fatalf("second start registered again: %d PUTs", n)
	}
	// Closed, the second bot must stay closed: discordgo's heartbeat,
	// failing on the socket Close just shut, would otherwise reconnect it
	// and both bots would answer the next interaction of a later test.
	b2.Session.ShouldReconnectOnError = false
	b2.Session.Close()
}
