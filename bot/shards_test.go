package bot_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
)

// seen is a feature of no commands that records the servers of the
// interactions its process receives ("" for direct messages).
type seen struct {
	mu     sync.Mutex
	guilds []string
}

func (s *seen) Commands() []*discordgo.ApplicationCommand { return nil }
func (s *seen) Routes(*bot.Router)                        {}
func (s *seen) Handlers() []any {
	return []any{func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
		s.mu.Lock()
		s.guilds = append(s.guilds, i.GuildID)
		s.mu.Unlock()
	}}
}

func (s *seen) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.guilds)
	slices.Sort(out)
	return out
}

// servers is a loopback Discord's options with n servers, each with a
// #daily channel, whose ids (StableIDs) spread over the shards as real
// snowflakes do.
func servers(n int) discordtest.Options {
	var specs []discordtest.GuildSpec
	for i := range n {
		specs = append(specs, discordtest.GuildSpec{Name: fmt.Sprintf("Server %d", i+1),
			Channels: []discordtest.ChannelSpec{{Name: "general"}, {Name: "daily"}}})
	}
	// Every shard identifies at once (one bucket each): the pace has a test of its own.
	return discordtest.Options{Guilds: specs, StableIDs: true, Shards: discordtest.ShardOptions{MaxConcurrency: 16, PaceIdentifies: true}}
}

