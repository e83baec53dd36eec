package question

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// The replies of /question and /questions when nothing matches: a name the
// bank does not know, or filters that together leave nothing.

// unknownReply explains which filter values name nothing, with buttons
// that retry with a did-you-mean value.
func (f *Feature) unknownReply(c *bot.Ctx, flt store.Filter, unknown []unknownValue) *discordgo.InteractionResponseData {
	var b strings.Builder
	var buttons []discordgo.MessageComponent
	for _, u := range unknown {
		fmt.Fprintf(&b, "No %s called %s in this bank.", u.kind, bot.Quote(u.value))
		if len(u.near) > 0 {
			names := make([]string, len(u.near))
			for i, n := range u.near {
				names[i] = "**" + bot.EscapeText(n) + "**"
			}
			fmt.Fprintf(&b, " Did you mean %s?", strings.Join(names, " or "))
		} else {
			fmt.Fprintf(&b, " Type a few letters in the %s option and pick one from the list.", u.kind)
		}
		b.WriteString("\n")
		for _, n := range u.near {
			if len(buttons) == 5 {
				break
			}
			fixed := flt.With(u.kind, n)
			for _, other := range unknown {
				if other.kind != u.kind {
					fixed = fixed.With(other.kind, firstOr(other.near, ""))
				}
			}
			id, err := f.filterCustomID(c, routeAnother, fixed)
			if err != nil {
				c.Log.Warn("did-you-mean button", "err", err)
				continue
			}
			buttons = append(buttons, discordgo.Button{Label: bot.Truncate(fmt.Sprintf("%s: %s", u.kind, n), 80), Style: discordgo.PrimaryButton, CustomID: id})
		}
	}
	msg := &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		Embeds:          []*discordgo.MessageEmbed{{Description: b.String(), Color: bot.ErrorColor}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}
	if len(buttons) > 0 {
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return msg
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}

// filterStep is one filter of a Filter, for explaining empty results.
type filterStep struct {
	label string
	apply func(store.Filter) store.Filter
	clear func(store.Filter) store.Filter
}

func steps(flt store.Filter) []filterStep {
	var out []filterStep
	for _, k := range data.FilterKinds {
		if v := flt.Get(k); v != "" {
			out = append(out, filterStep{label: fmt.Sprintf("%s: **%s**", k, bot.EscapeText(v)),
				apply: func(g store.Filter) store.Filter { return g.With(k, v) },
				clear: func(g store.Filter) store.Filter { return g.With(k, "") }})
		}
	}
	if d := flt.Difficulty; d != "" {
		out = append(out, filterStep{label: "difficulty: **" + d + "**",
			apply: func(g store.Filter) store.Filter { g.Difficulty = d; return g },
			clear: func(g store.Filter) store.Filter { g.Difficulty = ""; return g }})
	}
	if s := flt.Search; s != "" {
		out = append(out, filterStep{label: "search: " + bot.Quote(s),
			apply: func(g store.Filter) store.Filter { g.Search = s; return g },
			clear: func(g store.Filter) store.Filter { g.Search = ""; return g }})
	}
	return out
}

// nearFilter is a filter close to the member's that has questions.
type nearFilter struct {
	flt   store.Filter
	label string
	n     int
}

// emptyReply explains which filter emptied the result and offers the
// nearest filter sets that have questions.
func (f *Feature) emptyReply(c *bot.Ctx, flt store.Filter) (*discordgo.InteractionResponseData, error) {
	st := steps(flt)
	cur, culprit, err := f.firstEmptying(c, flt.Scope, st)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	switch {
	case culprit < 0:
		b.WriteString("No question matches " + describe(flt) + ".")
	case culprit == 0:
		b.WriteString("No question has " + st[0].label + ".")
	default:
		fmt.Fprintf(&b, "No question matches all of %s: adding %s to %s leaves nothing.", describe(flt), st[culprit].label, describe(cur))
	}
	alts, err := f.nearest(c, flt, st, cur, culprit)
	if err != nil {
		return nil, err
	}
	var buttons []discordgo.MessageComponent
	if len(alts) > 0 {
		b.WriteString("\n\nNearest with questions:")
		for _, a := range alts {
			fmt.Fprintf(&b, "\n• %s — %d question%s", describe(a.flt), a.n, bot.Plural(a.n))
			id, err := f.filterCustomID(c, routeAnother, a.flt)
			if err != nil {
				return nil, err
			}
			buttons = append(buttons, discordgo.Button{Label: bot.Truncate(fmt.Sprintf("%s (%d)", a.label, a.n), 80), Style: discordgo.PrimaryButton, CustomID: id})
		}
	}
	msg := &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		Embeds:          []*discordgo.MessageEmbed{{Description: bot.Truncate(b.String(), bot.MaxDescription), Color: bot.ErrorColor}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}
	if len(buttons) > 0 {
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return msg, nil
}

// firstEmptying adds the steps one by one and returns the index of the
// first that leaves no question (-1 when none does), with the filter of
// the steps before it.
func (f *Feature) firstEmptying(c *bot.Ctx, scope string, st []filterStep) (store.Filter, int, error) {
	cur := store.Filter{Scope: scope}
	for i, s := range st {
		next := s.apply(cur)
		n, err := f.questions.Count(c, next)
		if err != nil {
			return cur, -1, err
		}
		if n == 0 {
			return cur, i, nil
		}
		cur = next
	}
	return cur, -1, nil
}

// nearest returns up to three filters near flt that have questions, the
// most questions first: flt without one of its steps or, when none of
// those has any, cur, the steps before the culprit.
func (f *Feature) nearest(c *bot.Ctx, flt store.Filter, st []filterStep, cur store.Filter, culprit int) ([]nearFilter, error) {
	var alts []nearFilter
	if len(st) > 1 {
		for _, s := range st {
			g := s.clear(flt)
			n, err := f.questions.Count(c, g)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				alts = append(alts, nearFilter{g, "without " + bot.UnescapeText(stripMarkdown(s.label)), n})
			}
		}
	}
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].n > alts[j].n })
	if len(alts) == 0 && culprit > 0 {
		n, err := f.questions.Count(c, cur)
		if err != nil {
			return nil, err
		}
		alts = append(alts, nearFilter{cur, "only " + bot.UnescapeText(stripMarkdown(describe(cur))), n})
	}
	if len(alts) > 3 {
		alts = alts[:3]
	}
	return alts, nil
}

// stripMarkdown removes the bold and code markup of rendered text, keeping
// the escapes of the names in it (an escaped backtick stays).
func stripMarkdown(s string) string {
	return strings.NewReplacer("\\`", "\\`", "**", "", "`", "").Replace(s)
}
