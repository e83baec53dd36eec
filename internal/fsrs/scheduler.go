package fsrs

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Card is one member's memory of one question. The zero Card is a new card,
// never reviewed. Store all of it; Review returns the next one.
type Card struct {
	// Due is when the card should next be reviewed.
	Due time.Time
	// Stability is the number of days after which recall has fallen to 90%.
	Stability float64
	// Difficulty is how hard the card is to raise stability on, 1…10.
	Difficulty float64
	// Reps counts reviews; Lapses counts Again ratings after the first review.
	Reps, Lapses int
	// State is New until the first review, then Review.
	State State
	// LastReview is when the card was last reviewed; zero for a new card.
	LastReview time.Time
}

// Outcome is what one rating would do to a card: the card Review would
// return and the interval to its next review, in days.
type Outcome struct {
	Rating Rating
	Card   Card
	Days   int
}

// Scheduler schedules reviews with FSRS-6. Its methods are pure: they read
// the Scheduler, the card and the time they are given, nothing else, so a
// Scheduler is safe to share between goroutines.
type Scheduler struct {
	// Params are the model weights w0…w20. DefaultParams gives the
	// published defaults; weights optimised on prepcord's own review logs
	// (by the reference optimiser) can replace them. A weight outside the
	// optimiser's bounds is clamped to them, a NaN one replaced by its default.
	Params [NumParams]float64
	// DesiredRetention is the probability of recall at which a review falls
	// due, in (0, 1]: higher means shorter intervals. Outside that range,
	// DefaultDesiredRetention is used.
	DesiredRetention float64
	// MaximumInterval caps an interval, in days. Zero or less means
	// DefaultMaximumInterval, which is also the largest value honoured.
	MaximumInterval int
	// Fuzz spreads intervals of 3 days and more over a small range around
	// them (±1 day at 3 days, about ±5% past 20), so questions practised
	// together do not keep falling due together.
	Fuzz bool
	// Seed is the random source of the fuzz. The fuzz is drawn from a hash
	// of Seed, the card's last review, repetitions and memory state, and the
	// review's calendar day, so it is deterministic: the same card reviewed
	// on the same day gets the same interval, which keeps the intervals
	// Preview shows on the buttons equal to the ones Review then gives. Give
	// every card its own seed (a hash of member and question, say) for new
	// cards reviewed on the same day to be spread too.
	Seed uint64
}

// Default returns the reference scheduler's defaults: the FSRS-6 default
// weights, 90% desired retention, a maximum interval of 36500 days and no
// fuzz (the default of ts-fsrs and go-fsrs, whose long-term scheduler this
// is). Turn Fuzz on and set Seed for use with members.
func Default() Scheduler {
	return Scheduler{
		Params:           DefaultParams(),
		DesiredRetention: DefaultDesiredRetention,
		MaximumInterval:  DefaultMaximumInterval,
	}
}

// Validate reports settings that Review would have to correct: a weight
// that is not finite or outside its bounds, a desired retention outside
// (0, 1], a maximum interval outside 1…36500. Use it on configuration.
func (s Scheduler) Validate() error {
	errs := validateParams(s.Params)
	if !(s.DesiredRetention > 0 && s.DesiredRetention <= 1) {
		errs = append(errs, fmt.Errorf("fsrs: desired retention %v is outside (0, 1]", s.DesiredRetention))
	}
	if s.MaximumInterval < 1 || s.MaximumInterval > DefaultMaximumInterval {
		errs = append(errs, fmt.Errorf("fsrs: maximum interval %d is outside 1…%d days", s.MaximumInterval, DefaultMaximumInterval))
	}
	return errors.Join(errs...)
}

// settings are a Scheduler's values made safe to compute with.
type settings struct {
	model
	retention float64
	maxIvl    int
	perDay    float64 // interval(1, retention): the interval is this times S
}

func (s Scheduler) settings() settings {
	st := settings{model: newModel(s.Params), retention: s.DesiredRetention, maxIvl: s.MaximumInterval}
	if !(st.retention > 0 && st.retention <= 1) {
		st.retention = DefaultDesiredRetention
	}
	if st.maxIvl < 1 || st.maxIvl > DefaultMaximumInterval {
		st.maxIvl = DefaultMaximumInterval
	}
	st.perDay = st.interval(1, st.retention)
	return st
}

// memory returns the card's stability and difficulty, clamped to their
// bounds, and whether it has any: a new card, or one whose stored state is
// not usable (zero, negative or not finite), has none and is scheduled as
// if reviewed for the first time.
func memory(c Card) (s, d float64, ok bool) {
	if c.State == New || !(c.Stability > 0) || math.IsInf(c.Stability, 0) ||
		math.IsNaN(c.Difficulty) || math.IsInf(c.Difficulty, 0) {
		return 0, 0, false
	}
	return clampStability(c.Stability), clampDifficulty(c.Difficulty), true
}

