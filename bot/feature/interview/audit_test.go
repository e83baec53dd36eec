package interview_test

import (
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/store"
)

// auditLines are the default server's audit lines, oldest first, as
// "action: detail"; each must come from Discord, by who.
func (h *harness) auditLines(who string) []string {
	h.T.Helper()
	lines, err := h.Store.Audit.Log(h.Ctx, h.guild(), 0, 100)
	if err != nil {
		h.T.Fatal(err)
	}
	var out []string
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.Source != store.AuditDiscord || l.UserID != h.uid(who) {
			h.T.Errorf("audit line %+v: want source discord, by %s", l, who)
		}
		out = append(out, l.Action+": "+l.Detail)
	}
	return out
}

// TestMockAdminCommandsLeaveAuditLines: every /mock-admin subcommand that
// changes the settings, the weekly rounds or a member's no-shows leaves an
// audit line (source "discord") as the dashboard's changes do; refused or
// empty ones, and /mock-admin queue, leave none.
func TestMockAdminCommandsLeaveAuditLines(t *testing.T) {
	h := newHarness(t)
	mockCh := h.TextChannel("mock")
	h.admin("admin")
	h.noShowPair("alice", "bob")
	h.uid("carol")
	for _, c := range []struct {
		line string
		ok   bool
	}{
		{"/mock-admin setup", true},
		{"/mock-admin setup expiry:forever", false},
		{"/mock-admin setup channel:" + mockCh.ID + " expiry:3h", true},
		{"/mock-admin rounds weekday:tue time:25:00", false},
		{"/mock-admin rounds weekday:tue time:18:00 timezone:Europe/London", true},
		{"/mock-admin rounds enabled:false", true},
		{"/mock-admin checkin every:1d strikes:3", true},
		{"/mock-admin checkin every:30m", false},
		{"/mock-admin queue", true},
		{"/mock-admin reset-noshow user:carol", true},
		{"/mock-admin reset-noshow user:bob", true},
	} {
		if m := h.Run("admin", c.line); bot.IsErrorMessage(m) == c.ok {
			t.Fatalf("%s: %s", c.line, messageText(m))
		}
	}
	want := []string{
		"mock.setup: channel " + mockCh.ID + ", expiry 3 h",
		"mock.rounds: weekly rounds on: Tuesday 18:00 (Europe/London), every member",
		"mock.rounds: weekly rounds off",
		"mock.checkin: check-ins every 1 day, 3 strikes",
		"mock.reset-noshow: no-shows of member " + h.uid("bob") + " reset (was 1)",
	}
	if got := h.auditLines("admin"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
