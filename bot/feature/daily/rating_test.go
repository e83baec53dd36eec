package daily_test

import (
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/bottest"
)

// TestDailySolutionCarriesRatings: a daily post's Solution, shown to a
// member, carries the spaced-review ratings; rating it schedules a review.
func TestDailySolutionCarriesRatings(t *testing.T) {
	h := newHarness(t, bottest.Options{Bank: smallBank(3)})
	h.Clock.Set(time.Date(2026, 5, 7, 8, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "10:00", "UTC", "")
	h.Clock.Set(time.Date(2026, 5, 7, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 {
		t.Fatalf("%d posts", len(posts))
	}
	wait, _ := h.Click("alice", posts[0], "Solution")
	sol, _ := h.Click("alice", wait, "Show me now (spoiler)")
	good := ""
	for _, l := range bottest.Labels(sol) {
		if strings.HasPrefix(l, "Good · ") {
			good = l
		}
	}
	if good == "" {
		t.Fatalf("the daily Solution has no rating buttons: %q", bottest.Labels(sol))
	}
	guild, alice := h.Srv.DefaultGuild().ID, h.Srv.User("alice").ID
	if _, ok, err := h.Store.Reviews.NextDue(h.Ctx, guild, alice, h.Clock.Now()); err != nil || ok {
		t.Fatalf("a review is scheduled before any rating: %v %v", ok, err)
	}
	h.Click("alice", sol, good)
	next, ok, err := h.Store.Reviews.NextDue(h.Ctx, guild, alice, h.Clock.Now())
	if err != nil || !ok || !next.After(h.Clock.Now()) {
		t.Fatalf("rating Good scheduled nothing: %v %v %v", next, ok, err)
	}
}
