package fsrs

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// randomCard is a card that has been reviewed: stability log-uniform over
// its whole range, difficulty uniform over 1…10, last reviewed up to 1000
// days before the returned review time.
func randomCard(rng *rand.Rand) (Card, time.Time) {
	last := start().Add(time.Duration(rng.Int64N(int64(400 * 24 * time.Hour))))
	c := Card{
		Stability:  math.Exp(rng.Float64()*math.Log(MaxStability/MinStability) + math.Log(MinStability)),
		Difficulty: MinDifficulty + rng.Float64()*(MaxDifficulty-MinDifficulty),
		Reps:       1 + rng.IntN(50),
		Lapses:     rng.IntN(10),
		State:      Review,
		LastReview: last,
	}
	c.Due = last.AddDate(0, 0, max(1, int(c.Stability)))
	now := last.Add(time.Duration(rng.Int64N(int64(1000 * 24 * time.Hour))))
	return c, now
}

// schedulers are the settings the properties are checked under.
func schedulers() map[string]Scheduler {
	out := map[string]Scheduler{"default": Default()}
	f := Default()
	f.Fuzz, f.Seed = true, 42
	out["fuzz"] = f
	r := Default()
	r.DesiredRetention = 0.8
	out["retention 0.8"] = r
	r.DesiredRetention = 0.97
	out["retention 0.97"] = r
	m := Default()
	m.MaximumInterval, m.Fuzz = 30, true
	out["max 30 days, fuzz"] = m
	out["fsrs-5 weights"] = tsLongTerm()
	return out
}

// TestPropertiesReview checks, for many random cards under each scheduler:
// the intervals grow with the rating (Easy > Good > Hard > Again unless
// the maximum interval caps them); Again counts a lapse and never raises
// stability; difficulty stays in 1…10 and stability in its bounds; no
// interval exceeds the maximum; Due is the interval's days after now.
func TestPropertiesReview(t *testing.T) {
	for name, s := range schedulers() {
		t.Run(name, func(t *testing.T) {
			maxIvl := s.settings().maxIvl
			rng := rand.New(rand.NewPCG(1, 2))
			for range 5000 {
				c, now := randomCard(rng)
				out := s.Preview(c, now)
				for i, o := range out {
					n := o.Card
					if o.Rating != Rating(i+1) {
						t.Fatalf("outcome %d is for %v", i, o.Rating)
					}
					if o.Days < 1 || o.Days > maxIvl {
						t.Fatalf("%v on %+v at %v: %d days, outside 1…%d", o.Rating, c, now, o.Days, maxIvl)
					}
					if n.Difficulty < MinDifficulty || n.Difficulty > MaxDifficulty ||
						n.Stability < MinStability || n.Stability > MaxStability {
						t.Fatalf("%v on %+v: S %v, D %v out of bounds", o.Rating, c, n.Stability, n.Difficulty)
					}
					if !n.Due.Equal(now.AddDate(0, 0, o.Days)) || !n.LastReview.Equal(now) ||
						n.State != Review || n.Reps != c.Reps+1 {
						t.Fatalf("%v on %+v: card %+v", o.Rating, c, n)
					}
					if i > 0 && o.Days <= out[i-1].Days && out[i-1].Days < maxIvl {
						t.Fatalf("%+v at %v: %v %d days, %v %d days", c, now, out[i-1].Rating, out[i-1].Days, o.Rating, o.Days)
					}
				}
				again := out[Again-1].Card
				if again.Lapses != c.Lapses+1 || again.Stability > c.Stability {
					t.Fatalf("Again on %+v: %+v", c, again)
				}
				for _, o := range out[1:] {
					if o.Card.Lapses != c.Lapses {
						t.Fatalf("%v counted a lapse", o.Rating)
					}
				}
			}
		})
	}
}

// TestPropertiesStability: after a success stability never falls, and it
// grows more the better the rating (w15 < 1 < w16).
func TestPropertiesStability(t *testing.T) {
	s := Default()
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		c, now := randomCard(rng)
		out := s.Preview(c, now)
		h, g, e := out[Hard-1].Card.Stability, out[Good-1].Card.Stability, out[Easy-1].Card.Stability
		if h < c.Stability || g < h || e < g {
			t.Fatalf("%+v at %v: S %v → Hard %v, Good %v, Easy %v", c, now, c.Stability, h, g, e)
		}
	}
}

