package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// e builds an entry in guild g1, topic coding, joined at t0+id minutes.
func e(id int64, user string, mods ...func(*Entry)) Entry {
	x := Entry{ID: id, Guild: "g1", User: user, Topic: "coding", Joined: t0.Add(time.Duration(id) * time.Minute)}
	for _, m := range mods {
		m(&x)
	}
	return x
}

func role(r string) func(*Entry)    { return func(x *Entry) { x.Role = r } }
func company(c string) func(*Entry) { return func(x *Entry) { x.Company = c } }
func level(l string) func(*Entry)   { return func(x *Entry) { x.Level = l } }
func topic(t string) func(*Entry)   { return func(x *Entry) { x.Topic = t } }
func guild(g string) func(*Entry)   { return func(x *Entry) { x.Guild = g } }
func front(x *Entry)                { x.Front = true }
func joined(d time.Duration) func(*Entry) {
	return func(x *Entry) { x.Joined = t0.Add(d) }
}

func TestTopics(t *testing.T) {
	want := map[string]string{
		"behavioral": "Behavioral & Leadership", "coding": "Coding & Algorithms", "system-design": "System Design",
		"ml-system-design": "ML System Design", "machine-learning": "Machine Learning", "product": "Product Sense",
		"sql-data": "SQL & Data", "statistics": "Statistics & Experimentation",
	}
	ts := Topics()
	if len(ts) != len(want) {
		t.Fatalf("%d topics", len(ts))
	}
	for _, tp := range ts {
		if want[tp.Key] != tp.Category || tp.Name == "" {
			t.Errorf("topic %+v", tp)
		}
	}
	ts[0].Key = "mutated"
	if Topics()[0].Key != "behavioral" {
		t.Error("Topics returned shared slice")
	}
	parse := []struct{ in, key string }{
		{"coding", "coding"}, {"System Design", "system-design"}, {"system_design", "system-design"},
		{"ML system design", "ml-system-design"}, {"sql & data", "sql-data"}, {"SQL and data", "sql-data"},
		{"Statistics & Experimentation", "statistics"}, {"Product Sense", "product"},
	}
	for _, p := range parse {
		if got, ok := ParseTopic(p.in); !ok || got.Key != p.key {
			t.Errorf("ParseTopic(%q) = %+v, %v; want %s", p.in, got, ok, p.key)
		}
	}
	for _, bad := range []string{"", "cooking", "&&"} {
		if _, ok := ParseTopic(bad); ok {
			t.Errorf("ParseTopic(%q) succeeded", bad)
		}
	}
}

