// Package shard is Discord's gateway sharding arithmetic, shared by the
// runtime (which servers a process owns, in which order its shards may
// identify), the store (background queries that pick only those servers)
// and the configuration (SHARD_COUNT, SHARD_IDS). It knows nothing of
// Discord's API or of SQL.
package shard

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Of is the shard a server belongs to: (guild_id >> 22) % count, as
// Discord routes it. Direct messages (guildID "") belong to shard 0, and
// so does any id that is not a number.
func Of(guildID string, count int) int {
	if count <= 1 || guildID == "" {
		return 0
	}
	id, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return 0
	}
	return int((id >> 22) % uint64(count))
}

// Bucket is a shard's identify rate-limit key: shard_id % max_concurrency.
// Shards of one bucket identify at most once per 5 seconds.
func Bucket(id, maxConcurrency int) int {
	if maxConcurrency <= 1 {
		return 0
	}
	return id % maxConcurrency
}

// Set is the shards one process runs: IDs out of Count in the whole
// deployment. The zero value, and any set with Count of 1 or less, owns
// every server.
type Set struct {
	Count int
	IDs   []int // sorted, distinct, each in [0, Count)
}

// All is the set of every shard of count.
func All(count int) Set {
	count = max(count, 1)
	ids := make([]int, count)
	for i := range ids {
		ids[i] = i
	}
	return Set{Count: count, IDs: ids}
}

// Whole reports whether the set owns every server.
func (s Set) Whole() bool {
	return s.Count <= 1 || len(s.IDs) >= s.Count
}

// Has reports whether the set runs shard id.
func (s Set) Has(id int) bool {
	if s.Count <= 1 {
		return id == 0
	}
	_, ok := slices.BinarySearch(s.IDs, id)
	return ok
}

// Owns reports whether a server (or, for guildID "", direct messages) is
// on one of the set's shards.
func (s Set) Owns(guildID string) bool {
	return s.Whole() || s.Has(Of(guildID, s.Count))
}

// String is the set as SHARD_IDS would give it, with its count: "0-3 of 8".
func (s Set) String() string {
	if s.Count <= 1 {
		return "0 of 1"
	}
	return FormatIDs(s.IDs) + " of " + strconv.Itoa(s.Count)
}

// FormatIDs writes ids (sorted, distinct) as ranges: "0-3,5".
func FormatIDs(ids []int) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ids[i], ids[j]))
		} else {
			parts = append(parts, strconv.Itoa(ids[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// ParseIDs reads a SHARD_IDS list, "0-3", "5" or "0,2,4-6", into sorted,
// distinct ids. It checks the form only; Check checks them against a count.
func ParseIDs(v string) ([]int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, fmt.Errorf("an empty list")
	}
	seen := map[int]bool{}
	var ids []int
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := parseID(lo)
		if err != nil {
			return nil, fmt.Errorf("%q is not a shard number or a range such as 0-3", part)
		}
		b := a
		if isRange {
			if b, err = parseID(hi); err != nil {
				return nil, fmt.Errorf("%q is not a shard number or a range such as 0-3", part)
			}
			if b < a {
				return nil, fmt.Errorf("the range %q is empty (write the lower shard first)", part)
			}
		}
		if b-a >= 1<<16 {
			return nil, fmt.Errorf("the range %q is too long", part)
		}
		for id := a; id <= b; id++ {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids, nil
}

func parseID(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "+") {
		return 0, fmt.Errorf("empty")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not a shard number")
	}
	return n, nil
}

// Check makes a Set of ids (nil: every shard) out of count, refusing an
// id outside the count.
func Check(ids []int, count int) (Set, error) {
	if count < 1 {
		return Set{}, fmt.Errorf("the shard count must be at least 1, got %d", count)
	}
	if ids == nil {
		return All(count), nil
	}
	for _, id := range ids {
		if id >= count {
			return Set{}, fmt.Errorf("shard %d is outside the %d shard(s) of the deployment (shards are numbered 0 to %d)", id, count, count-1)
		}
	}
	return Set{Count: count, IDs: slices.Clone(ids)}, nil
}
