package interview_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/interview"
	"github.com/prepcord/prepcord/bot/match"
)

// A senior and a junior are not paired while their levels are held; once
// both have waited match.HoldFor the sweep pairs them, and the pairing
// message says the level preference was relaxed.
func TestMockPrefsLevelHeldThenRelaxed(t *testing.T) {
	h := newHarness(t)
	m := h.Run("sr", "/mock topic:system-design level:senior")
	if text := messageText(m); !strings.Contains(text, "You are in the queue") || !strings.Contains(text, "a level at most one step from yours") ||
		!strings.Contains(text, "How partners are chosen") {
		t.Fatalf("senior's reply: %s", text)
	}
	h.Clock.Advance(5 * time.Minute)
	m = h.Run("jr", "/mock topic:system-design level:junior")
	if text := messageText(m); !strings.Contains(text, "You are in the queue") {
		t.Fatalf("junior was paired with the senior at once: %s", text)
	}
	// The senior's hold is over, the junior's is not: still no pairing.
	h.Clock.Advance(match.HoldFor - time.Minute)
	h.sweep()
	if p := h.pairingOf("sr"); p != nil {
		t.Fatalf("paired while the junior's level was held: %+v", p)
	}
	// A mid-level member suits the senior (one step) and is paired at once.
	m = h.Run("mid", "/mock topic:system-design level:mid")
	if text := messageText(m); !strings.Contains(text, "You have a partner") || !strings.Contains(text, "<@"+h.uid("sr")+">") ||
		!strings.Contains(text, "Level: senior and mid (one step apart)") {
		t.Fatalf("mid's reply: %s", text)
	}
	// Another senior now waits with the junior; both holds end, and the
	// sweep pairs them without anyone running /mock.
	h.Run("sr2", "/mock topic:system-design level:senior")
	h.Clock.Advance(match.HoldFor + time.Minute)
	h.sweep()
	p := h.pairingOf("jr")
	if p == nil || p.Member(h.uid("sr2")) == nil {
		t.Fatalf("after both holds ended: %+v", p)
	}
	h.sweep() // nothing twice
	if n := len(h.Srv.Threads()); n != 2 {
		t.Fatalf("%d threads, want 2", n)
	}
	text := messageText(h.firstMessage(p.ThreadID))
	if !strings.Contains(text, "Preferences: ↔️ Level: junior and senior (relaxed") && !strings.Contains(text, "Preferences: ↔️ Level: senior and junior (relaxed") {
		t.Fatalf("pairing message does not say the level was relaxed:\n%s", text)
	}
}

// A product manager is not paired with a data scientist while roles are
// held, but with another product manager at another company, and the
// reply says what matched.
func TestMockPrefsRoleRequiredCompanyBreaksTies(t *testing.T) {
	h := newHarness(t)
	h.Run("pm", `/mock topic:behavioral role:"Product Manager" company:meta`)
	if m := h.Run("ds", `/mock topic:behavioral role:"Data Scientist"`); !strings.Contains(messageText(m), "You are in the queue") {
		t.Fatalf("the data scientist was paired with the product manager: %s", messageText(m))
	}
	m := h.Run("pm2", `/mock topic:behavioral role:"product manager" company:google`)
	text := messageText(m)
	if !strings.Contains(text, "You have a partner") || !strings.Contains(text, "<@"+h.uid("pm")+">") {
		t.Fatalf("pm2's reply: %s", text)
	}
	for _, want := range []string{"✅ Role: both Product Manager", "Company: Meta and Google (company only breaks ties)"} {
		if !strings.Contains(text, want) {
			t.Errorf("reply lacks %q:\n%s", want, text)
		}
	}
	p := h.pairingOf("pm")
	if pm := messageText(h.firstMessage(p.ThreadID)); !strings.Contains(pm, "✅ Role: both Product Manager") {
		t.Errorf("pairing message lacks the role match:\n%s", pm)
	}
}

