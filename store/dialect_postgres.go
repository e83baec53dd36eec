package store

// This file holds what is specific to PostgreSQL: the pgx driver under
// database/sql, '?' placeholders rewritten to $n, full-text search over a
// tsvector, and SERIALIZABLE write transactions that run again when they
// lose a race with another process.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/prepcord/prepcord/errs"
)

// postgresWriteConns is the size of a PostgreSQL store's write pool.
// Writes run side by side there; SERIALIZABLE keeps their outcome that of
// one after the other.
const postgresWriteConns = 8

// postgresDialect is PostgreSQL's dialect.
func postgresDialect() *dialect {
	return &dialect{
		name:         "postgres",
		gooseDialect: goose.DialectPostgres,
		gooseOptions: func() ([]goose.ProviderOption, error) {
			// Processes starting together migrate one at a time: the
			// others wait on the advisory lock, then find nothing to do.
			l, err := lock.NewPostgresSessionLocker()
			if err != nil {
				return nil, err
			}
			return []goose.ProviderOption{goose.WithSessionLocker(l)}, nil
		},
		ftsMatch: "doc @@ to_tsquery('simple', ?)",
		ftsQuery: tsQuery,
		writeTx:  &sql.TxOptions{Isolation: sql.LevelSerializable},
		retry: func(err error) bool {
			// serialization_failure and deadlock_detected.
			return pgCode(err) == "40001" || pgCode(err) == "40P01"
		},
	}
}

// pgCode returns the SQLSTATE of a PostgreSQL error, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// tsQuery turns free text typed by a member into a safe tsquery: each
// word a prefix term, all of which must match. Words are letters and
// digits only (see searchWords), so no input is a tsquery syntax error.
func tsQuery(text string) string {
	words := searchWords(text)
	if len(words) == 0 {
		return noMatchWord
	}
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = w + ":*"
	}
	return strings.Join(terms, " & ")
}

// urlSecretParams are the query parameters of a PostgreSQL URL that hold
// a secret (libpq and pgx read both).
var urlSecretParams = []string{"password", "sslpassword"}

// IsURLSecretParam reports whether a PostgreSQL URL's query parameter
// holds a secret.
func IsURLSecretParam(key string) bool {
	return slices.Contains(urlSecretParams, strings.ToLower(key))
}

// RedactURL returns a database URL fit to print: its password, in the
// user part or a query parameter, replaced by ***
// (postgres://prepcord:***@db:5432/prepcord). A value that does not parse
// gives a placeholder.
func RedactURL(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.Scheme == "" {
		return "[DATABASE_URL not shown]"
	}
	var b strings.Builder
	b.WriteString(u.Scheme + "://")
	if u.User != nil {
		b.WriteString(url.User(u.User.Username()).String())
		if _, ok := u.User.Password(); ok {
			b.WriteString(":***")
		}
		b.WriteString("@")
	}
	b.WriteString(u.Host)
	b.WriteString(u.EscapedPath())
	if u.RawQuery != "" {
		q := u.Query()
		sep := "?"
		for _, k := range slices.Sorted(maps.Keys(q)) {
			for _, val := range q[k] {
				if IsURLSecretParam(k) {
					val = "***"
				} else {
					val = url.QueryEscape(val)
				}
				b.WriteString(sep + url.QueryEscape(k) + "=" + val)
				sep = "&"
			}
		}
	}
	return b.String()
}

// openPostgres connects to the PostgreSQL database at location and
// migrates it.
func openPostgres(ctx context.Context, location string, opts Options) (*shared, error) {
	where := RedactURL(location)
	cfg, err := pgx.ParseConfig(location)
	if err != nil {
		return nil, errs.E(errs.Invalid, "DATABASE_URL %s is not a valid PostgreSQL URL", where)
	}
	w := sqlx.NewDb(sql.OpenDB(rebindConnector{stdlib.GetConnector(*cfg), &sync.Map{}}), "pgx")
	w.SetMaxOpenConns(postgresWriteConns)
	w.SetMaxIdleConns(postgresWriteConns)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, errs.E(errs.Invalid, "cannot reach the PostgreSQL database at %s: %s", where, pgReason(err))
	}
	// goose writes its own placeholders and booleans: it migrates through
	// a plain pgx connection.
	mdb := stdlib.OpenDB(*cfg)
	err = migrateDB(ctx, mdb, postgresDialect(), where, opts.Logger)
	mdb.Close()
	if err != nil {
		w.Close()
		return nil, err
	}
	rcfg := cfg.Copy()
	if rcfg.RuntimeParams == nil {
		rcfg.RuntimeParams = map[string]string{}
	}
	rcfg.RuntimeParams["default_transaction_read_only"] = "on"
	r := sqlx.NewDb(sql.OpenDB(rebindConnector{stdlib.GetConnector(*rcfg), &sync.Map{}}), "pgx")
	r.SetMaxOpenConns(opts.ReadConns)
	r.SetMaxIdleConns(opts.ReadConns)
	return &shared{w: w, r: r, path: location, dialect: postgresDialect()}, nil
}

