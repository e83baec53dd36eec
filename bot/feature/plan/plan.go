// Package plan is /plan: a member's plan to an interview date. /plan start
// builds it from the bank (new questions for the company, role and level,
// weighted toward the categories the company's questions cover, mixed
// with the member's due spaced reviews), /plan status shows progress and
// today's checklist, /plan stop ends it, and /plan remind sets an opt-in
// daily reminder by direct message at the member's time in their zone.
//
// Each checklist item opens the question privately with its Solution and
// the rating buttons (bot.RouteRate, handled by the review feature); a
// plan question counts as done once rated. Plans are per server and
// member, like reviews. Its component routes are p1/...; its background
// work is the reminder sweep (reminders.go). It stores plans through
// store.Plans and reads the bank, the history and the reviews.
package plan

import (
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/community"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Feature is /plan and its reminders.
type Feature struct {
	env       bot.Env
	plans     *store.Plans
	questions *store.Questions
	history   *store.History
	reviews   *store.Reviews
	days      *store.Daily
	sweeping  chan struct{} // one sweep at a time
}

var (
	_ bot.Feature = (*Feature)(nil)
	_ bot.Sweeper = (*Feature)(nil)
	_ bot.Starter = (*Feature)(nil)
)

// New returns /plan. plans keeps plans and reminders; questions is the
// bank; history records what the member was shown; reviews has their due
// reviews and ratings; days gives a server's time zone (the default zone
// of a member's plan).
func New(env bot.Env, plans *store.Plans, questions *store.Questions, history *store.History, reviews *store.Reviews, days *store.Daily) *Feature {
	return &Feature{env: env, plans: plans, questions: questions, history: history, reviews: reviews, days: days,
		sweeping: make(chan struct{}, 1)}
}

// perDay is the most new questions a plan gives a day.
const perDay = 3

// Component routes.
const (
	routeItem       bot.Route = "p1/item/{question}"
	routeSolution   bot.Route = "p1/solution/{question}"
	routeStop       bot.Route = "p1/stop/{plan}"
	routeKeep       bot.Route = "p1/keep"
	routeRemindStop bot.Route = "p1/remind-off"
)

// nameKinds are the name options of /plan start.
var nameKinds = []data.Kind{data.KindCompany, data.KindRole, data.KindLevel}

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	str := func(name, desc string, required, auto bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
			Required: required, Autocomplete: auto}
	}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	return []*discordgo.ApplicationCommand{{
		Name: "plan", Description: "A plan to your interview date: new questions and reviews each day",
		Contexts:     &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		DMPermission: bot.Ptr(false),
		Options: []*discordgo.ApplicationCommandOption{
			sub("start", "Plan to an interview: questions of the company's topics, a checklist a day",
				str("company", "The company you interview with", true, true),
				str("role", "The role you interview for", true, true),
				str("date", "The interview date: 2026-12-24, 21d, 3w, tomorrow or a weekday", true, false),
				str("level", "Your level (intern, new grad, mid, senior, staff)", false, true)),
			sub("status", "Your progress, the days left and today's checklist"),
			sub("stop", "End your plan (asks first)"),
			sub("remind", "A daily reminder by direct message at your time, or off",
				str("time", "Local time, e.g. 08:30, or off", true, false),
				str("timezone", "Your time zone, e.g. Europe/London (default: your plan's)", false, true)),
		},
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("plan/start", f.start, bot.DeferEphemeral())
	r.Command("plan/status", f.status, bot.DeferEphemeral())
	r.Command("plan/stop", f.stop, bot.DeferEphemeral())
	r.Command("plan/remind", f.remind, bot.DeferEphemeral())
	r.Autocomplete("plan", f.autocomplete)
	r.Component(routeItem, f.item, bot.DeferEphemeral())
	r.Component(routeSolution, f.solution, bot.DeferEphemeral())
	r.Component(routeStop, f.stopConfirmed)
	r.Component(routeKeep, f.keep)
	r.Component(routeRemindStop, f.remindOff)
}

// autocomplete offers the bank's companies, roles and levels (with
// counts, within the others chosen) and time zones.
func (f *Feature) autocomplete(c *bot.Ctx) error {
	opt := c.Focused()
	if c.InDM() || opt == nil {
		return c.Choices(nil)
	}
	if opt.Name == "timezone" {
		typed, _ := opt.Value.(string)
		if utf8.RuneCountInString(typed) > bot.MaxNameInput {
			return c.Choices(nil)
		}
		return c.Choices(bot.NameChoices(schedule.SuggestZones(typed, 25)))
	}
	return bot.FilterChoices(c, f.questions, nameKinds)
}

// resolve returns the bank's name for a value of kind typed by the
// member, or a clear error with what it may have meant.
func (f *Feature) resolve(c *bot.Ctx, kind data.Kind, value string) (string, error) {
	if utf8.RuneCountInString(value) > bot.MaxNameInput {
		return "", errs.E(errs.Invalid, "The %s is too long: names are at most %d characters.", kind, bot.MaxNameInput)
	}
	name, ok, err := f.questions.Resolve(c, kind, c.GuildID(), value)
	if err != nil || ok {
		return name, err
	}
	near, err := f.questions.DidYouMean(c, kind, c.GuildID(), value, 3)
	if err != nil {
		return "", err
	}
	if len(near) > 0 {
		return "", errs.E(errs.NotFound, "No %s called %s in this server's bank. Did you mean %s?", kind, bot.Quote(value), bot.Quote(near[0]))
	}
	return "", errs.E(errs.NotFound, "No %s called %s in this server's bank: type a few letters and pick one from the list.", kind, bot.Quote(value))
}

// zone is where a member's days are counted: their reminders' zone, else
// the server's daily-question zone, else UTC.
func (f *Feature) zone(c *bot.Ctx) *time.Location {
	if r, err := f.plans.Reminder(c, c.UserID()); err == nil && r != nil {
		if loc, err := time.LoadLocation(r.Zone); err == nil {
			return loc
		}
	}
	return community.ServerZone(c, f.days, c.GuildID())
}

func guildOnly(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Plans are kept per server: use /plan in a server.")
	}
	return nil
}

