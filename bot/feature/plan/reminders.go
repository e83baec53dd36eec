package plan

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Reminders: a member opts in with /plan remind time timezone; the sweep
// sends each due reminder by DM once per member and local date, claimed in
// the database before it is sent. A DM Discord refuses (50007) stops the
// member's reminders for good: nothing is retried.

// sweepEvery is how often the background loop sweeps.
const sweepEvery = 30 * time.Second

// lateWindow is how late a reminder may still go out (after downtime);
// older ones are skipped.
const lateWindow = 3 * time.Hour

// codeCannotDM is Discord's "Cannot send messages to this user".
const codeCannotDM = 50007

// Start sends due reminders until ctx ends.
func (f *Feature) Start(ctx context.Context) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		if err := f.SweepNow(ctx); err != nil && ctx.Err() == nil {
			f.env.Log.Error("plan reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SweepNow sends the reminders due at the clock's time.
func (f *Feature) SweepNow(ctx context.Context) error {
	select {
	case f.sweeping <- struct{}{}:
		defer func() { <-f.sweeping }()
	case <-ctx.Done():
		return ctx.Err()
	}
	now := f.env.Now()
	f.env.MarkTick(now)
	// Reminders are direct messages, which belong to shard 0: the process
	// running it sends them all (its database claims would keep a second
	// sender to once a day anyway).
	if !f.env.OwnsGuild("") {
		return nil
	}
	due, err := f.plans.DueReminders(ctx, now.UnixMilli(), 200)
	if err != nil {
		return err
	}
	var errList []error
	for _, r := range due {
		errList = append(errList, f.remindOne(ctx, r, now))
	}
	return errors.Join(errList...)
}

// reminderSchedule is a member's daily reminder time.
func reminderSchedule(clock, zone string) (schedule.Schedule, error) {
	cl, err := schedule.ParseClock(clock)
	if err != nil {
		return schedule.Schedule{}, err
	}
	loc, err := schedule.LoadZone(zone)
	if err != nil {
		return schedule.Schedule{}, err
	}
	return schedule.Schedule{Clock: cl, Days: schedule.EveryDay, Loc: loc}, nil
}

// remindOne moves a due reminder to the next day and sends it, once.
func (f *Feature) remindOne(ctx context.Context, r store.Reminder, now time.Time) error {
	sched, err := reminderSchedule(r.Clock, r.Zone)
	if err != nil {
		_, err2 := f.plans.StopReminders(ctx, r.UserID, now)
		return errors.Join(fmt.Errorf("reminder of %s: %w", r.UserID, err), err2)
	}
	next, nextDate := sched.NextAfter(now)
	if ok, err := f.plans.AdvanceReminder(ctx, r.UserID, r.NextDue, next.UnixMilli(), nextDate.String()); err != nil || !ok {
		return err // another sweep has it
	}
	if now.Sub(time.UnixMilli(r.NextDue)) > lateWindow {
		f.env.Log.Info("plan reminder skipped: too late", "user", r.UserID, "date", r.NextDate)
		return nil
	}
	plans, err := f.plans.ActiveOf(ctx, r.UserID)
	if err != nil || len(plans) == 0 {
		return err
	}
	if ok, err := f.plans.ClaimReminder(ctx, r.UserID, r.NextDate, now); err != nil || !ok {
		return err // sent already for that date
	}
	msg, err := f.reminderMessage(ctx, r.UserID, plans, now)
	if err != nil {
		_ = f.plans.MarkReminder(ctx, r.UserID, r.NextDate, "failed", now)
		return err
	}
	ch, err := f.env.Session.UserChannelCreate(r.UserID, discordgo.WithContext(ctx))
	if err == nil {
		_, err = f.env.Session.ChannelMessageSendComplex(ch.ID, msg, discordgo.WithContext(ctx))
	}
	switch {
	case err == nil:
		return f.plans.MarkReminder(ctx, r.UserID, r.NextDate, "sent", now)
	case bot.IsRESTError(err, 0, codeCannotDM):
		f.env.Log.Info("plan reminders stopped: the member's DMs are closed", "user", r.UserID)
		return f.plans.MarkReminder(ctx, r.UserID, r.NextDate, "refused", now)
	default:
		return errors.Join(err, f.plans.MarkReminder(ctx, r.UserID, r.NextDate, "failed", now))
	}
}

// reminderMessage is the DM: each active plan's work for today.
func (f *Feature) reminderMessage(ctx context.Context, userID string, plans []store.Plan, now time.Time) (*discordgo.MessageSend, error) {
	var lines []string
	for i := range plans {
		p := &plans[i]
		loc, err := time.LoadLocation(p.Zone)
		if err != nil {
			loc = time.UTC
		}
		interview, err := schedule.ParseDate(p.InterviewDate)
		if err != nil {
			return nil, err
		}
		items, err := f.plans.Items(ctx, p)
		if err != nil {
			return nil, err
		}
		d := planDay(items, schedule.DateIn(now, loc), interview, loc)
		counts, err := f.reviews.DueCounts(ctx, p.GuildID, userID, now)
		if err != nil {
			return nil, err
		}
		due := 0
		for _, n := range counts {
			due += n
		}
		todo := 0
		for _, it := range d.New {
			if it.DoneAt == 0 {
				todo++
			}
		}
		lines = append(lines, fmt.Sprintf("**%s · %s** in %s: %d new question%s and %d review%s due today; interview on %s (%s).",
			bot.EscapeText(p.Company), bot.EscapeText(p.Role), f.guildName(p.GuildID), todo, bot.Plural(todo), due, bot.Plural(due),
			p.InterviewDate, daysLeftText(d.DaysLeft)))
	}
	return &discordgo.MessageSend{
		Content: bot.Truncate("⏰ Your practice for today:\n"+strings.Join(lines, "\n")+"\nUse `/plan status` in the server for your checklist.", 2000),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Stop reminders", Style: discordgo.SecondaryButton, CustomID: routeRemindStop.ID()},
		}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}, nil
}

// guildName names a server in a DM.
func (f *Feature) guildName(guildID string) string {
	if st := f.env.Session.State; st != nil {
		if g, err := st.Guild(guildID); err == nil && g.Name != "" {
			return "**" + bot.EscapeText(bot.Truncate(g.Name, 100)) + "**"
		}
	}
	return "your server"
}

// remind sets, changes or turns off the member's daily reminder.
func (f *Feature) remind(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	now := f.env.Now()
	at := strings.ToLower(strings.TrimSpace(c.String("time")))
	if at == "off" || at == "stop" || at == "none" {
		if _, err := f.plans.StopReminders(c, c.UserID(), now); err != nil {
			return err
		}
		return c.ReplyEphemeral("Reminders are off.")
	}
	clock, err := schedule.ParseClock(at)
	if err != nil {
		return errs.E(errs.Invalid, "The time %s: use a local time such as 08:30 or 7pm, or `off`.", err)
	}
	zone := strings.TrimSpace(c.String("timezone"))
	if len(zone) > bot.MaxNameInput {
		return errs.E(errs.Invalid, "The time zone is too long: use a zone such as Europe/London.")
	}
	advice := ""
	var loc *time.Location
	if zone != "" {
		if loc, advice, err = schedule.ParseZone(zone); err != nil {
			return errs.E(errs.Invalid, "%s", err)
		}
	} else {
		p, err := f.plans.Active(c, c.GuildID(), c.UserID())
		if err != nil {
			return err
		}
		if p == nil {
			return errs.E(errs.Invalid, "Give your time zone too, e.g. `/plan remind time:08:30 timezone:Europe/London`.")
		}
		if loc, err = schedule.LoadZone(p.Zone); err != nil {
			return errs.E(errs.Invalid, "Give your time zone too, e.g. `timezone:Europe/London`.")
		}
	}
	plans, err := f.plans.ActiveOf(c, c.UserID())
	if err != nil {
		return err
	}
	if len(plans) == 0 {
		return errs.E(errs.Invalid, "Reminders follow a plan: start one with `/plan start` first.")
	}
	sched := schedule.Schedule{Clock: clock, Days: schedule.EveryDay, Loc: loc}
	next, nextDate := sched.NextAfter(now)
	if err := f.plans.SetReminder(c, c.UserID(), clock.String(), loc.String(), next.UnixMilli(), nextDate.String(), now); err != nil {
		return err
	}
	msg := fmt.Sprintf("I will remind you by direct message every day at %s (%s), at most once a day, while you have a plan; the next on <t:%d:F>. Each reminder has a **Stop reminders** button, or use `/plan remind time:off`. If your direct messages are closed to prepcord, the reminders stop.",
		clock, loc, next.Unix())
	if advice != "" {
		msg += "\n⚠️ " + advice
	}
	return c.ReplyEphemeral(msg)
}

// remindOff is the Stop reminders button of a reminder (in a DM).
func (f *Feature) remindOff(c *bot.Ctx) error {
	if _, err := f.plans.StopReminders(c, c.UserID(), f.env.Now()); err != nil {
		return err
	}
	return c.Update(&discordgo.InteractionResponseData{Content: "Reminders stopped. `/plan remind` in a server turns them on again.",
		Components: []discordgo.MessageComponent{}})
}