func TestParseLevel(t *testing.T) {
	tests := []struct {
		in   string
		want Level
	}{
		{"intern", Intern}, {"Internship", Intern},
		{"new grad", Junior}, {"New Grad / Junior", Junior}, {"jr", Junior}, {"L3", Junior}, {"SDE I", Junior}, {"entry-level", Junior},
		{"mid", Mid}, {"Mid-level", Mid}, {"L4", Mid}, {"sde 2", Mid}, {"SDE II", Mid},
		{"Senior", Senior}, {"sr", Senior}, {"L5", Senior}, {"E5", Senior}, {"Senior SWE", Senior}, {"senior software engineer", Senior},
		{"staff+", Staff}, {"Staff", Staff}, {"principal", Staff}, {"L7", Staff}, {"senior staff", Staff},
		{"", LevelUnknown}, {"wizard", LevelUnknown}, {"L99", LevelUnknown},
	}
	for _, tt := range tests {
		if got := ParseLevel(tt.in); got != tt.want {
			t.Errorf("ParseLevel(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for l := LevelUnknown; l <= Staff; l++ {
		if l != LevelUnknown && ParseLevel(l.String()) != l {
			t.Errorf("ParseLevel(%q) does not round trip", l.String())
		}
	}
}

func FuzzParseLevel(f *testing.F) {
	for _, s := range []string{"senior", "L5", "staff+", "new grad / junior", "SDE II", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if l := ParseLevel(s); l < LevelUnknown || l > Staff {
			t.Fatalf("ParseLevel(%q) = %d", s, l)
		}
		ParseTopic(s)
	})
}

func TestHistory(t *testing.T) {
	if MakePair("b", "a") != MakePair("a", "b") || MakePair("b", "a") != (Pair{"a", "b"}) {
		t.Fatal("MakePair not canonical")
	}
	h := History{}
	h.Add("b", "a", t0)
	h.Add("a", "b", t0.Add(-time.Hour)) // older: ignored
	tests := []struct {
		now  time.Time
		want bool
	}{
		{t0, true},
		{t0.Add(RepeatWindow - time.Second), true},
		{t0.Add(RepeatWindow), false},
		{t0.Add(30 * 24 * time.Hour), false},
		{t0.Add(-time.Hour), true}, // recorded in the future: still recent
	}
	for _, tt := range tests {
		if got := h.RecentlyPaired("a", "b", tt.now); got != tt.want {
			t.Errorf("RecentlyPaired at %v = %v, want %v", tt.now.Sub(t0), got, tt.want)
		}
	}
	if h.RecentlyPaired("a", "c", t0) || History(nil).RecentlyPaired("a", "b", t0) {
		t.Error("unknown pair reported recent")
	}
}

func TestBest(t *testing.T) {
	now := t0.Add(24 * time.Hour)
	hist := History{}
	hist.Add("new", "recent", now.Add(-13*24*time.Hour))
	hist.Add("new", "old", now.Add(-15*24*time.Hour))
	tests := []struct {
		name     string
		newcomer Entry
		waiting  []Entry
		want     string // user, "" for none
	}{
		{"empty queue", e(100, "new"), nil, ""},
		{"other guild only", e(100, "new"), []Entry{e(1, "a", guild("g2"))}, ""},
		{"other topic only", e(100, "new"), []Entry{e(1, "a", topic("behavioral"))}, ""},
		{"never themselves", e(100, "new"), []Entry{e(1, "new")}, ""},
		{"same topic by display name", e(100, "new", topic("system-design")), []Entry{e(1, "a", topic("System Design"))}, "a"},
		{"guild and topic filter", e(100, "new"), []Entry{e(1, "a", guild("g2")), e(2, "b", topic("product")), e(3, "c")}, "c"},
		{"14 days: avoid recent partner when another exists", e(100, "new", role("swe")),
			[]Entry{e(1, "recent", role("swe")), e(2, "x", role("pm"))}, "x"},
		{"14 days: recent partner when nobody else", e(100, "new"), []Entry{e(1, "recent")}, "recent"},
		{"14 days: met 15 days ago is fine", e(100, "new", role("swe")),
			[]Entry{e(1, "x", role("pm")), e(2, "old", role("swe"))}, "old"},
		{"same role first", e(100, "new", role("SWE"), company("google"), level("senior")),
			[]Entry{e(1, "a", role("pm"), company("google"), level("senior")), e(2, "b", role("swe"), company("meta"), level("intern"))}, "b"},
		{"empty role is neutral", e(100, "new", role("swe")),
			[]Entry{e(1, "a", role("pm")), e(2, "b")}, "b"},
		{"same company next", e(100, "new", role("swe"), company("Google"), level("senior")),
			[]Entry{e(1, "a", role("swe"), company("meta"), level("senior")), e(2, "b", role("swe"), company("google "), level("intern"))}, "b"},
		{"nearest level next", e(100, "new", level("senior")),
			[]Entry{e(1, "a", level("intern")), e(2, "b", level("junior")), e(3, "c", level("staff")), e(4, "d", level("senior"))}, "d"},
		{"nearest level, tie by wait", e(100, "new", level("senior")),
			[]Entry{e(1, "a", level("intern")), e(3, "c", level("staff")), e(2, "b", level("mid"))}, "b"},
		{"unknown level is neutral: beats one level off", e(100, "new", level("senior")),
			[]Entry{e(1, "a", level("mid")), e(2, "b")}, "b"},
		{"unknown level is neutral: loses to same level", e(100, "new", level("senior")),
			[]Entry{e(1, "a"), e(2, "b", level("L5"))}, "b"},
		{"newcomer level unknown: all neutral, wait decides", e(100, "new"),
			[]Entry{e(2, "b", level("senior")), e(1, "a", level("intern"))}, "a"},
		{"longest wait first", e(100, "new"), []Entry{e(3, "c"), e(1, "a"), e(2, "b")}, "a"},
		{"front first even if joined later", e(100, "new"), []Entry{e(1, "a"), e(5, "f", front)}, "f"},
		{"equal join time: lower id", e(100, "new"), []Entry{e(7, "b", joined(0)), e(6, "a", joined(0))}, "a"},
		{"preference beats waiting", e(100, "new", role("swe")), []Entry{e(1, "a", role("pm"), front), e(2, "b", role("swe"))}, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Best(tt.newcomer, tt.waiting, hist, now)
			if tt.want == "" {
				if ok {
					t.Fatalf("Best = %+v, want none", got)
				}
				return
			}
			if !ok || got.User != tt.want {
				t.Fatalf("Best = %q (%v), want %q", got.User, ok, tt.want)
			}
			// Independent of queue order.
			rev := make([]Entry, len(tt.waiting))
			for i, w := range tt.waiting {
				rev[len(rev)-1-i] = w
			}
			if got2, _ := Best(tt.newcomer, rev, hist, now); got2 != got {
				t.Fatalf("reversed queue gave %q", got2.User)
			}
		})
	}
}

