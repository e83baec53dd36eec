package plan

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// day is a plan's work for one day.
type day struct {
	// New are today's new questions: those done today and as many not
	// done yet as today's share asks.
	New []store.PlanItem
	// DaysLeft counts today and the interview day.
	DaysLeft int
	// Quota is today's share of new questions: those left (with those
	// done today) spread evenly over the days left.
	Quota int
	// Done and Total count the plan's questions.
	Done, Total int
}

// planDay works out today's checklist of a plan. Days missed do not pile
// up: what is left is spread again over the days that remain.
func planDay(items []store.PlanItem, today, interview schedule.Date, loc *time.Location) day {
	d := day{DaysLeft: max(interview.DaysSince(today)+1, 1), Total: len(items)}
	var doneToday, undone []store.PlanItem
	for _, it := range items {
		switch {
		case it.DoneAt == 0:
			undone = append(undone, it)
		default:
			d.Done++
			if schedule.DateIn(time.UnixMilli(it.DoneAt), loc) == today {
				doneToday = append(doneToday, it)
			}
		}
	}
	left := len(undone) + len(doneToday)
	d.Quota = (left + d.DaysLeft - 1) / d.DaysLeft
	d.New = append(d.New, doneToday...)
	d.New = append(d.New, undone[:min(max(d.Quota-len(doneToday), 0), len(undone))]...)
	return d
}

// maxReviewButtons is how many due reviews the checklist lists.
const maxReviewButtons = 10

// checklist renders a plan's progress and today's checklist.
func (f *Feature) checklist(ctx context.Context, p *store.Plan, guildID, userID string, now time.Time) ([]*discordgo.MessageEmbed, []discordgo.MessageComponent, error) {
	loc, err := time.LoadLocation(p.Zone)
	if err != nil {
		loc = time.UTC
	}
	items, err := f.plans.Items(ctx, p)
	if err != nil {
		return nil, nil, err
	}
	interview, err := schedule.ParseDate(p.InterviewDate)
	if err != nil {
		return nil, nil, err
	}
	today := schedule.DateIn(now, loc)
	d := planDay(items, today, interview, loc)
	due, err := f.reviews.Due(ctx, guildID, userID, store.Filter{}, now, maxReviewButtons)
	if err != nil {
		return nil, nil, err
	}
	counts, err := f.reviews.DueCounts(ctx, guildID, userID, now)
	if err != nil {
		return nil, nil, err
	}
	dueTotal := 0
	for _, n := range counts {
		dueTotal += n
	}
	progress := &discordgo.MessageEmbed{
		Title: bot.Truncate(fmt.Sprintf("Plan: %s · %s", p.Company, p.Role), bot.MaxTitle),
		Description: fmt.Sprintf("Interview on **%s** — %s. Suggested: **%d new question%s a day** (what is left over the days left) plus your due reviews (%d today).",
			p.InterviewDate, daysLeftText(d.DaysLeft), d.Quota, bot.Plural(d.Quota), dueTotal),
		Color: bot.BrandColor,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Done", Value: fmt.Sprintf("%d of %d new questions", d.Done, d.Total), Inline: true},
			{Name: "By topic", Value: bot.Truncate(byCategory(items), 1024), Inline: false},
		},
	}
	if p.Level != "" {
		progress.Fields = append(progress.Fields, &discordgo.MessageEmbedField{Name: "Level", Value: bot.EscapeText(p.Level), Inline: true})
	}
	var lines []string
	var buttons []discordgo.MessageComponent
	for i, it := range d.New {
		mark := "⬜"
		if it.DoneAt != 0 {
			mark = "✅"
		} else {
			buttons = append(buttons, discordgo.Button{Label: bot.Truncate(fmt.Sprintf("%d. %s", i+1, it.Title), 80),
				Style: discordgo.PrimaryButton, CustomID: routeItem.ID(it.ID)})
		}
		lines = append(lines, fmt.Sprintf("%s %d. %s (%s)", mark, i+1, bot.EscapeText(it.Title), bot.EscapeText(it.Category)))
	}
	if len(d.New) == 0 {
		lines = append(lines, "Every new question of the plan is done. Keep your reviews going until the interview.")
	}
	listed := map[string]bool{}
	for _, it := range d.New {
		listed[it.ID] = true
	}
	for _, r := range due {
		if listed[r.ID] {
			continue // a plan question due again today is on the list already
		}
		lines = append(lines, fmt.Sprintf("🔁 %s (%s, review)", bot.EscapeText(r.Title), bot.EscapeText(r.Category)))
		buttons = append(buttons, discordgo.Button{Label: bot.Truncate("↻ "+r.Title, 80), Style: discordgo.SecondaryButton,
			CustomID: routeItem.ID(r.ID)})
	}
	if dueTotal > len(due) {
		lines = append(lines, fmt.Sprintf("…and %d more due: `/review` serves them one by one.", dueTotal-len(due)))
	}
	todayEmbed := &discordgo.MessageEmbed{
		Title:       "Today, " + today.String(),
		Description: bot.Truncate(strings.Join(lines, "\n"), 4096),
		Color:       bot.BrandColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: "Press a question to open it; rate it under its Solution to tick it off."},
	}
	return []*discordgo.MessageEmbed{progress, todayEmbed}, buttonRows(buttons), nil
}

