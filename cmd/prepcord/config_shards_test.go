package main

import (
	"slices"
	"strings"
	"testing"
)

// Bad SHARD_COUNT and SHARD_IDS stop `prepcord run` with one clear line
// and exit code 1, before anything is opened; good ones are read as given.
func TestConfigShards(t *testing.T) {
	for _, tc := range []struct {
		count, ids string
		err        string
	}{
		{count: "0", err: `SHARD_COUNT must be a number of shards (1 or more) or auto, got "0"`},
		{count: "two", err: `SHARD_COUNT must be a number of shards (1 or more) or auto, got "two"`},
		{count: "-3", err: `SHARD_COUNT must be a number of shards (1 or more) or auto, got "-3"`},
		{count: "2", ids: "2", err: "SHARD_IDS: shard 2 is outside the 2 shard(s) of the deployment (shards are numbered 0 to 1); set SHARD_COUNT to the deployment's number of shards"},
		{ids: "1", err: "SHARD_IDS: shard 1 is outside the 1 shard(s)"},
		{count: "4", ids: "3-1", err: `SHARD_IDS must list shards such as 0-3, 5 or 0,2,4-6: the range "3-1" is empty`},
		{count: "4", ids: "0,,1", err: `SHARD_IDS must list shards such as 0-3, 5 or 0,2,4-6: "" is not a shard number`},
		{count: "4", ids: "x", err: `"x" is not a shard number`},
		{count: "auto", ids: "0-2,a", err: `"a" is not a shard number`},
	} {
		vars := map[string]string{"DISCORD_TOKEN": "x", "DATABASE_PATH": t.TempDir() + "/p.db", "SHARD_COUNT": tc.count, "SHARD_IDS": tc.ids}
		code, out, stderr := cli(t, vars, "run")
		if code != 1 || !strings.Contains(stderr, tc.err) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || out != "" {
			t.Errorf("SHARD_COUNT=%q SHARD_IDS=%q: exit %d, stderr %q; want exit 1 and one line with %q", tc.count, tc.ids, code, stderr, tc.err)
		}
	}
	for _, tc := range []struct {
		count, ids string
		want       int
		auto       bool
		wantIDs    []int
	}{
		{want: 1},
		{count: "4", want: 4},
		{count: " Auto ", auto: true},
		{count: "auto", ids: "7", auto: true, wantIDs: []int{7}},
		{count: "8", ids: "0,2,4-6", want: 8, wantIDs: []int{0, 2, 4, 5, 6}},
	} {
		cfg, err := loadConfig(func(k string) string {
			return map[string]string{"SHARD_COUNT": tc.count, "SHARD_IDS": tc.ids}[k]
		})
		if err != nil || cfg.ShardCount != tc.want || cfg.ShardAuto != tc.auto || !slices.Equal(cfg.ShardIDs, tc.wantIDs) {
			t.Errorf("SHARD_COUNT=%q SHARD_IDS=%q: %+v, %v", tc.count, tc.ids, cfg, err)
		}
	}
}
