package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// textChannel adds a text channel to a server of the site.
func (s *site) textChannel(guild, name string) string {
	s.t.Helper()
	ch, err := s.dc.AddChannel(guild, name, discordgo.ChannelTypeGuildText, "")
	if err != nil {
		s.t.Fatal(err)
	}
	return ch.ID
}

// auditLines are a server's audit lines, newest first.
func (s *site) auditLines(guild string) []store.AuditEntry {
	s.t.Helper()
	lines, err := s.st.Audit.Log(context.Background(), guild, 0, 100)
	if err != nil {
		s.t.Fatal(err)
	}
	return lines
}

// feedForm is a valid setup form for the channel.
func feedForm(csrf, channel string) url.Values {
	return url.Values{"csrf": {csrf}, "feed": {"swe"}, "channel": {channel}, "time": {"9am"}, "timezone": {"Europe/London"}, "days": {"mon-fri"}}
}

// TestDailySetupFromTheWeb: the form lists the server's text channels,
// stores the feed as /daily setup would (canonical names, next post), and
// pause, resume and preview act on it; each change leaves an audit line.
func TestDailySetupFromTheWeb(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	ch := s.textChannel(s.alpha, "daily-questions")
	s.textChannel(s.beta, "beta-only-channel")
	b := s.browser()
	b.login("boss")
	ctx := context.Background()
	base := "/s/" + s.alpha + "/admin/daily"

	status, body := b.get(base + "/edit")
	if status != http.StatusOK || !strings.Contains(body, "#daily-questions") || strings.Contains(body, "beta-only-channel") {
		t.Fatalf("the form: %d\n%s", status, body)
	}
	company := s.bundle[0].Company
	form := feedForm(b.csrf(), ch)
	form.Set("company", strings.ToLower(company))
	form.Set("ping", s.dc.Role(s.alpha, "Admin").ID)
	if status, body := b.post(base+"/edit", form); status != http.StatusSeeOther {
		t.Fatalf("saving the feed: %d\n%s", status, body)
	}
	c, err := s.st.Daily.Feed(ctx, s.alpha, "swe")
	if err != nil {
		t.Fatal(err)
	}
	if c.ChannelID != ch || c.Clock != "09:00" || c.Zone != "Europe/London" || c.Company != company || c.NextDue == 0 || c.UpdatedBy != s.dc.User("boss").ID ||
		c.PingRole != s.dc.Role(s.alpha, "Admin").ID {
		t.Fatalf("stored feed: %+v", c)
	}
	if lines := s.auditLines(s.alpha); len(lines) != 1 || lines[0].Action != "daily.setup" || lines[0].Source != store.AuditWeb || !strings.Contains(lines[0].Detail, "swe added") {
		t.Fatalf("audit: %+v", lines)
	}
	if _, body := b.get(base); !strings.Contains(body, "Feed swe") || !strings.Contains(body, "09:00 (Europe/London)") || !strings.Contains(body, "not posted yet") {
		t.Fatalf("feeds page:\n%s", body)
	}
	if status, _ := b.post(base+"/pause", url.Values{"csrf": {b.csrf()}, "feed": {"swe"}}); status != http.StatusSeeOther {
		t.Fatalf("pause: %d", status)
	}
	if c, _ := s.st.Daily.Feed(ctx, s.alpha, "swe"); !c.Paused {
		t.Fatal("not paused")
	}
	if status, _ := b.post(base+"/resume", url.Values{"csrf": {b.csrf()}, "feed": {"swe"}}); status != http.StatusSeeOther {
		t.Fatalf("resume: %d", status)
	}
	if c, _ := s.st.Daily.Feed(ctx, s.alpha, "swe"); c.Paused || c.NextDue == 0 {
		t.Fatalf("not resumed: %+v", c)
	}
	q, err := s.st.Daily.NextQuestion(ctx, s.alpha, "swe")
	if err != nil {
		t.Fatal(err)
	}
	if status, body := b.get(base + "/preview?feed=swe"); status != http.StatusOK || !strings.Contains(body, htmlEscape(q.Title)) {
		t.Fatalf("preview: %d, want %q\n%s", status, q.Title, body)
	}
	var actions []string
	for _, l := range s.auditLines(s.alpha) {
		actions = append(actions, l.Action)
	}
	if got := strings.Join(actions, " "); got != "daily.resume daily.pause daily.setup" {
		t.Fatalf("audit actions: %s", got)
	}
	// Changing the feed keeps its pause, as /daily setup does.
	if status, _ := b.post(base+"/pause", url.Values{"csrf": {b.csrf()}, "feed": {"swe"}}); status != http.StatusSeeOther {
		t.Fatalf("pause: %d", status)
	}
	form = feedForm(b.csrf(), ch)
	form.Set("time", "18:30")
	form.Set("existing", "1")
	if status, body := b.post(base+"/edit", form); status != http.StatusSeeOther {
		t.Fatalf("changing the feed: %d\n%s", status, body)
	}
	if c, _ := s.st.Daily.Feed(ctx, s.alpha, "swe"); !c.Paused || c.Clock != "18:30" {
		t.Fatalf("changed feed: %+v", c)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestDailySetupRefusesBadInput: each bad field shows the form again with
// the message /daily setup gives, and nothing is stored or audited.
func TestDailySetupRefusesBadInput(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	ch := s.textChannel(s.alpha, "daily")
	betaCh := s.textChannel(s.beta, "beta-daily")
	voice, err := s.dc.AddChannel(s.alpha, "voice", discordgo.ChannelTypeGuildVoice, "")
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("boss")
	for _, c := range []struct {
		field, value, want string
	}{
		{"feed", "no spaces please", "a feed&#39;s name is 1 to 20"},
		{"time", "25:99", "Time:"},
		{"timezone", "Mars/Olympus", "Time zone:"},
		{"days", "someday", "Days:"},
		{"company", "Nosuchcompanyatall", "No questions have the company"},
		{"level", "archmage", "No questions have the level"},
		{"difficulty", "impossible", "Difficulty: choose easy, medium or hard"},
		{"channel", betaCh, "not a channel of this server"},
		{"channel", voice.ID, "is not a text or announcement channel"},
		{"channel", "", "Choose the daily question channel"},
		{"ping", "123456789012345678", "Choose a role of this server"},
		{"ping", s.dc.Role(s.beta, "Admin").ID, "Choose a role of this server"},
	} {
		form := feedForm(b.csrf(), ch)
		form.Set(c.field, c.value)
		status, body := b.post("/s/"+s.alpha+"/admin/daily/edit", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || !strings.Contains(body, `id="e-`+c.field+`"`) {
			t.Errorf("%s=%q: %d, want the message %q by the field\n%s", c.field, c.value, status, c.want, body)
		}
		if strings.Contains(body, `id="e-`+c.field+`"`) && c.field != "feed" && !strings.Contains(body, `value="`+htmlEscape(c.value)+`"`) && c.field != "channel" && c.field != "difficulty" && c.field != "ping" {
			t.Errorf("%s: the form lost what was typed", c.field)
		}
	}
	if feeds, _ := s.st.Daily.Feeds(context.Background(), s.alpha); len(feeds) != 0 {
		t.Fatalf("bad input stored a feed: %+v", feeds[0])
	}
	if lines := s.auditLines(s.alpha); len(lines) != 0 {
		t.Fatalf("bad input was audited: %+v", lines)
	}
	// A channel the bot cannot post in is refused, naming what is missing.
	if err := s.dc.SetOverwrite(ch, discordgo.PermissionOverwrite{ID: s.alpha, Type: discordgo.PermissionOverwriteTypeRole, Deny: discordgo.PermissionSendMessages}); err != nil {
		t.Fatal(err)
	}
	status, body := b.post("/s/"+s.alpha+"/admin/daily/edit", feedForm(b.csrf(), ch))
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Send Messages") {
		t.Fatalf("channel without Send Messages: %d\n%s", status, body)
	}
}

// suggest adds a pending suggestion to a server.
func (s *site) suggest(guild, author, title string) *store.Suggestion {
	s.t.Helper()
	sg, err := s.st.Suggestions.Add(context.Background(), guild, s.dc.User(author).ID, data.Question{
		Title: title, Company: "Alphacorp", Category: "System design", Difficulty: "medium",
		Prompt: "Design " + strings.ToLower(title) + ".",
	})
	if err != nil {
		s.t.Fatal(err)
	}
	return sg
}

// dmsTo are the texts of the DMs the bot sent.
func (s *site) dms() string {
	var b strings.Builder
	for _, r := range s.dc.RequestsTo("POST /channels/{id}/messages") {
		b.Write(r.JSON)
	}
	return b.String()
}

// TestSuggestionReviewFromTheWeb: approve as edited, reject with a reason;
// each is the store's operation, told to the author by DM and audited; a
// suggestion decided once cannot be decided again.
func TestSuggestionReviewFromTheWeb(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	s.member("author")
	ctx := context.Background()
	one := s.suggest(s.alpha, "author", "A rate limiter for logins")
	two := s.suggest(s.alpha, "author", "A queue that never loses jobs")
	b := s.browser()
	b.login("boss")
	path := "/s/" + s.alpha + "/admin/suggestions"
	if status, body := b.get(path); status != http.StatusOK || !strings.Contains(body, "A rate limiter for logins") || !strings.Contains(body, "2 suggestions waiting") {
		t.Fatalf("review page: %d\n%s", status, body)
	}
	// A bad edit is refused and changes nothing.
	status, body := b.post(path+"/approve", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(one.ID)}, "title": {"A rate limiter for logins"},
		"company": {"Alphacorp"}, "category": {"System design"}, "difficulty": {"legendary"}, "prompt": {"Design it."}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "not a valid question") {
		t.Fatalf("bad edit: %d\n%s", status, body)
	}
	if sg, _ := s.st.Suggestions.Get(ctx, s.alpha, one.ID); sg.Status != store.SuggestionPending || sg.Question.Difficulty != "medium" {
		t.Fatalf("after a bad edit: %+v", sg)
	}
	status, _ = b.post(path+"/approve", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(one.ID)}, "title": {"A rate limiter for login attempts"},
		"company": {"Alphacorp"}, "category": {"System design"}, "difficulty": {"hard"}, "prompt": {"Design a rate limiter for login attempts."}})
	if status != http.StatusSeeOther {
		t.Fatalf("approve: %d", status)
	}
	sg, _ := s.st.Suggestions.Get(ctx, s.alpha, one.ID)
	if sg.Status != store.SuggestionApproved || sg.QuestionID == "" {
		t.Fatalf("approved suggestion: %+v", sg)
	}
	q, err := s.st.Questions.ByID(ctx, s.alpha, sg.QuestionID)
	if err != nil || q.Title != "A rate limiter for login attempts" || q.Difficulty != "hard" {
		t.Fatalf("the question: %+v, %v", q, err)
	}
	if dms := s.dms(); !strings.Contains(dms, "was approved") {
		t.Fatalf("no DM to the author: %s", dms)
	}
	// Approving again (Discord won the race, or a second tab) is refused.
	status, body = b.post(path+"/approve", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(one.ID)}})
	if status != http.StatusConflict || !strings.Contains(body, "already approved") {
		t.Fatalf("second approval: %d\n%s", status, body)
	}
	if status, _ := b.post(path+"/reject", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(two.ID)}, "reason": {"We have one like it"}}); status != http.StatusSeeOther {
		t.Fatalf("reject: %d", status)
	}
	if sg, _ := s.st.Suggestions.Get(ctx, s.alpha, two.ID); sg.Status != store.SuggestionRejected {
		t.Fatalf("rejected: %+v", sg)
	}
	if dms := s.dms(); !strings.Contains(dms, "We have one like it") {
		t.Fatalf("the reason was not told: %s", dms)
	}
	var actions []string
	for _, l := range s.auditLines(s.alpha) {
		actions = append(actions, l.Action+": "+l.Detail)
	}
	got := strings.Join(actions, "\n")
	if !strings.Contains(got, "suggestion.reject: suggestion #"+fmt.Sprint(two.ID)) || !strings.Contains(got, "We have one like it") ||
		!strings.Contains(got, "suggestion.approve: suggestion #"+fmt.Sprint(one.ID)) || len(actions) != 2 {
		t.Fatalf("audit:\n%s", got)
	}
	// Another server's suggestion cannot be decided from this one's page.
	other := s.suggest(s.beta, "author", "Beta's own suggestion")
	if status, _ := b.post(path+"/reject", url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(other.ID)}}); status != http.StatusNotFound {
		t.Fatalf("rejecting Beta's suggestion from Alpha: %d", status)
	}
	if sg, _ := s.st.Suggestions.Get(ctx, s.beta, other.ID); sg.Status != store.SuggestionPending {
		t.Fatal("Beta's suggestion was decided from Alpha's page")
	}
}

