package plan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
)

// dms returns the direct messages user can read.
func dms(h *bottest.Harness, user string) []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range h.Srv.Readable(h.Srv.AddUser(user).ID) {
		if ch := h.Srv.Channel(m.ChannelID); ch != nil && ch.Type == discordgo.ChannelTypeDM {
			out = append(out, m)
		}
	}
	return out
}

// sweepUntil moves the clock by step up to end, running the background
// work at each step, and returns the instants at which user got a new DM.
func sweepUntil(t *testing.T, h *bottest.Harness, user string, end time.Time, step time.Duration) []time.Time {
	t.Helper()
	var at []time.Time
	n := len(dms(h, user))
	for h.Clock.Now().Before(end) {
		h.Clock.Advance(step)
		if err := h.Bot.RunDue(h.Ctx); err != nil {
			t.Fatal(err)
		}
		if m := len(dms(h, user)); m > n {
			for range m - n {
				at = append(at, h.Clock.Now())
			}
			n = m
		}
	}
	return at
}

// Reminders arrive at the member's local time across a DST change, once a
// day, not again the same day when the time is changed, and stop with
// their button and with /plan stop.
func TestPlanRemindersAcrossDST(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	ny, _ := time.LoadLocation("America/New_York")
	// New York moves to daylight time on Sunday 2027-03-14.
	h.Clock.Set(time.Date(2027, 3, 10, 20, 0, 0, 0, time.UTC))
	h.Run("alice", "/plan start company:tiktok role:swe date:3w")
	m := h.Run("alice", "/plan remind time:09:00 timezone:America/New_York")
	if !strings.Contains(m.Content, "every day at 09:00 (America/New_York)") {
		t.Fatalf("/plan remind: %s", m.Content)
	}
	at := sweepUntil(t, h, "alice", time.Date(2027, 3, 17, 20, 0, 0, 0, time.UTC), 15*time.Minute)
	if len(at) != 7 {
		t.Fatalf("%d reminders in 7 days: %v", len(at), at)
	}
	for i, a := range at {
		local := a.In(ny)
		if local.Hour() != 9 || local.Minute() != 0 || local.Day() != 11+i {
			t.Errorf("reminder %d at %s (%s local)", i, a.UTC(), local)
		}
	}
	last := dms(h, "alice")
	dm := last[len(last)-1]
	if !strings.Contains(dm.Content, "Your practice for today") || !strings.Contains(dm.Content, "TikTok") {
		t.Fatalf("reminder: %s", dm.Content)
	}
	// Moving the time later the same day sends no second reminder that day.
	h.Clock.Set(time.Date(2027, 3, 18, 13, 30, 0, 0, time.UTC)) // 09:30 in New York
	if err := h.Bot.RunDue(h.Ctx); err != nil {
		t.Fatal(err)
	}
	n := len(dms(h, "alice"))
	h.Run("alice", "/plan remind time:10:00 timezone:America/New_York")
	if at := sweepUntil(t, h, "alice", time.Date(2027, 3, 18, 20, 0, 0, 0, time.UTC), 15*time.Minute); len(at) != 0 {
		t.Fatalf("a second reminder on 2027-03-18: %v (had %d)", at, n)
	}
	// The next day's comes at the new time.
	if at := sweepUntil(t, h, "alice", time.Date(2027, 3, 19, 20, 0, 0, 0, time.UTC), 15*time.Minute); len(at) != 1 || at[0].In(ny).Hour() != 10 {
		t.Fatalf("next day's reminders: %v", at)
	}
	// Stop reminders, in the DM.
	last = dms(h, "alice")
	if r, _ := h.Click("alice", last[len(last)-1], "Stop reminders"); !strings.Contains(r.Content, "Reminders stopped") {
		t.Fatalf("stop button: %s", r.Content)
	}
	if at := sweepUntil(t, h, "alice", time.Date(2027, 3, 21, 20, 0, 0, 0, time.UTC), time.Hour); len(at) != 0 {
		t.Fatalf("reminders after Stop reminders: %v", at)
	}
	// On again, then /plan stop ends them with the plan.
	h.Run("alice", "/plan remind time:09:00")
	ask := h.Run("alice", "/plan stop")
	h.Click("alice", ask, "End the plan")
	if at := sweepUntil(t, h, "alice", time.Date(2027, 3, 24, 20, 0, 0, 0, time.UTC), time.Hour); len(at) != 0 {
		t.Fatalf("reminders after /plan stop: %v", at)
	}
}

// A DM Discord refuses (50007) is recorded, stops the reminders, and is
// never retried.
func TestPlanRemindersStopWhenDMsAreClosed(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	h.Run("bob", "/plan start company:tiktok role:swe date:3w")
	h.Run("bob", "/plan remind time:13:00 timezone:UTC")
	bob := h.Srv.AddUser("bob").ID
	h.Srv.CloseDMs(bob)
	sweepUntil(t, h, "bob", h.Clock.Now().Add(4*24*time.Hour), time.Hour)
	sends, err := h.Store.Plans.ReminderSends(h.Ctx, bob)
	if err != nil || len(sends) != 1 || sends["refused"] != 1 {
		t.Fatalf("reminder sends %v, %v", sends, err)
	}
	r, err := h.Store.Plans.Reminder(h.Ctx, bob)
	if err != nil || r.Enabled || r.RefusedAt == 0 {
		t.Fatalf("reminder after a refused DM: %+v %v", r, err)
	}
}

// Nothing is sent unasked: a plan without /plan remind sends no DM.
func TestPlanSendsNothingUnasked(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	h.Run("carol", "/plan start company:tiktok role:swe date:3w")
	if at := sweepUntil(t, h, "carol", h.Clock.Now().Add(3*24*time.Hour), time.Hour); len(at) != 0 {
		t.Fatalf("DMs without reminders: %v", at)
	}
}
