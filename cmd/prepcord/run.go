package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordhttp"
)

// tokenHelp says how to get a token, and how to try prepcord without one.
const tokenHelp = "create an application at https://discord.com/developers/applications, open Bot, press Reset Token, and put it in .env as DISCORD_TOKEN=… (or try prepcord without Discord: prepcord try)"

func cmdRun(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run", "run   (configured by environment variables; see .env.example)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	if cfg.Token == "" {
		return errors.New("DISCORD_TOKEN is not set: " + tokenHelp)
	}
	clock, err := newTestClock(e.getenv)
	if err != nil {
		return err
	}
	m := &Main{cfg: cfg, clock: clock}
	defer m.Close()
	if err := m.Open(ctx); err != nil {
		return err
	}
	return m.Run(ctx)
}

// Main is a running prepcord process: database, bot and HTTP listener.
type Main struct {
	cfg   *Config
	app   *app
	clock *testClock // nil but in prepcord's multi-process tests (testclock.go)
}

// Open opens the database, syncs the bank and builds the bot.
func (m *Main) Open(ctx context.Context) error {
	var over appOverrides
	if m.clock != nil {
		over.Now = m.clock.Now
	}
	a, err := openApp(ctx, m.cfg, m.cfg.logger(os.Stderr), over)
	if err != nil {
		return err
	}
	m.app = a
	return nil
}

// Run serves until ctx ends.
func (m *Main) Run(ctx context.Context) error {
	if m.cfg.HTTPAddr != "" {
		hs, err := m.app.startHTTP(m.cfg.HTTPAddr)
		if err != nil {
			return err
		}
		defer hs.stop()
	}
	if m.cfg.WebAddr != "" {
		ln, err := listenWeb(m.cfg.WebAddr)
		if err != nil {
			return err
		}
		opts := webOptions{APIURL: m.cfg.APIURL, Secret: m.cfg.ClientSecret}
		if m.cfg.ClientSecret != "" && m.cfg.PublicURL != "" {
			if opts.ClientID, err = applicationID(ctx, m.cfg); err != nil {
				ln.Close()
				return err
			}
		}
		webCtx, stopWeb := context.WithCancel(ctx)
		wl, err := m.app.startWeb(webCtx, m.cfg, ln, opts)
		if err != nil {
			stopWeb()
			return err
		}
		defer func() { stopWeb(); _ = wl.wait() }()
	}
	if m.clock != nil {
		go m.clock.watch(ctx, m.app.bot.RunDue)
	}
	err := m.app.bot.Run(ctx)
	if errors.Is(err, bot.ErrUnauthorized) {
		return errors.New("Discord rejected DISCORD_TOKEN (it may have been reset): " + tokenHelp)
	}
	return err
}

// Close releases everything Open acquired.
func (m *Main) Close() error {
	if m.app != nil {
		return m.app.Close()
	}
	return nil
}

func cmdInvite(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "invite", "invite [--client-id ID]")
	clientID := fs.String("client-id", "", "the application id (default: asked from Discord with DISCORD_TOKEN)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *clientID == "" {
		cfg, err := loadConfig(e.getenv)
		if err != nil {
			return err
		}
		if cfg.Token == "" {
			return errors.New("DISCORD_TOKEN is not set (or pass --client-id): " + tokenHelp)
		}
		id, err := applicationID(ctx, cfg)
		if err != nil {
			return err
		}
		*clientID = id
	}
	if _, err := strconv.ParseUint(*clientID, 10, 64); err != nil {
		return usageError{fmt.Sprintf("--client-id must be a number, got %q", *clientID)}
	}
	fmt.Fprintln(e.stdout, inviteURL(*clientID))
	return nil
}

// inviteURL is the OAuth2 URL that adds the bot with exactly the
// permissions its features need.
func inviteURL(clientID string) string {
	q := url.Values{}
	q.Set("client_id", clientID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(bot.Permissions, 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// applicationID asks Discord which application the token belongs to.
func applicationID(ctx context.Context, cfg *Config) (string, error) {
	tr, err := discordhttp.NewTransport(cfg.APIURL, http.DefaultTransport)
	if err != nil {
		return "", err
	}
	client := &http.Client{Transport: tr, Timeout: 15 * time.Second}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://discord.com/api/v9/oauth2/applications/@me", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bot "+cfg.Token)
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("asking Discord for the application: %s", redact(err.Error(), cfg.Token))
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return "", errors.New("Discord rejected DISCORD_TOKEN: " + tokenHelp)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("Discord answered %s when asked for the application", resp.Status)
	}
	var app struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&app); err != nil || app.ID == "" {
		return "", errors.New("Discord's answer had no application id")
	}
	return app.ID, nil
}

// redact removes the token from text that may quote it.
func redact(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, "[token]")
}
