package daily_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/data"
)

// TestDailySetupTakesALevel: /daily setup level: takes a level or its
// alias, shows it by its name, counts only questions asked at that level,
// and answers a misspelt level with a suggestion.
func TestDailySetupTakesALevel(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ch := dailyChannel(t, h, "daily")
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, q := range bank {
		if q.Category == "System Design" && slices.Contains(q.Level, "new grad") {
			want++
		}
	}
	if want == 0 {
		t.Fatal("the bundled bank has no new-grad System Design question to test with")
	}
	text := mustReply(t, h.Run("owner", setupLine(ch, "10:00", "UTC", `category:"system design" level:junior`)))
	if !strings.Contains(text, "Questions: category System Design, level new grad.") {
		t.Fatalf("setup echo:\n%s", text)
	}
	if !strings.Contains(text, fmt.Sprintf("of %d matching questions", want)) {
		t.Fatalf("setup counts other than the %d new-grad System Design questions:\n%s", want, text)
	}
	m := h.Run("owner", setupLine(ch, "10:00", "UTC", `level:senor`))
	if !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), `Did you mean "senior"`) {
		t.Fatalf("a misspelt level: %s", bottest.Text(m))
	}
}
