package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// upload sends a file to the bank import form.
func (b *browser) upload(path, csrf, name string, body []byte) (int, string) {
	b.s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if csrf != "" {
		_ = mw.WriteField("csrf", csrf)
	}
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(body)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.s.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.noRedirect().Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(out)
}

const importYAML = `- title: Design a ticket booking system
  company: Alphacorp
  category: System design
  difficulty: hard
  prompt: Design the booking of concert tickets.
- title: Find the median of a stream
  company: Alphacorp
  category: Algorithms
  difficulty: medium
  prompt: Keep the median of numbers as they arrive.
`

// TestBankImportEditExport: a file imports as /bank import would, a
// question of the server is edited through the import's checks, and the
// export gives the server's own questions in the format asked for.
func TestBankImportEditExport(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	b := s.browser()
	b.login("boss")
	ctx := context.Background()
	base := "/s/" + s.alpha + "/admin/bank"

	// Refused files change nothing.
	if status, body := b.upload(base+"/import", b.csrf(), "bad.yaml", []byte("- title: No company\n  prompt: x\n")); status != http.StatusUnprocessableEntity || !strings.Contains(body, "Nothing was imported") {
		t.Fatalf("bad file: %d\n%s", status, body)
	}
	if status, _ := b.upload(base+"/import", "", "good.yaml", []byte(importYAML)); status != http.StatusForbidden {
		t.Fatalf("import without CSRF: %d", status)
	}
	if qs, _ := s.st.Questions.Export(ctx, s.alpha); len(qs) != 0 {
		t.Fatalf("a refused import stored %d questions", len(qs))
	}
	// /bank import's size limit: 8 MiB.
	for _, size := range []int{data.MaxFileBytes + 1, data.MaxFileBytes + 3<<20} {
		big := bytes.Repeat([]byte("#"), size)
		if status, body := b.upload(base+"/import", b.csrf(), "big.yaml", big); status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "8 MiB") {
			t.Fatalf("a file of %d bytes: %d\n%.300s", size, status, body)
		}
	}
	status, body := b.upload(base+"/import", b.csrf(), "good.yaml", []byte(importYAML))
	if status != http.StatusOK || !strings.Contains(body, "good.yaml: 2 added, 0 updated, 0 unchanged") {
		t.Fatalf("import: %d\n%s", status, body)
	}
	qs, _ := s.st.Questions.Export(ctx, s.alpha)
	if len(qs) != 2 {
		t.Fatalf("%d questions after the import", len(qs))
	}
	// The search is the bank's: it finds the imported question, with an
	// editor link, and the bundled ones without.
	_, body = b.get(base + "?q=median")
	if !strings.Contains(body, "Find the median of a stream") || !strings.Contains(body, "bank/edit?id=") || strings.Contains(body, "ticket booking") {
		t.Fatalf("search:\n%s", body)
	}
	var id string
	for _, q := range qs {
		if strings.Contains(q.Title, "median") {
			id = q.ID
		}
	}
	status, body = b.get(base + "/edit?id=" + url.QueryEscape(id))
	if status != http.StatusOK || !strings.Contains(body, "Keep the median") {
		t.Fatalf("editor: %d\n%s", status, body)
	}
	form := url.Values{"csrf": {b.csrf()}, "id": {id}, "title": {"Find the median of a stream"}, "company": {"Alphacorp"},
		"category": {"Algorithms"}, "difficulty": {"impossible"}, "prompt": {"Keep the running median."}}
	if status, body := b.post(base+"/edit", form); status != http.StatusUnprocessableEntity || !strings.Contains(body, "Nothing was saved") || !strings.Contains(body, "difficulty") {
		t.Fatalf("bad edit: %d\n%s", status, body)
	}
	if q, _ := s.st.Questions.ByID(ctx, s.alpha, id); q.Difficulty != "medium" || q.Prompt != "Keep the median of numbers as they arrive." {
		t.Fatalf("a refused edit changed the question: %+v", q.Question)
	}
	form.Set("difficulty", "hard")
	form.Add("level", "senior")
	if status, body := b.post(base+"/edit", form); status != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", status, body)
	}
	if q, _ := s.st.Questions.ByID(ctx, s.alpha, id); q.Difficulty != "hard" || q.Prompt != "Keep the running median." || len(q.Level) != 1 {
		t.Fatalf("edited question: %+v", q.Question)
	}
	// The bundled questions are not the server's to edit.
	if status, _ := b.get(base + "/edit?id=" + url.QueryEscape(s.bundle[0].ID)); status != http.StatusNotFound {
		t.Fatalf("editing a bundled question: %d", status)
	}
	form.Set("id", s.bundle[0].ID)
	if status, _ := b.post(base+"/edit", form); status != http.StatusNotFound {
		t.Fatalf("saving a bundled question: %d", status)
	}
	for _, f := range []string{"yaml", "json", "csv"} {
		resp, err := b.c.Get(s.ts.URL + base + "/export?format=" + f)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		format, _ := data.ParseFormat(f)
		entries, err := data.Parse("export."+f, raw, format)
		if resp.StatusCode != http.StatusOK || err != nil || len(entries) != 2 || !strings.Contains(resp.Header.Get("Content-Disposition"), "prepcord-bank."+f) {
			t.Fatalf("export %s: %d, %d entries, %v\n%s", f, resp.StatusCode, len(entries), err, raw)
		}
	}
	if status, _ := b.get(base + "/export?format=xml"); status != http.StatusBadRequest {
		t.Fatalf("export as xml: %d", status)
	}
	var actions []string
	for _, l := range s.auditLines(s.alpha) {
		actions = append(actions, l.Action)
	}
	if got := strings.Join(actions, " "); got != "bank.edit bank.import" {
		t.Fatalf("audit: %s", got)
	}
	// Beta sees none of it.
	s.member("beta-boss", s.beta)
	bb := s.browser()
	bb.login("beta-boss")
	if _, body := bb.get("/s/" + s.beta + "/admin/bank?q=median"); strings.Contains(body, "Find the median") {
		t.Fatal("Beta's bank page shows Alpha's question")
	}
	if status, _ := bb.get("/s/" + s.beta + "/admin/bank/edit?id=" + url.QueryEscape(id)); status != http.StatusNotFound {
		t.Fatalf("Beta opens Alpha's question: %d", status)
	}
}

