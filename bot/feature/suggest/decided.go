package suggest

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/store"
)

var _ bot.ReviewPoster = (*Feature)(nil)

// decidedOutcome is the review post's outcome line of a decided
// suggestion: who approved it and the question it became, or who
// rejected it.
func decidedOutcome(sg *store.Suggestion, by, questionID string) string {
	if sg.Status == store.SuggestionApproved {
		return fmt.Sprintf("✅ Approved by <@%s>: now question `%s` of this server.", by, questionID)
	}
	return fmt.Sprintf("❌ Rejected by <@%s>.", by)
}

// ShowDecision edits a suggestion decided on the web dashboard on its
// review post, exactly as the review buttons leave it: the outcome and who
// decided, and no buttons. A suggestion without a post is left as it is.
func (f *Feature) ShowDecision(ctx context.Context, sg *store.Suggestion) error {
	if sg.ReviewMessageID == "" {
		return nil
	}
	return f.editReviewPost(ctx, sg, suggestionMessage(sg, decidedOutcome(sg, sg.DecidedBy, sg.QuestionID), ""))
}

// editReviewPost replaces sg's review post with msg.
func (f *Feature) editReviewPost(ctx context.Context, sg *store.Suggestion, msg *discordgo.InteractionResponseData) error {
	_, err := f.env.Session.ChannelMessageEditComplex(&discordgo.MessageEdit{Channel: sg.ReviewChannelID, ID: sg.ReviewMessageID,
		Embeds: &msg.Embeds, Components: &msg.Components, AllowedMentions: msg.AllowedMentions}, discordgo.WithContext(ctx))
	return err
}
