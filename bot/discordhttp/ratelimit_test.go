package discordhttp_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordhttp"
)

func TestIsInteractionEndpoint(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"/interactions/5/aW50/callback", true},
		{"/webhooks/9/aW50", true},
		{"/webhooks/9/aW50/messages/@original", true},
		{"/webhooks/9/aW50/messages/77", true},
		{"/interactions/5/aW50", false},
		{"/interactions/5//callback", false},
		{"/webhooks/9", false},
		{"/channels/1/messages", false},
		{"/applications/9/commands", false},
		{"/gateway/bot", false},
		{"/", false},
	}
	for _, tt := range tests {
		if got := discordhttp.IsInteractionEndpoint(tt.path); got != tt.want {
			t.Errorf("IsInteractionEndpoint(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// stamper is a RoundTripper that records when each request reached it.
type stamper struct {
	mu   sync.Mutex
	at   []time.Time
	urls []string
}

func (s *stamper) RoundTrip(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	s.at = append(s.at, time.Now())
	s.urls = append(s.urls, req.URL.String())
	s.mu.Unlock()
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}, Request: req}, nil
}

// TestRateLimitSpacesCountedRequests: at a share of 10/s (a bucket of one
// token) and 25/s (two tokens), a burst of requests to Discord's API leaves
// no more than the share within any 1s + Slack; interaction responses and
// requests elsewhere do not wait; a request whose context ends while it
// waits fails with a clear error and is not sent.
func TestRateLimitSpacesCountedRequests(t *testing.T) {
	for _, perSecond := range []int{10, 25} {
		t.Run(fmt.Sprint(perSecond), func(t *testing.T) {
			base := &stamper{}
			rt := discordhttp.RateLimit(base, float64(perSecond))
			send := func(ctx context.Context, url string) error {
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := rt.RoundTrip(req)
				if err == nil {
					resp.Body.Close()
				}
				return err
			}
			ctx := context.Background()
			n := perSecond + 6
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					if err := send(ctx, discordgo.EndpointChannelMessages(fmt.Sprint(i))); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			sort.Slice(base.at, func(i, j int) bool { return base.at[i].Before(base.at[j]) })
			closest := time.Hour
			for i := perSecond; i < len(base.at); i++ {
				closest = min(closest, base.at[i].Sub(base.at[i-perSecond]))
			}
			if closest < time.Second+discordhttp.Slack {
				t.Errorf("%d requests left within %s, want at least %s between the first and the last", perSecond+1, closest, time.Second+discordhttp.Slack)
			}
			t.Logf("%d requests: the closest %d spanned %s", n, perSecond+1, closest.Round(time.Millisecond))

			// The bucket is empty now: exempt requests still go at once.
			start := time.Now()
			for _, url := range []string{
				discordgo.EndpointInteractionResponse("5", "aW50"),
				discordgo.EndpointWebhookToken("9", "aW50"),
				discordgo.EndpointWebhookMessage("9", "aW50", "@original"),
				"https://cdn.discordapp.com/attachments/1/2/bank.csv",
			} {
				if err := send(ctx, url); err != nil {
					t.Fatal(err)
				}
			}
			if took := time.Since(start); took >= 20*time.Millisecond {
				t.Errorf("interaction responses and the CDN waited %s for the global limit", took)
			}

			short, cancel := context.WithTimeout(ctx, time.Millisecond)
			defer cancel()
			send(ctx, discordgo.EndpointChannelMessages("1")) // takes what the bucket refilled
			send(ctx, discordgo.EndpointChannelMessages("1"))
			err := send(short, discordgo.EndpointChannelMessages("late"))
			if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "global rate limit") {
				t.Errorf("a request whose context ends while it waits: %v", err)
			}
			if slices.ContainsFunc(base.urls, func(u string) bool { return strings.Contains(u, "/channels/late/") }) {
				t.Errorf("the request whose context ended was sent")
			}
		})
	}
}
