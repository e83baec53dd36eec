package question_test

import (
	"maps"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

func TestQuestionTwiceGivesTwoDifferentTikTokQuestions(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	a := h.Run("alice", "/question company:tiktok")
	b := h.Run("alice", "/question company:tiktok")
	for _, m := range []*discordgo.Message{a, b} {
		if bottest.IsEphemeral(m) || bottest.Field(m, "Company") != "TikTok" {
			t.Fatalf("reply is not a public TikTok question: %s", bottest.Text(m))
		}
		if got := strings.Join(bottest.Labels(m), ","); got != "Solution,Another,Discuss,Related" {
			t.Fatalf("buttons %s", got)
		}
	}
	if bottest.FooterID(a) == "" || bottest.FooterID(a) == bottest.FooterID(b) {
		t.Fatalf("same question twice: %q %q", bottest.FooterID(a), bottest.FooterID(b))
	}
	// Another keeps the filter and still does not repeat.
	c, _ := h.Click("alice", b, "Another")
	if bottest.Field(c, "Company") != "TikTok" || bottest.FooterID(c) == bottest.FooterID(a) || bottest.FooterID(c) == bottest.FooterID(b) {
		t.Fatalf("Another: %s (%s)", bottest.FooterID(c), bottest.Field(c, "Company"))
	}
}

func TestQuestionRepeatsOldestWhenAllSeen(t *testing.T) {
	bank := []data.Question{
		{ID: "a-1", Title: "One", Company: "Acme", Category: "System Design", Difficulty: "easy", Prompt: "p1", Added: "2026-01-01"},
		{ID: "a-2", Title: "Two", Company: "Acme", Category: "System Design", Difficulty: "easy", Prompt: "p2", Added: "2026-01-01"},
	}
	h := bottest.New(t, bottest.Options{Bank: bank})
	first := bottest.FooterID(h.Run("alice", "/question company:acme"))
	h.Clock.Advance(1e9)
	second := bottest.FooterID(h.Run("alice", "/question company:acme"))
	h.Clock.Advance(1e9)
	third := h.Run("alice", "/question company:acme")
	if first == second || bottest.FooterID(third) != first || !strings.Contains(third.Content, "seen every question") {
		t.Fatalf("picks %s %s %s (%q)", first, second, bottest.FooterID(third), third.Content)
	}
}

func TestAutocompleteOffersTikTokFirstWithCounts(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	choices, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: "tik"}}}, "company")
	if err != nil {
		t.Fatal(err)
	}
	n, _ := h.Store.Questions.Count(h.Ctx, store.Filter{Company: "TikTok"})
	if len(choices) == 0 || choices[0].Value != "TikTok" || choices[0].Name != "TikTok ("+strconv.Itoa(n)+")" {
		t.Fatalf("choices %+v, want TikTok (%d) first", choices, n)
	}
	// The other options already chosen narrow the counts.
	choices, err = h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "company", Value: ""}, {Name: "difficulty", Value: "hard"}}}, "company")
	if err != nil {
		t.Fatal(err)
	}
	if len(choices) == 0 || len(choices) > 25 {
		t.Fatalf("%d choices", len(choices))
	}
	for _, c := range choices {
		want, _ := h.Store.Questions.Count(h.Ctx, store.Filter{Company: c.Value.(string), Difficulty: "hard"})
		if c.Name != c.Value.(string)+" ("+strconv.Itoa(want)+")" {
			t.Fatalf("choice %q, want count %d of hard questions", c.Name, want)
		}
	}
	// A hostile typed value gets no choices and no error.
	choices, err = h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "role", Value: strings.Repeat("x", 6000)}}}, "role")
	if err != nil || len(choices) != 0 {
		t.Fatalf("hostile autocomplete: %v %v", choices, err)
	}
}

func TestQuestionDidYouMean(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("alice", "/question company:tiktk")
	if !bottest.IsEphemeral(m) || !strings.Contains(bottest.Text(m), "Did you mean **TikTok**") {
		t.Fatalf("reply: %s", bottest.Text(m))
	}
	q, _ := h.Click("alice", m, "company: TikTok")
	if bottest.Field(q, "Company") != "TikTok" {
		t.Fatalf("did-you-mean button gave %s", bottest.Text(q))
	}
}

func TestQuestionNoMatchNamesTheFilter(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	// Find a company and a category with no question together.
	companies, _ := h.Store.Questions.Values(h.Ctx, data.KindCompany, store.Filter{})
	cats, _ := h.Store.Questions.Values(h.Ctx, data.KindCategory, store.Filter{})
	company, missing := "", ""
	for _, co := range companies {
		for _, c := range cats {
			if n, _ := h.Store.Questions.Count(h.Ctx, store.Filter{Company: co.Name, Category: c.Name}); n == 0 && missing == "" {
				company, missing = co.Name, c.Name
			}
		}
	}
	if missing == "" {
		t.Skip("every company has questions in every category")
	}
	m := h.Run("alice", `/question company:"`+company+`" category:"`+missing+`"`)
	if !bottest.IsEphemeral(m) || !strings.Contains(bottest.Text(m), "adding category: **"+missing+"**") {
		t.Fatalf("reply: %s", bottest.Text(m))
	}
	if len(bottest.Labels(m)) == 0 {
		t.Fatal("no nearest filter offered")
	}
	q, _ := h.Click("alice", m, bottest.Labels(m)[0])
	if len(q.Embeds) == 0 || bottest.FooterID(q) == "" {
		t.Fatalf("nearest filter gave %s", bottest.Text(q))
	}
}

