package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/prepcord/prepcord/internal/shard"
)

// A month's award is claimed once, by one of two processes racing on one
// database; a finished award records the holder on the setting; a stale
// claim is taken over once.
func TestChampionAwardClaimedOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	other, err := Open(ctx, s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	cfg := &ChampionConfig{GuildID: "4194304", RoleID: "r1", Feed: "daily", NextMonth: "2026-11", NextDue: 1000, UpdatedBy: "admin"}
	if err := s.Champions.SetChampion(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	due, err := other.Champions.DueChampions(ctx, 999, 10, shard.Set{})
	if err != nil || len(due) != 0 {
		t.Fatalf("due before its time: %v %v", due, err)
	}
	due, err = other.Champions.DueChampions(ctx, 1000, 10, shard.Set{})
	if err != nil || len(due) != 1 || due[0].RoleID != "r1" {
		t.Fatalf("due: %+v %v", due, err)
	}
	var won atomic.Int32
	var wg sync.WaitGroup
	for i, st := range []*Store{s, other, s, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := st.Champions.ClaimAward(ctx, &ChampionAward{GuildID: cfg.GuildID, Month: "2026-11", RoleID: "r1", Feed: "daily",
				ClaimedBy: string(rune('a' + i)), ClaimedAt: 5})
			if err != nil {
				t.Error(err)
			}
			if ok {
				won.Add(1)
			}
		}()
	}
	wg.Wait()
	if won.Load() != 1 {
		t.Fatalf("%d claims won, want 1", won.Load())
	}
	stale, err := s.Champions.StaleAwards(ctx, 6, 10, shard.Set{})
	if err != nil || len(stale) != 1 {
		t.Fatalf("stale: %v %v", stale, err)
	}
	if ok, err := s.Champions.TakeOverAward(ctx, stale[0], "z", 7); err != nil || !ok {
		t.Fatalf("takeover: %v %v", ok, err)
	}
	if ok, err := other.Champions.TakeOverAward(ctx, stale[0], "y", 7); err != nil || ok {
		t.Fatalf("second takeover: %v %v", ok, err)
	}
	if err := s.Champions.FinishAward(ctx, &ChampionAward{GuildID: cfg.GuildID, Month: "2026-11", UserID: "u1", Days: 3, State: AwardDone, FinishedAt: 8}, "u1", "r1"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.Champions.Reschedule(ctx, cfg.GuildID, 1000, "2026-12", 2000); !ok {
		t.Fatal("reschedule refused")
	}
	if ok, _ := other.Champions.Reschedule(ctx, cfg.GuildID, 1000, "2026-12", 2000); ok {
		t.Fatal("a second reschedule from the same due went through")
	}
	// Setting the role again keeps the month and the holder.
	if err := s.Champions.SetChampion(ctx, &ChampionConfig{GuildID: cfg.GuildID, RoleID: "r2", Feed: "daily", NextMonth: "2027-01", NextDue: 9}); err != nil {
		t.Fatal(err)
	}
	got, err := other.Champions.Champion(ctx, cfg.GuildID)
	if err != nil || got.RoleID != "r2" || got.NextMonth != "2026-12" || got.HolderID != "u1" || got.HolderRole != "r1" {
		t.Fatalf("setting %+v %v", got, err)
	}
	awards, err := s.Champions.Awards(ctx, cfg.GuildID, 5)
	if err != nil || len(awards) != 1 || awards[0].State != AwardDone || awards[0].UserID != "u1" {
		t.Fatalf("awards %+v %v", awards, err)
	}
	if ok, err := s.Champions.ClearChampion(ctx, cfg.GuildID); err != nil || !ok {
		t.Fatalf("clear %v %v", ok, err)
	}
	if got, err := s.Champions.Champion(ctx, cfg.GuildID); err != nil || got != nil {
		t.Fatalf("after clear %+v %v", got, err)
	}
}

// Activity counts a month's answered days per member, and when each
// reached the count.
func TestChampionActivity(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, p := range []struct {
		user, date string
		at         int64
	}{{"a", "2026-10-31", 1}, {"a", "2026-11-01", 2}, {"a", "2026-11-30", 9}, {"b", "2026-11-15", 5}, {"b", "2026-12-01", 10}} {
		if _, err := s.History.RecordParticipation(ctx, "g", p.user, p.date, 1, p.at); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Champions.Activity(ctx, "g", "2026-11-01", "2026-11-31")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]MonthActivity{"a": {"a", 2, 9}, "b": {"b", 1, 5}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for _, g := range got {
		if want[g.UserID] != g {
			t.Errorf("%s: %+v, want %+v", g.UserID, g, want[g.UserID])
		}
	}
}
