package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

// firstPick pairs with the longest-waiting entry not met recently (the
// store's tests do not depend on bot/match).
func firstPick(newcomer QueueEntry, waiting []QueueEntry, recent map[string]time.Time, now time.Time) int {
	for i, w := range waiting {
		if _, met := recent[w.UserID]; !met {
			return i
		}
	}
	if len(waiting) > 0 {
		return 0
	}
	return -1
}

func mockClock(s *Store) func(time.Duration) {
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	return func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
}

// tryJoin asks for a mock interview in server g for user, on the topic.
func tryJoin(s *Store, user, topic string) (*JoinResult, error) {
	return s.Interviews.JoinQueue(context.Background(), JoinRequest{GuildID: "g", UserID: user, Topic: topic, ChannelID: "c",
		DefaultExpiry: 2 * time.Hour, Pick: firstPick})
}

func join(t testing.TB, s *Store, user, topic string) *JoinResult {
	t.Helper()
	r, err := tryJoin(s, user, topic)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// paired opens a store on the mock clock in which a and b, joining the
// coding queue in turn, are paired: the start of most interview tests.
func paired(t testing.TB) (s *Store, advance func(time.Duration), p *Pairing) {
	t.Helper()
	s = openTest(t)
	advance = mockClock(s)
	join(t, s, "a", "coding")
	if p = join(t, s, "b", "coding").Pairing; p == nil {
		t.Fatal("a and b were not paired")
	}
	return s, advance, p
}

func TestInterviewsJoinQueue(t *testing.T) {
	s := openTest(t)
	advance := mockClock(s)
	ctx := context.Background()
	if r := join(t, s, "a", "coding"); r.Entry == nil || r.Position != 1 || r.Size != 1 || r.Updated {
		t.Fatalf("a: %+v", r)
	}
	if r := join(t, s, "c", "product"); r.Entry == nil {
		t.Fatalf("c paired across topics: %+v", r)
	}
	advance(time.Minute)
	// Joining again keeps the place and updates preferences.
	if r := join(t, s, "a", "coding"); r.Entry == nil || !r.Updated || r.Position != 1 {
		t.Fatalf("a again: %+v", r)
	}
	advance(4 * time.Minute)
	r := join(t, s, "b", "coding")
	if r.Pairing == nil || len(r.Pairing.Members) != 2 || r.Pairing.Members[0].UserID != "a" || r.Pairing.Members[1].UserID != "b" {
		t.Fatalf("b: %+v", r)
	}
	if r.Pairing.WaitedMs != (5 * time.Minute).Milliseconds() {
		t.Errorf("waited %d ms", r.Pairing.WaitedMs)
	}
	// a and b are in an open pairing: /mock again is refused, the queue has only c.
	if r := join(t, s, "a", "coding"); r.OpenPairing == nil {
		t.Fatalf("a joined while paired: %+v", r)
	}
	q, _ := s.Interviews.Queue(ctx, "g")
	if len(q) != 1 || q[0].UserID != "c" {
		t.Fatalf("queue %+v", q)
	}
	// The estimated wait comes from the pairing.
	if r := join(t, s, "d", "coding"); r.EstimatedWait != 5*time.Minute {
		t.Fatalf("estimated wait %v", r.EstimatedWait)
	}
	// Expiry: entries past their time are neither matched nor kept.
	advance(2*time.Hour + time.Second)
	if r := join(t, s, "e", "product"); r.Pairing != nil {
		t.Fatalf("paired with an expired entry: %+v", r)
	}
	exp, err := s.Interviews.ExpireQueue(ctx, s.Now(), shard.Set{})
	if err != nil || len(exp) != 2 {
		t.Fatalf("expired %+v %v", exp, err)
	}
	if exp2, _ := s.Interviews.ExpireQueue(ctx, s.Now(), shard.Set{}); len(exp2) != 0 {
		t.Fatal("expired twice")
	}
}

func TestMockRepeatAvoidanceAndNoShow(t *testing.T) {
	s, advance, p := paired(t)
	ctx := context.Background()
	if _, err := s.Interviews.PairingAction(ctx, p.ID, "x", ActionStart); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("stranger's action: %v", err)
	}
	// b reports a: a counts one no-show, b goes back to the front.
	res, err := s.Interviews.ReportNoShow(ctx, p.ID, "b", "a", time.Hour)
	if err != nil || !res.Ended || res.Requeued == nil || !res.Requeued.Front || res.Count != 1 {
		t.Fatalf("no-show: %+v %v", res, err)
	}
	if _, err := s.Interviews.ReportNoShow(ctx, p.ID, "b", "a", time.Hour); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("second report: %v", err)
	}
	advance(time.Minute)
	join(t, s, "c", "coding") // pairs with b, at the front
	if op, _ := s.Interviews.OpenPairingOf(ctx, "g", "c"); op == nil || op.Member("b") == nil {
		t.Fatalf("c not paired with b: %+v", op)
	}
	if prev, _ := s.Interviews.ResetNoShows(ctx, "g", "a"); prev != 1 {
		t.Fatalf("reset prev %d", prev)
	}
	if n, _ := s.Interviews.NoShows(ctx, "g", "a"); n != 0 {
		t.Fatal("not reset")
	}
	// History: a met b within 14 days; the picker sees it.
	hist, err := s.Interviews.PairHistory(ctx, "g", s.Now().Add(-RepeatWindow))
	if err != nil || hist[[2]string{"a", "b"}].IsZero() || hist[[2]string{"b", "c"}].IsZero() {
		t.Fatalf("history %v %v", hist, err)
	}
}

