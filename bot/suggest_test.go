package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
)

// setupReview makes a #reviews channel and sets it as the review channel,
// as the guild's owner.
func setupReview(t *testing.T, h *harness) *discordgo.Channel {
	t.Helper()
	g := h.srv.DefaultGuild()
	ch, err := h.srv.AddChannel(g.ID, "reviews", discordgo.ChannelTypeGuildText, "")
	if err != nil {
		t.Fatal(err)
	}
	m := h.run("owner", "/bank review channel:#reviews")
	if !strings.Contains(m.Content, ch.ID) {
		t.Fatalf("review setup: %s", text(m))
	}
	return ch
}

// suggest opens the modal as user and submits it.
func suggest(t *testing.T, h *harness, user string, values map[string]string) *discordgo.Message {
	t.Helper()
	in, err := h.srv.Command(h.ctx, user, "", "/suggest")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseModal {
		m, _ := in.WaitMessage(h.ctx)
		return m
	}
	sub, err := h.srv.SubmitModal(h.ctx, user, "s1/suggest", values)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sub.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// waitDM waits for the bot to send a DM containing want.
func waitDM(t *testing.T, h *harness, want string) {
	t.Helper()
	err := h.srv.WaitFor(h.ctx, func() bool {
		if len(h.srv.RequestsTo("POST /users/@me/channels")) == 0 {
			return false
		}
		for _, r := range h.srv.RequestsTo("POST /channels/{id}/messages") {
			if strings.Contains(string(r.JSON), want) {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no DM containing %q: %v", want, err)
	}
}

func lastMessage(h *harness, channelID string) *discordgo.Message {
	ms := h.srv.Messages(channelID)
	if len(ms) == 0 {
		return nil
	}
	return ms[len(ms)-1]
}

func TestSuggestionFromModalToApprovalToQuestion(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	// Without a review channel, /suggest says what an admin must do.
	if m := suggest(t, h, "alice", nil); !isEphemeral(m) || !strings.Contains(text(m), "/bank review") {
		t.Fatalf("no review channel: %s", text(m))
	}
	rev := setupReview(t, h)
	m := suggest(t, h, "alice", map[string]string{
		inTitle: "Zeppelin ledger reconciliation", inCompany: "tik tok / swe", inCategory: "System Design / hard",
		inPrompt: "Design a ledger that reconciles zeppelin payments across regions.", inAnswer: "Double-entry, idempotency keys.",
	})
	if !isEphemeral(m) || !strings.Contains(m.Content, "#1") {
		t.Fatalf("submit reply: %s", text(m))
	}
	review := lastMessage(h, rev.ID)
	if review == nil || !strings.Contains(text(review), "Zeppelin ledger") || strings.Join(labels(review), ",") != "Approve,Edit,Reject" {
		t.Fatalf("review message: %v", review)
	}
	if field(review, "Company") != "TikTok" || field(review, "Difficulty") != difficultyLabel("hard") {
		t.Fatalf("not normalised: %s", text(review))
	}
	// A member without Manage Server cannot approve.
	r, _ := h.click("bob", review, "Approve")
	if !IsErrorMessage(r) || !strings.Contains(text(r), "Manage Server") {
		t.Fatalf("non-admin approve: %s", text(r))
	}
	if m := h.run("alice", "/question search:zeppelin"); !IsErrorMessage(m) {
		t.Fatalf("pending suggestion already served: %s", text(m))
	}
	// The owner approves.
	upd, _ := h.click("owner", review, "Approve")
	if len(labels(upd)) != 0 || !strings.Contains(text(upd), "Approved by") {
		t.Fatalf("after approval: %s %v", text(upd), labels(upd))
	}
	// The author is told by DM.
	waitDM(t, h, "was approved")
	q := h.run("alice", "/question search:zeppelin")
	if field(q, "Company") != "TikTok" || !strings.Contains(q.Embeds[0].Footer.Text, "suggested") {
		t.Fatalf("approved question: %s", text(q))
	}
	// Absent in another server.
	g2 := h.srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	in, err := h.srv.Slash(h.ctx, discordtest.Slash{Guild: g2.ID, User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "search", Value: "zeppelin"}}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := in.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !IsErrorMessage(other) {
		t.Fatalf("visible in another server: %s", text(other))
	}
}

func TestSuggestionEditRejectAndLimit(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	rev := setupReview(t, h)
	vals := func(title string) map[string]string {
		return map[string]string{inTitle: title, inCompany: "Acme", inCategory: "SQL", inPrompt: "Write a query.", inAnswer: ""}
	}
	m := suggest(t, h, "carol", vals("Query one"))
	if !strings.Contains(m.Content, "medium") {
		t.Fatalf("missing difficulty not explained: %s", m.Content)
	}
	review := lastMessage(h, rev.ID)
	in, err := h.srv.ClickLabel(h.ctx, "owner", review, "Edit")
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := in.Wait(h.ctx); err != nil || resp.Type != discordgo.InteractionResponseModal {
		t.Fatalf("edit did not open a modal: %v", err)
	}
	_, _, fields, _ := h.srv.Modal("owner")
	if len(fields) != 5 || fields[0].Value != "Query one" || fields[2].Value != "SQL & Data / medium" {
		t.Fatalf("edit form not prefilled: %+v", fields)
	}
	sub, err := h.srv.SubmitModal(h.ctx, "owner", "s1/edit/1", map[string]string{inTitle: "Query one, clarified",
		inCompany: "Acme / data scientist", inCategory: "SQL & Data / easy", inPrompt: "Write a window query.", inAnswer: "Use ROW_NUMBER."})
	if err != nil {
		t.Fatal(err)
	}
	edited, err := sub.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text(edited), "Query one, clarified") || field(edited, "Role") != "Data Scientist" || len(labels(edited)) != 3 {
		t.Fatalf("edited: %s", text(edited))
	}
	rej, _ := h.click("owner", lastMessage(h, rev.ID), "Reject")
	if len(labels(rej)) != 0 || !strings.Contains(text(rej), "Rejected") {
		t.Fatalf("rejected: %s", text(rej))
	}
	waitDM(t, h, "was not added")
	// The default limit of 5 pending suggestions per member.
	for i := 0; i < 5; i++ {
		suggest(t, h, "carol", vals("More "+strings.Repeat("x", i+1)))
	}
	if m := suggest(t, h, "carol", vals("Too many")); !IsErrorMessage(m) || !strings.Contains(text(m), "limit is 5") {
		t.Fatalf("sixth pending suggestion: %s", text(m))
	}
	list := h.run("owner", "/bank review")
	if !strings.Contains(list.Embeds[0].Title, "5") || !strings.Contains(text(list), "may have 5 suggestions") {
		t.Fatalf("pending list: %s", text(list))
	}
	// Admins raise the limit: one more fits, then it holds again.
	if m := h.run("owner", "/bank review limit:6"); IsErrorMessage(m) || !strings.Contains(text(m), "6 suggestions awaiting review") {
		t.Fatalf("limit:6: %s", text(m))
	}
	if m := suggest(t, h, "carol", vals("Sixth fits now")); IsErrorMessage(m) {
		t.Fatalf("sixth suggestion under limit 6: %s", text(m))
	}
	if m := suggest(t, h, "carol", vals("Seventh")); !IsErrorMessage(m) || !strings.Contains(text(m), "limit is 6") {
		t.Fatalf("seventh pending suggestion: %s", text(m))
	}
	// A limit outside 1-100 is refused by Discord's min and max; a member
	// without Manage Server cannot change it.
	if m := h.run("carol", "/bank review limit:50"); !IsErrorMessage(m) {
		t.Fatalf("member changed the limit: %s", text(m))
	}
	if st, _ := h.store.BankSettings(h.ctx, h.srv.DefaultGuild().ID); st.PendingLimit != 6 {
		t.Fatalf("limit %d after a member's attempt", st.PendingLimit)
	}
}

// hostileTitle and hostileCompany are what issue 12 suggested: a mention,
// a role tag, bold and an SQL injection attempt.
const (
	hostileTitle   = "@everyone <@&123> **bold** 🚀 '; DROP TABLE questions;--"
	hostileCompany = "<@&123>"
)

// drawsMemberMarkup reports what Discord would draw from member-written
// text in rendered markdown s: the role tag, @everyone, or the bold of
// "**bold**". It is written apart from the bot's escape, so it checks it.
func drawsMemberMarkup(s string) string {
	switch {
	case strings.Contains(s, "<@&123>"):
		return "the role tag <@&123>"
	case strings.Contains(s, "@everyone") && !strings.Contains(s, "@\u200beveryone"):
		return "@everyone"
	case strings.Contains(s, "**bold**"):
		return "bold text"
	}
	return ""
}

// shown returns what a reader sees of escaped text: backslash escapes and
// zero-width spaces removed.
func shown(s string) string {
	var b strings.Builder
	esc := false
	for _, r := range s {
		switch {
		case esc:
			b.WriteRune(r)
			esc = false
		case r == '\\':
			esc = true
		case r == '\u200b':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSuggestedTextIsEscapedEverywhereItIsShown(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	rev := setupReview(t, h)
	m := suggest(t, h, "alice", map[string]string{inTitle: hostileTitle, inCompany: hostileCompany,
		inCategory: "System Design / hard", inPrompt: "Design a queue for <@&123> and @everyone.", inAnswer: "Ask <@&123>."})
	if IsErrorMessage(m) {
		t.Fatalf("suggestion refused: %s", text(m))
	}
	check := func(place, rendered string) {
		t.Helper()
		if d := drawsMemberMarkup(rendered); d != "" {
			t.Errorf("%s: Discord would draw %s:\n%s", place, d, rendered)
		}
	}
	review := lastMessage(h, rev.ID)
	check("review post", text(review)+"\n"+review.Embeds[1].Description)
	if got := shown(review.Embeds[0].Title); !strings.Contains(got, hostileTitle) {
		t.Errorf("review title does not read as typed: %q", got)
	}
	if got := shown(field(review, "Company")); got != hostileCompany {
		t.Errorf("review company reads %q", got)
	}
	upd, _ := h.click("owner", review, "Approve")
	check("approved review post", text(upd))
	waitDM(t, h, "was approved")
	var dm string
	for _, r := range h.srv.RequestsTo("POST /channels/{id}/messages") {
		if strings.Contains(string(r.JSON), "was approved") {
			var msg discordgo.Message
			if err := json.Unmarshal(r.JSON, &msg); err != nil {
				t.Fatal(err)
			}
			dm = msg.Content
		}
	}
	check("author's DM", dm)
	if n := strings.Count(strings.ReplaceAll(dm, `\*`, ""), "**"); n != 4 { // the title's and the server's bold
		t.Errorf("DM bold is unbalanced (%d markers): %s", n, dm)
	}
	if !strings.Contains(shown(dm), hostileTitle) {
		t.Errorf("DM does not show the title as typed: %s", dm)
	}
	q := h.run("bob", `/question search:"bold DROP TABLE"`)
	check("/question", text(q))
	if shown(field(q, "Company")) != hostileCompany || !strings.Contains(shown(q.Embeds[0].Title), hostileTitle) {
		t.Errorf("/question does not show the text as typed: %s", text(q))
	}
	list := h.run("bob", `/questions search:"bold DROP TABLE"`)
	check("/questions", text(list))
	if !strings.Contains(shown(list.Embeds[0].Description), "· "+hostileCompany+" ·") {
		t.Errorf("/questions does not show the company as typed: %s", text(list))
	}
	stats := h.run("owner", "/bank stats")
	check("/bank stats", text(stats))
}
