package suggest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/feature/suggest"
	"github.com/prepcord/prepcord/store"
)

// TestReviewButtonsLeaveAuditLines: Approve, Edit (the saved form) and
// Reject on a review post each leave an audit line (source "discord", by
// the moderator), as the dashboard's decisions do.
func TestReviewButtonsLeaveAuditLines(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	rev := setupReview(h)
	send := func(title string) {
		h.RunForm("alice", "/suggest", "s1/suggest", map[string]string{suggest.InTitle: title, suggest.InCompany: "Acme / swe",
			suggest.InCategory: "System Design / medium", suggest.InPrompt: "Design " + strings.ToLower(title) + " for a busy service."})
	}
	send("A rate limiter for logins")
	one := lastMessage(h, rev.ID)
	send("A queue that never loses jobs")
	two := lastMessage(h, rev.ID)
	form := h.ClickForm("owner", one, "Edit")
	form[suggest.InTitle] = "A rate limiter for login attempts"
	h.Submit("owner", "s1/edit/1", form)
	approved, _ := h.Click("owner", h.Srv.Message(one.ID), "Approve")
	h.Click("owner", two, "Reject")
	sg, err := h.Store.Suggestions.Get(h.Ctx, h.Srv.DefaultGuild().ID, 1)
	if err != nil || sg.Status != store.SuggestionApproved {
		t.Fatalf("approved: %+v %v (%s)", sg, err, bottest.Text(approved))
	}
	lines, err := h.Store.Audit.Log(h.Ctx, h.Srv.DefaultGuild().ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.Source != store.AuditDiscord || l.UserID != h.Srv.User("owner").ID {
			t.Errorf("audit line %+v: want source discord, by the owner", l)
		}
		if l.Action != "bank.review" {
			got = append(got, l.Action+": "+l.Detail)
		}
	}
	want := []string{
		`suggestion.edit: suggestion #1 "A rate limiter for login attempts" edited`,
		fmt.Sprintf(`suggestion.approve: suggestion #1 "A rate limiter for login attempts" approved as question %s`, sg.QuestionID),
		`suggestion.reject: suggestion #2 "A queue that never loses jobs" rejected`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
