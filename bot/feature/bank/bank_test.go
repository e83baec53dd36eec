package bank_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/store"
)

const importYAML = `- title: Quokka cache eviction
  company: Acme Widgets
  roles: [swe]
  category: system design
  difficulty: medium
  prompt: Design an eviction policy for the quokka cache.
  solution: LRU with admission control.
- title: Quokka queue backpressure
  company: Acme Widgets
  category: system design
  difficulty: hard
  prompt: How does the quokka queue push back on producers?
`

const brokenYAML = `- title: Wombat fine
  company: Acme
  category: coding
  difficulty: easy
  prompt: ok
- title: Broken
  company: Acme
  category: coding
  difficulty: impossible
  prompt: p
- company: Acme
  category: coding
  difficulty: easy
  prompt: no title
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func bankSlash(h *bottest.Harness, guild, user string, sub *discordgo.ApplicationCommandInteractionDataOption, perms int64) (*discordgo.Message, error) {
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: guild, User: user, Name: "bank", Perms: perms,
		Options: []*discordgo.ApplicationCommandInteractionDataOption{sub}})
	if err != nil {
		return nil, err
	}
	return in.WaitMessage(h.Ctx)
}

// setupReview makes a #reviews channel the review channel, as the
// server's owner.
func setupReview(h *bottest.Harness) *discordgo.Channel {
	return h.SetupChannel("reviews", "/bank review channel:#reviews")
}

func TestBankImportExportScopedToTheServer(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("owner", "/bank import file:"+writeFile(t, "acme.yaml", importYAML))
	if !strings.Contains(bottest.Text(m), "**2** added") { // (the loopback drops the ephemeral flag when a deferred reply is edited)
		t.Fatalf("import: %s (flags %d)", bottest.Text(m), m.Flags)
	}
	q := h.Run("alice", "/question company:acmewidgets search:quokka")
	if bottest.Field(q, "Company") != "Acme Widgets" {
		t.Fatalf("imported question not served: %s", bottest.Text(q))
	}
	// Another server does not see them.
	g2 := h.Srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	in, err := h.Srv.Slash(h.Ctx, discordtest.Slash{Guild: g2.ID, User: "alice", Name: "question",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "search", Value: "quokka"}}})
	if err != nil {
		t.Fatal(err)
	}
	if other, err := in.WaitMessage(h.Ctx); err != nil || !bot.IsErrorMessage(other) {
		t.Fatalf("visible elsewhere: %v %v", other, err)
	}
	// Export gives the server's own questions back as a file.
	exp := h.Run("owner", "/bank export format:json")
	if len(exp.Attachments) != 1 || !strings.HasSuffix(exp.Attachments[0].Filename, ".json") {
		t.Fatalf("export: %s %+v", bottest.Text(exp), exp.Attachments)
	}
	resp, err := http.Get(exp.Attachments[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	entries, err := data.Parse("export.json", body, data.JSON)
	if err != nil || len(entries) != 2 || entries[0].Company != "Acme Widgets" {
		t.Fatalf("exported file: %d entries, %v\n%s", len(entries), err, body)
	}
	// Importing the export again changes nothing.
	m = h.Run("owner", "/bank import file:"+writeFile(t, "again.json", string(body)))
	if !strings.Contains(bottest.Text(m), "**2** unchanged") {
		t.Fatalf("re-import: %s", bottest.Text(m))
	}
	st := h.Run("owner", "/bank stats")
	if !strings.Contains(st.Embeds[0].Description, "**2** of them its own") || !strings.Contains(bottest.Field(st, "Companies"), "Acme Widgets — 2") {
		t.Fatalf("stats: %s", bottest.Text(st))
	}
}

// TestBankImportWarnsOfVeryCloseQuestions: reworded copies of questions
// the server already sees are imported all the same, and the reply names
// the first five pairs of very close questions with their score, as
// `prepcord import` does; questions unlike any other draw no warning.
func TestBankImportWarnsOfVeryCloseQuestions(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	if m := bottest.Text(h.Run("owner", "/bank import file:"+writeFile(t, "acme.yaml", importYAML))); !strings.Contains(m, "**2** added") || strings.Contains(m, "very close") {
		t.Fatalf("import of new questions: %s", m)
	}
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	var file strings.Builder
	for i, q := range bank[:7] {
		fmt.Fprintf(&file, "- id: acme-copy-%d\n  title: %q\n  company: Acme\n  category: coding\n  difficulty: easy\n  prompt: %q\n",
			i, "Please "+q.Title, strings.ReplaceAll(q.Prompt, "you", "the candidate"))
	}
	file.WriteString("- {id: acme-other, title: Reverse a singly linked list, company: Acme, category: coding, difficulty: easy, prompt: Do it in place with constant extra memory.}\n")
	m := bottest.Text(h.Run("owner", "/bank import file:"+writeFile(t, "copies.yaml", file.String())))
	if !strings.Contains(m, "**8** added") || !strings.Contains(m, "worth checking for duplicates") {
		t.Fatalf("import of copies: %s", m)
	}
	pair := regexp.MustCompile("• `acme-copy-[0-6]` is very close to existing `([a-z0-9-]+)` \\((0\\.[3-9]\\d|1\\.00)\\)")
	if n := len(pair.FindAllString(m, -1)); n != 5 || strings.Count(m, "• ") != 5 || !regexp.MustCompile(`…and \d+ more pairs?\.`).MatchString(m) {
		t.Fatalf("want 5 pairs and how many more, got %d: %s", n, m)
	}
	for _, sm := range pair.FindAllStringSubmatch(m, -1) {
		if !slices.ContainsFunc(bank[:7], func(q data.Question) bool { return q.ID == sm[1] }) {
			t.Errorf("pair with %s, which no copy was made of", sm[1])
		}
	}
	if strings.Contains(m, "acme-other") {
		t.Errorf("a question unlike any other was named: %s", m)
	}
	if n, err := h.Store.Questions.Count(h.Ctx, store.Filter{Scope: h.Srv.DefaultGuild().ID, Company: "Acme"}); err != nil || n != 8 {
		t.Fatalf("the copies were not all imported: %d, %v", n, err)
	}
}

func TestBankImportProblemsAndLimits(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	m := h.Run("owner", "/bank import file:"+writeFile(t, "broken.yaml", brokenYAML))
	if !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "Nothing was imported") || !strings.Contains(bottest.Text(m), "line 9") ||
		!strings.Contains(bottest.Text(m), "line 11") {
		t.Fatalf("problems: %s", bottest.Text(m))
	}
	if n, _ := h.Store.Questions.Count(h.Ctx, store.Filter{Scope: h.Srv.DefaultGuild().ID, Search: "wombat"}); n != 0 {
		t.Fatal("a refused import wrote questions")
	}
	big := strings.Repeat("#", data.MaxFileBytes+10)
	m = h.Run("owner", "/bank import file:"+writeFile(t, "big.yaml", big))
	if !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "limit") {
		t.Fatalf("big file: %s", bottest.Text(m))
	}
	m = h.Run("owner", "/bank import file:"+writeFile(t, "notes.txt", "hello there"))
	if !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "format") {
		t.Fatalf("unknown format: %s", bottest.Text(m))
	}
	// A member without Manage Server is refused even if Discord let them run it.
	g := h.Srv.DefaultGuild()
	m, err := bankSlash(h, g.ID, "bob", &discordgo.ApplicationCommandInteractionDataOption{Name: "stats", Type: discordgo.ApplicationCommandOptionSubCommand},
		discordgo.PermissionViewChannel|discordgo.PermissionSendMessages)
	if err != nil {
		t.Fatal(err)
	}
	if !bot.IsErrorMessage(m) || !strings.Contains(bottest.Text(m), "Manage Server") {
		t.Fatalf("non-admin /bank: %s", bottest.Text(m))
	}
	// /bank is an admin command by default in Discord too.
	for _, c := range h.Bot.Commands() {
		if c.Name == "bank" && (c.DefaultMemberPermissions == nil || *c.DefaultMemberPermissions != discordgo.PermissionManageGuild) {
			t.Fatalf("/bank default permissions %v", c.DefaultMemberPermissions)
		}
	}
}

func TestHelpShowsSetupStateToAdmins(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	member := h.Run("alice", "/help")
	if strings.Contains(bottest.Text(member), "Setup for admins") || !strings.Contains(bottest.Text(member), "/question company:tiktok") {
		t.Fatalf("member help: %s", bottest.Text(member))
	}
	admin := h.Run("owner", "/help")
	if !strings.Contains(bottest.Text(admin), "Review channel:** not set") || !strings.Contains(bottest.Text(admin), "/daily setup") {
		t.Fatalf("admin help: %s", bottest.Text(admin))
	}
	setupReview(h)
	admin = h.Run("owner", "/help")
	if !strings.Contains(bottest.Text(admin), "Review channel:** <#") {
		t.Fatalf("admin help after setup: %s", bottest.Text(admin))
	}
}

func TestBankCountsReadRight(t *testing.T) {
	h := bottest.New(t, bottest.Options{Bank: datatest.Bank(1, 1)})
	guild := h.Srv.DefaultGuild().ID
	one := "- {title: Quokka one, company: Acme, category: coding, difficulty: impossible, prompt: p}\n"
	if m := bottest.Text(h.Run("owner", "/bank import file:"+writeFile(t, "one.yaml", one))); !strings.Contains(m, "has 1 problem. Fix it") {
		t.Fatalf("one problem: %s", m)
	}
	if m := bottest.Text(h.Run("owner", "/bank import file:"+writeFile(t, "broken.yaml", brokenYAML))); !strings.Contains(m, "has 2 problems. Fix them") {
		t.Fatalf("two problems: %s", m)
	}
	if m := bottest.Text(h.Run("owner", "/bank stats")); !strings.Contains(m, "**1** question visible") {
		t.Fatalf("stats of one: %s", m)
	}
	h.Run("owner", "/bank import file:"+writeFile(t, "fine.yaml", strings.Replace(one, "impossible", "easy", 1)))
	if m := h.Run("owner", "/bank export"); !strings.Contains(m.Content, "This server's 1 question,") {
		t.Fatalf("export of one: %s", m.Content)
	}
	if m := bottest.Text(h.Run("owner", "/bank stats")); !strings.Contains(m, "**2** questions visible") {
		t.Fatalf("stats of two: %s", m)
	}
	setupReview(h)
	h.Run("owner", "/bank review limit:1")
	h.RunForm("alice", "/suggest", "s1/suggest", map[string]string{"title": "Quokka two", "company_role": "Acme", "category_difficulty": "SQL / easy", "prompt": "p", "answer": ""})
	if m := bottest.Text(h.Run("owner", "/help")); !strings.Contains(m, "1 suggestion pending") {
		t.Fatalf("help: %s", m)
	}
	if m := bottest.Text(h.RunForm("alice", "/suggest", "s1/suggest", nil)); !strings.Contains(m, "You already have 1 suggestion awaiting review here (the limit is 1). Please wait until a moderator reviews it.") {
		t.Fatalf("limit of one: %s", m)
	}
	if _, err := h.Store.Suggestions.Add(h.Ctx, guild, h.Srv.User("alice").ID, data.Question{Title: "Quokka three", Company: "Acme",
		Category: "SQL", Difficulty: "easy", Prompt: "p"}); err == nil || !strings.Contains(err.Error(), "have 1 suggestion awaiting review here (the limit is 1). Please wait until a moderator reviews it.") {
		t.Fatalf("store limit of one: %v", err)
	}
}
