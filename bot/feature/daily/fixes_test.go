package daily_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/daily"
)

// TestDailyResumeWhenNotPaused: resuming a schedule that is not paused
// says so, as pausing a paused one does, instead of "Resumed."
func TestDailyResumeWhenNotPaused(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	setupDaily(t, h, "10:00", "UTC", "")
	text := mustReply(t, h.Run("owner", "/daily resume"))
	if strings.Contains(text, "Resumed") || !strings.Contains(text, "not paused") || !strings.Contains(text, "Fri 1 May 2026, 10:00 UTC") {
		t.Fatalf("resume while not paused: %q", text)
	}
	mustReply(t, h.Run("owner", "/daily pause"))
	if text := mustReply(t, h.Run("owner", "/daily resume")); !strings.Contains(text, "Resumed") {
		t.Fatalf("resume after pause: %q", text)
	}
}

// TestDailySkipStacksVisiblyAndUndoes: a second skip names what is already
// skipped and which post it skips now, /daily status lists the skipped
// dates, and /daily skip undo:true puts back the last one, which then
// goes out.
func TestDailySkipStacksVisiblyAndUndoes(t *testing.T) {
	h, at, ch := newYorkDaily(t)

	if text := mustReply(t, h.Run("owner", "/daily skip undo:true")); !strings.Contains(text, "nothing to put back") {
		t.Fatalf("undo with nothing skipped: %q", text)
	}
	first := mustReply(t, h.Run("owner", "/daily skip"))
	if !strings.Contains(first, "2026-05-01") || strings.Contains(first, "Already skipped") {
		t.Fatalf("first skip: %q", first)
	}
	second := mustReply(t, h.Run("owner", "/daily skip"))
	for _, want := range []string{"Already skipped: Fri 1 May 2026, 10:00 EDT (2026-05-01)", "following post too: Sat 2 May 2026, 10:00 EDT (2026-05-02)",
		"Sun 3 May 2026, 10:00 EDT", "undo:true"} {
		if !strings.Contains(second, want) {
			t.Errorf("second skip lacks %q:\n%s", want, second)
		}
	}
	status := mustReply(t, h.Run("owner", "/daily status"))
	if !strings.Contains(status, "Skipped: Fri 1 May 2026, 10:00 EDT (2026-05-01), Sat 2 May 2026, 10:00 EDT (2026-05-02)") ||
		!strings.Contains(status, "Next post: Sun 3 May 2026, 10:00 EDT") {
		t.Fatalf("status does not list the skipped dates:\n%s", status)
	}
	undo := mustReply(t, h.Run("owner", "/daily skip undo:true"))
	if !strings.Contains(undo, "Put back the post of Sat 2 May 2026, 10:00 EDT (2026-05-02)") || !strings.Contains(undo, "Still skipped: Fri 1 May") {
		t.Fatalf("undo: %q", undo)
	}
	status = mustReply(t, h.Run("owner", "/daily status"))
	if strings.Contains(status, "2026-05-02)") || !strings.Contains(status, "Next post: Sat 2 May 2026, 10:00 EDT") {
		t.Fatalf("status after undo:\n%s", status)
	}
	// The 1st stays skipped, the 2nd goes out again.
	h.Clock.Set(at(1, 10, 0))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 0 {
		t.Fatalf("a skipped date posted: %d posts", n)
	}
	h.Clock.Set(at(2, 10, 0))
	sweep(t, h)
	if n := len(dailyPosts(h, ch.ID)); n != 1 {
		t.Fatalf("the put-back date did not post: %d posts", n)
	}
	// A skip whose date has passed is not offered for undo any more.
	if text := mustReply(t, h.Run("owner", "/daily skip undo:true")); !strings.Contains(text, "nothing to put back") {
		t.Fatalf("undo of a past skip: %q", text)
	}
}

// TestDailyPostKeepsBankCountForAdmins: the public post no longer tells
// members how many questions are left before repeats; /daily status still
// warns admins when the bank runs low.
func TestDailyPostKeepsBankCountForAdmins(t *testing.T) {
	h, post := firstPost(t, smallBank(3))
	if text := messageText(post); strings.Contains(text, "left before repeats") || strings.Contains(text, "questions left") {
		t.Fatalf("the public post shows the bank count:\n%s", text)
	}
	status := mustReply(t, h.Run("owner", "/daily status"))
	if !strings.Contains(status, "⚠️ 2 of 3 questions left before repeats") {
		t.Fatalf("status lost the low-bank warning:\n%s", status)
	}
	if help := mustReply(t, h.Run("owner", "/help")); !strings.Contains(help, "⚠️ 2 questions left before repeats") {
		t.Fatalf("the admin /help does not warn of the low bank:\n%s", help)
	}
}

