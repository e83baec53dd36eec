package discordtest_test

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// shardOf is Discord's rule, written here apart from the server's.
func shardOf(guildID string, count int) int {
	id, _ := strconv.ParseUint(guildID, 10, 64)
	return int((id >> 22) % uint64(count))
}

// shardSession is a raw discordgo session identifying as shard id of count,
// recording the servers of its READY, GUILD_CREATEs and interactions.
type shardSession struct {
	dg     *discordgo.Session
	mu     sync.Mutex
	ready  []string
	guilds []string
	inters []string
}

func openShard(t *testing.T, srv *discordtest.Server, id, count int) (*shardSession, error) {
	t.Helper()
	dg, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), discordgo.IntentsGuilds)
	if err != nil {
		t.Fatal(err)
	}
	dg.LogLevel = -1
	dg.ShardID, dg.ShardCount = id, count
	dg.ShouldReconnectOnError = false
	// No state: it would change the guilds of READY while the handler reads them.
	dg.StateEnabled = false
	s := &shardSession{dg: dg}
	dg.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, g := range r.Guilds {
			s.ready = append(s.ready, g.ID)
		}
	})
	dg.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) {
		s.mu.Lock()
		s.guilds = append(s.guilds, g.ID)
		s.mu.Unlock()
	})
	dg.AddHandler(func(ss *discordgo.Session, i *discordgo.InteractionCreate) {
		s.mu.Lock()
		s.inters = append(s.inters, i.GuildID)
		s.mu.Unlock()
		_ = reply(ss, i, "pong")
	})
	err = dg.Open()
	t.Cleanup(func() { _ = dg.Close() })
	return s, err
}

func (s *shardSession) seen() (ready, guilds, inters []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Sorted(slices.Values(s.ready)), slices.Sorted(slices.Values(s.guilds)), slices.Sorted(slices.Values(s.inters))
}

// The loopback gateway shards as Discord does: each connection's READY and
// GUILD_CREATEs hold the servers of its shard, each server's interactions
// go to its shard's connection and DMs to shard 0's, GET /gateway/bot
// gives the recommendation and counts session starts down.
func TestGatewayShards(t *testing.T) {
	var specs []discordtest.GuildSpec
	for i := range 8 {
		specs = append(specs, discordtest.GuildSpec{Name: fmt.Sprintf("Server %d", i)})
	}
	srv := discordtest.New(discordtest.Options{Guilds: specs, StableIDs: true,
		Shards: discordtest.ShardOptions{Recommended: 2, SessionStarts: 10, MaxConcurrency: 2, PaceIdentifies: true}})
	t.Cleanup(srv.Close)
	rest, _ := discordhttp.NewSession(srv.Token(), srv.APIURL(), 0)
	if _, err := rest.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", commands()); err != nil {
		t.Fatal(err)
	}
	gb, err := rest.GatewayBot()
	if err != nil || gb.Shards != 2 || gb.SessionStartLimit.Total != 10 || gb.SessionStartLimit.Remaining != 10 || gb.SessionStartLimit.MaxConcurrency != 2 {
		t.Fatalf("GET /gateway/bot: %+v, %v", gb, err)
	}
	want := map[int][]string{}
	for _, g := range srv.Guilds() {
		want[shardOf(g.ID, 2)] = append(want[shardOf(g.ID, 2)], g.ID)
	}
	for _, ids := range want {
		slices.Sort(ids)
	}
	if len(want[0]) == 0 || len(want[1]) == 0 {
		t.Fatalf("servers by shard: %v", want)
	}
	s0, err := openShard(t, srv, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	s1, err := openShard(t, srv, 1, 2) // another bucket: at once
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitShards(ctxT(t), 2); err != nil {
		t.Fatal(err)
	}
	ctx := ctxT(t)
	for _, g := range srv.Guilds() {
		in, err := srv.Slash(ctx, discordtest.Slash{Guild: g.ID, Name: "echo"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	in, err := srv.Slash(ctx, discordtest.Slash{DM: true, Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	for n, s := range []*shardSession{s0, s1} {
		ready, guilds, inters := s.seen()
		wantInters := slices.Clone(want[n])
		if n == 0 {
			wantInters = append(wantInters, "") // the DM
		}
		slices.Sort(wantInters)
		if !slices.Equal(ready, want[n]) || !slices.Equal(guilds, want[n]) || !slices.Equal(inters, wantInters) {
			t.Errorf("shard %d: READY %v, GUILD_CREATE %v, interactions %v; want servers %v", n, ready, guilds, inters, want[n])
		}
	}
	if gb, _ := rest.GatewayBot(); gb.SessionStartLimit.Remaining != 8 {
		t.Errorf("remaining after two identifies: %d, want 8", gb.SessionStartLimit.Remaining)
	}
	// Shard 2 of 4 is in bucket 0 (2 % 2), like shard 0 moments ago: refused with op 9.
	start := time.Now()
	if _, err := openShard(t, srv, 2, 4); err != nil {
		t.Fatal(err)
	}
	var refused, accepted int
	for _, id := range srv.Identifies() {
		if id.Shard == 2 {
			if id.Refused {
				refused++
			} else {
				accepted++
				if wait := id.At.Sub(start); wait < 3*time.Second {
					t.Errorf("shard 2 accepted %v after shard 0 of its bucket", wait)
				}
			}
		}
	}
	if refused == 0 {
		t.Error("an identify within 5 s of another of its bucket was not refused")
	}
	if err := srv.Check(); err != nil {
		t.Error(err)
	}
}

// A connection that would hold more servers than a shard may is closed
// with 4011, and an identify with no session start left with 4004.
func TestGatewayShardLimits(t *testing.T) {
	srv := discordtest.New(discordtest.Options{Guilds: []discordtest.GuildSpec{{Name: "a"}, {Name: "b"}, {Name: "c"}},
		Shards: discordtest.ShardOptions{MaxGuilds: 2, SessionStarts: 1}})
	t.Cleanup(srv.Close)
	_, err := openShard(t, srv, 0, 1)
	if err == nil || !strings.Contains(err.Error(), "4011") {
		t.Errorf("3 servers on a connection allowed 2: %v; want close 4011", err)
	}
	srv2 := discordtest.New(discordtest.Options{Shards: discordtest.ShardOptions{SessionStarts: 1}})
	t.Cleanup(srv2.Close)
	if _, err := openShard(t, srv2, 0, 1); err != nil {
		t.Fatalf("the one session start: %v", err)
	}
	_, err = openShard(t, srv2, 0, 1)
	if err == nil || !strings.Contains(err.Error(), "4004") {
		t.Errorf("identify with no session start left: %v; want close 4004", err)
	}
	if srv2.Check() == nil {
		t.Error("the identify past the session start limit was not recorded as a violation")
	}
	srv2.ResetViolations()
}