// start builds a plan and shows it with today's checklist.
func (f *Feature) start(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	company, err := f.resolve(c, data.KindCompany, c.String("company"))
	if err != nil {
		return err
	}
	role, err := f.resolve(c, data.KindRole, c.String("role"))
	if err != nil {
		return err
	}
	level := ""
	if v := c.String("level"); v != "" {
		if level, err = f.resolve(c, data.KindLevel, v); err != nil {
			return err
		}
	}
	now := f.env.Now()
	loc := f.zone(c)
	today := schedule.DateIn(now, loc)
	interview, err := parseInterviewDate(c.String("date"), today)
	if err != nil {
		return err
	}
	days := interview.DaysSince(today) + 1
	p, shares, err := f.plans.Start(c, store.NewPlan{GuildID: c.GuildID(), UserID: c.UserID(), Company: company, Role: role, Level: level,
		Start: today.String(), Interview: interview.String(), Days: days, Zone: loc.String(), PerDay: perDay}, now)
	if err != nil {
		return err
	}
	return f.showPlan(c, p, planIntro(p, shares, days))
}

// planIntro describes a new plan: where its questions come from.
func planIntro(p *store.Plan, shares []store.CategoryShare, days int) string {
	total := 0
	for _, s := range shares {
		total += s.Count
	}
	var mix []string
	for i, s := range shares {
		if i == 6 {
			mix = append(mix, "…")
			break
		}
		mix = append(mix, fmt.Sprintf("%s %d%%", s.Category, (s.Count*100+total/2)/total))
	}
	return fmt.Sprintf("Your plan to **%s** (%s) on **%s**: %d day%s, today included. New questions follow the topics of %s's questions in the bank (%s), mixed with your due reviews. Each question counts as done once you rate it under its Solution.",
		bot.EscapeText(p.Company), bot.EscapeText(p.Role), p.InterviewDate, days, bot.Plural(days), bot.EscapeText(p.Company), joinDots(mix))
}

// status shows progress and today's checklist.
func (f *Feature) status(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	p, err := f.plans.Active(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if p == nil {
		return c.ReplyEphemeral("You have no plan in this server. Start one with `/plan start company:TikTok role:Software Engineer date:21d`.")
	}
	return f.showPlan(c, p, "")
}

// stop asks for confirmation before ending the plan.
func (f *Feature) stop(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	p, err := f.plans.Active(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if p == nil {
		return c.ReplyEphemeral("You have no plan in this server.")
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
		Content: fmt.Sprintf("End your plan to **%s** (%s) on %s? Your ratings and reviews stay; the checklist and its reminders stop.",
			bot.EscapeText(p.Company), bot.EscapeText(p.Role), p.InterviewDate),
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "End the plan", Style: discordgo.DangerButton, CustomID: routeStop.ID(fmt.Sprint(p.ID))},
			discordgo.Button{Label: "Keep it", Style: discordgo.SecondaryButton, CustomID: routeKeep.ID()},
		}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	})
}

// stopConfirmed ends the plan the confirmation was for.
func (f *Feature) stopConfirmed(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	p, err := f.plans.Active(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if p == nil || fmt.Sprint(p.ID) != c.Var("plan") {
		return c.Update(&discordgo.InteractionResponseData{Content: "That plan has already ended.", Components: []discordgo.MessageComponent{}})
	}
	if _, err := f.plans.End(c, c.GuildID(), c.UserID(), store.PlanStopped, f.env.Now()); err != nil {
		return err
	}
	return c.Update(&discordgo.InteractionResponseData{Content: "Plan ended. Your reviews go on with `/review`; `/plan start` makes a new plan.",
		Components: []discordgo.MessageComponent{}})
}

func (f *Feature) keep(c *bot.Ctx) error {
	return c.Update(&discordgo.InteractionResponseData{Content: "Your plan goes on.", Components: []discordgo.MessageComponent{}})
}

// item shows a checklist question privately, with its Solution button.
func (f *Feature) item(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	q, err := f.questions.ByID(c, c.GuildID(), c.Var("question"))
	if err != nil {
		return err
	}
	if err := f.history.MarkSeen(c, c.UserID(), c.GuildID(), q.Seq); err != nil {
		c.Log.Warn("plan: mark seen", "err", err)
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
		Content: "Answer it, open the Solution, then rate how it went: the rating ticks it off.",
		Embeds:  []*discordgo.MessageEmbed{bot.QuestionEmbed(q)},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Solution", Style: discordgo.PrimaryButton, CustomID: routeSolution.ID(q.ID), Emoji: &discordgo.ComponentEmoji{Name: "💡"}},
		}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	})
}

// solution shows the Solution of a checklist question with the ratings.
func (f *Feature) solution(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	q, err := f.questions.ByID(c, c.GuildID(), c.Var("question"))
	if err != nil {
		return err
	}
	return bot.ReplyRatedSolution(c, f.reviews, q, "", f.env.Now())
}
