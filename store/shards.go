package store

import (
	"strconv"
	"strings"

	"github.com/prepcord/prepcord/internal/shard"
)

// onShards is a condition, to follow AND, keeping the rows whose server
// column col is on one of the set's shards: Discord's (guild_id >> 22) %
// shard_count, with the shift written as a division so that SQLite and
// PostgreSQL read it alike (snowflakes are positive and fit in a BIGINT).
// Rows without a server (”) belong to shard 0. A set that owns every
// server gives "1 = 1".
func onShards(set shard.Set, col string) string {
	if set.Whole() {
		return "1 = 1"
	}
	ids := make([]string, len(set.IDs))
	for i, id := range set.IDs {
		ids[i] = strconv.Itoa(id)
	}
	if len(ids) == 0 {
		return "1 = 0"
	}
	return "(CASE WHEN " + col + " = '' THEN 0 ELSE CAST(" + col + " AS BIGINT) / 4194304 % " + strconv.Itoa(set.Count) +
		" END) IN (" + strings.Join(ids, ", ") + ")"
}
