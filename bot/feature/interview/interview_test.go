package interview

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/store"
)

// mockUID returns a test user's id, creating the user.
func (h *harness) mockUID(name string) string {
	return h.srv.AddUser(name).ID
}

// mockAdmin makes user an admin (the guild's Admin role) and returns it.
func (h *harness) mockAdmin(name string) string {
	h.t.Helper()
	uid := h.mockUID(name)
	if _, err := h.srv.AddMember(h.mockGuild(), uid, h.srv.Role(h.mockGuild(), "Admin").ID); err != nil {
		h.t.Fatal(err)
	}
	return name
}

// mockGuild returns the default guild's id.
func (h *harness) mockGuild() string { return h.srv.DefaultGuild().ID }

// mockThreadOf returns the thread of a member's open pairing.
func (h *harness) mockPairingOf(name string) *store.Pairing {
	h.t.Helper()
	p, err := h.store.Interviews.OpenPairingOf(h.ctx, h.mockGuild(), h.mockUID(name))
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// mockFirstMessage returns the pairing message of a thread.
func (h *harness) mockFirstMessage(threadID string) *discordgo.Message {
	h.t.Helper()
	msgs := h.srv.Messages(threadID)
	if len(msgs) == 0 {
		h.t.Fatalf("thread %s has no message", threadID)
	}
	return msgs[0]
}

// mockFeedback presses Give feedback as user and submits values.
func (h *harness) mockFeedback(user string, m *discordgo.Message, values map[string]string) (*discordgo.Message, error) {
	h.t.Helper()
	return h.mockForm(user, m, "Give feedback", values)
}

func mockText(m *discordgo.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
		if e.Footer != nil {
			b.WriteString("\n" + e.Footer.Text)
		}
	}
	return b.String()
}

// nonBot returns the thread's members other than the bot.
func (h *harness) mockThreadUsers(threadID string) []string {
	var out []string
	for _, u := range h.srv.ThreadMembers(threadID) {
		if u != h.srv.BotUser().ID {
			out = append(out, u)
		}
	}
	return out
}

// emojiMarkdown returns exactly n runes of emoji and markdown.
func emojiMarkdown(n int) string {
	unit := []rune("**bold 🔥** _it_ `code` ~~x~~ > q 🧑‍💻 || s || [l](https://x.y) ✨\n")
	out := make([]rune, 0, n)
	for len(out) < n {
		out = append(out, unit...)
	}
	out = out[:n]
	out[0], out[n-1] = '*', '!'
	return string(out)
}

