package interview_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/feature/interview"
	"github.com/prepcord/prepcord/store"
)

// After a no-show the two are not paired again, even when nobody else
// waits; the missed session is no interview for either; the absent member
// is told by DM what happened and what it means for them.
func TestMockNoShowIsNotRepairedNorCountedAndTold(t *testing.T) {
	h := newHarness(t)
	alice, bob := h.uid("alice"), h.uid("bob")
	pm := h.noShowPair("alice", "bob")

	// alice waits at the front of the queue; bob's /mock must not pair them.
	m := h.Run("bob", "/mock topic:coding")
	if strings.Contains(messageText(m), "You have a partner") {
		t.Fatalf("bob was paired again with alice: %s", messageText(m))
	}
	if p := h.pairingOf("bob"); p != nil {
		t.Fatalf("bob is in pairing %+v", p)
	}
	// Someone else pairs with alice (front) and then another with bob.
	h.Run("carol", "/mock topic:coding")
	if p := h.pairingOf("carol"); p == nil || p.Member(alice) == nil {
		t.Fatalf("carol was not paired with alice: %+v", p)
	}
	h.Run("dave", "/mock topic:coding")
	if p := h.pairingOf("dave"); p == nil || p.Member(bob) == nil {
		t.Fatalf("dave was not paired with bob: %+v", p)
	}

	// The missed session is no interview for either member.
	for _, tc := range []struct{ who, want string }{{"alice", "1 interview ·"}, {"bob", "1 interview ·"}} {
		if text := messageText(h.Run(tc.who, "/profile")); !strings.Contains(text, tc.want) {
			t.Errorf("%s's profile counts the no-show (want %q):\n%s", tc.who, tc.want, text)
		}
	}

	// bob was told by DM, kindly, with his count and how to come back.
	dms := h.dms("bob")
	if len(dms) != 1 {
		t.Fatalf("bob got %d DMs, want 1", len(dms))
	}
	text := dms[0].Content
	for _, want := range []string{"<@" + alice + "> reported that you did not come", "No worries", "no-show count in that server is now **1**",
		"not be paired with <@" + alice + ">", "14 days", "`/mock topic:Coding`"} {
		if !strings.Contains(text, want) {
			t.Errorf("bob's DM lacks %q:\n%s", want, text)
		}
	}
	// alice, who came, got no such DM; bob's buttons in the closed thread are refused.
	if n := len(h.dms("alice")); n != 0 {
		t.Errorf("alice got %d DMs", n)
	}
	r, _ := h.Click("bob", pm, "Give feedback")
	if !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "reported as not coming") {
		t.Errorf("bob's feedback after his no-show: %s", messageText(r))
	}
}

// The block lasts 14 days: then the two can be paired again.
func TestMockNoShowBlockEnds(t *testing.T) {
	h := newHarness(t)
	h.noShowPair("alice", "bob")
	h.Clock.Advance(13 * 24 * time.Hour)
	h.Run("alice", "/mock topic:coding")
	if m := h.Run("bob", "/mock topic:coding"); strings.Contains(messageText(m), "You have a partner") {
		t.Fatalf("paired again after 13 days: %s", messageText(m))
	}
	h.Clock.Advance(2 * 24 * time.Hour)
	h.Run("alice", "/mock topic:coding")
	if m := h.Run("bob", "/mock topic:coding"); !strings.Contains(messageText(m), "You have a partner") {
		t.Fatalf("not paired again after 15 days: %s", messageText(m))
	}
}

// When the absent member's DMs are closed, their next /mock tells them,
// once, privately.
func TestMockNoShowNoticeWithClosedDMs(t *testing.T) {
	h := newHarness(t)
	alice := h.uid("alice")
	h.Srv.CloseDMs(h.uid("bob"))
	h.noShowPair("alice", "bob")
	if n := len(h.dms("bob")); n != 0 {
		t.Fatalf("bob got %d DMs with DMs closed", n)
	}
	notice := func() string {
		in, err := h.Srv.Command(h.Ctx, "bob", "", "/mock topic:behavioral")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.WaitMessage(h.Ctx); err != nil {
			t.Fatal(err)
		}
		// The notice is a follow-up after the answer: wait until the handler is done.
		var out string
		_ = h.Srv.WaitFor(h.Ctx, func() bool {
			for _, m := range in.Messages() {
				if strings.Contains(m.Content, "reported that you did not come") {
					if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
						t.Errorf("the notice is not private")
					}
					out = m.Content
					return true
				}
			}
			return false
		})
		return out
	}
	if got := notice(); !strings.Contains(got, "<@"+alice+">") || !strings.Contains(got, "is now **1**") {
		t.Fatalf("bob's /mock after the no-show: %q", got)
	}
	// Once: nothing is left to tell.
	if untold, err := h.Store.Interviews.UntoldAbsences(h.Ctx, h.guild(), h.uid("bob")); err != nil || len(untold) != 0 {
		t.Fatalf("still untold after the notice: %+v %v", untold, err)
	}
}

