package interview_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/interview"
)

func TestMockPairPacketsFeedbackProfile(t *testing.T) {
	h := newHarness(t)
	alice, bob := h.uid("alice"), h.uid("bob")

	in0, err := h.Srv.Command(h.Ctx, "alice", "", "/mock topic:behavioral")
	if err != nil {
		t.Fatal(err)
	}
	m, err := in0.WaitMessage(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The reply is ephemeral: /mock defers ephemerally, then edits.
	if r := in0.Response(); r.Data == nil || r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(messageText(m), "Place **1** of **1**") {
		t.Fatalf("alice's queue reply (flags %d): %s", m.Flags, messageText(m))
	}
	// A coding member does not pair with a behavioral one.
	m = h.Run("carol", "/mock topic:coding")
	if !strings.Contains(messageText(m), "You are in the queue") {
		t.Fatalf("carol's reply: %s", messageText(m))
	}
	// /mock again without a topic shows the place.
	m = h.Run("alice", "/mock")
	if !strings.Contains(messageText(m), "still in the queue") || len(m.Components) == 0 {
		t.Fatalf("alice's place: %s", messageText(m))
	}
	m = h.Run("bob", "/mock topic:behavioral level:senior")
	if !strings.Contains(messageText(m), "You have a partner") || !strings.Contains(messageText(m), "<@"+alice+">") {
		t.Fatalf("bob's reply: %s", messageText(m))
	}
	if h.pairingOf("carol") != nil {
		t.Fatal("carol was paired")
	}
	threads := h.Srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("%d threads", len(threads))
	}
	th := threads[0]
	if th.Type != discordgo.ChannelTypeGuildPrivateThread || th.ThreadMetadata.Invitable {
		t.Fatalf("thread type %d invitable %v", th.Type, th.ThreadMetadata.Invitable)
	}
	if got := h.threadUsers(th.ID); len(got) != 2 || !(got[0] == alice && got[1] == bob || got[0] == bob && got[1] == alice) {
		t.Fatalf("thread members %v, want alice and bob", got)
	}
	pm := h.firstMessage(th.ID)
	text := messageText(pm)
	for _, want := range []string{"<@" + alice + ">", "<@" + bob + ">", ":F>", ":R>"} {
		if !strings.Contains(text, want) {
			t.Errorf("pairing message lacks %q:\n%s", want, text)
		}
	}

	// Packets: each member gets a different behavioral question, ephemerally.
	packets := map[string]string{}
	for _, u := range []string{"alice", "bob"} {
		in, err := h.Srv.ClickLabel(h.Ctx, u, pm, "My packet")
		if err != nil {
			t.Fatal(err)
		}
		first, err := in.WaitMessage(h.Ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first.Flags&discordgo.MessageFlagsEphemeral == 0 || len(first.Embeds) == 0 || first.Embeds[0].Footer == nil {
			t.Fatalf("%s's packet: %s", u, messageText(first))
		}
		packets[u] = first.Embeds[0].Footer.Text
		if !strings.Contains(messageText(first), "What to look for") {
			t.Errorf("packet lacks what to look for: %s", messageText(first))
		}
		// The solution follows.
		if err := h.Srv.WaitFor(h.Ctx, func() bool {
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
	p := h.pairingOf("alice")
	for _, x := range p.Members {
		q, err := h.Store.Questions.BySeq(h.Ctx, x.QuestionSeq)
		if err != nil {
			t.Fatal(err)
		}
		if q.Category != "Behavioral & Leadership" {
			t.Errorf("packet category %q", q.Category)
		}
	}
	// Pressing again shows the same packet.
	in, _ := h.Srv.ClickLabel(h.Ctx, "alice", pm, "My packet")
	again, _ := in.WaitMessage(h.Ctx)
	if again.Embeds[0].Footer.Text != packets["alice"] {
		t.Errorf("packet changed: %s then %s", packets["alice"], again.Embeds[0].Footer.Text)
	}
	// Someone else cannot use the buttons.
	for _, label := range []string{"My packet", "Start", "Give feedback"} {
		r, _ := h.Click("carol", pm, label)
		if !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "Only the members") {
			t.Errorf("carol pressing %s: %s", label, messageText(r))
		}
	}

	r, _ := h.Click("alice", pm, "Start")
	if !strings.Contains(r.Content, "started") {
		t.Fatalf("start: %s", messageText(r))
	}
	r, _ = h.Click("bob", pm, "Finish")
	if !strings.Contains(r.Content, "finished") {
		t.Fatalf("finish: %s", messageText(r))
	}

	// Feedback: a bad rating gets a clear error; then each gives feedback.
	r, err = h.giveFeedback("alice", pm, map[string]string{"communication": "x", "problem-solving": "4", "structure": "3"})
	if err != nil || !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "from 1 to 5") {
		t.Fatalf("bad rating: %v %s", err, messageText(r))
	}
	long := emojiMarkdown(1000)
	r, err = h.giveFeedback("alice", pm, map[string]string{"communication": "5", "problem-solving": "4", "structure": "3",
		"went-well": long, "improve": "Slow down when **explaining** trade-offs 🙂"})
	if err != nil || bot.IsErrorMessage(r) {
		t.Fatalf("alice's feedback: %v %s", err, messageText(r))
	}
	if _, err := h.giveFeedback("bob", pm, map[string]string{"communication": "2", "problem-solving": "3", "structure": "4",
		"went-well": "Clear STAR stories", "improve": "Quantify results"}); err != nil {
		t.Fatal(err)
	}
	// 1,001 characters are refused by the modal's limit.
	if _, err := h.giveFeedback("alice", pm, map[string]string{"communication": "5", "problem-solving": "4", "structure": "3",
		"went-well": emojiMarkdown(1001)}); err == nil || !strings.Contains(err.Error(), "longer than 1000") {
		t.Fatalf("1001 characters: %v", err)
	}
	fb, err := h.Store.Feedback.Of(h.Ctx, p.ID, alice, bob)
	if err != nil || fb == nil {
		t.Fatalf("stored feedback: %v %v", fb, err)
	}
	if fb.WentWell != long || fb.Communication != 5 {
		t.Fatalf("stored went-well differs (%d runes)", utf8.RuneCountInString(fb.WentWell))
	}
	// Sent intact to bob alone, by DM; the thread only says it was given.
	found := false
	for _, msg := range h.dms("bob") {
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
	for _, msg := range h.Srv.Messages(th.ID) {
		if strings.Contains(messageText(msg), "Slow down") {
			t.Fatalf("feedback text in the thread: %s", messageText(msg))
		}
	}

	// /profile: bob sees alice's text; alice looking at bob's profile sees only averages.
	prof := h.Run("bob", "/profile")
	if text := messageText(prof); !strings.Contains(text, "Mock interviews") || !strings.Contains(text, "5.0 / 5") || !strings.Contains(text, long) {
		t.Fatalf("bob's profile:\n%s", text)
	}
	prof = h.Run("alice", "/profile user:bob")
	if text := messageText(prof); !strings.Contains(text, "5.0 / 5") || strings.Contains(text, "explaining") || strings.Contains(text, long[:40]) {
		t.Fatalf("bob's profile seen by alice:\n%s", text)
	}
	prof = h.Run("alice", "/profile")
	if text := messageText(prof); !strings.Contains(text, "Quantify results") || !strings.Contains(text, "2.0 / 5") {
		t.Fatalf("alice's profile:\n%s", text)
	}
}

func TestMockConcurrentJoins(t *testing.T) {
	h := newHarness(t)
	topics := []string{"behavioral", "coding", "system-design", "sql-data"}
	const n = 200
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("m%03d", i)
		h.uid(names[i])
	}
	var wg sync.WaitGroup
	errc := make(chan error, n)
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, err := h.Srv.Command(h.Ctx, name, "", "/mock topic:"+topics[i%len(topics)])
			if err == nil {
				_, err = in.WaitMessage(h.Ctx)
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
	guild := h.guild()
	queue, err := h.Store.Interviews.Queue(h.Ctx, guild)
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
		uid := h.Srv.User(name).ID
		p, err := h.Store.Interviews.OpenPairingOf(h.Ctx, guild, uid)
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
			got := h.threadUsers(p.ThreadID)
			want := p.UserIDs()
			if len(got) != 2 || len(want) != 2 || !(got[0] == want[0] && got[1] == want[1] || got[0] == want[1] && got[1] == want[0]) {
				t.Errorf("thread %s has %v, pairing %v", p.ThreadID, got, want)
			}
			if interview.TopicOf(p.Topic).Key != topics[indexOf(names, name)%len(topics)] {
				t.Errorf("%s paired in topic %s", name, p.Topic)
			}
		}
	}
	if len(inPairing)+len(queued) != n {
		t.Errorf("%d paired + %d queued != %d", len(inPairing), len(queued), n)
	}
	if len(threads)*2 != len(inPairing) || len(h.Srv.Threads()) != len(threads) {
		t.Errorf("%d threads for %d paired members; %d threads on Discord", len(threads), len(inPairing), len(h.Srv.Threads()))
	}
}

func TestMockQueueExpiryNotices(t *testing.T) {
	h := newHarness(t)
	alice, bob := h.uid("alice"), h.uid("bob")
	h.Srv.CloseDMs(bob)
	admin := discordtest.Slash{User: "admin", Perms: bottest.PermsAdmin, Name: "mock-admin",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "setup", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "expiry", Value: "1h30m"}}}}}
	in, err := h.Srv.Slash(h.Ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.Ctx); err != nil || !strings.Contains(messageText(m), "queue expiry 1 h 30 min") {
		t.Fatalf("setup: %v %s", err, messageText(m))
	}
	h.Run("alice", "/mock topic:coding")
	h.Run("bob", "/mock topic:product")
	general := h.Srv.ChannelByName(h.guild(), "general").ID
	h.Clock.Advance(89 * time.Minute)
	h.sweep()
	if q, _ := h.Store.Interviews.Queue(h.Ctx, h.guild()); len(q) != 2 {
		t.Fatalf("queue before expiry: %d", len(q))
	}
	h.Clock.Advance(2 * time.Minute)
	h.sweep()
	if q, _ := h.Store.Interviews.Queue(h.Ctx, h.guild()); len(q) != 0 {
		t.Fatalf("queue after expiry: %d", len(q))
	}
	dm := h.Srv.RequestsTo("POST /users/@me/channels")
	if len(dm) < 1 {
		t.Fatal("no DM channel opened")
	}
	var aliceDM, bobNotice bool
	for _, ch := range []string{general} {
		for _, m := range h.Srv.Messages(ch) {
			if strings.Contains(m.Content, "<@"+bob+">") && strings.Contains(m.Content, "expired") {
				bobNotice = true
			}
		}
	}
	for _, r := range h.Srv.RequestsTo("POST /channels/{id}/messages") {
		if strings.Contains(string(r.Body), "Coding") && strings.Contains(string(r.Body), "expired") && !strings.Contains(string(r.Body), alice) {
			aliceDM = true
		}
	}
	if !aliceDM || !bobNotice {
		t.Fatalf("alice DM %v, bob channel notice %v", aliceDM, bobNotice)
	}
	// A second sweep notifies nobody again.
	before := len(h.Srv.RequestsTo("POST /channels/{id}/messages"))
	h.sweep()
	if after := len(h.Srv.RequestsTo("POST /channels/{id}/messages")); after != before {
		t.Fatalf("second sweep sent %d messages", after-before)
	}
}

