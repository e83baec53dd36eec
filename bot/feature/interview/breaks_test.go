package interview_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
)

// isQueued reports whether a member waits in the queue.
func (h *harness) isQueued(name string) bool {
	h.T.Helper()
	e, _, _, err := h.Store.Interviews.QueueEntry(h.Ctx, h.guild(), h.uid(name))
	if err != nil {
		h.T.Fatal(err)
	}
	return e != nil
}

// lastDM returns the newest direct message to a member, or nil.
func (h *harness) lastDM(name string) *discordgo.Message {
	dms := h.dms(name)
	if len(dms) == 0 {
		return nil
	}
	return dms[len(dms)-1]
}

func TestSnoozeAndResume(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct{ in, want string }{
		{"forever", "not a snooze"},
		{"30m", "too short"},
		{"9w", "too long"},
		{"99999999d", "not a snooze"},
		{bottest.HostileText[:18], "not a snooze"},
	} {
		if m := h.Run("alice", "/mock-snooze duration:\""+tc.in+"\""); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), tc.want) {
			t.Errorf("snooze %q: %s", tc.in, messageText(m))
		}
	}
	if until, _ := h.Store.Availability.SnoozedUntil(h.Ctx, h.guild(), h.uid("alice")); !until.IsZero() {
		t.Fatalf("a refused snooze stored %v", until)
	}
	h.Run("alice", "/mock topic:coding")
	m := h.Run("alice", "/mock-snooze duration:3d")
	if bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "left the queue") {
		t.Fatalf("snooze: %s", messageText(m))
	}
	if h.isQueued("alice") {
		t.Fatal("a snoozed member stayed in the queue")
	}
	// While snoozed, /mock queues nobody and offers Resume now.
	r := h.Run("alice", "/mock topic:coding")
	if !strings.Contains(messageText(r), "taking a break") || h.isQueued("alice") {
		t.Fatalf("/mock while snoozed: %s (queued %v)", messageText(r), h.isQueued("alice"))
	}
	h.Run("bob", "/mock topic:coding")
	if h.pairingOf("bob") != nil {
		t.Fatal("a snoozed member was paired")
	}
	// Resume early with the button.
	if r, _ := h.Click("alice", r, "Resume now"); !strings.Contains(messageText(r), "Welcome back") {
		t.Fatalf("resume: %s", messageText(r))
	}
	if r := h.Run("alice", "/mock topic:coding"); bot.IsErrorMessage(r) || h.pairingOf("alice") == nil {
		t.Fatalf("/mock after resume: %s", messageText(r))
	}
	// /mock-resume ends a snooze too; without one it says so.
	h.Run("carol", "/mock-snooze duration:1w")
	if r := h.Run("carol", "/mock-resume"); !strings.Contains(messageText(r), "Welcome back") {
		t.Fatalf("/mock-resume: %s", messageText(r))
	}
	if r := h.Run("carol", "/mock-resume"); !strings.Contains(messageText(r), "not taking a break") {
		t.Fatalf("second /mock-resume: %s", messageText(r))
	}
	// The automatic resume, with a message, once.
	h.Run("dave", "/mock-snooze duration:\"2 weeks\"")
	h.Clock.Advance(14*24*time.Hour - time.Minute)
	h.sweep()
	if until, _ := h.Store.Availability.SnoozedUntil(h.Ctx, h.guild(), h.uid("dave")); until.IsZero() {
		t.Fatal("the snooze ended early")
	}
	h.Clock.Advance(time.Minute)
	h.sweep()
	h.sweep()
	n := 0
	for _, m := range h.dms("dave") {
		if strings.Contains(m.Content, "break from mock interviews") && strings.Contains(m.Content, "is over") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("dave was told %d times that his break ended", n)
	}
	if r := h.Run("dave", "/mock topic:behavioral"); strings.Contains(messageText(r), "taking a break") || !h.isQueued("dave") {
		t.Fatalf("/mock after the automatic resume: %s", messageText(r))
	}
}