// TestDashboardFormsNeedCSRF: every new form refuses a missing or wrong
// token and changes nothing.
func TestDashboardFormsNeedCSRF(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	s.member("author")
	ch := s.textChannel(s.alpha, "daily")
	sg := s.suggest(s.alpha, "author", "A cache for a slow service")
	own, err := s.st.Questions.AddSuggested(context.Background(), s.alpha, s.dc.User("author").ID, data.Question{
		Title: "An own question", Company: "Alphacorp", Category: "SQL", Difficulty: "easy", Prompt: "The prompt."})
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("boss")
	base := "/s/" + s.alpha + "/admin"
	forms := map[string]url.Values{
		"/bank/edit":           {"id": {own.ID}, "title": {"A changed title"}, "company": {"Alphacorp"}, "category": {"SQL"}, "difficulty": {"easy"}, "prompt": {"The prompt."}},
		"/mock":                {"expiry": {"3h"}, "checkin": {"off"}, "strikes": {"3"}, "channel": {ch}},
		"/mock/rounds":         {"enabled": {"on"}, "weekday": {"tue"}, "time": {"18:00"}, "timezone": {"UTC"}},
		"/publish":             {"publish": {"on"}},
		"/daily/edit":          feedForm("", ch),
		"/daily/pause":         {"feed": {"main"}},
		"/daily/resume":        {"feed": {"main"}},
		"/suggestions/approve": {"id": {fmt.Sprint(sg.ID)}},
		"/suggestions/reject":  {"id": {fmt.Sprint(sg.ID)}},
	}
	for path, form := range forms {
		for _, token := range []string{"", "not-the-token"} {
			form.Set("csrf", token)
			if status, body := b.post(base+path, form); status != http.StatusForbidden || !strings.Contains(body, "out of date") {
				t.Errorf("%s with csrf %q: %d", path, token, status)
			}
		}
	}
	if feeds, _ := s.st.Daily.Feeds(context.Background(), s.alpha); len(feeds) != 0 {
		t.Fatal("a feed was stored without a CSRF token")
	}
	if got, _ := s.st.Suggestions.Get(context.Background(), s.alpha, sg.ID); got.Status != store.SuggestionPending {
		t.Fatal("a suggestion was decided without a CSRF token")
	}
	if q, _ := s.st.Questions.ByID(context.Background(), s.alpha, own.ID); q.Title != "An own question" {
		t.Fatal("a question was edited without a CSRF token")
	}
	if set, _ := s.st.Interviews.Settings(context.Background(), s.alpha); set.ExpiryMinutes != 0 || set.ChannelID != "" || set.RoundsEnabled {
		t.Fatal("mock settings changed without a CSRF token")
	}
	if len(s.auditLines(s.alpha)) != 0 {
		t.Fatal("audited without a CSRF token")
	}
}

