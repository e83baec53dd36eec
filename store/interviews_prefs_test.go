package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/internal/shard"
)

// An OnlyPair request pairs a queued member as they are queued, and
// otherwise changes nothing: no entry for someone not queued, no new
// expiry, no new preferences.
func TestInterviewsJoinQueueOnlyPair(t *testing.T) {
	s := openTest(t)
	advance := mockClock(s)
	ctx := context.Background()
	never := func(QueueEntry, []QueueEntry, map[string]time.Time, time.Time) int { return -1 }
	only := func(user string, pick Picker) *JoinResult {
		t.Helper()
		r, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: "g", UserID: user, Topic: "coding", Role: "ignored",
			DefaultExpiry: time.Hour, Pick: pick, OnlyPair: true})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := only("nobody", firstPick); r.Entry != nil || r.Pairing != nil || r.OpenPairing != nil {
		t.Fatalf("OnlyPair for a member not queued: %+v", r)
	}
	if e, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "nobody"); e != nil {
		t.Fatal("OnlyPair queued a member")
	}
	if _, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: "g", UserID: "a", Topic: "product", Level: "senior", ChannelID: "c",
		DefaultExpiry: 2 * time.Hour, Pick: never}); err != nil {
		t.Fatal(err)
	}
	before, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "a")
	advance(30 * time.Minute)
	if r := only("a", never); r.Pairing != nil || r.Entry == nil {
		t.Fatalf("OnlyPair without a partner: %+v", r)
	}
	after, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "a")
	if *after != *before {
		t.Fatalf("OnlyPair changed the entry:\n%+v\n%+v", before, after)
	}
	// With a partner, the member is paired in the topic they queued for
	// (not the request's), with their queued preferences.
	if _, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: "g", UserID: "b", Topic: "product", ChannelID: "c",
		DefaultExpiry: 2 * time.Hour, Pick: never}); err != nil {
		t.Fatal(err)
	}
	r := only("a", firstPick)
	if r.Pairing == nil || r.Pairing.Topic != "product" || r.Pairing.Member("a").Level != "senior" || r.Pairing.Member("a").Role != "" {
		t.Fatalf("OnlyPair with a partner: %+v", r.Pairing)
	}
}

// QueueRelaxed returns the groups with two members past their hold.
func TestInterviewsQueueRelaxed(t *testing.T) {
	s := openTest(t)
	advance := mockClock(s)
	ctx := context.Background()
	never := func(QueueEntry, []QueueEntry, map[string]time.Time, time.Time) int { return -1 }
	q := func(guild, user, topic string) {
		t.Helper()
		if _, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: guild, UserID: user, Topic: topic, DefaultExpiry: 2 * time.Hour, Pick: never}); err != nil {
			t.Fatal(err)
		}
	}
	q("g", "a", "coding")
	q("g", "b", "coding")
	q("g", "c", "product")
	q("g2", "d", "coding")
	advance(10 * time.Minute)
	q("g", "e", "coding") // joined later: in the group, not past the hold
	q("g2", "f", "coding")
	now := s.Now()
	got, err := s.Interviews.QueueRelaxed(ctx, now, now.Add(-5*time.Minute), shard.Set{})
	if err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, e := range got {
		users = append(users, e.UserID)
	}
	if want := "a b e"; strings.Join(users, " ") != want {
		t.Fatalf("relaxed groups %q, want %q", strings.Join(users, " "), want)
	}
}

// BenchmarkInterviewsQueueRelaxed is the sweep's look for relaxed preferences
// every 30 s in the steady state: 5,000 members waiting past their hold,
// each alone in their server's topic (1,000 servers, 8 topics), so nothing
// is returned.
func BenchmarkInterviewsQueueRelaxed(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		for i := range 5000 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mock_queue (guild_id, user_id, topic, joined_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
				fmt.Sprintf("g%d", i%1000), fmt.Sprintf("u%d", i), fmt.Sprintf("t%d", i/1000), now.Add(-time.Hour).UnixMilli(), now.Add(time.Hour).UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		got, err := s.Interviews.QueueRelaxed(ctx, now, now.Add(-15*time.Minute), shard.Set{})
		if err != nil || len(got) != 0 {
			b.Fatalf("%d entries, %v", len(got), err)
		}
	}
}