// The feedback form reports every problem at once, keeps everything typed
// and reopens filled in; once saved, the draft is gone and the form shows
// the saved feedback.
func TestMockFeedbackFormKeepsTextAndListsEveryProblem(t *testing.T) {
	h := newHarness(t)
	p, pm := h.pair("alice", "bob")
	const well, improve = "Your **STAR** story about the outage was great 🚀", "Say the trade-offs out loud."
	r, err := h.giveFeedback("alice", pm, map[string]string{interview.FbCommunication: "x", interview.FbProblem: "9", interview.FbStructure: "4",
		interview.FbWell: well, interview.FbImprove: improve})
	if err != nil {
		t.Fatal(err)
	}
	text := messageText(r)
	if !bot.IsErrorMessage(r) || r.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("a form with problems is not refused privately: %s", text)
	}
	for _, want := range []string{"**Communication** must be a whole number from 1 to 5 (you typed `x`)",
		"**Problem solving** must be a whole number from 1 to 5 (you typed `9`)", "Everything you typed is kept"} {
		if !strings.Contains(text, want) {
			t.Errorf("the answer lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "**Structure**") {
		t.Errorf("a valid field is reported:\n%s", text)
	}
	if f, _ := h.Store.Feedback.Of(h.Ctx, p.ID, h.uid("alice"), h.uid("bob")); f != nil {
		t.Fatalf("feedback with problems was saved: %+v", f)
	}
	// The button reopens the form with everything typed.
	in, err := h.Srv.ClickLabel(h.Ctx, "alice", r, "Fix my feedback")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(h.Ctx); err != nil {
		t.Fatal(err)
	}
	title, vals := h.modalValues("alice")
	want := map[string]string{interview.FbCommunication: "x", interview.FbProblem: "9", interview.FbStructure: "4", interview.FbWell: well, interview.FbImprove: improve}
	for k, v := range want {
		if vals[k] != v {
			t.Errorf("reopened form: %s is %q, want %q", k, vals[k], v)
		}
	}
	if title != "Fix your feedback" {
		t.Errorf("reopened form's title %q", title)
	}
	// The thread's button shows the same draft.
	in, _ = h.Srv.ClickLabel(h.Ctx, "alice", pm, "Give feedback")
	if _, err := in.Wait(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if _, vals := h.modalValues("alice"); vals[interview.FbWell] != well {
		t.Errorf("Give feedback does not show the draft: %q", vals[interview.FbWell])
	}
	// Fixed and sent: saved with the text, and the draft is gone.
	id, _, _, _ := h.Srv.Modal("alice")
	sub, err := h.Srv.SubmitModal(h.Ctx, "alice", id, map[string]string{interview.FbCommunication: "4", interview.FbProblem: "5", interview.FbStructure: "4",
		interview.FbWell: well, interview.FbImprove: improve})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := sub.WaitMessage(h.Ctx); err != nil || bot.IsErrorMessage(m) {
		t.Fatalf("fixed feedback: %v %s", err, messageText(m))
	}
	f, err := h.Store.Feedback.Of(h.Ctx, p.ID, h.uid("alice"), h.uid("bob"))
	if err != nil || f == nil || f.WentWell != well || f.Improve != improve || f.Communication != 4 || f.ProblemSolving != 5 {
		t.Fatalf("saved feedback %+v %v", f, err)
	}
	if d, err := h.Store.Feedback.DraftOf(h.Ctx, p.ID, h.uid("alice"), h.uid("bob")); err != nil || d != nil {
		t.Fatalf("the draft outlived the saved feedback: %+v %v", d, err)
	}
	in, _ = h.Srv.ClickLabel(h.Ctx, "alice", pm, "Give feedback")
	if _, err := in.Wait(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if title, vals := h.modalValues("alice"); title != "Edit your feedback" || vals[interview.FbProblem] != "5" || vals[interview.FbWell] != well {
		t.Errorf("edit form %q %v", title, vals)
	}
}

// In a trio, the feedback A writes for B is readable by B alone: the third
// member C finds it in nothing they can read (the thread they are in,
// every channel and thread they can open, their DMs, every private reply
// and form shown to them), while B reads it by DM. Edits and drafts too.
func TestMockTrioFeedbackIsReadableOnlyByItsReceiver(t *testing.T) {
	h := newHarness(t)
	p, pm := h.trio()
	aID := h.uid("t0")
	others := p.Others(aID)
	bID, cID := others[0].UserID, others[1].UserID
	c := h.Srv.User(cID).Username
	secrets := []string{"Kx1 first secret", "Kx2 edited secret", "Kx3 draft secret"}

	if r := h.feedbackTo("t0", pm, "Partner 1", map[string]string{interview.FbCommunication: "4", interview.FbProblem: "3", interview.FbStructure: "5",
		interview.FbWell: secrets[0] + " went well", interview.FbImprove: secrets[0] + " to improve"}); bot.IsErrorMessage(r) {
		t.Fatalf("A's feedback: %s", messageText(r))
	}
	// Edited, then a form with a problem (kept as a draft).
	if r := h.feedbackTo("t0", pm, "Partner 1", map[string]string{interview.FbCommunication: "5", interview.FbProblem: "3", interview.FbStructure: "5",
		interview.FbWell: secrets[1], interview.FbImprove: secrets[1]}); bot.IsErrorMessage(r) {
		t.Fatalf("A's edit: %s", messageText(r))
	}
	if r := h.feedbackTo("t0", pm, "Partner 1", map[string]string{interview.FbCommunication: "x", interview.FbProblem: "3", interview.FbStructure: "5",
		interview.FbWell: secrets[2], interview.FbImprove: secrets[2]}); !bot.IsErrorMessage(r) {
		t.Fatalf("A's bad form: %s", messageText(r))
	}
	// C uses everything a member can: the packet, the feedback chooser and
	// form for B, their own feedback, /profile, /mock.
	h.Click(c, pm, "My packet")
	if _, vals := func() (string, map[string]string) {
		chooser, _ := h.Click(c, pm, "Give feedback")
		in, err := h.Srv.ClickLabel(h.Ctx, c, chooser, "Partner 1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.Wait(h.Ctx); err != nil {
			t.Fatal(err)
		}
		return h.modalValues(c)
	}(); vals[interview.FbWell] != "" || vals[interview.FbImprove] != "" {
		t.Fatalf("C's form for a partner is filled in: %v", vals)
	}
	h.feedbackTo(c, pm, "Partner 1", map[string]string{interview.FbCommunication: "3", interview.FbProblem: "3", interview.FbStructure: "3", interview.FbWell: "C's own words"})
	for _, line := range []string{"/profile", "/profile user:" + h.Srv.User(bID).Username, "/profile user:t0", "/mock", "/help"} {
		h.Run(c, line)
	}

	// Everything C can read.
	if th := h.Srv.Channel(p.ThreadID); th == nil || th.Type != discordgo.ChannelTypeGuildPrivateThread || th.ThreadMetadata.Invitable {
		t.Fatalf("the trio's thread is not private: %+v", th)
	}
	readable := h.Srv.Readable(cID)
	inThread := false
	for _, m := range readable {
		if text := messageText(m); strings.Contains(text, "Kx") {
			t.Errorf("C can read feedback for B in %s: %s", h.Srv.Channel(m.ChannelID).Name, text)
		}
		if m.ChannelID == p.ThreadID && strings.Contains(m.Content, "<@"+aID+"> gave <@"+bID+"> feedback") {
			inThread = true
		}
	}
	if !inThread {
		t.Error("the thread does not say that A gave B feedback (or C cannot read the thread: the test would miss a leak)")
	}
	for _, in := range h.Srv.InteractionsOf(cID) {
		if r := in.Response(); r != nil && strings.Contains(string(r.Raw), "Kx") {
			t.Errorf("a response to C holds feedback for B: %s", r.Raw)
		}
		for _, m := range in.Messages() {
			if strings.Contains(messageText(m), "Kx") {
				t.Errorf("a message to C holds feedback for B: %s", messageText(m))
			}
		}
	}
	// B reads the edited feedback by DM (the test can see a leak).
	got := ""
	for _, m := range h.Srv.Readable(bID) {
		if ch := h.Srv.Channel(m.ChannelID); ch.Type == discordgo.ChannelTypeDM {
			got += messageText(m)
		}
	}
	if !strings.Contains(got, secrets[1]) || strings.Contains(got, secrets[2]) {
		t.Fatalf("B's DMs:\n%s", got)
	}
}

// A trio member reported as a no-show leaves the thread; their Finish,
// packet and feedback are refused; the other two carry on, and later
// messages in the thread do not call the removed member back.
func TestMockTrioNoShowLeavesTheThread(t *testing.T) {
	h := newHarness(t)
	p, pm := h.trio()
	aID := h.uid("t0")
	others := p.Others(aID)
	bID, cID := others[0].UserID, others[1].UserID
	c := h.Srv.User(cID).Username

	h.Clock.Set(p.SuggestedStart().Add(interview.NoShowGrace + time.Minute))
	chooser, _ := h.Click("t0", pm, "Report no-show")
	if r, _ := h.Click("t0", chooser, "Partner 2"); bot.IsErrorMessage(r) || !strings.Contains(r.Content, "no longer in this thread") {
		t.Fatalf("trio no-show: %s", messageText(r))
	}
	for _, u := range h.threadUsers(p.ThreadID) {
		if u == cID {
			t.Fatal("C is still a member of the thread")
		}
	}
	if len(h.threadUsers(p.ThreadID)) != 2 {
		t.Fatalf("thread members %v", h.threadUsers(p.ThreadID))
	}
	dms := h.dms(c)
	if len(dms) != 1 || !strings.Contains(dms[0].Content, "no longer in the interview's private thread") {
		t.Fatalf("C's DMs: %v", dms)
	}
	for _, label := range []string{"Finish", "Give feedback", "My packet", "Start"} {
		if r, _ := h.Click(c, pm, label); !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "reported as not coming") {
			t.Errorf("C pressing %s: %s", label, messageText(r))
		}
	}
	// A's feedback goes straight to B, the one partner left.
	in, _ := h.Srv.ClickLabel(h.Ctx, "t0", pm, "Give feedback")
	if _, err := in.Wait(h.Ctx); err != nil {
		t.Fatal(err)
	}
	if id, _, _, ok := h.Srv.Modal("t0"); !ok || !strings.HasSuffix(id, "/"+bID) {
		t.Fatalf("A's feedback form %q, want it for B", id)
	}
	// The check-in three days later calls A and B only.
	h.Clock.Set(time.UnixMilli(p.CreatedMs).Add(interview.CheckinAfter + time.Minute))
	h.sweep()
	found := false
	for _, m := range h.Srv.Messages(p.ThreadID) {
		if strings.Contains(m.Content, "did you meet") {
			found = true
			if strings.Contains(m.Content, cID) || !strings.Contains(m.Content, bID) {
				t.Errorf("check-in calls the wrong members: %s", m.Content)
			}
		}
	}
	if !found {
		t.Fatal("no check-in")
	}
	// A and B finish; C's count stays at no interview.
	if r, _ := h.Click("t0", pm, "Finish"); bot.IsErrorMessage(r) {
		t.Fatalf("A's finish: %s", messageText(r))
	}
	if sum, _ := h.Store.Feedback.Summary(h.Ctx, h.guild(), cID); sum.Interviews != 0 {
		t.Fatalf("C's interviews %d", sum.Interviews)
	}
}

// Two members repeating /mock then Finish get one pairing, not a private
// thread each time: the next /mock is refused with when it works again,
// and the pairing finished at once is no interview on /profile.
func TestMockPairingLoopIsLimited(t *testing.T) {
	h := newHarness(t)
	_, pm := h.pair("alice", "bob")
	if r, _ := h.Click("alice", pm, "Finish"); bot.IsErrorMessage(r) {
		t.Fatalf("finish: %s", messageText(r))
	}
	for _, u := range []string{"alice", "bob"} {
		m := h.Run(u, "/mock topic:coding")
		if !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "your next pairing can start from") {
			t.Fatalf("%s's /mock right after Finish: %s", u, messageText(m))
		}
	}
	if n := len(h.Srv.Threads()); n != 1 {
		t.Fatalf("%d private threads, want 1", n)
	}
	if e, _, _, _ := h.Store.Interviews.QueueEntry(h.Ctx, h.guild(), h.uid("alice")); e != nil {
		t.Fatal("a refused /mock queued alice")
	}
	for _, u := range []string{"alice", "bob"} {
		if text := messageText(h.Run(u, "/profile")); !strings.Contains(text, "No mock interviews yet") {
			t.Errorf("%s's profile counts a pairing finished at once:\n%s", u, text)
		}
	}
	// After the cooldown they can pair again; a real session counts.
	h.Clock.Advance(store.MinInterview)
	_, pm = h.pair("alice", "bob")
	h.Clock.Advance(40 * time.Minute)
	if r, _ := h.Click("bob", pm, "Finish"); bot.IsErrorMessage(r) {
		t.Fatalf("finish: %s", messageText(r))
	}
	if text := messageText(h.Run("alice", "/profile")); !strings.Contains(text, "1 interview ·") {
		t.Errorf("alice's profile after a real session:\n%s", text)
	}
	// The daily cap: pairings 3 to 6 pass, the 7th is refused.
	for i := 3; i <= store.DailyPairings; i++ {
		h.Clock.Advance(store.MinInterview)
		_, pm = h.pair("alice", "bob")
		h.Click("alice", pm, "Finish")
	}
	h.Clock.Advance(store.MinInterview)
	if m := h.Run("alice", "/mock topic:coding"); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "6 mock interviews in the last 24 hours") {
		t.Fatalf("alice's 7th pairing in a day: %s", messageText(m))
	}
}

