package daily_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/store"
)

// TestDailyCommandsLeaveAuditLines: /daily setup, pause, resume and
// remove each leave an audit line (source "discord") that the dashboard's
// audit page lists; a refused setup leaves none.
func TestDailyCommandsLeaveAuditLines(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	ch := dailyChannel(t, h, "daily")
	guild := h.Srv.DefaultGuild().ID
	mustFail(t, h.Run("owner", setupLine(ch, "25:00", "UTC", "")))
	mustReply(t, h.Run("owner", setupLine(ch, "09:00", "Europe/London", "")))
	mustReply(t, h.Run("owner", "/daily pause"))
	mustReply(t, h.Run("owner", "/daily resume"))
	ask := h.Run("owner", "/daily remove")
	h.Click("owner", ask, "Remove feed daily")
	lines, err := h.Store.Audit.Log(context.Background(), guild, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		if l.Source != store.AuditDiscord || l.UserID != h.Srv.User("owner").ID {
			t.Errorf("line %+v: want source discord, by the owner", l)
		}
		got = append(got, l.Action)
	}
	if s := strings.Join(got, " "); s != "daily.remove daily.resume daily.pause daily.setup" {
		t.Fatalf("audit actions: %s", s)
	}
	if !strings.Contains(lines[3].Detail, "feed daily added: channel "+ch.ID+", 09:00 (Europe/London)") {
		t.Fatalf("setup line: %q", lines[3].Detail)
	}
}