// TestDailySetupEchoesCanonicalNames: filters typed in lower case or as an
// alias are echoed, stored and shown in /daily status by their canonical
// names.
func TestDailySetupEchoesCanonicalNames(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ch := dailyChannel(t, h, "daily")
	text := mustReply(t, h.Run("owner", setupLine(ch, "10:00", "UTC", `company:google category:"system design"`)))
	if !strings.Contains(text, "Questions: company Google, category System Design.") {
		t.Fatalf("setup echo:\n%s", text)
	}
	if status := mustReply(t, h.Run("owner", "/daily status")); !strings.Contains(status, "Questions: company Google, category System Design") {
		t.Fatalf("status:\n%s", status)
	}
	text = mustReply(t, h.Run("owner", setupLine(ch, "10:00", "UTC", `company:fb`)))
	if !strings.Contains(text, "Questions: company Meta.") {
		t.Fatalf("an alias is not shown by its company:\n%s", text)
	}
}

// TestFixedOffsetZonesWarn: timezone:EST is accepted (it is a real zone)
// but /daily setup, /daily status and /mock-admin rounds warn that it
// never changes for daylight saving and name America/New_York; an
// abbreviation that is no zone (PST) is refused naming the zone meant.
func TestFixedOffsetZonesWarn(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	h.Clock.Set(time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	ch := dailyChannel(t, h, "daily")
	text := mustReply(t, h.Run("owner", setupLine(ch, "10:00", "EST", "")))
	if !strings.Contains(text, "⚠️ EST is a fixed offset (UTC-05:00)") || !strings.Contains(text, `"America/New_York"`) {
		t.Fatalf("setup with EST does not warn:\n%s", text)
	}
	if status := mustReply(t, h.Run("owner", "/daily status")); !strings.Contains(status, "⚠️ EST is a fixed offset") {
		t.Fatalf("status with EST does not warn:\n%s", status)
	}
	if text := mustReply(t, h.Run("owner", setupLine(ch, "10:00", "America/New_York", ""))); strings.Contains(text, "⚠️") {
		t.Fatalf("a place's zone warns:\n%s", text)
	}
	if m := h.Run("owner", setupLine(ch, "10:00", "PST", "")); !bot.IsErrorMessage(m) || !strings.Contains(messageText(m), `"America/Los_Angeles"`) {
		t.Fatalf("PST: %q", messageText(m))
	}
	// /mock-admin rounds parses zones the same way and warns alike.
	mockCh := dailyChannel(t, h, "mock")
	mustReply(t, h.Run("owner", "/mock-admin setup channel:"+mockCh.ID))
	m := h.Run("owner", "/mock-admin rounds weekday:mon time:18:00 timezone:Etc/GMT+5")
	if text := mustReply(t, m); !strings.Contains(text, "⚠️ Etc/GMT+5 is a fixed offset (UTC-05:00") {
		t.Fatalf("rounds with Etc/GMT+5 does not warn:\n%s", text)
	}
}

// forgedSetup runs /daily setup channel:{channelID} time:09:00
// timezone:UTC as the first server's owner the way a modified client
// could, with any channel id (which Discord's picker would never offer),
// and returns everything the bot sent back.
func forgedSetup(t *testing.T, h *bottest.Harness, n int, channelID string) string {
	t.Helper()
	g := h.Srv.DefaultGuild()
	opt := func(name string, typ discordgo.ApplicationCommandOptionType, v string) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: typ, Value: v}
	}
	ic := &discordgo.InteractionCreate{Interaction: &discordgo.Interaction{
		ID: fmt.Sprintf("1500000000000000%03d", n), AppID: h.Srv.ApplicationID(), Type: discordgo.InteractionApplicationCommand,
		Token: fmt.Sprintf("forged-daily-%d", n), Version: 1, GuildID: g.ID, ChannelID: h.Srv.ChannelByName(g.ID, "general").ID,
		Member: &discordgo.Member{User: &discordgo.User{ID: g.OwnerID, Username: "owner"}, Permissions: bottest.PermsAdmin},
		Data: discordgo.ApplicationCommandInteractionData{Name: "daily", CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "setup", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{
					opt("channel", discordgo.ApplicationCommandOptionChannel, channelID),
					opt("time", discordgo.ApplicationCommandOptionString, "09:00"),
					opt("timezone", discordgo.ApplicationCommandOptionString, "UTC"),
				}}}},
	}}
	return h.Forged(ic)
}

