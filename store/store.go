package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/newfile"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrationTable records which migrations have been applied.
const migrationTable = "prepcord_migrations"

// Store is prepcord's database. Its methods are the lifecycle and what
// belongs to no one aggregate; the aggregates' fields hold the rest.
type Store struct {
	Questions   *Questions
	History     *History
	Daily       *Daily
	Interviews  *Interviews
	Feedback    *PeerFeedback
	Suggestions *Suggestions
	Reviews     *Reviews
	Plans       *Plans
	MyData      *MyData

	// Now is the clock; tests replace it. The aggregates read it at each
	// call, so a clock set after Open applies to them too.
	Now func() time.Time

	*shared
}

// shared is what the aggregates share: the connections, the clock, the
// log and the cache of the bank's facets. It has no exported methods, so
// embedding it gives an aggregate nothing but its own methods.
type shared struct {
	w    *sqlx.DB // the single writer connection
	r    *sqlx.DB // read-only pool
	path string
	log  *slog.Logger
	now  func() time.Time // reads Store.Now

	idxMu   sync.Mutex
	idx     *bankIndex   // cached facets of the bank, see index.go
	bankGen atomic.Int64 // bumped after every bank write of this process
}

// newStore puts the aggregates over one set of shared handles.
func newStore(sh *shared, now func() time.Time) *Store {
	s := &Store{
		Questions:   &Questions{sh},
		History:     &History{sh},
		Daily:       &Daily{sh},
		Interviews:  &Interviews{sh},
		Feedback:    &PeerFeedback{sh},
		Suggestions: &Suggestions{sh},
		Reviews:     &Reviews{sh},
		Plans:       &Plans{sh},
		MyData:      &MyData{sh},
		Now:         now,
		shared:      sh,
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
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date. A database written by a newer prepcord is refused.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 4
	}
	if err := checkWritable(path); err != nil {
		return nil, err
	}
	switch opts.Synchronous {
	case "":
		opts.Synchronous = "full"
	case "full", "normal":
	default:
		return nil, errs.E(errs.Invalid, "synchronous must be full or normal, got %q", opts.Synchronous)
	}
	if err := createPrivate(path, opts.Logger); err != nil {
		return nil, err
	}
	if err := migrate(ctx, path, opts.Logger); err != nil {
		return nil, err
	}
	w, err := sqlx.Open(driverName, dsn(path, false, opts.Synchronous))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sqlx.Open(driverName, dsn(path, true, opts.Synchronous))
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(opts.ReadConns)
	r.SetMaxIdleConns(opts.ReadConns)
	s := newStore(&shared{w: w, r: r, path: path, log: opts.Logger}, opts.Now)
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// checkWritable gives a clear error when the database cannot be created
// where DATABASE_PATH points.
func checkWritable(path string) error {
	if path == "" {
		return errs.E(errs.Invalid, "the database path is empty: set DATABASE_PATH")
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return errs.E(errs.Invalid, "cannot use database %s: folder %s does not exist", path, dir)
	}
	if !st.IsDir() {
		return errs.E(errs.Invalid, "cannot use database %s: %s is not a folder", path, dir)
	}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return errs.E(errs.Invalid, "cannot use database %s: it is a folder", path)
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return errs.E(errs.Invalid, "cannot use database %s: it is not writable (%v)", path, errors.Unwrap(err))
		}
		return f.Close()
	}
	probe, err := os.CreateTemp(dir, ".prepcord-probe-*")
	if err != nil {
		return errs.E(errs.Invalid, "cannot create database %s: folder %s is not writable", path, dir)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// createPrivate creates the database file, empty, with mode 0600 when it
// does not exist yet, before SQLite opens it: SQLite would create it 0644
// (less the umask), readable by every user of the machine, and it holds
// members' private feedback. SQLite gives the -wal and -shm files the mode
// of the database file, so they are 0600 too. An existing database keeps
// its mode; one that others can read is reported.
func createPrivate(path string, log *slog.Logger) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, newfile.Mode)
	if err == nil {
		return f.Close()
	}
	if !errors.Is(err, fs.ErrExist) {
		return errs.E(errs.Invalid, "cannot create database %s: %v", path, errors.Unwrap(err))
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		log.Warn("the database file can be read by other users of this machine; it holds private feedback: chmod 600 it (and its -wal and -shm files)", "path", path, "mode", fi.Mode().Perm().String())
	}
	return nil
}