// pgReason is the part of a connection error worth showing: the server's
// message, or the network's, never the connection string.
func pgReason(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	msg := err.Error()
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		msg = errors.Unwrap(ce).Error()
	}
	// pgx joins one line per address it tried: the first says enough.
	first, _, _ := strings.Cut(msg, "\n")
	return first
}

// rebindConnector hands out pgx connections that take prepcord's '?'
// placeholders. Its connections share one cache of rewritten queries:
// prepcord's queries are a fixed set.
type rebindConnector struct {
	driver.Connector
	rebound *sync.Map
}

func (c rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &rebindConn{Conn: conn.(*stdlib.Conn), rebound: c.rebound}, nil
}

// rebindConn is a pgx connection whose queries are rewritten from '?' to
// $1, $2… before they reach the server. The rest of its methods are
// pgx's own.
type rebindConn struct {
	*stdlib.Conn
	rebound *sync.Map
}

// rebind returns query with $n placeholders, from the cache when it was
// seen before.
func (c *rebindConn) rebind(query string) string {
	if v, ok := c.rebound.Load(query); ok {
		return v.(string)
	}
	out := rebind(query)
	c.rebound.Store(query, out)
	return out
}

func (c *rebindConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, c.rebind(query))
}

func (c *rebindConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, c.rebind(query), pgArgs(args))
}

func (c *rebindConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, c.rebind(query), pgArgs(args))
}

// pgArgs passes booleans as 0 and 1: prepcord's flags are integer
// columns on both databases. PostgreSQL's text cannot hold the NUL
// character (SQLite's can) nor invalid UTF-8, so text is stored with
// U+FFFD in their place: member text with a NUL in it is kept, not refused
// with an internal error.
func pgArgs(args []driver.NamedValue) []driver.NamedValue {
	for i, a := range args {
		switch v := a.Value.(type) {
		case bool:
			args[i].Value = int64(0)
			if v {
				args[i].Value = int64(1)
			}
		case string:
			if strings.IndexByte(v, 0) >= 0 || !utf8.ValidString(v) {
				args[i].Value = strings.ReplaceAll(strings.ToValidUTF8(v, "\uFFFD"), "\x00", "\uFFFD")
			}
		}
	}
	return args
}

// rebind rewrites '?' placeholders to $1, $2… outside quoted text and
// comments.
func rebind(query string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		switch c := query[i]; c {
		case '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		case '\'', '"':
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				b.WriteString(query[i:])
				i = len(query)
				continue
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
			continue
		case '-':
			if strings.HasPrefix(query[i:], "--") {
				j := strings.IndexByte(query[i:], '\n')
				if j < 0 {
					j = len(query) - i - 1
				}
				b.WriteString(query[i : i+j+1])
				i += j
				continue
			}
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// backupPostgres refuses: a PostgreSQL database is backed up with its own
// tools.
func backupPostgres() error {
	return errs.E(errs.Invalid, "prepcord backs up SQLite files only; back up a PostgreSQL database with pg_dump (or `prepcord copy-db` into a SQLite file)")
}

// integrityPostgres reads every table of the schema through: PostgreSQL
// checks its own pages as it reads them, so a damaged table fails here.
func integrityPostgres(ctx context.Context, db *sqlx.DB) (string, error) {
	var tables []string
	if err := db.SelectContext(ctx, &tables, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`); err != nil {
		return "", err
	}
	for _, t := range tables {
		var n int64
		if err := db.GetContext(ctx, &n, fmt.Sprintf("SELECT count(*) FROM %s", pgx.Identifier{t}.Sanitize())); err != nil {
			return fmt.Sprintf("table %s: %v", t, err), nil
		}
	}
	return "ok", nil
}
