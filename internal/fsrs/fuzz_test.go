package fsrs

import (
	"math"
	"testing"
	"time"
)

// FuzzReview: whatever the card, the settings (even NaN or out-of-range
// weights, retention and maximum interval) and the times, Review never
// produces NaN or Inf, a memory state out of bounds, or an interval that is
// negative, zero or over the maximum; retrievability stays in [0, 1].
func FuzzReview(f *testing.F) {
	f.Add(0.0, 0.0, 0, 0, 0, int64(0), int64(0), 3, 0.9, 36500, false, uint64(0), 0, 0.0)
	f.Add(2.3065, 2.1181, 1, 0, 2, int64(1669725000), int64(1669984200), 1, 0.9, 36500, true, uint64(7), 20, 0.1542)
	f.Add(36500.0, 1.0, 100, 3, 2, int64(1669725000), int64(4825398600), 4, 0.99, 36500, true, uint64(1), 4, 10.0)
	f.Add(0.001, 10.0, 5, 5, 3, int64(1669725000), int64(1669725000), 2, 0.5, 1, true, uint64(3), 7, math.NaN())
	f.Add(math.NaN(), math.Inf(1), -1, -1, 9, int64(-1<<40), int64(1<<40), 7, math.NaN(), -5, true, uint64(9), 20, math.Inf(-1))
	f.Add(5.0, 5.0, 1, 0, 2, int64(1669725000), int64(1669725000-86400*30), 3, 1.0, 0, false, uint64(0), 9, -3.0)

	f.Fuzz(func(t *testing.T, stab, diff float64, reps, lapses, state int, last, now int64,
		rating int, retention float64, maxIvl int, fuzzOn bool, seed uint64, wi int, wv float64) {
		s := Default()
		s.DesiredRetention, s.MaximumInterval, s.Fuzz, s.Seed = retention, maxIvl, fuzzOn, seed
		s.Params[uint(wi)%NumParams] = wv
		c := Card{
			Stability: stab, Difficulty: diff, Reps: reps, Lapses: lapses, State: State(state),
			LastReview: instant(last),
		}
		at := instant(now)
		capIvl := s.settings().maxIvl

		out := s.Preview(c, at)
		for i, o := range out {
			n := o.Card
			if !finite(n.Stability) || !finite(n.Difficulty) ||
				n.Stability < MinStability || n.Stability > MaxStability ||
				n.Difficulty < MinDifficulty || n.Difficulty > MaxDifficulty {
				t.Fatalf("%v on %+v at %v: S %v, D %v", o.Rating, c, at, n.Stability, n.Difficulty)
			}
			if o.Days < 1 || o.Days > capIvl || n.Due.Before(at) || !n.Due.Equal(at.AddDate(0, 0, o.Days)) {
				t.Fatalf("%v on %+v at %v: %d days, due %v (max %d)", o.Rating, c, at, o.Days, n.Due, capIvl)
			}
			if i > 0 && o.Days < out[i-1].Days {
				t.Fatalf("%v: %d days, fewer than %v's %d", o.Rating, o.Days, out[i-1].Rating, out[i-1].Days)
			}
			if r := s.Retrievability(n, n.Due); !(r >= 0 && r <= 1) {
				t.Fatalf("%v: R %v when due", o.Rating, r)
			}
		}
		if r := s.Retrievability(c, at); !(r >= 0 && r <= 1) {
			t.Fatalf("R of %+v at %v: %v", c, at, r)
		}
		// Review is Preview's card for a rating, and leaves the card as it
		// is for a value that is not a rating.
		want := c
		if r := Rating(rating); r.Valid() {
			want = out[r-1].Card
		}
		if got := s.Review(c, Rating(rating), at); !same(got, want) {
			t.Fatalf("Review(%v) = %+v, want %+v", Rating(rating), got, want)
		}
	})
}

// instant maps any int64 to a time between the years 1000 and 3000 (UTC),
// beyond which dates stop meaning anything to a review schedule.
func instant(sec int64) time.Time {
	const span = 2000 * 365 * 86400
	base := time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	m := sec % span
	if m < 0 {
		m += span
	}
	return time.Unix(base+m, 0).UTC()
}

// same is == for cards, with a NaN equal to itself.
func same(a, b Card) bool {
	bits := math.Float64bits
	return bits(a.Stability) == bits(b.Stability) && bits(a.Difficulty) == bits(b.Difficulty) &&
		a.Due.Equal(b.Due) && a.LastReview.Equal(b.LastReview) &&
		a.Reps == b.Reps && a.Lapses == b.Lapses && a.State == b.State
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func BenchmarkReview(b *testing.B) {
	s := Default()
	c := s.Review(Card{}, Good, start())
	c = s.Review(c, Good, c.Due)
	at := c.Due.AddDate(0, 0, 2)
	b.Run("nofuzz", func(b *testing.B) {
		for b.Loop() {
			_ = s.Review(c, Good, at)
		}
	})
	s.Fuzz, s.Seed = true, 1
	b.Run("fuzz", func(b *testing.B) {
		for b.Loop() {
			_ = s.Review(c, Good, at)
		}
	})
}