func TestMockPairPacketsFeedbackProfile(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	alice, bob := h.mockUID("alice"), h.mockUID("bob")

	in0, err := h.srv.Command(h.ctx, "alice", "", "/mock topic:behavioral")
	if err != nil {
		t.Fatal(err)
	}
	m, err := in0.WaitMessage(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The reply is ephemeral: /mock defers ephemerally, then edits.
	if r := in0.Response(); r.Data == nil || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(mockText(m), "Place **1** of **1**") {
		t.Fatalf("alice's queue reply (flags %d): %s", m.Flags, mockText(m))
	}
	// A coding member does not pair with a behavioral one.
	m = h.run("carol", "/mock topic:coding")
	if !strings.Contains(mockText(m), "You are in the queue") {
		t.Fatalf("carol's reply: %s", mockText(m))
	}
	// /mock again without a topic shows the place.
	m = h.run("alice", "/mock")
	if !strings.Contains(mockText(m), "still in the queue") || len(m.Components) == 0 {
		t.Fatalf("alice's place: %s", mockText(m))
	}
	m = h.run("bob", "/mock topic:behavioral level:senior")
	if !strings.Contains(mockText(m), "You have a partner") || !strings.Contains(mockText(m), "<@"+alice+">") {
		t.Fatalf("bob's reply: %s", mockText(m))
	}
	if h.mockPairingOf("carol") != nil {
		t.Fatal("carol was paired")
	}
	threads := h.srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("%d threads", len(threads))
	}
	th := threads[0]
	if th.Type != discordgo.ChannelTypeGuildPrivateThread || th.ThreadMetadata.Invitable {
		t.Fatalf("thread type %d invitable %v", th.Type, th.ThreadMetadata.Invitable)
	}
	if got := h.mockThreadUsers(th.ID); len(got) != 2 || !(got[0] == alice && got[1] == bob || got[0] == bob && got[1] == alice) {
		t.Fatalf("thread members %v, want alice and bob", got)
	}
	pm := h.mockFirstMessage(th.ID)
	text := mockText(pm)
	for _, want := range []string{"<@" + alice + ">", "<@" + bob + ">", ":F>", ":R>"} {
		if !strings.Contains(text, want) {
			t.Errorf("pairing message lacks %q:\n%s", want, text)
		}
	}

	// Packets: each member gets a different behavioral question, ephemerally.
	packets := map[string]string{}
	for _, u := range []string{"alice", "bob"} {
		in, err := h.srv.ClickLabel(h.ctx, u, pm, "My packet")
		if err != nil {
			t.Fatal(err)
		}
		first, err := in.WaitMessage(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first.Flags&discordgo.MessageFlagsEphemeral == 0 || len(first.Embeds) == 0 || first.Embeds[0].Footer == nil {
			t.Fatalf("%s's packet: %s", u, mockText(first))
		}
		packets[u] = first.Embeds[0].Footer.Text
		if !strings.Contains(mockText(first), "What to look for") {
			t.Errorf("packet lacks what to look for: %s", mockText(first))
		}
		// The solution follows.
		if err := h.srv.WaitFor(h.ctx, func() bool {
			for _, x := range in.Messages() {
				if len(x.Embeds) > 0 && strings.HasPrefix(x.Embeds[0].Title, "Solution") {
					return true
				}
			}
			return false
		}); err != nil {
			t.Fatalf("%s: no solution: %v", u, err)
		}
	}
	if packets["alice"] == packets["bob"] {
		t.Fatalf("both packets are %s", packets["alice"])
	}
	p := h.mockPairingOf("alice")
	for _, x := range p.Members {
		q, err := h.store.Questions.BySeq(h.ctx, x.QuestionSeq)
		if err != nil {
			t.Fatal(err)
		}
		if q.Category != "Behavioral & Leadership" {
			t.Errorf("packet category %q", q.Category)
		}
	}
	// Pressing again shows the same packet.
	in, _ := h.srv.ClickLabel(h.ctx, "alice", pm, "My packet")
	again, _ := in.WaitMessage(h.ctx)
	if again.Embeds[0].Footer.Text != packets["alice"] {
		t.Errorf("packet changed: %s then %s", packets["alice"], again.Embeds[0].Footer.Text)
	}
	// Someone else cannot use the buttons.
	for _, label := range []string{"My packet", "Start", "Give feedback"} {
		r, _ := h.click("carol", pm, label)
		if !IsErrorMessage(r) || !strings.Contains(mockText(r), "Only the members") {
			t.Errorf("carol pressing %s: %s", label, mockText(r))
		}
	}

	r, _ := h.click("alice", pm, "Start")
	if !strings.Contains(r.Content, "started") {
		t.Fatalf("start: %s", mockText(r))
	}
	r, _ = h.click("bob", pm, "Finish")
	if !strings.Contains(r.Content, "finished") {
		t.Fatalf("finish: %s", mockText(r))
	}

	// Feedback: a bad rating gets a clear error; then each gives feedback.
	r, err = h.mockFeedback("alice", pm, map[string]string{"communication": "x", "problem-solving": "4", "structure": "3"})
	if err != nil || !IsErrorMessage(r) || !strings.Contains(mockText(r), "from 1 to 5") {
		t.Fatalf("bad rating: %v %s", err, mockText(r))
	}
	long := emojiMarkdown(1000)
	r, err = h.mockFeedback("alice", pm, map[string]string{"communication": "5", "problem-solving": "4", "structure": "3",
		"went-well": long, "improve": "Slow down when **explaining** trade-offs 🙂"})
	if err != nil || IsErrorMessage(r) {
		t.Fatalf("alice's feedback: %v %s", err, mockText(r))
	}
	if _, err := h.mockFeedback("bob", pm, map[string]string{"communication": "2", "problem-solving": "3", "structure": "4",
		"went-well": "Clear STAR stories", "improve": "Quantify results"}); err != nil {
		t.Fatal(err)
	}
	// 1,001 characters are refused by the modal's limit.
	if _, err := h.mockFeedback("alice", pm, map[string]string{"communication": "5", "problem-solving": "4", "structure": "3",
		"went-well": emojiMarkdown(1001)}); err == nil || !strings.Contains(err.Error(), "longer than 1000") {
		t.Fatalf("1001 characters: %v", err)
	}
	fb, err := h.store.Feedback.Of(h.ctx, p.ID, alice, bob)
	if err != nil || fb == nil {
		t.Fatalf("stored feedback: %v %v", fb, err)
	}
	if fb.WentWell != long || fb.Communication != 5 {
		t.Fatalf("stored went-well differs (%d runes)", utf8.RuneCountInString(fb.WentWell))
	}
	// Sent intact to bob alone, by DM; the thread only says it was given.
	found := false
	for _, msg := range h.mockDMs("bob") {
		if strings.Contains(msg.Content, "Feedback for you from <@"+alice+">") {
			for _, f := range msg.Embeds[0].Fields {
				if f.Name == "What went well" && f.Value == long {
					found = true
				}
			}
		}
	}
	if !found {
		t.Fatal("alice's feedback was not sent intact to bob by DM")
	}
	for _, msg := range h.srv.Messages(th.ID) {
		if strings.Contains(mockText(msg), "Slow down") {
			t.Fatalf("feedback text in the thread: %s", mockText(msg))
		}
	}

	// /profile: bob sees alice's text; alice looking at bob's profile sees only averages.
	prof := h.run("bob", "/profile")
	if text := mockText(prof); !strings.Contains(text, "Mock interviews") || !strings.Contains(text, "5.0 / 5") || !strings.Contains(text, long) {
		t.Fatalf("bob's profile:\n%s", text)
	}
	prof = h.run("alice", "/profile user:bob")
	if text := mockText(prof); !strings.Contains(text, "5.0 / 5") || strings.Contains(text, "explaining") || strings.Contains(text, long[:40]) {
		t.Fatalf("bob's profile seen by alice:\n%s", text)
	}
	prof = h.run("alice", "/profile")
	if text := mockText(prof); !strings.Contains(text, "Quantify results") || !strings.Contains(text, "2.0 / 5") {
		t.Fatalf("alice's profile:\n%s", text)
	}
}

func TestMockConcurrentJoins(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	topics := []string{"behavioral", "coding", "system-design", "sql-data"}
	const n = 200
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("m%03d", i)
		h.mockUID(names[i])
	}
	var wg sync.WaitGroup
	errc := make(chan error, n)
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, err := h.srv.Command(h.ctx, name, "", "/mock topic:"+topics[i%len(topics)])
			if err == nil {
				_, err = in.WaitMessage(h.ctx)
			}
			if err != nil {
				errc <- fmt.Errorf("%s: %w", name, err)
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	guild := h.mockGuild()
	queue, err := h.store.Interviews.Queue(h.ctx, guild)
	if err != nil {
		t.Fatal(err)
	}
	queued := map[string]bool{}
	perTopic := map[string]int{}
	for _, e := range queue {
		queued[e.UserID] = true
		perTopic[e.Topic]++
	}
	for tp, c := range perTopic {
		if c > 1 {
			t.Errorf("%d members wait for %s though any two of them match", c, tp)
		}
	}
	inPairing := map[string]int64{}
	threads := map[string]bool{}
	for _, name := range names {
		uid := h.srv.User(name).ID
		p, err := h.store.Interviews.OpenPairingOf(h.ctx, guild, uid)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case p == nil && !queued[uid]:
			t.Errorf("%s is neither paired nor queued", name)
		case p != nil && queued[uid]:
			t.Errorf("%s is both paired and queued", name)
		case p != nil:
			inPairing[uid] = p.ID
			if p.ThreadID == "" {
				t.Errorf("pairing %d has no thread", p.ID)
				continue
			}
			threads[p.ThreadID] = true
			got := h.mockThreadUsers(p.ThreadID)
			want := p.UserIDs()
			if len(got) != 2 || len(want) != 2 || !(got[0] == want[0] && got[1] == want[1] || got[0] == want[1] && got[1] == want[0]) {
				t.Errorf("thread %s has %v, pairing %v", p.ThreadID, got, want)
			}
			if mockTopic(p.Topic).Key != topics[indexOf(names, name)%len(topics)] {
				t.Errorf("%s paired in topic %s", name, p.Topic)
			}
		}
	}
	if len(inPairing)+len(queued) != n {
		t.Errorf("%d paired + %d queued != %d", len(inPairing), len(queued), n)
	}
	if len(threads)*2 != len(inPairing) || len(h.srv.Threads()) != len(threads) {
		t.Errorf("%d threads for %d paired members; %d threads on Discord", len(threads), len(inPairing), len(h.srv.Threads()))
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func TestMockQueueExpiryNotices(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	mf := mockFeatureOf(t, h.bot)
	alice, bob := h.mockUID("alice"), h.mockUID("bob")
	h.srv.CloseDMs(bob)
	admin := discordtest.Slash{User: "admin", Perms: permsAdmin, Name: "mock-admin",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "setup", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "expiry", Value: "1h30m"}}}}}
	in, err := h.srv.Slash(h.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.ctx); err != nil || !strings.Contains(mockText(m), "queue expiry 1 h 30 min") {
		t.Fatalf("setup: %v %s", err, mockText(m))
	}
	h.run("alice", "/mock topic:coding")
	h.run("bob", "/mock topic:product")
	general := h.srv.ChannelByName(h.mockGuild(), "general").ID
	h.clock.Advance(89 * time.Minute)
	mf.sweep(h.ctx)
	if q, _ := h.store.Interviews.Queue(h.ctx, h.mockGuild()); len(q) != 2 {
		t.Fatalf("queue before expiry: %d", len(q))
	}
	h.clock.Advance(2 * time.Minute)
	mf.sweep(h.ctx)
	if q, _ := h.store.Interviews.Queue(h.ctx, h.mockGuild()); len(q) != 0 {
		t.Fatalf("queue after expiry: %d", len(q))
	}
	dm := h.srv.RequestsTo("POST /users/@me/channels")
	if len(dm) < 1 {
		t.Fatal("no DM channel opened")
	}
	var aliceDM, bobNotice bool
	for _, ch := range []string{general} {
		for _, m := range h.srv.Messages(ch) {
			if strings.Contains(m.Content, "<@"+bob+">") && strings.Contains(m.Content, "expired") {
				bobNotice = true
			}
		}
	}
	for _, r := range h.srv.RequestsTo("POST /channels/{id}/messages") {
		if strings.Contains(string(r.Body), "Coding") && strings.Contains(string(r.Body), "expired") && !strings.Contains(string(r.Body), alice) {
			aliceDM = true
		}
	}
	if !aliceDM || !bobNotice {
		t.Fatalf("alice DM %v, bob channel notice %v", aliceDM, bobNotice)
	}
	// A second sweep notifies nobody again.
	before := len(h.srv.RequestsTo("POST /channels/{id}/messages"))
	mf.sweep(h.ctx)
	if after := len(h.srv.RequestsTo("POST /channels/{id}/messages")); after != before {
		t.Fatalf("second sweep sent %d messages", after-before)
	}
}

