package suggest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/suggest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// setupReview makes a #reviews channel the review channel, as the
// server's owner.
func setupReview(h *bottest.Harness) *discordgo.Channel {
	return h.SetupChannel("reviews", "/bank review channel:#reviews")
}

// waitDM waits for the bot to send a DM containing want.
func waitDM(t *testing.T, h *bottest.Harness, want string) {
	t.Helper()
	err := h.Srv.WaitFor(h.Ctx, func() bool {
		if len(h.Srv.RequestsTo("POST /users/@me/channels")) == 0 {
			return false
		}
		for _, r := range h.Srv.RequestsTo("POST /channels/{id}/messages") {
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

func lastMessage(h *bottest.Harness, channelID string) *discordgo.Message {
	ms := h.Srv.Messages(channelID)
	if len(ms) == 0 {
		return nil
	}
	return ms[len(ms)-1]
}

func TestSuggestionFromModalToApprovalToQuestion(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	// Without a review channel, /suggest says what an admin must do.
	if m := h.RunForm("alice", "/suggest", "s1/suggest", nil); !bottest.IsEphemeral(m) || !strings.Contains(bottest.Text(m), "/bank review") {
		t.Fatalf("no review channel: %s", bottest.Text(m))
	}
	rev := setupReview(h)
	m := h.RunForm("alice", "/suggest", "s1/suggest", map[string]string{
		suggest.InTitle: "Zeppelin ledger reconciliation", suggest.InCompany: "tik tok / swe", suggest.InCategory: "System Design / hard",
		suggest.InPrompt: "Design a ledger that reconciles zeppelin payments across regions.", suggest.InAnswer: "Double-entry, idempotency keys.",
	})
	if !bottest.IsEphemeral(m) || !strings.Contains(m.Content, "#1") {
		t.Fatalf("submit reply: %s", bottest.Text(m))
	}
	review := lastMessage(h, rev.ID)
	if review == nil || !strings.Contains(bottest.Text(review), "Zeppelin ledger") || strings.Join(bottest.Labels(review), ",") != "Approve,Edit,Reject" {
		t.Fatalf("review message: %v", review)
	}
	if bottest.Field(review, "Company") != "TikTok" || bottest.Field(review, "Difficulty") != bot.DifficultyLabel("hard") {
		t.Fatalf("not normalised: %s", bottest.Text(review))
	}
	// A member without Manage Server cannot approve.
	r, _ := h.Click("bob", review, "Approve")
	if !bot.IsErrorMessage(r) || !strings.Contains(bottest.Text(r), "Manage Server") {
		t.Fatalf("non-admin approve: %s", bottest.Text(r))
	}
	if m := h.Run("alice", "/question search:zeppelin"); !bot.IsErrorMessage(m) {
		t.Fatalf("pending suggestion already served: %s", bottest.Text(m))
	}
	// The owner approves.
	upd, _ := h.Click("owner", review, "Approve")
	if len(bottest.Labels(upd)) != 0 || !strings.Contains(bottest.Text(upd), "Approved by") {
		t.Fatalf("after approval: %s %v", bottest.Text(upd), bottest.Labels(upd))
	}
	// The author is told by DM.
	waitDM(t, h, "was approved")
	q := h.Run("alice", "/question search:zeppelin")
	if bottest.Field(q, "Company") != "TikTok" || !strings.Contains(q.Embeds[0].Footer.Text, "suggested") {
		t.Fatalf("approved question: %s", bottest.Text(q))
	}
	// Absent in another server.
	g2 := h.Srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: g2.ID, User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "search", Value: "zeppelin"}}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := in.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bot.IsErrorMessage(other) {
		t.Fatalf("visible in another server: %s", bottest.Text(other))
	}
}

func TestSuggestionEditRejectAndLimit(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	rev := setupReview(h)
	vals := func(title string) map[string]string {
		return map[string]string{suggest.InTitle: title, suggest.InCompany: "Acme", suggest.InCategory: "SQL", suggest.InPrompt: "Write a query.", suggest.InAnswer: ""}
	}
	m := h.RunForm("carol", "/suggest", "s1/suggest", vals("Query one"))
	if !strings.Contains(m.Content, "medium") {
		t.Fatalf("missing difficulty not explained: %s", m.Content)
	}
	review := lastMessage(h, rev.ID)
	in, err := h.Srv.ClickLabel(h.Ctx, "owner", review, "Edit")
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := in.Wait(h.Ctx); err != nil || resp.Type != discordgo.InteractionResponseModal {
		t.Fatalf("edit did not open a modal: %v", err)
	}
	_, _, fields, _ := h.Srv.Modal("owner")
	if len(fields) != 5 || fields[0].Value != "Query one" || fields[2].Value != "SQL & Data / medium" {
		t.Fatalf("edit form not prefilled: %+v", fields)
	}
	sub, err := h.Srv.SubmitModal(h.Ctx, "owner", "s1/edit/1", map[string]string{suggest.InTitle: "Query one, clarified",
		suggest.InCompany: "Acme / data scientist", suggest.InCategory: "SQL & Data / easy", suggest.InPrompt: "Write a window query.", suggest.InAnswer: "Use ROW_NUMBER."})
	if err != nil {
		t.Fatal(err)
	}
	edited, err := sub.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(bottest.Text(edited), "Query one, clarified") || bottest.Field(edited, "Role") != "Data Scientist" || len(bottest.Labels(edited)) != 3 {
		t.Fatalf("edited: %s", bottest.Text(edited))
	}
	rej, _ := h.Click("owner", lastMessage(h, rev.ID), "Reject")
	if len(bottest.Labels(rej)) != 0 || !strings.Contains(bottest.Text(rej), "Rejected") {
		t.Fatalf("rejected: %s", bottest.Text(rej))
	}
	waitDM(t, h, "was not added")
	// The default limit of 5 pending suggestions per member.
	for i := 0; i < 5; i++ {
		h.RunForm("carol", "/suggest", "s1/suggest", vals("More "+strings.Repeat("x", i+1)))
	}
	if m := h.RunForm("carol", "/suggest", "s1/suggest", vals("Too many")); !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "limit is 5") {
		t.Fatalf("sixth pending suggestion: %s", bottest.Text(m))
	}
	list := h.Run("owner", "/bank review")
	if !strings.Contains(list.Embeds[0].Title, "5") || !strings.Contains(bottest.Text(list), "may have 5 suggestions") {
		t.Fatalf("pending list: %s", bottest.Text(list))
	}
	// Admins raise the limit: one more fits, then it holds again.
	if m := h.Run("owner", "/bank review limit:6"); bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "6 suggestions awaiting review") {
		t.Fatalf("limit:6: %s", bottest.Text(m))
	}
	if m := h.RunForm("carol", "/suggest", "s1/suggest", vals("Sixth fits now")); bot.IsErrorMessage(m) {
		t.Fatalf("sixth suggestion under limit 6: %s", bottest.Text(m))
	}
	if m := h.RunForm("carol", "/suggest", "s1/suggest", vals("Seventh")); !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "limit is 6") {
		t.Fatalf("seventh pending suggestion: %s", bottest.Text(m))
	}
	// A limit outside 1-100 is refused by Discord's min and max; a member
	// without Manage Server cannot change it.
	if m := h.Run("carol", "/bank review limit:50"); !bot.IsErrorMessage(m) {
		t.Fatalf("member changed the limit: %s", bottest.Text(m))
	}
	if st, _ := h.Store.Suggestions.Settings(h.Ctx, h.Srv.DefaultGuild().ID); st.PendingLimit != 6 {
		t.Fatalf("limit %d after a member's attempt", st.PendingLimit)
	}
}