func TestMockNoShowVoiceAndReset(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	cat, err := h.Srv.AddChannel(guild, "Mock voice", discordgo.ChannelTypeGuildCategory, "")
	if err != nil {
		t.Fatal(err)
	}
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.admin("admin")
	in, err := h.Srv.Command(h.Ctx, "admin", "", fmt.Sprintf("/mock-admin setup channel:%s voice-category:%s", mockCh.ID, cat.ID))
	if err != nil {
		t.Fatal(err)
	}
	if m, err := in.WaitMessage(h.Ctx); err != nil || !strings.Contains(messageText(m), "voice channels in <#"+cat.ID+">") {
		t.Fatalf("setup: %v %s", err, messageText(m))
	}
	alice, bob := h.uid("alice"), h.uid("bob")
	h.Run("alice", "/mock topic:coding")
	h.Run("bob", "/mock topic:coding")
	p := h.pairingOf("alice")
	if p == nil || p.VoiceChannelID == "" {
		t.Fatalf("pairing %+v has no voice channel", p)
	}
	if th := h.Srv.Channel(p.ThreadID); th.ParentID != mockCh.ID {
		t.Fatalf("thread parent %s, want the mock channel", th.ParentID)
	}
	vc := h.Srv.Channel(p.VoiceChannelID)
	if vc == nil || vc.Type != discordgo.ChannelTypeGuildVoice || vc.ParentID != cat.ID {
		t.Fatalf("voice channel %+v", vc)
	}
	pm := h.firstMessage(p.ThreadID)
	// Too early.
	r, _ := h.Click("alice", pm, "Report no-show")
	if !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "too early") {
		t.Fatalf("early no-show: %s", messageText(r))
	}
	h.Clock.Advance(25 * time.Minute)
	r, _ = h.Click("alice", pm, "Report no-show")
	if bot.IsErrorMessage(r) || !strings.Contains(r.Content, "did not come") {
		t.Fatalf("no-show: %s", messageText(r))
	}
	if h.Srv.Channel(p.VoiceChannelID) != nil {
		t.Error("voice channel not deleted")
	}
	if n, _ := h.Store.Interviews.NoShows(h.Ctx, guild, bob); n != 1 {
		t.Fatalf("bob's no-shows %d", n)
	}
	e, pos, _, err := h.Store.Interviews.QueueEntry(h.Ctx, guild, alice)
	if err != nil || e == nil || !e.Front || pos != 1 {
		t.Fatalf("alice re-queued: %+v pos %d err %v", e, pos, err)
	}
	// Another member waiting longer still comes after alice.
	h.Run("carol", "/mock topic:coding")
	if p2 := h.pairingOf("carol"); p2 == nil || p2.Member(alice) == nil {
		t.Fatalf("carol was not paired with alice: %+v", p2)
	}
	// Admin reset.
	in, err = h.Srv.Command(h.Ctx, "admin", "", "/mock-admin reset-noshow user:bob")
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil || !strings.Contains(m.Content, "was 1") {
		t.Fatalf("reset: %v %s", err, messageText(m))
	}
	if n, _ := h.Store.Interviews.NoShows(h.Ctx, guild, bob); n != 0 {
		t.Fatalf("bob's no-shows after reset %d", n)
	}
	// Non-admins are refused.
	m = h.Run("bob", "/mock-admin reset-noshow user:bob")
	if !bot.IsErrorMessage(m) {
		t.Fatalf("non-admin reset: %s", messageText(m))
	}
}

