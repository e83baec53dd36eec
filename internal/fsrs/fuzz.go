package fsrs

import (
	"math"
	"strconv"
	"time"
)

// fuzzRange is the spread of the fuzz around an interval of ivl days, as the
// reference computes it: 1 day, plus 15% of the part of ivl between 2.5 and
// 7 days, 10% of the part between 7 and 20 and 5% of the part above 20.
// The range never goes below 2 days, above the maximum interval, nor (for an
// interval longer than the elapsed time) back to or before elapsed days.
func fuzzRange(ivl, elapsed, maxIvl int) (lo, hi int) {
	x := float64(ivl)
	delta := 1.0
	delta += 0.15 * max(min(x, 7)-2.5, 0)
	delta += 0.10 * max(min(x, 20)-7, 0)
	delta += 0.05 * max(x-20, 0)
	x = min(x, float64(maxIvl))
	lo = max(2, int(math.Round(x-delta)))
	hi = min(int(math.Round(x+delta)), maxIvl)
	if ivl > elapsed {
		lo = max(lo, elapsed+1)
	}
	lo = min(lo, hi)
	return lo, hi
}

// fuzz picks a day in the fuzz range of ivl with u in [0, 1). Intervals
// under 2.5 days are not fuzzed.
func fuzz(ivl, elapsed, maxIvl int, u float64) int {
	if ivl < 3 {
		return ivl
	}
	lo, hi := fuzzRange(ivl, elapsed, maxIvl)
	return lo + min(int(u*float64(hi-lo+1)), hi-lo)
}

// fuzzFraction is the fuzz's random number in [0, 1) for reviewing c at now:
// a hash of the seed, what the card was at its last review and the
// calendar day of now (so the whole day's previews and review agree).
func fuzzFraction(seed uint64, c Card, now time.Time) float64 {
	y, m, d := now.Date()
	day := uint64(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	h := mix(seed ^ 0x9e3779b97f4a7c15)
	h = mix(h ^ uint64(c.LastReview.UnixMilli()))
	h = mix(h ^ uint64(c.Reps))
	h = mix(h ^ math.Float64bits(c.Stability))
	h = mix(h ^ math.Float64bits(c.Difficulty))
	h = mix(h ^ day)
	return float64(h>>11) / (1 << 53)
}

// mix is SplitMix64's finaliser: it scrambles every input bit into every
// output bit.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// FormatDays writes an interval for a button: "1d" … "29d", then months
// ("1.5mo", up to a year) and years ("2.3y"), to one decimal.
func FormatDays(days int) string {
	switch {
	case days < 30:
		return strconv.Itoa(days) + "d"
	case days < 365:
		return oneDecimal(float64(days)/(365.0/12)) + "mo"
	default:
		return oneDecimal(float64(days)/365) + "y"
	}
}

// oneDecimal formats x with one decimal, dropping a trailing ".0".
func oneDecimal(x float64) string {
	s := strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}