// Re-running /mock while queued changes only the options given, says what
// changed, and "any" clears a preference.
func TestMockPrefsKeptOnRerun(t *testing.T) {
	h := newHarness(t)
	if m := h.Run("alice", `/mock role:"Software Engineer"`); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "Choose a topic") {
		t.Fatalf("role without a topic, not queued: %s", messageText(m))
	}
	h.Run("alice", `/mock topic:coding role:"Software Engineer" level:senior`)
	m := h.Run("alice", "/mock topic:behavioral")
	text := messageText(m)
	if topic, role, company, level := h.queued("alice"); topic != "behavioral" || role != "Software Engineer" || company != "" || level != "senior" {
		t.Fatalf("after /mock topic:behavioral: %q %q %q %q", topic, role, company, level)
	}
	for _, want := range []string{"still in the queue", "Changed: topic Coding → **Behavioral**", "Kept: role Software Engineer; level senior"} {
		if !strings.Contains(text, want) {
			t.Errorf("re-run reply lacks %q:\n%s", want, text)
		}
	}
	// Without a topic, while queued: the topic is kept too.
	m = h.Run("alice", "/mock company:meta level:any")
	if topic, role, company, level := h.queued("alice"); topic != "behavioral" || role != "Software Engineer" || company != "Meta" || level != "" {
		t.Fatalf("after /mock company:meta level:any: %q %q %q %q", topic, role, company, level)
	}
	if text := messageText(m); !strings.Contains(text, "company **Meta** (new)") || !strings.Contains(text, "level cleared (was senior)") {
		t.Fatalf("reply: %s", text)
	}
	m = h.Run("alice", "/mock role:any")
	if _, role, _, _ := h.queued("alice"); role != "" || !strings.Contains(messageText(m), "role cleared") {
		t.Fatalf("role:any left %q: %s", role, messageText(m))
	}
	if m := h.Run("alice", "/mock company:Meta"); !strings.Contains(messageText(m), "Nothing changed") {
		t.Fatalf("same company again: %s", messageText(m))
	}
	// /mock alone still shows the place without changing anything.
	if m := h.Run("alice", "/mock"); !strings.Contains(messageText(m), "still in the queue") || strings.Contains(messageText(m), "Changed") {
		t.Fatalf("/mock alone: %s", messageText(m))
	}
}

// /mock-admin setup expiry reads the same forms and limits as
// MOCK_QUEUE_EXPIRY: 0 is refused (not silently the default), and
// `default` goes back to the default.
func TestMockAdminExpiryOneParser(t *testing.T) {
	h := newHarness(t)
	h.admin("admin")
	setup := func(v string) string { return messageText(h.Run("admin", "/mock-admin setup expiry:"+v)) }
	stored := func() int {
		set, err := h.Store.Interviews.Settings(h.Ctx, h.guild())
		if err != nil {
			t.Fatal(err)
		}
		return set.ExpiryMinutes
	}
	if text := setup("90"); !strings.Contains(text, "queue expiry 1 h 30 min;") || stored() != 90 {
		t.Fatalf("expiry:90: %s (stored %d)", text, stored())
	}
	for _, tt := range []struct{ in, want string }{
		{"0", `"0" (minutes) is too short`},
		{"1000h", `"1000h" is too long`},
		{"4m", "too short"},
		{"soon", "use minutes (90) or a duration"},
	} {
		if text := setup(tt.in); !strings.Contains(text, tt.want) || !strings.Contains(text, "`expiry:default`") {
			t.Errorf("expiry:%s: %s", tt.in, text)
		}
		if stored() != 90 {
			t.Fatalf("expiry:%s changed the stored expiry to %d", tt.in, stored())
		}
	}
	if text := setup("1d"); !strings.Contains(text, "queue expiry 24 h;") {
		t.Fatalf("expiry:1d: %s", text)
	}
	if text := setup("default"); !strings.Contains(text, "queue expiry 2 h (the default)") || stored() != 0 {
		t.Fatalf("expiry:default: %s (stored %d)", text, stored())
	}
}

