package daily_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/store"
)

// postOf reads the store's record of a daily post message.
func postOf(t *testing.T, h *bottest.Harness, m *discordgo.Message) *store.DailyPost {
	t.Helper()
	for _, row := range m.Components {
		for _, c := range row.(*discordgo.ActionsRow).Components {
			if b, ok := c.(*discordgo.Button); ok && strings.HasPrefix(b.CustomID, "d1/solution/") {
				id, _ := strconv.ParseInt(strings.TrimPrefix(b.CustomID, "d1/solution/"), 10, 64)
				p, err := h.Store.Daily.Post(context.Background(), id)
				if err != nil {
					t.Fatal(err)
				}
				return p
			}
		}
	}
	t.Fatal("not a daily post")
	return nil
}

// answer presses Answer on post as user and submits text; it returns the
// form's prefilled value and the reply.
func answer(t *testing.T, h *bottest.Harness, user string, post *discordgo.Message, text string) (string, *discordgo.Message) {
	t.Helper()
	in, err := h.Srv.ClickLabel(h.Ctx, user, post, "Answer")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(h.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseModal {
		m, err := in.WaitMessage(h.Ctx)
		if err != nil {
			t.Fatal(err)
		}
		return "", m
	}
	id, _, fields, ok := h.Srv.Modal(user)
	if !ok || len(fields) != 1 || fields[0].MaxLength != 4000 || !fields[0].Paragraph {
		t.Fatalf("answer form: %+v", fields)
	}
	return fields[0].Value, h.Submit(user, id, map[string]string{fields[0].CustomID: text})
}

// answerMessages returns the thread's answer messages (those from the
// bot that attribute an answer), in order.
func answerMessages(h *bottest.Harness, threadID string) []*discordgo.Message {
	var out []*discordgo.Message
	for _, m := range h.Srv.Messages(threadID) {
		if strings.HasPrefix(m.Content, "💬 **Answer from") {
			out = append(out, m)
		}
	}
	return out
}

// everyMessage is the text of every message in the server's channels and
// threads that everyone can read.
func everyMessage(h *bottest.Harness, channels ...string) string {
	var b strings.Builder
	for _, ch := range channels {
		for _, m := range h.Srv.Messages(ch) {
			if !bottest.IsEphemeral(m) {
				b.WriteString(messageText(m) + "\n")
			}
		}
	}
	return b.String()
}

// TestDailyAnswerPrivateUntilReveal: a member answers with the post's
// Answer button and edits the answer (the form holds it); only they see
// it until the reveal; an empty answer is refused and stores nothing;
// answering counts for the streak. At the reveal every answer is posted
// once into the thread, in submission order, attributed without a ping,
// each with a Vote button; answering afterwards is refused.
func TestDailyAnswerPrivateUntilReveal(t *testing.T) {
	h, post := firstPost(t, smallBank(3))
	p := postOf(t, h, post)
	ctx := context.Background()
	if got := bottest.Labels(post); strings.Join(got, ",") != "Solution,Answer,I answered" {
		t.Fatalf("post buttons %q", got)
	}
	prefill, reply := answer(t, h, "ann", post, "Use a hash map.")
	if prefill != "" || !bottest.IsEphemeral(reply) || !strings.Contains(mustReply(t, reply), "Your answer is saved") {
		t.Fatalf("first answer: prefill %q, reply %q", prefill, messageText(reply))
	}
	h.Clock.Advance(time.Minute)
	_, reply = answer(t, h, "bob", post, "Sort, then\u202e two\x00 pointers.\r\n\r\n\r\n\r\nO(n log n).")
	mustReply(t, reply)
	h.Clock.Advance(time.Minute)
	prefill, reply = answer(t, h, "ann", post, "Two passes with a hash map: O(n).")
	if prefill != "Use a hash map." || !strings.Contains(mustReply(t, reply), "updated") {
		t.Fatalf("edit: prefill %q, reply %q", prefill, messageText(reply))
	}
	_, reply = answer(t, h, "cat", post, " \n\t ")
	if !strings.Contains(messageText(reply), "empty") {
		t.Fatalf("empty answer: %q", messageText(reply))
	}
	if a, err := h.Store.Answers.Mine(ctx, p.ID, h.Srv.User("cat").ID); err != nil || a != nil {
		t.Fatalf("an empty answer was stored: %+v %v", a, err)
	}
	for _, u := range []string{"ann", "bob"} {
		days, err := h.Store.History.ParticipationDays(ctx, p.GuildID, h.Srv.User(u).ID)
		if err != nil || len(days) != 1 || days[0].Date != "2026-05-01" {
			t.Fatalf("%s's answer did not count for the streak: %v %v", u, days, err)
		}
	}
	if st := messageText(h.Run("owner", "/daily status")); !strings.Contains(st, "2 private answers so far") || strings.Contains(st, "hash map") {
		t.Fatalf("/daily status does not count the answers (and only count them):\n%s", st)
	}
	if all := everyMessage(h, post.ChannelID, p.ThreadID); strings.Contains(all, "hash map") || strings.Contains(all, "pointers") {
		t.Fatalf("an answer is visible before the reveal:\n%s", all)
	}

	// The next post reveals this one.
	h.Clock.Set(time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC))
	sweep(t, h)
	sweep(t, h)
	got := answerMessages(h, p.ThreadID)
	if len(got) != 2 {
		t.Fatalf("%d answer messages in the thread, want 2", len(got))
	}
	if !strings.Contains(got[0].Content, "<@"+h.Srv.User("ann").ID+">") || !strings.Contains(got[0].Content, "Two passes with a hash map: O(n).") ||
		strings.Contains(got[0].Content, "Use a hash map.") {
		t.Fatalf("first answer message: %q", got[0].Content)
	}
	if want := "Sort, then two pointers.\n\nO(n log n)."; !strings.HasSuffix(got[1].Content, want) {
		t.Fatalf("second answer message %q, want it to end with %q", got[1].Content, want)
	}
	for _, m := range got {
		if l := bottest.Labels(m); len(l) != 1 || l[0] != "Vote" {
			t.Fatalf("answer message buttons %q", l)
		}
	}
	for _, r := range h.Srv.RequestsTo("POST /channels/{id}/messages") {
		var body struct {
			Content         string          `json:"content"`
			AllowedMentions json.RawMessage `json:"allowed_mentions"`
		}
		if err := json.Unmarshal(r.JSON, &body); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(body.Content, "💬") && (len(body.AllowedMentions) == 0 || strings.Contains(string(body.AllowedMentions), "users")) {
			t.Fatalf("an answer pings its author: allowed_mentions %s", body.AllowedMentions)
		}
	}
	_, reply = answer(t, h, "cat", post, "Late answer.")
	if !strings.Contains(messageText(reply), "closed") {
		t.Fatalf("answer after the reveal: %q", messageText(reply))
	}
	if a, _ := h.Store.Answers.Mine(ctx, p.ID, h.Srv.User("cat").ID); a != nil {
		t.Fatal("an answer after the reveal was stored")
	}
	if err := h.Srv.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestDailyAnswersPostedOnceAcrossCrashes: a process dies after claiming
// an answer, or after sending one of its messages before recording it; the
// next process (after the claim went stale) posts the rest, and every
// answer is in the thread exactly once, whole and in order, a long one
// split without cutting a word.
func TestDailyAnswersPostedOnceAcrossCrashes(t *testing.T) {
	for _, crashAt := range []string{"answer-claimed", "answer-sent"} {
		t.Run(crashAt, func(t *testing.T) {
			h, post := firstPost(t, smallBank(3))
			p := postOf(t, h, post)
			users := []string{"ann", "bob", "cat", "dan"}
			want := map[string]string{}
			for i, u := range users {
				text := fmt.Sprintf("Answer %d of %s.", i, u)
				if u == "bob" {
					text = strings.Repeat("sliding window ", 200) + "done." // 3,005 characters: two messages
				}
				want[u] = text
				mustReply(t, func() *discordgo.Message { _, r := answer(t, h, u, post, text); return r }())
				h.Clock.Advance(time.Second)
			}
			// The reveal: the first process dies at its third stage.
			h.Clock.Set(time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC))
			n := 0
			dead := daily.New(h.Bot.Env(), h.Store.Daily, h.Store.Questions, h.Store.History, h.Store.Reviews, h.Store.Suggestions, daily.Config{},
				daily.WithBackoff(time.Millisecond), daily.WithHook(func(stage string, _ *store.DailyPost) bool {
					if stage == crashAt {
						n++
					}
					return n == 3
				}))
			if err := dead.Sweep(context.Background()); err != daily.ErrCrashed {
				t.Fatalf("the first process did not crash: %v", err)
			}
			before := len(answerMessages(h, p.ThreadID))
			// A new process, while the claim is live, leaves the answer alone.
			sweep(t, h)
			if got := len(answerMessages(h, p.ThreadID)); got != before {
				t.Fatalf("a live claim was overtaken: %d answer messages, then %d", before, got)
			}
			h.Clock.Advance(3 * time.Minute)
			sweep(t, h)
			sweep(t, h)
			got := answerMessages(h, p.ThreadID)
			if len(got) != 5 {
				t.Fatalf("%d answer messages, want 5 (bob's in two)", len(got))
			}
			var joined []string
			for _, m := range got {
				joined = append(joined, m.Content)
			}
			all := strings.Join(joined, "\n")
			pos := -1
			for _, u := range users {
				i := strings.Index(all, "<@"+h.Srv.User(u).ID+">")
				if i < pos || strings.Count(all, "<@"+h.Srv.User(u).ID+">") != map[bool]int{true: 2, false: 1}[u == "bob"] {
					t.Fatalf("%s's answer out of order or not once:\n%s", u, all)
				}
				pos = i
			}
			var bob []string
			for _, m := range got {
				if strings.Contains(m.Content, h.Srv.User("bob").ID) {
					if len([]rune(m.Content)) > 2000 {
						t.Fatalf("a message of %d characters", len([]rune(m.Content)))
					}
					_, body, _ := strings.Cut(m.Content, "\n")
					bob = append(bob, body)
				}
			}
			if strings.Join(strings.Fields(strings.Join(bob, " ")), " ") != strings.Join(strings.Fields(want["bob"]), " ") {
				t.Fatalf("bob's long answer was not posted whole, or a word was cut: %q", bob)
			}
			if l := bottest.Labels(got[1]); len(l) != 0 {
				t.Fatalf("the first part of a long answer has buttons %q; the Vote button goes on the last", l)
			}
			if err := h.Srv.Check(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// forgedVote presses an answer's Vote button the way a modified client
// could: from guild ("" for a DM) as user; it returns what the bot sent.
func forgedVote(t *testing.T, h *bottest.Harness, n int, customID, guild, user string) string {
	t.Helper()
	in := &discordgo.Interaction{
		ID: fmt.Sprintf("1500000000000001%03d", n), AppID: h.Srv.ApplicationID(), Type: discordgo.InteractionMessageComponent,
		Token: fmt.Sprintf("forged-vote-%d", n), Version: 1, GuildID: guild, ChannelID: "1400000000000000001",
		Data: discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
	u := &discordgo.User{ID: h.Srv.User(user).ID, Username: user}
	if guild == "" {
		in.User = u
	} else {
		in.Member = &discordgo.Member{User: u, Permissions: discordgo.PermissionViewChannel}
	}
	return h.Forged(&discordgo.InteractionCreate{Interaction: in})
}

// TestDailyVotesAndBestAnswer: members vote on the revealed answers, one
// vote each (a vote moves, and a second press takes it back), never for
// their own, only from the post's server; 24 hours after the reveal the
// best answer (a tie goes to the earliest) is announced once, stays the
// same after a restart, closes the votes, shows in /profile and ranks in
// /leaderboard.
func TestDailyVotesAndBestAnswer(t *testing.T) {
	h, post := firstPost(t, smallBank(3))
	p := postOf(t, h, post)
	for _, u := range []string{"ann", "bob", "cat"} {
		mustReply(t, func() *discordgo.Message { _, r := answer(t, h, u, post, "The answer of "+u+"."); return r }())
		h.Clock.Advance(time.Second)
	}
	revealed := time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC)
	h.Clock.Set(revealed)
	sweep(t, h)
	msgs := answerMessages(h, p.ThreadID)
	if len(msgs) != 3 {
		t.Fatalf("%d answers revealed", len(msgs))
	}
	vote := func(user string, i int, want string) {
		t.Helper()
		m, _ := h.Click(user, msgs[i], "Vote")
		if got := messageText(m); !bottest.IsEphemeral(m) || !strings.Contains(got, want) {
			t.Fatalf("%s votes for answer %d: %q, want %q", user, i, got, want)
		}
	}
	vote("ann", 0, "your own answer")
	vote("bob", 0, "**1** vote")
	vote("cat", 1, "**1** vote")
	vote("cat", 0, "moved") // cat's vote moves from bob's answer to ann's
	vote("cat", 0, "taken back")
	vote("dan", 1, "**1** vote")
	var id string
	for _, c := range msgs[0].Components[0].(*discordgo.ActionsRow).Components {
		id = c.(*discordgo.Button).CustomID
	}
	if got := forgedVote(t, h, 1, id, "999999999999999999", "dan"); !strings.Contains(got, "another server") {
		t.Fatalf("a vote from another server: %s", got)
	}
	if got := forgedVote(t, h, 2, id, "", "dan"); !strings.Contains(got, "server of the question") {
		t.Fatalf("a vote from a DM: %s", got)
	}

	best := func() []*discordgo.Message {
		var out []*discordgo.Message
		for _, m := range h.Srv.Messages(p.ThreadID) {
			if strings.Contains(m.Content, "Best answer:") {
				out = append(out, m)
			}
		}
		return out
	}
	h.Clock.Set(revealed.Add(23 * time.Hour))
	sweep(t, h)
	if n := len(best()); n != 0 {
		t.Fatalf("best answer announced before its time")
	}
	h.Clock.Set(revealed.Add(24 * time.Hour))
	sweep(t, h)
	// A restart: another process over the reopened database.
	st, err := store.Open(context.Background(), h.Store.Path(), store.Options{Now: h.Clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	again := daily.New(h.Bot.Env(), st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{}, daily.WithBackoff(time.Millisecond))
	h.Clock.Advance(5 * time.Minute)
	sweepWith(t, h, again.Sweep)
	sweep(t, h)
	got := best()
	if len(got) != 1 || !strings.Contains(got[0].Content, "<@"+h.Srv.User("ann").ID+">") {
		t.Fatalf("best answer messages %d (want 1, naming ann, who answered first of the tie)", len(got))
	}
	b, err := st.Answers.Best(context.Background(), p.ID)
	if err != nil || b.UserID != h.Srv.User("ann").ID || b.Votes != 1 || b.State != "done" {
		t.Fatalf("stored best answer %+v %v", b, err)
	}
	vote("dan", 0, "ended")

	prof := h.Run("ann", "/profile")
	if v := bottest.Field(prof, "Best answers"); v != "1" {
		t.Fatalf("ann's profile shows %q best answers", v)
	}
	if v := bottest.Field(h.Run("bob", "/profile"), "Best answers"); v != "0" {
		t.Fatalf("bob's profile shows %q best answers", v)
	}
	board := messageText(h.Run("cat", "/leaderboard period:all"))
	_, first, _ := strings.Cut(board, "🥇")
	first, _, _ = strings.Cut(first, "\n")
	if !strings.Contains(first, "<@"+h.Srv.User("ann").ID+">") || !strings.Contains(first, "1 best answer") {
		t.Fatalf("the leaderboard does not rank ann's best answer first:\n%s", board)
	}
	if err := h.Srv.Check(); err != nil {
		t.Fatal(err)
	}
}

// TestDailyAnswersGiveUpAfterBoundedRetries: when Discord keeps failing,
// each answer is tried a bounded number of times across sweeps, then
// recorded as failed with the reason; the sweeps then leave it alone.
func TestDailyAnswersGiveUpAfterBoundedRetries(t *testing.T) {
	h, post := firstPost(t, smallBank(3))
	p := postOf(t, h, post)
	for _, u := range []string{"ann", "bob"} {
		mustReply(t, func() *discordgo.Message { _, r := answer(t, h, u, post, "The answer of "+u+"."); return r }())
	}
	// The reveal goes out; the process dies as it claims the first answer.
	h.Clock.Set(time.Date(2026, 5, 2, 10, 0, 0, 0, time.UTC))
	dead := daily.New(h.Bot.Env(), h.Store.Daily, h.Store.Questions, h.Store.History, h.Store.Reviews, h.Store.Suggestions, daily.Config{},
		daily.WithBackoff(time.Millisecond), daily.WithHook(func(stage string, _ *store.DailyPost) bool { return stage == "answer-claimed" }))
	if err := dead.Sweep(context.Background()); err != daily.ErrCrashed {
		t.Fatalf("the first process did not crash: %v", err)
	}
	route := "POST /channels/{id}/messages"
	h.Srv.Fault(discordtest.Fault{Route: route, Status: 503})
	before := len(h.Srv.RequestsTo(route))
	for range 20 {
		h.Clock.Advance(3 * time.Minute)
		sweep(t, h)
	}
	sent := len(h.Srv.RequestsTo(route)) - before
	h.Srv.ClearFaults()
	h.Clock.Advance(3 * time.Minute)
	sweep(t, h)
	if n := len(answerMessages(h, p.ThreadID)); n != 0 {
		t.Fatalf("%d answers posted after they were given up", n)
	}
	for _, u := range []string{"ann", "bob"} {
		a, err := h.Store.Answers.Mine(context.Background(), p.ID, h.Srv.User(u).ID)
		if err != nil || a.PostState != store.AnswerFailed || !strings.Contains(a.Error, "did not answer") || a.Attempts > 5 {
			t.Fatalf("%s's answer: %+v %v", u, a, err)
		}
	}
	if sent == 0 || sent > 2*5*3 {
		t.Fatalf("%d attempts to post two answers, want at most 5 sweeps of 3 tries each", sent)
	}
	t.Logf("%d requests before both answers were given up", sent)
	if err := h.Srv.Check(); err != nil {
		t.Fatal(err)
	}
}
