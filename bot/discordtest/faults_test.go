package discordtest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordtest"
)

func TestDropSocketResumeDeliversMissedInteraction(t *testing.T) {
	resumed := make(chan struct{}, 1)
	readies := 0
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = reply(s, i, "pong")
	})
	h.dg.AddHandler(func(*discordgo.Session, *discordgo.Resumed) { resumed <- struct{}{} })
	h.dg.AddHandler(func(*discordgo.Session, *discordgo.Ready) { readies++ })
	ctx := ctxT(t)
	settle(t, h)
	h.srv.DropSocket()
	if h.srv.Connected() {
		t.Fatal("still connected after DropSocket")
	}
	// Sent while no socket is up: buffered and replayed on RESUME.
	in, err := h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data.Content != "pong" {
		t.Errorf("reply %q", resp.Data.Content)
	}
	select {
	case <-resumed:
	case <-time.After(5 * time.Second):
		t.Fatal("discordgo did not RESUME")
	}
	if readies != 0 {
		t.Errorf("session re-identified (%d READY) instead of resuming", readies)
	}
	if err := h.srv.Check(); err != nil {
		t.Error(err)
	}
}

func TestReconnectAndInvalidSession(t *testing.T) {
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = reply(s, i, "pong")
	})
	ready := make(chan struct{}, 4)
	h.dg.AddHandler(func(*discordgo.Session, *discordgo.Ready) { ready <- struct{}{} })
	ctx := ctxT(t)
	// discordgo v0.29 starts its heartbeat goroutine after Open returns; an op 7 before that
	// goroutine's first beat makes the stale goroutine close the new connection, again and
	// again. Discord does not send op 7 within milliseconds of READY, so let it settle.
	settle(t, h)
	h.srv.SendReconnect()
	in, err := h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(ctx); err != nil {
		t.Fatalf("after op 7: %v", err)
	}
	settle(t, h)
	h.srv.SendInvalidSession(false)
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("no new READY after INVALID_SESSION")
	}
	in, err = h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(ctx); err != nil {
		t.Fatalf("after op 9: %v", err)
	}
}

func TestRateLimitedCallbackIsRetried(t *testing.T) {
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = reply(s, i, "after the wait")
	})
	h.srv.Fault(discordtest.Fault{Route: "POST /interactions/{id}/{token}/callback", Status: 429, RetryAfter: 0.2, Times: 1})
	ctx := ctxT(t)
	in, err := h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reqs := h.srv.RequestsTo("POST /interactions/{id}/{token}/callback")
	if len(reqs) != 2 || reqs[0].Status != 429 || reqs[1].Status != 204 {
		t.Fatalf("callback attempts: %d", len(reqs))
	}
	if !strings.Contains(string(reqs[0].Response), `"retry_after":0.2`) {
		t.Errorf("429 body %s", reqs[0].Response)
	}
	if gap := reqs[1].Time.Sub(reqs[0].Time); gap < 200*time.Millisecond {
		t.Errorf("retried after %v, before retry_after", gap)
	}
	if resp.Data.Content != "after the wait" {
		t.Errorf("reply %q", resp.Data.Content)
	}
}

func TestServerErrorsAndGlobalRateLimit(t *testing.T) {
	h := start(t, discordtest.Options{RateLimit: 3}, nil)
	general := h.srv.ChannelByName(h.srv.DefaultGuild().ID, "general")
	h.srv.Fault(discordtest.Fault{Route: "GET /channels/{id}", Status: 502, Times: 2})
	if _, err := h.dg.Channel(general.ID); err != nil {
		t.Fatalf("502 twice should be retried: %v", err)
	}
	h.srv.Fault(discordtest.Fault{Route: "GET /channels/{id}", Status: 500, Times: 1})
	var rest *discordgo.RESTError
	if _, err := h.dg.Channel(general.ID); !errors.As(err, &rest) || rest.Response.StatusCode != 500 {
		t.Fatalf("500: %v", err)
	}
	time.Sleep(1100 * time.Millisecond)
	for i := 0; i < 5; i++ { // 3 per second: discordgo waits for the global limit and retries
		if _, err := h.dg.Channel(general.ID); err != nil {
			t.Fatal(err)
		}
	}
	global := 0
	for _, r := range h.srv.RequestsTo("GET /channels/{id}") {
		if r.Status == 429 && strings.Contains(string(r.Response), `"global":true`) {
			global++
		}
	}
	if global == 0 {
		t.Error("no global 429 at 3 requests per second")
	}
}

