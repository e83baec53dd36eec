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
	lim   *rate.Limiter
	every time.Duration // one token per every
	turn  chan struct{} // held by the one request waiting for the next token
	base  http.RoundTripper
}

// Slack is how much longer than a second prepcord takes to send a second's
// worth of its share (RateLimit): a request can reach Discord a little later
// than it left, and one that arrives late must not make the second it is
// counted in hold one request too many.
const Slack = 100 * time.Millisecond

// RateLimit wraps base (http.DefaultTransport when nil) so that the
// requests it carries to Discord's API (https://discord.com/api/v9, the base
// discordgo addresses, before NewTransport rewrites it) leave no more than
// perSecond within any 1s + Slack, through one token bucket shared by every
// request through the returned RoundTripper and so by everything a process
// sends when its sessions share the client. Requests take their turns in the
// order they came. Interaction endpoints (IsInteractionEndpoint) are not held
// back, as Discord does not count them, and neither are requests elsewhere
// (attachments on the CDN). A request waits for its turn in RoundTrip until
// its context ends. perSecond must be at least 1.
//
// The bucket holds one token below 20 requests/s. From 20 it holds two, so
// that a request a busy machine wakes late is caught up by the next one
// instead of delaying every later request; it then refills a little more
// slowly, so that no 1s + Slack holds more than perSecond requests either
// way: with a bucket of b tokens refilled at rate, n requests take at least
// (n - b) / rate, which must reach 1s + Slack for n = perSecond + 1.
func RateLimit(base http.RoundTripper, perSecond float64) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	burst := 1
	if perSecond >= 20 {
		burst = 2
	}
	every := time.Duration(float64(time.Second+Slack) / (perSecond + 1 - float64(burst)))
	return &limited{lim: rate.NewLimiter(rate.Every(every), burst), every: every, turn: make(chan struct{}, 1), base: base}
}

// RoundTrip implements http.RoundTripper.
func (t *limited) RoundTrip(req *http.Request) (*http.Response, error) {
	if rest, ok := underDefaultBase(req.URL); ok && !IsInteractionEndpoint(rest) {
		if err := t.take(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, fmt.Errorf("not sent: waiting for prepcord's share of Discord's global rate limit (DISCORD_GLOBAL_RATE): %w", err)
		}
	}
	return t.base.RoundTrip(req)
}

// take waits for this request's turn, then until the bucket holds a token,
// and takes it at that moment. rate.Limiter.Wait would book a slot in the
// future and sleep until it, so that a waiter woken late by a busy machine
// leaves late while the next one leaves on its booked time, closer than the
// interval; a token taken only when it is there makes the next one wait a
// full interval after this request really left.
func (t *limited) take(ctx context.Context) error {
	select {
	case t.turn <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-t.turn }()
	for {
		now := time.Now()
		if t.lim.AllowN(now, 1) {
			return nil
		}
		wait := time.Duration((1 - t.lim.TokensAt(now)) * float64(t.every))
		timer := time.NewTimer(max(wait, time.Millisecond))
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		}
	}
}
