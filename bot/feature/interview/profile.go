package interview

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
)

// ProfileEmbed is the mock interview section of /profile: interviews,
// average ratings received over time, and (for the member themself) the
// latest feedback text, which only its receiver sees. Admins also see
// no-shows.
func (f *Feature) ProfileEmbed(c *bot.Ctx, guildID, userID string, self bool) (*discordgo.MessageEmbed, error) {
	if guildID == "" {
		return nil, nil
	}
	sum, err := f.feedback.Summary(c, guildID, userID)
	if err != nil {
		return nil, err
	}
	e := &discordgo.MessageEmbed{Title: "Mock interviews", Color: bot.BrandColor}
	if sum.Interviews == 0 && sum.Count == 0 {
		e.Description = "No mock interviews yet. Try `/mock topic:Coding`."
	} else {
		e.Description = fmt.Sprintf("%d interview%s · %d feedback received", sum.Interviews, bot.Plural(sum.Interviews), sum.Count)
	}
	if sum.Count > 0 {
		e.Fields = append(e.Fields,
			&discordgo.MessageEmbedField{Name: "Communication", Value: stars(sum.Communication), Inline: true},
			&discordgo.MessageEmbedField{Name: "Problem solving", Value: stars(sum.ProblemSolving), Inline: true},
			&discordgo.MessageEmbedField{Name: "Structure", Value: stars(sum.Structure), Inline: true},
		)
	}
	if c.IsAdmin() && sum.NoShows > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "No-shows (admins only)",
			Value: fmt.Sprintf("%d · reset with `/mock-admin reset-noshow`", sum.NoShows)})
	}
	if self && sum.Count > 0 {
		fbs, err := f.feedback.Received(c, guildID, userID, 1)
		if err != nil {
			return nil, err
		}
		for _, fb := range fbs {
			when := fmt.Sprintf("<t:%d:D>", fb.Created().Unix())
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Latest feedback (only you see this), " + when,
				Value: fmt.Sprintf("Communication %d · Problem solving %d · Structure %d", fb.Communication, fb.ProblemSolving, fb.Structure)})
			e.Fields = append(e.Fields, textFields(fb.WentWell, fb.Improve)...)
		}
	}
	return e, nil
}

// textFields renders the two feedback texts as embed fields (each at
// most 1000 characters, within Discord's 1024).
func textFields(wentWell, improve string) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	if strings.TrimSpace(wentWell) != "" {
		out = append(out, &discordgo.MessageEmbedField{Name: "What went well", Value: wentWell})
	}
	if strings.TrimSpace(improve) != "" {
		out = append(out, &discordgo.MessageEmbedField{Name: "What to improve", Value: improve})
	}
	return out
}

// stars renders an average rating: "4.3 / 5 ★★★★☆".
func stars(avg float64) string {
	full := int(avg + 0.5)
	return fmt.Sprintf("%.1f / 5 %s%s", avg, strings.Repeat("★", full), strings.Repeat("☆", 5-full))
}
