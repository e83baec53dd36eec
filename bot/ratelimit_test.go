package bot_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// TestGlobalRateShareHoldsABurst sends a burst of messages from a bot whose
// share of Discord's global limit is 10 requests/s, against a loopback
// Discord that enforces 10/s: the loopback records no more than 10 counted
// requests in any second and answers no global 429, and a member's command
// is answered at once while the burst waits its turn, because interaction
// responses do not count against the limit.
func TestGlobalRateShareHoldsABurst(t *testing.T) {
	const share, burst = 10, 35
	h := bottest.New(t, bottest.Options{
		Server: discordtest.Options{RateLimit: share},
		Config: func(c *bot.Config) { c.GlobalRate = share },
	})
	ch := h.TextChannel("general")
	time.Sleep(time.Second) // start the burst with the loopback's window empty of start-up calls
	begin := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, burst)
	for i := range burst {
		wg.Go(func() {
			_, errs[i] = h.Bot.Session.ChannelMessageSend(ch.ID, fmt.Sprintf("burst %d", i))
		})
	}
	time.Sleep(200 * time.Millisecond)
	asked := time.Now()
	h.Run("ana", "/help")
	answered := time.Since(asked)
	wg.Wait()
	elapsed := time.Since(begin)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}

	var counted []time.Time
	for _, r := range h.Srv.Requests() {
		if r.Status == http.StatusTooManyRequests {
			t.Errorf("%s answered 429 at %s", r.Route, r.Received.Sub(begin))
		}
		if !r.Received.Before(begin) && !discordhttp.IsInteractionEndpoint(r.Path) {
			counted = append(counted, r.Received)
		}
	}
	slices.SortFunc(counted, time.Time.Compare)
	if len(counted) < burst {
		t.Fatalf("the loopback recorded %d counted requests, want at least the %d messages", len(counted), burst)
	}
	if most, at := busiestSecond(counted); most > share {
		t.Errorf("%d counted requests within one second from %s, want at most %d", most, at.Sub(begin), share)
	}
	slack := time.Hour // how far the closest share+1 requests were from fitting in one second
	for i := share; i < len(counted); i++ {
		slack = min(slack, counted[i].Sub(counted[i-share])-time.Second)
	}
	// The burst took as long as its share allows: the limit was in force.
	if floor := time.Duration(burst-1) * time.Second / share; elapsed < floor {
		t.Errorf("%d messages took %s, less than the %s a rate of %d/s allows", burst, elapsed, floor, share)
	}
	if answered > time.Second {
		t.Errorf("/help during the burst was answered after %s: interaction responses must not wait for the global limit", answered)
	}
	t.Logf("%d messages in %s (the closest %d requests spanned 1s%+v); /help answered in %s during the burst",
		burst, elapsed.Round(time.Millisecond), share+1, slack.Round(time.Millisecond), answered.Round(time.Millisecond))
}

// busiestSecond returns the most of the sorted times that lie within one second
// of each other, counted as the loopback Discord counts (both ends
// included), and where that second begins.
func busiestSecond(ts []time.Time) (int, time.Time) {
	most, at := 0, time.Time{}
	j := 0
	for i := range ts {
		for ts[i].Sub(ts[j]) > time.Second {
			j++
		}
		if n := i - j + 1; n > most {
			most, at = n, ts[j]
		}
	}
	return most, at
}
