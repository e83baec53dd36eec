package main

import (
	"errors"
	"net/url"
	"strings"

	"github.com/prepcord/prepcord/store"
)

// dbURLExample is the form DATABASE_URL's messages show.
const dbURLExample = "postgres://prepcord:PASSWORD@db.example:5432/prepcord"

// checkDatabaseURL validates DATABASE_URL: a postgres:// or postgresql://
// URL (PostgreSQL as pgx reads it; a Unix socket is written
// postgres:///prepcord?host=/run/postgresql). Its errors never quote the
// value nor url.Parse's message, which quotes it: the value holds the
// database password.
func checkDatabaseURL(v string) error {
	u, err := url.Parse(v)
	if err != nil {
		return errors.New("DATABASE_URL is not a valid URL, e.g. " + dbURLExample + " (a password with @ : / ? # or % in it must be percent-encoded; the value is not shown)")
	}
	switch u.Scheme {
	case "postgres", "postgresql":
	default:
		// The scheme is named only when it is plainly one (scheme://):
		// in "user:password@host" the user name parses as a scheme.
		if u.Scheme != "" && strings.HasPrefix(v, u.Scheme+"://") {
			return errors.New("DATABASE_URL must be a postgres:// or postgresql:// URL, not " + u.Scheme + "://: prepcord keeps its data in PostgreSQL or, with DATABASE_URL empty, in SQLite at DATABASE_PATH (the value is not shown)")
		}
		return errors.New("DATABASE_URL must start with postgres:// or postgresql://, e.g. " + dbURLExample + "; leave it empty to keep SQLite at DATABASE_PATH (the value is not shown)")
	}
	if u.Opaque != "" {
		return errors.New("DATABASE_URL must be written " + dbURLExample + ", with // after the scheme (the value is not shown)")
	}
	if u.Fragment != "" {
		return errors.New("DATABASE_URL has a # in it: a password with # must be percent-encoded as %23 (the value is not shown)")
	}
	return nil
}

// databaseSecrets returns the passwords a DATABASE_URL holds, in the user
// part or a query parameter, as written (percent-encoded) and decoded, so
// that messages can hide each form. It reads the value as text, without
// parsing it as a URL, so that a malformed value's password is found too.
func databaseSecrets(v string) []string {
	var out []string
	add := func(raw string, unescape func(string) (string, error)) {
		if raw == "" {
			return
		}
		out = append(out, raw)
		if dec, err := unescape(raw); err == nil && dec != raw {
			out = append(out, dec)
		}
	}
	if _, rest, ok := strings.Cut(v, "://"); ok {
		if i := strings.LastIndex(rest, "@"); i >= 0 {
			if _, pw, ok := strings.Cut(rest[:i], ":"); ok {
				add(pw, url.PathUnescape)
			}
		}
	}
	if _, query, ok := strings.Cut(v, "?"); ok {
		query, _, _ = strings.Cut(query, "#")
		for _, part := range strings.Split(query, "&") {
			if k, raw, ok := strings.Cut(part, "="); ok && store.IsURLSecretParam(k) {
				add(raw, url.QueryUnescape)
			}
		}
	}
	return out
}
