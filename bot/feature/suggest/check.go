package suggest

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/suggestcheck"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

// A suggestion is checked like an import, with the server's bank at hand:
// the bank's rules (required fields, lengths, a difficulty of easy, medium
// or hard), every problem reported at once, and each company, role and
// category compared with the names the server's bank already has. A name
// the bank knows takes the bank's spelling ("google" is Google). A new name
// is allowed, since suggestions may bring new companies, but a new name
// close to a known one ("Googel") is refused with "did you mean Google?"
// unless the member says it is really a different one (Keep as written):
// Snapp is not Snap. Moderators see every new name on the review post, and
// approving one that is close to a known name asks them to confirm too.

// suggestForm is the suggestion form's five fields as typed.
type suggestForm struct {
	Title, CompanyRole, CategoryDifficulty, Prompt, Answer string
}

// formFromModal reads a submitted suggestion form.
func formFromModal(c *bot.Ctx) suggestForm {
	return suggestForm{Title: c.ModalValue(inTitle), CompanyRole: c.ModalValue(inCompany),
		CategoryDifficulty: c.ModalValue(inCategory), Prompt: c.ModalValue(inPrompt), Answer: c.ModalValue(inAnswer)}
}

// formOf writes a question in the form's shape, as the edit form shows it.
func formOf(q data.Question) suggestForm {
	companyRole := q.Company
	if len(q.Roles) > 0 {
		companyRole += " / " + strings.Join(q.Roles, ", ")
	}
	catDiff := q.Category
	if q.Difficulty != "" {
		catDiff += " / " + q.Difficulty
	}
	return suggestForm{Title: q.Title, CompanyRole: companyRole, CategoryDifficulty: catDiff, Prompt: q.Prompt, Answer: q.Solution}
}

// formOfDraft is the form a kept draft holds.
func formOfDraft(d *store.SuggestionDraft) suggestForm {
	return suggestForm{Title: d.Title, CompanyRole: d.CompanyRole, CategoryDifficulty: d.CategoryDifficulty, Prompt: d.Prompt, Answer: d.Answer}
}

// draft is the form kept for userID in guildID; target is 0 for a new
// suggestion, else the suggestion being edited.
func (f suggestForm) draft(guildID, userID string, target int64) store.SuggestionDraft {
	return store.SuggestionDraft{GuildID: guildID, UserID: userID, SuggestionID: target, Title: f.Title,
		CompanyRole: f.CompanyRole, CategoryDifficulty: f.CategoryDifficulty, Prompt: f.Prompt, Answer: f.Answer}
}

// lastSeparator returns the index of the last separator in s that stands
// between a category and a difficulty: "|", or a "/" with a space on
// either side ("System Design / hard", "SQL/ easy"). A slash inside a word,
// as in "A/B testing" or "CI/CD", is part of the name. -1 when none.
func lastSeparator(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '|':
			return i
		case '/':
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' || s[i+1] == ' ' {
				return i
			}
		}
	}
	return -1
}

// isWordSep separates the words of the category and difficulty field.
func isWordSep(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune("/,|-·", r)
}

// parseCategory splits the category and difficulty field. The difficulty
// is its last word when that is easy, medium or hard ("System Design /
// hard", "SQL hard"). Otherwise, what follows the last separator is taken
// for a difficulty the bank does not have ("Algorithms / extreme" gives bad
// "extreme"), as is a last word after a category the bank knows
// ("Algorithms extreme"). With none of these, the whole field is the
// category and no difficulty was given. known reports whether a category
// is in the server's bank.
func parseCategory(s string, known func(string) bool) (category, difficulty, bad string) {
	s = strings.TrimRightFunc(strings.TrimSpace(s), isWordSep)
	if s == "" || known(s) {
		return s, "", ""
	}
	words := strings.FieldsFunc(s, isWordSep)
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	head := func(cut int) string { return strings.TrimRightFunc(s[:cut], isWordSep) }
	if slices.Contains(data.Difficulties, strings.ToLower(last)) {
		return head(strings.LastIndex(s, last)), strings.ToLower(last), ""
	}
	if i := lastSeparator(s); i >= 0 {
		if tail := strings.TrimSpace(s[i+1:]); tail != "" {
			return head(i), "", tail
		}
		return head(i), "", ""
	}
	if len(words) > 1 {
		if h := head(strings.LastIndex(s, last)); known(h) {
			return h, "", last
		}
	}
	return s, "", ""
}

// newName is a name new to the server's bank (suggestcheck.NewName).
type newName = suggestcheck.NewName

// formCheck is what checking a suggestion form found.
type formCheck struct {
	q         data.Question
	problems  []string  // must be fixed before the suggestion can go on
	fresh     []newName // names new to the server's bank
	defaulted bool      // no difficulty was given: medium was taken
}

// near returns the new names that are close to names the bank has.
func (k *formCheck) near() []newName { return suggestcheck.Near(k.fresh) }

// ok reports whether the suggestion can go on: no problems and, unless the
// new names are kept as written, no name close to a known one.
func (k *formCheck) ok(keepNames bool) bool {
	return len(k.problems) == 0 && (keepNames || len(k.near()) == 0)
}

// useNear replaces each new name close to a known one with the closest
// known name.
func (k *formCheck) useNear() {
	kept := k.fresh[:0]
	for _, n := range k.fresh {
		if len(n.Near) > 0 {
			n.Use(n.Near[0])
			continue
		}
		kept = append(kept, n)
	}
	k.fresh = kept
}

