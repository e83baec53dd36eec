package plan_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/store"
)

// itemLabels returns the labels of m's checklist buttons (numbered new
// questions).
func itemLabels(m *discordgo.Message) []string {
	var out []string
	for _, l := range bottest.Labels(m) {
		if len(l) > 2 && l[0] >= '1' && l[0] <= '9' && strings.Contains(l[:3], ".") {
			out = append(out, l)
		}
	}
	return out
}

// A plan 21 days out covers the company's categories and ends on the
// interview date; its checklist opens questions with their Solution and
// ratings, and a rating ticks the question off.
func TestPlanStartChecklistAndProgress(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("alice", "/plan start company:tiktok role:swe date:21d")
	text := bottest.Text(m)
	if !bottest.IsEphemeral(m) || !strings.Contains(text, "Your plan to **TikTok**") || !strings.Contains(text, "2026-12-20") ||
		!strings.Contains(text, "22 days left, today included") {
		t.Fatalf("/plan start: %s", text)
	}
	guild := h.Srv.DefaultGuild().ID
	alice := h.Srv.AddUser("alice").ID
	p, err := h.Store.Plans.Active(h.Ctx, guild, alice)
	if err != nil || p == nil || p.InterviewDate != "2026-12-20" || p.StartDate != "2026-11-29" {
		t.Fatalf("plan %+v, %v", p, err)
	}
	items, err := h.Store.Plans.Items(h.Ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	// Every category of TikTok's questions has questions in the plan.
	shares, err := h.Store.Questions.Values(h.Ctx, "category", store.Filter{Scope: guild, Company: "TikTok"})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, it := range items {
		per[it.Category]++
	}
	// (those with questions for the role: the bank has no Software
	// Engineer questions of Product Sense, for example)
	forRole, err := h.Store.Questions.Values(h.Ctx, "category", store.Filter{Scope: guild, Role: "swe"})
	if err != nil {
		t.Fatal(err)
	}
	hasRole := map[string]bool{}
	for _, v := range forRole {
		hasRole[v.Name] = true
	}
	for _, sh := range shares {
		if hasRole[sh.Name] && per[sh.Name] == 0 {
			t.Errorf("no %s question in the plan (%v)", sh.Name, per)
		}
	}
	if len(per) > len(shares) {
		t.Errorf("the plan has categories TikTok's questions do not: %v", per)
	}
	labels := itemLabels(m)
	if len(labels) == 0 || len(labels) > 3 || !strings.Contains(text, "new question") {
		t.Fatalf("today's checklist %v: %s", labels, text)
	}
	// Open the first, its Solution, rate it: done.
	q, _ := h.Click("alice", m, labels[0])
	if !bottest.IsEphemeral(q) || bottest.FooterID(q) == "" {
		t.Fatalf("item: %s", bottest.Text(q))
	}
	_, in := h.Click("alice", q, "Solution")
	msgs := in.Messages()
	sol := msgs[len(msgs)-1]
	var good string
	for _, l := range bottest.Labels(sol) {
		if strings.HasPrefix(l, "Good") {
			good = l
		}
	}
	if good == "" {
		t.Fatalf("no rating under the Solution: %v", bottest.Labels(sol))
	}
	h.Click("alice", sol, good)
	st := h.Run("alice", "/plan status")
	if !strings.Contains(bottest.Field(st, "Done"), "1 of ") || !strings.Contains(bottest.Text(st), "✅ 1.") {
		t.Fatalf("status after one rating: %s", bottest.Text(st))
	}
	// Bob has no plan and sees none of alice's.
	if b := h.Run("bob", "/plan status"); !strings.Contains(b.Content, "You have no plan") || strings.Contains(bottest.Text(b), "2026-12-20") {
		t.Fatalf("bob: %s", bottest.Text(b))
	}
	// A second plan is refused; stop asks first, then ends it.
	if again := h.Run("alice", "/plan start company:tiktok role:swe date:3w"); !strings.Contains(bottest.Text(again), "already have a plan") {
		t.Fatalf("second plan: %s", bottest.Text(again))
	}
	ask := h.Run("alice", "/plan stop")
	if kept, _ := h.Click("alice", ask, "Keep it"); !strings.Contains(kept.Content, "goes on") {
		t.Fatalf("keep: %s", kept.Content)
	}
	if p, _ := h.Store.Plans.Active(h.Ctx, guild, alice); p == nil {
		t.Fatal("Keep it ended the plan")
	}
	ask = h.Run("alice", "/plan stop")
	if done, _ := h.Click("alice", ask, "End the plan"); !strings.Contains(done.Content, "Plan ended") {
		t.Fatalf("stop: %s", done.Content)
	}
	if p, _ := h.Store.Plans.Active(h.Ctx, guild, alice); p != nil {
		t.Fatal("plan still active after stop")
	}
	// The interview date passed: status ends the plan.
	h.Run("alice", "/plan start company:tiktok role:swe date:tomorrow")
	h.Clock.Advance(3 * 24 * time.Hour)
	if m := h.Run("alice", "/plan status"); !strings.Contains(m.Content, "has passed") {
		t.Fatalf("after the interview: %s", bottest.Text(m))
	}
}

// Hostile dates and names get a clear error and create nothing.
func TestPlanStartRefusesBadInput(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	tests := []struct{ line, want string }{
		{"/plan start company:tiktok role:swe date:2026-11-01", "in the past"},
		{"/plan start company:tiktok role:swe date:today", "after today"},
		{"/plan start company:tiktok role:swe date:2026-11-29", "is today"},
		{"/plan start company:tiktok role:swe date:2028-01-01", "more than a year away"},
		{"/plan start company:tiktok role:swe date:9999d", "more than a year away"},
		{"/plan start company:tiktok role:swe date:soon-ish", "could not read"},
		{"/plan start company:tiktok role:swe date:2026-02-30", "could not read"},
		{"/plan start company:tiktok role:swe date:0d", "after today"},
		{"/plan start company:tikttok role:swe date:21d", "Did you mean"},
		{"/plan start company:tiktok role:Astronaut date:21d", "No role called"},
		{"/plan start company:" + strings.Repeat("x", 120) + " role:swe date:21d", "too long"},
		{"/plan remind time:25:99 timezone:Europe/London", "time"},
		{"/plan remind time:08:00 timezone:Mars/Olympus", "Mars/Olympus"},
		{"/plan remind time:08:00 timezone:Europe/London", "start one with `/plan start` first"},
	}
	for _, tt := range tests {
		m := h.Run("alice", tt.line)
		if !bottest.IsEphemeral(m) || !strings.Contains(bottest.Text(m), tt.want) {
			t.Errorf("%s: %s (want %q)", tt.line, bottest.Text(m), tt.want)
		}
	}
	alice := h.Srv.AddUser("alice").ID
	if ps, err := h.Store.Plans.ActiveOf(h.Ctx, alice); err != nil || len(ps) != 0 {
		t.Fatalf("plans after refusals: %+v %v", ps, err)
	}
	if r, err := h.Store.Plans.Reminder(h.Ctx, alice); err != nil || r != nil {
		t.Fatalf("reminder after refusals: %+v %v", r, err)
	}
}
