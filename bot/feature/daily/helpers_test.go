package daily_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// newHarness starts a bot on the loopback Discord (see bottest.New) whose
// daily feature retries failed REST calls without waiting.
func newHarness(t testing.TB, opts bottest.Options) *bottest.Harness {
	t.Helper()
	opts.Assemble.Daily = append([]daily.Option{daily.WithBackoff(time.Millisecond)}, opts.Assemble.Daily...)
	return bottest.New(t, opts)
}

// dailyChannel adds a #daily text channel to the first guild.
func dailyChannel(t testing.TB, h *bottest.Harness, name string) *discordgo.Channel {
	t.Helper()
	ch, err := h.Srv.AddChannel(h.Srv.DefaultGuild().ID, name, discordgo.ChannelTypeGuildText, "")
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// sweep does, once, the bot's background work due at the clock's time
// (the daily sweep among it), as its scheduler would at the next minute.
func sweep(t testing.TB, h *bottest.Harness) {
	t.Helper()
	sweepWith(t, h, h.Bot.RunDue)
}

// sweepWith sweeps once with run: the bot's RunDue, or the Sweep of a
// daily feature standing for another process.
func sweepWith(t testing.TB, h *bottest.Harness, run func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := run(ctx); err != nil {
		t.Fatalf("sweep at %s: %v", h.Clock.Now().UTC().Format(time.RFC3339), err)
	}
}

// dailyPosts returns the bot's daily posts in a channel (messages with the
// d1 Solution button), oldest first.
func dailyPosts(h *bottest.Harness, channelID string) []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range h.Srv.Messages(channelID) {
		for _, row := range m.Components {
			if ar, ok := row.(*discordgo.ActionsRow); ok {
				for _, c := range ar.Components {
					if b, ok := c.(*discordgo.Button); ok && strings.HasPrefix(b.CustomID, "d1/solution/") {
						out = append(out, m)
					}
				}
			}
		}
	}
	return out
}

// mustReply fails unless m is a normal (not error) reply, and returns its text.
func mustReply(t testing.TB, m *discordgo.Message) string {
	t.Helper()
	if bot.IsErrorMessage(m) {
		t.Fatalf("error reply: %s", m.Embeds[0].Description)
	}
	return messageText(m)
}

// messageText joins a message's content and embed texts, footers included.
func messageText(m *discordgo.Message) string {
	parts := []string{bottest.Text(m)}
	for _, e := range m.Embeds {
		if e.Footer != nil {
			parts = append(parts, e.Footer.Text)
		}
	}
	return strings.Join(parts, "\n")
}

func setupLine(ch *discordgo.Channel, clock, zone, extra string) string {
	return fmt.Sprintf("/daily setup channel:#%s time:%q timezone:%s %s", ch.Name, clock, zone, extra)
}

func mustCfg(t *testing.T, h *bottest.Harness, guild string) *store.DailyConfig {
	t.Helper()
	c, err := h.Store.Daily.Config(context.Background(), guild)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sortTimes(ts []time.Time) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Before(ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// setupDaily sets a schedule with the command and returns the channel.
func setupDaily(t testing.TB, h *bottest.Harness, clock, zone, extra string) *discordgo.Channel {
	t.Helper()
	ch := dailyChannel(t, h, "daily")
	mustReply(t, h.Run("owner", setupLine(ch, clock, zone, extra)))
	return ch
}

func sortDurations(ds []time.Duration) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j] < ds[j-1]; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

// waitFor polls cond until it holds (gateway events are handled
// asynchronously) or fails after 5 seconds.
func waitFor(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// newYorkDaily starts a bot whose server posts the daily question at 10:00
// New York time, set up at 08:00 on Friday 1 May 2026; at(d, hh, mm) is
// that May's local time.
func newYorkDaily(t *testing.T) (*bottest.Harness, func(d, hh, mm int) time.Time, *discordgo.Channel) {
	t.Helper()
	h := newHarness(t, bottest.Options{})
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, hh, mm int) time.Time { return time.Date(2026, 5, d, hh, mm, 0, 0, ny) }
	h.Clock.Set(at(1, 8, 0))
	return h, at, setupDaily(t, h, "10:00", "America/New_York", "")
}

// firstPost starts a bot with bank whose server, set up at 08:00 UTC on
// 1 May 2026 to post at 10:00 UTC, has posted its first daily question.
func firstPost(t *testing.T, bank []data.Question) (*bottest.Harness, *discordgo.Message) {
	t.Helper()
	h := newHarness(t, bottest.Options{Bank: bank})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ch := setupDaily(t, h, "10:00", "UTC", "")
	h.Clock.Set(time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 {
		t.Fatalf("%d posts", len(posts))
	}
	return h, posts[0]
}

// smallBank is a bank of n easy Acme questions with solutions.
func smallBank(n int) []data.Question {
	out := make([]data.Question, n)
	for i := range out {
		out[i] = data.Question{ID: "acme-" + string(rune('a'+i)), Title: "Acme question " + string(rune('A'+i)), Company: "Acme",
			Category: "System Design", Difficulty: "easy", Prompt: "Design it.", Solution: "The model answer " + string(rune('A'+i)) + ".", Added: "2026-01-01"}
	}
	return out
}
