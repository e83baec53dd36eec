package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/prepcord/prepcord/internal/shard"
)

// The store's SQL picks the servers of a shard set exactly as Discord's
// rule in Go does (shard.Of), on ids over the whole snowflake range, so a
// process's background queries see the servers the gateway gives it and
// no others.
func TestQueriesKeepToShards(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 5)
	rng := rand.New(rand.NewPCG(14, 3))
	var guilds []string
	for i := range 60 {
		id := rng.Uint64N(1 << 62)
		if i < 3 {
			id = uint64(i) << 22 // small ids: shards 0, 1, 2 of 3
		}
		g := strconv.FormatUint(id, 10)
		guilds = append(guilds, g)
		saveCfg(t, s, g, nil)
	}
	for _, set := range []shard.Set{{}, {Count: 3, IDs: []int{1}}, {Count: 3, IDs: []int{0, 2}}, {Count: 16, IDs: []int{5, 9}}, shard.All(4)} {
		due, err := s.Daily.DueConfigs(ctx, 2000, 1000, set)
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, c := range due {
			got = append(got, c.GuildID)
		}
		for _, g := range guilds {
			if set.Owns(g) {
				want = append(want, g)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%v: the query picked %d servers %v, Discord's rule %d %v", set, len(got), got, len(want), want)
		}
		if !set.Whole() && (len(want) == 0 || len(want) == len(guilds)) {
			t.Errorf("%v: %d of %d servers; the ids should spread over the shards", set, len(want), len(guilds))
		}
	}
}

// A lease is taken by one claimant at a time, by another once its time
// passed or its holder set it to end, and by no one before.
func TestLeaseTakesTurns(t *testing.T) {
	ctx := context.Background()
	s, path := dailyStore(t, 1)
	other, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		st        *Store
		at, until time.Time
		want      bool
	}{
		{s, t0, t0.Add(20 * time.Second), true},
		{other, t0.Add(time.Second), t0.Add(21 * time.Second), false},     // held
		{other, t0.Add(20 * time.Second), t0.Add(40 * time.Second), true}, // its time passed
		{s, t0.Add(25 * time.Second), t0.Add(45 * time.Second), false},    // held by the other
		{s, t0.Add(39 * time.Second), t0.Add(50 * time.Second), false},    // still held
	}
	for i, st := range steps {
		got, err := st.st.ClaimLease(ctx, "identify:0", st.at, st.until)
		if err != nil || got != st.want {
			t.Fatalf("step %d: claimed %v, %v; want %v", i, got, err, st.want)
		}
	}
	// The holder ends it early, with a pause: free 5 s later.
	if err := other.SetLease(ctx, "identify:0", t0.Add(47*time.Second)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.ClaimLease(ctx, "identify:0", t0.Add(46*time.Second), t0.Add(60*time.Second)); ok {
		t.Error("claimed during the pause")
	}
	if ok, _ := s.ClaimLease(ctx, "identify:0", t0.Add(47*time.Second), t0.Add(60*time.Second)); !ok {
		t.Error("not claimed after the pause")
	}
	if ok, _ := s.ClaimLease(ctx, "identify:1", t0, t0.Add(time.Second)); !ok {
		t.Error("another lease is independent")
	}
}
