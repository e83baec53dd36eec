package store

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

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