// A snoozed member stays signed up for weekly rounds but is left out of
// them until the snooze ends.
func TestSnoozedMemberSkipsWeeklyRounds(t *testing.T) {
	h := newHarness(t)
	h.joinRounds("t0", "t1", "t2")
	h.Run("t2", "/mock-snooze duration:3d")
	h.Clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	h.sweep()
	if p := h.pairingOf("t2"); p != nil {
		t.Fatalf("a snoozed member was paired in the round: %+v", p)
	}
	if p := h.pairingOf("t0"); p == nil || len(p.Members) != 2 || p.Member(h.uid("t1")) == nil {
		t.Fatalf("the round without t2: %+v", p)
	}
}

func TestCheckinStrikesAndDrop(t *testing.T) {
	h := newHarness(t)
	h.admin("admin")
	for _, line := range []string{"/mock-admin setup expiry:7d", "/mock-admin checkin every:1d strikes:2"} {
		if m := h.Run("admin", line); bot.IsErrorMessage(m) {
			t.Fatalf("%s: %s", line, messageText(m))
		}
	}
	h.Run("alice", "/mock topic:coding")
	h.Run("bob", "/mock topic:behavioral")
	asked := func(name string) []*discordgo.Message {
		var out []*discordgo.Message
		for _, m := range h.dms(name) {
			if strings.Contains(m.Content, "still available") {
				out = append(out, m)
			}
		}
		return out
	}
	h.Clock.Advance(24*time.Hour - time.Minute)
	h.sweep()
	if len(asked("alice")) != 0 {
		t.Fatal("asked before the day was over")
	}
	h.Clock.Advance(time.Minute)
	h.sweep()
	h.sweep()
	if len(asked("alice")) != 1 || len(asked("bob")) != 1 {
		t.Fatalf("first check-ins: alice %d, bob %d", len(asked("alice")), len(asked("bob")))
	}
	// Bob answers; a stranger cannot answer for him.
	q := asked("bob")[0]
	if r, _ := h.Click("mallory", q, "I'm still here"); !bot.IsErrorMessage(r) {
		t.Fatalf("mallory answered bob's check-in: %s", messageText(r))
	}
	if r, _ := h.Click("bob", q, "I'm still here"); !strings.Contains(messageText(r), "keep your place") {
		t.Fatalf("bob's answer: %s", messageText(r))
	}
	// Day 2: alice gets her first strike, bob none.
	h.Clock.Advance(24 * time.Hour)
	h.sweep()
	if a := asked("alice"); len(a) != 2 || !strings.Contains(a[1].Content, "so far: 1") {
		t.Fatalf("alice's second check-in: %d", len(a))
	}
	// (Bob's answered check-in now says thanks instead.)
	if b := asked("bob"); len(b) != 1 || strings.Contains(b[0].Content, "so far") {
		t.Fatalf("bob's second check-in: %d asked, %v", len(b), b)
	}
	// The queue shows admins who is not answering, and who is on a break.
	h.Run("carol", "/mock-snooze duration:1w")
	queue := messageText(h.Run("admin", "/mock-admin queue"))
	for _, want := range []string{"<@" + h.uid("alice") + "> since", "· 1 unanswered check-in", "**On a break (1)**", "<@" + h.uid("carol") + "> until <t:"} {
		if !strings.Contains(queue, want) {
			t.Errorf("/mock-admin queue lacks %q:\n%s", want, queue)
		}
	}
	if strings.Count(queue, "unanswered check-in") != 1 {
		t.Errorf("/mock-admin queue: strikes on a member who answered:\n%s", queue)
	}
	// Day 3: alice's second strike drops her, kindly; bob (1 strike) stays.
	h.Clock.Advance(24 * time.Hour)
	h.sweep()
	if h.isQueued("alice") {
		t.Fatal("alice was not dropped after 2 unanswered check-ins")
	}
	if m := h.lastDM("alice"); m == nil || !strings.Contains(m.Content, "took you out") || !strings.Contains(m.Content, "/mock topic:Coding") {
		t.Fatalf("alice's drop notice: %+v", m)
	}
	if !h.isQueued("bob") {
		t.Fatal("bob, who answered, was dropped")
	}
	// Turning check-ins off stops them.
	h.Run("admin", "/mock-admin checkin every:off")
	n := len(asked("bob"))
	h.Clock.Advance(48 * time.Hour)
	h.sweep()
	if len(asked("bob")) != n {
		t.Fatal("a check-in went out after they were turned off")
	}
}

