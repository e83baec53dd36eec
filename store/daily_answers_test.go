package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

// answeredPost adds a posted daily post of guild on date with a thread,
// and answers to it by users (in that order); it returns the post and the
// answers' ids.
func answeredPost(t *testing.T, s *Store, guild, date string, users ...string) (*DailyPost, []int64) {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := s.w.GetContext(ctx, &id, `INSERT INTO daily_posts (guild_id, local_date, due_at, status, channel_id, message_id, thread_id, posted_at)
		VALUES (?, ?, 1000, 'posted', 'c', 'm', 't', 1000) RETURNING id`, guild, date); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i, u := range users {
		if _, err := s.Answers.Save(ctx, id, u, "answer of "+u, int64(2000+i)); err != nil {
			t.Fatal(err)
		}
		a, err := s.Answers.Mine(ctx, id, u)
		if err != nil || a == nil {
			t.Fatalf("answer of %s: %v %v", u, a, err)
		}
		ids = append(ids, a.ID)
	}
	p, err := s.Daily.Post(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return p, ids
}

// revealAll ends a post's reveal and marks its answers posted.
func revealAll(t *testing.T, s *Store, p *DailyPost, at int64) {
	t.Helper()
	ctx := context.Background()
	if err := s.Daily.FinishReveal(ctx, p.ID, "done", at); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE daily_answers SET post_state = 'posted' WHERE post_id = ?", p.ID); err != nil {
		t.Fatal(err)
	}
}

func TestAnswersSaveEditAndClose(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 3)
	p, ids := answeredPost(t, s, "g", "2026-05-01", "ann", "bob")
	created, err := s.Answers.Save(ctx, p.ID, "ann", "edited", 3000)
	if err != nil || created {
		t.Fatalf("edit: created %v, %v", created, err)
	}
	a, err := s.Answers.Mine(ctx, p.ID, "ann")
	if err != nil || a.Body != "edited" || a.SubmittedAt != 2000 || a.ID != ids[0] {
		t.Fatalf("after edit: %+v %v", a, err)
	}
	if n, _ := s.Answers.Count(ctx, p.ID); n != 2 {
		t.Fatalf("count %d", n)
	}
	if ok, err := s.Daily.ClaimReveal(ctx, p, "proc", 4000); !ok || err != nil {
		t.Fatalf("claim reveal: %v %v", ok, err)
	}
	_, err = s.Answers.Save(ctx, p.ID, "cat", "too late", 4001)
	if err != ErrAnswersClosed {
		t.Fatalf("answer during the reveal: %v", err)
	}
	if _, err := s.Answers.Save(ctx, p.ID, "ann", "too late", 4001); err != ErrAnswersClosed {
		t.Fatalf("edit during the reveal: %v", err)
	}
	if a, _ := s.Answers.Mine(ctx, p.ID, "ann"); a.Body != "edited" {
		t.Fatalf("a refused edit changed the answer: %q", a.Body)
	}
	if a, _ := s.Answers.Mine(ctx, p.ID, "cat"); a != nil {
		t.Fatalf("a refused answer was stored: %+v", a)
	}
}

func TestAnswersVotes(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 3)
	p, ids := answeredPost(t, s, "g", "2026-05-01", "ann", "bob", "cat")
	revealAll(t, s, p, 5000)
	if _, err := s.Answers.Vote(ctx, ids[0], "ann", 1); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("own vote: %v", err)
	}
	steps := []struct {
		answer       int
		voter        string
		votes        int
		moved, taken bool
	}{
		{0, "bob", 1, false, false},
		{0, "cat", 2, false, false},
		{1, "cat", 1, true, false}, // cat's vote moves to bob's answer
		{1, "cat", 0, false, true}, // and is taken back
		{2, "ann", 1, false, false},
	}
	for i, st := range steps {
		r, err := s.Answers.Vote(ctx, ids[st.answer], st.voter, int64(i))
		if err != nil || r.Votes != st.votes || r.Moved != st.moved || r.Removed != st.taken {
			t.Fatalf("step %d: %+v %v", i, r, err)
		}
	}
	var n int
	if err := s.r.GetContext(ctx, &n, "SELECT count(*) FROM daily_votes WHERE post_id = ?", p.ID); err != nil || n != 2 {
		t.Fatalf("%d votes stored, want 2 (%v)", n, err)
	}
}