// TestDashboardShowsOnlyItsServer: feeds, suggestions and audit lines of
// Beta never show on Alpha's pages.
func TestDashboardShowsOnlyItsServer(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha, s.beta)
	s.member("author")
	ctx := context.Background()
	betaCh := s.textChannel(s.beta, "beta-daily")
	s.suggest(s.beta, "author", "Betaonly suggestion title")
	b := s.browser()
	b.login("boss")
	form := feedForm(b.csrf(), betaCh)
	form.Set("feed", "betafeed")
	if status, body := b.post("/s/"+s.beta+"/admin/daily/edit", form); status != http.StatusSeeOther {
		t.Fatalf("Beta's feed: %d\n%s", status, body)
	}
	if _, err := s.st.History.RecordParticipation(ctx, s.beta, s.dc.User("author").ID, "2026-12-02", 1, s.clock().UnixMilli()); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"daily", "suggestions", "audit", "charts", "daily/preview?feed=betafeed"} {
		status, body := b.get("/s/" + s.alpha + "/admin/" + page)
		for _, leak := range []string{"betafeed", "Betaonly", betaCh, "feed betafeed added"} {
			if strings.Contains(body, leak) {
				t.Errorf("Alpha's %s page (%d) shows Beta's %q", page, status, leak)
			}
		}
	}
	if _, body := b.get("/s/" + s.beta + "/admin/audit"); !strings.Contains(body, "feed betafeed added") {
		t.Fatalf("Beta's audit page lacks its line:\n%s", body)
	}
	// Alpha's charts count nobody; Beta's count its member.
	if _, body := b.get("/s/" + s.alpha + "/admin/charts"); !strings.Contains(body, "<svg") || strings.Contains(body, "<td>1</td>") {
		t.Fatalf("Alpha's charts:\n%s", body)
	}
	if _, body := b.get("/s/" + s.beta + "/admin/charts"); !strings.Contains(body, "<th scope=\"row\">2 Dec</th><td>1</td>") {
		t.Fatalf("Beta's charts lack its participation:\n%s", body)
	}
}

