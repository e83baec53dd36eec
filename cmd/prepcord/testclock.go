package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"
)

// The test clock is a hook for prepcord's own multi-process tests, not a
// setting: PREPCORD_TEST_CLOCK_FILE names a file holding a Go duration
// ("26h30m") that the process adds to the real time, for the bot and its
// database alike. The file is read at start and watched; when its offset
// changes the process does the background work due at the new time at once
// (as `prepcord try` does when its console moves the clock), so that a test
// can run several `prepcord run` processes through simulated days together.
// It is refused unless PREPCORD_TEST=1 is set too, so that a stray variable
// cannot move a real deployment's clock.
const (
	testClockEnv = "PREPCORD_TEST_CLOCK_FILE"
	testEnv      = "PREPCORD_TEST"
)

// testClock is the real time plus the offset in a file.
type testClock struct {
	path   string
	offset atomic.Int64 // nanoseconds
}

// newTestClock returns the test clock PREPCORD_TEST_CLOCK_FILE asks for, or
// nil when it is unset.
func newTestClock(getenv func(string) string) (*testClock, error) {
	path := strings.TrimSpace(getenv(testClockEnv))
	if path == "" {
		return nil, nil
	}
	if getenv(testEnv) != "1" {
		return nil, errors.New(testClockEnv + " moves the clock for prepcord's own tests and is refused without " + testEnv + "=1; unset it")
	}
	c := &testClock{path: path}
	d, err := c.read()
	if err != nil {
		return nil, err
	}
	c.offset.Store(int64(d))
	return c, nil
}

func (c *testClock) read() (time.Duration, error) {
	b, err := os.ReadFile(c.path)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", testClockEnv, err)
	}
	d, err := time.ParseDuration(strings.TrimSpace(string(b)))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", testClockEnv, err)
	}
	return d, nil
}

// Now is the real time plus the offset.
func (c *testClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// watch rereads the file every 20 ms until ctx ends and calls due after each
// change of the offset (a file being rewritten is read again next time).
func (c *testClock) watch(ctx context.Context, due func(context.Context) error) {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		d, err := c.read()
		if err != nil || int64(d) == c.offset.Load() {
			continue
		}
		c.offset.Store(int64(d))
		_ = due(ctx)
	}
}