// TestMockSettingsAndQueue: the settings form checks as /mock-admin does
// and stores nothing on a refusal; the queue shows who waits.
func TestMockSettingsAndQueue(t *testing.T) {
	s := newSite(t, siteOptions{})
	s.member("boss", s.alpha)
	waiting := s.member("waiting")
	ctx := context.Background()
	ch := s.textChannel(s.alpha, "mock-interviews")
	cat, err := s.dc.AddChannel(s.alpha, "Mock voice", discordgo.ChannelTypeGuildCategory, "")
	if err != nil {
		t.Fatal(err)
	}
	betaCh := s.textChannel(s.beta, "beta-mock")
	if _, err := s.st.Interviews.JoinQueue(ctx, store.JoinRequest{GuildID: s.alpha, UserID: waiting, Topic: "dsa", ChannelID: ch, DefaultExpiry: time.Hour}); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.login("boss")
	path := "/s/" + s.alpha + "/admin/mock"
	status, body := b.get(path)
	if status != http.StatusOK || !strings.Contains(body, waiting) || !strings.Contains(body, "1 waiting") || !strings.Contains(body, "#mock-interviews") {
		t.Fatalf("mock page: %d\n%s", status, body)
	}
	for _, c := range []struct{ field, value, want string }{
		{"channel", betaCh, "not in this server"},
		{"channel", cat.ID, "is not a text channel"},
		{"voice_category", ch, "is not a category"},
		{"expiry", "forever", "Expiry:"},
		{"checkin", "5m", "too short"},
		{"strikes", "99", "Strikes must be a whole number from 1 to 10"},
	} {
		form := url.Values{"csrf": {b.csrf()}, "channel": {ch}, "expiry": {"2h"}, "checkin": {"1d"}, "strikes": {"3"}, "voice_category": {cat.ID}}
		form.Set(c.field, c.value)
		status, body := b.post(path, form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, c.want) || !strings.Contains(body, `id="e-`+c.field+`"`) {
			t.Errorf("%s=%q: %d, want %q\n%s", c.field, c.value, status, c.want, body)
		}
	}
	if set, _ := s.st.Interviews.Settings(ctx, s.alpha); set.ChannelID != "" || set.ExpiryMinutes != 0 || set.CheckinMinutes != 0 {
		t.Fatalf("refused settings were stored: %+v", set)
	}
	form := url.Values{"csrf": {b.csrf()}, "channel": {ch}, "expiry": {"2h"}, "checkin": {"1d"}, "strikes": {"4"}, "voice_category": {cat.ID}}
	if status, body := b.post(path, form); status != http.StatusSeeOther {
		t.Fatalf("saving: %d\n%s", status, body)
	}
	set, _ := s.st.Interviews.Settings(ctx, s.alpha)
	if set.ChannelID != ch || set.ExpiryMinutes != 120 || set.CheckinMinutes != 24*60 || set.CheckinStrikes != 4 || set.VoiceCategoryID != cat.ID {
		t.Fatalf("stored settings: %+v", set)
	}
	if lines := s.auditLines(s.alpha); len(lines) != 1 || lines[0].Action != "mock.setup" || !strings.Contains(lines[0].Detail, "expiry 2h") {
		t.Fatalf("audit: %+v", lines)
	}
	form.Set("csrf", "")
	form.Set("voice_category", "off")
	if status, _ := b.post(path, form); status != http.StatusForbidden {
		t.Fatalf("without CSRF: %d", status)
	}
	if set, _ := s.st.Interviews.Settings(ctx, s.alpha); set.VoiceCategoryID != cat.ID {
		t.Fatal("changed without a CSRF token")
	}
	// Beta's page shows none of Alpha's queue.
	s.member("beta-boss", s.beta)
	bb := s.browser()
	bb.login("beta-boss")
	if _, body := bb.get("/s/" + s.beta + "/admin/mock"); strings.Contains(body, waiting) || !strings.Contains(body, "Nobody is waiting") {
		t.Fatalf("Beta's mock page:\n%s", body)
	}
}
