package interview

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/store"
)

// mockDMs returns the messages in a member's DM channel with the bot.
func (h *harness) mockDMs(name string) []*discordgo.Message {
	h.t.Helper()
	uid := h.mockUID(name)
	var out []*discordgo.Message
	for _, m := range h.srv.Readable(uid) {
		if ch := h.srv.Channel(m.ChannelID); ch != nil && ch.Type == discordgo.ChannelTypeDM {
			out = append(out, m)
		}
	}
	return out
}

// mockNoShowPair pairs a and b for coding and has a report b as a no-show
// once that is allowed; it returns the pairing's first message.
func (h *harness) mockNoShowPair(a, b string) *discordgo.Message {
	h.t.Helper()
	p, pm := h.mockPair(a, b)
	h.clock.Set(p.SuggestedStart().Add(mockNoShowGrace + time.Minute))
	r, _ := h.click(a, pm, "Report no-show")
	if IsErrorMessage(r) || !strings.Contains(r.Content, "did not come") {
		h.t.Fatalf("no-show report: %s", mockText(r))
	}
	return pm
}

// After a no-show the two are not paired again, even when nobody else
// waits; the missed session is no interview for either; the absent member
// is told by DM what happened and what it means for them.
func TestMockNoShowIsNotRepairedNorCountedAndTold(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	alice, bob := h.mockUID("alice"), h.mockUID("bob")
	pm := h.mockNoShowPair("alice", "bob")

	// alice waits at the front of the queue; bob's /mock must not pair them.
	m := h.run("bob", "/mock topic:coding")
	if strings.Contains(mockText(m), "You have a partner") {
		t.Fatalf("bob was paired again with alice: %s", mockText(m))
	}
	if p := h.mockPairingOf("bob"); p != nil {
		t.Fatalf("bob is in pairing %+v", p)
	}
	// Someone else pairs with alice (front) and then another with bob.
	h.run("carol", "/mock topic:coding")
	if p := h.mockPairingOf("carol"); p == nil || p.Member(alice) == nil {
		t.Fatalf("carol was not paired with alice: %+v", p)
	}
	h.run("dave", "/mock topic:coding")
	if p := h.mockPairingOf("dave"); p == nil || p.Member(bob) == nil {
		t.Fatalf("dave was not paired with bob: %+v", p)
	}

	// The missed session is no interview for either member.
	for _, tc := range []struct{ who, want string }{{"alice", "1 interview ·"}, {"bob", "1 interview ·"}} {
		if text := mockText(h.run(tc.who, "/profile")); !strings.Contains(text, tc.want) {
			t.Errorf("%s's profile counts the no-show (want %q):\n%s", tc.who, tc.want, text)
		}
	}

	// bob was told by DM, kindly, with his count and how to come back.
	dms := h.mockDMs("bob")
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
	if n := len(h.mockDMs("alice")); n != 0 {
		t.Errorf("alice got %d DMs", n)
	}
	r, _ := h.click("bob", pm, "Give feedback")
	if !IsErrorMessage(r) || !strings.Contains(mockText(r), "reported as not coming") {
		t.Errorf("bob's feedback after his no-show: %s", mockText(r))
	}
}

// The block lasts 14 days: then the two can be paired again.
func TestMockNoShowBlockEnds(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	h.mockNoShowPair("alice", "bob")
	h.clock.Advance(13 * 24 * time.Hour)
	h.run("alice", "/mock topic:coding")
	if m := h.run("bob", "/mock topic:coding"); strings.Contains(mockText(m), "You have a partner") {
		t.Fatalf("paired again after 13 days: %s", mockText(m))
	}
	h.clock.Advance(2 * 24 * time.Hour)
	h.run("alice", "/mock topic:coding")
	if m := h.run("bob", "/mock topic:coding"); !strings.Contains(mockText(m), "You have a partner") {
		t.Fatalf("not paired again after 15 days: %s", mockText(m))
	}
}

