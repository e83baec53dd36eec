package bot

import (
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/internal/fsrs"
	"github.com/prepcord/prepcord/store"
)

// RouteRate is the rating of a question for spaced review: Again, Hard,
// Good or Easy ({rating} is the name in lower case, see fsrs.ParseRating).
// It is declared here, in the runtime, because two features meet on it: the
// question feature puts the buttons under a Solution, and the review
// feature registers the handler. Ratings are per server and member, so the
// buttons are shown in servers only.
const RouteRate Route = "r1/rate/{question}/{rating}"

// RatingLabels labels the four rating buttons with the interval each
// rating would give: "Good · 3d".
func RatingLabels(o [4]fsrs.Outcome) [4]string {
	var out [4]string
	for i, oc := range o {
		out[i] = oc.Rating.String() + " · " + fsrs.FormatDays(oc.Days)
	}
	return out
}

// RatingButtons is the row of the four rating buttons of a question, Again
// to Easy, with the given labels (see RatingLabels).
func RatingButtons(questionID string, labels [4]string) discordgo.ActionsRow {
	styles := [4]discordgo.ButtonStyle{discordgo.DangerButton, discordgo.SecondaryButton, discordgo.SuccessButton, discordgo.PrimaryButton}
	row := discordgo.ActionsRow{Components: make([]discordgo.MessageComponent, 0, 4)}
	for i, r := range fsrs.Ratings() {
		label := labels[i]
		if label == "" {
			label = r.String()
		}
		row.Components = append(row.Components, discordgo.Button{Label: Truncate(label, 80), Style: styles[i],
			CustomID: RouteRate.ID(questionID, strings.ToLower(r.String()))})
	}
	return row
}

// CardRatingButtons is RatingButtons labelled with the intervals the
// member's card of the question would get (card nil: not rated yet).
func CardRatingButtons(c *Ctx, questionID string, card *fsrs.Card, now time.Time) discordgo.ActionsRow {
	var cur fsrs.Card
	if card != nil {
		cur = *card
	}
	return RatingButtons(questionID, RatingLabels(store.ReviewScheduler(c.GuildID(), c.UserID(), questionID).Preview(cur, now)))
}

// SolutionRating is what the last page of a member's Solution carries in
// a server: the rating buttons, labelled from the member's card. In a DM
// there are none (reviews are per server), nor without reviews.
func SolutionRating(c *Ctx, reviews *store.Reviews, questionID string, now time.Time) ([]discordgo.MessageComponent, error) {
	if c.InDM() || reviews == nil {
		return nil, nil
	}
	card, err := reviews.Card(c, c.GuildID(), c.UserID(), questionID)
	if err != nil {
		return nil, err
	}
	return []discordgo.MessageComponent{CardRatingButtons(c, questionID, card, now)}, nil
}

// ReplyRatedSolution shows q's Solution to the member alone (see
// ReplySolution), the last page carrying the member's rating buttons in a
// server (see SolutionRating).
func ReplyRatedSolution(c *Ctx, reviews *store.Reviews, q *store.Question, intro string, now time.Time) error {
	rate, err := SolutionRating(c, reviews, q.ID, now)
	if err != nil {
		return err
	}
	return ReplySolution(c, q, intro, rate)
}