func users(es ...Entry) []string {
	out := make([]string, len(es))
	for i, x := range es {
		out[i] = x.User
	}
	return out
}

func fmtResult(pairs [][2]Entry, trios [][3]Entry, left []Entry) string {
	s := ""
	for _, p := range pairs {
		s += fmt.Sprintf("%s+%s ", p[0].User, p[1].User)
	}
	for _, t := range trios {
		s += fmt.Sprintf("%s+%s+%s ", t[0].User, t[1].User, t[2].User)
	}
	s += fmt.Sprintf("left%v", users(left...))
	return s
}

func TestPairAll(t *testing.T) {
	now := t0.Add(24 * time.Hour)
	hist := History{}
	hist.Add("a", "b", now.Add(-time.Hour))
	tests := []struct {
		name    string
		entries []Entry
		trio    bool
		want    string
	}{
		{"empty", nil, false, "left[]"},
		{"one", []Entry{e(1, "x")}, false, "left[x]"},
		{"one, trios allowed", []Entry{e(1, "x")}, true, "left[x]"},
		{"two", []Entry{e(2, "y"), e(1, "x")}, false, "x+y left[]"},
		{"odd count leaves the latest", []Entry{e(1, "x"), e(2, "y"), e(3, "z")}, false, "x+y left[z]"},
		{"odd count makes a trio", []Entry{e(1, "x"), e(2, "y"), e(3, "z")}, true, "x+y+z left[]"},
		{"five with trio: the odd one joins the best-suited pair", []Entry{e(1, "p", role("swe")), e(2, "q", role("pm")), e(3, "r", role("swe")), e(4, "s", role("pm")), e(5, "t", role("pm"))}, true,
			"p+r q+s+t left[]"},
		{"empty role is neutral in batches too", []Entry{e(1, "p"), e(2, "q", role("pm")), e(3, "r", role("swe"))}, false,
			"p+q left[r]"},
		{"14 days with an alternative", []Entry{e(1, "a"), e(2, "b"), e(3, "c"), e(4, "d")}, false, "a+c b+d left[]"},
		{"14 days without an alternative", []Entry{e(1, "a"), e(2, "b")}, false, "a+b left[]"},
		{"role preference", []Entry{e(1, "w", role("swe")), e(2, "x", role("pm")), e(3, "y", role("swe")), e(4, "z", role("pm"))}, false,
			"w+y x+z left[]"},
		{"level preference", []Entry{e(1, "w", level("intern")), e(2, "x", level("staff")), e(3, "y", level("senior")), e(4, "z", level("new grad"))}, false,
			"w+z x+y left[]"},
		{"front goes first", []Entry{e(1, "w"), e(2, "x"), e(9, "f", front)}, false, "f+w left[x]"},
		{"guilds and topics never mix", []Entry{e(1, "a1"), e(2, "b1", guild("g2")), e(3, "c1", topic("product")), e(4, "a2"), e(5, "b2", guild("g2")), e(6, "c2", topic("product"))}, false,
			"a1+a2 b1+b2 c1+c2 left[]"},
		{"one member never in two pairs", []Entry{e(1, "u"), e(2, "u", topic("product")), e(3, "v"), e(4, "w", topic("product"))}, false,
			"u+v left[u w]"},
		{"same user twice in one queue", []Entry{e(1, "u"), e(2, "u")}, true, "left[u u]"},
		{"duplicate id ignored", []Entry{e(1, "u"), e(1, "u"), e(2, "v")}, false, "u+v left[]"},
		{"fair order across guilds", []Entry{e(5, "a2", guild("g2")), e(1, "a1"), e(6, "b2", guild("g2")), e(3, "b1"), e(0, "z2", guild("g2"), front)}, false,
			"z2+a2 a1+b1 left[b2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmtResult(PairAll(tt.entries, hist, now, tt.trio))
			if got != tt.want {
				t.Errorf("PairAll = %s\n                 want %s", got, tt.want)
			}
		})
	}
}