// TestDailyChannelMustBeThisServersTextChannel: the channel /daily setup
// (and /daily now) post in is fetched from Discord and must be a text or
// announcement channel of the server being set up: a DM channel, another
// server's channel, a voice channel or a category are refused clearly.
// Discord's picker offers none of them, but a crafted interaction can name
// any channel id, so the check is on the channel itself.
func TestDailyChannelMustBeThisServersTextChannel(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	guild := h.Srv.DefaultGuild().ID
	dm, err := h.Bot.Session.UserChannelCreate(h.Srv.AddUser("dana").ID)
	if err != nil {
		t.Fatal(err)
	}
	other := h.Srv.AddGuild(discordtest.GuildSpec{Name: "other", Channels: []discordtest.ChannelSpec{{Name: "daily"}}})
	voice, err := h.Srv.AddChannel(guild, "voice", discordgo.ChannelTypeGuildVoice, "")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := h.Srv.AddChannel(guild, "cat", discordgo.ChannelTypeGuildCategory, "")
	if err != nil {
		t.Fatal(err)
	}
	news, err := h.Srv.AddChannel(guild, "news", discordgo.ChannelTypeGuildNews, "")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, channel, want string
	}{
		{"DM channel", dm.ID, "not a channel of this server"},
		{"another server's channel", h.Srv.ChannelByName(other.ID, "daily").ID, "not a channel of this server"},
		{"voice channel", voice.ID, "not a text or announcement channel"},
		{"category", cat.ID, "not a text or announcement channel"},
		{"announcement channel", news.ID, ""},
		{"text channel", dailyChannel(t, h, "daily").ID, ""},
	}
	for i, c := range cases {
		got := forgedSetup(t, h, i, c.channel)
		cfg, err := h.Store.Daily.Config(h.Ctx, guild)
		stored := err == nil && cfg.ChannelID == c.channel
		switch {
		case c.want == "" && !stored:
			t.Errorf("%s: refused: %s", c.name, got)
		case c.want != "" && (stored || !strings.Contains(got, c.want)):
			t.Errorf("%s: the bot answered %s (stored: %v), want a clear refusal saying %q", c.name, got, stored, c.want)
		}
	}
}

// TestDailyAutocompleteIsForAdminsAndCapped: /daily autocomplete answers
// admins only (a member's client can still send it), and input over the
// 100 characters /question allows gets no suggestions, as in /question.
func TestDailyAutocompleteIsForAdminsAndCapped(t *testing.T) {
	h := newHarness(t, bottest.Options{})
	ask := func(user, focused, typed string) []*discordgo.ApplicationCommandOptionChoice {
		t.Helper()
		choices, err := h.Srv.Autocomplete(h.Ctx, discordtest.Slash{User: user, Name: "daily",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "setup", Type: discordgo.ApplicationCommandOptionSubCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: focused, Value: typed}}}}}, focused)
		if err != nil {
			t.Fatal(err)
		}
		return choices
	}
	if got := ask("owner", "company", "goo"); len(got) == 0 || got[0].Value != "Google" {
		t.Fatalf("admin company autocomplete: %+v", got)
	}
	if got := ask("owner", "timezone", "london"); len(got) == 0 || got[0].Value != "Europe/London" {
		t.Fatalf("admin timezone autocomplete: %+v", got)
	}
	for _, focused := range []string{"company", "role", "category", "timezone"} {
		if got := ask("member", focused, "goo"); len(got) != 0 {
			t.Errorf("a member gets /daily %s suggestions: %+v", focused, got)
		}
	}
	if got := ask("owner", "company", "goo"+strings.Repeat(" ", 200)); len(got) != 0 {
		t.Errorf("201-character input got suggestions: %+v", got)
	}
}

// solutionOf returns the solution text of the question a daily post
// carries, as the bank has it.
func solutionOf(t *testing.T, h *bottest.Harness, post *discordgo.Message) string {
	t.Helper()
	id := strings.TrimSpace(strings.Split(strings.TrimPrefix(post.Embeds[0].Footer.Text, "id: "), " · ")[0])
	q, err := h.Store.Questions.ByID(context.Background(), h.Srv.DefaultGuild().ID, id)
	if err != nil {
		t.Fatalf("question %q: %v", id, err)
	}
	return q.Solution
}