func TestMockWeeklyRoundsAndCheckin(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	role, err := h.Srv.AddRole(guild, "Mock", 0)
	if err != nil {
		t.Fatal(err)
	}
	h.admin("admin")
	// Rounds need the mock channel first.
	in, _ := h.Srv.Command(h.Ctx, "admin", "", "/mock-admin rounds role:Mock weekday:mon time:18:00")
	if m, _ := in.WaitMessage(h.Ctx); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "mock channel first") {
		t.Fatalf("rounds without channel: %s", messageText(m))
	}
	in, _ = h.Srv.Command(h.Ctx, "admin", "", "/mock-admin setup channel:"+mockCh.ID)
	if _, err := in.WaitMessage(h.Ctx); err != nil {
		t.Fatal(err)
	}
	in, _ = h.Srv.Command(h.Ctx, "admin", "", "/mock-admin rounds role:Mock weekday:mon time:18:00")
	if m, err := in.WaitMessage(h.Ctx); err != nil || !strings.Contains(m.Content, "Monday at 18:00 UTC") {
		t.Fatalf("rounds: %v %s", err, messageText(m))
	}
	msgs := h.Srv.Messages(mockCh.ID)
	if len(msgs) == 0 {
		t.Fatal("no sign-up message")
	}
	signup := msgs[len(msgs)-1]
	var names []string
	for i := range 5 {
		n := fmt.Sprintf("r%d", i)
		names = append(names, n)
		if _, err := h.Srv.AddMember(guild, h.uid(n), role.ID); err != nil {
			t.Fatal(err)
		}
		if r, _ := h.Click(n, signup, "Join the rounds"); bot.IsErrorMessage(r) {
			t.Fatalf("%s join: %s", n, messageText(r))
		}
	}
	if r, _ := h.Click("outsider", signup, "Join the rounds"); !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "role") {
		t.Fatalf("outsider join: %s", messageText(r))
	}
	h.sweep() // not due yet
	if len(h.Srv.Threads()) != 0 {
		t.Fatal("round ran early")
	}
	h.Clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	h.sweep()
	h.sweep() // claimed once
	threads := h.Srv.Threads()
	if len(threads) != 2 {
		t.Fatalf("%d round threads, want a pair and a trio", len(threads))
	}
	seen := map[string]int{}
	sizes := []int{}
	for _, th := range threads {
		users := h.threadUsers(th.ID)
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
	set, _ := h.Store.Interviews.Settings(h.Ctx, guild)
	if got := time.UnixMilli(set.RoundsNextAt).UTC(); !got.Equal(time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC)) {
		t.Fatalf("next round %v", got)
	}
	// Three days later each thread is asked whether they met.
	h.Clock.Advance(interview.CheckinAfter + time.Minute)
	h.sweep()
	for _, th := range threads {
		var checkin *discordgo.Message
		for _, m := range h.Srv.Messages(th.ID) {
			if strings.Contains(m.Content, "did you meet") {
				checkin = m
			}
		}
		if checkin == nil {
			t.Fatalf("no check-in in %s", th.Name)
		}
		u := h.threadUsers(th.ID)[0]
		if r, _ := h.Click(u, checkin, "We met"); bot.IsErrorMessage(r) || !strings.Contains(r.Content, "you met") {
			t.Fatalf("we met: %s", messageText(r))
		}
	}
}

