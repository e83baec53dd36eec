package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// listBank fills s with a bank whose list order has ties and surprises:
// bundled questions (some retired by a later sync, some with levels), and
// a server's own questions.
func listBank(t *testing.T, s *Store) {
	t.Helper()
	ctx := context.Background()
	bank := genBank(1500, 40)
	levels := [][]string{{"intern"}, {"new grad", "mid"}, {"senior", "staff"}, nil}
	for i := range bank {
		bank[i].Level = levels[i%len(levels)]
		if i%9 == 0 {
			bank[i].Title = "same title" // ties broken by seq
		}
		if i%13 == 0 {
			bank[i].Title = "Zebra " + bank[i].Title // capitals sort before lower case in the database's order
		}
	}
	if _, err := s.Questions.SyncBundled(ctx, bank); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Questions.SyncBundled(ctx, bank[:1400]); err != nil { // retires 100
		t.Fatal(err)
	}
	for i := range 30 {
		q := genBank(1, 1)[0]
		q.ID, q.Title, q.Company = fmt.Sprintf("own-%d", i), fmt.Sprintf("Own question %d", i), []string{"TikTok", "Own Co"}[i%2]
		if _, err := s.Questions.AddSuggested(ctx, "g", "author", q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestListFromIndexMatchesSQL: the bank list read from the index (the
// browse pages and related questions) gives the same questions in the same
// order as the database's sort, and the same counts by difficulty, for
// every kind of filter, search and page, on both databases; values the
// index cannot judge are asked of the database.
func TestListFromIndexMatchesSQL(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	listBank(t, s)
	filters := []struct {
		f        Filter
		fallback bool // answered by the database, not the index
	}{
		{f: Filter{}},
		{f: Filter{Scope: "g"}},
		{f: Filter{Scope: "other"}},
		{f: Filter{Company: "TikTok"}},
		{f: Filter{Company: "tik tok", Scope: "g"}},
		{f: Filter{Company: "Company 007", Difficulty: "Hard"}},
		{f: Filter{Category: "system design"}},
		{f: Filter{Role: "Data Scientist", Difficulty: "easy"}},
		{f: Filter{Level: "senior"}},
		{f: Filter{Level: "junior"}},
		{f: Filter{Round: "screen"}},
		{f: Filter{Round: "Onsite", Category: "SQL & Data", Role: "Software Engineer"}},
		{f: Filter{Company: "Nobody Inc"}},
		{f: Filter{Company: "!!!"}, fallback: true},
		{f: Filter{Search: "caching"}},
		{f: Filter{Search: "question 42"}},
		{f: Filter{Search: "Own", Scope: "g", Company: "TikTok"}},
		{f: Filter{Search: "latency budget", Category: "SQL & Data", Difficulty: "medium"}},
		{f: Filter{Search: "Zebra", Role: "Product Manager", Level: "intern"}},
		{f: Filter{Search: "!!!"}},
		{f: Filter{Search: "and or not"}},
	}
	pages := [][2]int{{25, 0}, {25, 25}, {10, 0}, {25, 1375}, {25, 5000}, {1, 7}}
	for _, tt := range filters {
		for _, pg := range pages {
			want, err := s.Questions.listSQL(ctx, tt.f, pg[0], pg[1])
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := s.Questions.listFromIndex(ctx, tt.f, pg[0], pg[1])
			if err != nil {
				t.Fatal(err)
			}
			if ok == tt.fallback {
				t.Fatalf("%+v: answered from the index %v, want %v", tt.f, ok, !tt.fallback)
			}
			if !ok {
				got = want
			}
			if viaList, err := s.Questions.List(ctx, tt.f, pg[0], pg[1]); err != nil || !slices.EqualFunc(viaList, want, sameQuestion) {
				t.Fatalf("%+v page %v: List differs from the database (%v)", tt.f, pg, err)
			}
			if !slices.EqualFunc(got, want, sameQuestion) {
				t.Fatalf("%+v limit %d offset %d:\n index %v\n   sql %v", tt.f, pg[0], pg[1], seqsOf(got), seqsOf(want))
			}
		}
		if tt.fallback {
			continue
		}
		// The counts by difficulty beside the list are the database's too.
		counts, err := s.Questions.DifficultyCounts(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			g := tt.f
			g.Difficulty = c.Name
			if n, err := s.Questions.Count(ctx, g); err != nil || n != c.Count {
				t.Fatalf("%+v: %d %s from the index, %d from the database (%v)", tt.f, c.Count, c.Name, n, err)
			}
		}
	}
	// A change to the bank is listed at once.
	q := genBank(1, 1)[0]
	q.ID, q.Title, q.Company = "own-new", "Aardvark question", "TikTok"
	if _, err := s.Questions.AddSuggested(ctx, "g", "author", q); err != nil {
		t.Fatal(err)
	}
	got, err := s.Questions.List(ctx, Filter{Scope: "g", Company: "TikTok"}, 5, 0)
	if err != nil || len(got) == 0 || got[0].ID != "own-new" {
		t.Fatalf("after a new question: %v %v", seqsOf(got), err)
	}
}

func sameQuestion(a, b *Question) bool {
	return a.Seq == b.Seq && a.ID == b.ID && a.Title == b.Title && a.Prompt == b.Prompt && slices.Equal(a.Level, b.Level)
}

func seqsOf(qs []*Question) []int64 {
	out := make([]int64, len(qs))
	for i, q := range qs {
		out[i] = q.Seq
	}
	return out
}

// TestRemainingFromIndexMatchesSQL: the questions left in a feed's cycle,
// counted in the index against the cycle's posts, are what the database
// counts, for feeds with and without filters, before and after posts and
// a new cycle, on both databases.
func TestRemainingFromIndexMatchesSQL(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	listBank(t, s)
	feeds := map[string]func(*DailyConfig){
		"all":     nil,
		"tiktok":  func(c *DailyConfig) { c.Company = "TikTok" },
		"design":  func(c *DailyConfig) { c.Category = "System Design"; c.Difficulty = "hard" },
		"senior":  func(c *DailyConfig) { c.Level = "senior"; c.Role = "Data Scientist" },
		"nothing": func(c *DailyConfig) { c.Company = "Nobody Inc" },
	}
	check := func(when string) {
		t.Helper()
		for feed := range feeds {
			c, err := s.Daily.Feed(ctx, "g", feed)
			if err != nil {
				t.Fatal(err)
			}
			wl, wt, err := s.Daily.remainingSQL(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			left, total, err := s.Daily.Remaining(ctx, "g", feed)
			if err != nil || left != wl || total != wt {
				t.Fatalf("%s, feed %s: index %d of %d, database %d of %d (%v)", when, feed, left, total, wl, wt, err)
			}
		}
	}
	for feed, mod := range feeds {
		saveCfg(t, s, "g", func(c *DailyConfig) {
			c.Feed = feed
			if mod != nil {
				mod(c)
			}
		})
	}
	check("before any post")
	for day := 1; day <= 8; day++ {
		for feed := range feeds {
			if _, _, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g", Feed: feed, LocalDate: fmt.Sprintf("2026-01-%02d", day), ChannelID: "c", By: "x"}); err != nil && feed != "nothing" {
				t.Fatal(err)
			}
		}
	}
	check("after eight claims")
	c, _ := s.Daily.Feed(ctx, "g", "tiktok")
	if left, total, _ := s.Daily.Remaining(ctx, "g", "tiktok"); left != total-8 || c.Cycle < 1 {
		t.Fatalf("tiktok after eight posts: %d of %d, cycle %d", left, total, c.Cycle)
	}
	if _, err := s.Questions.SyncBundled(ctx, genBank(1200, 40)); err != nil { // the bank shrinks under the feeds
		t.Fatal(err)
	}
	check("after the bank changed")
}