// When the absent member's DMs are closed, their next /mock tells them,
// once, privately.
func TestMockNoShowNoticeWithClosedDMs(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	alice := h.mockUID("alice")
	h.srv.CloseDMs(h.mockUID("bob"))
	h.mockNoShowPair("alice", "bob")
	if n := len(h.mockDMs("bob")); n != 0 {
		t.Fatalf("bob got %d DMs with DMs closed", n)
	}
	notice := func() string {
		in, err := h.srv.Command(h.ctx, "bob", "", "/mock topic:behavioral")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.WaitMessage(h.ctx); err != nil {
			t.Fatal(err)
		}
		// The notice is a follow-up after the answer: wait until the handler is done.
		var out string
		_ = h.srv.WaitFor(h.ctx, func() bool {
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
	if untold, err := h.store.Interviews.UntoldAbsences(h.ctx, h.mockGuild(), h.mockUID("bob")); err != nil || len(untold) != 0 {
		t.Fatalf("still untold after the notice: %+v %v", untold, err)
	}
}

// mockPair pairs a and b for coding and returns the pairing and its first
// message.
func (h *harness) mockPair(a, b string) (*store.Pairing, *discordgo.Message) {
	h.t.Helper()
	h.run(a, "/mock topic:coding")
	h.run(b, "/mock topic:coding")
	p := h.mockPairingOf(a)
	if p == nil || p.Member(h.mockUID(b)) == nil {
		h.t.Fatalf("%s and %s were not paired: %+v", a, b, p)
	}
	return p, h.mockFirstMessage(p.ThreadID)
}

// mockModalValues returns the title and the values of the modal last
// shown to user, by input custom_id.
func (h *harness) mockModalValues(user string) (string, map[string]string) {
	h.t.Helper()
	_, title, fields, ok := h.srv.Modal(user)
	if !ok {
		h.t.Fatalf("no modal shown to %s", user)
	}
	out := map[string]string{}
	for _, f := range fields {
		out[f.CustomID] = f.Value
	}
	return title, out
}

// The feedback form reports every problem at once, keeps everything typed
// and reopens filled in; once saved, the draft is gone and the form shows
// the saved feedback.
func TestMockFeedbackFormKeepsTextAndListsEveryProblem(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	p, pm := h.mockPair("alice", "bob")
	const well, improve = "Your **STAR** story about the outage was great 🚀", "Say the trade-offs out loud."
	r, err := h.mockFeedback("alice", pm, map[string]string{fbCommunication: "x", fbProblem: "9", fbStructure: "4",
		fbWell: well, fbImprove: improve})
	if err != nil {
		t.Fatal(err)
	}
	text := mockText(r)
	if !IsErrorMessage(r) || r.Flags&discordgo.MessageFlagsEphemeral == 0 {
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
	if f, _ := h.store.Feedback.Of(h.ctx, p.ID, h.mockUID("alice"), h.mockUID("bob")); f != nil {
		t.Fatalf("feedback with problems was saved: %+v", f)
	}
	// The button reopens the form with everything typed.
	in, err := h.srv.ClickLabel(h.ctx, "alice", r, "Fix my feedback")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(h.ctx); err != nil {
		t.Fatal(err)
	}
	title, vals := h.mockModalValues("alice")
	want := map[string]string{fbCommunication: "x", fbProblem: "9", fbStructure: "4", fbWell: well, fbImprove: improve}
	for k, v := range want {
		if vals[k] != v {
			t.Errorf("reopened form: %s is %q, want %q", k, vals[k], v)
		}
	}
	if title != "Fix your feedback" {
		t.Errorf("reopened form's title %q", title)
	}
	// The thread's button shows the same draft.
	in, _ = h.srv.ClickLabel(h.ctx, "alice", pm, "Give feedback")
	if _, err := in.Wait(h.ctx); err != nil {
		t.Fatal(err)
	}
	if _, vals := h.mockModalValues("alice"); vals[fbWell] != well {
		t.Errorf("Give feedback does not show the draft: %q", vals[fbWell])
	}
	// Fixed and sent: saved with the text, and the draft is gone.
	id, _, _, _ := h.srv.Modal("alice")
	sub, err := h.srv.SubmitModal(h.ctx, "alice", id, map[string]string{fbCommunication: "4", fbProblem: "5", fbStructure: "4",
		fbWell: well, fbImprove: improve})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := sub.WaitMessage(h.ctx); err != nil || IsErrorMessage(m) {
		t.Fatalf("fixed feedback: %v %s", err, mockText(m))
	}
	f, err := h.store.Feedback.Of(h.ctx, p.ID, h.mockUID("alice"), h.mockUID("bob"))
	if err != nil || f == nil || f.WentWell != well || f.Improve != improve || f.Communication != 4 || f.ProblemSolving != 5 {
		t.Fatalf("saved feedback %+v %v", f, err)
	}
	if d, err := h.store.Feedback.DraftOf(h.ctx, p.ID, h.mockUID("alice"), h.mockUID("bob")); err != nil || d != nil {
		t.Fatalf("the draft outlived the saved feedback: %+v %v", d, err)
	}
	in, _ = h.srv.ClickLabel(h.ctx, "alice", pm, "Give feedback")
	if _, err := in.Wait(h.ctx); err != nil {
		t.Fatal(err)
	}
	if title, vals := h.mockModalValues("alice"); title != "Edit your feedback" || vals[fbProblem] != "5" || vals[fbWell] != well {
		t.Errorf("edit form %q %v", title, vals)
	}
}

// mockTrio runs a weekly round with three members (t0, t1, t2) and returns
// their pairing and its first message.
func (h *harness) mockTrio() (*store.Pairing, *discordgo.Message) {
	h.t.Helper()
	mf := mockFeatureOf(h.t.(*testing.T), h.bot)
	mockCh, _ := h.srv.AddChannel(h.mockGuild(), "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.mockAdmin("admin")
	for _, line := range []string{"/mock-admin setup channel:" + mockCh.ID, "/mock-admin rounds weekday:mon time:18:00 timezone:UTC"} {
		if m := h.run("admin", line); IsErrorMessage(m) {
			h.t.Fatalf("%s: %s", line, mockText(m))
		}
	}
	msgs := h.srv.Messages(mockCh.ID)
	signup := msgs[len(msgs)-1]
	for _, n := range []string{"t0", "t1", "t2"} {
		if r, _ := h.click(n, signup, "Join the rounds"); IsErrorMessage(r) {
			h.t.Fatalf("%s join: %s", n, mockText(r))
		}
	}
	h.clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	mf.sweep(h.ctx)
	p := h.mockPairingOf("t0")
	if p == nil || len(p.Members) != 3 {
		h.t.Fatalf("round made %+v, want a trio", p)
	}
	return p, h.mockFirstMessage(p.ThreadID)
}

// mockForm presses the button labelled label on m as user, submits the
// form it opens with values and returns the answer.
func (h *harness) mockForm(user string, m *discordgo.Message, label string, values map[string]string) (*discordgo.Message, error) {
	h.t.Helper()
	in, err := h.srv.ClickLabel(h.ctx, user, m, label)
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := in.Wait(h.ctx); err != nil {
		h.t.Fatal(err)
	}
	id, _, _, ok := h.srv.Modal(user)
	if !ok {
		h.t.Fatalf("no modal shown to %s", user)
	}
	sub, err := h.srv.SubmitModal(h.ctx, user, id, values)
	if err != nil {
		return nil, err
	}
	return sub.WaitMessage(h.ctx)
}

// mockFeedbackTo gives feedback in a trio: Give feedback, the partner's
// button in the chooser, the form filled with values.
func (h *harness) mockFeedbackTo(user string, pm *discordgo.Message, partner string, values map[string]string) *discordgo.Message {
	h.t.Helper()
	chooser, _ := h.click(user, pm, "Give feedback")
	m, err := h.mockForm(user, chooser, partner, values)
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

// In a trio, the feedback A writes for B is readable by B alone: the third
// member C finds it in nothing they can read (the thread they are in,
// every channel and thread they can open, their DMs, every private reply
// and form shown to them), while B reads it by DM. Edits and drafts too.
func TestMockTrioFeedbackIsReadableOnlyByItsReceiver(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	p, pm := h.mockTrio()
	aID := h.mockUID("t0")
	others := p.Others(aID)
	bID, cID := others[0].UserID, others[1].UserID
	c := h.srv.User(cID).Username
	secrets := []string{"Kx1 first secret", "Kx2 edited secret", "Kx3 draft secret"}

	if r := h.mockFeedbackTo("t0", pm, "Partner 1", map[string]string{fbCommunication: "4", fbProblem: "3", fbStructure: "5",
		fbWell: secrets[0] + " went well", fbImprove: secrets[0] + " to improve"}); IsErrorMessage(r) {
		t.Fatalf("A's feedback: %s", mockText(r))
	}
	// Edited, then a form with a problem (kept as a draft).
	if r := h.mockFeedbackTo("t0", pm, "Partner 1", map[string]string{fbCommunication: "5", fbProblem: "3", fbStructure: "5",
		fbWell: secrets[1], fbImprove: secrets[1]}); IsErrorMessage(r) {
		t.Fatalf("A's edit: %s", mockText(r))
	}
	if r := h.mockFeedbackTo("t0", pm, "Partner 1", map[string]string{fbCommunication: "x", fbProblem: "3", fbStructure: "5",
		fbWell: secrets[2], fbImprove: secrets[2]}); !IsErrorMessage(r) {
		t.Fatalf("A's bad form: %s", mockText(r))
	}
	// C uses everything a member can: the packet, the feedback chooser and
	// form for B, their own feedback, /profile, /mock.
	h.click(c, pm, "My packet")
	if _, vals := func() (string, map[string]string) {
		chooser, _ := h.click(c, pm, "Give feedback")
		in, err := h.srv.ClickLabel(h.ctx, c, chooser, "Partner 1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := in.Wait(h.ctx); err != nil {
			t.Fatal(err)
		}
		return h.mockModalValues(c)
	}(); vals[fbWell] != "" || vals[fbImprove] != "" {
		t.Fatalf("C's form for a partner is filled in: %v", vals)
	}
	h.mockFeedbackTo(c, pm, "Partner 1", map[string]string{fbCommunication: "3", fbProblem: "3", fbStructure: "3", fbWell: "C's own words"})
	for _, line := range []string{"/profile", "/profile user:" + h.srv.User(bID).Username, "/profile user:t0", "/mock", "/help"} {
		h.run(c, line)
	}

	// Everything C can read.
	if th := h.srv.Channel(p.ThreadID); th == nil || th.Type != discordgo.ChannelTypeGuildPrivateThread || th.ThreadMetadata.Invitable {
		t.Fatalf("the trio's thread is not private: %+v", th)
	}
	readable := h.srv.Readable(cID)
	inThread := false
	for _, m := range readable {
		if text := mockText(m); strings.Contains(text, "Kx") {
			t.Errorf("C can read feedback for B in %s: %s", h.srv.Channel(m.ChannelID).Name, text)
		}
		if m.ChannelID == p.ThreadID && strings.Contains(m.Content, "<@"+aID+"> gave <@"+bID+"> feedback") {
			inThread = true
		}
	}
	if !inThread {
		t.Error("the thread does not say that A gave B feedback (or C cannot read the thread: the test would miss a leak)")
	}
	for _, in := range h.srv.InteractionsOf(cID) {
		if r := in.Response(); r != nil && strings.Contains(string(r.Raw), "Kx") {
			t.Errorf("a response to C holds feedback for B: %s", r.Raw)
		}
		for _, m := range in.Messages() {
			if strings.Contains(mockText(m), "Kx") {
				t.Errorf("a message to C holds feedback for B: %s", mockText(m))
			}
		}
	}
	// B reads the edited feedback by DM (the test can see a leak).
	got := ""
	for _, m := range h.srv.Readable(bID) {
		if ch := h.srv.Channel(m.ChannelID); ch.Type == discordgo.ChannelTypeDM {
			got += mockText(m)
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
	h := newHarness(t, harnessOpts{})
	mf := mockFeatureOf(t, h.bot)
	p, pm := h.mockTrio()
	aID := h.mockUID("t0")
	others := p.Others(aID)
	bID, cID := others[0].UserID, others[1].UserID
	c := h.srv.User(cID).Username

	h.clock.Set(p.SuggestedStart().Add(mockNoShowGrace + time.Minute))
	chooser, _ := h.click("t0", pm, "Report no-show")
	if r, _ := h.click("t0", chooser, "Partner 2"); IsErrorMessage(r) || !strings.Contains(r.Content, "no longer in this thread") {
		t.Fatalf("trio no-show: %s", mockText(r))
	}
	for _, u := range h.mockThreadUsers(p.ThreadID) {
		if u == cID {
			t.Fatal("C is still a member of the thread")
		}
	}
	if len(h.mockThreadUsers(p.ThreadID)) != 2 {
		t.Fatalf("thread members %v", h.mockThreadUsers(p.ThreadID))
	}
	dms := h.mockDMs(c)
	if len(dms) != 1 || !strings.Contains(dms[0].Content, "no longer in the interview's private thread") {
		t.Fatalf("C's DMs: %v", dms)
	}
	for _, label := range []string{"Finish", "Give feedback", "My packet", "Start"} {
		if r, _ := h.click(c, pm, label); !IsErrorMessage(r) || !strings.Contains(mockText(r), "reported as not coming") {
			t.Errorf("C pressing %s: %s", label, mockText(r))
		}
	}
	// A's feedback goes straight to B, the one partner left.
	in, _ := h.srv.ClickLabel(h.ctx, "t0", pm, "Give feedback")
	if _, err := in.Wait(h.ctx); err != nil {
		t.Fatal(err)
	}
	if id, _, _, ok := h.srv.Modal("t0"); !ok || !strings.HasSuffix(id, "/"+bID) {
		t.Fatalf("A's feedback form %q, want it for B", id)
	}
	// The check-in three days later calls A and B only.
	h.clock.Set(time.UnixMilli(p.CreatedMs).Add(mockCheckinAfter + time.Minute))
	mf.sweep(h.ctx)
	found := false
	for _, m := range h.srv.Messages(p.ThreadID) {
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
	if r, _ := h.click("t0", pm, "Finish"); IsErrorMessage(r) {
		t.Fatalf("A's finish: %s", mockText(r))
	}
	if sum, _ := h.store.Feedback.Summary(h.ctx, h.mockGuild(), cID); sum.Interviews != 0 {
		t.Fatalf("C's interviews %d", sum.Interviews)
	}
}

// Two members repeating /mock then Finish get one pairing, not a private
// thread each time: the next /mock is refused with when it works again,
// and the pairing finished at once is no interview on /profile.
func TestMockPairingLoopIsLimited(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	_, pm := h.mockPair("alice", "bob")
	if r, _ := h.click("alice", pm, "Finish"); IsErrorMessage(r) {
		t.Fatalf("finish: %s", mockText(r))
	}
	for _, u := range []string{"alice", "bob"} {
		m := h.run(u, "/mock topic:coding")
		if !IsErrorMessage(m) || !strings.Contains(mockText(m), "your next pairing can start from") {
			t.Fatalf("%s's /mock right after Finish: %s", u, mockText(m))
		}
	}
	if n := len(h.srv.Threads()); n != 1 {
		t.Fatalf("%d private threads, want 1", n)
	}
	if e, _, _, _ := h.store.Interviews.QueueEntry(h.ctx, h.mockGuild(), h.mockUID("alice")); e != nil {
		t.Fatal("a refused /mock queued alice")
	}
	for _, u := range []string{"alice", "bob"} {
		if text := mockText(h.run(u, "/profile")); !strings.Contains(text, "No mock interviews yet") {
			t.Errorf("%s's profile counts a pairing finished at once:\n%s", u, text)
		}
	}
	// After the cooldown they can pair again; a real session counts.
	h.clock.Advance(store.MockMinInterview)
	_, pm = h.mockPair("alice", "bob")
	h.clock.Advance(40 * time.Minute)
	if r, _ := h.click("bob", pm, "Finish"); IsErrorMessage(r) {
		t.Fatalf("finish: %s", mockText(r))
	}
	if text := mockText(h.run("alice", "/profile")); !strings.Contains(text, "1 interview ·") {
		t.Errorf("alice's profile after a real session:\n%s", text)
	}
	// The daily cap: pairings 3 to 6 pass, the 7th is refused.
	for i := 3; i <= store.MockDailyPairings; i++ {
		h.clock.Advance(store.MockMinInterview)
		_, pm = h.mockPair("alice", "bob")
		h.click("alice", pm, "Finish")
	}
	h.clock.Advance(store.MockMinInterview)
	if m := h.run("alice", "/mock topic:coding"); !IsErrorMessage(m) || !strings.Contains(mockText(m), "6 mock interviews in the last 24 hours") {
		t.Fatalf("alice's 7th pairing in a day: %s", mockText(m))
	}
}
