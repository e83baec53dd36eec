package interview_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
)

// propose presses Propose a time on m as user and submits when and zone;
// it returns the answer the proposer sees.
func (h *harness) propose(user string, m *discordgo.Message, when, zone string) *discordgo.Message {
	h.T.Helper()
	r, err := h.form(user, m, "Propose a time", map[string]string{"when": when, "zone": zone})
	if err != nil {
		h.T.Fatal(err)
	}
	return r
}

// lastWith returns the newest message of a channel whose content holds
// text, or nil.
func (h *harness) lastWith(channelID, text string) *discordgo.Message {
	msgs := h.Srv.Messages(channelID)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(msgs[i].Content, text) {
			return msgs[i]
		}
	}
	return nil
}

// countWith counts a channel's messages whose content holds text.
func (h *harness) countWith(channelID, text string) int {
	n := 0
	for _, m := range h.Srv.Messages(channelID) {
		if strings.Contains(m.Content, text) {
			n++
		}
	}
	return n
}

// proposeAndAccept pairs a and b, has a propose when (in Paris) and b
// accept it; it returns the pairing and the accepted time.
func (h *harness) proposeAndAccept(a, b, when string) (*store.Pairing, time.Time) {
	h.T.Helper()
	p, pm := h.pair(a, b)
	if r := h.propose(a, pm, when, "Europe/Paris"); bot.IsErrorMessage(r) {
		h.T.Fatalf("propose: %s", messageText(r))
	}
	prop := h.lastWith(p.ThreadID, "proposes")
	if r, _ := h.Click(b, prop, "Accept"); bot.IsErrorMessage(r) {
		h.T.Fatalf("accept: %s", messageText(r))
	}
	due, err := h.Store.Availability.DueReminders(h.Ctx, h.Clock.Now().Add(40*24*time.Hour), 0, shard.Set{})
	if err != nil || len(due) != 1 {
		h.T.Fatalf("accepted times: %+v %v", due, err)
	}
	return p, due[0].Starts()
}

func TestProposeAndAcceptATime(t *testing.T) {
	h := newHarness(t)
	p, pm := h.pair("alice", "bob")
	if !strings.Contains(strings.Join(bottest.Labels(pm), ","), "Propose a time") {
		t.Fatalf("pairing message buttons: %v", bottest.Labels(pm))
	}
	// The clock is Sunday 29 November 2026, 12:00 UTC.
	r := h.propose("alice", pm, "tomorrow 18:30", "Europe/Paris")
	if bot.IsErrorMessage(r) || !bottest.IsEphemeral(r) {
		t.Fatalf("propose answer: %s", messageText(r))
	}
	want := time.Date(2026, 11, 30, 17, 30, 0, 0, time.UTC).Unix()
	prop := h.lastWith(p.ThreadID, "proposes")
	if prop == nil || !strings.Contains(prop.Content, fmt.Sprintf("<t:%d:F>", want)) || !strings.Contains(prop.Content, fmt.Sprintf("<t:%d:R>", want)) {
		t.Fatalf("proposal in the thread: %+v", prop)
	}
	if got := strings.Join(bottest.Labels(prop), ","); got != "Accept,Propose another" {
		t.Fatalf("proposal buttons: %s", got)
	}
	// The proposer cannot accept their own time, nor can a stranger.
	if r, _ := h.Click("alice", prop, "Accept"); !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "only your partner") {
		t.Fatalf("alice accepted her own time: %s", messageText(r))
	}
	if r, _ := h.Click("mallory", prop, "Accept"); !bot.IsErrorMessage(r) {
		t.Fatalf("a stranger accepted: %s", messageText(r))
	}
	if due, _ := h.Store.Availability.DueReminders(h.Ctx, h.Clock.Now().Add(40*24*time.Hour), 0, shard.Set{}); len(due) != 0 {
		t.Fatalf("a time was accepted by the wrong member: %+v", due)
	}
	r, _ = h.Click("bob", prop, "Accept")
	if bot.IsErrorMessage(r) || strings.Contains(strings.Join(bottest.Labels(r), ","), "Accept") {
		t.Fatalf("bob's accept: %s %v", messageText(r), bottest.Labels(r))
	}
	if m := h.lastWith(p.ThreadID, "accepted"); m == nil || !strings.Contains(m.Content, fmt.Sprintf("<t:%d:F>", want)) {
		t.Fatalf("no acceptance in the thread: %+v", m)
	}
	due, _ := h.Store.Availability.DueReminders(h.Ctx, h.Clock.Now().Add(40*24*time.Hour), 0, shard.Set{})
	if len(due) != 1 || due[0].Starts().Unix() != want || due[0].AcceptedBy != h.uid("bob") {
		t.Fatalf("accepted: %+v", due)
	}
	// The zone is remembered: the next form has it filled in.
	h.ClickForm("bob", prop, "Propose another")
	if _, vals := h.modalValues("bob"); vals["zone"] != "" {
		t.Fatalf("bob never gave a zone, yet the form says %q", vals["zone"])
	}
	h.ClickForm("alice", prop, "Propose another")
	if _, vals := h.modalValues("alice"); vals["zone"] != "Europe/Paris" {
		t.Fatalf("alice's zone was not remembered: %q", vals["zone"])
	}
}

