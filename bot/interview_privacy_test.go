package bot

import (
	"sort"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// TestFeedbackAndMockThreadArePrivate pairs alice and bob, has alice give
// feedback, and checks what carol (a third member) can read: the pairing
// thread is private and holds only the pair, and the feedback text is in
// no message carol can see (channels, threads she can open, her DMs, her
// own command replies, /profile of bob), while bob sees it.
func TestFeedbackAndMockThreadArePrivate(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	alice, bob, carol := h.mockUID("alice"), h.mockUID("bob"), h.mockUID("carol")
	h.run("alice", "/mock topic:behavioral")
	h.run("bob", "/mock topic:behavioral")
	p := h.mockPairingOf("alice")
	if p == nil || p.ThreadID == "" {
		t.Fatal("alice and bob were not paired")
	}
	th := h.srv.Channel(p.ThreadID)
	if th == nil || th.Type != discordgo.ChannelTypeGuildPrivateThread || th.ThreadMetadata == nil || th.ThreadMetadata.Invitable {
		t.Fatalf("pairing thread is not private: %+v", th)
	}
	members := h.mockThreadUsers(th.ID)
	sort.Strings(members)
	want := []string{alice, bob}
	sort.Strings(want)
	if strings.Join(members, ",") != strings.Join(want, ",") {
		t.Fatalf("thread members %v, want only %v", members, want)
	}
	const secret = "Zq7 secret feedback: talk through edge cases before coding"
	r, err := h.mockFeedback("alice", h.mockFirstMessage(th.ID), map[string]string{
		fbCommunication: "4", fbProblem: "3", fbStructure: "5", fbWell: "Clear structure.", fbImprove: secret})
	if err != nil || IsErrorMessage(r) {
		t.Fatalf("feedback: %v %s", err, messageText(r))
	}
	// Everything carol can read.
	var leaks []string
	seen := map[string]bool{}
	check := func(where string, ms []*discordgo.Message) {
		for _, m := range ms {
			if strings.Contains(mockText(m), "Zq7 secret") {
				leaks = append(leaks, where)
			}
		}
	}
	for _, req := range h.srv.Requests() {
		if !strings.HasPrefix(req.Path, "/channels/") {
			continue
		}
		id := strings.Split(strings.TrimPrefix(req.Path, "/channels/"), "/")[0]
		if seen[id] {
			continue
		}
		seen[id] = true
		ch := h.srv.Channel(id)
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
			for _, u := range h.srv.ThreadMembers(id) {
				visible = visible || u == carol
			}
		default:
			visible = true
		}
		if visible {
			check("channel "+ch.Name, h.srv.Messages(id))
		}
	}
	for _, th := range h.srv.Threads() {
		if th.Type == discordgo.ChannelTypeGuildPublicThread && !seen[th.ID] {
			check("thread "+th.Name, h.srv.Messages(th.ID))
		}
	}
	for _, line := range []string{"/profile user:bob", "/profile", "/mock", "/help"} {
		check("carol's "+line, []*discordgo.Message{h.run("carol", line)})
	}
	check("alice's /profile user:bob", []*discordgo.Message{h.run("alice", "/profile user:bob")})
	if len(leaks) > 0 {
		t.Fatalf("feedback readable by others in: %v", leaks)
	}
	if !strings.Contains(mockText(h.run("bob", "/profile")), "Zq7 secret") {
		t.Error("bob does not see the feedback he received in /profile (the test would miss a leak path)")
	}
}
