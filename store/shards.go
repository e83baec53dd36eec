package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

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

// ClaimLease takes the lease named key until `until`, when it is free at
// now: never taken, or its holder's time has passed. It reports whether
// this call took it. Processes sharing the database take turns with it:
// the gateway identifies of one max_concurrency bucket.
func (s *Store) ClaimLease(ctx context.Context, key string, now, until time.Time) (bool, error) {
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", leaseKey(key), leaseTime(time.Time{}))
		return err
	})
	if err != nil {
		return false, err
	}
	return s.changedOne(ctx, "UPDATE meta SET value = ? WHERE key = ? AND value <= ?", leaseTime(until), leaseKey(key), leaseTime(now))
}

// SetLease sets when the lease named key ends, for its holder: sooner
// when done early, or later to keep a pause after it.
func (s *Store) SetLease(ctx context.Context, key string, until time.Time) error {
	return s.SetMeta(ctx, leaseKey(key), leaseTime(until))
}

func leaseKey(key string) string { return "lease:" + key }

// leaseTime writes a time as 20 digits of unix milliseconds, so that text
// order is time order on every backend and no cast is needed.
func leaseTime(t time.Time) string {
	ms := int64(0)
	if !t.IsZero() {
		ms = max(t.UnixMilli(), 0)
	}
	return fmt.Sprintf("%020d", ms)
}
