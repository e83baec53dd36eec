package bot

import (
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// field returns the value of the named field of m's first embed.
func field(m *discordgo.Message, name string) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	for _, f := range m.Embeds[0].Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// footerID returns the question id in m's footer.
func footerID(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Footer == nil {
		return ""
	}
	s := strings.TrimPrefix(m.Embeds[0].Footer.Text, "id: ")
	id, _, _ := strings.Cut(s, " ")
	return id
}

// labels returns the labels of m's buttons.
func labels(m *discordgo.Message) []string {
	var out []string
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(*discordgo.Button); ok {
					out = append(out, b.Label)
				}
			}
		}
	}
	return out
}

// selectID returns the custom_id of m's first select menu.
func selectID(m *discordgo.Message) string {
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if s, ok := c.(*discordgo.SelectMenu); ok {
					return s.CustomID
				}
			}
		}
	}
	return ""
}

// text joins the content and embed texts of m.
func text(m *discordgo.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
	}
	return b.String()
}

func isEphemeral(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }

func TestQuestionTwiceGivesTwoDifferentTikTokQuestions(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	a := h.run("alice", "/question company:tiktok")
	b := h.run("alice", "/question company:tiktok")
	for _, m := range []*discordgo.Message{a, b} {
		if isEphemeral(m) || field(m, "Company") != "TikTok" {
			t.Fatalf("reply is not a public TikTok question: %s", text(m))
		}
		if got := strings.Join(labels(m), ","); got != "Solution,Another,Discuss,Related" {
			t.Fatalf("buttons %s", got)
		}
	}
	if footerID(a) == "" || footerID(a) == footerID(b) {
		t.Fatalf("same question twice: %q %q", footerID(a), footerID(b))
	}
	// Another keeps the filter and still does not repeat.
	c, _ := h.click("alice", b, "Another")
	if field(c, "Company") != "TikTok" || footerID(c) == footerID(a) || footerID(c) == footerID(b) {
		t.Fatalf("Another: %s (%s)", footerID(c), field(c, "Company"))
	}
}

func TestQuestionRepeatsOldestWhenAllSeen(t *testing.T) {
	bank := []data.Question{
		{ID: "a-1", Title: "One", Company: "Acme", Category: "System Design", Difficulty: "easy", Prompt: "p1", Added: "2026-01-01"},
		{ID: "a-2", Title: "Two", Company: "Acme", Category: "System Design", Difficulty: "easy", Prompt: "p2", Added: "2026-01-01"},
	}
	h := newHarness(t, harnessOpts{bank: bank})
	first := footerID(h.run("alice", "/question company:acme"))
	h.clock.Advance(1e9)
	second := footerID(h.run("alice", "/question company:acme"))
	h.clock.Advance(1e9)
	third := h.run("alice", "/question company:acme")
	if first == second || footerID(third) != first || !strings.Contains(third.Content, "seen every question") {
		t.Fatalf("picks %s %s %s (%q)", first, second, footerID(third), third.Content)
	}
}

func TestAutocompleteOffersTikTokFirstWithCounts(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	choices, err := h.srv.Autocomplete(h.ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: "tik"}}}, "company")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := h.store.Questions.Count(h.ctx, store.Filter{Company: "TikTok"})
	if len(choices) == 0 || choices[0].Value != "TikTok" || choices[0].Name != "TikTok ("+strconv.Itoa(n)+")" {
		t.Fatalf("choices %+v, want TikTok (%d) first", choices, n)
	}
	// The other options already chosen narrow the counts.
	choices, err = h.srv.Autocomplete(h.ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: ""}, {Name: "difficulty", Value: "hard"}}}, "company")
	if err != nil {
		t.Fatal(err)
	}
	if len(choices) == 0 || len(choices) > 25 {
		t.Fatalf("%d choices", len(choices))
	}
	for _, c := range choices {
		want, _ := h.store.Questions.Count(h.ctx, store.Filter{Company: c.Value.(string), Difficulty: "hard"})
		if c.Name != c.Value.(string)+" ("+strconv.Itoa(want)+")" {
			t.Fatalf("choice %q, want count %d of hard questions", c.Name, want)
		}
	}
	// A hostile typed value gets no choices and no error.
	choices, err = h.srv.Autocomplete(h.ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "role", Value: strings.Repeat("x", 6000)}}}, "role")
	if err != nil || len(choices) != 0 {
		t.Fatalf("hostile autocomplete: %v %v", choices, err)
	}
}

