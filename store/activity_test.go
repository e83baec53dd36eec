package store

import (
	"context"
	"testing"
	"time"
)

// TestActivityKeepsToItsServerAndRange: the dashboard's reads count only
// the server asked about and only the range asked for, on both databases.
func TestActivityKeepsToItsServerAndRange(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }
	for _, p := range []struct {
		guild, user, date string
	}{
		{"g", "a", "2026-11-01"}, {"g", "b", "2026-11-01"}, {"g", "a", "2026-11-02"},
		{"g", "c", "2026-11-05"}, {"h", "a", "2026-11-01"}, {"g", "a", "2026-10-31"},
	} {
		if _, err := s.History.RecordParticipation(ctx, p.guild, p.user, p.date, 1, day(1).UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	// A second answer the same day is the same member.
	if _, err := s.History.RecordParticipation(ctx, "g", "a", "2026-11-01", 2, day(1).UnixMilli()); err != nil {
		t.Fatal(err)
	}
	by, err := s.Activity.MembersByDay(ctx, "g", "2026-11-01", "2026-11-04")
	if err != nil {
		t.Fatal(err)
	}
	if len(by) != 2 || by["2026-11-01"] != 2 || by["2026-11-02"] != 1 {
		t.Fatalf("members by day: %v", by)
	}

	pairing := func(guild string, at time.Time, status string) int64 {
		var id int64
		if err := s.w.GetContext(ctx, &id, `INSERT INTO mock_pairings (guild_id, topic, source, status, created_at, suggested_start, last_activity)
			VALUES (?, 'coding', 'queue', ?, ?, ?, ?) RETURNING id`, guild, status, at.UnixMilli(), at.UnixMilli(), at.UnixMilli()); err != nil {
			t.Fatal(err)
		}
		return id
	}
	old := pairing("g", day(1), "finished")
	p2 := pairing("g", day(10), "noshow")
	pairing("g", day(3), "finished")
	other := pairing("h", day(10), "finished")
	ps, err := s.Activity.Pairings(ctx, "g", day(2), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || !ps[0].Created().Equal(day(3)) || ps[1].Status != "noshow" {
		t.Fatalf("pairings since the 2nd: %+v", ps)
	}
	if ps, _ := s.Activity.Pairings(ctx, "g", day(1), 1); len(ps) != 1 || !ps[0].Created().Equal(day(1)) {
		t.Fatalf("limit 1: %+v", ps)
	}

	feedback := func(pairingID int64, guild, giver string, at time.Time, score int) {
		if _, err := s.w.ExecContext(ctx, `INSERT INTO mock_feedback (pairing_id, guild_id, giver_id, receiver_id, communication, problem_solving, structure, created_at, updated_at)
			VALUES (?, ?, ?, 'x', ?, ?, ?, ?, ?)`, pairingID, guild, giver, score, score, 6-score, at.UnixMilli(), at.UnixMilli()); err != nil {
			t.Fatal(err)
		}
	}
	feedback(old, "g", "a", day(1), 2)
	feedback(p2, "g", "a", day(10), 4)
	feedback(p2, "g", "b", day(11), 5)
	feedback(other, "h", "a", day(10), 1)
	fs, err := s.Activity.FeedbackScores(ctx, "g", day(5), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Communication != 4 || fs[0].Structure != 2 || fs[1].ProblemSolving != 5 || !fs[1].Created().Equal(day(11)) {
		t.Fatalf("feedback since the 5th: %+v", fs)
	}
}

// TestAnswersByDayCountsAnswersOfTheServersPosts: answers are counted on
// their post's local date, every feed's, and only the server's.
func TestAnswersByDayCountsAnswersOfTheServersPosts(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	answeredPost(t, s, "g", "2026-11-01", "a", "b")
	answeredPost(t, s, "g", "2026-11-02", "c")
	answeredPost(t, s, "g", "2026-10-31", "a")
	answeredPost(t, s, "h", "2026-11-01", "a", "b", "c")
	var ml int64
	if err := s.w.GetContext(ctx, &ml, `INSERT INTO daily_posts (guild_id, feed, local_date, due_at, status, channel_id, message_id, thread_id, posted_at)
		VALUES ('g', 'ml', '2026-11-01', 1000, 'posted', 'c2', 'm2', 't2', 1000) RETURNING id`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Answers.Save(ctx, ml, "a", "another feed's answer", 3000); err != nil {
		t.Fatal(err)
	}
	by, err := s.Activity.AnswersByDay(ctx, "g", "2026-11-01", "2026-11-04")
	if err != nil {
		t.Fatal(err)
	}
	if len(by) != 2 || by["2026-11-01"] != 3 || by["2026-11-02"] != 1 {
		t.Fatalf("answers by day: %v", by)
	}
}
