package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/internal/pgtest"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
)

// The daily fan-out of a deployment past one process: 1,000 servers whose
// daily question falls due at the same minute, posted by four `prepcord
// run` processes (SHARD_COUNT=4, one shard each) on one database, against
// a loopback Discord that holds the token to Discord's global 50 requests
// a second across all its connections. Each process takes a quarter of the
// limit (DISCORD_GLOBAL_RATE=12.5), or, behind a shared rate-limit proxy,
// all of it. The floor is the requests made divided by 50 a second; the
// target is 1.2× it, with no global 429. Each checks that every server got
// one post with its thread.
//
//	go test ./cmd/prepcord/ -run '^$' -bench DailyFanOutProcesses -benchtime 1x

// BenchmarkDailyFanOutProcessesSQLite: the four processes share one SQLite file.
func BenchmarkDailyFanOutProcessesSQLite(b *testing.B) { benchFanOutProcesses(b, false, false) }

// BenchmarkDailyFanOutProcessesPostgres: the four processes share one PostgreSQL.
func BenchmarkDailyFanOutProcessesPostgres(b *testing.B) { benchFanOutProcesses(b, true, false) }

// BenchmarkDailyFanOutProcessesProxy: PostgreSQL, and one rate-limit proxy
// for the four, as with nirn-proxy.
func BenchmarkDailyFanOutProcessesProxy(b *testing.B) { benchFanOutProcesses(b, true, true) }

