package review_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/store"
)

// labelPrefixed returns the label of m's button that starts with prefix.
func labelPrefixed(t *testing.T, m *discordgo.Message, prefix string) string {
	t.Helper()
	for _, l := range bottest.Labels(m) {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no %q button on %s (buttons %v)", prefix, bottest.Text(m), bottest.Labels(m))
	return ""
}

// solutionWithRating opens the Solution of m and returns its last page,
// the one with the rating buttons.
func solutionWithRating(t *testing.T, h *bottest.Harness, user string, m *discordgo.Message) *discordgo.Message {
	t.Helper()
	_, in := h.Click(user, m, "Solution")
	msgs := in.Messages()
	if len(msgs) == 0 {
		t.Fatal("no solution")
	}
	return msgs[len(msgs)-1]
}

func TestRateFromQuestionThenReview(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	if m := h.Run("alice", "/review"); !strings.Contains(m.Content, "rate questions after opening their Solution") || !bottest.IsEphemeral(m) {
		t.Fatalf("/review with nothing rated: %s", bottest.Text(m))
	}
	q := h.Run("alice", "/question company:tiktok")
	id := bottest.FooterID(q)
	sol := solutionWithRating(t, h, "alice", q)
	good := labelPrefixed(t, sol, "Good · ")
	if got := strings.Join(bottest.Labels(sol), ","); !strings.HasPrefix(got, "Again · ") || !strings.Contains(got, "Easy · ") {
		t.Fatalf("rating buttons %s", got)
	}
	r, _ := h.Click("alice", sol, good)
	if !bottest.IsEphemeral(r) || !strings.Contains(r.Content, "Scheduled: next review in") || !strings.Contains(r.Content, "<t:") {
		t.Fatalf("rating reply: %s", bottest.Text(r))
	}
	guild := h.Srv.DefaultGuild().ID
	alice := h.Srv.AddUser("alice").ID
	card, err := h.Store.Reviews.Card(h.Ctx, guild, alice, id)
	if err != nil || card == nil || card.Reps != 1 {
		t.Fatalf("card %+v, %v", card, err)
	}
	n := strings.TrimSuffix(strings.TrimPrefix(good, "Good · "), "d")
	if want := int(card.Due.Sub(h.Clock.Now()).Hours() / 24); n != strconv.Itoa(want) || !strings.Contains(r.Content, "in "+n+" day") {
		t.Fatalf("label %q, reply %q, due in %d days", good, r.Content, want)
	}
	// Nothing due yet: when the next is.
	m := h.Run("alice", "/review")
	if !strings.Contains(m.Content, "Nothing due — next in") {
		t.Fatalf("/review before due: %s", bottest.Text(m))
	}
	// Another member of the server has nothing.
	if m := h.Run("bob", "/review"); !strings.Contains(m.Content, "rate questions") {
		t.Fatalf("bob sees alice's reviews: %s", bottest.Text(m))
	}
	// Past due, /review serves it, with its Solution and the ratings.
	h.Clock.Set(card.Due.Add(time.Hour))
	m = h.Run("alice", "/review")
	if !bottest.IsEphemeral(m) || bottest.FooterID(m) != id || !strings.Contains(m.Content, "Due for review") {
		t.Fatalf("/review past due: %s", bottest.Text(m))
	}
	labelPrefixed(t, m, "Solution")
	sol = solutionWithRating(t, h, "alice", m)
	r, _ = h.Click("alice", sol, labelPrefixed(t, sol, "Again · "))
	if !strings.Contains(r.Content, "Scheduled") {
		t.Fatalf("second rating: %s", bottest.Text(r))
	}
	if c2, _ := h.Store.Reviews.Card(h.Ctx, guild, alice, id); c2 == nil || c2.Reps != 2 || c2.Lapses != 1 {
		t.Fatalf("after Again: %+v", c2)
	}
	// Another server keeps its own reviews.
	g2 := h.Srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: g2.ID, User: "alice", Name: "review"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := in.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(other.Content, "rate questions") {
		t.Fatalf("another server shows this one's reviews: %s", bottest.Text(other))
	}
	if c, _ := h.Store.Reviews.Card(h.Ctx, g2.ID, alice, id); c != nil {
		t.Fatalf("card in the other server: %+v", c)
	}
}

func TestNoRatingInDMs(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	q := h.RunIn("alice", "dm", "/question company:tiktok")
	_, in := h.Click("alice", q, "Solution")
	for _, m := range in.Messages() {
		for _, l := range bottest.Labels(m) {
			if strings.Contains(l, " · ") {
				t.Fatalf("rating button %q in a DM", l)
			}
		}
	}
}

func TestForgedRating(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	q := h.Run("alice", "/question company:tiktok")
	id := bottest.FooterID(q)
	guild := h.Srv.DefaultGuild().ID
	forge := func(rating string) string {
		return h.Forge(map[string]any{"type": int(discordgo.InteractionMessageComponent), "guild_id": guild, "member": h.Member("mallory", 0),
			"data": map[string]any{"custom_id": bot.CustomID("r1/rate", id, rating), "component_type": 2}})
	}
	if got := forge("great"); !strings.Contains(got, "not one prepcord makes") || !strings.Contains(got, `"flags":64`) {
		t.Fatalf("forged rating answered %s", got)
	}
	if got := forge("7"); !strings.Contains(got, "not one prepcord makes") {
		t.Fatalf("forged rating answered %s", got)
	}
	mallory := h.Srv.AddUser("mallory").ID
	if c, _ := h.Store.Reviews.Card(h.Ctx, guild, mallory, id); c != nil {
		t.Fatalf("forged rating scheduled %+v", c)
	}
	// A rating in a DM (no server) is refused.
	dm := h.Forge(map[string]any{"type": int(discordgo.InteractionMessageComponent), "user": h.User("mallory"),
		"data": map[string]any{"custom_id": bot.CustomID("r1/rate", id, "good"), "component_type": 2}})
	if !strings.Contains(dm, "per server") {
		t.Fatalf("rating in a DM answered %s", dm)
	}
}

func TestReviewFiltersAndCounts(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	var rated []*discordgo.Message
	for _, line := range []string{"/question company:tiktok", "/question company:google"} {
		q := h.Run("alice", line)
		sol := solutionWithRating(t, h, "alice", q)
		h.Click("alice", sol, labelPrefixed(t, sol, "Again · "))
		rated = append(rated, q)
	}
	h.Clock.Advance(40 * 24 * time.Hour)
	m := h.Run("alice", "/review company:google")
	if bottest.Field(m, "Company") != "Google" || !strings.Contains(m.Content, "Due for review") {
		t.Fatalf("/review company:google: %s", bottest.Text(m))
	}
	m = h.Run("alice", "/review company:tiktok")
	if bottest.FooterID(m) != bottest.FooterID(rated[0]) {
		t.Fatalf("/review company:tiktok: %s", bottest.Text(m))
	}
	m = h.Run("alice", "/review company:adobe")
	if !strings.Contains(m.Content, "Nothing due matches those filters") || !strings.Contains(m.Content, "Due: ") {
		t.Fatalf("/review company:adobe: %s", bottest.Text(m))
	}
	choices, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "alice", Name: "review",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: "tik"}}}, "company")
	if err != nil || len(choices) == 0 || !strings.HasPrefix(choices[0].Name, "TikTok") {
		t.Fatalf("autocomplete %v, %v", choices, err)
	}
}