// TestPropertiesDifficulty: Again and Hard raise difficulty, Easy lowers it,
// and repeated ratings never leave 1…10 (py-fsrs test_repeated_correct_reviews:
// Easy ten times in a row ends at D = 1).
func TestPropertiesDifficulty(t *testing.T) {
	s := Default()
	c := s.Review(Card{}, Good, start())
	out := s.Preview(c, c.Due)
	if !(out[Again-1].Card.Difficulty > out[Hard-1].Card.Difficulty &&
		out[Hard-1].Card.Difficulty > out[Good-1].Card.Difficulty &&
		out[Good-1].Card.Difficulty > out[Easy-1].Card.Difficulty) {
		t.Errorf("difficulties after each rating not in order: %+v", out)
	}
	for _, r := range Ratings() {
		c, now := Card{}, start()
		for i := range 100 {
			c = s.Review(c, r, now)
			if c.Difficulty < MinDifficulty || c.Difficulty > MaxDifficulty {
				t.Fatalf("%v ×%d: D %v", r, i+1, c.Difficulty)
			}
			now = now.Add(time.Duration(i%3) * time.Minute)
		}
		if r == Easy && c.Difficulty != MinDifficulty {
			t.Errorf("Easy ×100: D %v, want %v", c.Difficulty, MinDifficulty)
		}
		// The mean reversion (w7) holds it just under 10.
		if r == Again && c.Difficulty < 9.9 {
			t.Errorf("Again ×100: D %v, want about %v", c.Difficulty, MaxDifficulty)
		}
	}
}

// TestRetrievabilityAtDue: when a card falls due, its retrievability is the
// desired retention: exactly at the unrounded interval, and to within the
// rounding to whole days at Due.
func TestRetrievabilityAtDue(t *testing.T) {
	for _, retention := range []float64{0.7, 0.8, 0.9, 0.95, 0.99} {
		s := Default()
		s.DesiredRetention = retention
		st := s.settings()
		for stab := 0.01; stab < MaxStability; stab *= 1.37 {
			if r := st.retrievability(st.interval(stab, retention), stab); math.Abs(r-retention) > 1e-12 {
				t.Fatalf("retention %v, S %v: R at the interval %v", retention, stab, r)
			}
		}
		rng := rand.New(rand.NewPCG(5, 6))
		for range 2000 {
			c, now := randomCard(rng)
			n := s.Review(c, Good, now)
			days := calendarDays(n.LastReview, n.Due)
			if days < 10 || days != st.days(n.Stability, 0, -1) || days == st.maxIvl {
				continue // rounding to whole days dominates, Good's interval was raised above Hard's, or capped
			}
			r := s.Retrievability(n, n.Due)
			// Half a day of rounding moves R by at most this much.
			slack := st.retrievability(float64(days)-0.5, n.Stability) - st.retrievability(float64(days)+0.5, n.Stability)
			if math.Abs(r-retention) > slack {
				t.Fatalf("retention %v: S %v, %d days, R at Due %v (slack %v)", retention, n.Stability, days, r, slack)
			}
		}
	}
}

// TestRetrievability: 0 for a new card, 1 on the day of the review, then
// falling day by day.
func TestRetrievability(t *testing.T) {
	s := Default()
	if r := s.Retrievability(Card{}, start()); r != 0 {
		t.Errorf("new card: R %v", r)
	}
	c := s.Review(Card{}, Good, start())
	if r := s.Retrievability(c, start().Add(11*time.Hour)); r != 1 {
		t.Errorf("same day: R %v", r)
	}
	if r := s.Retrievability(c, start().Add(-48*time.Hour)); r != 1 {
		t.Errorf("before the review: R %v", r)
	}
	prev := 1.0
	for d := 1; d < 400; d++ {
		r := s.Retrievability(c, start().AddDate(0, 0, d))
		if !(r < prev && r > 0) {
			t.Fatalf("day %d: R %v after %v", d, r, prev)
		}
		prev = r
	}
}

// TestSameDay: a second review the same day finds R = 1, so it leaves
// stability as it was (or lowers it, for Again), and counts 0 days.
func TestSameDay(t *testing.T) {
	s := Default()
	c := s.Review(Card{}, Good, start())
	later := start().Add(5 * time.Hour)
	if n := s.Review(c, Good, later); n.Stability != c.Stability {
		t.Errorf("Good again the same day: S %v → %v", c.Stability, n.Stability)
	}
	if n := s.Review(c, Again, later); n.Stability > c.Stability || n.Lapses != 1 {
		t.Errorf("Again the same day: %+v", n)
	}
}

// TestReviewIsPreview: Review gives exactly Preview's card, and is
// deterministic.
func TestReviewIsPreview(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for name, s := range schedulers() {
		for range 500 {
			c, now := randomCard(rng)
			out := s.Preview(c, now)
			for _, r := range Ratings() {
				got, again := s.Review(c, r, now), s.Review(c, r, now)
				if got != out[r-1].Card || got != again {
					t.Fatalf("%s, %v: Review %+v, again %+v, Preview %+v", name, r, got, again, out[r-1].Card)
				}
			}
		}
	}
}

