package question_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for a look at the PostgreSQL pass's database

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/feature/question"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// A round alias naming several rounds matches all of them, and an alias
// that stands for another name is said in the reply.
func TestRoundAliasesMatchAllTheyNameAndAreSaid(t *testing.T) {
	q := func(id, round string) data.Question {
		return data.Question{ID: id, Title: "Question " + id, Company: "Acme", Category: "System Design", Difficulty: "easy",
			Round: round, Prompt: "Prompt " + id, Added: "2026-01-01"}
	}
	h := bottest.New(t, bottest.Options{Bank: []data.Question{
		q("a-phone", "Phone Screen"), q("a-tech", "Technical Screen"), q("a-onsite", "Onsite"), q("a-hm", "Hiring Manager"),
	}})
	plain := func(m *discordgo.Message) string { return question.StripMarkdown(m.Content) }

	// /questions round:screen lists both screens, and says so.
	list := h.Run("alice", "/questions round:screen")
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
	first := h.Run("bob", "/question round:screen")
	if !strings.Contains(plain(first), "round: screen → Phone Screen or Technical Screen") {
		t.Errorf("/question round:screen content %q", first.Content)
	}
	h.Clock.Advance(1e9)
	second, _ := h.Click("bob", first, "Another")
	got := []string{bottest.Field(first, "Round"), bottest.Field(second, "Round")}
	slices.Sort(got)
	if !slices.Equal(got, []string{"Phone Screen", "Technical Screen"}) {
		t.Errorf("round:screen then Another gave rounds %v", got)
	}
	if strings.Contains(second.Content, "→") {
		t.Errorf("Another repeats the note: %q", second.Content)
	}

	// round:final is Onsite, and the reply says so; a canonical name says nothing.
	final := h.Run("carol", "/question round:final")
	if bottest.Field(final, "Round") != "Onsite" || !strings.Contains(plain(final), "round: final → Onsite") {
		t.Errorf("/question round:final: round %q, content %q", bottest.Field(final, "Round"), final.Content)
	}
	if m := h.Run("carol", "/question round:onsite"); strings.Contains(m.Content, "→") {
		t.Errorf("/question round:onsite has a note: %q", m.Content)
	}

	// The store and the offline filters agree: the group counts both.
	if n, err := h.Store.Questions.Count(h.Ctx, store.Filter{Round: "screen"}); err != nil || n != 2 {
		t.Errorf("Questions.Count(round screen) = %d, %v", n, err)
	}
}

// dbInt runs a query returning one number on a read-only connection of its
// own to the bot's database.
func dbInt(t *testing.T, h *bottest.Harness, query string, args ...any) int {
	t.Helper()
	driver, dsn := "sqlite3", "file:"+h.Store.Path()+"?_query_only=1"
	if store.IsPostgresURL(h.Store.Path()) {
		driver, dsn = "pgx", h.Store.Path()
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(h.Ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A filter too long for a custom_id is saved once per set of words it
// searches, whatever follows the eighth word, and the scheduler's sweep
// (run here as `prepcord try` runs it, with Bot.RunDue) deletes saved
// filters past their lifetime, which the expired button states.
func TestSavedFiltersAreReducedAndExpire(t *testing.T) {
	words := "availability consistency partitioning replication throughput durability observability scalability"
	h := bottest.New(t, bottest.Options{Bank: []data.Question{{ID: "a-1", Title: "Design a store", Company: "Acme", Category: "System Design",
		Difficulty: "medium", Prompt: "Weigh " + words + ".", Added: "2026-01-01"}}})
	var last *discordgo.Message
	for i := range 30 {
		last = h.Run("alice", fmt.Sprintf("/question search:\"%s extra%d word%dx\"", words, i, i*7))
		if bottest.FooterID(last) != "a-1" {
			t.Fatalf("call %d: %s", i, bottest.Text(last))
		}
		h.Clock.Advance(time.Second)
	}
	if n := dbInt(t, h, "SELECT count(*) FROM saved_filters"); n != 1 {
		t.Fatalf("30 searches differing after the 8th word saved %d filters, want 1", n)
	}
	// Another still works with the saved filter.
	if m, _ := h.Click("alice", last, "Another"); bottest.FooterID(m) != "a-1" {
		t.Fatalf("Another: %s", bottest.Text(m))
	}

	// Past the lifetime the button says it expired, before and after the sweep.
	h.Clock.Advance(store.SavedFilterLifetime + time.Hour)
	days := fmt.Sprint(int(store.SavedFilterLifetime / (24 * time.Hour)))
	if m, _ := h.Click("alice", last, "Another"); !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "expired") || !strings.Contains(bottest.Text(m), days+" days") {
		t.Fatalf("Another after %s: %s", store.SavedFilterLifetime, bottest.Text(m))
	}
	fresh := h.Run("bob", "/question search:\"durability observability scalability availability consistency partitioning replication throughput\"")
	if n := dbInt(t, h, "SELECT count(*) FROM saved_filters"); n != 2 {
		t.Fatalf("before the sweep: %d saved filters, want the old and the fresh one", n)
	}
	if err := h.Bot.RunDue(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if n := dbInt(t, h, "SELECT count(*) FROM saved_filters"); n != 1 {
		t.Fatalf("after the sweep: %d saved filters, want only the fresh one", n)
	}
	if m, _ := h.Click("bob", fresh, "Another"); bottest.FooterID(m) != "a-1" {
		t.Fatalf("fresh Another after the sweep: %s", bottest.Text(m))
	}

	// A search of query words alone has nothing to look for and is refused.
	if m := h.Run("alice", "/question search:\"and or not\""); !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "no words to look for") {
		t.Fatalf("search of operators: %s", bottest.Text(m))
	}
}