func TestMockNoShowVoiceAndReset(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	guild := h.mockGuild()
	cat, err := h.srv.AddChannel(guild, "Mock voice", discordgo.ChannelTypeGuildCategory, "")
	if err != nil {
		t.Fatal(err)
	}
	mockCh, _ := h.srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.mockAdmin("admin")
	in, err := h.srv.Command(h.ctx, "admin", "", fmt.Sprintf("/mock-admin setup channel:%s voice-category:%s", mockCh.ID, cat.ID))
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.ctx); err != nil || !strings.Contains(mockText(m), "voice channels in <#"+cat.ID+">") {
		t.Fatalf("setup: %v %s", err, mockText(m))
	}
	alice, bob := h.mockUID("alice"), h.mockUID("bob")
	h.run("alice", "/mock topic:coding")
	h.run("bob", "/mock topic:coding")
	p := h.mockPairingOf("alice")
	if p == nil || p.VoiceChannelID == "" {
		t.Fatalf("pairing %+v has no voice channel", p)
	}
	if th := h.srv.Channel(p.ThreadID); th.ParentID != mockCh.ID {
		t.Fatalf("thread parent %s, want the mock channel", th.ParentID)
	}
	vc := h.srv.Channel(p.VoiceChannelID)
	if vc == nil || vc.Type != discordgo.ChannelTypeGuildVoice || vc.ParentID != cat.ID {
		t.Fatalf("voice channel %+v", vc)
	}
	pm := h.mockFirstMessage(p.ThreadID)
	// Too early.
	r, _ := h.click("alice", pm, "Report no-show")
	if !IsErrorMessage(r) || !strings.Contains(mockText(r), "too early") {
		t.Fatalf("early no-show: %s", mockText(r))
	}
	h.clock.Advance(25 * time.Minute)
	r, _ = h.click("alice", pm, "Report no-show")
	if IsErrorMessage(r) || !strings.Contains(r.Content, "did not come") {
		t.Fatalf("no-show: %s", mockText(r))
	}
	if h.srv.Channel(p.VoiceChannelID) != nil {
		t.Error("voice channel not deleted")
	}
	if n, _ := h.store.Interviews.NoShows(h.ctx, guild, bob); n != 1 {
		t.Fatalf("bob's no-shows %d", n)
	}
	e, pos, _, err := h.store.Interviews.QueueEntry(h.ctx, guild, alice)
	if err != nil || e == nil || !e.Front || pos != 1 {
		t.Fatalf("alice re-queued: %+v pos %d err %v", e, pos, err)
	}
	// Another member waiting longer still comes after alice.
	h.run("carol", "/mock topic:coding")
	if p2 := h.mockPairingOf("carol"); p2 == nil || p2.Member(alice) == nil {
		t.Fatalf("carol was not paired with alice: %+v", p2)
	}
	// Admin reset.
	in, err = h.srv.Command(h.ctx, "admin", "", "/mock-admin reset-noshow user:bob")
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(h.ctx)
	if err != nil || !strings.Contains(m.Content, "was 1") {
		t.Fatalf("reset: %v %s", err, mockText(m))
	}
	if n, _ := h.store.Interviews.NoShows(h.ctx, guild, bob); n != 0 {
		t.Fatalf("bob's no-shows after reset %d", n)
	}
	// Non-admins are refused.
	m = h.run("bob", "/mock-admin reset-noshow user:bob")
	if !IsErrorMessage(m) {
		t.Fatalf("non-admin reset: %s", mockText(m))
	}
}