func TestSolutionIsEphemeralAndCompleteForTheLongest(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
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
	sq, err := h.Store.Questions.ByID(h.Ctx, "", longest.ID)
	if err != nil {
		t.Fatal(err)
	}
	var m *discordgo.Message
	for i := 0; i < 20 && bottest.FooterID(m) != longest.ID; i++ {
		m = h.Run("alice", `/question company:"`+longest.Company+`" search:"`+longest.Title+`"`)
	}
	if bottest.FooterID(m) != longest.ID {
		t.Fatalf("could not get %s", longest.ID)
	}
	_, in := h.Click("alice", m, "Solution")
	want := bot.SolutionPages(sq)
	msgs := in.Messages()
	if len(msgs) != len(want) {
		t.Fatalf("%d messages for %d pages", len(msgs), len(want))
	}
	var got strings.Builder
	for i, msg := range msgs {
		if !bottest.IsEphemeral(msg) {
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
	h := bottest.New(t, bottest.Options{})
	m := h.Run("alice", "/question company:google")
	r1, _ := h.Click("alice", m, "Discuss")
	if !bottest.IsEphemeral(r1) || !strings.Contains(r1.Content, "<#") {
		t.Fatalf("discuss reply: %s", bottest.Text(r1))
	}
	threads := h.Srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("%d threads", len(threads))
	}
	th := threads[0]
	r2, _ := h.Click("bob", m, "Discuss")
	if !strings.Contains(r2.Content, th.ID) || len(h.Srv.Threads()) != 1 {
		t.Fatalf("second discuss: %s; %d threads", r2.Content, len(h.Srv.Threads()))
	}
	members := strings.Join(h.Srv.ThreadMembers(th.ID), ",")
	for _, u := range []string{"alice", "bob"} {
		if !strings.Contains(members, h.Srv.User(u).ID) {
			t.Fatalf("%s is not in the thread (%s)", u, members)
		}
	}
}

func TestRelatedAndOpen(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("alice", "/question company:tiktok")
	rel, _ := h.Click("alice", m, "Related")
	if !bottest.IsEphemeral(rel) || bottest.SelectID(rel) == "" {
		t.Fatalf("related: %s", bottest.Text(rel))
	}
	opts := rel.Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.SelectMenu).Options
	in, err := h.Srv.Select(h.Ctx, "alice", rel, bottest.SelectID(rel), opts[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	q, err := in.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bottest.IsEphemeral(q) || bottest.FooterID(q) != opts[0].Value {
		t.Fatalf("open: %s", bottest.Text(q))
	}
}

func TestQuestionInDMHasNoDiscussButton(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	in, err := h.Srv.Command(h.Ctx, "alice", "dm", "/question company:meta")
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if bottest.Field(m, "Company") != "Meta" || strings.Contains(strings.Join(bottest.Labels(m), ","), "Discuss") {
		t.Fatalf("DM reply: %s %v", bottest.Text(m), bottest.Labels(m))
	}
}

func TestQuestionsBrowse(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("alice", "/questions company:tiktok")
	total, _ := h.Store.Questions.Count(h.Ctx, store.Filter{Company: "TikTok"})
	if !bottest.IsEphemeral(m) || !strings.HasPrefix(m.Embeds[0].Title, strconv.Itoa(total)+" questions") {
		t.Fatalf("browse: %s", bottest.Text(m))
	}
	if total > 10 {
		if n := strings.Count(m.Embeds[0].Description, "\n"); n != 10 {
			t.Fatalf("%d lines on page 1", n)
		}
		p2, _ := h.Click("alice", m, "Next")
		if !strings.Contains(p2.Embeds[0].Footer.Text, "Page 2") || !strings.Contains(p2.Embeds[0].Description, "`11.`") {
			t.Fatalf("page 2: %s", bottest.Text(p2))
		}
	}
}

func TestHostileOptionValuesGetAClearReply(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
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
			in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{User: "alice", Name: "question",
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: tc.option, Value: tc.value}}})
			if err != nil {
				t.Fatal(err)
			}
			m, err := in.WaitMessage(h.Ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !bottest.IsEphemeral(m) || strings.Contains(bottest.Text(m), "Something went wrong") || strings.TrimSpace(bottest.Text(m)) == "" {
				t.Fatalf("reply: %s", bottest.Text(m))
			}
			if len(bottest.Text(m)) > 1500 {
				t.Fatalf("reply echoes too much: %d bytes", len(bottest.Text(m)))
			}
		})
	}
	// The bank is intact.
	if m := h.Run("alice", "/question company:tiktok"); bottest.Field(m, "Company") != "TikTok" {
		t.Fatalf("after hostile input: %s", bottest.Text(m))
	}
}

// buttonIDs returns the custom_ids of m's buttons by label.
func buttonIDs(m *discordgo.Message) map[string]string {
	out := map[string]string{}
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(*discordgo.Button); ok {
					out[b.Label] = b.CustomID
				}
			}
		}
	}
	return out
}

// The custom_ids on the wire keep their form: buttons already in members'
// messages must keep working.
func TestCustomIDsKeepTheirForm(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("alice", "/question company:tiktok")
	id := bottest.FooterID(m)
	want := map[string]string{"Solution": "q1/solution/" + id, "Another": "q1/another/tiktok/////",
		"Discuss": "q1/discuss/" + id, "Related": "q1/related/" + id}
	if got := buttonIDs(m); !maps.Equal(got, want) {
		t.Errorf("/question buttons %v, want %v", got, want)
	}
	alice := h.Srv.User("alice").ID
	list := h.Run("alice", "/questions company:tiktok")
	if got := bottest.SelectID(list); got != "q1/open/"+alice {
		t.Errorf("/questions menu %q", got)
	}
	if got := buttonIDs(list)["Next"]; got != "q1/page/"+alice+"/1/tiktok/////" {
		t.Errorf("/questions Next %q", got)
	}
}
