package daily

import (
	"context"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/prepcord/prepcord/bot/dailysetup"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// The scheduler of daily posts. robfig/cron only ticks a sweep every
// minute; what is due is decided by each server's next due instant, which
// schedule.NextAfter computes DST-correctly and the database stores. A cron
// entry per server in its own zone would skip a time inside a spring-forward
// gap and could fire twice in a fall-back hour.

const (
	// claimLease is how long a claimed post belongs to the process that
	// claimed it; after that another process (or a restarted one) takes
	// it over and finishes it.
	claimLease = 2 * time.Minute
	// maxPostAttempts bounds the attempts at a post (and at its thread)
	// across sweeps before it is recorded as failed.
	maxPostAttempts = 5
	// sendTries bounds the immediate retries of one REST call after a 5xx
	// or a network error, within one attempt.
	sendTries = 3
	// revealDelay is when a post's solution goes into its thread when no
	// newer post came first.
	revealDelay = 24 * time.Hour
	// bestDelay is how long after a post's reveal members vote on its
	// answers before the best one is chosen.
	bestDelay = 24 * time.Hour
	// maxCatchUpDates bounds how many past dates one sweep walks for a
	// server (after a very long downtime the rest are skipped silently).
	maxCatchUpDates = 400
	// sweepBatch is how many due servers one sweep reads at a time.
	sweepBatch = 500
)

// Start runs the minute sweep until ctx ends: once at Start (catching up
// after downtime), then at every minute.
func (f *Feature) Start(ctx context.Context) {
	c := cron.New(cron.WithLocation(time.UTC))
	sweep := func() {
		if err := f.Sweep(ctx); err != nil && ctx.Err() == nil {
			f.env.Log.Error("daily sweep", "err", err)
		}
	}
	if _, err := c.AddFunc("* * * * *", sweep); err != nil {
		f.env.Log.Error("daily scheduler", "err", err)
		return
	}
	c.Start()
	go sweep()
	<-ctx.Done()
	<-c.Stop().Done()
}

// Sweep does whatever daily work is due at the clock's time: it finishes posts
// whose claim went stale (a crash between claim and send, or a failed
// attempt), posts (or records as missed) every due scheduled post,
// creates missing threads, reveals solutions, posts members' answers into
// the threads of revealed posts and chooses best answers, and deletes expired saved
// filters (store.SavedFilterLifetime). One sweep runs at a time
// per process; several processes may sweep the same database.
func (f *Feature) Sweep(ctx context.Context) error {
	if !f.sweepMu.TryLock() {
		return nil
	}
	defer f.sweepMu.Unlock()
	return f.sweepLocked(ctx)
}

// SweepNow sweeps once, waiting for a sweep already under way to finish
// first rather than skipping: the caller has just moved the clock and
// wants what is due at the new time done.
func (f *Feature) SweepNow(ctx context.Context) error {
	f.sweepMu.Lock()
	defer f.sweepMu.Unlock()
	return f.sweepLocked(ctx)
}

// sweepLocked is Sweep's work; the caller holds sweepMu.
func (f *Feature) sweepLocked(ctx context.Context) error {
	if f.crashed() {
		return ErrCrashed
	}
	now := f.env.Now()
	f.env.MarkTick(now)
	var firstErr error
	keep := func(err error) {
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	// Only the servers on this process's gateway shards: another process
	// sweeps the others.
	mine := f.env.Shards()
	// Stale claims first: they are older than anything newly due.
	stale, err := f.days.StaleClaims(ctx, now.Add(-claimLease).UnixMilli(), sweepBatch, mine)
	keep(err)
	f.fanOut(ctx, len(stale), func(i int) { keep(f.recoverClaim(ctx, stale[i], now)) })
	for range 1000 {
		if f.crashed() || ctx.Err() != nil {
			break
		}
		due, err := f.days.DueConfigs(ctx, now.UnixMilli(), sweepBatch, mine)
		if err != nil || len(due) == 0 {
			keep(err)
			break
		}
		f.fanOut(ctx, len(due), func(i int) { keep(f.runDue(ctx, due[i], now)) })
		if len(due) < sweepBatch {
			break
		}
	}
	if !f.crashed() {
		threads, err := f.days.PendingThreads(ctx, maxPostAttempts, sweepBatch, mine)
		keep(err)
		f.fanOut(ctx, len(threads), func(i int) { keep(f.ensureThread(ctx, threads[i])) })
	}
	if !f.crashed() {
		reveals, err := f.days.DueReveals(ctx, now.Add(-revealDelay).UnixMilli(), now.Add(-claimLease).UnixMilli(), sweepBatch, mine)
		keep(err)
		f.fanOut(ctx, len(reveals), func(i int) { keep(f.reveal(ctx, reveals[i], now)) })
	}
	if !f.crashed() {
		f.sweepChampions(ctx, now, mine, keep)
	}
	if !f.crashed() {
		posts, err := f.answers.RevealedWithAnswers(ctx, now.Add(-claimLease).UnixMilli(), sweepBatch, mine)
		keep(err)
		f.fanOut(ctx, len(posts), func(i int) { keep(f.postAnswers(ctx, posts[i], now)) })
	}
	if !f.crashed() {
		due, err := f.answers.DueBest(ctx, now.Add(-bestDelay).UnixMilli(), now.Add(-claimLease).UnixMilli(), sweepBatch, mine)
		keep(err)
		f.fanOut(ctx, len(due), func(i int) { keep(f.announceBest(ctx, due[i], now)) })
	}
	if f.crashed() {
		return ErrCrashed
	}
	// Housekeeping that belongs to no server rides on the same tick: the
	// filters saved for long /question and /questions buttons expire.
	_, err = f.history.ExpireSavedFilters(ctx, now)
	keep(err)
	return firstErr
}

// fanOut runs job(0..n-1) on f.workers goroutines. The REST calls inside
// are paced by the bot's REST client (this process's share of Discord's
// global rate limit, bot.Config.GlobalRate), so many servers due in the
// same minute go out as fast as that share allows and no faster.
func (f *Feature) fanOut(ctx context.Context, n int, job func(i int)) {
	workers := min(max(f.workers, 1), n)
	if workers <= 1 {
		for i := range n {
			if ctx.Err() != nil || f.crashed() {
				return
			}
			job(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				job(i)
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil || f.crashed() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// scheduleOf turns a stored config into a Schedule.
func scheduleOf(c *store.DailyConfig) (schedule.Schedule, error) { return dailysetup.ScheduleOf(c) }

// runDue handles one feed whose next post is due: every due date up to
// now is either claimed and posted (on time or late, within the catch-up
// window) or recorded as missed, and the schedule moves on.
func (f *Feature) runDue(ctx context.Context, cfg *store.DailyConfig, now time.Time) error {
	sch, err := scheduleOf(cfg)
	if err != nil {
		return f.days.SetError(ctx, cfg.GuildID, cfg.Feed, "The schedule cannot be read ("+err.Error()+"): run /daily setup again.", now.UnixMilli())
	}
	due, date := time.UnixMilli(cfg.NextDue), cfg.NextDate
	for range maxCatchUpDates {
		if due.IsZero() || due.After(now) || f.crashed() {
			return nil
		}
		nextDue, nextDate := sch.NextAfter(due)
		claim := store.DailyClaim{
			GuildID: cfg.GuildID, Feed: cfg.Feed, LocalDate: date, DueAt: due.UnixMilli(), ChannelID: cfg.ChannelID,
			By: f.instance, At: now.UnixMilli(),
			Advance: true, FromDue: due.UnixMilli(), NextDue: unixMilliOrZero(nextDue), NextDate: dateOrEmpty(nextDate),
		}
		switch d := schedule.Decide(due, now, f.cfg.CatchUpWindow); d {
		case schedule.Missed:
			if _, err := f.days.Mark(ctx, claim, store.DailyMissed); err != nil {
				return err
			}
		default:
			claim.Late = d == schedule.Late
			p, ok, err := f.days.Claim(ctx, claim)
			switch {
			case errs.CodeOf(err) == errs.NotFound:
				if err := f.days.SetError(ctx, cfg.GuildID, cfg.Feed, "No question matches this server's filters, so nothing was posted: run /daily setup with other filters.", now.UnixMilli()); err != nil {
					return err
				}
			case err != nil:
				return err
			case ok:
				if f.at("claimed", p) {
					return ErrCrashed
				}
				if err := f.send(ctx, p, now, false); err != nil {
					return err
				}
			}
		}
		due, date = nextDue, dateOrEmpty(nextDate)
	}
	// A very long downtime: jump to the next post after now.
	nd, ndate := sch.NextAfter(now)
	_, err = f.days.Advance(ctx, cfg.GuildID, cfg.Feed, due.UnixMilli(), unixMilliOrZero(nd), dateOrEmpty(ndate))
	return err
}

// recoverClaim finishes a post whose claim went stale: its process died
// between claim and send (or after sending, before recording), or an
// attempt failed. It takes the claim over, then looks for the message
// (the send may have happened) before sending again with the same nonce.
func (f *Feature) recoverClaim(ctx context.Context, p *store.DailyPost, now time.Time) error {
	ok, err := f.days.TakeOver(ctx, p, f.instance, now.UnixMilli())
	if err != nil || !ok {
		return err
	}
	p.ClaimedBy, p.ClaimedAt = f.instance, now.UnixMilli()
	if f.at("takeover", p) {
		return ErrCrashed
	}
	if schedule.Decide(time.UnixMilli(p.DueAt), now, f.cfg.CatchUpWindow) == schedule.Missed && !p.Manual {
		// Too late to post; but the earlier attempt may have gone out.
		if id := f.findPosted(ctx, p); id != "" {
			return f.days.MarkSent(ctx, p.ID, id, p.Late, now.UnixMilli())
		}
		return f.days.MarkMissed(ctx, p.ID)
	}
	if schedule.Decide(time.UnixMilli(p.DueAt), now, f.cfg.CatchUpWindow) == schedule.Late && !p.Manual {
		p.Late = true
	}
	return f.send(ctx, p, now, true)
}

func unixMilliOrZero(t time.Time) int64 { return dailysetup.UnixMilliOrZero(t) }

func dateOrEmpty(d schedule.Date) string { return dailysetup.DateOrEmpty(d) }
