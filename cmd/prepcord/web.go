package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/web"
)

// webListener is the web companion running in the background.
type webListener struct {
	addr string
	done chan error
}

// webOptions are what the web companion needs beyond the settings.
type webOptions struct {
	APIURL   string // DISCORD_API_URL, or the loopback's
	ClientID string // the application id; "" turns login off
	Secret   string // the OAuth2 client secret
	Now      func() time.Time
}

// startWeb listens on addr and serves the web companion until ctx ends
// (wait for it with stop). A busy address is an error at start.
func (a *app) startWeb(ctx context.Context, cfg *Config, ln net.Listener, opts webOptions) (*webListener, error) {
	ws, err := web.New(web.Config{
		Store: a.store, Log: a.log, PublicBank: cfg.PublicBank, PublicURL: cfg.PublicURL,
		APIURL: opts.APIURL, ClientID: opts.ClientID, ClientSecret: opts.Secret,
		HTTPClient: &http.Client{Timeout: 10 * time.Second}, Now: opts.Now, Bot: a.bot.Session,
		// What the dashboard changes in Discord goes through the features.
		Rounds: bot.Capability[bot.RoundsKeeper](a.bot), ReviewPosts: bot.Capability[bot.ReviewPoster](a.bot),
	})
	if err != nil {
		ln.Close()
		return nil, err
	}
	wl := &webListener{addr: ln.Addr().String(), done: make(chan error, 1)}
	go func() { wl.done <- ws.Serve(ctx, ln) }()
	a.log.Info("serving the web companion", "addr", wl.addr, "public_bank", cfg.PublicBank, "login", cfg.PublicURL != "" && opts.ClientID != "" && opts.Secret != "")
	return wl, nil
}

// wait waits for the web companion to stop once its context ended.
func (w *webListener) wait() error {
	if err := <-w.done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenWeb opens WEB_ADDR.
func listenWeb(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("WEB_ADDR %s: %w", addr, err)
	}
	return ln, nil
}