func TestLateReplyIsAViolation(t *testing.T) {
	errc := make(chan error, 1)
	h := start(t, discordtest.Options{ResponseDeadline: 150 * time.Millisecond}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		time.Sleep(300 * time.Millisecond)
		errc <- reply(s, i, "too late")
	})
	if _, err := h.srv.Slash(ctxT(t), discordtest.Slash{Name: "echo"}); err != nil {
		t.Fatal(err)
	}
	err := <-errc
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != 10062 {
		t.Fatalf("late reply answered %v, want 10062 Unknown interaction", err)
	}
	v := h.srv.Violations()
	if len(v) != 1 || v[0].Kind != "late-response" {
		t.Fatalf("violations %v", v)
	}
	if h.srv.Check() == nil {
		t.Error("Check() passed with a violation")
	}
}

func TestDoubleResponseIsAViolation(t *testing.T) {
	errc := make(chan error, 1)
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = reply(s, i, "one")
		errc <- reply(s, i, "two")
	})
	if _, err := h.srv.Slash(ctxT(t), discordtest.Slash{Name: "echo"}); err != nil {
		t.Fatal(err)
	}
	var rest *discordgo.RESTError
	if err := <-errc; !errors.As(err, &rest) || rest.Message.Code != 40060 {
		t.Fatalf("second response: %v", err)
	}
	if v := h.srv.Violations(); len(v) != 1 || v[0].Kind != "double-response" {
		t.Fatalf("violations %v", v)
	}
}

func TestOverlongEmbedIsRejected(t *testing.T) {
	errc := make(chan error, 1)
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		errc <- s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{{
				Title: "Solution", Description: strings.Repeat("x", 4097),
			}}},
		})
	})
	in, err := h.srv.Slash(ctxT(t), discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	err = <-errc
	var rest *discordgo.RESTError
	if !errors.As(err, &rest) || rest.Response.StatusCode != 400 || rest.Message.Code != 50035 {
		t.Fatalf("over-long embed answered %v", err)
	}
	if !strings.Contains(string(rest.ResponseBody), `"data":{"embeds":{"0":{"description":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH"`) {
		t.Errorf("errors tree %s", rest.ResponseBody)
	}
	if !hasViolation(h.srv, "limit") {
		t.Fatalf("violations %v", h.srv.Violations())
	}
	if in.Response() != nil {
		t.Error("a rejected response acknowledged the interaction")
	}
}