func mockFeatureOf(t *testing.T, b *Bot) *mockFeature {
	for _, f := range b.features {
		if m, ok := f.(*mockFeature); ok {
			return m
		}
	}
	t.Fatal("no mock feature")
	return nil
}

func TestMockRepeatWindowMatchesStore(t *testing.T) {
	if store.MockRepeatWindow != match.RepeatWindow {
		t.Fatalf("store history window %v, match window %v", store.MockRepeatWindow, match.RepeatWindow)
	}
}

func TestMockWeeklyRoundsAndCheckin(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	mf := mockFeatureOf(t, h.bot)
	guild := h.mockGuild()
	mockCh, _ := h.srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	role, err := h.srv.AddRole(guild, "Mock", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.mockAdmin("admin")
	// Rounds need the mock channel first.
	in, _ := h.srv.Command(h.ctx, "admin", "", "/mock-admin rounds role:Mock weekday:mon time:18:00")
	if m, _ := in.WaitMessage(h.ctx); !IsErrorMessage(m) || !strings.Contains(mockText(m), "mock channel first") {
		t.Fatalf("rounds without channel: %s", mockText(m))
	}
	in, _ = h.srv.Command(h.ctx, "admin", "", "/mock-admin setup channel:"+mockCh.ID)
	if _, err := in.WaitMessage(h.ctx); err != nil {
		t.Fatal(err)
	}
	in, _ = h.srv.Command(h.ctx, "admin", "", "/mock-admin rounds role:Mock weekday:mon time:18:00")
	if m, err := in.WaitMessage(h.ctx); err != nil || !strings.Contains(m.Content, "Monday at 18:00 UTC") {
		t.Fatalf("rounds: %v %s", err, mockText(m))
	}
	msgs := h.srv.Messages(mockCh.ID)
	if len(msgs) == 0 {
		t.Fatal("no sign-up message")
	}
	signup := msgs[len(msgs)-1]
	var names []string
	for i := range 5 {
		n := fmt.Sprintf("r%d", i)
		names = append(names, n)
		if _, err := h.srv.AddMember(guild, h.mockUID(n), role.ID); err != nil {
			t.Fatal(err)
		}
		if r, _ := h.click(n, signup, "Join the rounds"); IsErrorMessage(r) {
			t.Fatalf("%s join: %s", n, mockText(r))
		}
	}
	if r, _ := h.click("outsider", signup, "Join the rounds"); !IsErrorMessage(r) || !strings.Contains(mockText(r), "role") {
		t.Fatalf("outsider join: %s", mockText(r))
	}
	mf.sweep(h.ctx) // not due yet
	if len(h.srv.Threads()) != 0 {
		t.Fatal("round ran early")
	}
	h.clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	mf.sweep(h.ctx)
	mf.sweep(h.ctx) // claimed once
	threads := h.srv.Threads()
	if len(threads) != 2 {
		t.Fatalf("%d round threads, want a pair and a trio", len(threads))
	}
	seen := map[string]int{}
	sizes := []int{}
	for _, th := range threads {
		users := h.mockThreadUsers(th.ID)
		sizes = append(sizes, len(users))
		for _, u := range users {
			seen[u]++
		}
		if th.ParentID != mockCh.ID {
			t.Errorf("round thread under %s", th.ParentID)
		}
	}
	if len(seen) != 5 || sizes[0]+sizes[1] != 5 {
		t.Fatalf("round members %v sizes %v", seen, sizes)
	}
	for u, c := range seen {
		if c != 1 {
			t.Errorf("%s in %d round threads", u, c)
		}
	}
	// The next round is a week later.
	set, _ := h.store.Interviews.Settings(h.ctx, guild)
	if got := time.UnixMilli(set.RoundsNextAt).UTC(); !got.Equal(time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC)) {
		t.Fatalf("next round %v", got)
	}
	// Three days later each thread is asked whether they met.
	h.clock.Advance(mockCheckinAfter + time.Minute)
	mf.sweep(h.ctx)
	for _, th := range threads {
		var checkin *discordgo.Message
		for _, m := range h.srv.Messages(th.ID) {
			if strings.Contains(m.Content, "did you meet") {
				checkin = m
			}
		}
		if checkin == nil {
			t.Fatalf("no check-in in %s", th.Name)
		}
		u := h.mockThreadUsers(th.ID)[0]
		if r, _ := h.click(u, checkin, "We met"); IsErrorMessage(r) || !strings.Contains(r.Content, "you met") {
			t.Fatalf("we met: %s", mockText(r))
		}
	}
}