// TestDailySolutionWaitsForTheReveal: the post promises the solution in
// its thread when the next question goes out (24 hours at most), and its
// Solution button keeps that promise: before the reveal it says privately
// when the reveal comes (a Discord timestamp) and shows the solution only
// behind an explicit "Show me now (spoiler)"; after the reveal it shows it.
// A Friday post on a mon-fri schedule reveals after 24 hours.
func TestDailySolutionWaitsForTheReveal(t *testing.T) {
	h := newHarness(t, bottest.Options{Bank: smallBank(3)})
	ny, _ := time.LoadLocation("America/New_York")
	at := func(d, hh int) time.Time { return time.Date(2026, 5, d, hh, 0, 0, 0, ny) }
	h.Clock.Set(at(7, 8)) // Thursday
	ch := setupDaily(t, h, "10:00", "America/New_York", "days:mon-fri")
	h.Clock.Set(at(7, 10))
	sweep(t, h)
	posts := dailyPosts(h, ch.ID)
	if len(posts) != 1 || !strings.Contains(posts[0].Content, "revealed there when the next question goes out (24 hours at most)") {
		t.Fatalf("post: %+v", posts)
	}
	thursday, solution := posts[0], solutionOf(t, h, posts[0])

	h.Clock.Set(at(7, 11))
	wait, _ := h.Click("alice", thursday, "Solution")
	text := messageText(wait)
	if wait.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(text, "No spoilers yet") ||
		!strings.Contains(text, fmt.Sprintf("<t:%d:R>", at(8, 10).Unix())) || strings.Contains(text, solution) {
		t.Fatalf("Solution before the reveal (due Friday 10:00, with the next post):\n%s", text)
	}
	sol, _ := h.Click("alice", wait, "Show me now (spoiler)")
	if sol.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(messageText(sol), solution) {
		t.Fatalf("Show me now: %s", messageText(sol))
	}
	if rev := h.Srv.Messages(thursday.ID); len(rev) != 0 {
		t.Fatalf("the thread got the solution early: %+v", rev)
	}

	// Friday's post reveals Thursday's solution in its thread; the button then shows it at once.
	h.Clock.Set(at(8, 10))
	sweep(t, h)
	if rev := h.Srv.Messages(thursday.ID); len(rev) == 0 || !strings.Contains(rev[len(rev)-1].Content, "||") {
		t.Fatalf("no reveal in the thread: %+v", rev)
	}
	now, _ := h.Click("bob", thursday, "Solution")
	if !strings.Contains(messageText(now), solution) || strings.Contains(messageText(now), "No spoilers") {
		t.Fatalf("Solution after the reveal: %s", messageText(now))
	}
	// No post on Saturday: Friday's solution comes 24 hours after it.
	posts = dailyPosts(h, ch.ID)
	friday := posts[len(posts)-1]
	h.Clock.Set(at(8, 18))
	wait, _ = h.Click("alice", friday, "Solution")
	if text := messageText(wait); !strings.Contains(text, fmt.Sprintf("<t:%d:R>", at(9, 10).Unix())) {
		t.Fatalf("Friday's reveal is not 24 h later:\n%s", text)
	}
	h.Clock.Set(at(9, 10))
	sweep(t, h)
	if now, _ := h.Click("alice", friday, "Solution"); !strings.Contains(messageText(now), solutionOf(t, h, friday)) {
		t.Fatalf("Solution 24 h later: %s", messageText(now))
	}
	if rev := h.Srv.Messages(friday.ID); len(rev) == 0 {
		t.Fatal("Friday's solution was not revealed in its thread after 24 hours")
	}
}

