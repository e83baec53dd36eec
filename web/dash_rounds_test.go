package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/assemble"
	"github.com/prepcord/prepcord/store"
	"github.com/prepcord/prepcord/web"
)

// wireBot assembles prepcord's bot over the site's database and loopback
// Discord (not connected to the gateway: the dashboard only calls its
// features, which call Discord's REST API), and gives the dashboard the
// capabilities cmd/prepcord wires.
func (s *site) wireBot(cfg *web.Config) {
	s.t.Helper()
	b, err := assemble.New(bot.Config{Token: s.dc.Token(), APIURL: s.dc.APIURL(), Store: s.st, Log: slog.New(slog.DiscardHandler),
		Now: s.clock, DisableScheduler: true}, assemble.Options{})
	if err != nil {
		s.t.Fatal(err)
	}
	cfg.Rounds = bot.Capability[bot.RoundsKeeper](b)
	cfg.ReviewPosts = bot.Capability[bot.ReviewPoster](b)
	if cfg.Rounds == nil || cfg.ReviewPosts == nil {
		s.t.Fatal("the bot's features do not offer the dashboard's capabilities")
	}
}

// postFollow sends a form to path and follows the redirect it answers
// with, returning the page it leads to.
func (b *browser) postFollow(path string, form url.Values) (int, string) {
	b.s.t.Helper()
	resp, err := b.c.PostForm(b.s.ts.URL+path, form)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// roundsForm is a valid weekly rounds form.
func roundsForm(csrf, role string) url.Values {
	return url.Values{"csrf": {csrf}, "enabled": {"on"}, "weekday": {"tue"}, "time": {"6pm"}, "timezone": {"Europe/London"}, "role": {role}}
}

// TestWeeklyRoundsFromTheWeb: the rounds form is /mock-admin rounds:
// stored with their next round, the sign-up message posted in the mock
// channel (then edited, never posted twice), an audit line for each
// change, and the page says what became of the message.
func TestWeeklyRoundsFromTheWeb(t *testing.T) {
	s := newSite(t, siteOptions{Bot: true})
	s.member("boss", s.alpha)
	ch := s.textChannel(s.alpha, "mock-interviews")
	ctx := context.Background()
	b := s.browser()
	b.login("boss")
	base := "/s/" + s.alpha + "/admin/mock"
	role := s.dc.Role(s.alpha, "Admin").ID
	// Without a mock channel the rounds are refused as in Discord.
	if status, body := b.post(base+"/rounds", roundsForm(b.csrf(), role)); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Choose the mock channel first") {
		t.Fatalf("rounds without a mock channel: %d\n%s", status, body)
	}
	if _, err := s.st.Interviews.UpdateSettings(ctx, s.alpha, store.InterviewSetup{ChannelID: &ch}); err != nil {
		t.Fatal(err)
	}
	status, body := b.get(base)
	if status != http.StatusOK || !strings.Contains(body, "Save the weekly rounds") || !strings.Contains(body, "Members with @Admin") {
		t.Fatalf("the mock page: %d\n%s", status, body)
	}
	signups := func() []string {
		var out []string
		for _, m := range s.dc.Messages(ch) {
			if strings.Contains(m.Content, "Weekly mock interview rounds") {
				out = append(out, m.Content)
			}
		}
		return out
	}
	resp, err := b.noRedirect().PostForm(s.ts.URL+base+"/rounds", roundsForm(b.csrf(), role))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "signup=posted") {
		t.Fatalf("saving the rounds: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	set, err := s.st.Interviews.Settings(ctx, s.alpha)
	if err != nil {
		t.Fatal(err)
	}
	if !set.RoundsEnabled || set.RoundsWeekday != 2 || set.RoundsTime != "18:00" || set.RoundsTimezone != "Europe/London" ||
		set.RoundsRoleID != role || set.RoundsNextAt == 0 || set.RoundsMessageID == "" || set.RoundsChannelID != ch {
		t.Fatalf("stored rounds: %+v", set)
	}
	if got := signups(); len(got) != 1 || !strings.Contains(got[0], "every Tuesday at 18:00 (Europe/London)") || !strings.Contains(got[0], "<@&"+role+">") {
		t.Fatalf("sign-up messages in the mock channel: %q", got)
	}
	if _, body := b.get(base + "?saved=1&signup=posted"); !strings.Contains(body, "Members join with the sign-up message prepcord posted") ||
		!strings.Contains(body, "On: every Tuesday at 18:00 (Europe/London)") {
		t.Fatalf("the page after saving:\n%s", body)
	}
	// A change edits the same message; a fixed-offset zone is accepted
	// with /mock-admin rounds' advice.
	form := roundsForm(b.csrf(), "")
	form.Set("time", "19:30")
	form.Set("timezone", "EST")
	if status, body := b.postFollow(base+"/rounds", form); status != http.StatusOK || !strings.Contains(body, "updated the sign-up message") ||
		!strings.Contains(body, "daylight saving") {
		t.Fatalf("changing the rounds: %d\n%s", status, body)
	}
	if got := signups(); len(got) != 1 || !strings.Contains(got[0], "19:30 (EST)") || strings.Contains(got[0], "<@&") {
		t.Fatalf("the sign-up message after a change: %q", got)
	}
	// Paused: the message says so.
	form = roundsForm(b.csrf(), "")
	form.Set("enabled", "off")
	if status, body := b.postFollow(base+"/rounds", form); status != http.StatusOK || !strings.Contains(body, "marked the sign-up message in the mock channel as paused") {
		t.Fatalf("pausing the rounds: %d\n%s", status, body)
	}
	if msgs := s.dc.Messages(ch); len(msgs) != 1 || !strings.Contains(msgs[0].Content, "rounds are paused") {
		t.Fatalf("the mock channel after pausing: %+v", msgs)
	}
	var actions []string
	for _, l := range s.auditLines(s.alpha) {
		if l.Source != store.AuditWeb || l.UserID != s.dc.User("boss").ID {
			t.Errorf("audit line %+v: want source web, by boss", l)
		}
		actions = append(actions, l.Action+": "+l.Detail)
	}
	if got := strings.Join(actions, "\n"); got != "mock.rounds: weekly rounds off\n"+
		"mock.rounds: weekly rounds on: Tuesday 19:30 (EST), every member\n"+
		"mock.rounds: weekly rounds on: Tuesday 18:00 (Europe/London), role "+role {
		t.Fatalf("audit:\n%s", got)
	}
}

// TestWeeklyRoundsRefuseBadInput: each bad field shows the form again with
// /mock-admin rounds' message by it; nothing is stored, posted or audited.
func TestWeeklyRoundsRefuseBadInput(t *testing.T) {
	s := newSite(t, siteOptions{Bot: true})
	s.member("boss", s.alpha)
	ch := s.textChannel(s.alpha, "mock-interviews")
	ctx := context.Background()
	if _, err := s.st.Interviews.UpdateSettings(ctx, s.alpha, store.InterviewSetup{ChannelID: &ch}); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("boss")
	betaRole := s.dc.Role(s.beta, "Admin").ID
	for _, c := range []struct{ field, value, want string }{
		{"time", "25:00", "Time: "},
		{"time", "", "Choose the round&#39;s weekday and time"},
		{"timezone", "PST", "America/Los_Angeles"},
		{"timezone", "Mars/Olympus", "Time zone: "},
		{"weekday", "someday", "Unknown weekday"},
		{"enabled", "maybe", "Choose whether the rounds run"},
		{"role", betaRole, "Choose a role of this server"},
		{"role", s.alpha, "Choose a role of this server"},
	} {
		form := roundsForm(b.csrf(), "")
		form.Set(c.field, c.value)
		status, body := b.post("/s/"+s.alpha+"/admin/mock/rounds", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || !strings.Contains(body, `id="e-`) {
			t.Errorf("%s=%q: %d, want the message %q\n%s", c.field, c.value, status, c.want, body)
		}
	}
	set, err := s.st.Interviews.Settings(ctx, s.alpha)
	if err != nil {
		t.Fatal(err)
	}
	if set.RoundsEnabled || set.RoundsTime != "" || set.RoundsMessageID != "" {
		t.Fatalf("refused rounds were stored: %+v", set)
	}
	if msgs := s.dc.Messages(ch); len(msgs) != 0 {
		t.Fatalf("refused rounds posted: %+v", msgs)
	}
	if lines := s.auditLines(s.alpha); len(lines) != 0 {
		t.Fatalf("refused rounds audited: %+v", lines)
	}
}