// askEveryServer runs /help in every server and in a DM, as a member, and
// checks each gets exactly one initial response.
func askEveryServer(t *testing.T, h *bottest.Harness) {
	t.Helper()
	for _, g := range h.Srv.Guilds() {
		in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: g.ID, User: "member", Name: "help"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.WaitMessage(h.Ctx); err != nil {
			t.Fatalf("%s: /help was not answered: %v", g.Name, err)
		}
	}
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{DM: true, User: "member", Name: "help"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.WaitMessage(h.Ctx); err != nil {
		t.Fatalf("DM: /help was not answered: %v", err)
	}
	callbacks := map[string]int{}
	for _, r := range h.Srv.RequestsTo("POST /interactions/{id}/{token}/callback") {
		callbacks[strings.Split(r.Path, "/")[2]]++
	}
	if len(callbacks) != len(h.Srv.Guilds())+1 {
		t.Errorf("%d interactions answered, want %d", len(callbacks), len(h.Srv.Guilds())+1)
	}
	for id, n := range callbacks {
		if n != 1 {
			t.Errorf("interaction %s answered %d times", id, n)
		}
	}
}

// byShard groups the servers' ids by shard of count.
func byShard(h *bottest.Harness, count int) map[int][]string {
	out := map[int][]string{}
	for _, g := range h.Srv.Guilds() {
		out[shard.Of(g.ID, count)] = append(out[shard.Of(g.ID, count)], g.ID)
	}
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out
}

// One process running three shards holds a gateway connection for each and
// answers interactions from servers on all three, and DMs (shard 0).
func TestThreeShardsInOneProcess(t *testing.T) {
	h := bottest.New(t, bottest.Options{Server: servers(9), Config: func(c *bot.Config) { c.ShardCount = 3 }})
	groups := byShard(h, 3)
	if len(groups) != 3 {
		t.Fatalf("the servers' ids fall on %d of 3 shards; the test needs all three", len(groups))
	}
	var ids [][2]int
	for _, id := range h.Srv.Identifies() {
		ids = append(ids, [2]int{id.Shard, id.Count})
	}
	slices.SortFunc(ids, func(a, b [2]int) int { return a[0] - b[0] })
	if !slices.Equal(ids, [][2]int{{0, 3}, {1, 3}, {2, 3}}) {
		t.Fatalf("identifies %v, want shards 0, 1 and 2 of 3", ids)
	}
	if s := h.Bot.Shards(); s.Count != 3 || !s.Whole() {
		t.Errorf("Shards() = %v", s)
	}
	askEveryServer(t, h)
	for _, g := range h.Srv.Guilds() {
		if got, err := h.Bot.Session.State.Guild(g.ID); err != nil || got.Name != g.Name {
			t.Errorf("the process's state lacks %s (shard %d): %v", g.Name, shard.Of(g.ID, 3), err)
		}
	}
	if !h.Bot.Connected() {
		t.Error("Connected() is false with every shard connected")
	}
}

// Two processes of a two-shard deployment (SHARD_IDS 0 and 1) share one
// loopback Discord and one database: each interaction reaches, and is
// answered by, the process of its server's shard only (DMs: shard 0's);
// the commands are registered once, by the process of shard 0; each
// server's daily post goes out exactly once, from its owner's sweep only,
// however often both sweep.
func TestTwoProcessesSplitTheServers(t *testing.T) {
	a, b := &seen{}, &seen{}
	h := bottest.New(t, bottest.Options{Server: servers(10),
		Config:   func(c *bot.Config) { c.ShardCount, c.ShardIDs = 2, []int{0} },
		Assemble: assemble.Options{Extra: []bot.Feature{a}}})
	pb := h.Process(func(c *bot.Config) { c.ShardCount, c.ShardIDs = 2, []int{1} }, assemble.Options{Extra: []bot.Feature{b}})
	groups := byShard(h, 2)
	if len(groups[0]) == 0 || len(groups[1]) == 0 {
		t.Fatalf("servers by shard %v; the test needs both shards", groups)
	}
	if n := len(h.Srv.RequestsTo("PUT /applications/{app}/commands")); n != 1 {
		t.Errorf("commands registered %d times by two processes, want once", n)
	}
	for n, ids := range groups {
		for _, g := range ids {
			if h.Bot.OwnsGuild(g) != (n == 0) || pb.OwnsGuild(g) != (n == 1) {
				t.Errorf("server %s on shard %d: owned by the first process %v, by the second %v", g, n, h.Bot.OwnsGuild(g), pb.OwnsGuild(g))
			}
		}
	}
	if !h.Bot.OwnsGuild("") || pb.OwnsGuild("") {
		t.Error("direct messages belong to the process of shard 0")
	}
	askEveryServer(t, h)
	wantA := append([]string{""}, groups[0]...)
	if got := a.list(); !slices.Equal(got, wantA) {
		t.Errorf("the process of shard 0 received interactions of %v, want %v (its servers and the DM)", got, wantA)
	}
	if got := b.list(); !slices.Equal(got, groups[1]) {
		t.Errorf("the process of shard 1 received interactions of %v, want %v", got, groups[1])
	}

	// Daily posts: every server due at 09:00.
	due := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	h.Clock.Set(due.Add(-time.Hour))
	daily := map[string]string{} // server -> #daily
	for _, g := range h.Srv.Guilds() {
		ch := h.Srv.ChannelByName(g.ID, "daily")
		daily[g.ID] = ch.ID
		cfg := &store.DailyConfig{GuildID: g.ID, ChannelID: ch.ID, Clock: "09:00", Zone: "UTC", Days: int(schedule.EveryDay),
			NextDue: due.UnixMilli(), NextDate: "2026-12-01"}
		if err := h.Store.Daily.SaveConfig(h.Ctx, cfg); err != nil {
			t.Fatal(err)
		}
	}
	h.Clock.Set(due.Add(time.Minute))
	posted := func() (got []string) {
		for g, ch := range daily {
			n := 0
			for _, m := range h.Srv.Messages(ch) {
				if len(m.Embeds) > 0 {
					n++
				}
			}
			if n > 1 {
				t.Errorf("server %s has %d daily posts", g, n)
			}
			if n > 0 {
				got = append(got, g)
			}
		}
		slices.Sort(got)
		return got
	}
	if err := h.Bot.RunDue(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if got := posted(); !slices.Equal(got, groups[0]) {
		t.Errorf("after shard 0's sweep, posts in %v; want exactly shard 0's servers %v", got, groups[0])
	}
	if err := pb.RunDue(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if err := h.Bot.RunDue(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if got := posted(); len(got) != len(daily) {
		t.Errorf("after both sweeps, posts in %d of %d servers", len(got), len(daily))
	}
}

// Only the process that runs shard 0 registers the commands, and it
// skips the bulk overwrite when the digest kept in the database is the
// digest of the commands it has.
func TestCommandsRegisteredOncePerDeployment(t *testing.T) {
	h := bottest.New(t, bottest.Options{Server: servers(2), Config: func(c *bot.Config) { c.ShardCount, c.ShardIDs = 3, []int{2} }})
	puts := func() int { return len(h.Srv.RequestsTo("PUT /applications/{app}/commands")) }
	if n := puts(); n != 0 {
		t.Fatalf("the process of shard 2 registered the commands (%d PUTs)", n)
	}
	h.Process(func(c *bot.Config) { c.ShardCount, c.ShardIDs = 3, []int{1} }, assemble.Options{})
	if n := puts(); n != 0 {
		t.Fatalf("the process of shard 1 registered the commands (%d PUTs)", n)
	}
	h.Process(func(c *bot.Config) { c.ShardCount, c.ShardIDs = 3, []int{0} }, assemble.Options{})
	if n := puts(); n != 1 {
		t.Fatalf("the process of shard 0 registered %d times, want once", n)
	}
	// A restart of shard 0's process with the same commands: no PUT.
	h.Process(func(c *bot.Config) { c.ShardCount, c.ShardIDs = 3, []int{0} }, assemble.Options{})
	if n := puts(); n != 1 {
		t.Fatalf("a restart with unchanged commands registered again (%d PUTs)", n)
	}
}

// Identifies keep to max_concurrency: with two buckets, shards 0 and 1
// start together and 2 and 3 (buckets 0 and 1 again) at least 5 seconds
// after the READY of the shard before them; the loopback, pacing
// identifies as Discord does, refuses none.
func TestIdentifyPacing(t *testing.T) {
	opts := servers(4)
	opts.Shards.MaxConcurrency = 2
	h := bottest.New(t, bottest.Options{Server: opts, Config: func(c *bot.Config) { c.ShardCount = 4 }})
	at := map[int]time.Time{}
	for _, id := range h.Srv.Identifies() {
		if id.Refused {
			t.Errorf("shard %d's identify was refused as too fast", id.Shard)
		}
		at[id.Shard] = id.At
	}
	if len(at) != 4 {
		t.Fatalf("identified shards %v, want 0-3", at)
	}
	for _, pair := range [][2]int{{0, 2}, {1, 3}} {
		gap := at[pair[1]].Sub(at[pair[0]])
		t.Logf("bucket %d: shard %d identified %v after shard %d", pair[0], pair[1], gap.Round(time.Millisecond), pair[0])
		if gap < 5*time.Second {
			t.Errorf("shard %d identified %v after shard %d of the same bucket; want at least 5 s", pair[1], gap, pair[0])
		}
	}
	if gap := at[1].Sub(at[0]).Abs(); gap > 2*time.Second {
		t.Errorf("shards 0 and 1 (two buckets) identified %v apart; they may start together", gap)
	}
}

// Processes sharing a database take turns in a bucket too: with
// max_concurrency 1, the second process of a two-shard deployment
// identifies 5 s after the first one's READY, not at once (which Discord,
// and the loopback here, would refuse).
func TestIdentifyTurnsAcrossProcesses(t *testing.T) {
	opts := servers(4)
	opts.Shards.MaxConcurrency = 1
	h := bottest.New(t, bottest.Options{Server: opts, Config: func(c *bot.Config) { c.ShardCount, c.ShardIDs = 2, []int{1} }})
	h.Process(func(c *bot.Config) { c.ShardCount, c.ShardIDs = 2, []int{0} }, assemble.Options{})
	ids := h.Srv.Identifies()
	for _, id := range ids {
		if id.Refused {
			t.Errorf("shard %d's identify was refused as too fast", id.Shard)
		}
	}
	if len(ids) != 2 {
		t.Fatalf("identifies %+v, want one per shard", ids)
	}
	gap := ids[1].At.Sub(ids[0].At)
	t.Logf("the second process identified %v after the first", gap.Round(time.Millisecond))
	if gap < 5*time.Second {
		t.Errorf("the second process identified %v after the first; want at least 5 s", gap)
	}
}

// openErr builds a bot against srv and returns Open's error.
func openErr(t *testing.T, srv *discordtest.Server, config func(*bot.Config)) (*bot.Bot, error) {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir()+"/p.db", store.Options{Synchronous: "normal"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := bot.Config{Token: srv.Token(), APIURL: srv.APIURL(), Store: st, DisableScheduler: true}
	config(&cfg)
	b, err := assemble.New(cfg, assemble.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	err = b.Open(ctx)
	t.Cleanup(func() { b.Close() })
	return b, err
}

// Starting short of shards fails clearly: Discord's 4011 when a
// connection would hold too many servers, and a refusal before any
// identify when the session starts left do not cover the shards. With
// SHARD_COUNT=auto the bot takes Discord's recommendation.
func TestShardStartErrors(t *testing.T) {
	opts := servers(3)
	opts.Shards.MaxGuilds = 2
	opts.Shards.Recommended = 2
	srv := discordtest.New(opts)
	t.Cleanup(srv.Close)
	_, err := openErr(t, srv, func(*bot.Config) {})
	if !errors.Is(err, bot.ErrShardingRequired) || !strings.Contains(err.Error(), "set SHARD_COUNT=auto") {
		t.Errorf("3 servers on one connection allowed 2: %v; want ErrShardingRequired", err)
	}
	b, err := openErr(t, srv, func(c *bot.Config) { c.ShardAuto = true })
	if err != nil || b.Shards().Count != 2 {
		t.Errorf("SHARD_COUNT=auto with Discord recommending 2: %v, shards %v", err, b.Shards())
	}
	_, err = openErr(t, srv, func(c *bot.Config) { c.ShardAuto, c.ShardIDs = true, []int{2} })
	if err == nil || !strings.Contains(err.Error(), "shard 2 is outside the 2 shard(s)") {
		t.Errorf("SHARD_IDS=2 with auto giving 2 shards: %v", err)
	}

	opts = servers(3)
	opts.Shards.SessionStarts = 2
	srv2 := discordtest.New(opts)
	t.Cleanup(srv2.Close)
	_, err = openErr(t, srv2, func(c *bot.Config) { c.ShardCount = 3 })
	if err == nil || !strings.Contains(err.Error(), "Discord allows 2 more gateway session starts") || !strings.Contains(err.Error(), "this process needs 3") {
		t.Errorf("3 shards with 2 session starts left: %v", err)
	}
	if n := len(srv2.Identifies()); n != 0 {
		t.Errorf("%d identifies sent before refusing to start", n)
	}
}

// After a non-resumable INVALID_SESSION, discordgo identifies again on the
// same connection by itself: those identifies wait for their
// max_concurrency bucket too. Two shards of one bucket invalidated at once
// identify 5 s apart, and the loopback, pacing identifies as Discord does,
// refuses neither.
func TestReidentifyAfterInvalidSessionIsPaced(t *testing.T) {
	opts := servers(4)
	opts.Shards.MaxConcurrency = 1
	h := bottest.New(t, bottest.Options{Server: opts, Config: func(c *bot.Config) { c.ShardCount = 2 }})
	before := len(h.Srv.Identifies())
	h.Srv.SendInvalidSession(false)
	ctx, cancel := context.WithTimeout(h.Ctx, 30*time.Second)
	defer cancel()
	for len(h.Srv.Identifies()) < before+2 || h.Srv.WaitShards(ctx, 2) != nil {
		if ctx.Err() != nil {
			t.Fatalf("identifies after the invalid session: %+v", h.Srv.Identifies()[before:])
		}
		time.Sleep(50 * time.Millisecond)
	}
	after := h.Srv.Identifies()[before:]
	for _, id := range after {
		if id.Refused {
			t.Errorf("shard %d's identify after the invalid session was refused as too fast", id.Shard)
		}
	}
	if len(after) >= 2 {
		gap := after[1].At.Sub(after[0].At)
		t.Logf("after the invalid session, shard %d identified %v after shard %d", after[1].Shard, gap.Round(time.Millisecond), after[0].Shard)
		if gap < 5*time.Second {
			t.Errorf("two shards of one bucket identified %v apart after an invalid session; want at least 5 s", gap)
		}
	}
	askEveryServer(t, h)
}