func TestQuestionDidYouMean(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	m := h.run("alice", "/question company:tiktk")
	if !isEphemeral(m) || !strings.Contains(text(m), "Did you mean **TikTok**") {
		t.Fatalf("reply: %s", text(m))
	}
	q, _ := h.click("alice", m, "company: TikTok")
	if field(q, "Company") != "TikTok" {
		t.Fatalf("did-you-mean button gave %s", text(q))
	}
}

func TestQuestionNoMatchNamesTheFilter(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	// Find a company and a category with no question together.
	companies, _ := h.store.Questions.Values(h.ctx, data.KindCompany, store.Filter{})
	cats, _ := h.store.Questions.Values(h.ctx, data.KindCategory, store.Filter{})
	company, missing := "", ""
	for _, co := range companies {
		for _, c := range cats {
			if n, _ := h.store.Questions.Count(h.ctx, store.Filter{Company: co.Name, Category: c.Name}); n == 0 && missing == "" {
				company, missing = co.Name, c.Name
			}
		}
	}
	if missing == "" {
		t.Skip("every company has questions in every category")
	}
	m := h.run("alice", `/question company:"`+company+`" category:"`+missing+`"`)
	if !isEphemeral(m) || !strings.Contains(text(m), "adding category: **"+missing+"**") {
		t.Fatalf("reply: %s", text(m))
	}
	if len(labels(m)) == 0 {
		t.Fatal("no nearest filter offered")
	}
	q, _ := h.click("alice", m, labels(m)[0])
	if len(q.Embeds) == 0 || footerID(q) == "" {
		t.Fatalf("nearest filter gave %s", text(q))
	}
}

func TestSolutionIsEphemeralAndCompleteForTheLongest(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	longest := bank[0]
	for _, q := range bank {
		if len(q.Solution) > len(longest.Solution) {
			longest = q
		}
	}
	sq, err := h.store.Questions.ByID(h.ctx, "", longest.ID)
	if err != nil {
		t.Fatal(err)
	}
	var m *discordgo.Message
	for i := 0; i < 20 && footerID(m) != longest.ID; i++ {
		m = h.run("alice", `/question company:"`+longest.Company+`" search:"`+longest.Title+`"`)
	}
	if footerID(m) != longest.ID {
		t.Fatalf("could not get %s", longest.ID)
	}
	_, in := h.click("alice", m, "Solution")
	want := SolutionPages(sq)
	msgs := in.Messages()
	if len(msgs) != len(want) {
		t.Fatalf("%d messages for %d pages", len(msgs), len(want))
	}
	var got strings.Builder
	for i, msg := range msgs {
		if !isEphemeral(msg) {
			t.Fatalf("solution page %d is public", i)
		}
		if len(msg.Embeds) != len(want[i]) {
			t.Fatalf("page %d: %d embeds, want %d", i, len(msg.Embeds), len(want[i]))
		}
		for _, e := range msg.Embeds {
			got.WriteString(e.Description + "\n")
		}
	}
	for _, line := range strings.Split(longest.Solution, "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.Contains(got.String(), l) {
			t.Fatalf("solution line missing: %q", l)
		}
	}
	t.Logf("longest solution %s: %d characters in %d message(s)", longest.ID, len([]rune(longest.Solution)), len(msgs))
}

