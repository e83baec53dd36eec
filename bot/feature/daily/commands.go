package daily

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// upcoming returns the next n post instants after now, leaving out dates
// already taken (skipped, or posted early with /daily now).
func (f *Feature) upcoming(ctx context.Context, cfg *store.DailyConfig, sch schedule.Schedule, now time.Time, n int) []time.Time {
	if cfg.Paused {
		return nil
	}
	var out []time.Time
	t := now
	if cfg.NextDue > 0 && time.UnixMilli(cfg.NextDue).Before(now) {
		t = time.UnixMilli(cfg.NextDue).Add(-time.Millisecond)
	}
	for range n + 30 {
		due, date := sch.NextAfter(t)
		if due.IsZero() {
			break
		}
		t = due
		if p, err := f.days.PostOn(ctx, cfg.GuildID, cfg.Feed, date.String()); err == nil && p != nil {
			continue
		}
		out = append(out, due)
		if len(out) == n {
			break
		}
	}
	return out
}

// localTime formats an instant in its own zone: "Mon 30 Nov 2026, 09:00 GMT".
func localTime(t time.Time) string { return t.Format("Mon 2 Jan 2006, 15:04 MST") }

// discordTime is a Discord timestamp shown in each reader's own zone.
func discordTime(t time.Time) string { return fmt.Sprintf("<t:%d:F> (<t:%d:R>)", t.Unix(), t.Unix()) }

func messageLink(guildID, channelID, messageID string) string {
	return fmt.Sprintf("https://discord.com/channels/%s/%s/%s", guildID, channelID, messageID)
}

func (f *Feature) status(c *bot.Ctx) error {
	if c.String("feed") == "" {
		if feeds, err := f.days.Feeds(c, c.GuildID()); err == nil && len(feeds) > 1 {
			return f.overview(c, feeds)
		}
	}
	cfg, feeds, err := f.feedArg(c)
	if err != nil {
		return err
	}
	now := f.env.Now()
	e := &discordgo.MessageEmbed{Title: "Daily question" + feedLabel(cfg, len(feeds)), Color: bot.BrandColor}
	add := func(name, value string) {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: bot.Truncate(bot.OrDash(value), bot.MaxFieldValue)})
	}
	sched := fmt.Sprintf("<#%s> at %s %s, %s", cfg.ChannelID, cfg.Clock, cfg.Zone, schedule.Weekdays(cfg.Days))
	if ft := filterText(cfg); ft != "" {
		sched += "\nQuestions: " + ft
	}
	sch, serr := scheduleOf(cfg)
	if serr == nil {
		if w := schedule.ZoneAdvice(sch.Loc); w != "" {
			sched += "\n⚠️ " + w
		}
	}
	add("Schedule", sched)
	switch {
	case cfg.Paused:
		add("Next post", "Paused: run `/daily resume` to post again.")
	case serr != nil:
		add("Next post", "The schedule cannot be read: run `/daily setup` again.")
	default:
		next := f.upcoming(c, cfg, sch, now, 1)
		if len(next) > 0 {
			add("Next post", localTime(next[0])+"\n"+discordTime(next[0]))
		} else {
			add("Next post", "None scheduled.")
		}
	}
	if sk, err := f.skipped(c, cfg, now); err == nil && len(sk) > 0 && serr == nil {
		add("Skipped", skippedList(sk, sch.Loc)+"\n`/daily skip undo:true"+feedFlag(cfg, len(feeds))+"` puts the last one back.")
	}
	if last, err := f.days.Posts(c, cfg.GuildID, cfg.Feed, 1, store.DailyPosted); err == nil && len(last) > 0 {
		p := last[0]
		v := fmt.Sprintf("%s — [jump to the post](%s)", p.LocalDate, messageLink(p.GuildID, p.ChannelID, p.MessageID))
		if p.Late {
			v += " (posted late)"
		}
		if p.ThreadID == "" && p.Error != "" {
			v += "\n⚠️ " + p.Error
		}
		if n, err := f.answers.Count(c, p.ID); err == nil && n > 0 {
			v += fmt.Sprintf("\n%d private answer%s so far", n, bot.Plural(n))
		}
		add("Last post", v)
	} else {
		add("Last post", "None yet.")
	}
	if left, total, err := f.days.Remaining(c, cfg.GuildID, cfg.Feed); err == nil {
		v := fmt.Sprintf("%d of %d questions left before repeats (cycle %d).", left, total, cfg.Cycle)
		if left < lowBank {
			v = "⚠️ " + v + " Add questions or widen the filters to avoid repeats."
			if cfg.LowBankCycle >= cfg.Cycle {
				v += " Admins were warned."
			}
		}
		add("Questions", v)
	}
	if missed, err := f.days.Posts(c, cfg.GuildID, cfg.Feed, 5, store.DailyMissed, store.DailyFailed); err == nil && len(missed) > 0 {
		var lines []string
		for _, p := range missed {
			if p.Status == store.DailyMissed {
				lines = append(lines, fmt.Sprintf("• %s: missed (prepcord was offline for longer than the catch-up window)", p.LocalDate))
			} else {
				lines = append(lines, fmt.Sprintf("• %s: failed — %s", p.LocalDate, bot.Truncate(p.Error, 300)))
			}
		}
		add("Missed posts", strings.Join(lines, "\n"))
	}
	if text, err := f.championText(c, cfg.GuildID); err == nil && text != "" {
		add("Champion role", text)
	}
	if cfg.LastError != "" {
		add("⚠️ Last error", fmt.Sprintf("%s (<t:%d:R>)", cfg.LastError, cfg.LastErrorAt/1000))
	}
	return c.Reply(ephemeral("", e))
}

