package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrationTable records which migrations have been applied.
const migrationTable = "prepcord_migrations"

// Store is prepcord's database. Its methods are the lifecycle and what
// belongs to no one aggregate; the aggregates' fields hold the rest.
type Store struct {
	Questions *Questions
	History   *History
	Daily     *Daily
	// Champions is each server's monthly champion role.
	Champions *Champions
	// Answers is the members' answers to daily posts, votes and best
	// answers (also Daily.Answers).
	Answers    *Answers
	Interviews *Interviews
	// Availability is when mock interview members can meet: zones,
	// proposed times, snoozes and check-ins.
	Availability *Availability
	Feedback     *PeerFeedback
	Suggestions  *Suggestions
	Reviews      *Reviews
	Plans        *Plans
	MyData       *MyData
	// Activity is read for the web dashboard's charts.
	Activity *Activity
	// Audit is what admins changed, from Discord or the web.
	Audit *Audit
	// Web is the web companion's sessions and published banks.
	Web *Web

	// Now is the clock; tests replace it. The aggregates read it at each
	// call, so a clock set after Open applies to them too.
	Now func() time.Time

	*shared
}

// shared is what the aggregates share: the connections, the clock, the
// log and the cache of the bank's facets. It has no exported methods, so
// embedding it gives an aggregate nothing but its own methods.
type shared struct {
	w       *sqlx.DB // writes: SQLite's single writer connection, or a PostgreSQL pool
	r       *sqlx.DB // read-only pool
	dialect *dialect
	path    string // the SQLite file, or the PostgreSQL URL
	log     *slog.Logger
	now     func() time.Time // reads Store.Now

	idxMu   sync.Mutex
	idx     *bankIndex   // cached facets of the bank, see index.go
	bankGen atomic.Int64 // bumped after every bank write of this process

	seen *seenBatch // /question's history writes, committed in batches
}

// newStore puts the aggregates over one set of shared handles.
func newStore(sh *shared, now func() time.Time) *Store {
	s := &Store{
		Questions:    &Questions{sh},
		History:      &History{sh},
		Daily:        &Daily{sh},
		Champions:    &Champions{sh},
		Answers:      &Answers{sh},
		Interviews:   &Interviews{sh},
		Availability: &Availability{sh},
		Feedback:     &PeerFeedback{sh},
		Suggestions:  &Suggestions{sh},
		Reviews:      &Reviews{sh},
		Plans:        &Plans{sh},
		MyData:       &MyData{sh},
		Activity:     &Activity{sh},
		Audit:        &Audit{sh},
		Web:          &Web{sh},
		Now:          now,
		shared:       sh,
	}
	sh.now = func() time.Time { return s.Now() }
	return s
}

// Options tune Open.
type Options struct {
	Logger *slog.Logger
	Now    func() time.Time
	// ReadConns is the size of the read pool (default 4).
	ReadConns int
	// Synchronous is SQLite's synchronous setting: "full" (the default)
	// makes every commit durable against power loss; "normal" is durable
	// against a crash of the process (kill -9) but not of the machine, and
	// much faster on slow disks. Tests of behaviour, not durability, use it.
	Synchronous string
	// SeenBatchDelay bounds how long a question shown by /question waits
	// before its history write is committed (default 20 ms): the marks of
	// that window are committed together, in one transaction, or sooner
	// when SeenBatchSize of them wait (default 64). Until then this
	// process counts them in its picks; other processes see them once
	// committed, and a process killed loses that window's marks.
	SeenBatchDelay time.Duration
	SeenBatchSize  int
}

// Open opens the database at location and brings its schema up to date:
// a PostgreSQL URL (postgres://…, see IsPostgresURL) selects PostgreSQL,
// anything else is the path of a SQLite file, created if needed. A
// database written by a newer prepcord is refused.
func Open(ctx context.Context, location string, opts Options) (*Store, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 4
	}
	var (
		sh  *shared
		err error
	)
	if IsPostgresURL(location) {
		sh, err = openPostgres(ctx, location, opts)
	} else {
		sh, err = openSQLite(ctx, location, opts)
	}
	if err != nil {
		return nil, err
	}
	sh.log = opts.Logger
	sh.seen = newSeenBatch(sh, opts.SeenBatchDelay, opts.SeenBatchSize)
	s := newStore(sh, opts.Now)
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close commits the history writes still waiting (see
// Options.SeenBatchDelay), then closes the database.
func (s *Store) Close() error {
	if s.seen != nil {
		s.seen.close()
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

// Path returns where the database is: the SQLite file's path, or the
// PostgreSQL URL it was opened with (which may hold a password: never log
// it).
func (s *Store) Path() string { return s.path }

// Ping checks that the database answers for reads and writes.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.r.GetContext(ctx, &one, "SELECT 1"); err != nil {
		return fmt.Errorf("database read check: %w", err)
	}
	if err := s.w.GetContext(ctx, &one, "SELECT 1"); err != nil {
		return fmt.Errorf("database write-connection check: %w", err)
	}
	return nil
}

// write runs fn in a write transaction and commits it; the commit is
// durable when write returns nil. On SQLite that is an IMMEDIATE
// transaction on the single writer connection, so writes run one at a
// time. On PostgreSQL it is SERIALIZABLE, which gives the same outcome as
// one at a time or fails; a failed attempt changed nothing and runs again
// from the start, so fn must only assign what it returns, never append to
// what it was given.
func (s *shared) write(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	pause := 2 * time.Millisecond
	for attempt := 1; ; attempt++ {
		err := s.writeOnce(ctx, fn)
		if err == nil || attempt == maxWriteAttempts || !s.dialect.retry(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause + time.Duration(rand.Int64N(int64(pause)))):
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// maxWriteAttempts bounds how often a write that lost a race runs again.
const maxWriteAttempts = 20

func (s *shared) writeOnce(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.w.BeginTxx(ctx, s.dialect.writeTx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// changedOne runs one statement in a write transaction and reports
// whether it changed exactly one row: a claim made once.
func (s *shared) changedOne(ctx context.Context, query string, args ...any) (bool, error) {
	var one bool
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err := r.RowsAffected()
		one = n == 1
		return err
	})
	return one, err
}

// read runs fn in a read transaction, which sees one consistent snapshot.
func (s *shared) read(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.r.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// getRow reads the one row query returns into a new T (a struct or a
// single column); nil and no error when there is no such row.
func getRow[T any](ctx context.Context, q sqlx.QueryerContext, query string, args ...any) (*T, error) {
	v := new(T)
	if err := sqlx.GetContext(ctx, q, v, query, args...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, err
	}
	return v, nil
}

// getOr is getRow for a value with a default: def when there is no row.
func getOr[T any](ctx context.Context, q sqlx.QueryerContext, def T, query string, args ...any) (T, error) {
	v, err := getRow[T](ctx, q, query, args...)
	if v == nil {
		return def, err
	}
	return *v, nil
}

// found turns getRow's "no row" into notFound.
func found[T any](v *T, err error, notFound error) (*T, error) {
	if v == nil && err == nil {
		return nil, notFound
	}
	return v, err
}

// Meta returns the value stored under key, or "" when there is none.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	return s.meta(ctx, key)
}

func (s *shared) meta(ctx context.Context, key string) (string, error) {
	return getOr(ctx, s.r, "", "SELECT value FROM meta WHERE key = ?", key)
}

// SetMeta stores value under key.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.write(ctx, func(tx *sqlx.Tx) error { return setMeta(ctx, tx, key, value) })
}

func setMeta(ctx context.Context, tx *sqlx.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
