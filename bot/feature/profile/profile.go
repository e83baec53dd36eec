package bot

import (
	"bytes"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/community"
	"github.com/prepcord/prepcord/bot/heatmap"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
)

// profileFeature is /profile: a member's daily streak, answered count,
// questions seen, a 26-week activity picture, and other features' sections.
type profileFeature struct{ b *Bot }

// heatmapWeeks is how many weeks the activity picture shows.
const heatmapWeeks = 26

func (p *profileFeature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name:        "profile",
		Description: "Your (or a member's) daily streak, activity and interview history",
		Contexts:    &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionUser, Name: "user", Description: "Whose profile (default: yours)"},
		},
	}}
}

func (p *profileFeature) Routes(r *Router) { r.Command("profile", p.profile, DeferEphemeral()) }

func (p *profileFeature) profile(c *Ctx) error {
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
	st := p.b.Store
	loc := community.ServerZone(c, st.Daily, guild)
	today := schedule.DateIn(p.b.Now(), loc)
	stats, err := community.MemberStreak(c, st.History, st.Daily, guild, target.ID, today)
	if err != nil {
		return err
	}
	seen, err := p.seenText(c, guild, target.ID, self)
	if err != nil {
		return err
	}
	days, err := st.History.ParticipationDays(c, guild, target.ID)
	if err != nil {
		return err
	}
	counts := make(map[schedule.Date]int, len(days))
	for _, d := range days {
		if dd, err := schedule.ParseDate(d.Date); err == nil {
			counts[dd] = d.Count
		}
	}
	var png bytes.Buffer
	if err := heatmap.Render(&png, counts, today, heatmapWeeks, heatmap.Options{}); err != nil {
		return err
	}
	name := target.GlobalName
	if name == "" {
		name = target.Username
	}
	if name == "" {
		name = "<@" + target.ID + ">"
	}
	last := "never"
	if !stats.LastDay.IsZero() {
		last = stats.LastDay.String()
	}
	main := &discordgo.MessageEmbed{
		Title:       Truncate("Profile: "+name, MaxTitle),
		Description: fmt.Sprintf("<@%s>'s daily practice in this server (days in %s).", target.ID, loc),
		Color:       BrandColor,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Current streak", Value: fmt.Sprintf("%d day%s", stats.Current, Plural(stats.Current)), Inline: true},
			{Name: "Best streak", Value: fmt.Sprintf("%d day%s", stats.Best, Plural(stats.Best)), Inline: true},
			{Name: "Days answered", Value: fmt.Sprint(stats.Total), Inline: true},
			{Name: "Questions seen", Value: seen, Inline: true},
			{Name: "Last answered", Value: last, Inline: true},
		},
		Image:  &discordgo.MessageEmbedImage{URL: "attachment://activity.png"},
		Footer: &discordgo.MessageEmbedFooter{Text: fmt.Sprintf("Activity over the last %d weeks", heatmapWeeks)},
	}
	embeds := []*discordgo.MessageEmbed{main}
	for _, sec := range p.b.ProfileSections() {
		e, err := sec.ProfileEmbed(c, guild, target.ID, self)
		if err != nil {
			c.Log.Warn("profile section", "err", err)
			continue
		}
		if e != nil && len(embeds) < MaxEmbeds {
			embeds = append(embeds, e)
		}
	}
	fitEmbeds(embeds)
	return c.Reply(&discordgo.InteractionResponseData{
		Flags: discordgo.MessageFlagsEphemeral, Embeds: embeds, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Files: []*discordgo.File{{Name: "activity.png", ContentType: "image/png", Reader: bytes.NewReader(png.Bytes())}},
	})
}

// seenText is the "Questions seen" figure of a profile. Others see only
// the questions shown to the member in this server; members looking at
// their own (private) profile also see the count everywhere: DMs, other
// servers, and history from before servers were recorded.
func (p *profileFeature) seenText(c *Ctx, guildID, userID string, self bool) (string, error) {
	here, err := p.b.Store.History.SeenCountIn(c, guildID, userID)
	if err != nil {
		return "", err
	}
	if !self {
		return fmt.Sprintf("%d in this server", here), nil
	}
	all, err := p.b.Store.History.SeenCount(c, userID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d in this server · %d everywhere", here, all), nil
}

// resolvedUser returns a user from the interaction's resolved data.
func resolvedUser(c *Ctx, id string) (*discordgo.User, bool) {
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
	for i := len(embeds) - 1; i > 0 && total > MaxEmbedsTotal; i-- {
		e := embeds[i]
		over := total - MaxEmbedsTotal
		r := []rune(e.Description)
		if len(r) > 0 {
			keep := max(len(r)-over-1, 0)
			before := len(r)
			e.Description = Truncate(e.Description, max(keep, 1))
			total -= before - len([]rune(e.Description))
		}
	}
}