func TestMockReminderArchiveAndLeave(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	mf := mockFeatureOf(t, h.bot)
	// Leave button.
	m := h.run("dora", "/mock topic:product")
	r, _ := h.click("dora", m, "Leave the queue")
	if !strings.Contains(mockText(r), "You left") {
		t.Fatalf("leave: %s", mockText(r))
	}
	if e, _, _, _ := h.store.Interviews.QueueEntry(h.ctx, h.mockGuild(), h.mockUID("dora")); e != nil {
		t.Fatal("still queued after leaving")
	}
	h.run("alice", "/mock topic:statistics")
	h.run("bob", "/mock topic:statistics")
	p := h.mockPairingOf("alice")
	pm := h.mockFirstMessage(p.ThreadID)
	h.click("alice", pm, "Finish")
	if _, err := h.mockFeedback("bob", pm, map[string]string{"communication": "4", "problem-solving": "4", "structure": "4"}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(mockReminderAfterFinish + time.Minute)
	mf.sweep(h.ctx)
	mf.sweep(h.ctx)
	reminders := 0
	for _, msg := range h.srv.Messages(p.ThreadID) {
		if strings.Contains(msg.Content, "how did it go") {
			reminders++
			if !strings.Contains(msg.Content, "<@"+h.mockUID("alice")+">") || strings.Contains(msg.Content, "<@"+h.mockUID("bob")+">") {
				t.Errorf("reminder names the wrong members: %s", msg.Content)
			}
		}
	}
	if reminders != 1 {
		t.Fatalf("%d reminders", reminders)
	}
	// After 24 h of silence the pairing is archived: feedback is closed.
	h.clock.Advance(mockSilence)
	mf.sweep(h.ctx)
	r, _ = h.click("alice", pm, "Give feedback")
	if !IsErrorMessage(r) || !strings.Contains(mockText(r), "archived") {
		t.Fatalf("feedback after archive: %s", mockText(r))
	}
	// /help shows admins the setup.
	h.mockAdmin("admin")
	help := h.run("admin", "/help")
	if !strings.Contains(mockText(help), "**Mock interviews:**") {
		t.Fatalf("/help: %s", mockText(help))
	}
}

// Weekly rounds keep their local time through daylight saving, like the
// daily post: a time inside the spring-forward gap is the first instant
// after it, and the repeated fall-back hour holds one round, not two.
func TestMockNextRoundInZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	utc := func(y int, m time.Month, d, h, mn int) time.Time { return time.Date(y, m, d, h, mn, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		now     time.Time
		weekday time.Weekday
		hhmm    string
		loc     *time.Location
		want    time.Time
	}{
		{"UTC as before zones", utc(2026, 11, 29, 12, 0), time.Monday, "18:00", time.UTC, utc(2026, 11, 30, 18, 0)},
		{"New York in winter (UTC-5)", utc(2026, 11, 29, 12, 0), time.Monday, "18:00", ny, utc(2026, 11, 30, 23, 0)},
		{"New York in summer (UTC-4)", utc(2026, 6, 28, 12, 0), time.Monday, "18:00", ny, utc(2026, 6, 29, 22, 0)},
		{"already past this week", utc(2026, 11, 30, 23, 30), time.Monday, "18:00", ny, utc(2026, 12, 7, 23, 0)},
		{"inside the spring-forward gap", utc(2027, 3, 10, 0, 0), time.Sunday, "02:30", ny, utc(2027, 3, 14, 7, 0)},
		{"repeated fall-back hour: the first", utc(2026, 10, 30, 0, 0), time.Sunday, "01:30", ny, utc(2026, 11, 1, 5, 30)},
		{"repeated fall-back hour: not twice", utc(2026, 11, 1, 5, 30), time.Sunday, "01:30", ny, utc(2026, 11, 8, 6, 30)},
		{"unreadable time", utc(2026, 11, 29, 12, 0), time.Monday, "25:00", ny, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mockNextRound(tt.now, int(tt.weekday), tt.hhmm, tt.loc); !got.Equal(tt.want) {
				t.Fatalf("next round %v, want %v", got.UTC(), tt.want)
			}
		})
	}
}