// TestAuditPages: the audit page shows 50 lines, then the older ones.
func TestAuditPages(t *testing.T) {
	s := newSite(t, siteOptions{})
	id := s.member("boss", s.alpha)
	for i := 1; i <= 55; i++ {
		if _, err := s.st.Audit.Record(context.Background(), store.AuditEntry{GuildID: s.alpha, UserID: id, Source: store.AuditWeb,
			Action: "test.line", Detail: fmt.Sprintf("line number %d.", i)}); err != nil {
			t.Fatal(err)
		}
	}
	b := s.browser()
	b.login("boss")
	_, body := b.get("/s/" + s.alpha + "/admin/audit")
	if !strings.Contains(body, "line number 55.") || !strings.Contains(body, "line number 6.") || strings.Contains(body, "line number 5.") {
		t.Fatalf("first page:\n%s", body)
	}
	i := strings.Index(body, "audit?before=")
	if i < 0 {
		t.Fatal("no link to older lines")
	}
	next := body[i : i+strings.Index(body[i:], `"`)]
	_, body = b.get("/s/" + s.alpha + "/admin/" + next)
	if !strings.Contains(body, "line number 5.") || !strings.Contains(body, "line number 1.") || strings.Contains(body, "line number 6.") || strings.Contains(body, "Older lines") {
		t.Fatalf("second page:\n%s", body)
	}
}

