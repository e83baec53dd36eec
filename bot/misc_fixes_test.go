package bot

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
)

// helpCommands returns the commands /help lists as "**/name** — ...".
func helpCommands(m *discordgo.Message) []string {
	var out []string
	for _, e := range m.Embeds {
		for _, sm := range regexp.MustCompile(`(?m)^\*\*/([a-z-]+)\*\* — `).FindAllStringSubmatch(e.Description, -1) {
			out = append(out, sm[1])
		}
	}
	return out
}

// In a DM, /help lists exactly the commands Discord lets a member run
// there: each listed one runs, each left out is one the loopback Discord
// (which applies the registered contexts) refuses in a DM. The others are
// named as server-only.
func TestHelpInDMListsOnlyCommandsThatWorkThere(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	m := h.runIn("alice", "dm", "/help")
	listed := helpCommands(m)
	if len(listed) == 0 {
		t.Fatalf("/help in a DM lists nothing: %s", text(m))
	}
	for _, c := range h.bot.Commands() {
		_, err := h.srv.ParseCommandIn("dm", "/"+c.Name)
		refused := errors.Is(err, discordtest.ErrUnknownCommand)
		shown := slices.Contains(listed, c.Name)
		switch {
		case shown && refused:
			t.Errorf("/help in a DM lists /%s, which Discord does not offer there", c.Name)
		case !shown && !refused:
			t.Errorf("/help in a DM leaves out /%s, which works there", c.Name)
		}
	}
	for _, name := range listed {
		if name == "help" {
			continue
		}
		if r := h.runIn("alice", "dm", "/"+name); IsErrorMessage(r) && strings.Contains(text(r), "not registered") {
			t.Errorf("/%s listed in a DM but fails: %s", name, text(r))
		}
	}
	all := text(m)
	for _, name := range []string{"/mock", "/profile", "/leaderboard", "/suggest"} {
		if !strings.Contains(all, name) {
			t.Errorf("/help in a DM does not say %s works in a server: %s", name, all)
		}
	}
	// In a server every member command is listed.
	g := helpCommands(h.run("alice", "/help"))
	for _, name := range []string{"question", "questions", "mock", "profile", "leaderboard", "suggest", "help"} {
		if !slices.Contains(g, name) {
			t.Errorf("/help in a server leaves out /%s: %v", name, g)
		}
	}
}

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

// Counts of one read as one in /questions, /question's nearest filters and
// the admin /help.
func TestCountsOfOneAreSingular(t *testing.T) {
	q := func(id, company, difficulty string) data.Question {
		return data.Question{ID: id, Title: "Question " + id, Company: company, Category: "System Design", Difficulty: difficulty,
			Prompt: "Prompt " + id, Added: "2026-01-01"}
	}
	h := newHarness(t, harnessOpts{bank: []data.Question{q("a-1", "Acme", "easy"), q("b-1", "Beta", "hard"), q("b-2", "Beta", "hard")}})
	setupReview(t, h)
	if _, err := h.store.Suggestions.Add(h.ctx, h.srv.DefaultGuild().ID, h.srv.AddUser("sam").ID, data.Question{
		Title: "Design a rate limiter", Company: "Acme", Category: "System Design", Difficulty: "medium", Prompt: "How would you limit requests?"}); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		user, line, want string
	}{
		{"alice", "/questions company:acme", "1 question ·"},
		{"alice", "/question company:acme difficulty:hard", "— 1 question"},
		{"owner", "/help", "1 suggestion pending"},
	}
	for _, c := range checks {
		m := h.run(c.user, c.line)
		all := text(m)
		for _, e := range m.Embeds {
			if e.Footer != nil {
				all += "\n" + e.Footer.Text
			}
		}
		if !strings.Contains(all, c.want) {
			t.Errorf("%s: want %q in:\n%s", c.line, c.want, all)
		}
		if bad := badPlural.FindAllString(all, -1); len(bad) > 0 {
			t.Errorf("%s: plurals %q in:\n%s", c.line, bad, all)
		}
	}
}

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
