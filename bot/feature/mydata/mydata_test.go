package mydata_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
)

// exportOf runs /mydata export as user and decodes the file.
func exportOf(t *testing.T, h *bottest.Harness, user, channel string) map[string][]map[string]any {
	t.Helper()
	var m *discordgo.Message
	if channel == "" {
		m = h.Run(user, "/mydata export")
	} else {
		m = h.RunIn(user, channel, "/mydata export")
	}
	if !bottest.IsEphemeral(m) || len(m.Attachments) != 1 || m.Attachments[0].Filename != "prepcord-mydata.json" {
		t.Fatalf("export: %s %+v", bottest.Text(m), m.Attachments)
	}
	resp, err := http.Get(m.Attachments[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		UserID string                      `json:"user_id"`
		Data   map[string][]map[string]any `json:"data"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("export is not JSON: %v\n%s", err, raw)
	}
	if out.UserID != h.Srv.AddUser(user).ID {
		t.Fatalf("export of %s names %s", user, out.UserID)
	}
	return out.Data
}

// practise gives user history, a rating, a plan and reminders.
func practise(t *testing.T, h *bottest.Harness, user string) {
	t.Helper()
	q := h.Run(user, "/question company:tiktok")
	_, in := h.Click(user, q, "Solution")
	msgs := in.Messages()
	sol := msgs[len(msgs)-1]
	for _, l := range bottest.Labels(sol) {
		if strings.HasPrefix(l, "Good") {
			h.Click(user, sol, l)
		}
	}
	h.Run(user, "/plan start company:tiktok role:swe date:3w")
	h.Run(user, "/plan remind time:09:00 timezone:Europe/London")
}

func TestMyDataExportThenForget(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	practise(t, h, "alice")
	practise(t, h, "bob")
	data := exportOf(t, h, "alice", "")
	for _, part := range []string{"questions_seen", "questions_seen_by_server", "review_cards", "plans", "plan_items", "plan_reminders"} {
		if len(data[part]) == 0 {
			t.Errorf("export has no %s: %v", part, data[part])
		}
	}
	if _, ok := data["mock_feedback_given"]; !ok {
		t.Error("export leaves out feedback given (even empty, each part is listed)")
	}
	// In a DM too.
	if dm := exportOf(t, h, "alice", "dm"); len(dm["review_cards"]) != 1 {
		t.Fatalf("export in a DM: %v", dm["review_cards"])
	}
	bobBefore := exportOf(t, h, "bob", "")
	ask := h.Run("alice", "/mydata forget")
	if !strings.Contains(ask.Content, "cannot be undone") {
		t.Fatalf("forget asks: %s", ask.Content)
	}
	if no, _ := h.Click("alice", ask, "Cancel"); !strings.Contains(no.Content, "Nothing was deleted") {
		t.Fatalf("cancel: %s", no.Content)
	}
	if len(exportOf(t, h, "alice", "")["review_cards"]) != 1 {
		t.Fatal("cancel deleted data")
	}
	ask = h.Run("alice", "/mydata forget")
	if done, _ := h.Click("alice", ask, "Delete my data"); !strings.Contains(done.Content, "Done:") {
		t.Fatalf("forget: %s", done.Content)
	}
	for part, rows := range exportOf(t, h, "alice", "") {
		if len(rows) > 0 {
			t.Errorf("after forget alice still has %s: %v", part, rows)
		}
	}
	bobAfter := exportOf(t, h, "bob", "")
	for part, rows := range bobBefore {
		if len(bobAfter[part]) != len(rows) {
			t.Errorf("bob's %s: %d rows, then %d", part, len(rows), len(bobAfter[part]))
		}
	}
	if m := h.Run("bob", "/plan status"); !strings.Contains(bottest.Text(m), "Plan: TikTok") {
		t.Fatalf("bob's plan after alice forgot: %s", bottest.Text(m))
	}
}
