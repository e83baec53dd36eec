package match

import (
	"math/rand/v2"
	"testing"
	"time"
)

// held makes an entry hold its preferences until d after t0.
func held(d time.Duration) func(*Entry) {
	return func(x *Entry) { x.HoldUntil = t0.Add(d) }
}

func TestCompatible(t *testing.T) {
	holdLong := held(time.Hour) // still holding at t0
	over := held(-time.Minute)  // hold over at t0
	tests := []struct {
		name string
		a, b Entry
		want bool
	}{
		{"nothing held", e(1, "a", role("pm"), level("intern")), e(2, "b", role("data"), level("staff")), true},
		{"holds over on both sides", e(1, "a", role("pm"), level("intern"), over), e(2, "b", role("data"), level("staff"), over), true},
		{"held: senior and junior", e(1, "a", level("senior"), holdLong), e(2, "b", level("junior")), false},
		{"held by the other side only", e(1, "a", level("senior"), over), e(2, "b", level("junior"), holdLong), false},
		{"held: levels one step apart", e(1, "a", level("senior"), holdLong), e(2, "b", level("staff")), true},
		{"held: same level", e(1, "a", level("mid"), holdLong), e(2, "b", level("L4")), true},
		{"held: unknown level fits anyone", e(1, "a", level("senior"), holdLong), e(2, "b"), true},
		{"held: different roles", e(1, "a", role("Product Manager"), holdLong), e(2, "b", role("Data Scientist")), false},
		{"held: same role, any case and spacing", e(1, "a", role("Product Manager"), holdLong), e(2, "b", role(" product  manager")), true},
		{"held: one role empty", e(1, "a", role("Product Manager"), holdLong), e(2, "b"), true},
		{"held: company never required", e(1, "a", company("meta"), holdLong), e(2, "b", company("google")), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compatible(tt.a, tt.b, t0); got != tt.want {
				t.Errorf("Compatible = %v, want %v", got, tt.want)
			}
			if got := Compatible(tt.b, tt.a, t0); got != tt.want {
				t.Errorf("Compatible (swapped) = %v, want %v", got, tt.want)
			}
		})
	}
	// The hold ends at HoldUntil exactly.
	a, b := e(1, "a", level("intern"), held(0)), e(2, "b", level("staff"))
	if Compatible(a, b, t0.Add(-time.Nanosecond)) || !Compatible(a, b, t0) {
		t.Error("the hold does not end at HoldUntil")
	}
}

// The cases of the issue ("mock preferences seem to do nothing"), through
// Best: a held preference keeps a mismatched partner away however long
// they waited; once both holds are over, the closest partner is chosen.
func TestBestRespectsHeldPreferences(t *testing.T) {
	now := t0.Add(time.Hour)
	fresh := func(x *Entry) { x.HoldUntil = now.Add(HoldFor) }        // joined just now
	relaxed := func(x *Entry) { x.HoldUntil = now.Add(-time.Minute) } // waited past HoldFor
	tests := []struct {
		name     string
		newcomer Entry
		waiting  []Entry
		want     string
	}{
		{"senior does not get a junior while holding", e(100, "sr", topic("system-design"), level("senior"), fresh),
			[]Entry{e(1, "jr", topic("system-design"), level("junior"), relaxed)}, ""},
		{"nor a junior holding", e(100, "sr", topic("system-design"), level("senior"), relaxed),
			[]Entry{e(1, "jr", topic("system-design"), level("junior"), fresh)}, ""},
		{"senior gets a staff (one step) while holding", e(100, "sr", level("senior"), fresh),
			[]Entry{e(1, "jr", level("junior")), e(2, "st", level("staff"))}, "st"},
		{"PM at Meta does not get a data scientist", e(100, "pm", role("Product Manager"), company("meta"), fresh),
			[]Entry{e(1, "ds", role("Data Scientist"), company("meta"))}, ""},
		{"PM at Meta gets a PM at Google", e(100, "pm", role("Product Manager"), company("meta"), fresh),
			[]Entry{e(1, "ds", role("Data Scientist"), company("meta")), e(2, "pm2", role("product manager"), company("google"))}, "pm2"},
		{"both holds over: the mismatched partner is fine", e(100, "sr", level("senior"), relaxed),
			[]Entry{e(1, "jr", level("junior"), relaxed)}, "jr"},
		{"both holds over: still the closest first", e(100, "sr", level("senior"), relaxed),
			[]Entry{e(1, "in", level("intern"), relaxed), e(2, "jr", level("junior"), relaxed)}, "jr"},
		{"no preferences fit anyone", e(100, "any", fresh),
			[]Entry{e(1, "jr", level("junior"), role("swe"), fresh)}, "jr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Best(tt.newcomer, tt.waiting, nil, now)
			if tt.want == "" {
				if ok {
					t.Fatalf("Best = %s, want nobody", got.User)
				}
				return
			}
			if !ok || got.User != tt.want {
				t.Fatalf("Best = %s (%v), want %s", got.User, ok, tt.want)
			}
		})
	}
}