// Every admin setting this feature adds refuses a member without Manage
// Server and changes nothing.
func TestNewAdminSettingsRefuseMembers(t *testing.T) {
	h := newHarness(t)
	for _, line := range []string{"/mock-admin checkin every:1d", "/mock-admin checkin strikes:5", "/mock-admin checkin every:off strikes:1"} {
		if m := h.Run("mallory", line); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "Manage Server") {
			t.Errorf("%s as a member: %s", line, messageText(m))
		}
	}
	set, err := h.Store.Interviews.Settings(h.Ctx, h.guild())
	if err != nil || set.CheckinMinutes != 0 || set.CheckinStrikes != 0 {
		t.Fatalf("settings after members' attempts: %+v %v", set, err)
	}
	h.admin("admin")
	for _, tc := range []struct{ line, want string }{
		{"/mock-admin checkin every:30m", "too short"},
		{"/mock-admin checkin every:2w", "too long"},
		{"/mock-admin checkin every:sometimes", "every:off"},
	} {
		if m := h.Run("admin", tc.line); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), tc.want) {
			t.Errorf("%s: %s", tc.line, messageText(m))
		}
	}
	if m := h.Run("admin", "/mock-admin checkin every:12h strikes:3"); bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "every 12 h") {
		t.Fatalf("admin: %s", messageText(m))
	}
	if set, _ := h.Store.Interviews.Settings(h.Ctx, h.guild()); set.CheckinMinutes != 720 || set.CheckinStrikes != 3 {
		t.Fatalf("settings: %+v", set)
	}
}

func TestZonesInQueueMatching(t *testing.T) {
	h := newHarness(t)
	if m := h.Run("la", "/mock timezone:America/Los_Angeles"); bot.IsErrorMessage(m) || h.isQueued("la") {
		t.Fatalf("timezone alone: %s", messageText(m))
	}
	if m := h.Run("x", "/mock timezone:Mars/Olympus"); !bot.IsErrorMessage(m) {
		t.Fatalf("a bad zone was accepted: %s", messageText(m))
	}
	h.Run("la", "/mock topic:coding")
	h.Run("paris", "/mock topic:coding timezone:Europe/Paris")
	if h.pairingOf("paris") != nil {
		t.Fatal("far zones were paired while both hold their preferences")
	}
	// London is near Paris: paired with her although LA waited longer.
	h.Run("london", "/mock topic:coding timezone:Europe/London")
	p := h.pairingOf("london")
	if p == nil || p.Member(h.uid("paris")) == nil {
		t.Fatalf("london's pairing: %+v", p)
	}
	// The pairing message shows each member's zone, for agreeing a time.
	if txt := messageText(h.firstMessage(p.ThreadID)); !strings.Contains(txt, "Europe/London") || !strings.Contains(txt, "Europe/Paris") {
		t.Fatalf("pairing message without zones: %s", txt)
	}
	// Someone without a zone matches as before: LA, the longest waiting.
	h.Run("nozone", "/mock topic:coding")
	if p := h.pairingOf("nozone"); p == nil || p.Member(h.uid("la")) == nil {
		t.Fatalf("nozone's pairing: %+v", p)
	}
	// Far zones are paired once the 15-minute hold is over.
	h.Run("tokyo", "/mock topic:coding timezone:Asia/Tokyo")
	h.Run("lagos", "/mock topic:coding timezone:America/New_York")
	if h.pairingOf("tokyo") != nil {
		t.Fatal("tokyo and new york paired during the hold")
	}
	h.Clock.Advance(16 * time.Minute)
	h.sweep()
	if p := h.pairingOf("tokyo"); p == nil || p.Member(h.uid("lagos")) == nil {
		t.Fatalf("after the hold: %+v", p)
	}
}

