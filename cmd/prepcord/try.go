package main

import (
	"context"
	"errors"
)

func cmdTry(ctx context.Context, e *env, args []string) error {
	return errors.New("not yet available")
}
