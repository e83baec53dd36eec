package store

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prepcord/prepcord/errs"
)

// trio opens a weekly-round pairing of a, b and c.
func trio(t testing.TB, s *Store, a, b, c string) *Pairing {
	t.Helper()
	ps, err := s.Interviews.CreateRoundPairings(context.Background(), "g", "coding", "c", s.Now(), [][]string{{a, b, c}})
	if err != nil || len(ps) != 1 {
		t.Fatalf("round pairing: %+v %v", ps, err)
	}
	return ps[0]
}

// A reported no-show keeps the two apart in the queue for MockNoShowBlock,
// even when they are the only two waiting (the picker would take a recent
// partner when nobody else is there).
func TestNoShowPairIsNotMatchedAgain(t *testing.T) {
	s, advance, p := paired(t)
	ctx := context.Background()
	advance(MinInterview + time.Minute) // a no-show can be reported from 20 minutes on
	if _, err := s.Interviews.ReportNoShow(ctx, p.ID, "a", "b", time.Hour); err != nil {
		t.Fatal(err)
	}
	// a waits at the front; b asks again, in both orders of arrival.
	if r := join(t, s, "b", "coding"); r.Pairing != nil {
		t.Fatalf("b paired with %+v after the no-show", r.Pairing.Members)
	}
	if _, err := s.Interviews.LeaveQueue(ctx, "g", "a"); err != nil {
		t.Fatal(err)
	}
	if r := join(t, s, "a", "coding"); r.Pairing != nil {
		t.Fatalf("a paired with %+v after the no-show", r.Pairing.Members)
	}
	// A third member pairs with the longest waiting (b, who joined first).
	if r := join(t, s, "c", "coding"); r.Pairing == nil || r.Pairing.Member("b") == nil {
		t.Fatalf("c: %+v", r)
	}
	if _, err := s.Interviews.LeaveQueue(ctx, "g", "a"); err != nil {
		t.Fatal(err)
	}
	// After the block the two can meet again.
	advance(NoShowBlock + time.Hour)
	op, _ := s.Interviews.OpenPairingOf(ctx, "g", "b")
	if _, err := s.Interviews.PairingAction(ctx, op.ID, "b", ActionFinish); err != nil {
		t.Fatal(err)
	}
	join(t, s, "a", "coding")
	if r := join(t, s, "b", "coding"); r.Pairing == nil || r.Pairing.Member("a") == nil {
		t.Fatalf("after the block: %+v", r)
	}
}