func TestPairAllRespectsHeldPreferences(t *testing.T) {
	now := t0.Add(time.Hour)
	fresh := func(x *Entry) { x.HoldUntil = now.Add(time.Minute) }
	tests := []struct {
		name    string
		entries []Entry
		trio    bool
		want    string
	}{
		{"held levels leave both", []Entry{e(1, "sr", level("senior"), fresh), e(2, "jr", level("junior"))}, false, "left[sr jr]"},
		{"the longest-waiting takes the compatible one", []Entry{e(1, "sr", level("senior"), fresh), e(2, "jr", level("junior")), e(3, "mid", level("mid"))}, false,
			"sr+mid left[jr]"},
		{"a held member skips to the next", []Entry{e(1, "pm", role("pm"), fresh), e(2, "ds", role("data")), e(3, "ds2", role("data"))}, false,
			"ds+ds2 left[pm]"},
		{"a trio only with compatible members", []Entry{e(1, "a", level("senior")), e(2, "b", level("senior")), e(3, "c", level("intern"), fresh)}, true,
			"a+b left[c]"},
		{"a trio when compatible", []Entry{e(1, "a", level("senior")), e(2, "b", level("senior")), e(3, "c", level("staff"), fresh)}, true,
			"a+b+c left[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmtResult(PairAll(tt.entries, nil, now, tt.trio)); got != tt.want {
				t.Errorf("PairAll = %s\n                 want %s", got, tt.want)
			}
		})
	}
}

// On random queues with held preferences, PairAll never pairs members who
// are not Compatible, and every entry is returned once.
func TestPairAllHeldProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for iter := range 200 {
		es, hist := randomQueue(r, r.IntN(80), 1+r.IntN(2), 1+r.IntN(3), 1+r.IntN(60))
		for i := range es {
			es[i].HoldUntil = t0.Add(time.Duration(r.IntN(60)-30) * time.Minute)
		}
		allowTrio := iter%2 == 0
		pairs, trios, left := PairAll(es, hist, t0, allowTrio)
		n := len(left)
		for _, p := range pairs {
			n += 2
			if !Compatible(p[0], p[1], t0) {
				t.Fatalf("iter %d: paired %s and %s, not compatible", iter, p[0].User, p[1].User)
			}
		}
		for _, tr := range trios {
			n += 3
			for _, x := range [][2]Entry{{tr[0], tr[1]}, {tr[0], tr[2]}, {tr[1], tr[2]}} {
				if !Compatible(x[0], x[1], t0) {
					t.Fatalf("iter %d: trio with %s and %s, not compatible", iter, x[0].User, x[1].User)
				}
			}
		}
		if n != len(es) {
			t.Fatalf("iter %d: %d entries in, %d out", iter, len(es), n)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b Entry
		want Comparison
	}{
		{e(1, "a"), e(2, "b"), Comparison{}},
		{e(1, "a", role("SWE"), company("Meta"), level("senior")), e(2, "b", role("swe"), company("meta "), level("L5")), Comparison{Same, Same, Same}},
		{e(1, "a", role("pm"), company("meta"), level("senior")), e(2, "b", role("data"), company("google"), level("staff")), Comparison{Differ, Differ, Near}},
		{e(1, "a", role("pm"), level("junior")), e(2, "b", company("google"), level("senior")), Comparison{Unset, Unset, Differ}},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%s, %s) = %+v, want %+v", tt.a.User, tt.b.User, got, tt.want)
		}
	}
}
