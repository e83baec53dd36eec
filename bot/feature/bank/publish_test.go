package bank_test

import (
	"strings"
	"testing"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/store"
)

// auditLines are the default server's audit lines, oldest first, as
// "action: detail"; each must come from Discord, by the owner.
func auditLines(t *testing.T, h *bottest.Harness) []string {
	t.Helper()
	lines, err := h.Store.Audit.Log(h.Ctx, h.Srv.DefaultGuild().ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(lines) - 1; i >= 0; i-- {
		if l := lines[i]; l.Source != store.AuditDiscord || l.UserID != h.Srv.User("owner").ID {
			t.Errorf("audit line %+v: want source discord, by the owner", l)
		}
		out = append(out, lines[i].Action+": "+lines[i].Detail)
	}
	return out
}

// TestBankPublish: /bank publish is the dashboard's publish switch (the
// same store call): on by default, off with on:false, each change audited;
// the answer gives the public address of the server's bank when the site
// serves it, else names what is missing.
func TestBankPublish(t *testing.T) {
	site := bot.Site{URL: "https://prep.example.org", PublicBank: true, Served: true}
	for _, c := range []struct {
		name string
		site bot.Site
		want string
	}{
		{"served", site, "public at https://prep.example.org/s/{guild}/bank"},
		{"no address", bot.Site{PublicBank: true, Served: true}, "must set `PUBLIC_URL`"},
		{"no public bank", bot.Site{URL: site.URL, Served: true}, "must set `WEB_PUBLIC_BANK=true`"},
		{"not served", bot.Site{URL: site.URL, PublicBank: true}, "must set `WEB_ADDR`"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := bottest.New(t, bottest.Options{Config: func(cfg *bot.Config) { cfg.Site = c.site }})
			guild := h.Srv.DefaultGuild().ID
			m := h.Run("owner", "/bank publish")
			want := strings.ReplaceAll(c.want, "{guild}", guild)
			if text := bottest.Text(m); bot.IsErrorMessage(m) || !bottest.IsEphemeral(m) || !strings.Contains(text, want) {
				t.Fatalf("/bank publish: %s\nwant %q", text, want)
			}
			if on, err := h.Store.Web.Published(h.Ctx, guild); err != nil || !on {
				t.Fatalf("published: %v %v", on, err)
			}
			h.Run("owner", "/bank publish on:true") // unchanged: no second line
			if m := h.Run("owner", "/bank publish on:false"); !strings.Contains(bottest.Text(m), "not on the public pages") {
				t.Fatalf("/bank publish on:false: %s", bottest.Text(m))
			}
			if on, _ := h.Store.Web.Published(h.Ctx, guild); on {
				t.Fatal("still published")
			}
			if m := h.Run("member", "/bank publish"); !bot.IsErrorMessage(m) {
				t.Fatalf("a member published: %s", bottest.Text(m))
			}
			if on, _ := h.Store.Web.Published(h.Ctx, guild); on {
				t.Fatal("a member published the bank")
			}
			got := strings.Join(auditLines(t, h), "\n")
			if got != "bank.publish: own questions published on the public pages\nbank.publish: own questions no longer published" {
				t.Fatalf("audit lines:\n%s", got)
			}
		})
	}
}

// TestBankCommandsLeaveAuditLines: /bank import and /bank review's
// settings leave audit lines as the dashboard's changes do; a refused
// import, export, stats and the pending list leave none.
func TestBankCommandsLeaveAuditLines(t *testing.T) {
	h := bottest.New(t, bottest.Options{})
	if m := h.Run("owner", "/bank import file:"+writeFile(t, "broken.yaml", brokenYAML)); !strings.Contains(bottest.Text(m), "impossible") {
		t.Fatalf("the broken import was not refused: %s", bottest.Text(m))
	}
	h.Run("owner", "/bank import file:"+writeFile(t, "acme.yaml", importYAML))
	h.Run("owner", "/bank export")
	h.Run("owner", "/bank stats")
	review := setupReview(h)
	h.Run("owner", "/bank review limit:3")
	h.Run("owner", "/bank review")
	want := []string{
		"bank.import: acme.yaml: 2 added, 0 updated, 0 unchanged. They are visible in this server only.",
		"bank.review: review channel " + review.ID,
		"bank.review: pending limit 3",
	}
	if got := auditLines(t, h); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