// showPlan replies with the plan, after intro, and today's checklist. A
// plan whose interview date has passed ends instead.
func (f *Feature) showPlan(c *bot.Ctx, p *store.Plan, intro string) error {
	now := f.env.Now()
	loc, err := time.LoadLocation(p.Zone)
	if err != nil {
		loc = time.UTC
	}
	if interview, err := schedule.ParseDate(p.InterviewDate); err == nil && schedule.DateIn(now, loc).After(interview) {
		if _, err := f.plans.End(c, p.GuildID, p.UserID, store.PlanDone, now); err != nil {
			return err
		}
		return c.ReplyEphemeral(fmt.Sprintf("Your interview date, %s, has passed, so the plan is over: good luck! `/plan start` makes a new one.", p.InterviewDate))
	}
	embeds, rows, err := f.checklist(c, p, c.GuildID(), c.UserID(), now)
	if err != nil {
		return err
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Content: intro, Embeds: embeds,
		Components: rows, AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

// buttonRows puts buttons in rows of five, at most five rows.
func buttonRows(buttons []discordgo.MessageComponent) []discordgo.MessageComponent {
	rows := []discordgo.MessageComponent{}
	for i := 0; i < len(buttons) && len(rows) < 5; i += 5 {
		rows = append(rows, discordgo.ActionsRow{Components: buttons[i:min(i+5, len(buttons))]})
	}
	return rows
}

// byCategory is the plan's progress per category: "Coding 2/8 · SQL 0/3".
func byCategory(items []store.PlanItem) string {
	type tally struct{ done, total int }
	per := map[string]*tally{}
	var order []string
	for _, it := range items {
		t, ok := per[it.Category]
		if !ok {
			t = &tally{}
			per[it.Category] = t
			order = append(order, it.Category)
		}
		t.total++
		if it.DoneAt != 0 {
			t.done++
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return per[order[i]].total > per[order[j]].total })
	parts := make([]string, len(order))
	for i, k := range order {
		parts[i] = fmt.Sprintf("%s %d/%d", bot.EscapeText(k), per[k].done, per[k].total)
	}
	if len(parts) == 0 {
		return "—"
	}
	return joinDots(parts)
}

func joinDots(parts []string) string { return strings.Join(parts, " · ") }

// daysLeftText says how many days are left: "21 days left, today included".
func daysLeftText(n int) string {
	if n == 1 {
		return "the interview is today"
	}
	return fmt.Sprintf("%d days left, today included", n)
}
