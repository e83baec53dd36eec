package suggest

import (
	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/store"
)

// What the external tests (package suggest_test) need of the feature's
// insides: the form's input ids, as Discord sends them back, and the
// review post of a suggestion.
const (
	InTitle    = inTitle
	InCompany  = inCompany
	InCategory = inCategory
	InPrompt   = inPrompt
	InAnswer   = inAnswer
)

// ReviewPost is the review channel's post of a pending suggestion.
func ReviewPost(sg *store.Suggestion) *discordgo.InteractionResponseData {
	return suggestionMessage(sg, "", "")
}