// TestDailyOldPostsCountOnlyForTheirOwnDay: "I answered" on a post, or a
// message in its thread, counts for the post's own date and only while the
// post is open (until its solution is revealed with the next post): just
// after midnight it still counts for the day before; once the next post is
// out, an old post's answer is refused with a clear message and counts for
// no day, so it can neither serve as today's answer nor fill in a missed
// day of a streak.
func TestDailyOldPostsCountOnlyForTheirOwnDay(t *testing.T) {
	h, at, ch := newYorkDaily(t)
	guild := h.Srv.DefaultGuild().ID
	days := func(user string) string {
		t.Helper()
		ds, err := h.Store.History.ParticipationDays(context.Background(), guild, h.Srv.User(user).ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range ds {
			out = append(out, d.Date)
		}
		return strings.Join(out, " ")
	}
	postOn := func(d int) *discordgo.Message {
		t.Helper()
		h.Clock.Set(at(d, 10, 0))
		sweep(t, h)
		ps := dailyPosts(h, ch.ID)
		return ps[len(ps)-1]
	}
	p1 := postOn(1)
	h.Srv.AddUser("bob")

	// Just after midnight, before the next post: counts for the 1st.
	h.Clock.Set(at(2, 0, 1))
	ans, _ := h.Click("alice", p1, "I answered")
	if !strings.Contains(ans.Content, "Counted for 2026-05-01") || days("alice") != "2026-05-01" {
		t.Fatalf("00:01 answer to the 1st's post: %q, days %q", ans.Content, days("alice"))
	}
	p2 := postOn(2)
	// After the 2nd's post: the 1st's post is closed.
	h.Clock.Set(at(2, 11, 0))
	old, _ := h.Click("alice", p1, "I answered")
	if !bot.IsErrorMessage(old) || !strings.Contains(messageText(old), "question of 2026-05-01") || !strings.Contains(messageText(old), "not counted") ||
		!strings.Contains(messageText(old), p2.ID) {
		t.Fatalf("answer to an old post: %q", messageText(old))
	}
	if got := days("alice"); got != "2026-05-01" {
		t.Fatalf("an old post's answer was counted: days %q", got)
	}
	// Writing in the old thread is discussion, not an answer for any day.
	// (The feature's gateway handler is called directly, to know it is done.)
	onMessage := daily.New(h.Bot.Env(), h.Store.Daily, h.Store.Questions, h.Store.History, h.Store.Reviews, h.Store.Suggestions, daily.Config{}).Handlers()[0].(func(*discordgo.Session, *discordgo.MessageCreate))
	onMessage(h.Bot.Session, &discordgo.MessageCreate{Message: &discordgo.Message{ID: "m-old", GuildID: guild, ChannelID: p1.ID,
		Author: h.Srv.User("bob"), Content: "late thoughts"}})
	if got := days("bob"); got != "" {
		t.Fatalf("a message in an old thread counted for %q", got)
	}
	// The open post's thread counts, for its own date.
	if _, err := h.Srv.Say("bob", p2.ID, "My answer."); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return days("bob") == "2026-05-02" })

	ans, _ = h.Click("alice", p2, "I answered")
	if !strings.Contains(ans.Content, "Counted for 2026-05-02") || !strings.Contains(ans.Content, "streak: **2**") {
		t.Fatalf("the 2nd: %q", ans.Content)
	}
	// Alice misses the 3rd; once the 4th is out she cannot fill it in.
	p3 := postOn(3)
	p4 := postOn(4)
	h.Clock.Set(at(4, 12, 0))
	if m, _ := h.Click("alice", p3, "I answered"); !bot.IsErrorMessage(m) {
		t.Fatalf("the missed 3rd was filled in: %q", messageText(m))
	}
	ans, _ = h.Click("alice", p4, "I answered")
	if !strings.Contains(ans.Content, "streak: **1**") || !strings.Contains(ans.Content, "best 2") || days("alice") != "2026-05-01 2026-05-02 2026-05-04" {
		t.Fatalf("the 4th: %q, days %q", ans.Content, days("alice"))
	}
}

// TestDailyPostEscapesTheTitle: a question title with markdown arrives in
// the post's embed title, and in the head of its reveal, as the characters
// written, like the other cards; the thread name, plain text, keeps them.
func TestDailyPostEscapesTheTitle(t *testing.T) {
	bank := smallBank(1)
	bank[0].Title = "*bold* _x_"
	h, post := firstPost(t, bank)
	if got, want := post.Embeds[0].Title, `Daily question: \*bold\* \_x\_`; got != want {
		t.Errorf("embed title %q, want %q", got, want)
	}
	if th := post.Thread; th == nil || th.Name != "*bold* _x_ · 2026-05-01" {
		t.Errorf("thread %+v", th)
	}
	// The next day's post reveals the solution in the thread.
	h.Clock.Set(time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	rev := h.Srv.Messages(post.ID)
	if len(rev) == 0 || !strings.HasPrefix(rev[0].Content, `**Solution** to *\*bold\* \_x\_* (tap`) {
		t.Fatalf("reveal: %+v", rev)
	}
}
