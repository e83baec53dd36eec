package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/discordtest"
)

func TestConfigGlobalRate(t *testing.T) {
	for _, tt := range []struct {
		val  string
		want float64
	}{{"", 50}, {" 16.6 ", 16.6}, {"1", 1}, {"50", 50}} {
		cfg, err := loadConfig(func(k string) string {
			if k == "DISCORD_GLOBAL_RATE" {
				return tt.val
			}
			return ""
		})
		if err != nil || cfg.GlobalRate != tt.want {
			t.Errorf("DISCORD_GLOBAL_RATE=%q: %v, %v; want %v", tt.val, cfg, err, tt.want)
		}
	}
}

// TestRunHoldsDiscordGlobalRate: the bot `prepcord run` builds sends at
// most DISCORD_GLOBAL_RATE requests a second: a burst of messages against
// a loopback Discord enforcing 10/s takes its time and meets no 429.
func TestRunHoldsDiscordGlobalRate(t *testing.T) {
	const share, burst = 10, 15
	srv := discordtest.New(discordtest.Options{RateLimit: share})
	t.Cleanup(srv.Close)
	vars := map[string]string{
		"DISCORD_TOKEN": srv.Token(), "DISCORD_API_URL": srv.APIURL(),
		"DISCORD_GLOBAL_RATE": fmt.Sprint(share), "DATABASE_PATH": filepath.Join(t.TempDir(), "p.db"),
	}
	cfg, err := loadConfig(func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	a, err := openApp(ctx, cfg, slog.New(slog.DiscardHandler), appOverrides{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.bot.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer a.bot.Session.Close()
	ch, err := srv.AddChannel(srv.DefaultGuild().ID, "general", 0, "")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // the start-up calls leave the loopback's window
	begin := time.Now()
	var wg sync.WaitGroup
	for i := range burst {
		wg.Go(func() {
			if _, err := a.bot.Session.ChannelMessageSend(ch.ID, fmt.Sprint("burst ", i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if took, floor := time.Since(begin), time.Duration(burst-1)*time.Second/share; took < floor {
		t.Errorf("%d messages took %s, less than %s at %d/s", burst, took, floor, share)
	}
	for _, r := range srv.Requests() {
		if r.Status == http.StatusTooManyRequests {
			t.Errorf("%s answered 429", r.Route)
		}
	}
}
