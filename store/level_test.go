package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prepcord/prepcord/data"
)

// levelPatterns are the level lists levelBank gives its questions, by
// (i/10)%5: within each company every pattern appears.
var levelPatterns = [][]string{{"intern"}, {"new grad", "mid"}, {"mid"}, {"senior", "staff"}, {}}

// levelBank makes genBank(n, 10) with levels: out of 100, 20 intern, 20
// new grad, 40 mid, 20 senior, 20 staff and 20 without a level; TikTok
// (every tenth) has 2, 2, 4, 2, 2 and 2.
func levelBank(n int) []data.Question {
	qs := genBank(n, 10)
	for i := range qs {
		qs[i].Level = slices.Clone(levelPatterns[(i/10)%5])
	}
	return qs
}

func levelStore(t *testing.T) *Store {
	t.Helper()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(context.Background(), levelBank(100)); err != nil {
		t.Fatal(err)
	}
	return s
}

// The index's kinds line up with data.NameKinds, the level last.
func TestFacetKindsOrder(t *testing.T) {
	for i, k := range map[int]data.Kind{facetCompany: data.KindCompany, facetRole: data.KindRole, facetCategory: data.KindCategory,
		facetRound: data.KindRound, facetLevel: data.KindLevel} {
		if facetKinds[i] != k {
			t.Errorf("facetKinds[%d] = %s, want %s", i, facetKinds[i], k)
		}
	}
}