// The reminder goes 15 minutes before the accepted time, once, however
// often the sweep runs and when prepcord restarts on the same database.
func TestReminderIsSentOnceAcrossRestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "prepcord.db")
	h := &harness{bottest.New(t, bottest.Options{DBPath: db})}
	p, at := h.proposeAndAccept("alice", "bob", "tomorrow 18:30")
	h.Clock.Set(at.Add(-16 * time.Minute))
	h.sweep()
	if n := h.countWith(p.ThreadID, "mock interview starts"); n != 0 {
		t.Fatalf("%d reminders 16 minutes before", n)
	}
	h.Clock.Set(at.Add(-15 * time.Minute))
	h.sweep()
	h.sweep()
	if n := h.countWith(p.ThreadID, "mock interview starts"); n != 1 {
		t.Fatalf("%d reminders, want 1", n)
	}
	rem := h.lastWith(p.ThreadID, "mock interview starts")
	for _, u := range []string{h.uid("alice"), h.uid("bob")} {
		if !strings.Contains(rem.Content, "<@"+u+">") {
			t.Fatalf("reminder does not mention %s: %s", u, rem.Content)
		}
	}
	// A restart: a second prepcord on the same database sends nothing.
	h2 := &harness{bottest.New(t, bottest.Options{DBPath: db})}
	h2.Clock.Set(at.Add(-14 * time.Minute))
	h2.sweep()
	for _, r := range h2.Srv.Requests() {
		if strings.Contains(string(r.Body), "mock interview starts") || strings.Contains(string(r.Body), "was to start") {
			t.Fatalf("the reminder was sent again after a restart: %s %s", r.Path, r.Body)
		}
	}
}

// After downtime, a reminder still goes out up to 5 minutes after the
// accepted time (saying so); later, it is skipped for good.
func TestReminderAfterDowntime(t *testing.T) {
	h := newHarness(t)
	p, at := h.proposeAndAccept("alice", "bob", "tomorrow 18:30")
	h.Clock.Set(at.Add(3 * time.Minute))
	h.sweep()
	if m := h.lastWith(p.ThreadID, "was to start"); m == nil {
		t.Fatalf("late reminder: %+v", m)
	}
	h2 := newHarness(t)
	p2, at2 := h2.proposeAndAccept("carol", "dave", "tomorrow 18:30")
	h2.Clock.Set(at2.Add(6 * time.Minute))
	h2.sweep()
	h2.Clock.Set(at2.Add(7 * time.Minute))
	h2.sweep()
	if n := h2.countWith(p2.ThreadID, "your mock interview"); n != 0 {
		t.Fatalf("%d reminders for a time 6 minutes past", n)
	}
	if due, _ := h2.Store.Availability.DueReminders(h2.Ctx, h2.Clock.Now(), 15*time.Minute, shard.Set{}); len(due) != 0 {
		t.Fatalf("a skipped reminder is still due: %+v", due)
	}
}

