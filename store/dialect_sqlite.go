package store

// This file holds what is specific to SQLite. Everything else in the
// package is portable SQL written with '?' placeholders and run through
// sqlx's Rebind, so that a PostgreSQL dialect file can take its place.

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

const driverName = "sqlite3"

const gooseDialect = goose.DialectSQLite3

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
// can produce a MATCH syntax error. It returns "" when no word is left.
func ftsQuery(text string) string {
	words := searchWords(text)
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = fmt.Sprintf("%s*", w)
	}
	return strings.Join(terms, " ")
}

// vacuumInto writes a consistent copy of the database to path.
func vacuumIntoSQL() string { return "VACUUM INTO ?" }