func TestInvalidRating(t *testing.T) {
	s := Default()
	c := s.Review(Card{}, Good, start())
	for _, r := range []Rating{0, 5, -1} {
		if got := s.Review(c, r, start().AddDate(0, 0, 3)); got != c {
			t.Errorf("rating %d changed the card: %+v", r, got)
		}
	}
}

// TestUnusableMemory: a card whose stored stability or difficulty is not
// usable is scheduled as a first review, not with NaN.
func TestUnusableMemory(t *testing.T) {
	s := Default()
	first := s.Review(Card{}, Good, start())
	for _, c := range []Card{
		{State: Review, Stability: math.NaN(), Difficulty: 5},
		{State: Review, Stability: 0, Difficulty: 5},
		{State: Review, Stability: -3, Difficulty: 5},
		{State: Review, Stability: math.Inf(1), Difficulty: 5},
		{State: Review, Stability: 4, Difficulty: math.NaN()},
	} {
		c.LastReview = start().AddDate(0, 0, -4)
		n := s.Review(c, Good, start())
		if n.Stability != first.Stability || n.Difficulty != first.Difficulty || n.Due != first.Due {
			t.Errorf("%+v: %+v, want the first review's S, D and Due", c, n)
		}
	}
	// Learning and Relearning cards (from elsewhere) are reviewed as Review cards.
	c := s.Review(Card{}, Good, start())
	for _, st := range []State{Learning, Relearning} {
		c2 := c
		c2.State = st
		if a, b := s.Review(c2, Good, c.Due), s.Review(c, Good, c.Due); a != b {
			t.Errorf("%v: %+v, want %+v", st, a, b)
		}
	}
}

// TestElapsedDays counts midnights in now's location, as the reference
// counts UTC midnights.
func TestElapsedDays(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	at := func(loc *time.Location, d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, loc) }
	cases := []struct {
		last, now time.Time
		want      int
	}{
		{at(time.UTC, 10, 12, 0), at(time.UTC, 10, 23, 59), 0},
		{at(time.UTC, 10, 23, 0), at(time.UTC, 11, 1, 0), 1},
		{at(time.UTC, 10, 0, 0), at(time.UTC, 20, 0, 0), 10},
		{at(time.UTC, 20, 0, 0), at(time.UTC, 10, 0, 0), 0},                          // now before the review
		{at(time.UTC, 11, 3, 0), at(ny, 10, 23, 30), 0},                              // 23:00 in New York on the 10th, 04:30 UTC on the 11th
		{at(ny, 7, 22, 0), at(ny, 9, 1, 0), 2},                                       // across the switch to summer time on the 8th
		{time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), at(time.UTC, 1, 0, 30), 60}, // across a year
	}
	for _, tc := range cases {
		c := Card{State: Review, Stability: 1, Difficulty: 5, LastReview: tc.last}
		if got := ElapsedDays(c, tc.now); got != tc.want {
			t.Errorf("%v → %v: %d days, want %d", tc.last, tc.now, got, tc.want)
		}
	}
	if got := ElapsedDays(Card{LastReview: start()}, start().AddDate(0, 0, 5)); got != 0 {
		t.Errorf("new card: %d days", got)
	}
	// Due keeps the clock time across a DST change, so it is the interval's
	// number of days away in that location.
	s := Default()
	c := s.Review(Card{}, Good, at(ny, 6, 9, 0))
	c = s.Review(c, Good, c.Due)
	if c.Due.Hour() != 9 || ElapsedDays(c, c.Due) != calendarDays(c.LastReview, c.Due) {
		t.Errorf("Due %v after %v", c.Due, c.LastReview)
	}
}

