package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/prepcord/prepcord/errs"
)

// A dialect is what differs between the databases prepcord runs on. The
// rest of the package is SQL both understand, written with '?'
// placeholders (the PostgreSQL connections rewrite them to $1, $2…).
type dialect struct {
	name string // "sqlite" or "postgres": also the migrations' folder

	gooseDialect goose.Dialect
	// gooseOptions add what a dialect's migrations need, such as
	// PostgreSQL's advisory lock that lets one process migrate at a time.
	gooseOptions func() ([]goose.ProviderOption, error)

	// ftsMatch is a condition on questions_fts with one '?' for what
	// ftsQuery makes of a member's search text.
	ftsMatch string
	ftsQuery func(text string) string

	// writeTx are the options of a write transaction, and retry reports
	// whether a write that failed with err may run again from the start:
	// its transaction changed nothing and a second try can succeed.
	writeTx *sql.TxOptions
	retry   func(err error) bool
}

// unique reports whether err is a unique constraint's refusal, on either
// database.
func unique(err error) bool {
	return sqliteUnique(err) || pgCode(err) == "23505"
}

// Backend names a Store's database: "sqlite" or "postgres".
func (s *Store) Backend() string { return s.dialect.name }

// IsPostgresURL reports whether a database location is a PostgreSQL URL
// (postgres:// or postgresql://) rather than a SQLite file's path.
func IsPostgresURL(location string) bool {
	return strings.HasPrefix(location, "postgres://") || strings.HasPrefix(location, "postgresql://")
}

// migrateDB brings db's schema up to date with d's migrations. A database
// written by a newer prepcord is refused. where names the database in
// errors, without any password.
func migrateDB(ctx context.Context, db *sql.DB, d *dialect, where string, log *slog.Logger) error {
	opts := []goose.ProviderOption{
		goose.WithTableName(migrationTable),
		goose.WithDisableGlobalRegistry(true),
	}
	extra, err := d.gooseOptions()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(d.gooseDialect, db, Migrations(d.name), append(opts, extra...)...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	srcs := p.ListSources()
	known := srcs[len(srcs)-1].Version
	current, err := p.GetDBVersion(ctx)
	if err != nil && !errors.Is(err, goose.ErrVersionNotFound) {
		return fmt.Errorf("cannot read database %s: %w", where, err)
	}
	if current > known {
		return errs.E(errs.Invalid, "database %s was made by a newer prepcord (schema version %d; this build knows up to %d): run the newer prepcord, or restore a backup made by this version", where, current, known)
	}
	results, err := p.Up(ctx)
	// Two prepcord processes started together on a new SQLite database
	// both migrate it; SQLite runs their transactions one after the other,
	// so the second fails on a table the first just made. Each migration
	// is one transaction with its version row, so when the schema moved on
	// while this one failed, running again skips what the other applied.
	// A failure with no progress by anyone is a real one. (On PostgreSQL
	// the advisory lock keeps a second process waiting instead.)
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
		return fmt.Errorf("migrating database %s: %w", where, err)
	}
	for _, r := range results {
		log.Info("database migrated", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration)
	}
	return nil
}

// Migrations returns the embedded migration files of a dialect
// ("sqlite" or "postgres"). Each dialect keeps its own folder with the
// same versions: one schema, written in each database's own terms.
func Migrations(dialect string) fs.FS {
	sub, _ := fs.Sub(migrationFiles, "migrations/"+dialect)
	return sub
}
