package bot

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// questionFeature is /question and /questions: one question the member has
// not seen, with buttons for its solution, another one, a discussion thread
// and related questions; and a paginated browse of the bank.
type questionFeature struct {
	b     *Bot
	users userLocks
}

// maxSearchInput is the longest search text accepted.
const maxSearchInput = 200

func filterOptions() []*discordgo.ApplicationCommandOption {
	name := func(kind data.Kind, desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: string(kind),
			Description: desc, Autocomplete: true}
	}
	return []*discordgo.ApplicationCommandOption{
		name(data.KindCompany, "Company, e.g. TikTok"),
		name(data.KindRole, "Role, e.g. Software Engineer"),
		name(data.KindCategory, "Category, e.g. System Design"),
		name(data.KindRound, "Interview round, e.g. Onsite"),
		{Type: discordgo.ApplicationCommandOptionString, Name: "difficulty", Description: "How hard",
			Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "Easy", Value: "easy"}, {Name: "Medium", Value: "medium"}, {Name: "Hard", Value: "hard"}}},
		{Type: discordgo.ApplicationCommandOptionString, Name: "search", Description: "Words in the title, prompt or tags"},
	}
}

func everywhere() *[]discordgo.InteractionContextType {
	return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
}

func (f *questionFeature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{Name: "question", Description: "Get an interview question you have not seen yet", Options: filterOptions(),
			Contexts: everywhere(), DMPermission: Ptr(true)},
		{Name: "questions", Description: "Browse the question bank, 10 a page", Options: filterOptions(),
			Contexts: everywhere(), DMPermission: Ptr(true)},
	}
}

func (f *questionFeature) Routes(r *Router) {
	r.Command("question", f.question)
	r.Command("questions", f.browse)
	r.Autocomplete("question", f.autocomplete)
	r.Autocomplete("questions", f.autocomplete)
	r.Component("q1/solution", f.solution, DeferEphemeral())
	r.Component("q1/another", f.another)
	r.Component("q1/discuss", f.discuss, DeferEphemeral())
	r.Component("q1/related", f.related, DeferEphemeral())
	r.Component("q1/page", f.page)
	r.Component("q1/open", f.open, DeferEphemeral())
}

// userLocks serialises one member's picks so that the history written
// after a reply is committed before the member's next pick reads it.
type userLocks struct {
	mu sync.Mutex
	m  map[string]*userLock
}

type userLock struct {
	sync.Mutex
	refs int
}

func (l *userLocks) lock(id string) func() {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[string]*userLock{}
	}
	ul := l.m[id]
	if ul == nil {
		ul = &userLock{}
		l.m[id] = ul
	}
	ul.refs++
	l.mu.Unlock()
	ul.Lock()
	return func() {
		ul.Unlock()
		l.mu.Lock()
		if ul.refs--; ul.refs == 0 {
			delete(l.m, id)
		}
		l.mu.Unlock()
	}
}

// ---- filters from options ----