// today returns the server's local date now.
func (f *Feature) today(cfg *store.DailyConfig) (schedule.Date, *time.Location) {
	loc, err := schedule.LoadZone(cfg.Zone)
	if err != nil {
		loc = time.UTC
	}
	return schedule.DateIn(f.env.Now(), loc), loc
}

func (f *Feature) now(c *bot.Ctx) error {
	cfg, _, err := f.feedArg(c)
	if err != nil {
		return err
	}
	today, _ := f.today(cfg)
	date := today.String()
	existing, err := f.days.PostOn(c, cfg.GuildID, cfg.Feed, date)
	if err != nil {
		return err
	}
	if existing != nil {
		switch existing.Status {
		case store.DailyPosted:
			return errs.E(errs.Conflict, "Today's question (%s) is already posted: %s", date, messageLink(existing.GuildID, existing.ChannelID, existing.MessageID))
		case store.DailyClaimed:
			return errs.E(errs.Conflict, "Today's question (%s) is being posted right now.", date)
		}
		if _, err := f.days.ClearDate(c, cfg.GuildID, cfg.Feed, date); err != nil {
			return err
		}
	}
	if err := f.checkChannel(c, cfg.ChannelID); err != nil {
		return err
	}
	now := f.env.Now()
	p, ok, err := f.days.Claim(c, store.DailyClaim{GuildID: cfg.GuildID, Feed: cfg.Feed, LocalDate: date, DueAt: now.UnixMilli(),
		ChannelID: cfg.ChannelID, Manual: true, By: f.instance, At: now.UnixMilli()})
	if err != nil {
		return err
	}
	if !ok {
		return errs.E(errs.Conflict, "Today's question (%s) was just posted by someone else.", date)
	}
	if err := f.deliver(c, p, now, false); err != nil {
		return err
	}
	p, err = f.days.Post(c, p.ID)
	if err != nil {
		return err
	}
	if p.Status != store.DailyPosted {
		return errs.E(errs.Invalid, "The post failed: %s", p.Error)
	}
	f.audit(c, "daily.now", "feed "+cfg.Feed+" posted "+date+" by hand")
	return f.reply(c, cfg, fmt.Sprintf("Posted today's question (%s): %s\nIt counts as today's post: the scheduled one will not go out again today.",
		date, messageLink(p.GuildID, p.ChannelID, p.MessageID)))
}

// serverSchedule reads the feed a command is about and its schedule.
func (f *Feature) serverSchedule(c *bot.Ctx) (*store.DailyConfig, schedule.Schedule, error) {
	cfg, _, err := f.feedArg(c)
	if err != nil {
		return nil, schedule.Schedule{}, err
	}
	sch, err := scheduleOf(cfg)
	if err != nil {
		return nil, schedule.Schedule{}, errUnreadableSchedule
	}
	return cfg, sch, nil
}

var errUnreadableSchedule = errs.E(errs.Invalid, "The schedule cannot be read: run /daily setup again.")

func (f *Feature) skip(c *bot.Ctx) error {
	cfg, feeds, err := f.feedArg(c)
	if err != nil {
		return err
	}
	sch, err := scheduleOf(cfg)
	if err != nil {
		return errUnreadableSchedule
	}
	now := f.env.Now()
	skipped, err := f.skipped(c, cfg, now)
	if err != nil {
		return err
	}
	if c.String("undo") == "true" {
		return f.unskip(c, cfg, sch, skipped, now)
	}
	next := f.upcoming(c, &store.DailyConfig{GuildID: cfg.GuildID, Feed: cfg.Feed, NextDue: cfg.NextDue}, sch, now, 1)
	if len(next) == 0 {
		return errs.E(errs.Invalid, "There is no scheduled post to skip.")
	}
	date := schedule.DateIn(next[0], sch.Loc).String()
	if _, err := f.days.Mark(c, store.DailyClaim{GuildID: cfg.GuildID, Feed: cfg.Feed, LocalDate: date, DueAt: next[0].UnixMilli(),
		ChannelID: cfg.ChannelID, By: "skip:" + c.UserID(), At: now.UnixMilli()}, store.DailySkipped); err != nil {
		return err
	}
	f.audit(c, "daily.skip", "feed "+cfg.Feed+" skips "+date)
	var b strings.Builder
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "Already skipped: %s.\nSkipped the following post too: %s (%s).", skippedList(skipped, sch.Loc), localTime(next[0]), date)
	} else {
		fmt.Fprintf(&b, "Skipped the post of %s (%s).", localTime(next[0]), date)
	}
	if after := f.upcoming(c, cfg, sch, now, 1); len(after) > 0 && !cfg.Paused {
		b.WriteString(" The next one goes out " + localTime(after[0]) + " — " + discordTime(after[0]) + ".")
	}
	b.WriteString("\n`/daily skip undo:true" + feedFlag(cfg, len(feeds)) + "` puts it back.")
	return f.reply(c, cfg, b.String())
}

