package fsrs

import (
	"math"
	"testing"
	"time"
)

// The reference implementations' published test vectors, reproduced.
// Each test names the repository, file and test it comes from (commits in
// doc.go).

// start is the first review time every reference test uses: 2022-11-29 12:30.
func start() time.Time { return time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC) }

// fsrs5 turns FSRS-5's 19 weights into FSRS-6's 21, as every reference does
// (fsrs-rs check_and_fill_parameters, ts-fsrs migrateParameters): no
// same-day term (w19 = 0) and FSRS-5's fixed decay (w20 = 0.5).
func fsrs5(w [19]float64) [NumParams]float64 {
	var p [NumParams]float64
	copy(p[:], w[:])
	p[20] = 0.5
	return p
}

// near reports whether got is want to within tol, relative to want when
// want is more than 1.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*max(1, math.Abs(want))
}

type step struct {
	days       int
	stability  float64
	difficulty float64
}

// replay reviews a new card with ratings, each at the previous card's Due,
// and checks its interval, exactly, and its stability and difficulty with
// eq after each.
func replay(t *testing.T, s Scheduler, ratings []Rating, want []step, eq func(got, want float64) bool) {
	t.Helper()
	c, now := Card{}, start()
	for i, r := range ratings {
		c = s.Review(c, r, now)
		days := calendarDays(c.LastReview, c.Due)
		if days != want[i].days ||
			!eq(c.Stability, want[i].stability) || !eq(c.Difficulty, want[i].difficulty) {
			t.Errorf("review %d (%v): %d days, S %.8f, D %.8f; want %d days, S %.8f, D %.8f",
				i+1, r, days, c.Stability, c.Difficulty, want[i].days, want[i].stability, want[i].difficulty)
		}
		now = c.Due
	}
}

// go-fsrs fsrs_test.go TestLongTermScheduler: FSRS-6 default weights, the
// long-term scheduler, S and D given to 4 decimals.
func TestVectorGoFSRSLongTerm(t *testing.T) {
	ratings := []Rating{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
	days := []int{3, 14, 57, 196, 586, 1559, 10, 1, 3, 5, 9, 15, 25}
	stab := []float64{2.3065, 13.8269, 56.9567, 196.2353, 586.4835, 1559.3567, 9.8832, 1.3527, 2.392, 4.8562, 8.7624, 15.186, 25.1362}
	diff := []float64{2.1181, 2.1112, 2.1043, 2.0975, 2.0906, 2.0837, 7.3832, 9.1251, 9.1112, 9.0973, 9.0835, 9.0696, 9.0558}
	want := make([]step, len(ratings))
	for i := range want {
		want[i] = step{days[i], stab[i], diff[i]}
	}
	replay(t, Default(), ratings, want, func(got, want float64) bool {
		return math.Round(got*1e4)/1e4 == want // go-fsrs's roundFloat(x, 4)
	})
}

// tsLongTerm is ts-fsrs long-term_scheduler.test.ts's scheduler: FSRS-5
// weights, enable_short_term false, no fuzz.
func tsLongTerm() Scheduler {
	s := Default()
	s.Params = fsrs5([19]float64{
		0.4197, 1.1869, 3.0412, 15.2441, 7.1434, 0.6477, 1.0007, 0.0674, 1.6597,
		0.1712, 1.1178, 2.0225, 0.0904, 0.3025, 2.1214, 0.2498, 2.9466, 0.4891,
		0.6468,
	})
	return s
}

// ts-fsrs long-term_scheduler.test.ts test1…test5, S and D given to 8
// decimals. ts-fsrs rounds its intermediates (the retrievability, the
// curve's factor, each new S and D) to 8 decimals and we do not, which
// moves S by up to 5e-8 of itself after a dozen reviews; the tolerance is
// 1e-7, relative.
func TestVectorTSFSRSLongTerm(t *testing.T) {
	steps := func(days []int, s, d []float64) []step {
		out := make([]step, len(days))
		for i := range out {
			out[i] = step{days[i], s[i], d[i]}
		}
		return out
	}
	cases := []struct {
		name    string
		ratings []Rating
		want    []step
	}{
		{"test1",
			[]Rating{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good},
			steps([]int{3, 13, 48, 155, 445, 1158, 17, 3, 11, 37, 112, 307, 773},
				[]float64{3.0412, 13.09130698, 48.15848988, 154.93732625, 445.05562739,
					1158.07779739, 16.63063166, 3.01732209, 11.42247264, 37.37521902,
					111.8752758, 306.5974569, 772.94026648},
				[]float64{4.49094334, 4.26664289, 4.05746029, 3.86237659, 3.68044154, 3.51076891,
					4.69833071, 5.55956298, 5.26323756, 4.98688448, 4.72915759, 4.4888015,
					4.26464541})},
		{"test2",
			[]Rating{Again, Hard, Good, Easy, Again, Hard, Good, Easy},
			steps([]int{1, 2, 6, 41, 4, 7, 21, 133},
				[]float64{0.4197, 1.0344317, 5.5356759, 41.0033667, 4.46605519, 6.67743292,
					20.88868155, 132.81849454},
				[]float64{7.1434, 7.03653841, 6.64066485, 5.92312772, 6.44779861, 6.45995078,
					6.10293922, 5.36588547})},
		{"test3",
			[]Rating{Hard, Good, Easy, Again, Hard, Good, Easy, Again},
			steps([]int{2, 7, 54, 5, 8, 26, 171, 8},
				[]float64{1.1869, 6.59167572, 53.76078737, 5.0853693, 8.09786749, 25.52991279,
					171.16195166, 8.11072373},
				[]float64{6.23225985, 5.89059466, 5.14583392, 5.884097, 5.99269555, 5.667177,
					4.91430736, 5.71619151})},
		{"test4",
			[]Rating{Good, Easy, Again, Hard, Good, Easy, Again, Hard},
			steps([]int{3, 33, 4, 7, 26, 193, 9, 14},
				[]float64{3.0412, 32.65484522, 4.22256838, 7.2325009, 25.52681746, 193.36618775,
					8.63899847, 14.31323867},
				[]float64{4.49094334, 3.69538259, 4.83221448, 5.12078462, 4.85403286, 4.07165035,
					5.1050878, 5.34697075})},
		{"test5",
			[]Rating{Easy, Again, Hard, Good, Easy, Again, Hard, Good},
			steps([]int{15, 3, 6, 27, 240, 10, 17, 60},
				[]float64{15.2441, 3.25621013, 6.32684549, 26.56339029, 239.70462771, 9.75621519,
					17.06035531, 59.59547542},
				[]float64{1.16304343, 2.99573557, 3.59851762, 3.43436666, 2.60045771, 4.03816348,
					4.46259158, 4.24020203})},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			replay(t, tsLongTerm(), tc.ratings, tc.want, func(got, want float64) bool {
				return near(got, want, 1e-7)
			})
		})
	}
}