func TestMockReminderArchiveAndLeave(t *testing.T) {
	h := newHarness(t)
	// Leave button.
	m := h.Run("dora", "/mock topic:product")
	r, _ := h.Click("dora", m, "Leave the queue")
	if !strings.Contains(messageText(r), "You left") {
		t.Fatalf("leave: %s", messageText(r))
	}
	if e, _, _, _ := h.Store.Interviews.QueueEntry(h.Ctx, h.guild(), h.uid("dora")); e != nil {
		t.Fatal("still queued after leaving")
	}
	h.Run("alice", "/mock topic:statistics")
	h.Run("bob", "/mock topic:statistics")
	p := h.pairingOf("alice")
	pm := h.firstMessage(p.ThreadID)
	h.Click("alice", pm, "Finish")
	if _, err := h.giveFeedback("bob", pm, map[string]string{"communication": "4", "problem-solving": "4", "structure": "4"}); err != nil {
		t.Fatal(err)
	}
	h.Clock.Advance(interview.ReminderAfterFinish + time.Minute)
	h.sweep()
	h.sweep()
	reminders := 0
	for _, msg := range h.Srv.Messages(p.ThreadID) {
		if strings.Contains(msg.Content, "how did it go") {
			reminders++
			if !strings.Contains(msg.Content, "<@"+h.uid("alice")+">") || strings.Contains(msg.Content, "<@"+h.uid("bob")+">") {
				t.Errorf("reminder names the wrong members: %s", msg.Content)
			}
		}
	}
	if reminders != 1 {
		t.Fatalf("%d reminders", reminders)
	}
	// After 24 h of silence the pairing is archived: feedback is closed.
	h.Clock.Advance(interview.Silence)
	h.sweep()
	r, _ = h.Click("alice", pm, "Give feedback")
	if !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "archived") {
		t.Fatalf("feedback after archive: %s", messageText(r))
	}
	// /help shows admins the setup.
	h.admin("admin")
	help := h.Run("admin", "/help")
	if !strings.Contains(messageText(help), "**Mock interviews:**") {
		t.Fatalf("/help: %s", messageText(help))
	}
}