// TestSuggestionApprovedOnceUnderRace: admins pressing Approve at once
// (on the web, or the web and Discord) create one question; the others
// are told it was already decided, and nothing fails.
func TestSuggestionApprovedOnceUnderRace(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	s.member("author")
	sg := s.suggest(s.alpha, "author", "A chat service for millions")
	const tabs = 6
	browsers := make([]*browser, tabs)
	tokens := make([]string, tabs)
	for i := range browsers {
		browsers[i] = s.browser()
		browsers[i].login("boss")
		tokens[i] = browsers[i].csrf()
	}
	statuses := make(chan int, tabs+1)
	var wg sync.WaitGroup
	for i, b := range browsers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			status, _ := b.post("/s/"+s.alpha+"/admin/suggestions/approve", url.Values{"csrf": {tokens[i]}, "id": {fmt.Sprint(sg.ID)}})
			statuses <- status
		}()
	}
	wg.Add(1)
	go func() { // Discord's Approve button: the same store operation.
		defer wg.Done()
		if _, _, err := s.st.Suggestions.Approve(context.Background(), s.alpha, sg.ID, "discord-admin"); err == nil {
			statuses <- http.StatusSeeOther
		} else {
			statuses <- http.StatusConflict
		}
	}()
	wg.Wait()
	close(statuses)
	won := 0
	for st := range statuses {
		switch st {
		case http.StatusSeeOther:
			won++
		case http.StatusConflict:
		default:
			t.Errorf("an approval answered %d", st)
		}
	}
	if won != 1 {
		t.Fatalf("%d approvals went through, want 1", won)
	}
	if qs, _ := s.st.Questions.Export(context.Background(), s.alpha); len(qs) != 1 {
		t.Fatalf("%d questions from one suggestion", len(qs))
	}
}