func benchFanOutProcesses(b *testing.B, postgres, proxied bool) {
	const guilds, procs, limit = 1000, 4, 50
	bin := buildBinary(b, b.TempDir())
	for range b.N {
		b.StopTimer()
		w := newPerfWorld(b, worldOpts{guilds: guilds, skipDatabase: true,
			shards: &discordtest.ShardOptions{MaxConcurrency: procs}})
		location, env := w.db, []string{}
		if postgres {
			location = pgtest.NewDatabase(b)
			env = append(env, "DATABASE_URL="+location, "DATABASE_PATH=")
		}
		due := fanOutSetup(b, w, location)
		perProc := float64(limit) / procs
		if proxied {
			// A shared rate-limit proxy holds the limit for all of
			// them, so each may use the whole of it.
			perProc = limit
			env = append(env, "DISCORD_API_URL="+limitingProxy(b, w.srv.APIURL(), limit))
		}
		var ps []*botProc
		for i := range procs {
			ps = append(ps, startBot(b, bin, w, append([]string{"SHARD_COUNT=" + strconv.Itoa(procs), "SHARD_IDS=" + strconv.Itoa(i),
				"DISCORD_GLOBAL_RATE=" + strconv.FormatFloat(perProc, 'f', -1, 64)}, env...)...))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		if err := w.srv.WaitShards(ctx, procs); err != nil {
			b.Fatal(err)
		}
		if time.Until(due) < 5*time.Second {
			b.Fatalf("the processes took until %v to connect, too close to the due minute", time.Until(due))
		}
		b.StartTimer()
		last, err := waitThreads(ctx, w, due)
		b.StopTimer()
		cancel()
		if err != nil {
			for _, p := range ps {
				b.Log(p.stderr)
			}
			b.Fatal(err)
		}
		shardOf := map[string]int{} // #general's id -> its server's shard
		for _, g := range w.guilds {
			shardOf[w.srv.ChannelByName(g, "general").ID] = shard.Of(g, procs)
		}
		counted, limited, perShard := 0, 0, make([]int, procs)
		for _, r := range w.srv.Requests() {
			switch {
			case r.Received.Before(due):
			case r.Status == 429:
				limited++
			case !strings.Contains(r.Route, "/interactions/") && !strings.Contains(r.Route, "/webhooks/"):
				counted++
				if parts := strings.Split(r.Path, "/"); len(parts) > 2 && parts[1] == "channels" {
					perShard[shardOf[parts[2]]]++
				}
			}
		}
		total := last.Sub(due)
		floor := time.Duration(float64(counted) / limit * float64(time.Second))
		b.ReportMetric(total.Seconds(), "total-s")
		b.ReportMetric(floor.Seconds(), "floor-s")
		b.ReportMetric(total.Seconds()/floor.Seconds(), "ratio")
		if !proxied {
			// Each process holding a fixed share of the limit, the
			// process with the most servers sets a second floor.
			share := time.Duration(float64(slices.Max(perShard)) / perProc * float64(time.Second))
			b.ReportMetric(share.Seconds(), "share-floor-s")
			b.ReportMetric(total.Seconds()/share.Seconds(), "share-ratio")
		}
		b.Logf("requests per shard: %v", perShard)
		b.ReportMetric(float64(counted), "requests")
		b.ReportMetric(float64(limited), "429s")
		for _, p := range ps {
			p.stop(b)
		}
	}
}

// fanOutSetup gives every server of the world a daily question in its
// #general at the first whole minute at least 45 s away, and returns that
// instant.
func fanOutSetup(b *testing.B, w *perfWorld, location string) time.Time {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	st, err := store.Open(ctx, location, store.Options{Synchronous: "normal"})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// Setting 1,000 servers up takes a few seconds on a loaded machine.
	due := time.Now().Add(45 * time.Second).Truncate(time.Minute).Add(time.Minute)
	clock := due.UTC().Format("15:04")
	for _, g := range w.guilds {
		cfg := &store.DailyConfig{GuildID: g, ChannelID: w.srv.ChannelByName(g, "general").ID, Clock: clock, Zone: "UTC",
			Days: int(schedule.EveryDay), NextDue: due.UnixMilli(), NextDate: due.UTC().Format(time.DateOnly)}
		if err := st.Daily.SaveConfig(ctx, cfg); err != nil {
			b.Fatal(err)
		}
	}
	return due
}

// waitThreads waits until every server's #general holds its daily post
// with a thread, fails on a second post, and returns when the last thread
// was opened.
func waitThreads(ctx context.Context, w *perfWorld, due time.Time) (time.Time, error) {
	for {
		threads := map[string]time.Time{}
		for _, r := range w.srv.Requests() {
			if r.Status/100 == 2 && r.Route == "POST /channels/{id}/messages/{mid}/threads" {
				threads[strings.Split(r.Path, "/")[2]] = r.Received
			}
		}
		if len(threads) == len(w.guilds) {
			var last time.Time
			for _, g := range w.guilds {
				ch := w.srv.ChannelByName(g, "general").ID
				if n := len(w.srv.Messages(ch)); n != 1 {
					return time.Time{}, fmt.Errorf("server %s: %d posts", g, n)
				}
				at, ok := threads[ch]
				if !ok {
					return time.Time{}, fmt.Errorf("server %s: no thread", g)
				}
				if at.After(last) {
					last = at
				}
			}
			return last, nil
		}
		select {
		case <-ctx.Done():
			return time.Time{}, fmt.Errorf("%d of %d threads %v after the due minute: %w", len(threads), len(w.guilds), time.Since(due).Round(time.Second), ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// limitingProxy is a stand-in for a shared rate-limit proxy such as
// nirn-proxy: it forwards REST requests to apiURL (the loopback Discord's),
// holding all its clients together to limit requests a second (with
// prepcord's own bucket, which leaves the interaction responses out, as
// Discord's global limit does). It returns the proxy's API URL.
func limitingProxy(b *testing.B, apiURL string, limit float64) string {
	b.Helper()
	toLoopback, err := discordhttp.NewTransport(apiURL, discordhttp.BaseTransport())
	if err != nil {
		b.Fatal(err)
	}
	discord, err := url.Parse(discordhttp.DefaultAPIURL)
	if err != nil {
		b.Fatal(err)
	}
	loopback, err := url.Parse(apiURL)
	if err != nil {
		b.Fatal(err)
	}
	prefix := loopback.Path
	rp := &httputil.ReverseProxy{
		// Addressed to Discord, as the bucket expects, then rewritten to the loopback.
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host = discord.Scheme, discord.Host
			pr.Out.URL.Path = discord.Path + strings.TrimPrefix(pr.In.URL.Path, prefix)
			pr.Out.Host = ""
		},
		Transport: discordhttp.RateLimit(toLoopback, limit),
	}
	srv := httptest.NewServer(rp)
	b.Cleanup(srv.Close)
	return srv.URL + prefix
}