// unskip puts back the latest skipped post that is still ahead.
func (f *Feature) unskip(c *bot.Ctx, cfg *store.DailyConfig, sch schedule.Schedule, skipped []*store.DailyPost, now time.Time) error {
	if len(skipped) == 0 {
		return f.reply(c, cfg, "No upcoming post is skipped, so there is nothing to put back.")
	}
	last := skipped[len(skipped)-1]
	if _, err := f.days.ClearDate(c, cfg.GuildID, cfg.Feed, last.LocalDate); err != nil {
		return err
	}
	f.audit(c, "daily.unskip", "feed "+cfg.Feed+" posts "+last.LocalDate+" again")
	var b strings.Builder
	fmt.Fprintf(&b, "Put back the post of %s (%s): it is no longer skipped.", localTime(time.UnixMilli(last.DueAt).In(sch.Loc)), last.LocalDate)
	if rest := skipped[:len(skipped)-1]; len(rest) > 0 {
		fmt.Fprintf(&b, "\nStill skipped: %s.", skippedList(rest, sch.Loc))
	}
	if cfg.Paused {
		b.WriteString("\nPosting is **paused**: run `/daily resume` to start.")
	} else if next := f.upcoming(c, cfg, sch, now, 1); len(next) > 0 {
		b.WriteString("\nThe next question goes out " + localTime(next[0]) + " — " + discordTime(next[0]) + ".")
	}
	return f.reply(c, cfg, b.String())
}

// maxSkippedShown bounds the skipped posts read and listed.
const maxSkippedShown = 25

// skipped returns a feed's skipped posts still ahead of now, earliest
// first.
func (f *Feature) skipped(ctx context.Context, cfg *store.DailyConfig, now time.Time) ([]*store.DailyPost, error) {
	rows, err := f.days.Posts(ctx, cfg.GuildID, cfg.Feed, maxSkippedShown, store.DailySkipped)
	if err != nil {
		return nil, err
	}
	var out []*store.DailyPost
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].DueAt > now.UnixMilli() {
			out = append(out, rows[i])
		}
	}
	return out, nil
}

// skippedList names skipped posts: "Mon 4 May 2026, 10:00 EDT (2026-05-04), …".
func skippedList(ps []*store.DailyPost, loc *time.Location) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%s)", localTime(time.UnixMilli(p.DueAt).In(loc)), p.LocalDate)
	}
	return strings.Join(parts, ", ")
}

func (f *Feature) pause(c *bot.Ctx) error {
	cfg, _, err := f.feedArg(c)
	if err != nil {
		return err
	}
	if cfg.Paused {
		return f.reply(c, cfg, "The daily question is already paused. `/daily resume` starts it again.")
	}
	if err := f.days.SetPaused(c, cfg.GuildID, cfg.Feed, true, cfg.NextDue, cfg.NextDate); err != nil {
		return err
	}
	f.audit(c, "daily.pause", "feed "+cfg.Feed+" paused")
	return f.reply(c, cfg, "Paused: no daily question is posted until `/daily resume`.")
}

func (f *Feature) resume(c *bot.Ctx) error {
	cfg, sch, err := f.serverSchedule(c)
	if err != nil {
		return err
	}
	now := f.env.Now()
	msg := "The daily question is not paused."
	if cfg.Paused {
		due, date := sch.NextAfter(now)
		if err := f.days.SetPaused(c, cfg.GuildID, cfg.Feed, false, unixMilliOrZero(due), dateOrEmpty(date)); err != nil {
			return err
		}
		cfg.Paused, cfg.NextDue = false, unixMilliOrZero(due)
		msg = "Resumed."
		f.audit(c, "daily.resume", "feed "+cfg.Feed+" resumed")
	}
	if next := f.upcoming(c, cfg, sch, now, 1); len(next) > 0 {
		msg += " The next question goes out " + localTime(next[0]) + " — " + discordTime(next[0]) + "."
	}
	return f.reply(c, cfg, msg)
}

func (f *Feature) preview(c *bot.Ctx) error {
	cfg, _, err := f.feedArg(c)
	if err != nil {
		return err
	}
	q, err := f.days.NextQuestion(c, cfg.GuildID, cfg.Feed)
	if err != nil {
		return err
	}
	e := bot.QuestionEmbed(q)
	return f.reply(c, cfg, "The next daily question (only you can see this):", e)
}
