// Package leaderboard is /leaderboard: the members of a server who
// answered the daily question on the most days this week, this month or
// ever, counted in the server's time zone, and the caller's own rank;
// among members with as many days, more best answers (of the period's
// daily posts) rank first. It
// has only the command, no background work, and stores nothing: it reads
// the answer history and the daily configuration (for the time zone).
package leaderboard

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/community"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Feature is /leaderboard.
type Feature struct {
	env     bot.Env
	days    *store.Daily
	history *store.History
}

var _ bot.Feature = (*Feature)(nil)

// New returns /leaderboard, reading answers from history and each
// server's time zone from days.
func New(env bot.Env, days *store.Daily, history *store.History) *Feature {
	return &Feature{env: env, days: days, history: history}
}

func (l *Feature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name:        "leaderboard",
		Description: "Who answered the daily question on the most days",
		Contexts:    &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		Options: []*discordgo.ApplicationCommandOption{{
			Type: discordgo.ApplicationCommandOptionString, Name: "period", Description: "This week, this month (default) or all time",
			Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "week", Value: "week"}, {Name: "month", Value: "month"}, {Name: "all", Value: "all"},
			},
		}},
	}}
}

func (l *Feature) Routes(r *bot.Router) { r.Command("leaderboard", l.leaderboard) }

// periodStart returns the first local date of a period containing today
// ("" for all time) and its name.
func periodStart(period string, today schedule.Date) (string, string, error) {
	switch period {
	case "week":
		off := (int(today.Weekday()) + 6) % 7 // days since Monday
		return today.AddDays(-off).String(), "this week (since Monday)", nil
	case "", "month":
		return schedule.Date{Year: today.Year, Month: today.Month, Day: 1}.String(), "this month", nil
	case "all":
		return "", "all time", nil
	}
	return "", "", errs.E(errs.Invalid, "Period must be week, month or all.")
}

func (l *Feature) leaderboard(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Leaderboards belong to a server: use /leaderboard in the server.")
	}
	guild := c.GuildID()
	loc := community.ServerZone(c, l.days, guild)
	today := schedule.DateIn(l.env.Now(), loc)
	since, name, err := periodStart(c.String("period"), today)
	if err != nil {
		return err
	}
	rows, err := l.history.Leaderboard(c, guild, since, 10)
	if err != nil {
		return err
	}
	days, rank, members, err := l.history.LeaderRank(c, guild, c.UserID(), since)
	if err != nil {
		return err
	}
	var b strings.Builder
	medals := []string{"🥇", "🥈", "🥉"}
	inTop := false
	for _, r := range rows {
		mark := fmt.Sprintf("`%2d.`", r.Rank)
		if r.Rank <= 3 {
			mark = medals[r.Rank-1]
		}
		you := ""
		if r.UserID == c.UserID() {
			you, inTop = " ← you", true
		}
		best := ""
		if r.Best > 0 {
			best = fmt.Sprintf(" · 🏆 %d best answer%s", r.Best, bot.Plural(r.Best))
		}
		fmt.Fprintf(&b, "%s <@%s> — **%d** day%s%s%s\n", mark, r.UserID, r.Days, bot.Plural(r.Days), best, you)
	}
	if len(rows) == 0 {
		b.WriteString("Nobody has answered a daily question in this period yet. Be the first: answer in today's thread or press **I answered**.\n")
	}
	switch {
	case inTop:
	case rank > 0:
		fmt.Fprintf(&b, "\nYour rank: **#%d** of %d with **%d** day%s.", rank, members, days, bot.Plural(days))
	default:
		b.WriteString("\nYou have not answered in this period yet.")
	}
	e := &discordgo.MessageEmbed{
		Title:       "Daily question leaderboard — " + name,
		Description: bot.Truncate(b.String(), bot.MaxDescription),
		Color:       bot.BrandColor,
		Footer:      &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Days answered, then best answers, counted in %s · %s", loc, today)},
		Timestamp:   l.env.Now().UTC().Format(time.RFC3339),
	}
	return c.Reply(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: &discordgo.MessageAllowedMentions{}})
}