// ElapsedDays is the number of calendar days from the card's last review to
// now, counted in now's location (FSRS's unit of time is the day: two
// reviews on the same day are 0 days apart, one at 23:00 and one at 01:00
// the next day are 1 apart). It is 0 for a new card and for a now before
// the last review. Pass now in the server's time zone for days to turn at
// its midnight; UTC, as the reference does, otherwise.
func ElapsedDays(c Card, now time.Time) int {
	if c.State == New || c.LastReview.IsZero() {
		return 0
	}
	return max(calendarDays(c.LastReview, now), 0)
}

// calendarDays is the number of midnights in to's location from from to to.
func calendarDays(from, to time.Time) int {
	y1, m1, d1 := from.In(to.Location()).Date()
	y2, m2, d2 := to.Date()
	a := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC).Unix()
	b := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Unix()
	return int((b - a) / 86400)
}

// Retrievability is the probability, by FSRS's forgetting curve, that the
// member recalls the card now: 1 just after a review, the desired retention
// when it falls due, lower after. Time is counted in whole days, as Review
// counts it (see ElapsedDays). A new card has 0.
func (s Scheduler) Retrievability(c Card, now time.Time) float64 {
	stab, _, ok := memory(c)
	if !ok {
		return 0
	}
	return s.settings().retrievability(float64(ElapsedDays(c, now)), stab)
}

// Review returns the card after the member rates it r at now. It is pure:
// c is not changed, and the same arguments always give the same card.
//
// The card's state becomes Review, Reps grows by one, Lapses by one for
// Again on a card reviewed before, LastReview becomes now and Due the
// interval's number of calendar days after now, at the same clock time.
// A rating that is not Again…Easy leaves the card as it is.
func (s Scheduler) Review(c Card, r Rating, now time.Time) Card {
	if !r.Valid() {
		return c
	}
	return s.Preview(c, now)[r-1].Card
}

// Preview returns what each rating, Again to Easy, would do to the card if
// rated at now: the card Review would return and its interval in days, for
// labelling the buttons ("Good · 3d", see FormatDays).
//
// As in the reference long-term scheduler, the four intervals are made to
// grow with the rating, Again < Hard < Good < Easy, each at least one day
// more than the one before, unless the maximum interval caps them.
func (s Scheduler) Preview(c Card, now time.Time) [4]Outcome {
	st := s.settings()
	stab, diff, known := memory(c)
	elapsed := 0
	rt := 1.0
	if known {
		elapsed = ElapsedDays(c, now)
		rt = st.retrievability(float64(elapsed), stab)
	}

	var out [4]Outcome
	var days [4]int
	u := -1.0
	if s.Fuzz {
		u = fuzzFraction(s.Seed, c, now)
	}
	for i, r := range Ratings() {
		next := c
		next.State = Review
		next.Reps = c.Reps + 1
		next.LastReview = now
		switch {
		case !known:
			next.Stability = st.initStability(r)
			next.Difficulty = st.initDifficulty(r)
		case r == Again:
			next.Stability = st.forgetStability(diff, stab, rt)
			next.Difficulty = st.nextDifficulty(diff, r)
			next.Lapses = c.Lapses + 1
		default:
			next.Stability = st.recallStability(diff, stab, rt, r)
			next.Difficulty = st.nextDifficulty(diff, r)
		}
		days[i] = st.days(next.Stability, elapsed, u)
		out[i] = Outcome{Rating: r, Card: next}
	}

	days[0] = min(days[0], days[1])
	days[1] = max(days[1], days[0]+1)
	days[2] = max(days[2], days[1]+1)
	days[3] = max(days[3], days[2]+1)
	for i := range out {
		d := min(days[i], st.maxIvl)
		out[i].Days = d
		out[i].Card.Due = now.AddDate(0, 0, d)
	}
	return out
}

// days is the interval for stability stab: the days until recall falls to
// the desired retention, rounded, at least 1, at most the maximum interval,
// then fuzzed with u in [0, 1) unless u is negative.
func (st settings) days(stab float64, elapsed int, u float64) int {
	ivl := stab * st.perDay
	if !(ivl < float64(st.maxIvl)) { // also catches NaN
		ivl = float64(st.maxIvl)
	}
	n := max(int(math.Round(ivl)), 1)
	if u < 0 {
		return n
	}
	return fuzz(n, elapsed, st.maxIvl, u)
}