// In a trio, the member reported absent takes no further part: no Start,
// Finish, packet, feedback given or received, no report of their own; the
// other two carry on; the missed session is no interview for them.
func TestNoShowTrioMemberIsNoLongerActive(t *testing.T) {
	s := openTest(t)
	advance := mockClock(s)
	ctx := context.Background()
	p := trio(t, s, "a", "b", "c")
	res, err := s.Interviews.ReportNoShow(ctx, p.ID, "a", "c", time.Hour)
	if err != nil || res.Ended {
		t.Fatalf("trio no-show: %+v %v", res, err)
	}
	if m := res.Pairing.Member("c"); m == nil || !m.Absent || res.Pairing.Active("c") != nil {
		t.Fatalf("c after the report: %+v", m)
	}
	if got := res.Pairing.Partners("a"); len(got) != 1 || got[0].UserID != "b" {
		t.Fatalf("a's partners %+v", got)
	}
	for _, action := range []string{ActionStart, ActionFinish} {
		if _, err := s.Interviews.PairingAction(ctx, p.ID, "c", action); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("c's %s: %v", action, err)
		}
	}
	if _, err := s.Interviews.AssignPacket(ctx, p.ID, "c", []Filter{{}}); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("c's packet: %v", err)
	}
	fb := Feedback{PairingID: p.ID, GiverID: "c", ReceiverID: "b", Communication: 3, ProblemSolving: 3, Structure: 3}
	if _, err := s.Feedback.Save(ctx, fb); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("c's feedback: %v", err)
	}
	fb.GiverID, fb.ReceiverID = "b", "c"
	if _, err := s.Feedback.Save(ctx, fb); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("feedback for c: %v", err)
	}
	if _, err := s.Interviews.ReportNoShow(ctx, p.ID, "c", "b", time.Hour); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("c reporting b: %v", err)
	}
	if _, err := s.Interviews.ReportNoShow(ctx, p.ID, "b", "c", time.Hour); errs.CodeOf(err) != errs.Conflict {
		t.Errorf("c reported twice: %v", err)
	}
	// a and b go on and finish after a real interview.
	advance(time.Hour)
	fb.ReceiverID = "a"
	if _, err := s.Feedback.Save(ctx, fb); err != nil {
		t.Fatalf("b's feedback for a: %v", err)
	}
	if _, err := s.Interviews.PairingAction(ctx, p.ID, "b", ActionFinish); err != nil {
		t.Fatalf("b's finish: %v", err)
	}
	for u, want := range map[string]int{"a": 1, "b": 1, "c": 0} {
		sum, err := s.Feedback.Summary(ctx, "g", u)
		if err != nil || sum.Interviews != want {
			t.Errorf("%s's interviews %d, want %d (%v)", u, sum.Interviews, want, err)
		}
	}
	// c is told once.
	untold, err := s.Interviews.UntoldAbsences(ctx, "g", "c")
	if err != nil || len(untold) != 1 || untold[0].ReporterID != "a" || untold[0].Count != 1 {
		t.Fatalf("untold %+v %v", untold, err)
	}
	for i, want := range []bool{true, false} {
		if ok, err := s.Interviews.ClaimAbsenceTold(ctx, p.ID, "c"); err != nil || ok != want {
			t.Fatalf("claim %d: %v %v", i, ok, err)
		}
	}
}

// A feedback draft keeps what was typed (up to what the form accepts), is
// replaced by a newer one, refused where feedback is, and deleted when the
// feedback is saved or the pairing archived.
func TestFeedbackDraft(t *testing.T) {
	s, _, p := paired(t)
	ctx := context.Background()
	d := FeedbackDraft{PairingID: p.ID, GiverID: "a", ReceiverID: "b", Communication: "x", ProblemSolving: "99",
		Structure: "4", WentWell: strings.Repeat("é", MaxFeedbackText+5), Improve: "slow down"}
	if err := s.Feedback.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := s.Feedback.DraftOf(ctx, p.ID, "a", "b")
	if err != nil || got == nil || got.Communication != "x" || got.ProblemSolving != "9" || got.Improve != "slow down" ||
		utf8.RuneCountInString(got.WentWell) != MaxFeedbackText {
		t.Fatalf("draft %+v %v", got, err)
	}
	d.Improve = "slower"
	if err := s.Feedback.SaveDraft(ctx, d); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Feedback.DraftOf(ctx, p.ID, "a", "b"); got == nil || got.Improve != "slower" {
		t.Fatalf("replaced draft %+v", got)
	}
	for _, bad := range []FeedbackDraft{{PairingID: p.ID, GiverID: "x", ReceiverID: "b"}, {PairingID: p.ID, GiverID: "a", ReceiverID: "a"}} {
		if err := s.Feedback.SaveDraft(ctx, bad); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("draft %+v: %v", bad, err)
		}
	}
	if _, err := s.Feedback.Save(ctx, Feedback{PairingID: p.ID, GiverID: "a", ReceiverID: "b", Communication: 3, ProblemSolving: 3, Structure: 3}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Feedback.DraftOf(ctx, p.ID, "a", "b"); got != nil {
		t.Fatalf("draft kept after saving: %+v", got)
	}
	if err := s.Feedback.SaveDraft(ctx, FeedbackDraft{PairingID: p.ID, GiverID: "b", ReceiverID: "a", Improve: "x"}); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Interviews.ArchivePairing(ctx, p.ID); err != nil || !ok {
		t.Fatal(ok, err)
	}
	if got, _ := s.Feedback.DraftOf(ctx, p.ID, "b", "a"); got != nil {
		t.Fatalf("draft kept after archiving: %+v", got)
	}
}

