package leaderboard_test

import (
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/bottest"
)

// With no answers yet, /leaderboard says so, for the period asked.
func TestLeaderboardOfNobody(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := bottest.Text(h.Run("alice", "/leaderboard period:week"))
	for _, want := range []string{"Daily question leaderboard — this week (since Monday)", "Nobody has answered", "You have not answered in this period yet."} {
		if !strings.Contains(m, want) {
			t.Errorf("/leaderboard lacks %q:\n%s", want, m)
		}
	}
}
