// Package profile is /profile: a member's daily streak, days answered,
// questions seen and a 26-week activity picture in a server, followed by
// the sections other features add (the mock interview history, for
// example), found through the runtime's ProfileSection interface. It has
// only the command, no background work, and stores nothing: it reads the
// answer and question history and the daily configuration (for the time
// zone and the days with a post).
package profile

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/community"
	"github.com/prepcord/prepcord/bot/heatmap"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/bot/streak"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Sections finds the features that add a section to /profile, in the
// order they were added. *bot.Bot is one.
type Sections interface {
	ProfileSections() []bot.ProfileSection
}

// Feature is /profile.
type Feature struct {
	env      bot.Env
	sections Sections
	days     *store.Daily
	history  *store.History
	reviews  *store.Reviews
	feedback *store.PeerFeedback
}

var _ bot.Feature = (*Feature)(nil)

// New returns /profile, reading streaks and activity from history, each
// server's time zone and post days from days, the other features'
// sections from sections, and, for members' own profiles, progress by
// topic from reviews and mock feedback averages from feedback (either may
// be nil: no such section).
func New(env bot.Env, sections Sections, days *store.Daily, history *store.History, reviews *store.Reviews, feedback *store.PeerFeedback) *Feature {
	return &Feature{env: env, sections: sections, days: days, history: history, reviews: reviews, feedback: feedback}
}

// heatmapWeeks is how many weeks the activity picture shows.
const heatmapWeeks = 26

func (p *Feature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name:        "profile",
		Description: "Your (or a member's) daily streak, activity and interview history",
		Contexts:    &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionUser, Name: "user", Description: "Whose profile (default: yours)"},
		},
	}}
}

func (p *Feature) Routes(r *bot.Router) { r.Command("profile", p.profile, bot.DeferEphemeral()) }

func (p *Feature) profile(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Profiles belong to a server: use /profile in the server.")
	}
	guild := c.GuildID()
	target := c.User()
	if id := c.String("user"); id != "" && id != target.ID {
		target = &discordgo.User{ID: id}
		if u, ok := resolvedUser(c, id); ok {
			target = u
		}
	}
	self := target.ID == c.UserID()
	if target.Bot {
		return errs.E(errs.Invalid, "Bots do not answer daily questions.")
	}
	loc := community.ServerZone(c, p.days, guild)
	today := schedule.DateIn(p.env.Now(), loc)
	main, err := p.practice(c, guild, target, self, loc, today)
	if err != nil {
		return err
	}
	png, err := p.activity(c, guild, target.ID, today)
	if err != nil {
		return err
	}
	embeds := []*discordgo.MessageEmbed{main}
	files := []*discordgo.File{{Name: "activity.png", ContentType: "image/png", Reader: bytes.NewReader(png)}}
	if self {
		e, f, err := p.progressSection(c, guild, target.ID, loc)
		if err != nil {
			return err
		}
		if e != nil {
			embeds, files = append(embeds, e), append(files, f)
		}
	}
	embeds = p.appendSections(c, embeds, guild, target.ID, self)
	fitEmbeds(embeds)
	return c.Reply(&discordgo.InteractionResponseData{
		Flags: discordgo.MessageFlagsEphemeral, Embeds: embeds, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Files: files,
	})
}

// practice is the profile's first embed: the member's daily streak,
// answered days, questions seen and best answers (chosen by votes on the
// answers revealed in daily threads) in this server, with the activity
// picture attached as activity.png.
func (p *Feature) practice(c *bot.Ctx, guild string, target *discordgo.User, self bool, loc *time.Location, today schedule.Date) (*discordgo.MessageEmbed, error) {
	stats, err := community.MemberStreak(c, p.history, p.days, guild, target.ID, today)
	if err != nil {
		return nil, err
	}
	seen, err := p.seenText(c, guild, target.ID, self)
	if err != nil {
		return nil, err
	}
	best, err := p.days.Answers().BestAnswerCount(c, guild, target.ID)
	if err != nil {
		return nil, err
	}
	last := "never"
	if !stats.LastDay.IsZero() {
		last = stats.LastDay.String()
	}
	return &discordgo.MessageEmbed{
		Title:       bot.Truncate("Profile: "+displayName(target), bot.MaxTitle),
		Description: fmt.Sprintf("<@%s>'s daily practice in this server (days in %s).", target.ID, loc),
		Color:       bot.BrandColor,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Current streak", Value: fmt.Sprintf("%d day%s", stats.Current, bot.Plural(stats.Current)), Inline: true},
			{Name: "Best streak", Value: fmt.Sprintf("%d day%s", stats.Best, bot.Plural(stats.Best)), Inline: true},
			{Name: "Days answered", Value: fmt.Sprint(stats.Total), Inline: true},
			{Name: "Questions seen", Value: seen, Inline: true},
			{Name: "Last answered", Value: last, Inline: true},
			{Name: "Streak freezes", Value: freezeText(stats, today), Inline: true},
			{Name: "Best answers", Value: fmt.Sprint(best), Inline: true},
		},
		Image:  &discordgo.MessageEmbedImage{URL: "attachment://activity.png"},
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Activity over the last %d weeks", heatmapWeeks)},
	}, nil
}

