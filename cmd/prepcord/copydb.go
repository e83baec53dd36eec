package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/prepcord/prepcord/store"
)

// cmdCopyDB copies a database into an empty one on the other backend: the
// upgrade path from SQLite to PostgreSQL, and back for a deployment that
// shrinks. Stop the bot first.
func cmdCopyDB(ctx context.Context, e *env, args []string) error {
	fsf := newFlags(e, "copy-db", "copy-db FROM TO  (each a SQLite file or a postgres:// URL; stop the bot first)")
	pos, err := parseFlags(fsf, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"give the database to copy and the empty one to copy into, e.g. prepcord copy-db prepcord.db postgres://prepcord@db/prepcord"}
	}
	from, to := pos[0], pos[1]
	if !store.IsPostgresURL(from) {
		if _, err := os.Stat(from); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no database at %s to copy", from)
		}
	}
	if from == to {
		return usageError{"copy-db needs two different databases"}
	}
	cfg, err := loadConfig(e.getenv)
	if err != nil {
		return err
	}
	log := cfg.quietLogger(e.stderr)
	src, err := store.Open(ctx, from, store.Options{Logger: log})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.Open(ctx, to, store.Options{Logger: log})
	if err != nil {
		return err
	}
	defer dst.Close()
	res, err := src.CopyTo(ctx, dst)
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(res.Tables))
	for t := range res.Tables {
		tables = append(tables, t)
	}
	slices.Sort(tables)
	for _, t := range tables {
		fmt.Fprintf(e.stdout, "%-28s %d rows\n", t, res.Tables[t])
	}
	fmt.Fprintf(e.stdout, "copied %d rows in %d tables from %s to %s; every table's row count checked\n",
		res.Rows(), len(tables), describeDB(from), describeDB(to))
	return nil
}

// describeDB names a database location fit to print: a PostgreSQL URL
// without its password.
func describeDB(location string) string {
	if store.IsPostgresURL(location) {
		return store.RedactURL(location)
	}
	return location
}
