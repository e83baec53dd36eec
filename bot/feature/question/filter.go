package question

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// maxSearchInput is the longest search text accepted.
const maxSearchInput = 200

// ---- filters from options ----

// filterFromOptions reads the filter options of a command, refusing values
// no name could have.
func filterFromOptions(c *bot.Ctx) (store.Filter, error) {
	f := store.Filter{Scope: c.GuildID()}
	for _, k := range data.FilterKinds {
		v := strings.TrimSpace(c.String(string(k)))
		if n := utf8.RuneCountInString(v); n > bot.MaxNameInput {
			return f, errs.E(errs.Invalid, "The %s you typed is %d characters long; %s names are at most 80 characters. Type a few letters and pick one from the list.", k, n, k)
		}
		f = f.With(k, v)
	}
	d := strings.ToLower(strings.TrimSpace(c.String("difficulty")))
	switch d {
	case "", "easy", "medium", "hard":
		f.Difficulty = d
	default:
		return f, errs.E(errs.Invalid, "Difficulty must be easy, medium or hard, not %s.", bot.Quote(d))
	}
	s := strings.TrimSpace(c.String("search"))
	if n := utf8.RuneCountInString(s); n > maxSearchInput {
		return f, errs.E(errs.Invalid, "Your search is %d characters long; the limit is %d. A few distinctive words work best.", n, maxSearchInput)
	}
	if s != "" && !store.Searchable(s) {
		return f, errs.E(errs.Invalid, "Your search %s has no words to look for; use letters or digits (and, or, not and near alone are not searched).", bot.Quote(s))
	}
	f.Search = s
	return f, nil
}

// unknownValue is a filter value that names nothing in the bank.
type unknownValue struct {
	kind  data.Kind
	value string
	near  []string // did-you-mean candidates
}

// resolveFilter maps each name in f to its canonical display name through
// aliases. Values naming nothing in the bank come back in unknown, with
// did-you-mean candidates.
func (f *Feature) resolveFilter(ctx context.Context, flt store.Filter) (store.Filter, []unknownValue, error) {
	var unknown []unknownValue
	for _, k := range data.FilterKinds {
		v := flt.Get(k)
		if v == "" {
			continue
		}
		name, ok, err := f.questions.Resolve(ctx, k, flt.Scope, v)
		if err != nil {
			return flt, nil, err
		}
		if ok {
			flt = flt.With(k, name)
			continue
		}
		near, err := f.questions.DidYouMean(ctx, k, flt.Scope, v, 3)
		if err != nil {
			return flt, nil, err
		}
		unknown = append(unknown, unknownValue{kind: k, value: v, near: near})
	}
	return flt, unknown, nil
}

// describe writes a filter the way a member would type it.
func describe(flt store.Filter) string {
	var parts []string
	for _, k := range data.FilterKinds {
		if v := flt.Get(k); v != "" {
			parts = append(parts, fmt.Sprintf("%s: **%s**", k, bot.EscapeText(bot.Truncate(v, 80))))
		}
	}
	if flt.Difficulty != "" {
		parts = append(parts, "difficulty: **"+flt.Difficulty+"**")
	}
	if flt.Search != "" {
		parts = append(parts, "search: "+bot.Quote(flt.Search))
	}
	if len(parts) == 0 {
		return "no filters"
	}
	return strings.Join(parts, " · ")
}

// aliasNote says how the names a member typed were read when an alias, or
// a word naming several values, stood for them: "round: `final` →
// **Onsite**", "round: `screen` → **Phone Screen** or **Technical
// Screen**". Names typed as they are, in any case or spacing, need no note.
func aliasNote(flt store.Filter) string {
	var parts []string
	for _, k := range data.FilterKinds {
		v := flt.Get(k)
		if v == "" {
			continue
		}
		names := data.Group(k, v)
		if names == nil {
			c := data.Canonical(k, v)
			if data.Key(c) == data.Key(v) {
				continue
			}
			names = []string{c}
		}
		parts = append(parts, fmt.Sprintf("%s: %s → **%s**", k, bot.Quote(v), strings.Join(names, "** or **")))
	}
	return strings.Join(parts, " · ")
}

// withNote puts note above a reply's own text.
func withNote(msg *discordgo.InteractionResponseData, note string) *discordgo.InteractionResponseData {
	if note != "" {
		msg.Content = strings.TrimSpace(note + "\n" + msg.Content)
	}
	return msg
}

// ---- custom_id encoding of filters ----

// filterArgs encodes a filter as custom_id arguments: the comparison keys
// of its names, the first letter of its difficulty, the words its search
// looks for and, when it has one, the key of its level (last, so buttons
// made before levels existed still decode).
func filterArgs(flt store.Filter) []string {
	args := make([]string, 0, 7)
	for _, k := range data.NameKinds {
		args = append(args, data.FilterKey(k, flt.Get(k)))
	}
	d := ""
	if flt.Difficulty != "" {
		d = flt.Difficulty[:1]
	}
	s := flt.Search
	if s != "" {
		s = store.SearchText(s) // the words searched, which select alike
	}
	args = append(args, d, s)
	if flt.Level != "" {
		args = append(args, data.FilterKey(data.KindLevel, flt.Level))
	}
	return args
}

// customIDLen is the length bot.CustomID would give.
func customIDLen(route string, args ...string) int {
	n := len(route)
	for _, a := range args {
		n += 1 + len(url.PathEscape(a))
	}
	return n
}

// filterCustomID builds route/prefix.../filter, storing the filter under a
// short token when it does not fit in Discord's 100 characters.
func (f *Feature) filterCustomID(ctx context.Context, route bot.Route, flt store.Filter, prefix ...string) (string, error) {
	args := append(append([]string{}, prefix...), filterArgs(flt)...)
	if customIDLen(route.Key(), args...) <= bot.MaxCustomID {
		return bot.CustomID(route.Key(), args...), nil
	}
	tok, err := f.history.SaveFilter(ctx, flt)
	if err != nil {
		return "", err
	}
	return bot.CustomID(route.Key(), append(append([]string{}, prefix...), "~"+tok)...), nil
}

// decodeFilter reverses filterCustomID for the arguments after the prefix.
func (f *Feature) decodeFilter(ctx context.Context, scope string, args []string) (store.Filter, error) {
	if len(args) == 1 && strings.HasPrefix(args[0], "~") {
		flt, err := f.history.LoadFilter(ctx, strings.TrimPrefix(args[0], "~"))
		flt.Scope = scope
		return flt, err
	}
	if len(args) != 6 && len(args) != 7 {
		return store.Filter{}, errs.E(errs.Invalid, "This button is from an older version of prepcord. Run the command again.")
	}
	flt := store.Filter{Scope: scope, Search: args[5]}
	for i, k := range data.NameKinds {
		flt = flt.With(k, args[i])
	}
	if len(args) == 7 {
		flt = flt.With(data.KindLevel, args[6])
	}
	switch args[4] {
	case "e":
		flt.Difficulty = "easy"
	case "m":
		flt.Difficulty = "medium"
	case "h":
		flt.Difficulty = "hard"
	}
	return flt, nil
}

// ---- autocomplete ----

// autocomplete offers values of the focused name option that exist under
// the other options already chosen, with counts: "TikTok (12)".
func (f *Feature) autocomplete(c *bot.Ctx) error {
	return bot.FilterChoices(c, f.questions, data.FilterKinds[:])
}
