package store

// This file holds what is specific to SQLite. Everything else in the
// package is SQL both databases understand, written with '?' placeholders,
// which PostgreSQL's connections rewrite (see dialect_postgres.go).

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/newfile"
	"github.com/pressly/goose/v3"

	"github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

const driverName = "sqlite3"

// sqliteDialect is SQLite's dialect: FTS4 for search; writes wait in the
// single writer connection's queue rather than fail.
func sqliteDialect() *dialect {
	return &dialect{
		name:         "sqlite",
		gooseDialect: goose.DialectSQLite3,
		gooseOptions: func() ([]goose.ProviderOption, error) { return nil, nil },
		ftsMatch:     "questions_fts MATCH ?",
		ftsQuery:     ftsQuery,
		retry:        func(error) bool { return false },
	}
}

// sqliteUnique reports whether err is SQLite's unique constraint refusal.
func sqliteUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}

// openSQLite opens (creating if needed) the SQLite file at path.
func openSQLite(ctx context.Context, path string, opts Options) (*shared, error) {
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
	return &shared{w: w, r: r, path: path, dialect: sqliteDialect()}, nil
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
		err := migrateSQLiteOnce(ctx, path, log)
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

func migrateSQLiteOnce(ctx context.Context, path string, log *slog.Logger) error {
	db, err := sql.Open(driverName, dsn(path, false, "full"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return migrateDB(ctx, db, sqliteDialect(), path, log)
}

// busyWait is how long a connection waits for another one's lock.
const busyWait = 10 * time.Second

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// dsn builds the connection string: WAL so readers never block the writer,
// foreign keys on, a busy timeout so a second process waits rather than
// fails, FULL synchronous commits (by default) so that an acknowledged write
// survives a crash of the process or the machine, and IMMEDIATE transactions on the writer so that write transactions
// take the lock up front and never fail half-way with "database is locked".
func dsn(path string, readOnly bool, synchronous string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", fmt.Sprint(busyWait.Milliseconds()))
	q.Set("_synchronous", strings.ToUpper(synchronous))
	// Keep prepared statements per connection: preparing a query costs as
	// much as running it for the small reads interactions make.
	q.Set("_stmt_cache_size", "64")
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Set("_txlock", "immediate")
	}
	// Escape the characters that would end the path part of a file: URI.
	p := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + p + "?" + q.Encode()
}

// ftsQuery turns free text typed by a member into a safe FTS4 MATCH
// expression: each word becomes a prefix term, all of which must match.
// Operators, quotes and other syntax in the input are dropped, so no input
// can produce a MATCH syntax error. With no word left it searches for
// noMatchWord, so that it matches nothing rather than everything.
func ftsQuery(text string) string {
	words := searchWords(text)
	if len(words) == 0 {
		return noMatchWord
	}
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = fmt.Sprintf("%s*", w)
	}
	return strings.Join(terms, " ")
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
	if s.dialect.name != "sqlite" {
		return backupPostgres()
	}
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
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", tmpName); err != nil {
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
	if s.dialect.name != "sqlite" {
		return integrityPostgres(ctx, s.r)
	}
	var res string
	err := s.r.GetContext(ctx, &res, "PRAGMA integrity_check")
	return res, err
}
