package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/ops"
	"github.com/prepcord/prepcord/store"
)

// app is the wiring shared by run and try: the database with the bank
// synced, and the bot built on it.
type app struct {
	store   *store.Store
	bot     *bot.Bot
	log     *slog.Logger
	metrics *ops.Metrics // served at HTTP_ADDR/metrics
}

// openApp opens the database at dbPath (default cfg.DatabasePath), syncs
// the bundled bank and builds the bot. apiURL overrides cfg.APIURL.
func openApp(ctx context.Context, cfg *Config, log *slog.Logger, apiURL string) (*app, error) {
	if apiURL == "" {
		apiURL = cfg.APIURL
	}
	st, res, err := openSynced(ctx, cfg.DatabasePath, log)
	if err != nil {
		return nil, err
	}
	log.Info("question bank synced", "added", res.Added, "updated", res.Updated, "unchanged", res.Unchanged, "retired", res.Retired)
	metrics := newMetrics()
	b, err := bot.New(bot.Config{
		Token: cfg.Token, APIURL: apiURL, GuildID: cfg.GuildID, Store: st, Log: log,
		CatchUpWindow: cfg.CatchUpWindow, QueueExpiry: cfg.QueueExpiry,
		Observer: metrics, HTTPClient: metrics.Client(),
	})
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
