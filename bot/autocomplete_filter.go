package bot

import (
	"strings"
	"unicode/utf8"

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