func TestMockRoundsTimezone(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.admin("admin")
	run := func(line string) *discordgo.Message { return h.Run("admin", line) }
	run("/mock-admin setup channel:" + mockCh.ID)
	// An unknown zone is refused with suggestions, and nothing is stored.
	if m := run("/mock-admin rounds weekday:mon time:18:00 timezone:America/New_Yrok"); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "America/New_York") {
		t.Fatalf("unknown zone: %s", messageText(m))
	}
	if set, _ := h.Store.Interviews.Settings(h.Ctx, guild); set.RoundsEnabled {
		t.Fatal("rounds enabled by a refused command")
	}
	// Autocomplete knows the zones.
	ch, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: "admin", Name: "mock-admin",
		Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "rounds", Type: discordgo.ApplicationCommandOptionSubCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "timezone", Value: "new_y"}}}}}, "timezone")
	if err != nil || len(ch) == 0 || ch[0].Name != "America/New_York" {
		t.Fatalf("timezone autocomplete: %v %+v", err, ch)
	}
	// Clock at Sunday 2026-11-29 12:00 UTC: Monday 18:00 in New York is 23:00 UTC.
	m := run("/mock-admin rounds weekday:mon time:6pm timezone:America/New_York")
	if bot.IsErrorMessage(m) || !strings.Contains(m.Content, "Monday at 18:00 America/New_York") {
		t.Fatalf("rounds: %s", messageText(m))
	}
	set, _ := h.Store.Interviews.Settings(h.Ctx, guild)
	if got := time.UnixMilli(set.RoundsNextAt).UTC(); !got.Equal(time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)) || set.RoundsTimezone != "America/New_York" {
		t.Fatalf("next round %v in %q", got, set.RoundsTimezone)
	}
	// Changing only the time keeps the zone.
	if m := run("/mock-admin rounds time:19:30"); !strings.Contains(m.Content, "19:30 America/New_York") {
		t.Fatalf("time change: %s", messageText(m))
	}
}