// Swap roles pressed by both members, one after the other or at the same
// moment, posts "Roles swapped" once; the later press is told it is done.
func TestMockSwapOnce(t *testing.T) {
	h := newHarness(t)
	swapped := func(threadID string) int {
		n := 0
		for _, m := range h.Srv.Messages(threadID) {
			if strings.Contains(m.Content, "Roles swapped") {
				n++
			}
		}
		return n
	}
	// One after the other.
	h.Run("alice", "/mock topic:coding")
	h.Run("bob", "/mock topic:coding")
	p := h.pairingOf("alice")
	pm := h.firstMessage(p.ThreadID)
	h.Click("alice", pm, "Start")
	if r, _ := h.Click("alice", pm, "Swap roles"); bot.IsErrorMessage(r) || !strings.Contains(r.Content, "Roles swapped") {
		t.Fatalf("first swap: %s", messageText(r))
	}
	r, _ := h.Click("bob", pm, "Swap roles")
	if !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "already swapped") || r.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("second swap: %s", messageText(r))
	}
	if n := swapped(p.ThreadID); n != 1 {
		t.Fatalf("%d 'Roles swapped' messages after two presses", n)
	}

	// At the same moment.
	h.Run("carol", "/mock topic:product")
	h.Run("dave", "/mock topic:product")
	p = h.pairingOf("carol")
	pm = h.firstMessage(p.ThreadID)
	var wg sync.WaitGroup
	for _, u := range []string{"carol", "dave"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, err := h.Srv.ClickLabel(h.Ctx, u, pm, "Swap roles")
			if err == nil {
				_, err = in.WaitMessage(h.Ctx)
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := swapped(p.ThreadID); n != 1 {
		t.Fatalf("%d 'Roles swapped' messages after two presses at once", n)
	}
}

// The rounds' sign-up message is posted once: setting the rounds up again,
// pausing and resuming them edit it; a deleted one is posted anew.
func TestMockRoundsSignupPostedOnce(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	h.admin("admin")
	h.Run("admin", "/mock-admin setup channel:"+mockCh.ID)
	signups := func() []*discordgo.Message {
		var out []*discordgo.Message
		for _, m := range h.Srv.Messages(mockCh.ID) {
			if strings.Contains(m.Content, "Weekly mock interview rounds") {
				out = append(out, m)
			}
		}
		return out
	}
	rounds := func(opts string) string { return h.Run("admin", "/mock-admin rounds "+opts).Content }
	if text := rounds("weekday:mon time:18:00 timezone:UTC"); !strings.Contains(text, "Weekly mock rounds are on") || !strings.Contains(text, "posted") {
		t.Fatalf("first setup: %s", text)
	}
	for _, tt := range []struct{ opts, reply, message string }{
		{"enabled:true", "were already on", "Monday at 18:00"},
		{"time:19:30", "were already on", "Monday at 19:30"},
		{"enabled:false", "as paused", "paused"},
		{"enabled:false", "were already off", "paused"},
		{"enabled:true", "Weekly mock rounds are on", "Monday at 19:30"},
	} {
		text := rounds(tt.opts)
		got := signups()
		if len(got) != 1 {
			t.Fatalf("after rounds %s: %d sign-up messages", tt.opts, len(got))
		}
		if !strings.Contains(text, tt.reply) || !strings.Contains(got[0].Content, tt.message) {
			t.Fatalf("rounds %s: reply %q, message %q", tt.opts, text, got[0].Content)
		}
	}
	// Deleted by a moderator: the next setup posts a new one.
	if err := h.Bot.Session.ChannelMessageDelete(mockCh.ID, signups()[0].ID); err != nil {
		t.Fatal(err)
	}
	if text := rounds("enabled:true"); !strings.Contains(text, "posted") || len(signups()) != 1 {
		t.Fatalf("after the message was deleted: %s, %d messages", text, len(signups()))
	}
}

// Members choose a topic for the weekly rounds on the sign-up message, and
// the round pairs them on it; the others practise the week's topic.
func TestMockRoundsTopicChoice(t *testing.T) {
	h := newHarness(t)
	guild := h.guild()
	mockCh, _ := h.Srv.AddChannel(guild, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	role, _ := h.Srv.AddRole(guild, "Mock", 0)
	h.admin("admin")
	h.Run("admin", "/mock-admin setup channel:"+mockCh.ID)
	h.Run("admin", "/mock-admin rounds role:Mock weekday:mon time:18:00 timezone:UTC")
	msgs := h.Srv.Messages(mockCh.ID)
	signup := msgs[len(msgs)-1]
	roundAt := time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC)
	week := interview.RoundTopic(roundAt)
	chosen := match.Topics()[0]
	if chosen.Key == week.Key {
		chosen = match.Topics()[1]
	}
	menu := "m1/rounds/topic"
	for i, n := range []string{"r0", "r1", "r2", "r3"} {
		if _, err := h.Srv.AddMember(guild, h.uid(n), role.ID); err != nil {
			t.Fatal(err)
		}
		var r *discordgo.Message
		if i < 2 {
			in, err := h.Srv.Select(h.Ctx, n, signup, menu, chosen.Key)
			if err != nil {
				t.Fatal(err)
			}
			if r, err = in.WaitMessage(h.Ctx); err != nil {
				t.Fatal(err)
			}
		} else {
			r, _ = h.Click(n, signup, "Join the rounds")
		}
		if bot.IsErrorMessage(r) || !strings.Contains(r.Content, "You are in!") {
			t.Fatalf("%s joining: %s", n, messageText(r))
		}
	}
	// Join again keeps the topic chosen; the menu changes it.
	if r, _ := h.Click("r0", signup, "Join the rounds"); !strings.Contains(r.Content, "already in") || !strings.Contains(r.Content, chosen.Name) {
		t.Fatalf("r0 joining again: %s", r.Content)
	}
	in, _ := h.Srv.Select(h.Ctx, "r3", signup, menu, "any")
	if r, _ := in.WaitMessage(h.Ctx); !strings.Contains(r.Content, "now this week's topic") {
		t.Fatalf("r3 choosing any: %s", r.Content)
	}
	// The menu is for members with the role too.
	in, _ = h.Srv.Select(h.Ctx, "outsider", signup, menu, chosen.Key)
	if r, _ := in.WaitMessage(h.Ctx); !bot.IsErrorMessage(r) || !strings.Contains(messageText(r), "role") {
		t.Fatalf("outsider choosing a topic: %s", messageText(r))
	}

	h.Clock.Set(roundAt)
	h.sweep()
	for _, tt := range []struct{ a, b, topic string }{{"r0", "r1", chosen.Key}, {"r2", "r3", week.Key}} {
		p := h.pairingOf(tt.a)
		if p == nil || p.Member(h.uid(tt.b)) == nil || p.Topic != tt.topic || len(p.Members) != 2 {
			t.Fatalf("%s's round pairing: %+v, want with %s on %s", tt.a, p, tt.b, tt.topic)
		}
	}
}

// forgedMockSetup runs /mock-admin setup as the server's owner with the
// options a modified client may send (any channel id, which Discord's
// channel picker would not offer), straight into the router, and returns
// everything the bot sent back for it.
func forgedMockSetup(t *testing.T, h *harness, n int, opts ...*discordgo.ApplicationCommandInteractionDataOption) string {
	t.Helper()
	g := h.Srv.DefaultGuild()
	ic := &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{
		ID: fmt.Sprintf("1400000000000000%03d", n), AppID: h.Srv.ApplicationID(), Type: discordgo.InteractionApplicationCommand,
		Token: fmt.Sprintf("forged-mock-%d", n), Version: 1, GuildID: g.ID, ChannelID: h.Srv.ChannelByName(g.ID, "general").ID,
		Member: &discordgo.Member{User: &discordgo.User{ID: g.OwnerID, Username: "owner"}, Permissions: bottest.PermsAdmin},
		Data: discordgo.ApplicationCommandInteractionData{Name: "mock-admin", CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "setup", Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}},
	}}
	return h.Forged(ic)
}

