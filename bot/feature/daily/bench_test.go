package daily_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// BenchmarkDailyFanOut1000 puts 1,000 servers' daily posts due in the same
// minute against the loopback Discord enforcing 50 requests/s globally, from
// a bot holding DISCORD_GLOBAL_RATE's default share (50/s), the first server
// with store.MaxDailyFeeds feeds in as many channels, and measures one sweep:
// every feed posted and threaded, none twice. It
// reports the total time, the rate-limit floor (requests / 50 s: the least
// time the request count allows) and their ratio, and the p50/p99 of each
// feed's completion time within the sweep. Run with -benchtime=1x: one
// iteration is 2,018 requests, about 40 s.
func BenchmarkDailyFanOut1000(b *testing.B) {
	const guilds, limit = 1000, 50
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// Per-server completion: when its thread was created.
		var mu sync.Mutex
		var lat []time.Duration
		var start time.Time
		threaded := daily.WithHook(func(stage string, _ *store.DailyPost) bool {
			if stage == "threaded" {
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			}
			return false
		})
		h := newHarness(b, bottest.Options{Server: discordtest.Options{RateLimit: limit, OpenAPISpecPath: "-"},
			Config:   func(c *bot.Config) { c.GlobalRate = limit }, // as prepcord run: DISCORD_GLOBAL_RATE's default
			Assemble: assemble.Options{Daily: []daily.Option{threaded}}})
		due := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		h.Clock.Set(due.Add(-time.Hour))
		var channels []string
		for g := range guilds {
			feeds := []string{store.DefaultFeed}
			if g == 0 {
				for f := 1; f < store.MaxDailyFeeds; f++ {
					feeds = append(feeds, fmt.Sprintf("feed-%d", f))
				}
			}
			var specs []discordtest.ChannelSpec
			for _, f := range feeds {
				specs = append(specs, discordtest.ChannelSpec{Name: f})
			}
			gd := h.Srv.AddGuild(discordtest.GuildSpec{Name: fmt.Sprintf("guild %d", g), Channels: specs})
			for _, f := range feeds {
				ch := h.Srv.ChannelByName(gd.ID, f)
				channels = append(channels, ch.ID)
				cfg := &store.DailyConfig{GuildID: gd.ID, Feed: f, ChannelID: ch.ID, Clock: "09:00", Zone: "UTC", Days: int(schedule.EveryDay),
					NextDue: due.UnixMilli(), NextDate: "2026-03-01"}
				if err := h.Store.Daily.SaveConfig(h.Ctx, cfg); err != nil {
					b.Fatal(err)
				}
			}
		}
		h.Clock.Set(due)
		before := len(h.Srv.Requests())
		// The loopback's window starts empty, as after a quiet minute.
		time.Sleep(1100 * time.Millisecond)
		b.StartTimer()
		start = time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		err := h.Bot.RunDue(ctx)
		total := time.Since(start)
		cancel()
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		reqs := h.Srv.Requests()[before:]
		counted, limited := 0, 0
		for _, r := range reqs {
			switch {
			case r.Status == 429:
				limited++ // refused by the limit, not counted in the floor
			case !strings.Contains(r.Route, "/interactions/") && !strings.Contains(r.Route, "/webhooks/"):
				counted++
			}
		}
		floor := time.Duration(float64(counted) / limit * float64(time.Second))
		// Verify: every feed posted once and threaded.
		threads := map[string]bool{}
		for _, th := range h.Srv.Threads() {
			threads[th.ParentID] = true
		}
		for _, ch := range channels {
			msgs := h.Srv.Messages(ch)
			if len(msgs) != 1 {
				b.Fatalf("channel %s has %d messages", ch, len(msgs))
			}
			if !threads[ch] || msgs[0].Thread == nil {
				b.Fatalf("channel %s has no thread", ch)
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(total.Seconds(), "total-s")
		b.ReportMetric(floor.Seconds(), "floor-s")
		b.ReportMetric(total.Seconds()/floor.Seconds(), "ratio")
		b.ReportMetric(float64(counted), "requests")
		b.ReportMetric(float64(limited), "429s")
		if len(lat) > 0 {
			b.ReportMetric(float64(lat[len(lat)/2].Milliseconds()), "p50-ms")
			b.ReportMetric(float64(lat[(len(lat)*99+99)/100-1].Milliseconds()), "p99-ms")
		}
		if ratio := total.Seconds() / floor.Seconds(); ratio > 1.2 {
			b.Logf("target missed: 1,000 servers (1,009 feeds) took %v, %.2fx the rate-limit floor %v", total, ratio, floor)
		}
	}
}