func TestLimitsTable(t *testing.T) {
	h := start(t, discordtest.Options{}, nil)
	ch := h.srv.ChannelByName(h.srv.DefaultGuild().ID, "general").ID
	row := func(n int) discordgo.ActionsRow {
		var bs []discordgo.MessageComponent
		for i := 0; i < n; i++ {
			bs = append(bs, discordgo.Button{Label: "b", Style: discordgo.SecondaryButton, CustomID: "b" + strings.Repeat("x", i)})
		}
		return discordgo.ActionsRow{Components: bs}
	}
	fields := func(n int) []*discordgo.MessageEmbedField {
		var out []*discordgo.MessageEmbedField
		for i := 0; i < n; i++ {
			out = append(out, &discordgo.MessageEmbedField{Name: "n", Value: "v"})
		}
		return out
	}
	tests := []struct {
		name string
		msg  *discordgo.MessageSend
		code int
	}{
		{"ok", &discordgo.MessageSend{Content: "hello"}, 0},
		{"content 2001", &discordgo.MessageSend{Content: strings.Repeat("a", 2001)}, 50035},
		{"empty", &discordgo.MessageSend{}, 50006},
		{"11 embeds", &discordgo.MessageSend{Embeds: func() []*discordgo.MessageEmbed {
			var out []*discordgo.MessageEmbed
			for i := 0; i < 11; i++ {
				out = append(out, &discordgo.MessageEmbed{Title: "t"})
			}
			return out
		}()}, 50035},
		{"title 257", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: strings.Repeat("t", 257)}}}, 50035},
		{"26 fields", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Fields: fields(26)}}}, 50035},
		{"field value 1025", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Fields: []*discordgo.MessageEmbedField{{Name: "n", Value: strings.Repeat("v", 1025)}}}}}, 50035},
		{"6001 in all", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("d", 4000)}, {Description: strings.Repeat("d", 2001)}}}, 50035},
		{"footer 2049", &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 2049)}}}}, 50035},
		{"6 rows", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{row(1), row(1), row(1), row(1), row(1), row(1)}}, 50035},
		{"6 buttons", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{row(6)}}, 50035},
		{"custom_id 101", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "b", Style: discordgo.PrimaryButton, CustomID: strings.Repeat("c", 101)}}}}}, 50035},
		{"label 81", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: strings.Repeat("l", 81), Style: discordgo.PrimaryButton, CustomID: "c"}}}}}, 50035},
		{"select and button", &discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: "s", Options: []discordgo.SelectMenuOption{{Label: "a", Value: "a"}}},
			discordgo.Button{Label: "b", Style: discordgo.PrimaryButton, CustomID: "c"}}}}}, 50035},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.srv.ResetViolations()
			_, err := h.dg.ChannelMessageSendComplex(ch, tc.msg)
			if tc.code == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var rest *discordgo.RESTError
			if !errors.As(err, &rest) || rest.Message == nil || rest.Message.Code != tc.code {
				t.Fatalf("got %v, want code %d", err, tc.code)
			}
			if len(h.srv.Violations()) == 0 {
				t.Error("no violation recorded")
			}
		})
	}
}

