package store

import (
	"context"
	"testing"
	"time"

	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
)

func TestProposeAcceptAndRemindOnce(t *testing.T) {
	s, advance, p := paired(t)
	ctx := context.Background()
	at := s.Now().Add(24 * time.Hour)
	pr, err := s.Availability.ProposeTime(ctx, p.ID, "a", at, "Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	if z, _ := s.Availability.MemberZone(ctx, "a"); z != "Europe/Paris" {
		t.Fatalf("zone not remembered: %q", z)
	}
	if _, err := s.Availability.ProposeTime(ctx, p.ID, "stranger", at, "UTC"); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("a stranger proposed: %v", err)
	}
	if _, err := s.Availability.AcceptProposal(ctx, p.ID, pr.ID, "a"); errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("the proposer accepted their own time: %v", err)
	}
	got, err := s.Availability.AcceptProposal(ctx, p.ID, pr.ID, "b")
	if err != nil || got.Status != ProposalAccepted || got.AcceptedBy != "b" {
		t.Fatalf("accept: %+v %v", got, err)
	}
	if _, err := s.Availability.AcceptProposal(ctx, p.ID, pr.ID, "b"); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("accepted twice: %v", err)
	}
	if due, _ := s.Availability.DueReminders(ctx, s.Now(), 15*time.Minute, shard.Set{}); len(due) != 0 {
		t.Fatalf("reminder due a day early: %+v", due)
	}
	advance(24*time.Hour - 15*time.Minute)
	due, err := s.Availability.DueReminders(ctx, s.Now(), 15*time.Minute, shard.Set{})
	if err != nil || len(due) != 1 {
		t.Fatalf("due reminders: %+v %v", due, err)
	}
	if ok, err := s.Availability.ClaimReminder(ctx, due[0].ID, ReminderSent); !ok || err != nil {
		t.Fatalf("first claim: %v %v", ok, err)
	}
	if ok, _ := s.Availability.ClaimReminder(ctx, due[0].ID, ReminderSent); ok {
		t.Fatal("the reminder was claimed twice")
	}
	if due, _ := s.Availability.DueReminders(ctx, s.Now(), 15*time.Minute, shard.Set{}); len(due) != 0 {
		t.Fatalf("claimed reminder still due: %+v", due)
	}
}

func TestNewAcceptedTimeReplacesTheOld(t *testing.T) {
	s, _, p := paired(t)
	ctx := context.Background()
	first, _ := s.Availability.ProposeTime(ctx, p.ID, "a", s.Now().Add(time.Hour), "UTC")
	if _, err := s.Availability.AcceptProposal(ctx, p.ID, first.ID, "b"); err != nil {
		t.Fatal(err)
	}
	second, _ := s.Availability.ProposeTime(ctx, p.ID, "b", s.Now().Add(2*time.Hour), "UTC")
	third, _ := s.Availability.ProposeTime(ctx, p.ID, "b", s.Now().Add(3*time.Hour), "UTC")
	if _, err := s.Availability.AcceptProposal(ctx, p.ID, second.ID, "a"); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("a replaced proposal was accepted: %v", err)
	}
	if _, err := s.Availability.AcceptProposal(ctx, p.ID, third.ID, "a"); err != nil {
		t.Fatal(err)
	}
	due, _ := s.Availability.DueReminders(ctx, s.Now().Add(10*time.Hour), 15*time.Minute, shard.Set{})
	if len(due) != 1 || due[0].ID != third.ID {
		t.Fatalf("due %+v, want only the latest accepted time", due)
	}
}

func TestSnoozeLeavesQueueAndEndsOnce(t *testing.T) {
	s := openTest(t)
	advance := mockClock(s)
	ctx := context.Background()
	join(t, s, "a", "coding")
	left, err := s.Availability.Snooze(ctx, "g", "a", "c", s.Now().Add(72*time.Hour))
	if err != nil || !left {
		t.Fatalf("snooze: left %v, %v", left, err)
	}
	if e, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "a"); e != nil {
		t.Fatal("a snoozed member stayed queued")
	}
	if until, _ := s.Availability.SnoozedUntil(ctx, "g", "a"); !until.Equal(s.Now().Add(72 * time.Hour)) {
		t.Fatalf("snoozed until %v", until)
	}
	advance(72 * time.Hour)
	ended, err := s.Availability.EndSnoozes(ctx, s.Now(), shard.Set{})
	if err != nil || len(ended) != 1 || ended[0].UserID != "a" {
		t.Fatalf("ended %+v %v", ended, err)
	}
	if again, _ := s.Availability.EndSnoozes(ctx, s.Now(), shard.Set{}); len(again) != 0 {
		t.Fatalf("a snooze ended twice: %+v", again)
	}
}

func TestCheckinStrikesDrop(t *testing.T) {
	s := openTest(t)
	advance := mockClock(s)
	ctx := context.Background()
	week, hour, strikes := 7*24*60, 60, 2
	if _, err := s.Interviews.UpdateSettings(ctx, "g", InterviewSetup{ExpiryMinutes: &week, CheckinMinutes: &hour, CheckinStrikes: &strikes}); err != nil {
		t.Fatal(err)
	}
	join(t, s, "a", "coding")
	join(t, s, "b", "behavioral")
	advance(59 * time.Minute)
	if c, _ := s.Availability.RunCheckins(ctx, s.Now(), shard.Set{}); len(c) != 0 {
		t.Fatalf("check-ins before the hour: %+v", c)
	}
	advance(time.Minute)
	c, err := s.Availability.RunCheckins(ctx, s.Now(), shard.Set{})
	if err != nil || len(c) != 2 || c[0].Strikes != 0 || c[0].Dropped {
		t.Fatalf("first check-ins: %+v %v", c, err)
	}
	if again, _ := s.Availability.RunCheckins(ctx, s.Now(), shard.Set{}); len(again) != 0 {
		t.Fatalf("check-ins asked twice: %+v", again)
	}
	if ok, _ := s.Availability.ConfirmCheckin(ctx, "g", "b"); !ok {
		t.Fatal("b's answer was not recorded")
	}
	advance(time.Hour)
	c, _ = s.Availability.RunCheckins(ctx, s.Now(), shard.Set{})
	byUser := map[string]Checkin{}
	for _, x := range c {
		byUser[x.Entry.UserID] = x
	}
	if byUser["a"].Strikes != 1 || byUser["a"].Dropped || byUser["b"].Strikes != 0 {
		t.Fatalf("second check-ins: %+v", c)
	}
	advance(time.Hour)
	c, _ = s.Availability.RunCheckins(ctx, s.Now(), shard.Set{})
	byUser = map[string]Checkin{}
	for _, x := range c {
		byUser[x.Entry.UserID] = x
	}
	if !byUser["a"].Dropped || byUser["b"].Strikes != 1 || byUser["b"].Dropped {
		t.Fatalf("third check-ins: %+v", c)
	}
	if e, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "a"); e != nil {
		t.Fatal("a was not dropped from the queue")
	}
	if e, _, _, _ := s.Interviews.QueueEntry(ctx, "g", "b"); e == nil {
		t.Fatal("b, who answered, was dropped")
	}
}
