package bot

import (
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
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

// A round alias naming several rounds matches all of them, and an alias
// that stands for another name is said in the reply.
func TestRoundAliasesMatchAllTheyNameAndAreSaid(t *testing.T) {
	q := func(id, round string) data.Question {
		return data.Question{ID: id, Title: "Question " + id, Company: "Acme", Category: "System Design", Difficulty: "easy",
			Round: round, Prompt: "Prompt " + id, Added: "2026-01-01"}
	}
	h := newHarness(t, harnessOpts{bank: []data.Question{
		q("a-phone", "Phone Screen"), q("a-tech", "Technical Screen"), q("a-onsite", "Onsite"), q("a-hm", "Hiring Manager"),
	}})
	plain := func(m *discordgo.Message) string { return stripMarkdown(m.Content) }

	// /questions round:screen lists both screens, and says so.
	list := h.run("alice", "/questions round:screen")
	if got := list.Embeds[0].Title; !strings.HasPrefix(got, "2 questions") {
		t.Errorf("/questions round:screen: %q, want both screens", got)
	}
	if d := list.Embeds[0].Description; !strings.Contains(d, "Phone Screen") || !strings.Contains(d, "Technical Screen") || strings.Contains(d, "Onsite") {
		t.Errorf("/questions round:screen lists:\n%s", d)
	}
	if !strings.Contains(plain(list), "round: screen → Phone Screen or Technical Screen") {
		t.Errorf("/questions round:screen does not say how screen was read: %q", list.Content)
	}

	// /question round:screen, then Another: both screens, nothing else.
	first := h.run("bob", "/question round:screen")
	if !strings.Contains(plain(first), "round: screen → Phone Screen or Technical Screen") {
		t.Errorf("/question round:screen content %q", first.Content)
	}
	h.clock.Advance(1e9)
	second, _ := h.click("bob", first, "Another")
	got := []string{field(first, "Round"), field(second, "Round")}
	slices.Sort(got)
	if !slices.Equal(got, []string{"Phone Screen", "Technical Screen"}) {
		t.Errorf("round:screen then Another gave rounds %v", got)
	}
	if strings.Contains(second.Content, "→") {
		t.Errorf("Another repeats the note: %q", second.Content)
	}

	// round:final is Onsite, and the reply says so; a canonical name says nothing.
	final := h.run("carol", "/question round:final")
	if field(final, "Round") != "Onsite" || !strings.Contains(plain(final), "round: final → Onsite") {
		t.Errorf("/question round:final: round %q, content %q", field(final, "Round"), final.Content)
	}
	if m := h.run("carol", "/question round:onsite"); strings.Contains(m.Content, "→") {
		t.Errorf("/question round:onsite has a note: %q", m.Content)
	}

	// The store and the offline filters agree: the group counts both.
	if n, err := h.store.Questions.Count(h.ctx, store.Filter{Round: "screen"}); err != nil || n != 2 {
		t.Errorf("Questions.Count(round screen) = %d, %v", n, err)
	}
}

// dbInt runs a query returning one number on a read-only connection of its
// own to the bot's database.
func dbInt(t *testing.T, h *harness, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+h.store.Path()+"?_query_only=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(h.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A filter too long for a custom_id is saved once per set of words it
// searches, whatever follows the eighth word, and the scheduler's sweep
// deletes saved filters past their lifetime, which the expired button
// states.
func TestSavedFiltersAreReducedAndExpire(t *testing.T) {
	words := "availability consistency partitioning replication throughput durability observability scalability"
	h := newHarness(t, harnessOpts{bank: []data.Question{{ID: "a-1", Title: "Design a store", Company: "Acme", Category: "System Design",
		Difficulty: "medium", Prompt: "Weigh " + words + ".", Added: "2026-01-01"}}})
	var last *discordgo.Message
	for i := range 30 {
		last = h.run("alice", fmt.Sprintf("/question search:\"%s extra%d word%dx\"", words, i, i*7))
		if footerID(last) != "a-1" {
			t.Fatalf("call %d: %s", i, text(last))
		}
		h.clock.Advance(time.Second)
	}
	if n := dbInt(t, h, "SELECT count(*) FROM saved_filters"); n != 1 {
		t.Fatalf("30 searches differing after the 8th word saved %d filters, want 1", n)
	}
	// Another still works with the saved filter.
	if m, _ := h.click("alice", last, "Another"); footerID(m) != "a-1" {
		t.Fatalf("Another: %s", text(m))
	}

	// Past the lifetime the button says it expired, before and after the sweep.
	h.clock.Advance(store.SavedFilterLifetime + time.Hour)
	days := fmt.Sprint(int(store.SavedFilterLifetime / (24 * time.Hour)))
	if m, _ := h.click("alice", last, "Another"); !IsErrorMessage(m) || !strings.Contains(text(m), "expired") || !strings.Contains(text(m), days+" days") {
		t.Fatalf("Another after %s: %s", store.SavedFilterLifetime, text(m))
	}
	fresh := h.run("bob", "/question search:\"durability observability scalability availability consistency partitioning replication throughput\"")
	if n := dbInt(t, h, "SELECT count(*) FROM saved_filters"); n != 2 {
		t.Fatalf("before the sweep: %d saved filters, want the old and the fresh one", n)
	}
	if err := h.bot.RunDue(h.ctx); err != nil {
		t.Fatal(err)
	}
	if n := dbInt(t, h, "SELECT count(*) FROM saved_filters"); n != 1 {
		t.Fatalf("after the sweep: %d saved filters, want only the fresh one", n)
	}
	if m, _ := h.click("bob", fresh, "Another"); footerID(m) != "a-1" {
		t.Fatalf("fresh Another after the sweep: %s", text(m))
	}

	// A search of query words alone has nothing to look for and is refused.
	if m := h.run("alice", "/question search:\"and or not\""); !IsErrorMessage(m) || !strings.Contains(text(m), "no words to look for") {
		t.Fatalf("search of operators: %s", text(m))
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
