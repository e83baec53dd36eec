package profile

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/progress"
)

// feedbackMonths is how many months of mock feedback averages are shown.
const feedbackMonths = 6

// progressSection is the member's own progress by topic (a picture,
// progress.png) and their mock feedback averages per month. Only members
// who rated a question in this server have it, and only on their own
// profile: nil otherwise.
func (p *Feature) progressSection(c *bot.Ctx, guild, userID string, loc *time.Location) (*discordgo.MessageEmbed, *discordgo.File, error) {
	if p.reviews == nil {
		return nil, nil, nil
	}
	cats, rated, err := p.reviews.Progress(c, guild, userID, p.env.Now())
	if err != nil || !rated || len(cats) == 0 {
		return nil, nil, err
	}
	topics := make([]progress.Topic, len(cats))
	for i, cp := range cats {
		topics[i] = progress.Topic{Name: cp.Category, Seen: cp.Seen, Good: cp.Good, Due: cp.Due}
	}
	var png bytes.Buffer
	if err := progress.Render(&png, progress.Limit(topics)); err != nil {
		return nil, nil, err
	}
	e := &discordgo.MessageEmbed{
		Title:       "Progress by topic",
		Description: "Per category in this server: questions you were shown, those you last rated Good or Easy, and those due for review (`/review`). Only you see this.",
		Color:       bot.BrandColor,
		Image:       &discordgo.MessageEmbedImage{URL: "attachment://progress.png"},
	}
	if p.feedback != nil {
		months, err := p.feedback.MonthlyAverages(c, guild, userID, loc, feedbackMonths)
		if err != nil {
			return nil, nil, err
		}
		if len(months) > 0 {
			lines := make([]string, len(months))
			for i, m := range months {
				lines[i] = fmt.Sprintf("`%s` communication %.1f · problem solving %.1f · structure %.1f (%d)", m.Month, m.Communication, m.ProblemSolving, m.Structure, m.N)
			}
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Mock feedback averages by month (of 5; how many)",
				Value: bot.Truncate(strings.Join(lines, "\n"), 1024)})
		}
	}
	return e, &discordgo.File{Name: "progress.png", ContentType: "image/png", Reader: &png}, nil
}
