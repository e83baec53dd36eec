package daily

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// dailyMessage is a message create body with the nonce fields discordgo's
// MessageSend lacks: with enforce_nonce Discord returns the earlier
// message instead of creating a second one when the same nonce comes again.
type dailyMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	Components      []discordgo.MessageComponent      `json:"components,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	Nonce           string                            `json:"nonce"`
	EnforceNonce    bool                              `json:"enforce_nonce"`
}

// dailyNonce derives the nonce of a feed's post (key: see feedKey) for a local date (at most
// 25 characters, as Discord allows): every attempt at that post, by any
// process, sends the same one.
func dailyNonce(guildID, date string, part int) string {
	sum := sha256.Sum256([]byte(guildID + "/" + date + "/" + strconv.Itoa(part)))
	return fmt.Sprintf("d%x", sum[:10]) // 21 characters
}

// failure classes of a REST call.
type failure int

const (
	failNone      failure = iota
	failTransient         // 5xx, timeout, connection: retry
	failAccess            // 403/404: the bot cannot post there; do not retry
	failOther             // anything else (a bad request is a bug): do not retry
)

func classify(err error) failure {
	if err == nil {
		return failNone
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		switch code := re.Response.StatusCode; {
		case code >= 500:
			return failTransient
		case code == http.StatusForbidden || code == http.StatusNotFound:
			return failAccess
		case code == http.StatusTooManyRequests:
			return failTransient
		}
		return failOther
	}
	if strings.Contains(err.Error(), "Exceeded Max retries") {
		return failTransient
	}
	if errors.Is(err, context.Canceled) {
		return failOther
	}
	return failTransient // network errors and timeouts
}

// call runs one REST call, retrying transient failures a bounded number of
// times. The bot's REST client paces it under this process's share of
// Discord's global rate limit.
func (f *Feature) call(ctx context.Context, fn func() error) error {
	var err error
	for try := range sendTries {
		if try > 0 && f.backoff > 0 {
			t := time.NewTimer(f.backoff * time.Duration(try))
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return ctx.Err()
			}
		}
		if err = ctx.Err(); err != nil {
			return err
		}
		if err = fn(); classify(err) != failTransient {
			return err
		}
	}
	return err
}

// deliver sends a claimed post, records its message and opens its thread.
// recovering means an earlier attempt may have sent it already.
func (f *Feature) deliver(ctx context.Context, p *store.DailyPost, now time.Time, recovering bool) error {
	q, err := f.questions.BySeq(ctx, p.QuestionSeq)
	if err != nil {
		return f.days.ReleaseClaim(ctx, p.ID, "The question of this post was removed from the bank.", true)
	}
	cfg, err := f.days.Feed(ctx, p.GuildID, p.Feed)
	if err != nil {
		cfg = &store.DailyConfig{GuildID: p.GuildID, Feed: p.Feed}
	}
	msgID := ""
	if recovering || p.Attempts > 0 {
		msgID = f.findPosted(ctx, p)
	}
	if msgID == "" {
		body := f.render(p, cfg, q)
		var m discordgo.Message
		err = f.call(ctx, func() error {
			ch := p.ChannelID
			raw, err := f.env.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(ch), body,
				discordgo.EndpointChannelMessages(ch), discordgo.WithContext(ctx))
			if err != nil {
				return err
			}
			return json.Unmarshal(raw, &m)
		})
		if err != nil {
			return f.sendFailed(ctx, p, err, now)
		}
		msgID = m.ID
	}
	if f.at("sent", p) {
		return ErrCrashed
	}
	if err := f.days.MarkSent(ctx, p.ID, msgID, p.Late, now.UnixMilli()); err != nil {
		return err
	}
	if cfg.LastError != "" {
		_ = f.days.SetError(ctx, p.GuildID, p.Feed, "", 0)
	}
	p.Status, p.MessageID, p.PostedAt = store.DailyPosted, msgID, now.UnixMilli()
	if f.at("recorded", p) {
		return ErrCrashed
	}
	if err := f.ensureThread(ctx, p); err != nil {
		return err
	}
	return f.warnLowBank(ctx, p)
}

// sendFailed records a failed send: access errors are final and shown in
// /daily status; transient ones release the claim for the next sweep,
// until maxPostAttempts.
func (f *Feature) sendFailed(ctx context.Context, p *store.DailyPost, err error, now time.Time) error {
	kind := classify(err)
	final := kind != failTransient || p.Attempts+1 >= maxPostAttempts
	text := f.explain(p.ChannelID, err)
	f.env.Log.Warn("daily post failed", "guild", p.GuildID, "date", p.LocalDate, "final", final, "err", err)
	if rerr := f.days.ReleaseClaim(ctx, p.ID, text, final); rerr != nil {
		return rerr
	}
	if final {
		return f.days.SetError(ctx, p.GuildID, p.Feed, fmt.Sprintf("The post of %s failed: %s", p.LocalDate, text), now.UnixMilli())
	}
	return nil
}

// explain turns a REST error into a sentence for admins.
func (f *Feature) explain(channelID string, err error) string {
	switch classify(err) {
	case failAccess:
		switch {
		case bot.IsRESTError(err, 0, 10003): // Unknown Channel
			return fmt.Sprintf("the channel <#%s> no longer exists. Run /daily setup with another channel.", channelID)
		case bot.IsRESTError(err, 0, 10004): // Unknown Guild
			return "prepcord is no longer in this server."
		}
		return fmt.Sprintf("prepcord is missing permissions in <#%s> (it needs View Channel, Send Messages, Embed Links and Create Public Threads). Fix the channel's permissions, or run /daily setup with another channel.", channelID)
	case failTransient:
		return "Discord did not answer (" + bot.Truncate(err.Error(), 200) + "); it will be retried."
	}
	return bot.Truncate(err.Error(), 300)
}

// findPosted looks for a post's message among the channel's recent
// messages, by its Solution button: an earlier attempt may have sent it
// before its process died.
func (f *Feature) findPosted(ctx context.Context, p *store.DailyPost) string {
	want := routeSolution.ID(strconv.FormatInt(p.ID, 10))
	var msgs []*discordgo.Message
	err := f.call(ctx, func() error {
		var err error
		msgs, err = f.env.Session.ChannelMessages(p.ChannelID, 50, "", "", "", discordgo.WithContext(ctx))
		return err
	})
	if err != nil {
		return ""
	}
	for _, m := range msgs {
		if hasCustomID(m.Components, want) {
			return m.ID
		}
	}
	return ""
}

func hasCustomID(comps []discordgo.MessageComponent, id string) bool {
	for _, c := range comps {
		switch v := c.(type) {
		case *discordgo.ActionsRow:
			if hasCustomID(v.Components, id) {
				return true
			}
		case *discordgo.Button:
			if v.CustomID == id {
				return true
			}
		}
	}
	return false
}

// ensureThread opens the post's discussion thread (named after the
// question and date, archived after a day of silence). A thread that
// already exists for the message is adopted: it has the message's id.
func (f *Feature) ensureThread(ctx context.Context, p *store.DailyPost) error {
	if p.MessageID == "" || p.ThreadID != "" {
		return nil
	}
	title := p.QuestionID
	if q, err := f.questions.BySeq(ctx, p.QuestionSeq); err == nil {
		title = q.Title
	}
	name := threadName(title, p.LocalDate)
	var th *discordgo.Channel
	err := f.call(ctx, func() error {
		var err error
		th, err = f.env.Session.MessageThreadStartComplex(p.ChannelID, p.MessageID, &discordgo.ThreadStart{
			Name: name, AutoArchiveDuration: 1440,
		}, discordgo.WithContext(ctx))
		return err
	})
	switch {
	case err == nil:
		p.ThreadID = th.ID
	case bot.IsRESTError(err, 0, 160004): // a thread was already created for this message
		p.ThreadID = p.MessageID
	default:
		text := "Could not open the discussion thread: " + f.explain(p.ChannelID, err)
		if classify(err) == failAccess {
			_ = f.days.SetError(ctx, p.GuildID, p.Feed, text, f.env.Now().UnixMilli())
			return f.days.MarkThread(ctx, p.ID, "", text+" (not retried)")
		}
		return f.days.MarkThread(ctx, p.ID, "", text)
	}
	if f.at("threaded", p) {
		return ErrCrashed
	}
	return f.days.MarkThread(ctx, p.ID, p.ThreadID, "")
}

// threadName is "<question title> · 2026-11-30", within Discord's 100.
func threadName(title, date string) string {
	suffix := " · " + date
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		title = "Daily question"
	}
	return bot.Truncate(title, 100-utf8.RuneCountInString(suffix)) + suffix
}

// reveal posts a post's solution into its thread, spoilered and split
// within Discord's 2000 characters, once.
func (f *Feature) reveal(ctx context.Context, p *store.DailyPost, now time.Time) error {
	ok, err := f.days.ClaimReveal(ctx, p, f.instance, now.UnixMilli())
	if err != nil || !ok {
		return err
	}
	q, err := f.questions.BySeq(ctx, p.QuestionSeq)
	if err != nil {
		return f.days.FinishReveal(ctx, p.ID, "failed", now.UnixMilli())
	}
	for i, body := range revealMessages(q) {
		body.Nonce = dailyNonce(feedKey(p.GuildID, p.Feed), p.LocalDate, i+1)
		err := f.call(ctx, func() error {
			_, err := f.env.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(p.ThreadID), body,
				discordgo.EndpointChannelMessages(p.ThreadID), discordgo.WithContext(ctx))
			return err
		})
		if err != nil {
			if classify(err) == failTransient {
				return nil // the claim goes stale and a later sweep retries, with the same nonces
			}
			f.env.Log.Warn("daily reveal failed", "guild", p.GuildID, "date", p.LocalDate, "err", err)
			return f.days.FinishReveal(ctx, p.ID, "failed", now.UnixMilli())
		}
		if f.at("revealing", p) {
			return ErrCrashed
		}
	}
	return f.days.FinishReveal(ctx, p.ID, "done", now.UnixMilli())
}

// revealMessages renders a solution as spoilered messages of at most 2000
// characters each; nothing is cut.
func revealMessages(q *store.Question) []*dailyMessage {
	head := "**Solution** to *" + bot.Truncate(bot.EscapeText(q.Title), 200) + "* (tap the hidden text to read it):\n"
	sol := q.Solution
	if strings.TrimSpace(sol) == "" {
		sol = "No model answer was written for this question yet."
	}
	chunks := bot.SplitText(sol, bot.MaxContent-utf8.RuneCountInString(head)-8)
	out := make([]*dailyMessage, 0, len(chunks))
	for i, ch := range chunks {
		text := "||" + ch + "||"
		if i == 0 {
			text = head + text
		}
		out = append(out, &dailyMessage{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{}, EnforceNonce: true})
	}
	return out
}

// render builds a post: an optional role ping and late note, the question
// embed with the daily footer, and the Solution, Answer and "I answered"
// buttons.
func (f *Feature) render(p *store.DailyPost, cfg *store.DailyConfig, q *store.Question) *dailyMessage {
	e := bot.QuestionEmbed(q)
	date := p.LocalDate
	if d, err := schedule.ParseDate(p.LocalDate); err == nil {
		date = time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Format("Monday 2 January 2006")
	}
	e.Title = bot.Truncate("Daily question: "+bot.EscapeText(q.Title), bot.MaxTitle)
	// How many questions are left before repeats is for admins (/daily
	// status), not for the members reading the post.
	e.Footer.Text = bot.Truncate(e.Footer.Text+" · "+p.LocalDate, bot.MaxFooter)
	var lines []string
	allowed := &discordgo.MessageAllowedMentions{}
	if cfg.PingRole != "" {
		lines = append(lines, "<@&"+cfg.PingRole+">")
		allowed.Roles = []string{cfg.PingRole}
	}
	lines = append(lines, "📅 **Daily question for "+date+".** Press **Answer** to answer privately, or discuss in the thread below; the solution and everyone's answers are revealed there when the next question goes out (24 hours at most).")
	if p.Late {
		lines = append(lines, "⏰ *Posted late: prepcord was offline at the scheduled time.*")
	}
	if p.CycleRestart {
		lines = append(lines, "🔁 *Every question matching this server's filters has been posted once; the cycle starts again.*")
	}
	id := strconv.FormatInt(p.ID, 10)
	return &dailyMessage{
		Content: strings.Join(lines, "\n"),
		Embeds:  []*discordgo.MessageEmbed{e},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Solution", Style: discordgo.SecondaryButton, CustomID: routeSolution.ID(id), Emoji: &discordgo.ComponentEmoji{Name: "💡"}},
			discordgo.Button{Label: "Answer", Style: discordgo.PrimaryButton, CustomID: routeAnswer.ID(id), Emoji: &discordgo.ComponentEmoji{Name: "✍️"}},
			discordgo.Button{Label: "I answered", Style: discordgo.SuccessButton, CustomID: routeAnswered.ID(id), Emoji: &discordgo.ComponentEmoji{Name: "✅"}},
		}}},
		AllowedMentions: allowed,
		Nonce:           dailyNonce(feedKey(p.GuildID, p.Feed), p.LocalDate, 0),
		EnforceNonce:    true,
	}
}
