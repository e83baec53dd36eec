// Package discordhttp points discordgo's REST client at a configurable API base URL
// (DISCORD_API_URL): a REST proxy in production, a loopback Discord in tests and
// `prepcord try`. discordgo computes its Endpoint* URLs once from https://discord.com/api/v9,
// so instead of reassigning them this package rewrites each outgoing request in an
// http.RoundTripper.
package discordhttp

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// DefaultAPIURL is Discord's own REST base for API v9, the one discordgo's Endpoint* values use.
const DefaultAPIURL = "https://discord.com/api/v9"

// ParseAPIURL validates an API base URL: absolute, http or https, with a host, and without
// query, fragment or user info. A trailing slash is dropped.
func ParseAPIURL(apiURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(apiURL))
	if err != nil {
		return nil, fmt.Errorf("discord API URL %q: %w", apiURL, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("discord API URL %q: scheme must be http or https", apiURL)
	case u.Host == "":
		return nil, fmt.Errorf("discord API URL %q: missing host", apiURL)
	case u.User != nil:
		return nil, fmt.Errorf("discord API URL %q: user info is not allowed", u.Redacted())
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("discord API URL %q: query and fragment are not allowed", apiURL)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// transport rewrites requests aimed at Discord's default base to another base.
type transport struct {
	from *url.URL // scheme, host and path prefix discordgo uses
	to   *url.URL
	base http.RoundTripper
}

// NewTransport returns a RoundTripper that rewrites every request whose URL starts with
// https://discord.com/api/v9 so that its scheme, host and /api/v9 prefix become apiURL's,
// then passes it to base (http.DefaultTransport when nil). Other requests (the CDN, for
// example) pass through unchanged. When apiURL is the default base no rewrite happens.
func NewTransport(apiURL string, base http.RoundTripper) (http.RoundTripper, error) {
	to, err := ParseAPIURL(apiURL)
	if err != nil {
		return nil, err
	}
	if base == nil {
		base = http.DefaultTransport
	}
	from, _ := url.Parse(DefaultAPIURL)
	if to.Scheme == from.Scheme && strings.EqualFold(to.Host, from.Host) && to.Path == from.Path {
		return base, nil
	}
	return &transport{from: from, to: to, base: base}, nil
}

// RoundTrip implements http.RoundTripper. It never modifies the caller's request.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ok := underDefaultBase(req.URL)
	if !ok {
		return t.base.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	u := *req.URL
	u.Scheme = t.to.Scheme
	u.Host = t.to.Host
	u.Path = t.to.Path + rest
	u.RawPath = ""
	if req.URL.RawPath != "" {
		// Keep escaped segments (for example reaction emoji) as discordgo escaped them.
		u.RawPath = t.to.EscapedPath() + strings.TrimPrefix(req.URL.RawPath, t.from.Path)
	}
	out.URL = &u
	out.Host = ""
	return t.base.RoundTrip(out)
}

// underDefaultBase reports whether u lies under Discord's default base
// (https://discord.com/api/v9, the one discordgo addresses) and returns the
// path after the prefix.
func underDefaultBase(u *url.URL) (string, bool) {
	if u.Scheme != "https" || !strings.EqualFold(u.Host, "discord.com") {
		return "", false
	}
	const prefix = "/api/v9"
	if u.Path == prefix {
		return "", true
	}
	rest, ok := strings.CutPrefix(u.Path, prefix+"/")
	if !ok {
		return "", false
	}
	return "/" + rest, true
}

// ErrEmptyToken is returned by NewSession when no token was given.
var ErrEmptyToken = errors.New("discord token is empty")

// BaseTransport returns the HTTP transport prepcord talks to Discord
// through, with timeouts and connection reuse suited to a long-running bot.
func BaseTransport() *http.Transport {
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   32,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
	}
}

// NewSession creates a discordgo session for a bot token whose REST calls (gateway
// discovery included) go through apiURL, with the given gateway intents and timeouts
// suited to a long-running bot. Errors never contain the token.
func NewSession(token, apiURL string, intents discordgo.Intent) (*discordgo.Session, error) {
	token = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bot "))
	if token == "" {
		return nil, ErrEmptyToken
	}
	rt, err := NewTransport(apiURL, BaseTransport())
	if err != nil {
		return nil, err
	}
	s, err := discordgo.New("Bot " + token)
	if err != nil {
		// discordgo.New does not fail today; keep the token out of whatever it might say.
		return nil, errors.New("create discord session: " + strings.ReplaceAll(err.Error(), token, "[token]"))
	}
	s.Client = &http.Client{Transport: rt, Timeout: 40 * time.Second}
	s.Dialer = &websocket.Dialer{
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: 15 * time.Second,
	}
	s.Identify.Intents = intents
	return s, nil
}
