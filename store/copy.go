package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
)

// CopyResult counts the rows copied per table.
type CopyResult struct {
	Tables map[string]int64
}

// Rows is the number of rows copied in all.
func (r CopyResult) Rows() int64 {
	var n int64
	for _, c := range r.Tables {
		n += c
	}
	return n
}

// parentTables are copied first: other tables' foreign keys refer to them.
var parentTables = []string{"questions", "mock_pairings", "plans"}

// CopyTo copies every row of every table of s into dst, which must be
// empty, keeping ids, history, streaks, pairings and feedback: e.g. from
// SQLite into a new PostgreSQL database, or back. Both were migrated by
// Open to the same schema. It runs in one transaction on dst, so dst is
// left empty when it fails, and it compares every table's row count in
// dst with s's before it commits. Nothing else may write to s meanwhile:
// stop the bot first.
func (s *Store) CopyTo(ctx context.Context, dst *Store) (CopyResult, error) {
	res := CopyResult{Tables: map[string]int64{}}
	tables, err := s.tables(ctx)
	if err != nil {
		return res, err
	}
	dstTables, err := dst.tables(ctx)
	if err != nil {
		return res, err
	}
	if !slices.Equal(tables, dstTables) {
		return res, errs.E(errs.Invalid, "the two databases have different tables: open both with this prepcord first")
	}
	for _, t := range tables {
		var n int64
		if err := dst.r.GetContext(ctx, &n, "SELECT count(*) FROM "+t); err != nil {
			return res, err
		}
		if n > 0 {
			return res, errs.E(errs.Conflict, "the target database is not empty (table %s has %d rows): copy-db only copies into an empty database", t, n)
		}
	}
	slices.SortStableFunc(tables, func(a, b string) int {
		return cmpBool(slices.Contains(parentTables, b), slices.Contains(parentTables, a))
	})
	err = dst.writeOnce(ctx, func(tx *sqlx.Tx) error {
		for _, t := range tables {
			n, err := s.copyTable(ctx, tx, t, "*")
			if err != nil {
				return fmt.Errorf("copying %s: %w", t, err)
			}
			res.Tables[t] = n
		}
		// The search index is the questions' text again, in the target's
		// own form (FTS4 or a tsvector).
		if _, err := s.copyTable(ctx, tx, "questions_fts", "docid, title, prompt, tags"); err != nil {
			return fmt.Errorf("copying the search index: %w", err)
		}
		for _, t := range tables {
			var n int64
			if err := tx.GetContext(ctx, &n, "SELECT count(*) FROM "+t); err != nil {
				return err
			}
			if n != res.Tables[t] {
				return errs.E(errs.Internal, "table %s has %d rows after the copy, want %d", t, n, res.Tables[t])
			}
		}
		if dst.dialect.name == "postgres" {
			return resetIdentities(ctx, tx)
		}
		return nil
	})
	return res, err
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// copyTable copies cols of table from s into tx's database and returns
// how many rows it copied.
func (s *Store) copyTable(ctx context.Context, tx *sqlx.Tx, table, cols string) (int64, error) {
	rows, err := s.r.QueryxContext(ctx, "SELECT "+cols+" FROM "+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	insert := "INSERT INTO " + table + " (" + strings.Join(names, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(names)-1) + ")"
	stmt, err := tx.PreparexContext(ctx, insert)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	var n int64
	for rows.Next() {
		vals, err := rows.SliceScan()
		if err != nil {
			return n, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b) // text, whichever way the driver read it
			}
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// tables lists the schema's tables, sorted, without the migrations' table
// and the search index (which CopyTo rebuilds).
func (s *shared) tables(ctx context.Context) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'questions_fts%' AND name <> ? ORDER BY name`
	if s.dialect.name == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
			AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'questions_fts%' AND table_name <> ? ORDER BY table_name`
	}
	var out []string
	err := s.r.SelectContext(ctx, &out, q, migrationTable)
	return out, err
}

// resetIdentities moves every identity column's sequence past the ids the
// copy brought, so that the next row gets a new one.
func resetIdentities(ctx context.Context, tx *sqlx.Tx) error {
	var cols []struct {
		Table  string `db:"table_name"`
		Column string `db:"column_name"`
	}
	if err := tx.SelectContext(ctx, &cols, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND is_identity = 'YES'`); err != nil {
		return err
	}
	for _, c := range cols {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'),
			COALESCE((SELECT max(%s) FROM %s), 0) + 1, false)`, c.Table, c.Column, c.Column, c.Table)); err != nil {
			return err
		}
	}
	return nil
}