// TestFeedbackAndMockThreadArePrivate pairs alice and bob, has alice give
// feedback, and checks what carol (a third member) can read: the pairing
// thread is private and holds only the pair, and the feedback text is in
// no message carol can see (channels, threads she can open, her DMs, her
// own command replies, /profile of bob), while bob sees it.
func TestFeedbackAndMockThreadArePrivate(t *testing.T) {
	h := newHarness(t)
	alice, bob, carol := h.uid("alice"), h.uid("bob"), h.uid("carol")
	h.Run("alice", "/mock topic:behavioral")
	h.Run("bob", "/mock topic:behavioral")
	p := h.pairingOf("alice")
	if p == nil || p.ThreadID == "" {
		t.Fatal("alice and bob were not paired")
	}
	th := h.Srv.Channel(p.ThreadID)
	if th == nil || th.Type != discordgo.ChannelTypeGuildPrivateThread || th.ThreadMetadata == nil || th.ThreadMetadata.Invitable {
		t.Fatalf("pairing thread is not private: %+v", th)
	}
	members := h.threadUsers(th.ID)
	sort.Strings(members)
	want := []string{alice, bob}
	sort.Strings(want)
	if strings.Join(members, ",") != strings.Join(want, ",") {
		t.Fatalf("thread members %v, want only %v", members, want)
	}
	const secret = "Zq7 secret feedback: talk through edge cases before coding"
	r, err := h.giveFeedback("alice", h.firstMessage(th.ID), map[string]string{
		interview.FbCommunication: "4", interview.FbProblem: "3", interview.FbStructure: "5", interview.FbWell: "Clear structure.", interview.FbImprove: secret})
	if err != nil || bot.IsErrorMessage(r) {
		t.Fatalf("feedback: %v %s", err, messageText(r))
	}
	// Everything carol can read.
	var leaks []string
	seen := map[string]bool{}
	check := func(where string, ms []*discordgo.Message) {
		for _, m := range ms {
			if strings.Contains(messageText(m), "Zq7 secret") {
				leaks = append(leaks, where)
			}
		}
	}
	for _, req := range h.Srv.Requests() {
		if !strings.HasPrefix(req.Path, "/channels/") {
			continue
		}
		id := strings.Split(strings.TrimPrefix(req.Path, "/channels/"), "/")[0]
		if seen[id] {
			continue
		}
		seen[id] = true
		ch := h.Srv.Channel(id)
		if ch == nil {
			continue
		}
		visible := false
		switch ch.Type {
		case discordgo.ChannelTypeDM:
			for _, u := range ch.Recipients {
				visible = visible || u.ID == carol
			}
		case discordgo.ChannelTypeGuildPrivateThread:
			for _, u := range h.Srv.ThreadMembers(id) {
				visible = visible || u == carol
			}
		default:
			visible = true
		}
		if visible {
			check("channel "+ch.Name, h.Srv.Messages(id))
		}
	}
	for _, th := range h.Srv.Threads() {
		if th.Type == discordgo.ChannelTypeGuildPublicThread && !seen[th.ID] {
			check("thread "+th.Name, h.Srv.Messages(th.ID))
		}
	}
	for _, line := range []string{"/profile user:bob", "/profile", "/mock", "/help"} {
		check("carol's "+line, []*discordgo.Message{h.Run("carol", line)})
	}
	check("alice's /profile user:bob", []*discordgo.Message{h.Run("alice", "/profile user:bob")})
	if len(leaks) > 0 {
		t.Fatalf("feedback readable by others in: %v", leaks)
	}
	if !strings.Contains(messageText(h.Run("bob", "/profile")), "Zq7 secret") {
		t.Error("bob does not see the feedback he received in /profile (the test would miss a leak path)")
	}
}