// filterFromOptions reads the filter options of a command, refusing values
// no name could have.
func filterFromOptions(c *Ctx) (store.Filter, error) {
	f := store.Filter{Scope: c.GuildID()}
	for _, k := range data.NameKinds {
		v := strings.TrimSpace(c.String(string(k)))
		if n := utf8.RuneCountInString(v); n > MaxNameInput {
			return f, errs.E(errs.Invalid, "The %s you typed is %d characters long; %s names are at most 80 characters. Type a few letters and pick one from the list.", k, n, k)
		}
		f = f.With(k, v)
	}
	d := strings.ToLower(strings.TrimSpace(c.String("difficulty")))
	switch d {
	case "", "easy", "medium", "hard":
		f.Difficulty = d
	default:
		return f, errs.E(errs.Invalid, "Difficulty must be easy, medium or hard, not %s.", Quote(d))
	}
	s := strings.TrimSpace(c.String("search"))
	if n := utf8.RuneCountInString(s); n > maxSearchInput {
		return f, errs.E(errs.Invalid, "Your search is %d characters long; the limit is %d. A few distinctive words work best.", n, maxSearchInput)
	}
	if s != "" && !store.Searchable(s) {
		return f, errs.E(errs.Invalid, "Your search %s has no words to look for; use letters or digits (and, or, not and near alone are not searched).", Quote(s))
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
func (f *questionFeature) resolveFilter(ctx context.Context, flt store.Filter) (store.Filter, []unknownValue, error) {
	var unknown []unknownValue
	for _, k := range data.NameKinds {
		v := flt.Get(k)
		if v == "" {
			continue
		}
		name, ok, err := f.b.Store.Questions.Resolve(ctx, k, flt.Scope, v)
		if err != nil {
			return flt, nil, err
		}
		if ok {
			flt = flt.With(k, name)
			continue
		}
		near, err := f.b.Store.Questions.DidYouMean(ctx, k, flt.Scope, v, 3)
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
	for _, k := range data.NameKinds {
		if v := flt.Get(k); v != "" {
			parts = append(parts, fmt.Sprintf("%s: **%s**", k, EscapeText(Truncate(v, 80))))
		}
	}
	if flt.Difficulty != "" {
		parts = append(parts, "difficulty: **"+flt.Difficulty+"**")
	}
	if flt.Search != "" {
		parts = append(parts, "search: "+Quote(flt.Search))
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
	for _, k := range data.NameKinds {
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
		parts = append(parts, fmt.Sprintf("%s: %s → **%s**", k, Quote(v), strings.Join(names, "** or **")))
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
// of its names, the first letter of its difficulty and the words its
// search looks for.
func filterArgs(flt store.Filter) []string {
	args := make([]string, 0, 6)
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
	return append(args, d, s)
}

// customIDLen is the length CustomID would give.
func customIDLen(route string, args ...string) int {
	n := len(route)
	for _, a := range args {
		n += 1 + len(url.PathEscape(a))
	}
	return n
}

// filterCustomID builds route/prefix.../filter, storing the filter under a
// short token when it does not fit in Discord's 100 characters.
func (f *questionFeature) filterCustomID(ctx context.Context, route string, flt store.Filter, prefix ...string) (string, error) {
	args := append(append([]string{}, prefix...), filterArgs(flt)...)
	if customIDLen(route, args...) <= MaxCustomID {
		return CustomID(route, args...), nil
	}
	tok, err := f.b.Store.History.SaveFilter(ctx, flt)
	if err != nil {
		return "", err
	}
	return CustomID(route, append(append([]string{}, prefix...), "~"+tok)...), nil
}

// decodeFilter reverses filterCustomID for the arguments after the prefix.
func (f *questionFeature) decodeFilter(ctx context.Context, scope string, args []string) (store.Filter, error) {
	if len(args) == 1 && strings.HasPrefix(args[0], "~") {
		flt, err := f.b.Store.History.LoadFilter(ctx, strings.TrimPrefix(args[0], "~"))
		flt.Scope = scope
		return flt, err
	}
	if len(args) != 6 {
		return store.Filter{}, errs.E(errs.Invalid, "This button is from an older version of prepcord. Run the command again.")
	}
	flt := store.Filter{Scope: scope, Search: args[5]}
	for i, k := range data.NameKinds {
		flt = flt.With(k, args[i])
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

// ---- /question ----

func (f *questionFeature) question(c *Ctx) error {
	flt, err := filterFromOptions(c)
	if err != nil {
		return err
	}
	return f.pickAndReply(c, flt, aliasNote(flt))
}

// another is the Another button (and the did-you-mean buttons): a new
// question with the filters the button carries, for whoever pressed it.
func (f *questionFeature) another(c *Ctx) error {
	flt, err := f.decodeFilter(c, c.GuildID(), c.Args)
	if err != nil {
		return err
	}
	return f.pickAndReply(c, flt, "")
}

// pickAndReply resolves the filter, picks a question the member has not
// seen and shows it; or explains why nothing matched.
//
// The store filters on canonical keys, so aliases ("tik tok") match
// without resolving names first; names are resolved only to explain an
// empty result or to describe the filter, which keeps the common path to
// one query. note, when set, says how typed names were read (aliasNote).
func (f *questionFeature) pickAndReply(c *Ctx, flt store.Filter, note string) error {
	unlock := f.users.lock(c.UserID())
	defer unlock()
	pick, err := f.b.Store.History.PickQuestion(c, flt, c.UserID())
	if errs.CodeOf(err) == errs.NotFound {
		resolved, unknown, err := f.resolveFilter(c, flt)
		if err != nil {
			return err
		}
		if len(unknown) > 0 {
			return c.Reply(withNote(f.unknownReply(c, resolved, unknown), note))
		}
		msg, err := f.emptyReply(c, resolved)
		if err != nil {
			return err
		}
		return c.Reply(withNote(msg, note))
	}
	if err != nil {
		return err
	}
	msg, err := f.questionMessage(c, pick.Question, flt, true)
	if err != nil {
		return err
	}
	if pick.SeenBefore {
		if resolved, _, err := f.resolveFilter(c, flt); err == nil {
			flt = resolved
		}
		msg.Content = "You have seen every question matching " + describe(flt) + "; here is the one you saw longest ago."
	}
	// The history is written once the reply is on its way, off the
	// member's wait (written alongside, it took CPU from the reply: about
	// 10% of the round trip on two cores), with the time it was shown; the
	// member's lock keeps their next pick from reading it before it is
	// committed.
	shown := f.b.Now()
	rerr := c.Reply(withNote(msg, note))
	if err := f.b.Store.History.MarkSeenAt(context.WithoutCancel(c), c.UserID(), c.GuildID(), pick.Seq, shown); err != nil {
		c.Log.Warn("could not record the question as seen", "err", err)
	}
	return rerr
}

// questionMessage renders a question with its buttons. withAnother adds the
// Another button carrying flt; Discuss appears only in servers.
func (f *questionFeature) questionMessage(c *Ctx, q *store.Question, flt store.Filter, withAnother bool) (*discordgo.InteractionResponseData, error) {
	buttons := []discordgo.MessageComponent{
		discordgo.Button{Label: "Solution", Style: discordgo.PrimaryButton, CustomID: CustomID("q1/solution", q.ID), Emoji: &discordgo.ComponentEmoji{Name: "💡"}},
	}
	if withAnother {
		id, err := f.filterCustomID(c, "q1/another", flt)
		if err != nil {
			return nil, err
		}
		buttons = append(buttons, discordgo.Button{Label: "Another", Style: discordgo.SecondaryButton, CustomID: id, Emoji: &discordgo.ComponentEmoji{Name: "🔀"}})
	}
	if !c.InDM() && withAnother {
		buttons = append(buttons, discordgo.Button{Label: "Discuss", Style: discordgo.SecondaryButton, CustomID: CustomID("q1/discuss", q.ID), Emoji: &discordgo.ComponentEmoji{Name: "💬"}})
	}
	buttons = append(buttons, discordgo.Button{Label: "Related", Style: discordgo.SecondaryButton, CustomID: CustomID("q1/related", q.ID)})
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{QuestionEmbed(q)},
		Components:      []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}, nil
}

// unknownReply explains which filter values name nothing, with buttons
// that retry with a did-you-mean value.
func (f *questionFeature) unknownReply(c *Ctx, flt store.Filter, unknown []unknownValue) *discordgo.InteractionResponseData {
	var b strings.Builder
	var buttons []discordgo.MessageComponent
	for _, u := range unknown {
		fmt.Fprintf(&b, "No %s called %s in this bank.", u.kind, Quote(u.value))
		if len(u.near) > 0 {
			names := make([]string, len(u.near))
			for i, n := range u.near {
				names[i] = "**" + EscapeText(n) + "**"
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
			id, err := f.filterCustomID(c, "q1/another", fixed)
			if err != nil {
				c.Log.Warn("did-you-mean button", "err", err)
				continue
			}
			buttons = append(buttons, discordgo.Button{Label: Truncate(fmt.Sprintf("%s: %s", u.kind, n), 80), Style: discordgo.PrimaryButton, CustomID: id})
		}
	}
	msg := &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		Embeds:          []*discordgo.MessageEmbed{{Description: b.String(), Color: ErrorColor}},
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
	for _, k := range data.NameKinds {
		if v := flt.Get(k); v != "" {
			out = append(out, filterStep{label: fmt.Sprintf("%s: **%s**", k, EscapeText(v)),
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
		out = append(out, filterStep{label: "search: " + Quote(s),
			apply: func(g store.Filter) store.Filter { g.Search = s; return g },
			clear: func(g store.Filter) store.Filter { g.Search = ""; return g }})
	}
	return out
}

// emptyReply explains which filter emptied the result and offers the
// nearest filter sets that have questions.
func (f *questionFeature) emptyReply(c *Ctx, flt store.Filter) (*discordgo.InteractionResponseData, error) {
	st := steps(flt)
	cur := store.Filter{Scope: flt.Scope}
	culprit := -1
	for i, s := range st {
		next := s.apply(cur)
		n, err := f.b.Store.Questions.Count(c, next)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			culprit = i
			break
		}
		cur = next
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
	type alt struct {
		flt   store.Filter
		label string
		n     int
	}
	var alts []alt
	if len(st) > 1 {
		for _, s := range st {
			g := s.clear(flt)
			n, err := f.b.Store.Questions.Count(c, g)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				alts = append(alts, alt{g, "without " + UnescapeText(stripMarkdown(s.label)), n})
			}
		}
	}
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].n > alts[j].n })
	if len(alts) == 0 && culprit > 0 {
		n, err := f.b.Store.Questions.Count(c, cur)
		if err != nil {
			return nil, err
		}
		alts = append(alts, alt{cur, "only " + UnescapeText(stripMarkdown(describe(cur))), n})
	}
	if len(alts) > 3 {
		alts = alts[:3]
	}
	var buttons []discordgo.MessageComponent
	if len(alts) > 0 {
		b.WriteString("\n\nNearest with questions:")
		for _, a := range alts {
			fmt.Fprintf(&b, "\n• %s — %d question%s", describe(a.flt), a.n, Plural(a.n))
			id, err := f.filterCustomID(c, "q1/another", a.flt)
			if err != nil {
				return nil, err
			}
			buttons = append(buttons, discordgo.Button{Label: Truncate(fmt.Sprintf("%s (%d)", a.label, a.n), 80), Style: discordgo.PrimaryButton, CustomID: id})
		}
	}
	msg := &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		Embeds:          []*discordgo.MessageEmbed{{Description: Truncate(b.String(), MaxDescription), Color: ErrorColor}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}
	if len(buttons) > 0 {
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return msg, nil
}

// stripMarkdown removes the bold and code markup of rendered text, keeping
// the escapes of the names in it (an escaped backtick stays).
func stripMarkdown(s string) string {
	return strings.NewReplacer("\\`", "\\`", "**", "", "`", "").Replace(s)
}

// ---- autocomplete ----

// autocomplete offers values of the focused name option that exist under
// the other options already chosen, with counts: "TikTok (12)".
func (f *questionFeature) autocomplete(c *Ctx) error {
	focused := c.Focused()
	if focused == nil {
		return c.Choices(nil)
	}
	kind := data.Kind(focused.Name)
	known := false
	for _, k := range data.NameKinds {
		known = known || k == kind
	}
	typed := fmt.Sprint(focused.Value)
	if !known || utf8.RuneCountInString(typed) > MaxNameInput {
		return c.Choices(nil)
	}
	vals, err := f.b.Store.Questions.Autocomplete(c, kind, AutocompleteFilter(c, data.NameKinds[:], kind), typed, 25)
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

// ---- buttons ----

// questionArg loads the question a button names, as the clicking server sees it.
func (f *questionFeature) questionArg(c *Ctx) (*store.Question, error) {
	if len(c.Args) < 1 || c.Args[0] == "" {
		return nil, errs.E(errs.Invalid, "This button names no question. Run /question again.")
	}
	return f.b.Store.Questions.ByID(c, c.GuildID(), c.Args[0])
}

// solution reveals the model answer to the member alone, in as many
// ephemeral messages as it needs; nothing is cut.
func (f *questionFeature) solution(c *Ctx) error {
	q, err := f.questionArg(c)
	if err != nil {
		return err
	}
	for _, page := range SolutionPages(q) {
		if err := c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: page,
			AllowedMentions: &discordgo.MessageAllowedMentions{}}); err != nil {
			return err
		}
	}
	return nil
}

// related lists the question's related questions (and, to fill the list,
// others of the same company and category), with a menu to open one.
func (f *questionFeature) related(c *Ctx) error {
	q, err := f.questionArg(c)
	if err != nil {
		return err
	}
	var list []*store.Question
	seen := map[string]bool{q.ID: true}
	for _, id := range q.Related {
		if r, err := f.b.Store.Questions.ByID(c, c.GuildID(), id); err == nil && !seen[r.ID] {
			seen[r.ID] = true
			list = append(list, r)
		}
	}
	if len(list) < 5 {
		more, err := f.b.Store.Questions.List(c, store.Filter{Scope: c.GuildID(), Company: q.Company, Category: q.Category}, 10, 0)
		if err != nil {
			return err
		}
		for _, r := range more {
			if len(list) >= 10 {
				break
			}
			if !seen[r.ID] {
				seen[r.ID] = true
				list = append(list, r)
			}
		}
	}
	if len(list) == 0 {
		return c.ReplyEphemeral("No related questions yet.")
	}
	return c.Reply(questionList(c, "Related to: "+EscapeText(q.Title), list, "", 0))
}

// questionList renders questions as an ephemeral list with a menu that
// opens one. footer is shown under the list.
func questionList(c *Ctx, title string, list []*store.Question, footer string, offset int) *discordgo.InteractionResponseData {
	var b strings.Builder
	opts := make([]discordgo.SelectMenuOption, 0, len(list))
	for i, q := range list {
		fmt.Fprintf(&b, "`%d.` **%s** · %s · %s", offset+i+1, EscapeText(Truncate(q.Title, 120)), EscapeText(q.Company), DifficultyLabel(q.Difficulty))
		if q.Round != "" {
			b.WriteString(" · " + EscapeText(q.Round))
		}
		b.WriteString("\n")
		opts = append(opts, discordgo.SelectMenuOption{Label: Truncate(fmt.Sprintf("%d. %s", offset+i+1, q.Title), 100), Value: q.ID,
			Description: Truncate(q.Company+" · "+q.Difficulty+" · "+q.Category, 100)})
	}
	e := &discordgo.MessageEmbed{Title: Truncate(title, MaxTitle), Description: b.String(), Color: BrandColor}
	if footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return &discordgo.InteractionResponseData{
		Flags:  discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{e},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: CustomID("q1/open", c.UserID()), Placeholder: "Open a question", Options: opts},
		}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}
}

// open shows the question chosen in a list's menu, to the member alone.
func (f *questionFeature) open(c *Ctx) error {
	if len(c.Args) > 0 && c.Args[0] != c.UserID() {
		return errs.E(errs.Invalid, "This list belongs to someone else; run /questions for your own.")
	}
	vals := c.Values()
	if len(vals) == 0 {
		return errs.E(errs.Invalid, "Choose a question in the menu.")
	}
	q, err := f.b.Store.Questions.ByID(c, c.GuildID(), vals[0])
	if err != nil {
		return err
	}
	msg, err := f.questionMessage(c, q, store.Filter{}, false)
	if err != nil {
		return err
	}
	msg.Flags = discordgo.MessageFlagsEphemeral
	if err := c.Reply(msg); err != nil {
		return err
	}
	return f.b.Store.History.MarkSeen(c, c.UserID(), c.GuildID(), q.Seq)
}

// discuss opens the question's discussion thread in this channel, or
// adds the member to the one opened before.
func (f *questionFeature) discuss(c *Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Discussion threads are for servers.")
	}
	q, err := f.questionArg(c)
	if err != nil {
		return err
	}
	existing, err := f.b.Store.Questions.DiscussionThread(c, c.ChannelID(), q.ID)
	if err != nil {
		return err
	}
	if existing != "" {
		err := f.b.Session.ThreadMemberAdd(existing, c.UserID(), discordgo.WithContext(c))
		if err == nil {
			return c.ReplyEphemeral(fmt.Sprintf("You joined the discussion of this question: <#%s>", existing))
		}
		if !IsRESTError(err, http.StatusNotFound, discordgo.ErrCodeUnknownChannel) {
			return err
		}
		// The thread was deleted: open a new one.
		if err := f.b.Store.Questions.ForgetDiscussionThread(c, c.ChannelID(), q.ID); err != nil {
			return err
		}
	}
	if c.I.Message == nil {
		return errs.E(errs.Invalid, "Run /question again and press Discuss on the question.")
	}
	name := Truncate("Discuss: "+q.Title, 100)
	th, err := f.b.Session.MessageThreadStartComplex(c.ChannelID(), c.I.Message.ID, &discordgo.ThreadStart{
		Name: name, AutoArchiveDuration: 1440}, discordgo.WithContext(c))
	threadID := ""
	switch {
	case err == nil:
		threadID = th.ID
	case IsRESTError(err, 0, discordgo.ErrCodeThreadAlreadyCreatedForThisMessage):
		threadID = c.I.Message.ID // a thread started on a message has the message's id
	case IsRESTError(err, 0, discordgo.ErrCodeCannotExecuteActionOnThisChannelType):
		return errs.E(errs.Invalid, "Threads can't be opened here. Run /question in a text channel to discuss it.")
	case IsRESTError(err, http.StatusForbidden, 0):
		return errs.E(errs.Invalid, "I'm not allowed to create threads in this channel. Ask an admin to give me **Create Public Threads** here.")
	default:
		return err
	}
	if err := f.b.Store.Questions.SetDiscussionThread(c, c.GuildID(), c.ChannelID(), q.ID, threadID); err != nil {
		return err
	}
	if err := f.b.Session.ThreadMemberAdd(threadID, c.UserID(), discordgo.WithContext(c)); err != nil {
		c.Log.Warn("could not add the member to the thread", "err", err)
	}
	return c.ReplyEphemeral(fmt.Sprintf("Discussion opened: <#%s>", threadID))
}
