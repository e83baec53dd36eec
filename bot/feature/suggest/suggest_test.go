package bot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
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
	return submitModal(t, h, user, "s1/suggest", values)
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
	if field(review, "Company") != "TikTok" || field(review, "Difficulty") != DifficultyLabel("hard") {
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
	if st, _ := h.store.Suggestions.Settings(h.ctx, h.srv.DefaultGuild().ID); st.PendingLimit != 6 {
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

// openModal presses label on m as user and returns the form that opens.
func openModal(t *testing.T, h *harness, user string, m *discordgo.Message, label string) map[string]string {
	t.Helper()
	in, err := h.srv.ClickLabel(h.ctx, user, m, label)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := in.Wait(h.ctx); err != nil || resp.Type != discordgo.InteractionResponseModal {
		m, _ := in.WaitMessage(h.ctx)
		t.Fatalf("%s opened no form: %v %s", label, err, text(m))
	}
	_, _, fields, _ := h.srv.Modal(user)
	out := map[string]string{}
	for _, f := range fields {
		out[f.CustomID] = f.Value
	}
	return out
}

// submitModal submits the form last shown to user and returns the message
// it answers with.
func submitModal(t *testing.T, h *harness, user, customID string, values map[string]string) *discordgo.Message {
	t.Helper()
	sub, err := h.srv.SubmitModal(h.ctx, user, customID, values)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sub.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSuggestionIsCheckedLikeAnImportAndTheFormIsKept(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	rev := setupReview(t, h)
	typed := map[string]string{inTitle: "Cache for search results", inCompany: "Googel / swe",
		inCategory: "Algorithms / extreme", inPrompt: "Design a cache for search results.", inAnswer: "LRU with a TTL."}
	m := suggest(t, h, "alice", typed)
	got := text(m)
	// Every problem at once: the unknown difficulty and the misspelt company.
	if !IsErrorMessage(m) || !isEphemeral(m) || !strings.Contains(got, "2 problems") ||
		!strings.Contains(got, `nknown difficulty "extreme": use easy, medium or hard`) || !strings.Contains(got, "Did you mean **Google**?") {
		t.Fatalf("refusal: %s", got)
	}
	// With a problem that only an edit fixes, the only way on is Edit.
	if l := strings.Join(labels(m), ","); l != "Edit" {
		t.Fatalf("buttons %s", l)
	}
	if lastMessage(h, rev.ID) != nil {
		t.Fatal("a refused suggestion was posted for review")
	}
	if _, n, _ := h.store.Suggestions.Pending(h.ctx, h.srv.DefaultGuild().ID, 10); n != 0 {
		t.Fatalf("%d suggestions stored", n)
	}
	// Edit reopens the form with everything as typed.
	form := openModal(t, h, "alice", m, "Edit")
	for k, v := range typed {
		if form[k] != v {
			t.Fatalf("reopened form %s = %q, want %q", k, form[k], v)
		}
	}
	typed[inCategory] = "Algorithms / hard"
	m = submitModal(t, h, "alice", "s1/suggest", typed)
	if got := text(m); !IsErrorMessage(m) || !strings.Contains(got, "1 problem to fix") || !strings.Contains(got, "company **Googel**") {
		t.Fatalf("second refusal: %s", got)
	}
	if l := strings.Join(labels(m), ","); l != `Edit,Use "Google",Keep "Googel"` {
		t.Fatalf("buttons %s", l)
	}
	// Use "Google" sends it with the bank's name.
	m, _ = h.click("alice", m, `Use "Google"`)
	if IsErrorMessage(m) || !strings.Contains(m.Content, "#1") {
		t.Fatalf("after Use: %s", text(m))
	}
	review := lastMessage(h, rev.ID)
	if field(review, "Company") != "Google" || field(review, "Category") != "Coding & Algorithms" ||
		field(review, "Difficulty") != DifficultyLabel("hard") || field(review, "Role") != "Software Engineer" {
		t.Fatalf("review post: %s", text(review))
	}
	if _, err := h.store.Suggestions.Draft(h.ctx, h.srv.DefaultGuild().ID, h.srv.User("alice").ID, 0); err == nil {
		t.Fatal("the sent form is still kept")
	}

	// A new company close to a known one can be kept as written: the
	// moderators see it, and approving it asks them to confirm.
	m = suggest(t, h, "bob", map[string]string{inTitle: "Ride matching at scale", inCompany: "Snapp", inCategory: "System Design / hard",
		inPrompt: "Design ride matching for Snapp.", inAnswer: ""})
	if !strings.Contains(text(m), "Did you mean **Snap**?") {
		t.Fatalf("Snapp: %s", text(m))
	}
	m, _ = h.click("bob", m, `Keep "Snapp"`)
	if IsErrorMessage(m) || !strings.Contains(m.Content, "#2") {
		t.Fatalf("after Keep: %s", text(m))
	}
	review = lastMessage(h, rev.ID)
	if field(review, "Company") != "Snapp" || !strings.Contains(field(review, "New to this server's bank"), "company **Snapp**, close to **Snap**") {
		t.Fatalf("review post of a kept name: %s", text(review))
	}
	ask, _ := h.click("owner", review, "Approve")
	if !IsErrorMessage(ask) || !isEphemeral(ask) || !strings.Contains(text(ask), "cannot be approved as it is") ||
		strings.Join(labels(ask), ",") != `Edit,Keep "Snapp"` {
		t.Fatalf("approving a near name: %s %v", text(ask), labels(ask))
	}
	if st := h.srv.Message(review.ID); !strings.Contains(st.Embeds[0].Footer.Text, "pending") {
		t.Fatalf("review post changed before confirming: %s", st.Embeds[0].Footer.Text)
	}
	done, _ := h.click("owner", ask, `Keep "Snapp"`)
	if IsErrorMessage(done) || !strings.Contains(done.Content, "Approved") {
		t.Fatalf("approve as written: %s", text(done))
	}
	if st := h.srv.Message(review.ID); !strings.Contains(text(st), "Approved by") || len(labels(st)) != 0 {
		t.Fatalf("review post after approval: %s", text(st))
	}
	st, err := h.store.Questions.Stats(h.ctx, h.srv.DefaultGuild().ID)
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
	h := newHarness(t, harnessOpts{})
	setupReview(t, h)
	typed := map[string]string{inTitle: "Rank the feed", inCompany: "TikTok / Machine Learning Engineer",
		inCategory: "ML System Design / impossible", inPrompt: "Rank the For You feed.", inAnswer: "Two towers, then a ranker."}
	if m := suggest(t, h, "carol", typed); !strings.Contains(text(m), `"impossible"`) {
		t.Fatalf("refusal: %s", text(m))
	}
	// The member dismissed the answer; /suggest opens the form as they left it.
	in, err := h.srv.Command(h.ctx, "carol", "", "/suggest")
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := in.Wait(h.ctx); err != nil || resp.Type != discordgo.InteractionResponseModal {
		t.Fatalf("/suggest: %v", err)
	}
	_, _, fields, _ := h.srv.Modal("carol")
	for _, f := range fields {
		if f.Value != typed[f.CustomID] {
			t.Fatalf("reopened %s = %q, want %q", f.CustomID, f.Value, typed[f.CustomID])
		}
	}
	// Someone else gets an empty form.
	in, err = h.srv.Command(h.ctx, "dave", "", "/suggest")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(h.ctx); err != nil {
		t.Fatal(err)
	}
	_, _, fields, _ = h.srv.Modal("dave")
	for _, f := range fields {
		if f.Value != "" {
			t.Fatalf("another member's form has %s = %q", f.CustomID, f.Value)
		}
	}
}

func TestApprovalAndEditCheckTheSuggestionAgain(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	rev := setupReview(t, h)
	guild := h.srv.DefaultGuild().ID
	// A suggestion stored before suggestions were checked, as issue 12 found.
	old, err := h.store.Suggestions.Add(h.ctx, guild, h.srv.AddUser("erin").ID, data.Question{Title: "Old one", Company: "Googel",
		Category: "Algorithms / extreme", Difficulty: "medium", Prompt: "Sort a list."})
	if err != nil {
		t.Fatal(err)
	}
	msg := suggestionMessage(old, "", "")
	post, err := h.bot.Session.ChannelMessageSendComplex(rev.ID, &discordgo.MessageSend{Embeds: msg.Embeds, Components: msg.Components})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.store.Suggestions.SetMessage(h.ctx, guild, old.ID, rev.ID, post.ID); err != nil {
		t.Fatal(err)
	}
	ask, _ := h.click("owner", post, "Approve")
	if got := text(ask); !IsErrorMessage(ask) || !strings.Contains(got, "cannot be approved") || !strings.Contains(got, `"Algorithms / extreme / medium"`) ||
		!strings.Contains(got, "**Google**") || strings.Join(labels(ask), ",") != "Edit" {
		t.Fatalf("approving the old suggestion: %s %v", got, labels(ask))
	}
	if sg, _ := h.store.Suggestions.Get(h.ctx, guild, old.ID); sg.Status != "pending" {
		t.Fatalf("old suggestion %s", sg.Status)
	}
	// The moderator's edit is checked like a new suggestion: refused with
	// every problem, the review post unchanged, the edit kept.
	form := openModal(t, h, "owner", ask, "Edit")
	if form[inCategory] != "Algorithms / extreme / medium" || form[inCompany] != "Googel" {
		t.Fatalf("edit form: %v", form)
	}
	form[inCategory] = "Coding / extreme"
	r := submitModal(t, h, "owner", "s1/edit/1", form)
	if got := text(r); !IsErrorMessage(r) || !strings.Contains(got, "was not changed") || !strings.Contains(got, `"extreme"`) || !strings.Contains(got, "**Google**") {
		t.Fatalf("refused edit: %s", got)
	}
	if sg, _ := h.store.Suggestions.Get(h.ctx, guild, old.ID); sg.Question.Category != "Algorithms / extreme" {
		t.Fatalf("a refused edit was saved: %+v", sg.Question)
	}
	again := openModal(t, h, "owner", r, "Edit")
	if again[inCategory] != "Coding / extreme" {
		t.Fatalf("the refused edit was not kept: %v", again)
	}
	again[inCategory], again[inCompany] = "Coding / easy", "google"
	saved := submitModal(t, h, "owner", "s1/edit/1", again)
	if IsErrorMessage(saved) || !strings.Contains(saved.Content, "Saved") {
		t.Fatalf("fixed edit: %s", text(saved))
	}
	upd := h.srv.Message(post.ID)
	if field(upd, "Company") != "Google" || field(upd, "Category") != "Coding & Algorithms" || field(upd, "Difficulty") != DifficultyLabel("easy") {
		t.Fatalf("review post after the edit: %s", text(upd))
	}
	if done, _ := h.click("owner", upd, "Approve"); IsErrorMessage(done) || !strings.Contains(text(done), "Approved by") {
		t.Fatalf("approve after the fix: %s", text(done))
	}
}

func TestParseCategoryFindsTheDifficulty(t *testing.T) {
	known := map[string]bool{}
	for _, n := range data.Known(data.KindCategory) {
		known[data.Key(n)] = true
	}
	isKnown := func(s string) bool { return known[data.CanonicalKey(data.KindCategory, s)] }
	for _, c := range []struct{ in, category, difficulty, bad string }{
		{"System Design / hard", "System Design", "hard", ""},
		{"SQL hard", "SQL", "hard", ""},
		{"System Design - Hard", "System Design", "hard", ""},
		{"coding, EASY", "coding", "easy", ""},
		{"hard", "", "hard", ""},
		{"Algorithms / extreme", "Algorithms", "", "extreme"},
		{"Algorithms|extreme", "Algorithms", "", "extreme"},
		{"Algorithms extreme", "Algorithms", "", "extreme"},
		{"Widgets / very hard indeed", "Widgets", "", "very hard indeed"},
		{"Widgets extreme", "Widgets extreme", "", ""},
		{"Machine Learning", "Machine Learning", "", ""},
		{"A/B testing", "A/B testing", "", ""},
		{"CI/CD", "CI/CD", "", ""},
		{"CI/CD / easy", "CI/CD", "easy", ""},
		{"Coding /", "Coding", "", ""},
		{"Algorithms / extreme / medium", "Algorithms / extreme", "medium", ""},
		{"  ", "", "", ""},
	} {
		cat, diff, bad := parseCategory(c.in, isKnown)
		if cat != c.category || diff != c.difficulty || bad != c.bad {
			t.Errorf("parseCategory(%q) = %q, %q, %q; want %q, %q, %q", c.in, cat, diff, bad, c.category, c.difficulty, c.bad)
		}
	}
}