// /mock-admin setup stores a channel or voice category only when Discord
// says it is a channel of this server of the right type.
func TestMockSetupChecksChannels(t *testing.T) {
	h := newHarness(t)
	g := h.Srv.DefaultGuild()
	other := h.Srv.AddGuild(discordtest.GuildSpec{Name: "Elsewhere"})
	theirs := h.Srv.ChannelByName(other.ID, "general")
	theirCat, _ := h.Srv.AddChannel(other.ID, "Their voice", discordgo.ChannelTypeGuildCategory, "")
	voice, _ := h.Srv.AddChannel(g.ID, "lounge", discordgo.ChannelTypeGuildVoice, "")
	mockCh, _ := h.Srv.AddChannel(g.ID, "mock-interviews", discordgo.ChannelTypeGuildText, "")
	cat, _ := h.Srv.AddChannel(g.ID, "Mock voice", discordgo.ChannelTypeGuildCategory, "")
	opt := func(name, v string) *discordgo.ApplicationCommandInteractionDataOption {
		typ := discordgo.ApplicationCommandOptionChannel
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: typ, Value: v}
	}
	for i, tt := range []struct {
		name string
		opt  *discordgo.ApplicationCommandInteractionDataOption
		want string
	}{
		{"another server's channel", opt("channel", theirs.ID), "not in this server"},
		{"another server's category", opt("voice-category", theirCat.ID), "not in this server"},
		{"a voice channel as the mock channel", opt("channel", voice.ID), "is not a text channel"},
		{"a text channel as the voice category", opt("voice-category", mockCh.ID), "is not a category"},
		{"a channel that does not exist", opt("channel", "1234567890123456789"), "I cannot see that channel"},
		{"not an id", opt("channel", "general"), "from the list Discord offers"},
	} {
		got := forgedMockSetup(t, h, i, tt.opt)
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: the bot answered %s; want %q", tt.name, got, tt.want)
		}
		if set, _ := h.Store.Interviews.Settings(h.Ctx, g.ID); set.ChannelID != "" || set.VoiceCategoryID != "" {
			t.Fatalf("%s: stored %+v", tt.name, set)
		}
	}
	// This server's text channel and category are stored.
	got := forgedMockSetup(t, h, 10, opt("channel", mockCh.ID), opt("voice-category", cat.ID))
	set, _ := h.Store.Interviews.Settings(h.Ctx, g.ID)
	if set.ChannelID != mockCh.ID || set.VoiceCategoryID != cat.ID {
		t.Fatalf("own channels: stored %+v; the bot answered %s", set, got)
	}
	// A channel Discord cannot show the bot is refused through the real
	// command path too, and nothing is changed.
	h.admin("admin")
	other2, _ := h.Srv.AddChannel(g.ID, "mock-2", discordgo.ChannelTypeGuildText, "")
	h.Srv.Fault(discordtest.Fault{Route: "GET /channels/{id}", Status: 404, Times: 1})
	if m := h.Run("admin", "/mock-admin setup channel:"+other2.ID); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), "I cannot see that channel") {
		t.Fatalf("setup with an unreadable channel: %s", messageText(m))
	}
	if set, _ := h.Store.Interviews.Settings(h.Ctx, g.ID); set.ChannelID != mockCh.ID {
		t.Fatalf("a refused setup changed the channel to %s", set.ChannelID)
	}
}
