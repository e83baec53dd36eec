package store

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
)

// Default bounds of the seen-history batch (see Options.SeenBatchDelay).
const (
	defaultSeenBatchDelay = 20 * time.Millisecond
	defaultSeenBatchSize  = 64
)

// maxMarksPerStatement bounds the rows of one INSERT of a batch (three
// parameters each).
const maxMarksPerStatement = 1000

// seenMark is one question shown to a member, waiting to be written.
type seenMark struct {
	user, guild string
	seq, at     int64 // at in Unix milliseconds
}

// seenBatch collects the history writes of /question (MarkSeenBatched) and
// commits them together, in one transaction, when the oldest waiting mark
// is delay old or size marks wait, whichever comes first; Close commits
// what is left. Until a mark is committed this process's picks read it
// from here (pendingFor), and the other readers of a member's history
// commit the batch first (settle), so one process behaves as if every mark
// were written at once; other processes on the database see a mark once
// its batch is committed, within about delay. A process killed loses the
// marks of its last delay.
type seenBatch struct {
	sh    *shared
	delay time.Duration
	size  int

	flushMu sync.Mutex // one commit at a time

	mu       sync.Mutex
	pending  []seenMark // waiting, oldest first
	flushing []seenMark // being committed: still read by picks
	timer    *time.Timer
	early    bool // a flush for a full batch is on its way
	closed   bool
}

func newSeenBatch(sh *shared, delay time.Duration, size int) *seenBatch {
	if delay <= 0 {
		delay = defaultSeenBatchDelay
	}
	if size <= 0 {
		size = defaultSeenBatchSize
	}
	return &seenBatch{sh: sh, delay: delay, size: size}
}

// add queues m; false when the batch is closed and m must be written
// directly.
func (b *seenBatch) add(m seenMark) bool {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return false
	}
	b.pending = append(b.pending, m)
	if b.timer == nil {
		b.timer = time.AfterFunc(b.delay, b.flushInBackground)
	}
	// One early flush at a time: while the database is slow or away the
	// queue grows, but the goroutines waiting to commit it do not.
	full := len(b.pending) >= b.size && !b.early
	if full {
		b.early = true
	}
	b.mu.Unlock()
	if full {
		go b.flushInBackground()
	}
	return true
}

// pendingFor returns when userID saw each question of theirs not yet
// committed, the latest time when a question waits twice.
func (b *seenBatch) pendingFor(userID string) map[int64]int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out map[int64]int64
	for _, list := range [2][]seenMark{b.flushing, b.pending} {
		for _, m := range list {
			if m.user != userID {
				continue
			}
			if out == nil {
				out = map[int64]int64{}
			}
			if at, ok := out[m.seq]; !ok || m.at > at {
				out[m.seq] = m.at
			}
		}
	}
	return out
}

// waiting reports whether userID has marks not yet committed.
func (b *seenBatch) waiting(userID string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, list := range [2][]seenMark{b.flushing, b.pending} {
		for _, m := range list {
			if m.user == userID {
				return true
			}
		}
	}
	return false
}

func (b *seenBatch) flushInBackground() { b.flush(context.Background()) }

// flush commits every waiting mark in one transaction. A failed batch runs
// once more, then each of its marks is logged and dropped: the history of a
// question shown is not worth stopping the bot for, and it never panics.
func (b *seenBatch) flush(ctx context.Context) {
	b.flushMu.Lock()
	defer b.flushMu.Unlock()
	b.mu.Lock()
	batch := b.pending
	b.pending, b.flushing, b.early = nil, batch, false
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	b.mu.Unlock()
	if len(batch) == 0 {
		return
	}
	ctx = context.WithoutCancel(ctx)
	var err error
	for range 2 {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err = b.sh.write(cctx, func(tx *sqlx.Tx) error { return markSeenBatch(cctx, tx, batch) })
		cancel()
		if err == nil {
			break
		}
	}
	if err != nil {
		for _, m := range batch {
			b.sh.log.Warn("could not record a question as seen", "user", m.user, "guild", m.guild, "seq", m.seq, "err", err)
		}
	}
	b.mu.Lock()
	b.flushing = nil
	b.mu.Unlock()
}

// close commits what waits; later marks are written directly.
func (b *seenBatch) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.flush(context.Background())
}

// markSeenBatch writes marks in tx with one statement per table. A mark
// never moves seen_at back, so a batch committed after a direct write of
// the same question (MarkSeen) keeps the later time.
func markSeenBatch(ctx context.Context, tx *sqlx.Tx, marks []seenMark) error {
	// A queue that grew while the database was away is written in parts,
	// under PostgreSQL's 65,535 parameters a statement.
	for len(marks) > maxMarksPerStatement {
		if err := markSeenBatch(ctx, tx, marks[:maxMarksPerStatement]); err != nil {
			return err
		}
		marks = marks[maxMarksPerStatement:]
	}
	type key struct {
		user string
		seq  int64
	}
	latest := map[key]int64{}
	var order []key
	type gkey struct {
		user, guild string
		seq         int64
	}
	guilds := map[gkey]bool{}
	var gorder []gkey
	for _, m := range marks {
		k := key{m.user, m.seq}
		if at, ok := latest[k]; !ok {
			order = append(order, k)
			latest[k] = m.at
		} else if m.at > at {
			latest[k] = m.at
		}
		if g := (gkey{m.user, m.guild, m.seq}); m.guild != "" && !guilds[g] {
			guilds[g] = true
			gorder = append(gorder, g)
		}
	}
	args := make([]any, 0, 3*len(order))
	for _, k := range order {
		args = append(args, k.user, k.seq, latest[k])
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO seen (user_id, seq, seen_at) VALUES "+valuesList(len(order), 3)+
		` ON CONFLICT (user_id, seq) DO UPDATE SET seen_at = CASE WHEN excluded.seen_at > seen.seen_at
		THEN excluded.seen_at ELSE seen.seen_at END`, args...); err != nil || len(gorder) == 0 {
		return err
	}
	args = args[:0]
	for _, g := range gorder {
		args = append(args, g.user, g.guild, g.seq)
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO seen_guilds (user_id, guild_id, seq) VALUES "+valuesList(len(gorder), 3)+
		" ON CONFLICT (user_id, guild_id, seq) DO NOTHING", args...)
	return err
}

// valuesList is "(?, ?, ?), (?, ?, ?)" for rows rows of cols columns.
func valuesList(rows, cols int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
}

// MarkSeenBatched records that userID was shown the question at a given
// time in guildID ("" in a DM), in the next batch of history writes (see
// Options.SeenBatchDelay) rather than at once: this process's next pick
// already counts it, every process's does once the batch is committed, and
// Close commits what is left. It returns an error only when the store is
// closing and the direct write it falls back to fails.
func (s *History) MarkSeenBatched(ctx context.Context, userID, guildID string, seq int64, at time.Time) error {
	if s.seen != nil && s.seen.add(seenMark{user: userID, guild: guildID, seq: seq, at: at.UnixMilli()}) {
		return nil
	}
	return s.MarkSeenAt(ctx, userID, guildID, seq, at)
}

// settle commits the history batch when userID has marks in it, so that a
// reader of their history in SQL sees what this process showed them.
func (s *shared) settle(ctx context.Context, userID string) {
	if s.seen != nil && s.seen.waiting(userID) {
		s.seen.flush(ctx)
	}
}
