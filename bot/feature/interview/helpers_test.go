package interview_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/feature/interview"
	"github.com/prepcord/prepcord/store"
)

// harness is the bottest harness with the helpers of the interview tests.
type harness struct{ *bottest.Harness }

// newHarness starts a bot on the loopback Discord (see bottest.New).
func newHarness(t testing.TB) *harness {
	t.Helper()
	return &harness{bottest.New(t, bottest.Options{})}
}

// sweep does, once, the bot's background work due at the clock's time
// (the interview sweep among it), as its loops would at their next tick.
func (h *harness) sweep() {
	h.T.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.Bot.RunDue(ctx); err != nil {
		h.T.Fatalf("sweep at %s: %v", h.Clock.Now().UTC().Format(time.RFC3339), err)
	}
}

// uid returns a test user's id, creating the user.
func (h *harness) uid(name string) string {
	return h.Srv.AddUser(name).ID
}

// admin makes user an admin (the guild's Admin role) and returns it.
func (h *harness) admin(name string) string {
	h.T.Helper()
	uid := h.uid(name)
	if _, err := h.Srv.AddMember(h.guild(), uid, h.Srv.Role(h.guild(), "Admin").ID); err != nil {
		h.T.Fatal(err)
	}
	return name
}

// guild returns the default guild's id.
func (h *harness) guild() string { return h.Srv.DefaultGuild().ID }

// pairingOf returns a member's open pairing (nil when none).
func (h *harness) pairingOf(name string) *store.Pairing {
	h.T.Helper()
	p, err := h.Store.Interviews.OpenPairingOf(h.Ctx, h.guild(), h.uid(name))
	if err != nil {
		h.T.Fatal(err)
	}
	return p
}

// firstMessage returns the pairing message of a thread.
func (h *harness) firstMessage(threadID string) *discordgo.Message {
	h.T.Helper()
	msgs := h.Srv.Messages(threadID)
	if len(msgs) == 0 {
		h.T.Fatalf("thread %s has no message", threadID)
	}
	return msgs[0]
}

// giveFeedback presses Give feedback as user and submits values.
func (h *harness) giveFeedback(user string, m *discordgo.Message, values map[string]string) (*discordgo.Message, error) {
	h.T.Helper()
	return h.form(user, m, "Give feedback", values)
}

// messageText joins a message's content and embed texts, footers included.
func messageText(m *discordgo.Message) string {
	parts := []string{bottest.Text(m)}
	for _, e := range m.Embeds {
		if e.Footer != nil {
			parts = append(parts, e.Footer.Text)
		}
	}
	return strings.Join(parts, "\n")
}

// threadUsers returns the thread's members other than the bot.
func (h *harness) threadUsers(threadID string) []string {
	var out []string
	for _, u := range h.Srv.ThreadMembers(threadID) {
		if u != h.Srv.BotUser().ID {
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

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// dms returns the messages in a member's DM channel with the bot.
func (h *harness) dms(name string) []*discordgo.Message {
	h.T.Helper()
	uid := h.uid(name)
	var out []*discordgo.Message
	for _, m := range h.Srv.Readable(uid) {
		if ch := h.Srv.Channel(m.ChannelID); ch != nil && ch.Type == discordgo.ChannelTypeDM {
			out = append(out, m)
		}
	}
	return out
}

// noShowPair pairs a and b for coding and has a report b as a no-show
// once that is allowed; it returns the pairing's first message.
func (h *harness) noShowPair(a, b string) *discordgo.Message {
	h.T.Helper()
	p, pm := h.pair(a, b)
	h.Clock.Set(p.SuggestedStart().Add(interview.NoShowGrace + time.Minute))
	r, _ := h.Click(a, pm, "Report no-show")
	if bot.IsErrorMessage(r) || !strings.Contains(r.Content, "did not come") {
		h.T.Fatalf("no-show report: %s", messageText(r))
	}
	return pm
}

// pair pairs a and b for coding and returns the pairing and its first
// message.
func (h *harness) pair(a, b string) (*store.Pairing, *discordgo.Message) {
	h.T.Helper()
	h.Run(a, "/mock topic:coding")
	h.Run(b, "/mock topic:coding")
	p := h.pairingOf(a)
	if p == nil || p.Member(h.uid(b)) == nil {
		h.T.Fatalf("%s and %s were not paired: %+v", a, b, p)
	}
	return p, h.firstMessage(p.ThreadID)
}

// modalValues returns the title and the values of the modal last
// shown to user, by input custom_id.
func (h *harness) modalValues(user string) (string, map[string]string) {
	h.T.Helper()
	_, title, fields, ok := h.Srv.Modal(user)
	if !ok {
		h.T.Fatalf("no modal shown to %s", user)
	}
	out := map[string]string{}
	for _, f := range fields {
		out[f.CustomID] = f.Value
	}
	return title, out
}

// trio runs a weekly round with three members (t0, t1, t2) and returns
// their pairing and its first message.
func (h *harness) trio() (*store.Pairing, *discordgo.Message) {
	h.T.Helper()
	h.joinRounds("t0", "t1", "t2")
	h.Clock.Set(time.Date(2026, 11, 30, 18, 0, 30, 0, time.UTC))
	h.sweep()
	p := h.pairingOf("t0")
	if p == nil || len(p.Members) != 3 {
		h.T.Fatalf("round made %+v, want a trio", p)
	}
	return p, h.firstMessage(p.ThreadID)
}

// form presses the button labelled label on m as user, submits the
// form it opens with values and returns the answer.
func (h *harness) form(user string, m *discordgo.Message, label string, values map[string]string) (*discordgo.Message, error) {
	h.T.Helper()
	in, err := h.Srv.ClickLabel(h.Ctx, user, m, label)
	if err != nil {
		h.T.Fatal(err)
	}
	if _, err := in.Wait(h.Ctx); err != nil {
		h.T.Fatal(err)
	}
	id, _, _, ok := h.Srv.Modal(user)
	if !ok {
		h.T.Fatalf("no modal shown to %s", user)
	}
	sub, err := h.Srv.SubmitModal(h.Ctx, user, id, values)
	if err != nil {
		return nil, err
	}
	return sub.WaitMessage(h.Ctx)
}

// feedbackTo gives feedback in a trio: Give feedback, the partner's
// button in the chooser, the form filled with values.
func (h *harness) feedbackTo(user string, pm *discordgo.Message, partner string, values map[string]string) *discordgo.Message {
	h.T.Helper()
	chooser, _ := h.Click(user, pm, "Give feedback")
	m, err := h.form(user, chooser, partner, values)
	if err != nil {
		h.T.Fatal(err)
	}
	return m
}

// queued returns a member's queue entry, failing when there is none.
func (h *harness) queued(name string) (topic, role, company, level string) {
	h.T.Helper()
	e, _, _, err := h.Store.Interviews.QueueEntry(h.Ctx, h.guild(), h.uid(name))
	if err != nil || e == nil {
		h.T.Fatalf("%s is not queued: %v", name, err)
	}
	return e.Topic, e.Role, e.Company, e.Level
}