// A member gets at most one pairing from the queue per MockMinInterview
// and MockDailyPairings a day; pairings they reported as no-shows and
// cancelled ones do not count. A pairing finished sooner than
// MockMinInterview after it was made is no interview.
func TestPairingLimits(t *testing.T) {
	s, advance, p := paired(t)
	ctx := context.Background()
	try := func(user string) error {
		_, err := tryJoin(s, user, "coding")
		return err
	}
	if _, err := s.Interviews.PairingAction(ctx, p.ID, "a", ActionFinish); err != nil {
		t.Fatal(err)
	}
	advance(MinInterview - time.Second)
	if err := try("a"); errs.CodeOf(err) != errs.Conflict || !strings.Contains(errs.Message(err), "next pairing can start") {
		t.Fatalf("a right after a pairing: %v", err)
	}
	if e, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "a"); e != nil {
		t.Fatal("a refused member was queued")
	}
	for _, u := range []string{"a", "b"} {
		if sum, _ := s.Feedback.Summary(ctx, "g", u); sum.Interviews != 0 {
			t.Errorf("%s: a pairing finished at once counts as %d interview(s)", u, sum.Interviews)
		}
	}
	// Five more, each finished after MockMinInterview: they count.
	for i := 0; i < DailyPairings-1; i++ {
		advance(time.Second)
		join(t, s, "a", "coding")
		p := join(t, s, "b", "coding").Pairing
		if p == nil {
			t.Fatalf("pairing %d refused", i+2)
		}
		advance(MinInterview)
		if _, err := s.Interviews.PairingAction(ctx, p.ID, "b", ActionFinish); err != nil {
			t.Fatal(err)
		}
	}
	if sum, _ := s.Feedback.Summary(ctx, "g", "a"); sum.Interviews != DailyPairings-1 {
		t.Errorf("a's interviews %d, want %d", sum.Interviews, DailyPairings-1)
	}
	err := try("a")
	if errs.CodeOf(err) != errs.Conflict || !strings.Contains(errs.Message(err), "in the last 24 hours") {
		t.Fatalf("a's pairing %d in a day: %v", DailyPairings+1, err)
	}
	// Other members are not limited by a's pairings.
	if err := try("c"); err != nil {
		t.Fatalf("c: %v", err)
	}
	// A day after the first pairing, a can join again.
	advance(24*time.Hour - time.Duration(DailyPairings)*(MinInterview+time.Second) + time.Minute)
	if err := try("a"); err != nil {
		t.Fatalf("a a day later: %v", err)
	}
}

// A pair ended by a no-show is no interview for either member, and it
// does not count against the pairing limits of the member who reported
// it; it does against the absent member.
func TestNoShowPairIsNoInterviewAndSparesTheReporter(t *testing.T) {
	s, _, p := paired(t)
	ctx := context.Background()
	if _, err := s.Interviews.ReportNoShow(ctx, p.ID, "a", "b", time.Hour); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"a", "b"} {
		if sum, err := s.Feedback.Summary(ctx, "g", u); err != nil || sum.Interviews != 0 {
			t.Errorf("%s's interviews %d (%v)", u, sum.Interviews, err)
		}
	}
	if r, err := tryJoin(s, "a", "coding"); err != nil || r.Entry == nil {
		t.Fatalf("the reporter: %+v %v", r, err)
	}
	if r := join(t, s, "c", "coding"); r.Pairing == nil || r.Pairing.Member("a") == nil {
		t.Fatalf("the reporter was not paired again at once: %+v", r)
	}
	if _, err := tryJoin(s, "b", "coding"); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("the absent member right after: %v", err)
	}
}