// randomQueue returns n entries over a few guilds, topics, roles, companies
// and levels, with some users in several queues, and a history.
func randomQueue(r *rand.Rand, n, guilds, topics, usersN int) ([]Entry, History) {
	roles := []string{"", "swe", "pm", "data", "ml", "sre", "designer", "em", "qa", "security"}
	comps := []string{""}
	for i := range 30 {
		comps = append(comps, fmt.Sprintf("company%d", i))
	}
	tps := []string{}
	for _, tp := range Topics() {
		tps = append(tps, tp.Key)
	}
	for i := len(tps); i < topics; i++ {
		tps = append(tps, fmt.Sprintf("custom-%d", i))
	}
	tps = tps[:topics]
	levels := []string{"", "intern", "new grad", "mid", "senior", "staff+"}
	es := make([]Entry, n)
	for i := range es {
		es[i] = Entry{
			ID: int64(i + 1), Guild: fmt.Sprintf("g%d", r.IntN(guilds)), User: fmt.Sprintf("u%d", r.IntN(usersN)),
			Topic: tps[r.IntN(len(tps))], Role: roles[r.IntN(len(roles))], Company: comps[r.IntN(len(comps))],
			Level: levels[r.IntN(len(levels))], Joined: t0.Add(time.Duration(r.IntN(7200)) * time.Second), Front: r.IntN(50) == 0,
		}
	}
	h := History{}
	for range n {
		h.Add(fmt.Sprintf("u%d", r.IntN(usersN)), fmt.Sprintf("u%d", r.IntN(usersN)), t0.Add(-time.Duration(r.IntN(30*24))*time.Hour))
	}
	return es, h
}

