package daily

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/community"
	"github.com/prepcord/prepcord/bot/streak"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// postArg loads the post a button belongs to.
func (f *Feature) postArg(c *bot.Ctx) (*store.DailyPost, error) {
	id, err := strconv.ParseInt(c.Var("post"), 10, 64)
	if err != nil {
		return nil, errs.E(errs.Invalid, "This button is broken; use the newest daily post.")
	}
	p, err := f.days.Post(c, id)
	if err != nil {
		return nil, err
	}
	if p.GuildID != c.GuildID() {
		return nil, errs.E(errs.Invalid, "This button belongs to another server.")
	}
	return p, nil
}

// solution answers the post's Solution button: before the solution is
// revealed in the thread it says when that happens, and offers it at once
// only behind an explicit "Show me now (spoiler)"; after, it shows it.
func (f *Feature) solution(c *bot.Ctx) error {
	p, err := f.postArg(c)
	if err != nil {
		return err
	}
	at := f.revealTime(c, p)
	if !f.env.Now().Before(at) {
		return f.showSolution(c, p)
	}
	ts := at.Unix()
	return c.Reply(&discordgo.InteractionResponseData{
		Content: fmt.Sprintf("🙈 **No spoilers yet.** The solution is revealed in the post's thread <t:%d:R> (<t:%d:f>). "+
			"Try the question first and share your approach in the thread.\n\n"+
			"Want to see the full solution now anyway? The button below shows it to you alone; the thread still waits.", ts, ts),
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Show me now (spoiler)", Style: discordgo.DangerButton,
				CustomID: routeSpoiler.ID(strconv.FormatInt(p.ID, 10)), Emoji: &discordgo.ComponentEmoji{Name: "👀"}},
		}}},
	})
}

// spoiler shows the solution before its reveal to a member who asked for
// it explicitly.
func (f *Feature) spoiler(c *bot.Ctx) error {
	p, err := f.postArg(c)
	if err != nil {
		return err
	}
	return f.showSolution(c, p)
}

// showSolution shows a post's solution to the member alone, in pages;
// the last carries the rating buttons for spaced review (see /review).
func (f *Feature) showSolution(c *bot.Ctx, p *store.DailyPost) error {
	q, err := f.questions.BySeq(c, p.QuestionSeq)
	if err != nil {
		return err
	}
	if err := f.history.MarkSeen(c, c.UserID(), p.GuildID, q.Seq); err != nil {
		c.Log.Warn("mark seen", "err", err)
	}
	return bot.ReplyRatedSolution(c, f.reviews, q, "Only you can see this. Try the question first!", f.env.Now())
}

// revealTime returns when a post's solution goes (or went) into its
// thread: revealDelay after the post went out, or when a newer post goes
// out if that comes first; the same rule as Store.Daily.DueReveals, which
// the minute sweep follows. Answers to the post count until then.
func (f *Feature) revealTime(ctx context.Context, p *store.DailyPost) time.Time {
	if p.RevealState == "done" || p.RevealState == "failed" {
		return time.UnixMilli(p.RevealAt)
	}
	postedAt := p.PostedAt
	if postedAt == 0 {
		postedAt = p.DueAt
	}
	posted := time.UnixMilli(postedAt)
	at := posted.Add(revealDelay)
	earlier := func(t time.Time) time.Time {
		if t.Before(at) {
			return t
		}
		return at
	}
	if last, err := f.days.Posts(ctx, p.GuildID, p.Feed, 1, store.DailyPosted); err == nil && len(last) > 0 && last[0].LocalDate > p.LocalDate {
		return earlier(time.UnixMilli(last[0].PostedAt))
	}
	cfg, err := f.days.Feed(ctx, p.GuildID, p.Feed)
	if err != nil {
		return at
	}
	sch, err := scheduleOf(cfg)
	if err != nil {
		return at
	}
	if next := f.upcoming(ctx, cfg, sch, posted, 1); len(next) > 0 {
		return earlier(next[0])
	}
	return at
}

// answered is the post's "I answered" button: it counts the member's
// answer while the post is open (see count) and shows their streak.
func (f *Feature) answered(c *bot.Ctx) error {
	p, err := f.postArg(c)
	if err != nil {
		return err
	}
	r, err := f.count(c, p, c.UserID())
	if err != nil {
		return err
	}
	_ = f.history.MarkSeen(c, c.UserID(), p.GuildID, p.QuestionSeq)
	if !r.closedAt.IsZero() {
		msg := fmt.Sprintf("This is the question of %s. Answers to it counted until its solution was revealed (<t:%d:R>), so this one is not counted: an answer counts for its question's own day, while that question is open.",
			p.LocalDate, r.closedAt.Unix())
		if last, err := f.days.Posts(c, p.GuildID, p.Feed, 1, store.DailyPosted); err == nil && len(last) > 0 && last[0].LocalDate > p.LocalDate {
			msg += " Answer the newest question to keep your streak: " + messageLink(last[0].GuildID, last[0].ChannelID, last[0].MessageID)
		}
		return errs.E(errs.Invalid, "%s", msg)
	}
	msg := fmt.Sprintf("✅ Counted for %s, the day of this question. ", p.LocalDate)
	if !r.first {
		msg = fmt.Sprintf("You are already counted for %s. ", p.LocalDate)
	}
	msg += fmt.Sprintf("Current streak: **%d** day%s (best %d). Streak freezes: %d/%d.", r.streak.Current, bot.Plural(r.streak.Current), r.streak.Best,
		r.streak.Freezes, streak.MaxFreezes)
	return c.Reply(ephemeral(msg))
}

// answerResult is what counting a member's answer to a post did.
type answerResult struct {
	first  bool // the member's first answer for the post's date
	streak streak.Result
	// closedAt, when set, is when answers to the post closed (its solution
	// was revealed): nothing was counted.
	closedAt time.Time
}

// count records a member's answer to a post for the post's own local date,
// while the post is open: until its solution is revealed in the thread
// (see revealTime). An answer to an old post counts neither for today,
// which would let one post serve every day, nor for its date once its
// solution is out, which would let anyone fill in the days they missed.
// So a streak is a run of post days each answered while it was the open
// question; answering just after midnight, before the next post, still
// counts for the day before.
func (f *Feature) count(ctx context.Context, p *store.DailyPost, userID string) (answerResult, error) {
	now := f.env.Now()
	if at := f.revealTime(ctx, p); !now.Before(at) {
		return answerResult{closedAt: at}, nil
	}
	first, err := f.history.RecordParticipation(ctx, p.GuildID, userID, p.LocalDate, p.ID, now.UnixMilli())
	if err != nil {
		return answerResult{}, err
	}
	cfg, err := f.days.Feed(ctx, p.GuildID, p.Feed)
	if err != nil {
		cfg = &store.DailyConfig{GuildID: p.GuildID, Feed: p.Feed, Zone: "UTC"}
	}
	today, _ := f.today(cfg)
	st, err := community.MemberStreak(ctx, f.history, f.days, p.GuildID, userID, today)
	return answerResult{first: first, streak: st}, err
}

// onMessage counts a member who writes in a daily discussion thread, for
// the post's date while it is open (see count); later messages are
// discussion, not counted.
func (f *Feature) onMessage(m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.Bot || m.GuildID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := f.days.PostByThread(ctx, m.ChannelID)
	if err != nil {
		f.env.Log.Warn("daily participation", "err", err)
		return
	}
	if p == nil || p.GuildID != m.GuildID {
		return
	}
	if _, err := f.count(ctx, p, m.Author.ID); err != nil {
		f.env.Log.Warn("daily participation", "err", err)
	}
}