// recentFreeze is how long after the day it covered a used freeze is
// still named on the profile.
const recentFreeze = 14

// freezeText is the "Streak freezes" figure of a profile: how many the
// member holds ("1/2"), and the day the latest freeze covered when that
// was within the last recentFreeze days.
func freezeText(r streak.Result, today schedule.Date) string {
	s := fmt.Sprintf("%d/%d", r.Freezes, streak.MaxFreezes)
	if last := r.LastFrozen(); !last.IsZero() && today.DaysSince(last) <= recentFreeze {
		s += fmt.Sprintf("\nOne covered the missed day %s", last)
	}
	return s
}

// displayName is how a profile's title names the member.
func displayName(u *discordgo.User) string {
	if u.GlobalName != "" {
		return u.GlobalName
	}
	if u.Username != "" {
		return u.Username
	}
	return "<@" + u.ID + ">"
}

// activity renders, as a PNG, how many daily questions the member answered
// each day of the last heatmapWeeks weeks up to today.
func (p *Feature) activity(ctx context.Context, guild, userID string, today schedule.Date) ([]byte, error) {
	days, err := p.history.ParticipationDays(ctx, guild, userID)
	if err != nil {
		return nil, err
	}
	counts := make(map[schedule.Date]int, len(days))
	for _, d := range days {
		if dd, err := schedule.ParseDate(d.Date); err == nil {
			counts[dd] = d.Count
		}
	}
	var png bytes.Buffer
	if err := heatmap.Render(&png, counts, today, heatmapWeeks, heatmap.Options{}); err != nil {
		return nil, err
	}
	return png.Bytes(), nil
}

// appendSections adds the other features' sections of a member's profile
// to embeds, as many as a message holds; a section that fails is logged
// and left out.
func (p *Feature) appendSections(c *bot.Ctx, embeds []*discordgo.MessageEmbed, guild, userID string, self bool) []*discordgo.MessageEmbed {
	for _, sec := range p.sections.ProfileSections() {
		e, err := sec.ProfileEmbed(c, guild, userID, self)
		if err != nil {
			c.Log.Warn("profile section", "err", err)
			continue
		}
		if e != nil && len(embeds) < bot.MaxEmbeds {
			embeds = append(embeds, e)
		}
	}
	return embeds
}

// seenText is the "Questions seen" figure of a profile. Others see only
// the questions shown to the member in this server; members looking at
// their own (private) profile also see the count everywhere: DMs, other
// servers, and history from before servers were recorded.
func (p *Feature) seenText(c *bot.Ctx, guildID, userID string, self bool) (string, error) {
	here, err := p.history.SeenCountIn(c, guildID, userID)
	if err != nil {
		return "", err
	}
	if !self {
		return fmt.Sprintf("%d in this server", here), nil
	}
	all, err := p.history.SeenCount(c, userID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d in this server · %d everywhere", here, all), nil
}

// resolvedUser returns a user from the interaction's resolved data.
func resolvedUser(c *bot.Ctx, id string) (*discordgo.User, bool) {
	d := c.I.ApplicationCommandData()
	if d.Resolved != nil && d.Resolved.Users != nil {
		if u, ok := d.Resolved.Users[id]; ok && u != nil {
			return u, true
		}
	}
	return nil, false
}

// fitEmbeds shortens the descriptions of the later embeds so that all of
// them stay within Discord's 6000 characters per message (sections are
// summaries; their full form is elsewhere).
func fitEmbeds(embeds []*discordgo.MessageEmbed) {
	size := func(e *discordgo.MessageEmbed) int {
		n := len([]rune(e.Title)) + len([]rune(e.Description))
		for _, f := range e.Fields {
			n += len([]rune(f.Name)) + len([]rune(f.Value))
		}
		if e.Footer != nil {
			n += len([]rune(e.Footer.Text))
		}
		if e.Author != nil {
			n += len([]rune(e.Author.Name))
		}
		return n
	}
	total := 0
	for _, e := range embeds {
		total += size(e)
	}
	for i := len(embeds) - 1; i > 0 && total > bot.MaxEmbedsTotal; i-- {
		e := embeds[i]
		over := total - bot.MaxEmbedsTotal
		r := []rune(e.Description)
		if len(r) > 0 {
			keep := max(len(r)-over-1, 0)
			before := len(r)
			e.Description = bot.Truncate(e.Description, max(keep, 1))
			total -= before - len([]rune(e.Description))
		}
	}
}