// TestPairAllProperties checks invariants on random queues.
func TestPairAllProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for iter := range 300 {
		n := r.IntN(120)
		es, hist := randomQueue(r, n, 1+r.IntN(3), 1+r.IntN(4), 1+r.IntN(80))
		allowTrio := iter%2 == 0
		pairs, trios, left := PairAll(es, hist, t0, allowTrio)

		seen := map[int64]int{}
		type gu struct{ g, u string }
		matchedUser := map[gu]bool{}
		groupOf := func(x Entry) string { return x.Guild + "/" + topicKey(x.Topic) }
		checkGroup := func(xs ...Entry) {
			for _, x := range xs {
				seen[x.ID]++
				if groupOf(x) != groupOf(xs[0]) {
					t.Fatalf("iter %d: %v mixes guild/topic", iter, users(xs...))
				}
				if matchedUser[gu{x.Guild, x.User}] {
					t.Fatalf("iter %d: user %s matched twice in %s", iter, x.User, x.Guild)
				}
				matchedUser[gu{x.Guild, x.User}] = true
			}
		}
		for _, p := range pairs {
			checkGroup(p[0], p[1])
		}
		for _, tr := range trios {
			checkGroup(tr[0], tr[1], tr[2])
		}
		// The entry PairAll matches for each user in a guild: their
		// longest-waiting one.
		primary := map[gu]Entry{}
		for _, x := range es {
			if p, ok := primary[gu{x.Guild, x.User}]; !ok || before(&x, &p) {
				primary[gu{x.Guild, x.User}] = x
			}
		}
		leftPerGroup := map[string]int{}
		for _, x := range left {
			seen[x.ID]++
			if primary[gu{x.Guild, x.User}].ID == x.ID {
				leftPerGroup[groupOf(x)]++
				if allowTrio && len(pairs)+len(trios) > 0 && groupHasMatch(pairs, trios, groupOf(x), groupOf) {
					t.Fatalf("iter %d: %s left over with trios allowed", iter, x.User)
				}
			}
		}
		for id, c := range seen {
			if c != 1 {
				t.Fatalf("iter %d: entry %d appears %d times", iter, id, c)
			}
		}
		if len(seen) != n {
			t.Fatalf("iter %d: %d of %d entries in output", iter, len(seen), n)
		}
		for g, c := range leftPerGroup {
			// At most one matchable member of a group is left over (the
			// others left are users already matched in their guild).
			if c > 1 {
				t.Fatalf("iter %d: group %s has %d unmatched members", iter, g, c)
			}
		}
		if !allowTrio && len(trios) > 0 {
			t.Fatalf("iter %d: trios without allowTrio", iter)
		}
		// Deterministic, whatever the input order.
		sh := append([]Entry(nil), es...)
		r.Shuffle(len(sh), func(i, j int) { sh[i], sh[j] = sh[j], sh[i] })
		if a, b := fmtResult(pairs, trios, left), fmtResult(PairAll(sh, hist, t0, allowTrio)); a != b {
			t.Fatalf("iter %d: order-dependent:\n%s\n%s", iter, a, b)
		}
	}
}

func groupHasMatch(pairs [][2]Entry, trios [][3]Entry, g string, groupOf func(Entry) string) bool {
	for _, p := range pairs {
		if groupOf(p[0]) == g {
			return true
		}
	}
	for _, t := range trios {
		if groupOf(t[0]) == g {
			return true
		}
	}
	return false
}

// The first pair of a single group is the longest-waiting member with the
// partner Best would choose for them.
func TestPairAllAgreesWithBest(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for iter := range 300 {
		all, hist := randomQueue(r, 2+r.IntN(60), 1, 1, 100)
		// One entry per user, so that both functions see the same queue.
		var es []Entry
		seenU := map[string]bool{}
		for _, x := range all {
			if !seenU[x.User] {
				seenU[x.User] = true
				es = append(es, x)
			}
		}
		pairs, _, _ := PairAll(es, hist, t0, false)
		if len(pairs) == 0 {
			continue
		}
		anchor := pairs[0][0]
		var rest []Entry
		for _, x := range es {
			if x.ID != anchor.ID {
				rest = append(rest, x)
			}
		}
		want, _ := Best(anchor, rest, hist, t0)
		if pairs[0][1].ID != want.ID {
			t.Fatalf("iter %d: PairAll paired %s with %s, Best says %s", iter, anchor.User, pairs[0][1].User, want.User)
		}
	}
}

func BenchmarkPairAll10k(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	es, hist := randomQueue(r, 10000, 5, 50, 8000)
	b.ReportAllocs()
	for b.Loop() {
		PairAll(es, hist, t0, true)
	}
}

// The worst case: every entry in one guild and one topic.
func BenchmarkPairAll10kOneGroup(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	es, hist := randomQueue(r, 10000, 1, 1, 100000)
	b.ReportAllocs()
	for b.Loop() {
		PairAll(es, hist, t0, true)
	}
}

func BenchmarkBest10k(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 12))
	es, hist := randomQueue(r, 10001, 5, 50, 8000)
	newcomer := es[0]
	b.ReportAllocs()
	for b.Loop() {
		Best(newcomer, es[1:], hist, t0)
	}
}
