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

// TestDailyNowSkipAndChampionLeaveAuditLines: /daily now, skip, skip undo
// and champion (set and clear) leave their lines too; a refused champion
// role leaves none.
func TestDailyNowSkipAndChampionLeaveAuditLines(t *testing.T) {
	c := newChamp(t, "UTC") // sets up the feed and the champion role
	h := c.h
	mustFail(t, h.Run("owner", "/daily champion role:<@&"+c.guild+">"))
	mustReply(t, h.Run("owner", "/daily skip"))
	mustReply(t, h.Run("owner", "/daily skip undo:true"))
	mustReply(t, h.Run("owner", "/daily now"))
	mustReply(t, h.Run("owner", "/daily champion clear:true"))
	lines, err := h.Store.Audit.Log(context.Background(), c.guild, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Action+": "+l.Detail)
	}
	want := []string{
		"daily.champion: champion role turned off",
		"daily.now: feed daily posted 2026-10-15 by hand",
		"daily.unskip: feed daily posts 2026-10-16 again",
		"daily.skip: feed daily skips 2026-10-16",
		"daily.champion: champion role " + c.role.ID + ", counted in feed daily",
		"daily.setup: ",
	}
	if len(got) != len(want) {
		t.Fatalf("audit lines:\n%s", strings.Join(got, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("line %d: %q, want %q…", i, got[i], w)
		}
	}
}