func TestMockRoundsTimezone(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	guild := h.mockGuild()
	mockCh, _ := h.srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.mockAdmin("admin")
	run := func(line string) *discordgo.Message { return h.run("admin", line) }
	run("/mock-admin setup channel:" + mockCh.ID)
	// An unknown zone is refused with suggestions, and nothing is stored.
	if m := run("/mock-admin rounds weekday:mon time:18:00 timezone:America/New_Yrok"); !IsErrorMessage(m) || !strings.Contains(mockText(m), "America/New_York") {
		t.Fatalf("unknown zone: %s", mockText(m))
	}
	if set, _ := h.store.Interviews.Settings(h.ctx, guild); set.RoundsEnabled {
		t.Fatal("rounds enabled by a refused command")
	}
	// Autocomplete knows the zones.
	ch, err := h.srv.Autocomplete(h.ctx, discordtest.Slash{User: "admin", Name: "mock-admin",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "rounds", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "timezone", Value: "new_y"}}}}}, "timezone")
	if err != nil || len(ch) == 0 || ch[0].Name != "America/New_York" {
		t.Fatalf("timezone autocomplete: %v %+v", err, ch)
	}
	// Clock at Sunday 2026-11-29 12:00 UTC: Monday 18:00 in New York is 23:00 UTC.
	m := run("/mock-admin rounds weekday:mon time:6pm timezone:America/New_York")
	if IsErrorMessage(m) || !strings.Contains(m.Content, "Monday at 18:00 America/New_York") {
		t.Fatalf("rounds: %s", mockText(m))
	}
	set, _ := h.store.Interviews.Settings(h.ctx, guild)
	if got := time.UnixMilli(set.RoundsNextAt).UTC(); !got.Equal(time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)) || set.RoundsTimezone != "America/New_York" {
		t.Fatalf("next round %v in %q", got, set.RoundsTimezone)
	}
	// Changing only the time keeps the zone.
	if m := run("/mock-admin rounds time:19:30"); !strings.Contains(m.Content, "19:30 America/New_York") {
		t.Fatalf("time change: %s", mockText(m))
	}
}

