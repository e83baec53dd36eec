package discordhttp_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
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

// TestRateLimitSpacesCountedRequests: requests to Discord's API leave one
// per (1s + Slack) / rate; interaction responses and requests elsewhere do
// not wait; a request whose context ends while it waits fails with a clear
// error and is not sent.
func TestRateLimitSpacesCountedRequests(t *testing.T) {
	const perSecond = 20
	every := (time.Second + discordhttp.Slack) / perSecond
	rec := &recorder{}
	rt := discordhttp.RateLimit(rec, perSecond)
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
	start := time.Now()
	for range 5 {
		if err := send(ctx, discordgo.EndpointChannelMessages("1")); err != nil {
			t.Fatal(err)
		}
	}
	if took, want := time.Since(start), 4*every; took < want {
		t.Errorf("5 messages took %s, want at least %s", took, want)
	}

	// The bucket is empty now: exempt requests still go at once.
	start = time.Now()
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
	if took := time.Since(start); took >= every/2 {
		t.Errorf("interaction responses and the CDN waited %s for the global limit", took)
	}

	rec.got = ""
	short, cancel := context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	send(ctx, discordgo.EndpointChannelMessages("1")) // takes the token
	err := send(short, discordgo.EndpointChannelMessages("2"))
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "global rate limit") {
		t.Errorf("a request whose context ends while it waits: %v", err)
	}
	if strings.Contains(rec.got, "/channels/2/") {
		t.Errorf("the request whose context ended was sent: %s", rec.got)
	}
}
