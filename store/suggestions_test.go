package store

import (
	"context"
	"testing"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
)

func suggestionQ(title string) data.Question {
	return data.Question{Title: title, Company: "tik tok", Roles: []string{"swe"}, Category: "coding",
		Difficulty: "Medium", Prompt: "Design a rate limiter.", Solution: "Token bucket."}
}

func TestSuggestionLifecycle(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(20, 4)); err != nil {
		t.Fatal(err)
	}
	if err := s.Suggestions.SetPendingLimit(ctx, "g1", 2); err != nil {
		t.Fatal(err)
	}
	if err := s.Suggestions.SetReviewChannel(ctx, "g1", "c9"); err != nil {
		t.Fatal(err)
	}
	st, err := s.Suggestions.Settings(ctx, "g1")
	if err != nil || st.ReviewChannelID != "c9" || st.PendingLimit != 2 {
		t.Fatalf("settings %+v, %v", st, err)
	}
	if st, _ := s.Suggestions.Settings(ctx, "other"); st.PendingLimit != DefaultPendingLimit || st.ReviewChannelID != "" {
		t.Fatalf("default settings %+v", st)
	}
	a, err := s.Suggestions.Add(ctx, "g1", "u1", suggestionQ("Rate limiter"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Question.Company != "TikTok" || a.Question.Difficulty != "medium" || a.Question.Roles[0] != "Software Engineer" {
		t.Fatalf("not normalised: %+v", a.Question)
	}
	if _, err := s.Suggestions.Add(ctx, "g1", "u1", suggestionQ("Second")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Suggestions.Add(ctx, "g1", "u1", suggestionQ("Third")); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("third pending suggestion: %v, want conflict", err)
	}
	if _, err := s.Suggestions.Add(ctx, "g1", "u1", data.Question{Title: " ", Company: "x", Category: "y", Difficulty: "easy", Prompt: "p"}); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("blank title: %v", err)
	}
	up, err := s.Suggestions.Update(ctx, "g1", a.ID, suggestionQ("Rate limiter, edited"))
	if err != nil || up.Question.Title != "Rate limiter, edited" {
		t.Fatalf("update: %+v %v", up, err)
	}
	sg, q, err := s.Suggestions.Approve(ctx, "g1", a.ID, "mod")
	if err != nil {
		t.Fatal(err)
	}
	if sg.Status != SuggestionApproved || q.Scope != "g1" || q.AuthorID != "u1" || q.Origin != Suggested || sg.QuestionID != q.ID {
		t.Fatalf("approved: %+v %+v", sg, q)
	}
	if _, _, err := s.Suggestions.Approve(ctx, "g1", a.ID, "mod2"); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("second approval: %v", err)
	}
	if _, err := s.Suggestions.Update(ctx, "g1", a.ID, suggestionQ("late")); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("edit after approval: %v", err)
	}
	// The approved question is visible in g1 only.
	if _, err := s.Questions.ByID(ctx, "g1", q.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Questions.ByID(ctx, "g2", q.ID); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("visible in another server: %v", err)
	}
	if n, _ := s.Questions.Count(ctx, Filter{Scope: "g2", Search: "edited"}); n != 0 {
		t.Fatalf("g2 sees %d", n)
	}
	if n, _ := s.Questions.Count(ctx, Filter{Scope: "g1", Search: "edited"}); n != 1 {
		t.Fatalf("g1 sees %d", n)
	}
	// A decided suggestion frees a pending slot.
	if _, err := s.Suggestions.Add(ctx, "g1", "u1", suggestionQ("Third")); err != nil {
		t.Fatal(err)
	}
	pend, total, err := s.Suggestions.Pending(ctx, "g1", 10)
	if err != nil || total != 2 || len(pend) != 2 {
		t.Fatalf("pending %d %d %v", len(pend), total, err)
	}
	rj, err := s.Suggestions.Reject(ctx, "g1", pend[0].ID, "mod")
	if err != nil || rj.Status != SuggestionRejected {
		t.Fatalf("reject %+v %v", rj, err)
	}
	if _, err := s.Suggestions.Reject(ctx, "g2", pend[1].ID, "mod"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("reject from another server: %v", err)
	}
	if n, _ := s.Suggestions.PendingCount(ctx, "g1", "u1"); n != 1 {
		t.Fatalf("pending count %d", n)
	}
	// The same title approved twice gets a distinct id.
	b, _ := s.Suggestions.Add(ctx, "g1", "u2", suggestionQ("Rate limiter, edited"))
	_, q2, err := s.Suggestions.Approve(ctx, "g1", b.ID, "mod")
	if err != nil || q2.ID == q.ID {
		t.Fatalf("second approval of same title: %v %v", q2, err)
	}
}

func TestDiscussionThreadsAndSavedFilters(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if id, err := s.Questions.DiscussionThread(ctx, "c1", "q1"); err != nil || id != "" {
		t.Fatalf("%q %v", id, err)
	}
	if err := s.Questions.SetDiscussionThread(ctx, "g", "c1", "q1", "t1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Questions.SetDiscussionThread(ctx, "g", "c1", "q1", "t2"); err != nil {
		t.Fatal(err)
	}
	if id, _ := s.Questions.DiscussionThread(ctx, "c1", "q1"); id != "t2" {
		t.Fatalf("thread %q", id)
	}
	if id, _ := s.Questions.DiscussionThread(ctx, "c2", "q1"); id != "" {
		t.Fatalf("other channel sees %q", id)
	}
	if err := s.Questions.ForgetDiscussionThread(ctx, "c1", "q1"); err != nil {
		t.Fatal(err)
	}
	if id, _ := s.Questions.DiscussionThread(ctx, "c1", "q1"); id != "" {
		t.Fatalf("forgotten thread %q", id)
	}
	f := Filter{Scope: "g", Company: "TikTok", Search: "'; DROP TABLE questions; -- ✨ مرحبا"}
	tok, err := s.History.SaveFilter(ctx, f)
	if err != nil || len(tok) > 20 {
		t.Fatalf("token %q %v", tok, err)
	}
	tok2, _ := s.History.SaveFilter(ctx, f)
	if tok2 != tok {
		t.Fatal("same filter, different token")
	}
	// What selects questions is kept: name keys and the words searched;
	// the scope comes from the button's server.
	got, err := s.History.LoadFilter(ctx, tok)
	if want := (Filter{Company: "tiktok", Search: "drop table questions مرحبا"}); err != nil || got != want {
		t.Fatalf("loaded %+v %v, want %+v", got, err, want)
	}
	if _, err := s.History.LoadFilter(ctx, "nope"); errs.CodeOf(err) != errs.NotFound {
		t.Fatalf("unknown token: %v", err)
	}
}

func TestApprovedSuggestionIsInTheBankIndexAtOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.Questions.SyncBundled(ctx, genBank(20, 4)); err != nil {
		t.Fatal(err)
	}
	// Read once, so the index is built and fresh.
	if _, err := s.Questions.Values(ctx, data.KindCompany, Filter{Scope: "g1"}); err != nil {
		t.Fatal(err)
	}
	q := suggestionQ("Zebra crossings")
	q.Company = "Zebra Crossings Ltd"
	sg, err := s.Suggestions.Add(ctx, "g1", "u1", q)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Suggestions.Approve(ctx, "g1", sg.ID, "mod"); err != nil {
		t.Fatal(err)
	}
	name, ok, err := s.Questions.Resolve(ctx, data.KindCompany, "g1", "zebra crossings ltd")
	if err != nil || !ok || name != "Zebra Crossings Ltd" {
		t.Fatalf("approved company not in the index: %q %v %v", name, ok, err)
	}
}