// Over 60 days of a fake clock, /review serves the most overdue question
// each day, its counts match the store's, and rating it moves it on.
func TestReviewOverSixtyDays(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	for i, rating := range []string{"Again · ", "Good · ", "Easy · "} {
		q := h.Run("alice", "/question company:tiktok")
		sol := solutionWithRating(t, h, "alice", q)
		h.Click("alice", sol, labelPrefixed(t, sol, rating))
		h.Clock.Advance(time.Duration(i+1) * time.Hour)
	}
	guild := h.Srv.DefaultGuild().ID
	alice := h.Srv.AddUser("alice").ID
	served := 0
	for day := 0; day < 60; day++ {
		h.Clock.Advance(24 * time.Hour)
		now := h.Clock.Now()
		due, err := h.Store.Reviews.Due(h.Ctx, guild, alice, store.Filter{}, now, 10)
		if err != nil {
			t.Fatal(err)
		}
		m := h.Run("alice", "/review")
		if len(due) == 0 {
			if !strings.Contains(m.Content, "Nothing due — next in") {
				t.Fatalf("day %d: %s", day, bottest.Text(m))
			}
			continue
		}
		for i := 1; i < len(due); i++ {
			if due[i].Card.Due.Before(due[i-1].Card.Due) {
				t.Fatalf("day %d: due out of order", day)
			}
		}
		if bottest.FooterID(m) != due[0].ID {
			t.Fatalf("day %d: served %s, most overdue is %s", day, bottest.FooterID(m), due[0].ID)
		}
		counts, _ := h.Store.Reviews.DueCounts(h.Ctx, guild, alice, now)
		for cat, n := range counts {
			if !strings.Contains(m.Content, fmt.Sprintf("%s %d", cat, n)) {
				t.Fatalf("day %d: counts %v not in %q", day, counts, m.Content)
			}
		}
		sol := solutionWithRating(t, h, "alice", m)
		h.Click("alice", sol, labelPrefixed(t, sol, "Good · "))
		served++
		if c, _ := h.Store.Reviews.Card(h.Ctx, guild, alice, due[0].ID); c == nil || !c.Due.After(now) {
			t.Fatalf("day %d: rating did not move %s on: %+v", day, due[0].ID, c)
		}
	}
	if served < 3 {
		t.Fatalf("only %d reviews served in 60 days", served)
	}
}

// A rating pressed twice the same day replaces the first, and says so; the
// next day's counts as a review of its own.
func TestRatingTwiceTheSameDayReplaces(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	q := h.Run("alice", "/question company:tiktok")
	id := bottest.FooterID(q)
	sol := solutionWithRating(t, h, "alice", q)
	h.Click("alice", sol, labelPrefixed(t, sol, "Again · "))
	h.Clock.Advance(3 * time.Hour)
	r, _ := h.Click("alice", sol, labelPrefixed(t, sol, "Easy · "))
	if !strings.Contains(r.Content, "replaces your earlier rating of today") {
		t.Fatalf("second rating: %s", r.Content)
	}
	guild := h.Srv.DefaultGuild().ID
	alice := h.Srv.AddUser("alice").ID
	card, err := h.Store.Reviews.Card(h.Ctx, guild, alice, id)
	if err != nil || card == nil || card.Reps != 1 || card.Lapses != 0 {
		t.Fatalf("card after two ratings the same day: %+v %v", card, err)
	}
	h.Clock.Advance(24 * time.Hour)
	if r, _ := h.Click("alice", sol, labelPrefixed(t, sol, "Good · ")); strings.Contains(r.Content, "replaces") {
		t.Fatalf("next day's rating: %s", r.Content)
	}
	if card, _ := h.Store.Reviews.Card(h.Ctx, guild, alice, id); card == nil || card.Reps != 2 {
		t.Fatalf("card after the next day's rating: %+v", card)
	}
}