// hostileCompany is a role tag, as issue 12 suggested for a company.
const hostileCompany = "<@&123>"

func TestSuggestedTextIsEscapedEverywhereItIsShown(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	rev := setupReview(h)
	m := h.RunForm("alice", "/suggest", "s1/suggest", map[string]string{suggest.InTitle: bottest.HostileText, suggest.InCompany: hostileCompany,
		suggest.InCategory: "System Design / hard", suggest.InPrompt: "Design a queue for <@&123> and @everyone.", suggest.InAnswer: "Ask <@&123>."})
	if bot.IsErrorMessage(m) {
		t.Fatalf("suggestion refused: %s", bottest.Text(m))
	}
	check := func(place, rendered string) {
		t.Helper()
		if d := bottest.DrawsMarkup(rendered); d != "" {
			t.Errorf("%s: Discord would draw %s:\n%s", place, d, rendered)
		}
	}
	review := lastMessage(h, rev.ID)
	check("review post", bottest.Text(review)+"\n"+review.Embeds[1].Description)
	if got := bottest.Shown(review.Embeds[0].Title); !strings.Contains(got, bottest.HostileText) {
		t.Errorf("review title does not read as typed: %q", got)
	}
	if got := bottest.Shown(bottest.Field(review, "Company")); got != hostileCompany {
		t.Errorf("review company reads %q", got)
	}
	upd, _ := h.Click("owner", review, "Approve")
	check("approved review post", bottest.Text(upd))
	waitDM(t, h, "was approved")
	var dm string
	for _, r := range h.Srv.RequestsTo("POST /channels/{id}/messages") {
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
	if !strings.Contains(bottest.Shown(dm), bottest.HostileText) {
		t.Errorf("DM does not show the title as typed: %s", dm)
	}
	q := h.Run("bob", `/question search:"bold DROP TABLE"`)
	check("/question", bottest.Text(q))
	if bottest.Shown(bottest.Field(q, "Company")) != hostileCompany || !strings.Contains(bottest.Shown(q.Embeds[0].Title), bottest.HostileText) {
		t.Errorf("/question does not show the text as typed: %s", bottest.Text(q))
	}
	list := h.Run("bob", `/questions search:"bold DROP TABLE"`)
	check("/questions", bottest.Text(list))
	if !strings.Contains(bottest.Shown(list.Embeds[0].Description), "· "+hostileCompany+" ·") {
		t.Errorf("/questions does not show the company as typed: %s", bottest.Text(list))
	}
	stats := h.Run("owner", "/bank stats")
	check("/bank stats", bottest.Text(stats))
}

func TestSuggestionIsCheckedLikeAnImportAndTheFormIsKept(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	rev := setupReview(h)
	typed := map[string]string{suggest.InTitle: "Cache for search results", suggest.InCompany: "Googel / swe",
		suggest.InCategory: "Algorithms / extreme", suggest.InPrompt: "Design a cache for search results.", suggest.InAnswer: "LRU with a TTL."}
	m := h.RunForm("alice", "/suggest", "s1/suggest", typed)
	got := bottest.Text(m)
	// Every problem at once: the unknown difficulty and the misspelt company.
	if !bot.IsErrorMessage(m) || !bottest.IsEphemeral(m) || !strings.Contains(got, "2 problems") ||
		!strings.Contains(got, `nknown difficulty "extreme": use easy, medium or hard`) || !strings.Contains(got, "Did you mean **Google**?") {
		t.Fatalf("refusal: %s", got)
	}
	// With a problem that only an edit fixes, the only way on is Edit.
	if l := strings.Join(bottest.Labels(m), ","); l != "Edit" {
		t.Fatalf("buttons %s", l)
	}
	if lastMessage(h, rev.ID) != nil {
		t.Fatal("a refused suggestion was posted for review")
	}
	if _, n, _ := h.Store.Suggestions.Pending(h.Ctx, h.Srv.DefaultGuild().ID, 10); n != 0 {
		t.Fatalf("%d suggestions stored", n)
	}
	// Edit reopens the form with everything as typed.
	form := h.ClickForm("alice", m, "Edit")
	for k, v := range typed {
		if form[k] != v {
			t.Fatalf("reopened form %s = %q, want %q", k, form[k], v)
		}
	}
	typed[suggest.InCategory] = "Algorithms / hard"
	m = h.Submit("alice", "s1/suggest", typed)
	if got := bottest.Text(m); !bot.IsErrorMessage(m) || !strings.Contains(got, "1 problem to fix") || !strings.Contains(got, "company **Googel**") {
		t.Fatalf("second refusal: %s", got)
	}
	if l := strings.Join(bottest.Labels(m), ","); l != `Edit,Use "Google",Keep "Googel"` {
		t.Fatalf("buttons %s", l)
	}
	// Use "Google" sends it with the bank's name.
	m, _ = h.Click("alice", m, `Use "Google"`)
	if bot.IsErrorMessage(m) || !strings.Contains(m.Content, "#1") {
		t.Fatalf("after Use: %s", bottest.Text(m))
	}
	review := lastMessage(h, rev.ID)
	if bottest.Field(review, "Company") != "Google" || bottest.Field(review, "Category") != "Coding & Algorithms" ||
		bottest.Field(review, "Difficulty") != bot.DifficultyLabel("hard") || bottest.Field(review, "Role") != "Software Engineer" {
		t.Fatalf("review post: %s", bottest.Text(review))
	}
	if _, err := h.Store.Suggestions.Draft(h.Ctx, h.Srv.DefaultGuild().ID, h.Srv.User("alice").ID, 0); err == nil {
		t.Fatal("the sent form is still kept")
	}

	// A new company close to a known one can be kept as written: the
	// moderators see it, and approving it asks them to confirm.
	m = h.RunForm("bob", "/suggest", "s1/suggest", map[string]string{suggest.InTitle: "Ride matching at scale", suggest.InCompany: "Snapp", suggest.InCategory: "System Design / hard",
		suggest.InPrompt: "Design ride matching for Snapp.", suggest.InAnswer: ""})
	if !strings.Contains(bottest.Text(m), "Did you mean **Snap**?") {
		t.Fatalf("Snapp: %s", bottest.Text(m))
	}
	m, _ = h.Click("bob", m, `Keep "Snapp"`)
	if bot.IsErrorMessage(m) || !strings.Contains(m.Content, "#2") {
		t.Fatalf("after Keep: %s", bottest.Text(m))
	}
	review = lastMessage(h, rev.ID)
	if bottest.Field(review, "Company") != "Snapp" || !strings.Contains(bottest.Field(review, "New to this server's bank"), "company **Snapp**, close to **Snap**") {
		t.Fatalf("review post of a kept name: %s", bottest.Text(review))
	}
	ask, _ := h.Click("owner", review, "Approve")
	if !bot.IsErrorMessage(ask) || !bottest.IsEphemeral(ask) || !strings.Contains(bottest.Text(ask), "cannot be approved as it is") ||
		strings.Join(bottest.Labels(ask), ",") != `Edit,Keep "Snapp"` {
		t.Fatalf("approving a near name: %s %v", bottest.Text(ask), bottest.Labels(ask))
	}
	if st := h.Srv.Message(review.ID); !strings.Contains(st.Embeds[0].Footer.Text, "pending") {
		t.Fatalf("review post changed before confirming: %s", st.Embeds[0].Footer.Text)
	}
	done, _ := h.Click("owner", ask, `Keep "Snapp"`)
	if bot.IsErrorMessage(done) || !strings.Contains(done.Content, "Approved") {
		t.Fatalf("approve as written: %s", bottest.Text(done))
	}
	if st := h.Srv.Message(review.ID); !strings.Contains(bottest.Text(st), "Approved by") || len(bottest.Labels(st)) != 0 {
		t.Fatalf("review post after approval: %s", bottest.Text(st))
	}
	st, err := h.Store.Questions.Stats(h.Ctx, h.Srv.DefaultGuild().ID)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, vs := range [][]store.ValueCount{st.Companies, st.Categories} {
		for _, v := range vs {
			names[v.Name] = v.Count
		}
	}
	if names["Googel"] != 0 || names["Algorithms / extreme"] != 0 || names["Snapp"] != 1 {
		t.Fatalf("bank names: %v", names)
	}
}

func TestARefusedSuggestionReopensWithSuggest(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	setupReview(h)
	typed := map[string]string{suggest.InTitle: "Rank the feed", suggest.InCompany: "TikTok / Machine Learning Engineer",
		suggest.InCategory: "ML System Design / impossible", suggest.InPrompt: "Rank the For You feed.", suggest.InAnswer: "Two towers, then a ranker."}
	if m := h.RunForm("carol", "/suggest", "s1/suggest", typed); !strings.Contains(bottest.Text(m), `"impossible"`) {
		t.Fatalf("refusal: %s", bottest.Text(m))
	}
	// The member dismissed the answer; /suggest opens the form as they left it.
	in, err := h.Srv.Command(h.Ctx, "carol", "", "/suggest")
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := in.Wait(h.Ctx); err != nil || resp.Type != discordgo.InteractionResponseModal {
		t.Fatalf("/suggest: %v", err)
	}
	_, _, fields, _ := h.Srv.Modal("carol")
	for _, f := range fields {
		if f.Value != typed[f.CustomID] {
			t.Fatalf("reopened %s = %q, want %q", f.CustomID, f.Value, typed[f.CustomID])
		}
	}
	// Someone else gets an empty form.
	in, err = h.Srv.Command(h.Ctx, "dave", "", "/suggest")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(h.Ctx); err != nil {
		t.Fatal(err)
	}
	_, _, fields, _ = h.Srv.Modal("dave")
	for _, f := range fields {
		if f.Value != "" {
			t.Fatalf("another member's form has %s = %q", f.CustomID, f.Value)
		}
	}
}

func TestApprovalAndEditCheckTheSuggestionAgain(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	rev := setupReview(h)
	guild := h.Srv.DefaultGuild().ID
	// A suggestion stored before suggestions were checked, as issue 12 found.
	old, err := h.Store.Suggestions.Add(h.Ctx, guild, h.Srv.AddUser("erin").ID, data.Question{Title: "Old one", Company: "Googel",
		Category: "Algorithms / extreme", Difficulty: "medium", Prompt: "Sort a list."})
	if err != nil {
		t.Fatal(err)
	}
	msg := suggest.ReviewPost(old)
	post, err := h.Bot.Session.ChannelMessageSendComplex(rev.ID, &discordgo.MessageSend{Embeds: msg.Embeds, Components: msg.Components})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Store.Suggestions.SetMessage(h.Ctx, guild, old.ID, rev.ID, post.ID); err != nil {
		t.Fatal(err)
	}
	ask, _ := h.Click("owner", post, "Approve")
	if got := bottest.Text(ask); !bot.IsErrorMessage(ask) || !strings.Contains(got, "cannot be approved") || !strings.Contains(got, `"Algorithms / extreme / medium"`) ||
		!strings.Contains(got, "**Google**") || strings.Join(bottest.Labels(ask), ",") != "Edit" {
		t.Fatalf("approving the old suggestion: %s %v", got, bottest.Labels(ask))
	}
	if sg, _ := h.Store.Suggestions.Get(h.Ctx, guild, old.ID); sg.Status != "pending" {
		t.Fatalf("old suggestion %s", sg.Status)
	}
	// The moderator's edit is checked like a new suggestion: refused with
	// every problem, the review post unchanged, the edit kept.
	form := h.ClickForm("owner", ask, "Edit")
	if form[suggest.InCategory] != "Algorithms / extreme / medium" || form[suggest.InCompany] != "Googel" {
		t.Fatalf("edit form: %v", form)
	}
	form[suggest.InCategory] = "Coding / extreme"
	r := h.Submit("owner", "s1/edit/1", form)
	if got := bottest.Text(r); !bot.IsErrorMessage(r) || !strings.Contains(got, "was not changed") || !strings.Contains(got, `"extreme"`) || !strings.Contains(got, "**Google**") {
		t.Fatalf("refused edit: %s", got)
	}
	if sg, _ := h.Store.Suggestions.Get(h.Ctx, guild, old.ID); sg.Question.Category != "Algorithms / extreme" {
		t.Fatalf("a refused edit was saved: %+v", sg.Question)
	}
	again := h.ClickForm("owner", r, "Edit")
	if again[suggest.InCategory] != "Coding / extreme" {
		t.Fatalf("the refused edit was not kept: %v", again)
	}
	again[suggest.InCategory], again[suggest.InCompany] = "Coding / easy", "google"
	saved := h.Submit("owner", "s1/edit/1", again)
	if bot.IsErrorMessage(saved) || !strings.Contains(saved.Content, "Saved") {
		t.Fatalf("fixed edit: %s", bottest.Text(saved))
	}
	upd := h.Srv.Message(post.ID)
	if bottest.Field(upd, "Company") != "Google" || bottest.Field(upd, "Category") != "Coding & Algorithms" || bottest.Field(upd, "Difficulty") != bot.DifficultyLabel("easy") {
		t.Fatalf("review post after the edit: %s", bottest.Text(upd))
	}
	if done, _ := h.Click("owner", upd, "Approve"); bot.IsErrorMessage(done) || !strings.Contains(bottest.Text(done), "Approved by") {
		t.Fatalf("approve after the fix: %s", bottest.Text(done))
	}
}

// memberPerms are a member's permissions without Manage Server, with other
// powerful bits set, as a server that overrode default_member_permissions
// to let everyone see the admin commands would send them.
const memberPerms = discordtest.EveryonePerms | discordgo.PermissionManageChannels |
	discordgo.PermissionManageMessages | discordgo.PermissionManageThreads | discordgo.PermissionManageRoles

// TestReviewRoutesRefuseMembers sends the review's admin routes (the
// post's Approve, Edit and Reject buttons, approving names as written,
// and the edit form) as a member without Manage Server and from a DM, the
// way a modified client could: each is refused in an ephemeral answer and
// the suggestion stays as it was.
func TestReviewRoutesRefuseMembers(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	setupReview(h)
	if m := h.RunForm("alice", "/suggest", "s1/suggest", map[string]string{suggest.InTitle: "Shard a counter", suggest.InCompany: "Acme",
		suggest.InCategory: "System Design / hard", suggest.InPrompt: "Shard a hot counter.", suggest.InAnswer: ""}); bot.IsErrorMessage(m) {
		t.Fatalf("suggestion refused: %s", bottest.Text(m))
	}
	guild := h.Srv.DefaultGuild().ID
	before, err := h.Store.Suggestions.Get(h.Ctx, guild, 1)
	if err != nil {
		t.Fatal(err)
	}
	form := []any{map[string]any{"type": 1, "components": []any{map[string]any{"type": 4, "custom_id": suggest.InTitle, "value": "hijacked"}}}}
	for _, c := range []struct {
		typ  discordgo.InteractionType
		data map[string]any
	}{
		{discordgo.InteractionMessageComponent, map[string]any{"custom_id": "s1/approve/1", "component_type": 2}},
		{discordgo.InteractionMessageComponent, map[string]any{"custom_id": "s1/approve/1/keep", "component_type": 2}},
		{discordgo.InteractionMessageComponent, map[string]any{"custom_id": "s1/edit/1", "component_type": 2}},
		{discordgo.InteractionMessageComponent, map[string]any{"custom_id": "s1/reject/1", "component_type": 2}},
		{discordgo.InteractionModalSubmit, map[string]any{"custom_id": "s1/edit/1", "components": form}},
	} {
		member := h.Forge(map[string]any{"type": int(c.typ), "data": c.data, "guild_id": guild,
			"member": h.Member("mallory", memberPerms)})
		if !strings.Contains(member, "Manage Server") || !strings.Contains(member, `"flags":64`) {
			t.Errorf("%s as a member answered %s", c.data["custom_id"], member)
		}
		dm := h.Forge(map[string]any{"type": int(c.typ), "data": c.data, "user": h.User("mallory")})
		if !strings.Contains(dm, `"flags":64`) || strings.Contains(dm, "Something went wrong") {
			t.Errorf("%s in a DM answered %s", c.data["custom_id"], dm)
		}
	}
	after, err := h.Store.Suggestions.Get(h.Ctx, guild, 1)
	if err != nil {
		t.Fatal(err)
	}
	if after.Status != store.SuggestionPending || after.Question.Title != before.Question.Title {
		t.Fatalf("a member changed the suggestion: %+v", after)
	}
	if _, err := h.Store.Suggestions.Draft(h.Ctx, guild, h.Srv.User("mallory").ID, 1); err == nil {
		t.Fatal("a member's edit was kept")
	}
}