// fsrs-rs src/inference.rs test_memory_state, long-term case ("freeze short
// term"), also ts-fsrs FSRS-6.test.ts "memory state[long-term]": Again,
// then Good five times, 0, 0, 1, 3, 8 and 21 days apart, ends at S
// 53.335106, D 6.3574867 (fsrs-rs asserts to 1e-4).
func TestVectorMemoryStateLongTerm(t *testing.T) {
	s := Default()
	ratings := []Rating{Again, Good, Good, Good, Good, Good}
	gaps := []int{0, 0, 1, 3, 8, 21}
	c, now := Card{}, start()
	for i, r := range ratings {
		now = now.AddDate(0, 0, gaps[i])
		c = s.Review(c, r, now)
	}
	if math.Abs(c.Stability-53.335106) > 1e-4 || math.Abs(c.Difficulty-6.3574867) > 1e-4 {
		t.Errorf("S %.7f, D %.7f; want 53.335106, 6.3574867", c.Stability, c.Difficulty)
	}
}

// fsrs-rs src/inference.rs test_next_interval (and go-fsrs TestNextInterval):
// the interval for stability 1 at desired retention 0.1, 0.2, …, 1.0. The
// first is 3116766 days before the cap of 36500 in fsrs-rs, which computes
// in float32; float64 gives 3116769, the same to float32's precision.
func TestVectorNextInterval(t *testing.T) {
	want := []int{36500, 34793, 2508, 387, 90, 27, 9, 3, 1, 1}
	s := Default()
	for i, w := range want {
		s.DesiredRetention = float64(i+1) / 10
		if got := s.settings().days(1, 0, -1); got != w {
			t.Errorf("retention %.1f: %d days, want %d", s.DesiredRetention, got, w)
		}
	}
	if got := s.settings().interval(1, 0.1); !near(got, 3116766, 1e-6) {
		t.Errorf("uncapped interval at retention 0.1: %v, want 3116766", got)
	}
}

// ts-fsrs FSRS-6.test.ts "first repeat": the first review sets S to
// w0…w3 and D to 6.4133, 5.11217071, 2.11810397, 1 (all 1 rep, 0 lapses).
// And "get retrievability": the Easy card, due 8 days later, has R
// 0.9024733 then.
func TestVectorFirstReview(t *testing.T) {
	s := Default()
	wantS := []float64{0.212, 1.2931, 2.3065, 8.2956}
	wantD := []float64{6.4133, 5.11217071, 2.11810397, 1}
	for i, o := range s.Preview(Card{}, start()) {
		c := o.Card
		if math.Abs(c.Stability-wantS[i]) > 1e-8 || math.Abs(c.Difficulty-wantD[i]) > 1e-8 ||
			c.Reps != 1 || c.Lapses != 0 || c.State != Review {
			t.Errorf("%v: %+v; want S %v, D %v, 1 rep, 0 lapses, Review", o.Rating, c, wantS[i], wantD[i])
		}
	}
	easy := s.Review(Card{}, Easy, start())
	if r := s.Retrievability(easy, easy.Due); math.Abs(r-0.9024733) > 1e-7 {
		t.Errorf("R of the Easy card when due: %.8f, want 0.9024733", r)
	}
}
