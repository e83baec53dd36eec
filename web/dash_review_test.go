package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/store"
	"github.com/prepcord/prepcord/web"
)

// harnessSite is the web companion beside a running prepcord (the
// harness: connected to the loopback Discord, members type commands and
// press buttons), over the same database, with the capabilities
// cmd/prepcord wires. Its server is the harness's default one.
func harnessSite(t *testing.T) (*bottest.Harness, *site) {
	t.Helper()
	h := bottest.New(t, bottest.Options{})
	s := &site{t: t, st: h.Store, dc: h.Srv, alpha: h.Srv.DefaultGuild().ID, now: h.Clock.Now()}
	dg, err := discordhttp.NewSession(h.Srv.Token(), h.Srv.APIURL(), bot.Intents)
	if err != nil {
		t.Fatal(err)
	}
	s.ts = httptest.NewUnstartedServer(nil)
	s.serve(web.Config{Bot: dg, BotUserID: h.Srv.BotUser().ID, Store: h.Store, PublicURL: "http://" + s.ts.Listener.Addr().String(),
		APIURL: h.Srv.APIURL(), ClientID: h.Srv.ApplicationID(), ClientSecret: h.Srv.ClientSecret(), Now: s.clock,
		Rounds: bot.Capability[bot.RoundsKeeper](h.Bot), ReviewPosts: bot.Capability[bot.ReviewPoster](h.Bot)})
	return h, s
}

// reviewPost has a member suggest title with /suggest and returns the
// suggestion and its review post.
func reviewPost(t *testing.T, h *bottest.Harness, review *discordgo.Channel, title string) (*store.Suggestion, *discordgo.Message) {
	t.Helper()
	h.RunForm("alice", "/suggest", "s1/suggest", map[string]string{"title": title, "company_role": "Alphacorp / swe",
		"category_difficulty": "System Design / medium", "prompt": "Design " + strings.ToLower(title) + " for a busy service."})
	msgs := h.Srv.Messages(review.ID)
	if len(msgs) == 0 {
		t.Fatal("no review post")
	}
	post := msgs[len(msgs)-1]
	pending, _, err := h.Store.Suggestions.Pending(h.Ctx, h.Srv.DefaultGuild().ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, sg := range pending {
		if sg.ReviewMessageID == post.ID {
			return sg, post
		}
	}
	t.Fatalf("no pending suggestion has the post %s", post.ID)
	return nil, nil
}

// TestWebDecisionEditsTheReviewPost: approving (as edited) or rejecting a
// suggestion on the web edits its review post in Discord as the buttons
// do: the outcome, who decided, no buttons left; the old buttons, pressed
// in a client that still shows them, answer that it was already decided.
func TestWebDecisionEditsTheReviewPost(t *testing.T) {
	h, s := harnessSite(t)
	review := h.SetupChannel("reviews", "/bank review channel:#reviews")
	one, onePost := reviewPost(t, h, review, "A rate limiter for logins")
	two, twoPost := reviewPost(t, h, review, "A queue that never loses jobs")
	if len(bottest.Labels(onePost)) != 3 {
		t.Fatalf("the review post has no buttons: %v", bottest.Labels(onePost))
	}
	boss := s.member("boss", s.alpha)
	b := s.browser()
	b.login("boss")
	path := "/s/" + s.alpha + "/admin/suggestions"
	if status, body := b.post(path+"/approve", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(one.ID)}, "title": {"A rate limiter for login attempts"},
		"company": {"Alphacorp"}, "category": {"System Design"}, "difficulty": {"hard"}, "roles": {"swe"},
		"prompt": {"Design a rate limiter for login attempts."}}); status != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", status, body)
	}
	sg, err := s.st.Suggestions.Get(context.Background(), s.alpha, one.ID)
	if err != nil || sg.Status != store.SuggestionApproved {
		t.Fatalf("approved: %+v %v", sg, err)
	}
	edited := h.Srv.Message(onePost.ID)
	if got := bottest.Field(edited, "Outcome"); got != fmt.Sprintf("✅ Approved by <@%s>: now question `%s` of this server.", boss, sg.QuestionID) {
		t.Fatalf("the review post's outcome: %q", got)
	}
	if len(bottest.Labels(edited)) != 0 || !strings.Contains(edited.Embeds[0].Title, "login attempts") || edited.Embeds[0].Footer.Text != "Status: approved" {
		t.Fatalf("the edited review post: %+v", edited.Embeds[0])
	}
	if status, _ := b.post(path+"/reject", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(two.ID)}, "reason": {"We have one"}}); status != http.StatusSeeOther {
		t.Fatalf("reject: %d", status)
	}
	edited = h.Srv.Message(twoPost.ID)
	if got := bottest.Field(edited, "Outcome"); got != fmt.Sprintf("❌ Rejected by <@%s>.", boss) || len(bottest.Labels(edited)) != 0 {
		t.Fatalf("the rejected review post: %q %v", got, bottest.Labels(edited))
	}
	// The old buttons, pressed in a client that still shows them (Discord
	// itself no longer offers them: the interaction is forged).
	for _, c := range []struct {
		post  *discordgo.Message
		label string
	}{{onePost, "Approve"}, {onePost, "Reject"}, {onePost, "Edit"}, {twoPost, "Approve"}, {twoPost, "Reject"}} {
		answer := h.Forge(map[string]any{"type": int(discordgo.InteractionMessageComponent), "guild_id": s.alpha,
			"member": h.Member("owner", bottest.PermsAdmin), "channel_id": review.ID,
			"data": map[string]any{"custom_id": buttonID(t, c.post, c.label), "component_type": int(discordgo.ButtonComponent)}})
		if !strings.Contains(answer, "was already") {
			t.Errorf("%s on a decided suggestion: %s", c.label, answer)
		}
	}
	if sg, _ := s.st.Suggestions.Get(context.Background(), s.alpha, two.ID); sg.Status != store.SuggestionRejected {
		t.Fatalf("the rejected suggestion changed: %+v", sg)
	}
}

// buttonID is the custom id of the button labelled label on m.
func buttonID(t *testing.T, m *discordgo.Message, label string) string {
	t.Helper()
	for _, row := range m.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range r.Components {
				if b, ok := c.(*discordgo.Button); ok && b.Label == label {
					return b.CustomID
				}
			}
		}
	}
	t.Fatalf("no button %q on the message", label)
	return ""
}
