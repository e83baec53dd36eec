package bot

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
	if untold, err := h.store.UntoldAbsences(h.ctx, h.mockGuild(), h.mockUID("bob")); err != nil || len(untold) != 0 {
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
	if f, _ := h.store.FeedbackOf(h.ctx, p.ID, h.mockUID("alice"), h.mockUID("bob")); f != nil {
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
	f, err := h.store.FeedbackOf(h.ctx, p.ID, h.mockUID("alice"), h.mockUID("bob"))
	if err != nil || f == nil || f.WentWell != well || f.Improve != improve || f.Communication != 4 || f.ProblemSolving != 5 {
		t.Fatalf("saved feedback %+v %v", f, err)
	}
	if d, err := h.store.FeedbackDraftOf(h.ctx, p.ID, h.mockUID("alice"), h.mockUID("bob")); err != nil || d != nil {
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