// Without a timezone option, rounds take the daily question's zone.
func TestMockRoundsTakeTheDailyZone(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	guild := h.mockGuild()
	mockCh, _ := h.srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.mockAdmin("admin")
	for _, line := range []string{
		`/daily setup channel:#general time:"09:00" timezone:Europe/Berlin`,
		"/mock-admin setup channel:" + mockCh.ID,
	} {
		if m := h.run("admin", line); IsErrorMessage(m) {
			t.Fatalf("%s: %s", line, mockText(m))
		}
	}
	if m := h.run("admin", "/mock-admin rounds weekday:mon time:18:00"); !strings.Contains(m.Content, "Monday at 18:00 Europe/Berlin") {
		t.Fatalf("rounds: %s", mockText(m))
	}
	set, _ := h.store.Interviews.Settings(h.ctx, guild)
	if got := time.UnixMilli(set.RoundsNextAt).UTC(); !got.Equal(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)) {
		t.Fatalf("next round %v, want 17:00 UTC (18:00 in Berlin)", got)
	}
}

// Voice channels per pair can be turned off again, and on only with a
// category to hold them.
func TestMockVoiceOnAndOff(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	guild := h.mockGuild()
	cat, err := h.srv.AddChannel(guild, "Mock voice", discordgo.ChannelTypeGuildCategory, "")
	if err != nil {
		t.Fatal(err)
	}
	h.mockAdmin("admin")
	setup := func(opts string) *discordgo.Message { return h.run("admin", "/mock-admin setup "+opts) }
	if m := setup("voice:true"); !IsErrorMessage(m) || !strings.Contains(mockText(m), "need a category") {
		t.Fatalf("voice on without a category: %s", mockText(m))
	}
	if m := setup("voice-category:" + cat.ID); !strings.Contains(mockText(m), "voice channels in <#"+cat.ID+">") {
		t.Fatalf("voice category: %s", mockText(m))
	}
	if m := setup("voice-category:" + cat.ID + " voice:false"); !IsErrorMessage(m) || !strings.Contains(mockText(m), "not both") {
		t.Fatalf("both: %s", mockText(m))
	}
	if set, _ := h.store.Interviews.Settings(h.ctx, guild); set.VoiceCategoryID != cat.ID {
		t.Fatalf("a refused command changed the category to %q", set.VoiceCategoryID)
	}
	if m := setup("voice:true"); IsErrorMessage(m) || !strings.Contains(mockText(m), "voice channels in <#"+cat.ID+">") {
		t.Fatalf("voice on with the category set: %s", mockText(m))
	}
	if m := setup("voice:false"); IsErrorMessage(m) || !strings.Contains(mockText(m), "voice channels off") {
		t.Fatalf("voice off: %s", mockText(m))
	}
	// A pairing now gets no voice channel.
	h.run("alice", "/mock topic:coding")
	h.run("bob", "/mock topic:coding")
	if p := h.mockPairingOf("alice"); p == nil || p.VoiceChannelID != "" {
		t.Fatalf("pairing after voice:false: %+v", p)
	}
}

