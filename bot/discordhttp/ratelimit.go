package discordhttp

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// GlobalRate is Discord's global limit: the requests per second one bot may
// send to the API, across all its processes.
const GlobalRate = 50

// IsInteractionEndpoint reports whether path, relative to the API base (for
// example "/interactions/1/TOKEN/callback"), is one of Discord's interaction
// endpoints: the initial response (POST /interactions/{id}/{token}/callback)
// and the routes an interaction token opens under
// /webhooks/{application}/{token} (follow-ups and the original response).
// Discord's documentation says they "are not bound to the bot's Global Rate
// Limit". prepcord creates no webhooks of its own, so every webhook route it
// calls is an interaction's.
func IsInteractionEndpoint(path string) bool {
	parts := strings.Split(strings.Trim(path, "/"), "/")
	switch parts[0] {
	case "interactions":
		return len(parts) == 4 && parts[1] != "" && parts[2] != "" && parts[3] == "callback"
	case "webhooks":
		return len(parts) >= 3 && parts[1] != "" && parts[2] != ""
	}
	return false
}

// limited takes a token from a shared bucket before each request to
// Discord's API that counts against the global limit.
type limited struct {
	lim  *rate.Limiter
	base http.RoundTripper
}

// Slack is how much longer than a second prepcord takes to send a second's
// worth of its share (RateLimit): a request can reach Discord a little later
// than it left, and one that arrives late must not make the second it is
// counted in hold one request too many.
const Slack = 50 * time.Millisecond

// RateLimit wraps base (http.DefaultTransport when nil) so that the
// requests it carries to Discord's API (https://discord.com/api/v9, the base
// discordgo addresses, before NewTransport rewrites it) leave at most
// perSecond in any second: one every (1s + Slack) / perSecond, from a token
// bucket of that rate holding one token, shared by every request through the
// returned RoundTripper and so by everything a process sends when its
// sessions share the client. Interaction endpoints (IsInteractionEndpoint)
// are not held back, as Discord does not count them, and neither are
// requests elsewhere (attachments on the CDN). A request waits for its turn
// in RoundTrip until its context ends. perSecond must be positive.
func RateLimit(base http.RoundTripper, perSecond float64) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	every := time.Duration(float64(time.Second+Slack) / perSecond)
	return &limited{lim: rate.NewLimiter(rate.Every(every), 1), base: base}
}

// RoundTrip implements http.RoundTripper.
func (t *limited) RoundTrip(req *http.Request) (*http.Response, error) {
	if rest, ok := underDefaultBase(req.URL); ok && !IsInteractionEndpoint(rest) {
		if err := t.lim.Wait(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			if err = req.Context().Err(); err == nil {
				// The limiter saw at once that the turn comes after the deadline.
				err = context.DeadlineExceeded
			}
			return nil, fmt.Errorf("not sent: waiting for prepcord's share of Discord's global rate limit (DISCORD_GLOBAL_RATE): %w", err)
		}
	}
	return t.base.RoundTrip(req)
}