func TestDiscussOpensOneThreadPerQuestionAndChannel(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	m := h.run("alice", "/question company:google")
	r1, _ := h.click("alice", m, "Discuss")
	if !isEphemeral(r1) || !strings.Contains(r1.Content, "<#") {
		t.Fatalf("discuss reply: %s", text(r1))
	}
	threads := h.srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("%d threads", len(threads))
	}
	th := threads[0]
	r2, _ := h.click("bob", m, "Discuss")
	if !strings.Contains(r2.Content, th.ID) || len(h.srv.Threads()) != 1 {
		t.Fatalf("second discuss: %s; %d threads", r2.Content, len(h.srv.Threads()))
	}
	members := strings.Join(h.srv.ThreadMembers(th.ID), ",")
	for _, u := range []string{"alice", "bob"} {
		if !strings.Contains(members, h.srv.User(u).ID) {
			t.Fatalf("%s is not in the thread (%s)", u, members)
		}
	}
}

func TestRelatedAndOpen(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	m := h.run("alice", "/question company:tiktok")
	rel, _ := h.click("alice", m, "Related")
	if !isEphemeral(rel) || selectID(rel) == "" {
		t.Fatalf("related: %s", text(rel))
	}
	opts := rel.Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.SelectMenu).Options
	in, err := h.srv.Select(h.ctx, "alice", rel, selectID(rel), opts[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	q, err := in.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !isEphemeral(q) || footerID(q) != opts[0].Value {
		t.Fatalf("open: %s", text(q))
	}
}

func TestQuestionInDMHasNoDiscussButton(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	in, err := h.srv.Command(h.ctx, "alice", "dm", "/question company:meta")
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if field(m, "Company") != "Meta" || strings.Contains(strings.Join(labels(m), ","), "Discuss") {
		t.Fatalf("DM reply: %s %v", text(m), labels(m))
	}
}

func TestQuestionsBrowse(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	m := h.run("alice", "/questions company:tiktok")
	total, _ := h.store.Questions.Count(h.ctx, store.Filter{Company: "TikTok"})
	if !isEphemeral(m) || !strings.HasPrefix(m.Embeds[0].Title, strconv.Itoa(total)+" questions") {
		t.Fatalf("browse: %s", text(m))
	}
	if total > 10 {
		if n := strings.Count(m.Embeds[0].Description, "\n"); n != 10 {
			t.Fatalf("%d lines on page 1", n)
		}
		p2, _ := h.click("alice", m, "Next")
		if !strings.Contains(p2.Embeds[0].Footer.Text, "Page 2") || !strings.Contains(p2.Embeds[0].Description, "`11.`") {
			t.Fatalf("page 2: %s", text(p2))
		}
	}
}

func TestHostileOptionValuesGetAClearReply(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	cases := []struct {
		name, option, value string
	}{
		{"6000 characters", "company", strings.Repeat("a", 6000)},
		{"6000 character search", "search", strings.Repeat("ab ", 2000)},
		{"emoji", "company", "🔥🚀"},
		{"emoji search", "search", "🔥🚀"},
		{"rtl", "role", "מהנדס תוכנה \u202e"},
		{"sql", "category", "x'; DROP TABLE questions; --"},
		{"sql search", "search", `" OR 1=1; DELETE FROM seen; --`},
		{"mention", "round", "@everyone <@&1>"},
		{"zero width", "company", "\u200b\u200b"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, err := h.srv.Slash(h.ctx, discordtest.Slash{User: "alice", Name: "question",
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: tc.option, Value: tc.value}}})
			if err != nil {
				t.Fatal(err)
			}
			m, err := in.WaitMessage(h.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !isEphemeral(m) || strings.Contains(text(m), "Something went wrong") || strings.TrimSpace(text(m)) == "" {
				t.Fatalf("reply: %s", text(m))
			}
			if len(text(m)) > 1500 {
				t.Fatalf("reply echoes too much: %d bytes", len(text(m)))
			}
		})
	}
	// The bank is intact.
	if m := h.run("alice", "/question company:tiktok"); field(m, "Company") != "TikTok" {
		t.Fatalf("after hostile input: %s", text(m))
	}
}