// TestAnswersConcurrentVotes: many members voting at once, each several
// times over two answers from two processes, leave at most one vote each.
func TestAnswersConcurrentVotes(t *testing.T) {
	ctx := context.Background()
	s1, path := dailyStore(t, 3)
	s2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	p, ids := answeredPost(t, s1, "g", "2026-05-01", "ann", "bob")
	revealAll(t, s1, p, 5000)
	var wg sync.WaitGroup
	for v := range 12 {
		for k := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				st := []*Store{s1, s2}[(v+k)%2]
				if _, err := st.Answers.Vote(ctx, ids[k%2], fmt.Sprintf("voter%d", v), int64(k)); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	var rows []struct {
		UserID string `db:"user_id"`
		N      int    `db:"n"`
	}
	if err := s1.r.SelectContext(ctx, &rows, "SELECT user_id, count(*) AS n FROM daily_votes WHERE post_id = ? GROUP BY user_id", p.ID); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.N != 1 {
			t.Fatalf("%s has %d votes on one post", r.UserID, r.N)
		}
	}
}

func TestAnswersBestChosenOnce(t *testing.T) {
	ctx := context.Background()
	s, path := dailyStore(t, 3)
	tie, tieIDs := answeredPost(t, s, "g", "2026-05-01", "ann", "bob", "cat")
	none, _ := answeredPost(t, s, "g", "2026-05-02", "ann")
	clear, clearIDs := answeredPost(t, s, "g", "2026-05-03", "ann", "bob", "cat")
	for _, p := range []*DailyPost{tie, none, clear} {
		revealAll(t, s, p, 5000)
	}
	vote := func(id int64, voter string) {
		t.Helper()
		if _, err := s.Answers.Vote(ctx, id, voter, 1); err != nil {
			t.Fatal(err)
		}
	}
	vote(tieIDs[2], "ann") // cat's and bob's answers tie; bob submitted first
	vote(tieIDs[1], "cat")
	vote(clearIDs[2], "ann")
	vote(clearIDs[2], "bob")
	vote(clearIDs[0], "cat")

	due, err := s.Answers.DueBest(ctx, 4000, 0, 10, shard.All(1))
	if err != nil || len(due) != 0 {
		t.Fatalf("due before its time: %d %v", len(due), err)
	}
	due, err = s.Answers.DueBest(ctx, 5000, 0, 10, shard.All(1))
	if err != nil || len(due) != 3 {
		t.Fatalf("due: %d %v", len(due), err)
	}
	want := map[int64]string{tie.ID: "bob", none.ID: "", clear.ID: "cat"}
	for _, p := range due {
		b, ok, err := s.Answers.ClaimBest(ctx, p, "proc1", 6000, 0)
		if err != nil || b.UserID != want[p.ID] || ok != (want[p.ID] != "") {
			t.Fatalf("post %s: %+v %v %v", p.LocalDate, b, ok, err)
		}
	}
	// Voting has ended; a late vote changes nothing.
	if _, err := s.Answers.Vote(ctx, tieIDs[2], "bob", 7000); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("vote after the best answer: %v", err)
	}
	// A second process sees the live claims and takes nothing; after the
	// claim goes stale it takes it over with the same choice.
	s2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if due, _ := s2.Answers.DueBest(ctx, 9000, 5000, 10, shard.All(1)); len(due) != 0 {
		t.Fatalf("%d due under live claims", len(due))
	}
	if _, ok, _ := s2.Answers.ClaimBest(ctx, tie, "proc2", 7000, 5000); ok {
		t.Fatal("a live claim was taken over")
	}
	b, ok, err := s2.Answers.ClaimBest(ctx, tie, "proc2", 9000, 7000)
	if err != nil || !ok || b.UserID != "bob" || b.Claimant != "proc2" {
		t.Fatalf("takeover: %+v %v %v", b, ok, err)
	}
	if err := s2.Answers.FinishBest(ctx, tie.ID, "done", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s2.Answers.ClaimBest(ctx, tie, "proc3", 99000, 98000); ok {
		t.Fatal("a done best answer was claimed again")
	}
	counts, err := s.Answers.BestAnswerCounts(ctx, "g", "2026-05-01", "2026-05-02")
	if err != nil || len(counts) != 1 || counts["bob"] != 1 {
		t.Fatalf("counts in [05-01, 05-02]: %v %v", counts, err)
	}
	if n, _ := s.Answers.BestAnswerCount(ctx, "g", "cat"); n != 1 {
		t.Fatalf("cat has %d best answers", n)
	}
}

