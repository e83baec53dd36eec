package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/ops"
	"github.com/prepcord/prepcord/store"
	"github.com/prepcord/prepcord/web"
)

// app is the wiring shared by run and try: the database with the bank
// synced, and the bot built on it.
type app struct {
	store   *store.Store
	bot     *bot.Bot
	log     *slog.Logger
	metrics *ops.Metrics // served at HTTP_ADDR/metrics
}

// appOverrides are what `prepcord try` changes in the wiring; the zero
// value is the real thing.
type appOverrides struct {
	// APIURL replaces cfg.APIURL: the loopback Discord's address.
	APIURL string
	// Now is the clock of the bot and its database (default time.Now):
	// try's clock, which its console moves forward.
	Now func() time.Time
}

// openApp opens the configured database (cfg.Location), syncs the bundled bank
// and builds the bot.
func openApp(ctx context.Context, cfg *Config, log *slog.Logger, over appOverrides) (*app, error) {
	apiURL := over.APIURL
	if apiURL == "" {
		apiURL = cfg.APIURL
	}
	st, res, err := openSynced(ctx, cfg.Location(), log, over.Now)
	if err != nil {
		return nil, err
	}
	log.Info("question bank synced", "added", res.Added, "updated", res.Updated, "unchanged", res.Unchanged, "retired", res.Retired)
	metrics := newMetrics()
	b, err := assemble.New(bot.Config{
		Token: cfg.Token, APIURL: apiURL, GuildID: cfg.GuildID, Store: st, Log: log,
		CatchUpWindow: cfg.CatchUpWindow, QueueExpiry: cfg.QueueExpiry,
		Observer: metrics, HTTPClient: metrics.Client(), GlobalRate: cfg.GlobalRate, Now: over.Now,
		ShardCount: cfg.ShardCount, ShardAuto: cfg.ShardAuto, ShardIDs: cfg.ShardIDs,
		QuestionPage: func(id string) string { return web.QuestionURL(cfg.PublicURL, cfg.PublicBank, id) },
		Site:         bot.Site{URL: cfg.PublicURL, PublicBank: cfg.PublicBank, Served: cfg.WebAddr != ""},
	}, assemble.Options{})
	if err != nil {
		st.Close()
		return nil, err
	}
	metrics.WatchGateway(b, nil)
	metrics.WatchStore(st, log)
	return &app{store: st, bot: b, log: log, metrics: metrics}, nil
}

// Close closes the database.
func (a *app) Close() error {
	return errors.Join(a.store.Close())
}