// TestSuggestionApprovalUsesTheBanksNames: approving on the web writes
// names in the bank's spelling and refuses a near miss of a known name
// until the moderator keeps it as written, as Discord's Approve does.
func TestSuggestionApprovalUsesTheBanksNames(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	s.member("author")
	ctx := context.Background()
	company := ""
	for _, q := range s.bundle {
		if len(q.Company) >= 6 && strings.ToLower(q.Company) != q.Company {
			company = q.Company
			break
		}
	}
	if company == "" {
		t.Fatal("no company of six letters or more in the bundled bank")
	}
	add := func(title, company string) *store.Suggestion {
		sg, err := s.st.Suggestions.Add(ctx, s.alpha, s.dc.User("author").ID, data.Question{
			Title: title, Company: company, Category: "System design", Difficulty: "medium", Prompt: "Design it."})
		if err != nil {
			t.Fatal(err)
		}
		return sg
	}
	lower := add("A lower-case company", strings.ToLower(company))
	typo := company[:2] + company[3:] // one letter missing
	near := add("A near miss of a company", typo)
	b := s.browser()
	b.login("boss")
	path := "/s/" + s.alpha + "/admin/suggestions/approve"
	if status, body := b.post(path, url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(lower.ID)}}); status != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%s", status, body)
	}
	sg, _ := s.st.Suggestions.Get(ctx, s.alpha, lower.ID)
	if q, err := s.st.Questions.ByID(ctx, s.alpha, sg.QuestionID); err != nil || q.Company != company {
		t.Fatalf("approved company %q, want the bank's %q (%v)", q.Company, company, err)
	}
	status, body := b.post(path, url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(near.ID)}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Did you mean") {
		t.Fatalf("near miss: %d\n%s", status, body)
	}
	if sg, _ := s.st.Suggestions.Get(ctx, s.alpha, near.ID); sg.Status != store.SuggestionPending {
		t.Fatal("a near miss was approved without asking")
	}
	if status, _ := b.post(path, url.Values{"csrf": {b.csrf()}, "id": {fmt.Sprint(near.ID)}, "keep_names": {"1"}}); status != http.StatusSeeOther {
		t.Fatalf("keeping the name: %d", status)
	}
	sg, _ = s.st.Suggestions.Get(ctx, s.alpha, near.ID)
	if q, _ := s.st.Questions.ByID(ctx, s.alpha, sg.QuestionID); q == nil || q.Company != typo {
		t.Fatalf("kept name: %+v", q)
	}
}
