package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/prepcord/prepcord/errs"
)

func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"unexpected EOF, wrapped", fmt.Errorf("mock join: %w", io.ErrUnexpectedEOF), true},
		{"admin shutdown", &pgconn.PgError{Code: "57P01"}, true},
		{"cannot connect now", errs.Wrap(errs.Internal, &pgconn.PgError{Code: "57P03"}, "x"), true},
		{"connection failure class", &pgconn.PgError{Code: "08006"}, true},
		{"pgx dial", errors.New("failed to connect to `user=postgres database=prepcord`: dial error"), true},
		{"unique violation", &pgconn.PgError{Code: "23505"}, false},
		{"serialization", &pgconn.PgError{Code: "40001"}, false},
		{"canceled", context.Canceled, false},
		{"invalid input", errs.E(errs.Invalid, "no such question"), false},
	} {
		if got := Unavailable(c.err); got != c.want {
			t.Errorf("%s: Unavailable(%v) = %v, want %v", c.name, c.err, got, c.want)
		}
	}
}