// Without a timezone option, rounds take the daily question's zone.
func TestMockRoundsTakeTheDailyZone(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.admin("admin")
	for _, line := range []string{
		`/daily setup channel:#general time:"09:00" timezone:Europe/Berlin`,
		"/mock-admin setup channel:" + mockCh.ID,
	} {
		if m := h.Run("admin", line); bot.IsErrorMessage(m) {
			t.Fatalf("%s: %s", line, messageText(m))
		}
	}
	if m := h.Run("admin", "/mock-admin rounds weekday:mon time:18:00"); !strings.Contains(m.Content, "Monday at 18:00 Europe/Berlin") {
		t.Fatalf("rounds: %s", messageText(m))
	}
	set, _ := h.Store.Interviews.Settings(h.Ctx, guild)
	if got := time.UnixMilli(set.RoundsNextAt).UTC(); !got.Equal(time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)) {
		t.Fatalf("next round %v, want 17:00 UTC (18:00 in Berlin)", got)
	}
}

// Voice channels per pair can be turned off again, and on only with a
// category to hold them.
func TestMockVoiceOnAndOff(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	cat, err := h.Srv.AddChannel(guild, "Mock voice", discordgo.ChannelTypeGuildCategory, "")
	if err != nil {
		t.Fatal(err)
	}
	h.admin("admin")
	setup := func(opts string) *discordgo.Message { return h.Run("admin", "/mock-admin setup "+opts) }
	if m := setup("voice:true"); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "need a category") {
		t.Fatalf("voice on without a category: %s", messageText(m))
	}
	if m := setup("voice-category:" + cat.ID); !strings.Contains(messageText(m), "voice channels in <#"+cat.ID+">") {
		t.Fatalf("voice category: %s", messageText(m))
	}
	if m := setup("voice-category:" + cat.ID + " voice:false"); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "not both") {
		t.Fatalf("both: %s", messageText(m))
	}
	if set, _ := h.Store.Interviews.Settings(h.Ctx, guild); set.VoiceCategoryID != cat.ID {
		t.Fatalf("a refused command changed the category to %q", set.VoiceCategoryID)
	}
	if m := setup("voice:true"); bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "voice channels in <#"+cat.ID+">") {
		t.Fatalf("voice on with the category set: %s", messageText(m))
	}
	if m := setup("voice:false"); bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "voice channels off") {
		t.Fatalf("voice off: %s", messageText(m))
	}
	// A pairing now gets no voice channel.
	h.Run("alice", "/mock topic:coding")
	h.Run("bob", "/mock topic:coding")
	if p := h.pairingOf("alice"); p == nil || p.VoiceChannelID != "" {
		t.Fatalf("pairing after voice:false: %+v", p)
	}
}

