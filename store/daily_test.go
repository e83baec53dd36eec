package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

func dailyStore(t *testing.T, bank int) (*Store, string) {
	t.Helper()
	path := testDB(t)
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Questions.SyncBundled(context.Background(), genBank(bank, 5)); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func saveCfg(t *testing.T, s *Store, guild string, mod func(*DailyConfig)) {
	t.Helper()
	c := &DailyConfig{GuildID: guild, ChannelID: "c-" + guild, Clock: "09:00", Zone: "UTC", Days: 127, NextDue: 1000, NextDate: "2026-01-01"}
	if mod != nil {
		mod(c)
	}
	if err := s.Daily.SaveConfig(context.Background(), c); err != nil {
		t.Fatal(err)
	}
}

func TestClaimDailyOnceAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	s1, path := dailyStore(t, 20)
	saveCfg(t, s1, "g1", nil)
	s2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	const tries = 40
	var wg sync.WaitGroup
	wins := make(chan *DailyPost, tries)
	for i := range tries {
		st := s1
		if i%2 == 1 {
			st = s2
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, ok, err := st.Daily.Claim(ctx, DailyClaim{GuildID: "g1", LocalDate: "2026-03-08", DueAt: 1000, ChannelID: "c", By: fmt.Sprint(i), At: 5,
				Advance: true, FromDue: 1000, NextDue: 2000, NextDate: "2026-03-09"})
			if err != nil {
				t.Error(err)
				return
			}
			if ok {
				wins <- p
			}
		}()
	}
	wg.Wait()
	close(wins)
	var got []*DailyPost
	for p := range wins {
		got = append(got, p)
	}
	if len(got) != 1 {
		t.Fatalf("%d processes claimed the same date, want 1", len(got))
	}
	if got[0].Status != DailyClaimed || got[0].QuestionSeq == 0 {
		t.Fatalf("claim: %+v", got[0])
	}
	cfg, err := s1.Daily.Config(ctx, "g1")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.NextDue != 2000 || cfg.NextDate != "2026-03-09" {
		t.Fatalf("schedule not advanced: %+v", cfg)
	}
	// A skip or a miss on a date already claimed changes nothing.
	if added, err := s2.Daily.Mark(ctx, DailyClaim{GuildID: "g1", LocalDate: "2026-03-08"}, DailySkipped); err != nil || added {
		t.Fatalf("skip over a claim: added=%v err=%v", added, err)
	}
}

func TestDailyQuestionsCycle(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 30)
	// Company 001 has questions 1, 6, 11, 16, 21, 26: six in all.
	saveCfg(t, s, "g", func(c *DailyConfig) { c.Company = "Company 001" })
	total, err := s.Questions.Count(ctx, Filter{Scope: "g", Company: "Company 001"})
	if err != nil || total != 6 {
		t.Fatalf("filtered bank: %d %v", total, err)
	}
	seen := map[int64]bool{}
	for day := 1; day <= 6; day++ {
		preview, err := s.Daily.NextQuestion(ctx, "g", DefaultFeed)
		if err != nil {
			t.Fatal(err)
		}
		p, ok, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g", LocalDate: fmt.Sprintf("2026-01-%02d", day), ChannelID: "c", By: "x"})
		if err != nil || !ok {
			t.Fatalf("day %d: ok=%v err=%v", day, ok, err)
		}
		if p.QuestionSeq != preview.Seq {
			t.Fatalf("day %d: preview showed %d, post carries %d", day, preview.Seq, p.QuestionSeq)
		}
		if seen[p.QuestionSeq] {
			t.Fatalf("day %d repeats question %d before the bank is exhausted", day, p.QuestionSeq)
		}
		seen[p.QuestionSeq] = true
		if p.Remaining != 6-day || p.CycleRestart {
			t.Fatalf("day %d: remaining %d restart %v", day, p.Remaining, p.CycleRestart)
		}
		if err := s.Daily.MarkSent(ctx, p.ID, fmt.Sprint("m", day), false, 1); err != nil {
			t.Fatal(err)
		}
	}
	p, ok, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g", LocalDate: "2026-01-07", ChannelID: "c", By: "x"})
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if !p.CycleRestart || p.Cycle != 2 || p.Remaining != 5 {
		t.Fatalf("7th post: restart=%v cycle=%d remaining=%d", p.CycleRestart, p.Cycle, p.Remaining)
	}
	left, total, err := s.Daily.Remaining(ctx, "g", DefaultFeed)
	if err != nil || left != 5 || total != 6 {
		t.Fatalf("remaining %d/%d %v", left, total, err)
	}
	// Filters that match nothing record a failed post and say why.
	saveCfg(t, s, "empty", func(c *DailyConfig) { c.Company = "Nope Inc" })
	p, ok, err = s.Daily.Claim(ctx, DailyClaim{GuildID: "empty", LocalDate: "2026-01-01", ChannelID: "c", By: "x"})
	if errs.CodeOf(err) != errs.NotFound || !ok || p.Status != DailyFailed {
		t.Fatalf("no match: %+v ok=%v err=%v", p, ok, err)
	}
}

