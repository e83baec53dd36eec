package fsrs

import (
	"fmt"
	"math"
)

// NumParams is the number of FSRS-6 model weights, w0…w20.
const NumParams = 21

// Bounds of the memory state, as in the reference implementations.
const (
	MinStability  = 0.001   // days
	MaxStability  = 36500.0 // days
	MinDifficulty = 1.0
	MaxDifficulty = 10.0
)

// DefaultDesiredRetention and DefaultMaximumInterval are the reference
// scheduler's defaults: schedule a review when recall has dropped to 90%,
// and never more than 100 years ahead.
const (
	DefaultDesiredRetention = 0.9
	DefaultMaximumInterval  = 36500 // days
)

// DefaultParams returns the FSRS-6 default weights, w0…w20, as published by
// the reference implementations (py-fsrs DEFAULT_PARAMETERS, fsrs-rs
// DEFAULT_PARAMETERS, ts-fsrs default_w). They were fitted on a large
// collection of Anki review logs and are what FSRS uses before a
// collection's own weights have been optimised.
func DefaultParams() [NumParams]float64 {
	return [NumParams]float64{
		0.212, 1.2931, 2.3065, 8.2956, // w0–w3: initial stability for Again, Hard, Good, Easy
		6.4133, 0.8334, // w4, w5: initial difficulty
		3.0194, 0.001, // w6: difficulty change per grade, w7: mean reversion
		1.8722, 0.1666, 0.796, // w8–w10: stability after a success
		1.4835, 0.0614, 0.2629, 1.6483, // w11–w14: stability after a lapse
		0.6014, 1.8729, // w15: Hard penalty, w16: Easy bonus
		0.5425, 0.0912, 0.0658, // w17–w19: same-day reviews (unused by the long-term scheduler)
		0.1542, // w20: decay of the forgetting curve
	}
}

// paramBounds returns the range each weight must lie in: the bounds the
// reference optimiser clips to (py-fsrs LOWER_BOUNDS_PARAMETERS and
// UPPER_BOUNDS_PARAMETERS).
func paramBounds() [NumParams][2]float64 {
	return [NumParams][2]float64{
		{MinStability, 100}, {MinStability, 100}, {MinStability, 100}, {MinStability, 100},
		{1, 10}, {0.001, 4}, {0.001, 4}, {0.001, 0.75},
		{0, 4.5}, {0, 0.8}, {0.001, 3.5},
		{0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4},
		{0, 1}, {1, 6},
		{0, 2}, {0, 2}, {0, 0.8},
		{0.1, 0.8},
	}
}

// model is the FSRS-6 memory model for one set of weights, with the two
// constants of its forgetting curve worked out once.
type model struct {
	w      [NumParams]float64
	decay  float64 // -w20
	factor float64 // 0.9^(1/decay) - 1, so that R(S) = 0.9
	d0Easy float64 // D0(Easy), unclamped: the target of the mean reversion
}

// newModel builds the model for w. A weight that is NaN takes its default
// value and one out of range is clamped to its bounds, so the model is
// always defined (Scheduler.Validate reports both).
func newModel(w [NumParams]float64) model {
	def := DefaultParams()
	for i, b := range paramBounds() {
		if math.IsNaN(w[i]) {
			w[i] = def[i]
		}
		w[i] = min(max(w[i], b[0]), b[1])
	}
	decay := -w[20]
	m := model{w: w, decay: decay, factor: math.Pow(0.9, 1/decay) - 1}
	m.d0Easy = m.initDifficultyRaw(Easy)
	return m
}

// validateParams reports the weights that are not finite or out of range.
func validateParams(w [NumParams]float64) []error {
	var errs []error
	for i, b := range paramBounds() {
		if !(w[i] >= b[0] && w[i] <= b[1]) {
			errs = append(errs, fmt.Errorf("fsrs: weight w%d = %v is outside [%v, %v]", i, w[i], b[0], b[1]))
		}
	}
	return errs
}

// retrievability is the forgetting curve: the probability of recall t days
// after a review that left stability s, R = (1 + factor·t/s)^decay.
func (m model) retrievability(t, s float64) float64 {
	return math.Pow(1+m.factor*t/s, m.decay)
}

// interval is the number of days, unrounded, after which recall falls to
// the desired retention: the forgetting curve solved for t.
func (m model) interval(s, retention float64) float64 {
	return s / m.factor * (math.Pow(retention, 1/m.decay) - 1)
}

// initStability is the stability after a card's first review: w0…w3.
func (m model) initStability(r Rating) float64 {
	return clampStability(m.w[r-1])
}

// initDifficultyRaw is D0(G) = w4 - e^(w5·(G-1)) + 1, unclamped: the mean
// reversion target uses D0(Easy) as it is.
func (m model) initDifficultyRaw(r Rating) float64 {
	return m.w[4] - math.Exp(m.w[5]*float64(r-1)) + 1
}

// initDifficulty is the difficulty after a card's first review.
func (m model) initDifficulty(r Rating) float64 {
	return clampDifficulty(m.initDifficultyRaw(r))
}

// nextDifficulty moves d by -w6·(G-3), damped linearly as d nears 10, then
// reverts it by w7 towards D0(Easy).
func (m model) nextDifficulty(d float64, r Rating) float64 {
	delta := -m.w[6] * float64(r-3)
	damped := d + delta*(10-d)/9
	reverted := m.w[7]*m.d0Easy + (1-m.w[7])*damped
	return clampDifficulty(reverted)
}

// recallStability is the stability after a successful review (Hard, Good
// or Easy) at retrievability rt:
// S' = S·(1 + e^w8 · (11-D) · S^-w9 · (e^(w10·(1-R)) - 1) · hard · easy).
func (m model) recallStability(d, s, rt float64, r Rating) float64 {
	hard, easy := 1.0, 1.0
	switch r {
	case Hard:
		hard = m.w[15]
	case Easy:
		easy = m.w[16]
	}
	inc := math.Exp(m.w[8]) * (11 - d) * math.Pow(s, -m.w[9]) * math.Expm1(m.w[10]*(1-rt)) * hard * easy
	return clampStability(s * (1 + inc))
}

// forgetStability is the stability after a lapse (Again) at
// retrievability rt: S' = w11 · D^-w12 · ((S+1)^w13 - 1) · e^(w14·(1-R)),
// never above S. (With same-day steps the reference caps it at
// S / e^(w17·w18); the long-term scheduler has no such steps and caps it at S.)
func (m model) forgetStability(d, s, rt float64) float64 {
	next := m.w[11] * math.Pow(d, -m.w[12]) * (math.Pow(s+1, m.w[13]) - 1) * math.Exp(m.w[14]*(1-rt))
	return clampStability(min(next, s))
}

func clampStability(s float64) float64 {
	if math.IsNaN(s) {
		return MinStability
	}
	return min(max(s, MinStability), MaxStability)
}

func clampDifficulty(d float64) float64 {
	if math.IsNaN(d) {
		return MaxDifficulty
	}
	return min(max(d, MinDifficulty), MaxDifficulty)
}