// TestFuzz: fuzzed intervals stay in the reference's fuzz range, are the
// same all day for the same card (so Preview's labels hold), vary with the
// seed, and leave intervals under 3 days alone.
func TestFuzz(t *testing.T) {
	for _, tc := range []struct{ ivl, elapsed, maxIvl, lo, hi int }{
		{3, 0, 36500, 2, 4},             // delta 1.075
		{10, 5, 36500, 8, 12},           // delta 1 + 0.675 + 0.3
		{100, 50, 36500, 93, 107},       // delta 1 + 0.675 + 1.3 + 4
		{100, 200, 36500, 93, 107},      // overdue: elapsed does not raise the floor
		{10, 9, 36500, 10, 12},          // at least one day past the elapsed days
		{100, 50, 102, 93, 102},         // capped
		{36500, 0, 36500, 34673, 36500}, // delta 1826.975
	} {
		lo, hi := fuzzRange(tc.ivl, tc.elapsed, tc.maxIvl)
		if lo != tc.lo || hi != tc.hi {
			t.Errorf("fuzzRange(%d, %d, %d) = %d, %d; want %d, %d", tc.ivl, tc.elapsed, tc.maxIvl, lo, hi, tc.lo, tc.hi)
		}
		if fuzz(tc.ivl, tc.elapsed, tc.maxIvl, 0) != lo || fuzz(tc.ivl, tc.elapsed, tc.maxIvl, math.Nextafter(1, 0)) != hi {
			t.Errorf("fuzz of %d does not reach its range's ends", tc.ivl)
		}
	}
	for ivl := 1; ivl < 3; ivl++ {
		if got := fuzz(ivl, 0, 36500, 0.99); got != ivl {
			t.Errorf("fuzz(%d) = %d", ivl, got)
		}
	}

	s := Default()
	s.Fuzz = true
	c := s.Review(Card{}, Good, start())
	c = s.Review(c, Good, c.Due) // a card two reviews in
	morning := c.Due.Add(-12 * time.Hour)
	raw := Default().Preview(c, morning)[Good-1].Days
	lo, hi := fuzzRange(raw, ElapsedDays(c, morning), 36500)
	seen := map[int]bool{}
	for seed := range uint64(200) {
		s.Seed = seed
		out := s.Preview(c, morning)
		a := out[Good-1]
		b := s.Review(c, Good, morning.Add(11*time.Hour))
		if days := calendarDays(b.LastReview, b.Due); days != a.Days || b.Stability != a.Card.Stability {
			t.Fatalf("seed %d: Preview at %v says %d days, Review later that day %d", seed, morning, a.Days, days)
		}
		// Good's fuzzed interval is in the range around its own, unless
		// it had to be raised to one day past Hard's (fuzzed too).
		if a.Days < lo || (a.Days > hi && a.Days != out[Hard-1].Days+1) {
			t.Fatalf("seed %d: %d days, outside %d…%d (Hard %d)", seed, a.Days, lo, hi, out[Hard-1].Days)
		}
		seen[a.Days] = true
	}
	if len(seen) < hi-lo+1 {
		t.Errorf("200 seeds gave %d of the %d days in the range", len(seen), hi-lo+1)
	}
}

func TestValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Errorf("Default: %v", err)
	}
	if err := tsLongTerm().Validate(); err != nil {
		t.Errorf("FSRS-5 weights: %v", err)
	}
	bad := Default()
	bad.Params[20] = math.NaN()
	bad.Params[4] = 11
	bad.DesiredRetention = 0
	bad.MaximumInterval = -1
	if err := bad.Validate(); err == nil {
		t.Error("no error")
	} else {
		for _, want := range []string{"w20", "w4", "retention", "maximum interval"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %s", err, want)
			}
		}
	}
	// What Validate reports, Review corrects: the bad settings schedule as
	// the clamped ones do.
	fixed := Default()
	fixed.Params[4] = 10
	c := fixed.Review(Card{}, Good, start())
	if got := bad.Review(Card{}, Good, start()); got != c {
		t.Errorf("bad settings: %+v, want %+v", got, c)
	}
}

func TestRatingNames(t *testing.T) {
	for _, r := range Ratings() {
		got, err := ParseRating(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRating(%q) = %v, %v", r.String(), got, err)
		}
	}
	for in, want := range map[string]Rating{"again": Again, " HARD ": Hard, "Good": Good, "easy\n": Easy} {
		if got, err := ParseRating(in); err != nil || got != want {
			t.Errorf("ParseRating(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "ok", "3", "goodish"} {
		if _, err := ParseRating(in); err == nil {
			t.Errorf("ParseRating(%q): no error", in)
		}
	}
	if Rating(9).String() != "Rating(9)" || Rating(9).Valid() || Rating(0).Valid() {
		t.Error("invalid rating")
	}
	if Review.String() != "Review" || State(7).String() != "State(7)" {
		t.Error("state names")
	}
}

func TestFormatDays(t *testing.T) {
	for days, want := range map[int]string{
		1: "1d", 3: "3d", 29: "29d", 30: "1mo", 45: "1.5mo", 364: "12mo",
		365: "1y", 500: "1.4y", 3650: "10y", 36500: "100y",
	} {
		if got := FormatDays(days); got != want {
			t.Errorf("FormatDays(%d) = %q, want %q", days, got, want)
		}
	}
}