// Proposed times that are garbage, past, too far, hostile or huge get a
// clear error and change nothing: no proposal, no zone remembered, no
// message in the thread.
func TestHostileProposedTimesChangeNothing(t *testing.T) {
	h := newHarness(t)
	p, pm := h.pair("alice", "bob")
	before := len(h.Srv.Messages(p.ThreadID))
	for _, tc := range []struct{ when, zone, want string }{
		{"whenever", "Europe/Paris", "could not read"},
		{bottest.HostileText, "Europe/Paris", "could not read"},
		{"yesterday 18:00", "Europe/Paris", "could not read"},
		{"2026-11-01 18:00", "Europe/Paris", "already passed"},
		{"2027-03-01 18:00", "Europe/Paris", "more than 30 days"},
		{"tomorrow 18:30", "Mars/Olympus", "unknown time zone"},
		{"tomorrow 18:30", "../../../etc/passwd", "Time zone"},
		{"tomorrow 18:30", "@everyone", "Time zone"},
	} {
		r := h.propose("alice", pm, tc.when, tc.zone)
		if !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), tc.want) || !bottest.IsEphemeral(r) {
			t.Errorf("%q in %q: %s", tc.when, tc.zone, messageText(r))
		}
		if d := bottest.DrawsMarkup(messageText(r)); d != "" {
			t.Errorf("%q in %q: the error draws %s: %s", tc.when, tc.zone, d, messageText(r))
		}
	}
	// A modified client sends what the form's limits would stop: huge and
	// control-character text, straight to the router.
	for i, v := range []map[string]string{
		{"when": strings.Repeat("tomorrow 18:30 ", 300), "zone": "Europe/Paris"},
		{"when": "tomorrow 18:30", "zone": strings.Repeat("Europe/", 600)},
		{"when": "tomorrow\x00 18:30", "zone": "Europe/Paris"},
	} {
		form := []any{
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": "when", "value": v["when"]}}},
			map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": "zone", "value": v["zone"]}}},
		}
		got := h.Forge(map[string]any{"type": int(discordgo.InteractionModalSubmit), "guild_id": h.guild(), "channel_id": p.ThreadID,
			"member": h.Member("alice", discordgo.PermissionViewChannel|discordgo.PermissionSendMessages),
			"data":   map[string]any{"custom_id": fmt.Sprintf("m1/proposal/%d", p.ID), "components": form}})
		if !strings.Contains(got, `"flags":64`) || !(strings.Contains(got, "limit is") || strings.Contains(got, "not allowed")) {
			t.Errorf("forged form %d answered %s", i, got)
		}
	}
	if n := len(h.Srv.Messages(p.ThreadID)); n != before {
		t.Fatalf("the thread got %d messages from refused proposals", n-before)
	}
	if z, _ := h.Store.Availability.MemberZone(h.Ctx, h.uid("alice")); z != "" {
		t.Fatalf("a refused form remembered the zone %q", z)
	}
	if due, _ := h.Store.Availability.DueReminders(h.Ctx, h.Clock.Now().Add(400*24*time.Hour), 0, shard.Set{}); len(due) != 0 {
		t.Fatalf("refused forms stored times: %+v", due)
	}
	// And a good one still works afterwards.
	if r := h.propose("alice", pm, "fri 6pm", "America/New_York"); bot.IsErrorMessage(r) {
		t.Fatalf("a good proposal after refusals: %s", messageText(r))
	}
}