// TestLeaderboardBestAnswersBreakTies: members with as many days rank by
// best answers in the period.
func TestLeaderboardBestAnswersBreakTies(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 3)
	for i, u := range []string{"ann", "bob", "cat"} {
		for d := range 2 {
			if _, err := s.History.RecordParticipation(ctx, "g", u, fmt.Sprintf("2026-05-0%d", d+1), 1, int64(10*d+i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	p, ids := answeredPost(t, s, "g", "2026-05-02", "ann", "bob")
	revealAll(t, s, p, 5000)
	if _, err := s.Answers.Vote(ctx, ids[1], "ann", 1); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Answers.ClaimBest(ctx, p, "proc", 6000, 0); err != nil {
		t.Fatal(err)
	}
	rows, err := s.History.Leaderboard(ctx, "g", "2026-05-01", 10)
	if err != nil || len(rows) != 3 {
		t.Fatalf("%v %v", rows, err)
	}
	if rows[0].UserID != "bob" || rows[0].Best != 1 || rows[0].Rank != 1 || rows[1].Rank != 2 || rows[2].Rank != 2 {
		t.Fatalf("rows %+v", rows)
	}
	if _, rank, _, err := s.History.LeaderRank(ctx, "g", "bob", "2026-05-01"); err != nil || rank != 1 {
		t.Fatalf("bob's rank %d %v", rank, err)
	}
	if _, rank, _, err := s.History.LeaderRank(ctx, "g", "cat", "2026-05-01"); err != nil || rank != 2 {
		t.Fatalf("cat's rank %d %v", rank, err)
	}
	if _, rank, _, err := s.History.LeaderRank(ctx, "g", "cat", "2026-05-03"); err != nil || rank != 0 {
		t.Fatalf("cat's rank in an empty period %d %v", rank, err)
	}
}

// TestAnswersKeepToShards: the reveal of answers and the choice of the
// best answer are found only by the process whose shards own the server.
func TestAnswersKeepToShards(t *testing.T) {
	ctx := context.Background()
	s, _ := dailyStore(t, 3)
	const guild = "1148000000000000000"
	p, _ := answeredPost(t, s, guild, "2026-05-01", "ann")
	if err := s.Daily.FinishReveal(ctx, p.ID, "done", 5000); err != nil {
		t.Fatal(err)
	}
	own := shard.Of(guild, 2)
	for _, tc := range []struct {
		on   shard.Set
		want int
	}{{shard.Set{Count: 2, IDs: []int{own}}, 1}, {shard.Set{Count: 2, IDs: []int{1 - own}}, 0}} {
		got, err := s.Answers.RevealedWithAnswers(ctx, 0, 10, tc.on)
		if err != nil || len(got) != tc.want {
			t.Fatalf("shards %v: %d posts with answers to post, want %d (%v)", tc.on, len(got), tc.want, err)
		}
	}
	if _, err := s.w.ExecContext(ctx, "UPDATE daily_answers SET post_state = 'posted'"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		on   shard.Set
		want int
	}{{shard.Set{Count: 2, IDs: []int{own}}, 1}, {shard.Set{Count: 2, IDs: []int{1 - own}}, 0}} {
		got, err := s.Answers.DueBest(ctx, 6000, 0, 10, tc.on)
		if err != nil || len(got) != tc.want {
			t.Fatalf("shards %v: %d posts due a best answer, want %d (%v)", tc.on, len(got), tc.want, err)
		}
	}
}