func TestFeedbackValidateAndSave(t *testing.T) {
	s, _, p := paired(t)
	ctx := context.Background()
	good := Feedback{PairingID: p.ID, GiverID: "a", ReceiverID: "b", Communication: 5, ProblemSolving: 4, Structure: 3,
		WentWell: strings.Repeat("🔥", MaxFeedbackText), Improve: "**more** structure"}
	tests := []struct {
		name string
		mod  func(*Feedback)
		code errs.Code
	}{
		{"rating 0", func(f *Feedback) { f.Communication = 0 }, errs.Invalid},
		{"rating 6", func(f *Feedback) { f.Structure = 6 }, errs.Invalid},
		{"1001 characters", func(f *Feedback) { f.Improve = strings.Repeat("é", MaxFeedbackText+1) }, errs.Invalid},
		{"not a member", func(f *Feedback) { f.GiverID = "z" }, errs.Invalid},
		{"to themselves", func(f *Feedback) { f.ReceiverID = "a" }, errs.Invalid},
		{"ok", func(*Feedback) {}, ""},
	}
	for _, tt := range tests {
		f := good
		tt.mod(&f)
		if _, err := s.Feedback.Save(ctx, f); errs.CodeOf(err) != tt.code {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	good.Communication = 3
	if created, err := s.Feedback.Save(ctx, good); err != nil || created {
		t.Fatalf("edit: %v %v", created, err)
	}
	got, _ := s.Feedback.Of(ctx, p.ID, "a", "b")
	if got.WentWell != good.WentWell || got.Communication != 3 {
		t.Fatal("feedback not stored intact")
	}
	sum, _ := s.Feedback.Summary(ctx, "g", "b")
	if sum.Count != 1 || sum.Communication != 3 || sum.Interviews != 1 {
		t.Fatalf("summary %+v", sum)
	}
	if ok, _ := s.Interviews.ArchivePairing(ctx, p.ID); !ok {
		t.Fatal("not archived")
	}
	if _, err := s.Feedback.Save(ctx, good); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("edit after archive: %v", err)
	}
}

// TestConcurrentJoinsNeverDoublePair races many joins in a few topics:
// everyone ends in exactly one pairing or in the queue.
func TestConcurrentJoinsNeverDoublePair(t *testing.T) {
	s := openTest(t)
	mockClock(s)
	ctx := context.Background()
	const n = 300
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: "g", UserID: fmt.Sprintf("u%d", i), Topic: fmt.Sprintf("t%d", i%5),
				DefaultExpiry: time.Hour, Pick: firstPick}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	q, _ := s.Interviews.Queue(ctx, "g")
	queued := map[string]bool{}
	for _, e := range q {
		queued[e.UserID] = true
	}
	paired := 0
	for i := range n {
		u := fmt.Sprintf("u%d", i)
		p, err := s.Interviews.OpenPairingOf(ctx, "g", u)
		if err != nil {
			t.Fatal(err)
		}
		if (p != nil) == queued[u] {
			t.Fatalf("%s: paired %v queued %v", u, p != nil, queued[u])
		}
		if p != nil {
			paired++
		}
	}
	if paired != n || len(q) != 0 {
		t.Fatalf("%d paired, %d queued", paired, len(q))
	}
}

func BenchmarkInterviewsJoinQueue(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	// 10,000 waiting members across 50 topics and 10 roles.
	err := s.write(ctx, func(tx *sqlx.Tx) error {
		for i := range 10000 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mock_queue (guild_id, user_id, topic, role, joined_at, expires_at)
				VALUES ('g', ?, ?, ?, ?, ?)`, fmt.Sprintf("w%d", i), fmt.Sprintf("t%d", i%50), fmt.Sprintf("r%d", i%10), i, int64(1)<<50); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Half pair (a topic has waiting members), half queue (a new topic).
		topic := fmt.Sprintf("t%d", i%50)
		if i%2 == 1 {
			topic = fmt.Sprintf("new%d", i)
		}
		if _, err := s.Interviews.JoinQueue(ctx, JoinRequest{GuildID: "g", UserID: fmt.Sprintf("n%d", i), Topic: topic,
			DefaultExpiry: time.Hour, Pick: firstPick}); err != nil {
			b.Fatal(err)
		}
	}
}