// check reads and checks a suggestion form for this server. The error is
// for failures to read the bank, never for what the member typed.
func (f *Feature) check(c *bot.Ctx, form suggestForm) (*formCheck, error) {
	guild := c.GuildID()
	var lookup error
	knownCategory := func(v string) bool {
		_, ok, err := f.questions.Resolve(c, data.KindCategory, guild, v)
		lookup = errors.Join(lookup, err)
		return ok
	}
	q := data.Question{Title: form.Title, Prompt: form.Prompt, Solution: form.Answer, Roles: []string{}, Tags: []string{}, Related: []string{}}
	company, roles, _ := cutAny(form.CompanyRole, "/|")
	q.Company = company
	q.Roles = strings.FieldsFunc(roles, func(r rune) bool { return strings.ContainsRune(",;/|", r) })
	k := &formCheck{}
	category, difficulty, bad := parseCategory(form.CategoryDifficulty, knownCategory)
	if lookup != nil {
		return nil, lookup
	}
	q.Category = category
	switch {
	case bad != "":
		q.Difficulty = bad // the bank's rules refuse it, in the import's words
	case difficulty != "":
		q.Difficulty = difficulty
	default:
		q.Difficulty, k.defaulted = "medium", true
	}
	entries := []*data.Entry{{Question: q, File: "suggestion"}}
	if err := data.Validate(entries, data.ValidateOptions{Today: f.env.Now()}); err != nil {
		var probs data.Problems
		if !errors.As(err, &probs) {
			return nil, err
		}
		for _, p := range probs {
			k.problems = append(k.problems, p.Msg)
		}
	}
	k.q = entries[0].Question
	k.q.ID, k.q.Added = "", ""
	if lastSeparator(k.q.Category) >= 0 {
		k.problems = append(k.problems, fmt.Sprintf("the category and difficulty read %q: write one category, then / and easy, medium or hard, as in \"System Design / hard\"",
			strings.TrimSpace(form.CategoryDifficulty)))
	}
	fresh, err := suggestcheck.Names(c, f.questions, guild, &k.q)
	if err != nil {
		return nil, err
	}
	k.fresh = fresh
	return k, nil
}

// sentence starts a problem with a capital letter and ends it with a stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// boldNames renders names as "**A** or **B**".
func boldNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "**" + bot.EscapeText(n) + "**"
	}
	return strings.Join(out, " or ")
}

// problemLines lists every problem of the check as sentences for the
// member, the near names included unless they are kept as written.
func (k *formCheck) problemLines(keepNames bool) []string {
	var out []string
	for _, p := range k.problems {
		out = append(out, bot.EscapeText(sentence(p)))
	}
	if !keepNames {
		for _, n := range k.near() {
			out = append(out, suggestcheck.NearProblem(n, func(v string) string { return "**" + bot.EscapeText(v) + "**" }))
		}
	}
	return out
}

// notes tell moderators, on the review post, which names are new to the
// bank: approving the suggestion adds them.
func (k *formCheck) notes() string {
	var b strings.Builder
	for _, n := range k.fresh {
		if len(n.Near) > 0 {
			fmt.Fprintf(&b, "⚠️ %s **%s**, close to %s: kept as written\n", n.Kind, bot.EscapeText(n.Name), boldNames(n.Near))
		} else {
			fmt.Fprintf(&b, "🆕 %s **%s**\n", n.Kind, bot.EscapeText(n.Name))
		}
	}
	return strings.TrimSpace(b.String())
}

// refusal is the ephemeral answer to a form that cannot go on: every
// problem at once, and buttons that reopen the kept form (fix), send it
// with the bank's names (use) or with the new names as written (keep).
// Use and keep appear only when names close to known ones are all that is
// wrong.
func (k *formCheck) refusal(title, note string, fix, use, keep string, keepNames bool) *discordgo.InteractionResponseData {
	lines := k.problemLines(keepNames)
	var b strings.Builder
	fmt.Fprintf(&b, "%d problem%s to fix. %s\n", len(lines), bot.Plural(len(lines)), note)
	for _, l := range lines {
		b.WriteString("\n• " + l)
	}
	var buttons []discordgo.MessageComponent
	if fix != "" {
		buttons = append(buttons, discordgo.Button{Label: "Edit", Style: discordgo.PrimaryButton, CustomID: fix, Emoji: &discordgo.ComponentEmoji{Name: "✏️"}})
	}
	if near := k.near(); len(k.problems) == 0 && len(near) > 0 && !keepNames {
		if use != "" {
			label := "Use the names suggested"
			if len(near) == 1 {
				label = "Use " + strconv.Quote(near[0].Near[0])
			}
			buttons = append(buttons, discordgo.Button{Label: bot.Truncate(label, 80), Style: discordgo.SuccessButton, CustomID: use})
		}
		if keep != "" {
			label := "Keep as written"
			if len(near) == 1 {
				label = "Keep " + strconv.Quote(near[0].Name)
			}
			buttons = append(buttons, discordgo.Button{Label: bot.Truncate(label, 80), Style: discordgo.SecondaryButton, CustomID: keep})
		}
	}
	msg := &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Embeds:     []*discordgo.MessageEmbed{{Title: title, Description: bot.Truncate(b.String(), bot.MaxDescription), Color: bot.ErrorColor}},
		Components: []discordgo.MessageComponent{}}
	if len(buttons) > 0 {
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return msg
}