// A level filter narrows counts, lists and picks (from the index and, with
// a search, in SQL) alike; aliases and case resolve through data.
func TestLevelFilterNarrows(t *testing.T) {
	ctx := context.Background()
	s := levelStore(t)
	tests := []struct {
		f     Filter
		want  int
		level string // every match has it
	}{
		{Filter{}, 100, ""},
		{Filter{Level: "mid"}, 40, "mid"},
		{Filter{Level: "intern"}, 20, "intern"},
		{Filter{Level: "new grad"}, 20, "new grad"},
		{Filter{Level: "new-grad"}, 20, "new grad"},
		{Filter{Level: "Junior"}, 20, "new grad"},
		{Filter{Level: "newgrad"}, 20, "new grad"},
		{Filter{Level: " SENIOR "}, 20, "senior"},
		{Filter{Level: "sr"}, 20, "senior"},
		{Filter{Level: "staff engineer"}, 20, "staff"},
		{Filter{Level: "mid", Company: "tiktok"}, 4, "mid"},
		{Filter{Level: "staff", Company: "tiktok", Difficulty: "easy"}, -1, "staff"},
		// "problem 12" finds questions 12 (new grad, mid), 2 (intern, a
		// 12 ms budget) and 92 (none).
		{Filter{Level: "mid", Search: "problem 12"}, 1, "mid"},
		{Filter{Level: "intern", Search: "problem 12"}, 1, "intern"},
		{Filter{Level: "senior", Search: "problem 12"}, 0, ""},
		{Filter{Level: "wizard"}, 0, ""},
		{Filter{Level: "🙂"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.f), func(t *testing.T) {
			n, err := s.Questions.Count(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want >= 0 && n != tt.want {
				t.Errorf("count %d, want %d", n, tt.want)
			}
			list, err := s.Questions.List(ctx, tt.f, 200, 0)
			if err != nil || len(list) != n {
				t.Fatalf("list has %d, count %d (%v)", len(list), n, err)
			}
			for _, q := range list {
				if tt.level != "" && !slices.Contains(q.Level, tt.level) {
					t.Errorf("listed %s with levels %q", q.ID, q.Level)
				}
			}
			for i := 0; i < min(n, 5); i++ {
				p, err := s.History.PickQuestion(ctx, tt.f, "u")
				if err != nil {
					t.Fatal(err)
				}
				if tt.level != "" && !slices.Contains(p.Level, tt.level) {
					t.Errorf("picked %s with levels %q", p.ID, p.Level)
				}
			}
			if n == 0 {
				if _, err := s.History.PickQuestion(ctx, tt.f, "u"); err == nil {
					t.Error("nothing matches, yet a pick succeeded")
				}
			}
		})
	}
}

// Autocomplete lists the levels with their counts under the other
// filters, intern to staff; aliases and prefixes find their level.
func TestLevelAutocompleteAndValues(t *testing.T) {
	ctx := context.Background()
	s := levelStore(t)
	show := func(vs []ValueCount) string {
		var b strings.Builder
		for _, v := range vs {
			fmt.Fprintf(&b, "%s:%d ", v.Name, v.Count)
		}
		return strings.TrimSpace(b.String())
	}
	tests := []struct {
		f     Filter
		typed string
		want  string
	}{
		{Filter{}, "", "intern:20 new grad:20 mid:40 senior:20 staff:20"},
		{Filter{Company: "TikTok"}, "", "intern:2 new grad:2 mid:4 senior:2 staff:2"},
		{Filter{Company: "tik tok", Level: "staff"}, "", "intern:2 new grad:2 mid:4 senior:2 staff:2"},    // its own value is ignored
		{Filter{Company: "TikTok", Difficulty: "easy"}, "", "intern:1 new grad:1 mid:1 senior:1 staff:1"}, // questions 0, 30, 60, 90
		{Filter{Company: "TikTok", Difficulty: "hard"}, "", "intern:1 mid:1 senior:1 staff:1"},            // questions 20, 50, 80
		{Filter{Company: "Nope Inc"}, "", ""},
		{Filter{}, "sen", "senior:20"},
		{Filter{}, "junior", "new grad:20 senior:20"}, // the alias first, then a typo's match
		{Filter{}, "new-grad", "new grad:20"},
		{Filter{Company: "TikTok"}, "mid", "mid:4"},
	}
	for _, tt := range tests {
		got, err := s.Questions.Autocomplete(ctx, data.KindLevel, tt.f, tt.typed, 25)
		if err != nil {
			t.Fatal(err)
		}
		if show(got) != tt.want {
			t.Errorf("Autocomplete(level, %+v, %q) = %q, want %q", tt.f, tt.typed, show(got), tt.want)
		}
	}
	// Other kinds count under a level.
	got, err := s.Questions.Autocomplete(ctx, data.KindCompany, Filter{Level: "intern"}, "tik", 5)
	if err != nil || len(got) == 0 || got[0].Name != "TikTok" || got[0].Count != 2 {
		t.Errorf("companies under intern: %v %v", got, err)
	}
	vals, err := s.Questions.Values(ctx, data.KindLevel, Filter{Role: "Data Scientist"})
	if err != nil || len(vals) != 5 || vals[0].Name != "intern" || vals[4].Name != "staff" {
		t.Errorf("values of level under a role: %v %v", vals, err)
	}
	// Each count agrees with Count.
	for _, v := range vals {
		if n, _ := s.Questions.Count(ctx, Filter{Role: "Data Scientist", Level: v.Name}); n != v.Count {
			t.Errorf("%s: value count %d, Count %d", v.Name, v.Count, n)
		}
	}
}

// A level resolves through its aliases; a misspelt one gets a did-you-mean.
func TestLevelResolveAndDidYouMean(t *testing.T) {
	ctx := context.Background()
	s := levelStore(t)
	for in, want := range map[string]string{"new-grad": "new grad", "junior": "new grad", "Entry Level": "new grad",
		"Senior": "senior", "mid-level": "mid", "internship": "intern", "staff": "staff"} {
		got, ok, err := s.Questions.Resolve(ctx, data.KindLevel, "g", in)
		if err != nil || !ok || got != want {
			t.Errorf("Resolve(level, %q) = %q, %v, %v; want %q", in, got, ok, err, want)
		}
	}
	for _, in := range []string{"senor", "wizard", "principal"} {
		if got, ok, err := s.Questions.Resolve(ctx, data.KindLevel, "g", in); ok || err != nil {
			t.Errorf("Resolve(level, %q) = %q, %v, %v; want no match", in, got, ok, err)
		}
	}
	for in, want := range map[string]string{"senor": "senior", "stafff": "staff", "intrn": "intern", "newgrd": "new grad"} {
		got, err := s.Questions.DidYouMean(ctx, data.KindLevel, "g", in, 3)
		if err != nil || len(got) == 0 || got[0] != want {
			t.Errorf("DidYouMean(level, %q) = %q, %v; want %q first", in, got, err, want)
		}
	}
	if got, _ := s.Questions.DidYouMean(ctx, data.KindLevel, "g", "zzzzzzzz", 3); len(got) != 0 {
		t.Errorf("nonsense got %q", got)
	}
}

// Saved filters carry the level; filters without one save as before (the
// same JSON and token), and rows saved before levels existed still load.
func TestSavedFilterLevel(t *testing.T) {
	ctx := context.Background()
	s := levelStore(t)
	old := `{"Scope":"","Company":"tiktok","Role":"","Category":"","Round":"","Difficulty":"easy","Search":""}`
	sum := sha256.Sum256([]byte(old))
	oldToken := base64.RawURLEncoding.EncodeToString(sum[:12])
	if _, err := s.w.ExecContext(ctx, "INSERT INTO saved_filters (token, filter, created_at) VALUES (?, ?, ?)",
		oldToken, old, s.now().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	f, err := s.History.LoadFilter(ctx, oldToken)
	if err != nil || f != (Filter{Company: "tiktok", Difficulty: "easy"}) {
		t.Fatalf("old saved filter: %+v %v", f, err)
	}
	tok, err := s.History.SaveFilter(ctx, Filter{Scope: "g", Company: "Tik Tok", Difficulty: "Easy"})
	if err != nil || tok != oldToken {
		t.Errorf("a filter without a level saves under %q, want the old token %q (%v)", tok, oldToken, err)
	}
	// With a level: a new token, the level by its key, selecting alike.
	for _, lv := range []string{"junior", "New Grad", "new-grad"} {
		tok, err := s.History.SaveFilter(ctx, Filter{Company: "TikTok", Level: lv})
		if err != nil {
			t.Fatal(err)
		}
		f, err := s.History.LoadFilter(ctx, tok)
		if err != nil || f.Level != "newgrad" || f.Company != "tiktok" {
			t.Fatalf("saved %q: %+v %v", lv, f, err)
		}
		if n, _ := s.Questions.Count(ctx, f); n != 2 {
			t.Errorf("saved %q selects %d, want 2", lv, n)
		}
	}
}

// The daily's level is saved, survives a reopen and chooses its questions.
func TestDailyKeepsLevel(t *testing.T) {
	ctx := context.Background()
	path := testDB(t)
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Questions.SyncBundled(ctx, levelBank(100)); err != nil {
		t.Fatal(err)
	}
	saveCfg(t, s, "g", func(c *DailyConfig) { c.Company, c.Level = "TikTok", "junior" })
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cfg, err := s.Daily.Config(ctx, "g")
	if err != nil || cfg.Level != "junior" || cfg.Filter().Level != "junior" {
		t.Fatalf("config after reopen: %+v %v", cfg, err)
	}
	if _, total, err := s.Daily.Remaining(ctx, "g", DefaultFeed); err != nil || total != 2 {
		t.Fatalf("daily total %d, want TikTok's 2 new grad questions (%v)", total, err)
	}
	for day := 1; day <= 3; day++ {
		p, ok, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g", LocalDate: fmt.Sprintf("2026-01-%02d", day), ChannelID: "c", By: "x"})
		if err != nil || !ok {
			t.Fatalf("day %d: %v %v", day, ok, err)
		}
		q, err := s.Questions.BySeq(ctx, p.QuestionSeq)
		if err != nil || !slices.Contains(q.Level, "new grad") || q.Company != "TikTok" {
			t.Fatalf("day %d posted %+v %v", day, q, err)
		}
	}
	// Saving again without a level clears it.
	saveCfg(t, s, "g", nil)
	if cfg, _ := s.Daily.Config(ctx, "g"); cfg.Level != "" {
		t.Errorf("level %q after saving none", cfg.Level)
	}
}

// Exports in every format carry the levels, and importing them back into
// another database selects alike.
func TestLevelExportImportEveryFormat(t *testing.T) {
	ctx := context.Background()
	src := levelStore(t)
	qs, err := src.Questions.Export(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []data.Format{data.YAML, data.JSON, data.CSV} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := data.Write(&buf, qs, f); err != nil {
				t.Fatal(err)
			}
			entries, err := data.Parse("bank."+string(f), buf.Bytes(), f)
			if err != nil {
				t.Fatal(err)
			}
			dst := openTest(t)
			if _, err := dst.Questions.Import(ctx, entries, ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			for _, lv := range append(slices.Clone(data.Levels), "") {
				a, _ := src.Questions.Count(ctx, Filter{Level: lv})
				b, _ := dst.Questions.Count(ctx, Filter{Level: lv})
				if a != b {
					t.Errorf("level %q: %d before, %d after", lv, a, b)
				}
			}
			back, err := dst.Questions.Export(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			for i := range back {
				if got, want := data.JoinList(back[i].Level), data.JoinList(qs[i].Level); got != want {
					t.Errorf("%s: level %q, want %q", back[i].ID, got, want)
				}
			}
		})
	}
}

func TestMockLevelAndPacketLevel(t *testing.T) {
	for in, want := range map[string]string{"intern": "intern", "junior": "new grad", "Mid": "mid", "senior": "senior",
		"staff": "staff", "new-grad": "new grad", "": "", "any": "", "L5": ""} {
		if got := BankLevel(in); got != want {
			t.Errorf("MockLevel(%q) = %q, want %q", in, got, want)
		}
	}
	m := func(id, level string, absent bool) PairMember {
		return PairMember{UserID: id, Level: level, Absent: absent}
	}
	tests := []struct {
		name    string
		members []PairMember
		asker   string
		want    string
	}{
		{"the asked member's level", []PairMember{m("a", "junior", false), m("b", "senior", false)}, "a", "senior"},
		{"the other way", []PairMember{m("a", "junior", false), m("b", "senior", false)}, "b", "new grad"},
		{"own when the partner gave none", []PairMember{m("a", "staff", false), m("b", "", false)}, "a", "staff"},
		{"own when the partner's is unreadable", []PairMember{m("a", "mid", false), m("b", "L5", false)}, "a", "mid"},
		{"none", []PairMember{m("a", "", false), m("b", "", false)}, "a", ""},
		{"trio: the next member", []PairMember{m("a", "", false), m("b", "intern", false), m("c", "staff", false)}, "b", "staff"},
		{"trio: wraps around", []PairMember{m("a", "mid", false), m("b", "intern", false), m("c", "staff", false)}, "c", "mid"},
		{"trio: skips the absent", []PairMember{m("a", "mid", false), m("b", "intern", true), m("c", "staff", false)}, "a", "staff"},
		{"not a member", []PairMember{m("a", "mid", false)}, "z", ""},
	}
	for _, tt := range tests {
		p := &Pairing{Members: tt.members}
		if got := p.PacketLevel(tt.asker); got != tt.want {
			t.Errorf("%s: PacketLevel(%s) = %q, want %q", tt.name, tt.asker, got, tt.want)
		}
	}
}

// Packets follow the pair's level, before the company, and fall back to
// any level when no question at it fits.
func TestPacketPrefersPairLevel(t *testing.T) {
	ctx := context.Background()
	coding := Filter{Scope: "g", Category: "Coding & Algorithms"}
	tiktok := coding.With(data.KindCompany, "TikTok")
	// genBank(20, 2): the coding questions are 0 and 10 (TikTok), 5 and 15
	// (Company 001).
	levels := map[int][]string{0: {"intern"}, 5: {"senior", "staff"}, 10: {"mid"}, 15: {}}
	tests := []struct {
		name           string
		aLevel, bLevel string
		filters        []Filter
		asker          string
		want           []string // one of these
	}{
		{"partner's level", "", "senior", []Filter{coding}, "a", []string{"gen-00005"}},
		{"alias and case", "", "Mid", []Filter{coding}, "a", []string{"gen-00010"}},
		{"junior is new grad, none: any level", "", "junior", []Filter{coding}, "a", []string{"gen-00000", "gen-00005", "gen-00010", "gen-00015"}},
		{"own level when the partner has none", "intern", "", []Filter{coding}, "a", []string{"gen-00000"}},
		{"level before company", "", "staff", []Filter{tiktok, coding}, "a", []string{"gen-00005"}},
		{"level within the company first", "", "intern", []Filter{tiktok, coding}, "a", []string{"gen-00000"}},
		{"no level: the filters as given", "", "", []Filter{tiktok, coding}, "a", []string{"gen-00000", "gen-00010"}},
		{"b asks a at a's level", "intern", "senior", []Filter{coding}, "b", []string{"gen-00000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			mockClock(s)
			qs := genBank(20, 2)
			for i := range qs {
				qs[i].Level = levels[i]
			}
			if _, err := s.Questions.SyncBundled(ctx, qs); err != nil {
				t.Fatal(err)
			}
			for _, u := range []struct{ id, level string }{{"a", tt.aLevel}, {"b", tt.bLevel}} {
				if _, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: "g", UserID: u.id, Topic: "coding", Level: u.level,
					ChannelID: "c", DefaultExpiry: 2 * time.Hour, Pick: firstPick}); err != nil {
					t.Fatal(err)
				}
			}
			p, err := s.Interviews.OpenPairingOf(ctx, "g", "a")
			if err != nil || p == nil {
				t.Fatalf("pairing: %+v %v", p, err)
			}
			q, err := s.Interviews.AssignPacket(ctx, p.ID, tt.asker, tt.filters)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(tt.want, q.ID) {
				t.Errorf("packet %s (levels %q), want one of %v", q.ID, q.Level, tt.want)
			}
		})
	}
}