// In a trio (an odd weekly round), feedback and no-show reports first ask
// which partner is meant, naming each, and then act on the one chosen.
func TestMockTrioChoosesThePartner(t *testing.T) {
	h := newHarness(t, harnessOpts{})
	mf := mockFeatureOf(t, h.bot)
	guild := h.mockGuild()
	mockCh, _ := h.srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.mockAdmin("admin")
	for _, line := range []string{"/mock-admin setup channel:" + mockCh.ID, "/mock-admin rounds weekday:mon time:18:00 timezone:UTC"} {
		if m := h.run("admin", line); IsErrorMessage(m) {
			t.Fatalf("%s: %s", line, mockText(m))
		}
	}
	msgs := h.srv.Messages(mockCh.ID)
	signup := msgs[len(msgs)-1]
	for _, n := range []string{"t0", "t1", "t2"} {
		if r, _ := h.click(n, signup, "Join the rounds"); IsErrorMessage(r) {
			t.Fatalf("%s join: %s", n, mockText(r))
		}
	}
	h.clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	mf.sweep(h.ctx)
	p := h.mockPairingOf("t0")
	if p == nil || len(p.Members) != 3 {
		t.Fatalf("round made %+v, want a trio", p)
	}
	pm := h.mockFirstMessage(p.ThreadID)
	others := p.Others(h.mockUID("t0"))

	// Feedback: the chooser names both partners; Partner 2 gets it.
	chooser, _ := h.click("t0", pm, "Give feedback")
	want := fmt.Sprintf("Partner 1 is <@%s>, Partner 2 is <@%s>", others[0].UserID, others[1].UserID)
	if !strings.Contains(chooser.Content, want) || chooser.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("feedback chooser: %q, want it to say %q", chooser.Content, want)
	}
	in, err := h.srv.ClickLabel(h.ctx, "t0", chooser, "Partner 2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(h.ctx); err != nil {
		t.Fatal(err)
	}
	id, _, _, ok := h.srv.Modal("t0")
	if !ok {
		t.Fatal("no feedback form after choosing Partner 2")
	}
	sub, err := h.srv.SubmitModal(h.ctx, "t0", id, map[string]string{"communication": "4", "problem-solving": "5", "structure": "3", "went-well": "Clear plan."})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := sub.WaitMessage(h.ctx); err != nil || IsErrorMessage(m) {
		t.Fatalf("feedback: %v %s", err, mockText(m))
	}
	if f, _ := h.store.Feedback.Of(h.ctx, p.ID, h.mockUID("t0"), others[1].UserID); f == nil || f.ProblemSolving != 5 {
		t.Fatalf("feedback for partner 2: %+v", f)
	}
	if f, _ := h.store.Feedback.Of(h.ctx, p.ID, h.mockUID("t0"), others[0].UserID); f != nil {
		t.Fatalf("partner 1 got feedback meant for partner 2: %+v", f)
	}

	// No-show: Partner 1 did not come; the other two go on.
	h.clock.Set(p.SuggestedStart().Add(mockNoShowGrace + time.Minute))
	chooser, _ = h.click("t0", pm, "Report no-show")
	if !strings.Contains(chooser.Content, "Who did not come?") || !strings.Contains(chooser.Content, want) {
		t.Fatalf("no-show chooser: %q", chooser.Content)
	}
	r, _ := h.click("t0", chooser, "Partner 1")
	if IsErrorMessage(r) || !strings.Contains(r.Content, "<@"+others[0].UserID+"> did not come") || !strings.Contains(r.Content, "goes on") {
		t.Fatalf("trio no-show: %s", mockText(r))
	}
	if n, _ := h.store.Interviews.NoShows(h.ctx, guild, others[0].UserID); n != 1 {
		t.Fatalf("partner 1's no-shows %d, want 1", n)
	}
	if n, _ := h.store.Interviews.NoShows(h.ctx, guild, others[1].UserID); n != 0 {
		t.Fatalf("partner 2's no-shows %d, want 0", n)
	}
	if still := h.mockPairingOf("t0"); still == nil || !still.IsOpen() {
		t.Fatal("the trio's interview closed after one no-show")
	}
}