// nonceMessage is the create-message body with the fields discordgo v0.29 lacks.
type nonceMessage struct {
	Content      string `json:"content"`
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

func TestNonceDeduplication(t *testing.T) {
	h := start(t, discordtest.Options{}, nil)
	ch := h.srv.ChannelByName(h.srv.DefaultGuild().ID, "general").ID
	post := func(body nonceMessage) *discordgo.Message {
		t.Helper()
		b, err := h.dg.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(ch), body, discordgo.EndpointChannelMessages(ch))
		if err != nil {
			t.Fatal(err)
		}
		m := &discordgo.Message{}
		if err := discordgo.Unmarshal(b, m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a := post(nonceMessage{Content: "Daily question", Nonce: "daily-2026-11-29", EnforceNonce: true})
	b := post(nonceMessage{Content: "Daily question", Nonce: "daily-2026-11-29", EnforceNonce: true})
	if a.ID != b.ID {
		t.Errorf("same nonce created two messages: %s %s", a.ID, b.ID)
	}
	c := post(nonceMessage{Content: "Daily question", Nonce: "daily-2026-11-29"})
	if c.ID == a.ID {
		t.Error("nonce without enforce_nonce de-duplicated")
	}
	if n := len(h.srv.Messages(ch)); n != 2 {
		t.Errorf("%d messages in channel, want 2", n)
	}
	if err := h.srv.Check(); err != nil {
		t.Error(err)
	}
}

func TestNonceWindowUsesClock(t *testing.T) {
	now := time.Date(2026, 3, 29, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	h := start(t, discordtest.Options{Now: clock}, nil)
	ch := h.srv.ChannelByName(h.srv.DefaultGuild().ID, "general").ID
	send := func() string {
		b, err := h.dg.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(ch), nonceMessage{Content: "x", Nonce: "n1", EnforceNonce: true}, "")
		if err != nil {
			t.Fatal(err)
		}
		var m discordgo.Message
		_ = discordgo.Unmarshal(b, &m)
		return m.ID
	}
	first := send()
	now = now.Add(time.Hour) // the test goroutine owns the clock; requests run after this write
	if second := send(); second == first {
		t.Error("nonce still de-duplicated an hour later")
	}
}

func TestMultipartReplyWithFile(t *testing.T) {
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: "Your export",
				Files:   []*discordgo.File{{Name: "bank.csv", ContentType: "text/csv", Reader: strings.NewReader("title,company\nTwo Sum,tiktok\n")}},
			},
		})
	})
	ctx := ctxT(t)
	in, err := h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Files) != 1 || resp.Files[0].Name != "bank.csv" || resp.Data.Content != "Your export" {
		t.Fatalf("response files %+v data %+v", resp.Files, resp.Data)
	}
	m := in.Message()
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "bank.csv" {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	r, err := http.Get(m.Attachments[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	data, _ := io.ReadAll(r.Body)
	if !strings.HasPrefix(string(data), "title,company") {
		t.Errorf("served %q", data)
	}
	if err := h.srv.Check(); err != nil {
		t.Error(err)
	}
}

func TestUnknownRouteAndBadToken(t *testing.T) {
	h := start(t, discordtest.Options{}, nil)
	if _, err := h.dg.Request("GET", discordgo.EndpointAPI+"nope/here", nil); err == nil {
		t.Fatal("unknown route answered")
	}
	if v := h.srv.Violations(); len(v) != 1 || v[0].Kind != "unknown-route" {
		t.Fatalf("violations %v", v)
	}
	h.srv.ResetViolations()
	h.dg.Token = "Bot wrong"
	var rest *discordgo.RESTError
	if _, err := h.dg.User("@me"); !errors.As(err, &rest) || rest.Response.StatusCode != 401 || !strings.Contains(string(rest.ResponseBody), `"401: Unauthorized"`) {
		t.Fatalf("bad token: %v", err)
	}
}

func TestOpenAPIValidationFlagsWrongTypes(t *testing.T) {
	h := start(t, discordtest.Options{}, nil)
	if discordtest.DefaultSpecPath() == "" {
		t.Skip("OpenAPI spec not found")
	}
	ch := h.srv.ChannelByName(h.srv.DefaultGuild().ID, "general").ID
	body := map[string]any{"content": "hi", "tts": "yes please"}
	if _, err := h.dg.RequestWithBucketID("POST", discordgo.EndpointChannelMessages(ch), body, ""); err != nil {
		t.Fatal(err)
	}
	v := h.srv.Violations()
	if len(v) != 1 || v[0].Kind != "openapi" || !strings.Contains(v[0].Message, "tts") {
		t.Fatalf("violations %v", v)
	}
}

func hasViolation(srv *discordtest.Server, kind string) bool {
	for _, v := range srv.Violations() {
		if v.Kind == kind {
			return true
		}
	}
	return false
}

// settle waits until the bot's gateway connection is up and has been for a moment.
func settle(t *testing.T, h *harness) {
	t.Helper()
	ctx := ctxT(t)
	for i := 0; i < 3; i++ {
		if err := h.srv.WaitReady(ctx); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// TestWaitDeliveredWaitsForTheClient: WaitDelivered returns only once the
// client has read every event sent: not while its event loop is stuck on an
// interaction, and at once after it moves on.
func TestWaitDeliveredWaitsForTheClient(t *testing.T) {
	release := make(chan struct{})
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		<-release
		_ = reply(s, i, "late")
	})
	ctx := ctxT(t)
	settle(t, h)
	h.dg.SyncEvents = true // handlers run on the event loop: a stuck one stops reading
	in, err := h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 700*time.Millisecond)
	err = h.srv.WaitDelivered(short)
	cancel()
	if err == nil {
		t.Fatal("WaitDelivered returned while the client had not read past the interaction")
	}
	close(release)
	if err := h.srv.WaitDelivered(ctx); err != nil {
		t.Fatalf("WaitDelivered after the client moved on: %v", err)
	}
	if _, err := in.Wait(ctx); err != nil {
		t.Fatal(err)
	}
}
