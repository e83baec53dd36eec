package bot

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
)

// The admin /help writes every heading of its setup section the same way,
// "**Heading:** text", whichever feature reports it.
func TestAdminHelpHeadingsHaveOneForm(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	m := h.run("owner", "/help")
	var setup string
	for _, e := range m.Embeds {
		if e.Title == "Setup for admins" {
			setup = e.Description
		}
	}
	_, now, ok := strings.Cut(setup, "**In this server now:**\n")
	if !ok {
		t.Fatalf("no setup state in the admin /help: %s", text(m))
	}
	heading := regexp.MustCompile(`^\*\*[^*]+:\*\* \S`)
	lines := strings.Split(now, "\n")
	if len(lines) < 3 {
		t.Fatalf("expected a line per feature (daily, review channel, mock interviews): %q", now)
	}
	for _, l := range lines {
		if !heading.MatchString(l) {
			t.Errorf("heading not written as **Heading:** text: %q", l)
		}
	}
}

// badPlural finds a count of one with a plural noun ("1 questions") or a
// hedged plural ("question(s)").
var badPlural = regexp.MustCompile(`\b1 [a-z]+s\b|[a-z]\(s\)`)

// "Questions seen" on /profile counts, for other members, only what the
// member was shown in this server; the member's own (private) profile adds
// the count everywhere (DMs, other servers, history from before servers
// were recorded).
func TestProfileQuestionsSeenCountsThisServerForOthers(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	for range 3 {
		if m := h.runIn("alice", "dm", "/question"); IsErrorMessage(m) {
			t.Fatalf("DM /question: %s", text(m))
		}
		h.clock.Advance(time.Second)
	}
	elsewhere := h.srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	in, err := h.srv.Slash(h.ctx, discordtest.Slash{Guild: elsewhere.ID, User: "alice", Name: "question"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.WaitMessage(h.ctx); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(time.Second)
	for range 2 {
		h.run("alice", "/question")
		h.clock.Advance(time.Second)
	}
	// The history is written just after each reply (no Discord event
	// follows it to wait on): poll until all six are in.
	for {
		if n, err := h.store.History.SeenCount(h.ctx, h.srv.User("alice").ID); err == nil && n == 6 {
			break
		}
		select {
		case <-h.ctx.Done():
			t.Fatal("alice's six questions never reached her history")
		case <-time.After(5 * time.Millisecond):
		}
	}
	if got := field(h.run("bob", "/profile user:@alice"), "Questions seen"); got != "2 in this server" {
		t.Errorf("bob sees alice's questions seen as %q, want 2 in this server", got)
	}
	if got := field(h.run("alice", "/profile"), "Questions seen"); got != "2 in this server · 6 everywhere" {
		t.Errorf("alice sees her questions seen as %q", got)
	}
	in, err = h.srv.Slash(h.ctx, discordtest.Slash{Guild: elsewhere.ID, User: "bob", Name: "profile",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "user", Value: h.srv.User("alice").ID}}})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.ctx); err != nil || field(m, "Questions seen") != "1 in this server" {
		t.Errorf("in the other server: %v %q", err, field(m, "Questions seen"))
	}
}