// A /mock refused for another option does not save its time zone.
func TestRefusedMockSavesNoZone(t *testing.T) {
	h := newHarness(t)
	// Not queued and no topic: refused after the zone was read.
	if m := h.Run("alice", "/mock role:\"Software Engineer\" timezone:Europe/Paris"); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "Choose a topic") {
		t.Fatalf("/mock without a topic: %s", messageText(m))
	}
	if z, _ := h.Store.Availability.MemberZone(h.Ctx, h.uid("alice")); z != "" {
		t.Fatalf("a refused /mock saved the zone %q", z)
	}
	if m := h.Run("alice", "/mock topic:coding timezone:paris"); bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "Europe/Paris") {
		t.Fatalf("/mock with a zone: %s", messageText(m))
	}
	if z, _ := h.Store.Availability.MemberZone(h.Ctx, h.uid("alice")); z != "Europe/Paris" {
		t.Fatalf("zone %q", z)
	}
	if m := h.Run("alice", "/mock timezone:none"); !strings.Contains(messageText(m), "forgot") {
		t.Fatalf("forgetting the zone: %s", messageText(m))
	}
	if z, _ := h.Store.Availability.MemberZone(h.Ctx, h.uid("alice")); z != "" {
		t.Fatalf("zone %q after none", z)
	}
}

// Weekly rounds' "did you meet?" offers They didn't show; a member who
// leaves it unanswered 3 rounds in a row leaves the rounds, told how to
// rejoin, while one who answers stays.
func TestRoundCheckinDropsSilentMembers(t *testing.T) {
	h := newHarness(t)
	h.joinRounds("r0", "r1")
	round := time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC)
	inRounds := func(name string) bool {
		ms, err := h.Store.Interviews.RoundMembers(h.Ctx, h.guild())
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.UserID == h.uid(name) {
				return true
			}
		}
		return false
	}
	for week := 0; week < 3; week++ {
		h.Clock.Set(round.AddDate(0, 0, 7*week))
		h.sweep()
		p := h.pairingOf("r0")
		if p == nil || p.Member(h.uid("r1")) == nil {
			t.Fatalf("week %d: no round pairing: %+v", week, p)
		}
		h.Clock.Set(round.AddDate(0, 0, 7*week).Add(72 * time.Hour))
		h.sweep()
		ask := h.lastWith(p.ThreadID, "did you meet")
		if ask == nil || strings.Join(bottest.Labels(ask), ",") != "We met,Not yet,They didn't show" {
			t.Fatalf("week %d: check-in %+v", week, ask)
		}
		// r0 answers every week; r1 never.
		if r, _ := h.Click("r0", ask, "Not yet"); bot.IsErrorMessage(r) {
			t.Fatalf("week %d: answer: %s", week, messageText(r))
		}
	}
	if !inRounds("r1") {
		t.Fatal("r1 left the rounds before the third unanswered round was counted")
	}
	// The third round's pairing is archived a week on, and counted.
	h.Clock.Set(round.AddDate(0, 0, 21))
	h.sweep()
	h.sweep()
	if inRounds("r1") || !inRounds("r0") {
		t.Fatalf("after 3 rounds: r0 in %v, r1 in %v", inRounds("r0"), inRounds("r1"))
	}
	n := 0
	for _, m := range h.dms("r1") {
		if strings.Contains(m.Content, "took you out of the weekly mock rounds") && strings.Contains(m.Content, "Join the rounds") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("r1 was told %d times", n)
	}
	for _, m := range h.dms("r0") {
		if strings.Contains(m.Content, "took you out") {
			t.Fatal("r0, who answered, was told they left the rounds")
		}
	}
}

// joinRounds sets weekly rounds up (Mondays 18:00 UTC, in a new
// #mock-interviews) and has each named member join them.
func (h *harness) joinRounds(names ...string) {
	h.T.Helper()
	mockCh, _ := h.Srv.AddChannel(h.guild(), "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.admin("admin")
	for _, line := range []string{"/mock-admin setup channel:" + mockCh.ID, "/mock-admin rounds weekday:mon time:18:00 timezone:UTC"} {
		if m := h.Run("admin", line); bot.IsErrorMessage(m) {
			h.T.Fatalf("%s: %s", line, messageText(m))
		}
	}
	msgs := h.Srv.Messages(mockCh.ID)
	signup := msgs[len(msgs)-1]
	for _, n := range names {
		if r, _ := h.Click(n, signup, "Join the rounds"); bot.IsErrorMessage(r) {
			h.T.Fatalf("%s join: %s", n, messageText(r))
		}
	}
}