func TestDailyStaleClaimsAndReveals(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 10)
	saveCfg(t, s, "g", nil)
	p, _, err := s.Daily.Claim(ctx, DailyClaim{GuildID: "g", LocalDate: "2026-01-01", ChannelID: "c", By: "a", At: 100})
	if err != nil {
		t.Fatal(err)
	}
	stale, err := s.Daily.StaleClaims(ctx, 50, 10, shard.Set{})
	if err != nil || len(stale) != 0 {
		t.Fatalf("fresh claim reported stale: %v %v", stale, err)
	}
	stale, _ = s.Daily.StaleClaims(ctx, 101, 10, shard.Set{})
	if len(stale) != 1 {
		t.Fatalf("stale claims: %d", len(stale))
	}
	ok1, _ := s.Daily.TakeOver(ctx, stale[0], "b", 200)
	ok2, _ := s.Daily.TakeOver(ctx, stale[0], "c", 200)
	if !ok1 || ok2 {
		t.Fatalf("take-over: first %v second %v", ok1, ok2)
	}
	if err := s.Daily.MarkSent(ctx, p.ID, "m1", false, 1000); err != nil {
		t.Fatal(err)
	}
	if err := s.Daily.MarkThread(ctx, p.ID, "m1", ""); err != nil {
		t.Fatal(err)
	}
	due, _ := s.Daily.DueReveals(ctx, 999, 0, 10, shard.Set{})
	if len(due) != 0 {
		t.Fatalf("reveal due before 24 h and before the next post")
	}
	due, _ = s.Daily.DueReveals(ctx, 1000, 0, 10, shard.Set{})
	if len(due) != 1 {
		t.Fatalf("reveal not due after 24 h")
	}
	if ok, _ := s.Daily.ClaimReveal(ctx, due[0], "a", 5000); !ok {
		t.Fatal("reveal claim refused")
	}
	if ok, _ := s.Daily.ClaimReveal(ctx, due[0], "b", 5000); ok {
		t.Fatal("reveal claimed twice")
	}
}

func TestParticipationLeaderboard(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 1)
	rec := func(user, date string) bool {
		first, err := s.History.RecordParticipation(ctx, "g", user, date, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		return first
	}
	if !rec("alice", "2026-01-01") || rec("alice", "2026-01-01") {
		t.Fatal("second answer the same day counted as a new day")
	}
	rec("alice", "2026-01-02")
	rec("alice", "2026-02-01")
	rec("bob", "2026-02-01")
	rec("bob", "2026-02-02")
	for i := range 12 {
		rec(fmt.Sprintf("u%02d", i), "2026-02-03")
		rec(fmt.Sprintf("u%02d", i), "2026-02-04")
		rec(fmt.Sprintf("u%02d", i), "2026-02-05")
	}
	days, _ := s.History.ParticipationDays(ctx, "g", "alice")
	if len(days) != 3 || days[0].Count != 2 {
		t.Fatalf("alice's days: %+v", days)
	}
	all, err := s.History.Leaderboard(ctx, "g", "", 10)
	if err != nil || len(all) != 10 || all[0].Days != 3 || all[0].Rank != 1 || all[9].Rank != 1 {
		t.Fatalf("all-time board: %+v %v", all, err)
	}
	d, rank, members, err := s.History.LeaderRank(ctx, "g", "bob", "2026-02-01")
	if err != nil || d != 2 || rank != 13 || members != 14 {
		t.Fatalf("bob this month: days %d rank %d of %d %v", d, rank, members, err)
	}
	d, rank, _, _ = s.History.LeaderRank(ctx, "g", "alice", "2026-02-01")
	if d != 1 || rank != 14 {
		t.Fatalf("alice this month: %d #%d", d, rank)
	}
	_, rank, _, _ = s.History.LeaderRank(ctx, "g", "nobody", "")
	if rank != 0 {
		t.Fatalf("a member with no answers has rank %d", rank)
	}
}