// Migrations returns the embedded migration files of a dialect
// ("sqlite" or "postgres"). Each dialect keeps its own folder with the
// same versions, one schema written twice in each database's own terms.
func Migrations(dialect string) fs.FS {
	sub, _ := fs.Sub(migrationFiles, "migrations/"+dialect)
	return sub
}

// migrate brings the schema up to date. Processes starting together on a
// new database can meet SQLite's one "locked" answer that the busy timeout
// does not wait out: two connections switching the fresh file to WAL at
// the same instant, where SQLite fails one at once rather than deadlock.
// Such a failure changed nothing, so migrate runs again, with a short
// growing pause, for as long as the busy timeout would have waited.
func migrate(ctx context.Context, path string, log *slog.Logger) error {
	deadline := time.Now().Add(busyWait)
	pause := 5 * time.Millisecond
	for {
		err := migrateOnce(ctx, path, log)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 200*time.Millisecond)
	}
}

func migrateOnce(ctx context.Context, path string, log *slog.Logger) error {
	db, err := sql.Open(driverName, dsn(path, false, "full"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	p, err := goose.NewProvider(gooseDialect, db, Migrations("sqlite"),
		goose.WithTableName(migrationTable),
		goose.WithDisableGlobalRegistry(true),
	)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	srcs := p.ListSources()
	known := srcs[len(srcs)-1].Version
	current, err := p.GetDBVersion(ctx)
	if err != nil && !errors.Is(err, goose.ErrVersionNotFound) {
		return fmt.Errorf("cannot read database %s: %w", path, err)
	}
	if current > known {
		return errs.E(errs.Invalid, "database %s was made by a newer prepcord (schema version %d; this build knows up to %d): run the newer prepcord, or restore a backup made by this version", path, current, known)
	}
	results, err := p.Up(ctx)
	// Two prepcord processes started together on a new database both
	// migrate it; SQLite runs their transactions one after the other, so
	// the second fails on a table the first just made. Each migration is
	// one transaction with its version row, so when the schema moved on
	// while this one failed, running again skips what the other applied.
	// A failure with no progress by anyone is a real one.
	for attempt := 0; err != nil && attempt < 20; attempt++ {
		after, verr := p.GetDBVersion(ctx)
		if verr != nil || after == current {
			break
		}
		current = after
		if current >= known {
			err = nil
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
		results, err = p.Up(ctx)
	}
	if err != nil {
		return fmt.Errorf("migrating database %s: %w", path, err)
	}
	for _, r := range results {
		log.Info("database migrated", "version", r.Source.Version, "file", filepath.Base(r.Source.Path), "took", r.Duration)
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// Path returns the database file's path.
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

// write runs fn in an IMMEDIATE transaction on the writer connection and
// commits it; the commit is durable when write returns nil.
func (s *shared) write(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.w.BeginTxx(ctx, nil)
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

// Backup writes a consistent copy of the live database to path, which must
// not exist yet. It is safe while the bot runs: VACUUM INTO reads one
// snapshot in a read transaction (WAL lets the writer go on meanwhile), on a
// connection of its own because the read pool is query-only, which SQLite
// applies to the VACUUM's output too. The copy is written beside path into
// an empty temporary file of mode 0600 (it holds members' private feedback;
// SQLite writes into an empty file and keeps its mode), synced, and given
// its name with newfile.Publish, so path either does not exist or holds a
// complete copy, and an existing path is never replaced, even one created
// while the copy was being written.
func (s *Store) Backup(ctx context.Context, path string) error {
	if err := newfile.Free(path); err != nil {
		return err
	}
	tmp, err := newfile.Temp(path, ".prepcord-backup-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)
	db, err := sql.Open(driverName, dsn(s.path, false, "full"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, vacuumIntoSQL(), tmpName); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := newfile.Sync(tmpName); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return newfile.Publish(tmpName, path, false)
}

// IntegrityCheck runs SQLite's integrity check and returns its verdict
// ("ok" when the file is sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.r.GetContext(ctx, &res, "PRAGMA integrity_check")
	return res, err
}
