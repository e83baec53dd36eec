package bot

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// MaxNameInput is the longest name option accepted (company, role,
// category, round; names are at most 80 characters); longer values are
// refused with a clear reply.
const MaxNameInput = 100

// AutocompleteFilter builds the filter under which autocomplete counts the
// values of the focused option: the other name options of kinds already
// chosen, each only when within maxNameInput, and the difficulty only when
// it is one of the three. Autocomplete input is whatever a member's client
// sends (Discord checks no lengths while typing), and these values become
// keys of the bank's memo, so nothing longer than a real name gets there.
func AutocompleteFilter(c *Ctx, kinds []data.Kind, focused data.Kind) store.Filter {
	flt := store.Filter{Scope: c.GuildID()}
	for _, k := range kinds {
		if k == focused {
			continue
		}
		if v := strings.TrimSpace(c.String(string(k))); utf8.RuneCountInString(v) <= MaxNameInput {
			flt = flt.With(k, v)
		}
	}
	switch d := strings.ToLower(c.String("difficulty")); d {
	case "easy", "medium", "hard":
		flt.Difficulty = d
	}
	return flt
}

// FilterChoices answers the autocomplete of a command's name filters
// (kinds): the bank's values of the focused one that exist under the other
// options already chosen, with counts ("TikTok (12)"). An option that is
// not one of kinds, or typed past MaxNameInput, gets no choices.
func FilterChoices(c *Ctx, questions *store.Questions, kinds []data.Kind) error {
	focused := c.Focused()
	if focused == nil {
		return c.Choices(nil)
	}
	kind := data.Kind(focused.Name)
	typed := fmt.Sprint(focused.Value)
	if !slices.Contains(kinds, kind) || utf8.RuneCountInString(typed) > MaxNameInput {
		return c.Choices(nil)
	}
	vals, err := questions.Autocomplete(c, kind, AutocompleteFilter(c, kinds, kind), typed, 25)
	if err != nil {
		return err
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(vals))
	for _, v := range vals {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{
			Name: Truncate(fmt.Sprintf("%s (%d)", v.Name, v.Count), 100), Value: Truncate(v.Name, 100)})
	}
	return c.Choices(choices)
}