// In a trio (an odd weekly round), feedback and no-show reports first ask
// which partner is meant, naming each, and then act on the one chosen.
func TestMockTrioChoosesThePartner(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.admin("admin")
	for _, line := range []string{"/mock-admin setup channel:" + mockCh.ID, "/mock-admin rounds weekday:mon time:18:00 timezone:UTC"} {
		if m := h.Run("admin", line); bot.IsErrorMessage(m) {
			t.Fatalf("%s: %s", line, messageText(m))
		}
	}
	msgs := h.Srv.Messages(mockCh.ID)
	signup := msgs[len(msgs)-1]
	for _, n := range []string{"t0", "t1", "t2"} {
		if r, _ := h.Click(n, signup, "Join the rounds"); bot.IsErrorMessage(r) {
			t.Fatalf("%s join: %s", n, messageText(r))
		}
	}
	h.Clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	h.sweep()
	p := h.pairingOf("t0")
	if p == nil || len(p.Members) != 3 {
		t.Fatalf("round made %+v, want a trio", p)
	}
	pm := h.firstMessage(p.ThreadID)
	others := p.Others(h.uid("t0"))

	// Feedback: the chooser names both partners; Partner 2 gets it.
	chooser, _ := h.Click("t0", pm, "Give feedback")
	want := fmt.Sprintf("Partner 1 is <@%s>, Partner 2 is <@%s>", others[0].UserID, others[1].UserID)
	if !strings.Contains(chooser.Content, want) || chooser.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("feedback chooser: %q, want it to say %q", chooser.Content, want)
	}
	in, err := h.Srv.ClickLabel(h.Ctx, "t0", chooser, "Partner 2")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(h.Ctx); err != nil {
		t.Fatal(err)
	}
	id, _, _, ok := h.Srv.Modal("t0")
	if !ok {
		t.Fatal("no feedback form after choosing Partner 2")
	}
	sub, err := h.Srv.SubmitModal(h.Ctx, "t0", id, map[string]string{"communication": "4", "problem-solving": "5", "structure": "3", "went-well": "Clear plan."})
	if err != nil {
		t.Fatal(err)
	}
	if m, err := sub.WaitMessage(h.Ctx); err != nil || bot.IsErrorMessage(m) {
		t.Fatalf("feedback: %v %s", err, messageText(m))
	}
	if f, _ := h.Store.Feedback.Of(h.Ctx, p.ID, h.uid("t0"), others[1].UserID); f == nil || f.ProblemSolving != 5 {
		t.Fatalf("feedback for partner 2: %+v", f)
	}
	if f, _ := h.Store.Feedback.Of(h.Ctx, p.ID, h.uid("t0"), others[0].UserID); f != nil {
		t.Fatalf("partner 1 got feedback meant for partner 2: %+v", f)
	}

	// No-show: Partner 1 did not come; the other two go on.
	h.Clock.Set(p.SuggestedStart().Add(interview.NoShowGrace + time.Minute))
	chooser, _ = h.Click("t0", pm, "Report no-show")
	if !strings.Contains(chooser.Content, "Who did not come?") || !strings.Contains(chooser.Content, want) {
		t.Fatalf("no-show chooser: %q", chooser.Content)
	}
	r, _ := h.Click("t0", chooser, "Partner 1")
	if bot.IsErrorMessage(r) || !strings.Contains(r.Content, "<@"+others[0].UserID+"> did not come") || !strings.Contains(r.Content, "goes on") {
		t.Fatalf("trio no-show: %s", messageText(r))
	}
	if n, _ := h.Store.Interviews.NoShows(h.Ctx, guild, others[0].UserID); n != 1 {
		t.Fatalf("partner 1's no-shows %d, want 1", n)
	}
	if n, _ := h.Store.Interviews.NoShows(h.Ctx, guild, others[1].UserID); n != 0 {
		t.Fatalf("partner 2's no-shows %d, want 0", n)
	}
	if still := h.pairingOf("t0"); still == nil || !still.IsOpen() {
		t.Fatal("the trio's interview closed after one no-show")
	}
}
