package daily

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/prepcord/prepcord/store"
)

// Option changes how the feature runs. prepcord runs it with none; tests
// use them to simulate crashes, to record deliveries instead of sending
// them, and to retry and send without waiting.
type Option func(*Feature)

// WithHook calls hook at each stage of a post: "claimed", "sent" (before
// the message is recorded), "recorded", "threaded", "revealing" (after each
// part of a reveal) and "takeover" (of a stale claim). When hook returns
// true the process "dies" there: the feature does nothing more, as a dead
// process would, and its sweeps return ErrCrashed.
func WithHook(hook func(stage string, p *store.DailyPost) bool) Option {
	return func(f *Feature) { f.simulated().hook = hook }
}

// WithDelivery replaces the delivery of a claimed post to Discord (the
// message, its record and its thread) by deliver; recovering means an
// earlier attempt at the post may have gone out.
func WithDelivery(deliver func(ctx context.Context, p *store.DailyPost, now time.Time, recovering bool) error) Option {
	return func(f *Feature) { f.simulated().deliver = deliver }
}

// WithBackoff sets the wait before the retries of a REST call that failed
// transiently: d, then 2d (500 ms by default).
func WithBackoff(d time.Duration) Option {
	return func(f *Feature) { f.backoff = d }
}

// ErrCrashed is what sweeps return once a WithHook hook simulated a crash.
var ErrCrashed = errors.New("daily: simulated crash")

// simulation is what the test options set: the hook, its crash, and the
// delivery that replaces Discord.
type simulation struct {
	hook    func(stage string, p *store.DailyPost) bool
	deliver func(ctx context.Context, p *store.DailyPost, now time.Time, recovering bool) error
	crashed atomic.Bool
}

func (f *Feature) simulated() *simulation {
	if f.sim == nil {
		f.sim = &simulation{}
	}
	return f.sim
}

// at runs the hook for a stage; true means the process "died" here.
func (f *Feature) at(stage string, p *store.DailyPost) bool {
	if f.sim == nil {
		return false
	}
	if f.sim.crashed.Load() {
		return true
	}
	if f.sim.hook != nil && f.sim.hook(stage, p) {
		f.sim.crashed.Store(true)
		return true
	}
	return false
}

// crashed reports whether a hook simulated a crash.
func (f *Feature) crashed() bool { return f.sim != nil && f.sim.crashed.Load() }

// send delivers a claimed post (see deliver).
func (f *Feature) send(ctx context.Context, p *store.DailyPost, now time.Time, recovering bool) error {
	if f.sim != nil && f.sim.deliver != nil {
		return f.sim.deliver(ctx, p, now, recovering)
	}
	return f.deliver(ctx, p, now, recovering)
}
