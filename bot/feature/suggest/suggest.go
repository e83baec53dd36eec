// Package suggest is /suggest: a member fills in a form with a question
// for the server's bank; it is checked like an import against that bank
// and posted in the review channel (chosen with /bank review), where
// members with Manage Server approve, edit or reject it with the post's
// buttons. A form that does not pass is kept as a draft for the one who
// typed it, reopened by the buttons of the refusal or the next /suggest.
// An approved suggestion becomes a question of the server, credited to its
// author, who is told the outcome by DM. It keeps suggestions and drafts
// in store.Suggestions and reads the bank's names from store.Questions; it
// has no background work.
package suggest

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Feature is /suggest: a modal whose answer becomes a pending suggestion in
// the server's review channel, where members with Manage Server approve,
// edit or reject it. An approved suggestion becomes a question of that
// server, credited to its author, who is told the outcome.
type Feature struct {
	env         bot.Env
	suggestions *store.Suggestions
	questions   *store.Questions
	audit       *store.Audit
}

// New returns the /suggest feature. It keeps suggestions and the forms
// members left refused in suggestions, and checks names against (and adds
// approved suggestions to) the server's bank through questions. Each
// decision and edit on a review post leaves a line in audit, when set.
func New(env bot.Env, suggestions *store.Suggestions, questions *store.Questions, audit *store.Audit) *Feature {
	return &Feature{env: env, suggestions: suggestions, questions: questions, audit: audit}
}

var _ bot.Feature = (*Feature)(nil)

// Modal inputs. A modal holds at most five rows, so company and role share
// one, as do category and difficulty.
const (
	inTitle    = "title"
	inCompany  = "company_role"
	inCategory = "category_difficulty"
	inPrompt   = "prompt"
	inAnswer   = "answer"

	maxSuggestPrompt = 2000 // with the answer, the review message fits Discord's 6000 characters
	maxSuggestAnswer = 3000
)

// The component and modal routes. {suggestion} is a suggestion's number;
// {target} is 0 for a member's new suggestion and the suggestion's number
// for a moderator's edit.
const (
	// routeSuggest is the member's form.
	routeSuggest bot.Route = "s1/suggest"
	// routeApprove, routeEdit and routeReject are the review post's
	// buttons; approving with {names} "keep" approves names close to
	// known ones as written. routeEdit is also the moderator's form.
	routeApprove bot.Route = "s1/approve/{suggestion}/{names?}"
	routeEdit    bot.Route = "s1/edit/{suggestion}"
	routeReject  bot.Route = "s1/reject/{suggestion}"
	// routeFix, routeUse and routeKeep are the buttons of a refused form;
	// each works on the presser's own kept form.
	routeFix  bot.Route = "s1/fix/{target}"
	routeUse  bot.Route = "s1/use/{target}"
	routeKeep bot.Route = "s1/keep/{target}"
)

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name: "suggest", Description: "Suggest a question for this server's bank",
		Contexts: &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}, DMPermission: bot.Ptr(false),
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("suggest", f.suggest)
	r.Modal(routeSuggest, f.submit, bot.DeferEphemeral())
	r.Component(routeApprove, f.approve, bot.Admin())
	r.Component(routeReject, f.reject, bot.Admin())
	r.Component(routeEdit, f.edit, bot.Admin())
	r.Modal(routeEdit, f.editSubmit, bot.Admin())
	r.Component(routeFix, f.fix)
	r.Component(routeUse, f.use)
	r.Component(routeKeep, f.keep)
}

// suggestModal builds the form, filled with what form holds.
func suggestModal(form suggestForm) []discordgo.MessageComponent {
	row := func(ti discordgo.TextInput) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{ti}}
	}
	return []discordgo.MessageComponent{
		row(discordgo.TextInput{CustomID: inTitle, Label: "Title", Style: discordgo.TextInputShort, Required: true,
			MaxLength: data.MaxTitleLen, Value: fitInput(form.Title, data.MaxTitleLen), Placeholder: "Design a rate limiter"}),
		row(discordgo.TextInput{CustomID: inCompany, Label: "Company / role", Style: discordgo.TextInputShort, Required: true,
			MaxLength: 200, Value: fitInput(form.CompanyRole, 200), Placeholder: "TikTok / Software Engineer"}),
		row(discordgo.TextInput{CustomID: inCategory, Label: "Category / difficulty (easy, medium, hard)", Style: discordgo.TextInputShort,
			Required: true, MaxLength: 100, Value: fitInput(form.CategoryDifficulty, 100), Placeholder: "System Design / medium"}),
		row(discordgo.TextInput{CustomID: inPrompt, Label: "The question, as the interviewer asks it", Style: discordgo.TextInputParagraph,
			Required: true, MaxLength: maxSuggestPrompt, Value: fitInput(form.Prompt, maxSuggestPrompt)}),
		row(discordgo.TextInput{CustomID: inAnswer, Label: "A good answer (optional)", Style: discordgo.TextInputParagraph,
			Required: false, MaxLength: maxSuggestAnswer, Value: fitInput(form.Answer, maxSuggestAnswer)}),
	}
}

// fitInput keeps a prefilled value within its input's limit: Discord
// refuses a form whose value is longer than the input allows.
func fitInput(s string, limit int) string {
	if r := []rune(s); len(r) > limit {
		return string(r[:limit])
	}
	return s
}

// cutAny cuts s around the first of the separator characters.
func cutAny(s, seps string) (before, after string, found bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// suggest opens the form, after checking that the server reviews
// suggestions and the member may add one. A form the member left refused
// opens as they left it.
func (f *Feature) suggest(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Suggest questions from a server: each server keeps its own bank.")
	}
	st, err := f.suggestions.Settings(c, c.GuildID())
	if err != nil {
		return err
	}
	if st.ReviewChannelID == "" {
		return errs.E(errs.Invalid, "This server does not take suggestions yet: an admin has to choose a review channel with `/bank review channel:#channel`.")
	}
	n, err := f.suggestions.PendingCount(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if n >= st.PendingLimit {
		them := "them"
		if n == 1 {
			them = "it"
		}
		return errs.E(errs.Conflict, "You already have %d suggestion%s awaiting review here (the limit is %d). Please wait until a moderator reviews %s.", n, bot.Plural(n), st.PendingLimit, them)
	}
	form := suggestForm{}
	d, err := f.suggestions.Draft(c, c.GuildID(), c.UserID(), 0)
	switch {
	case err == nil:
		form = formOfDraft(d)
	case errs.CodeOf(err) != errs.NotFound:
		return err
	}
	return c.Modal(routeSuggest.ID(), "Suggest a question", suggestModal(form)...)
}

// submit checks the form and, when it passes, stores the suggestion and
// posts it for review.
func (f *Feature) submit(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Suggest questions from a server.")
	}
	return f.send(c, 0, formFromModal(c), false, false)
}

// send checks form and, when it passes, adds it as a new suggestion
// (target 0) or saves it as the moderator's edit of suggestion target.
// useNames replaces new names close to known ones with the known names;
// keepNames lets them be as written. A form that does not pass is kept for
// the one who typed it, and the answer lists every problem at once with a
// button that reopens the form as it was.
func (f *Feature) send(c *bot.Ctx, target int64, form suggestForm, useNames, keepNames bool) error {
	reviewChannel := ""
	if target == 0 {
		st, err := f.suggestions.Settings(c, c.GuildID())
		if err != nil {
			return err
		}
		if st.ReviewChannelID == "" {
			return errs.E(errs.Invalid, "This server stopped taking suggestions: it has no review channel.")
		}
		reviewChannel = st.ReviewChannelID
	}
	k, err := f.check(c, form)
	if err != nil {
		return err
	}
	if useNames {
		k.useNear()
	}
	if !k.ok(keepNames) {
		if err := f.suggestions.SaveDraft(c, form.draft(c.GuildID(), c.UserID(), target)); err != nil {
			return err
		}
		t := strconv.FormatInt(target, 10)
		title, note := "Your suggestion was not sent", "Everything you typed is kept: press **Edit** to change it (or run `/suggest` again)."
		if target != 0 {
			title, note = fmt.Sprintf("Suggestion #%d was not changed", target), "Your edit is kept: press **Edit** to change it."
		}
		return answerEphemeral(c, k.refusal(title, note, routeFix.ID(t), routeUse.ID(t), routeKeep.ID(t), false))
	}
	if target != 0 {
		return f.saveEdit(c, target, k)
	}
	return f.add(c, reviewChannel, form, k)
}

// answerEphemeral answers with msg, replacing the message pressed when it
// is one of the bot's ephemeral answers (a refused form being fixed), else
// as a new ephemeral message.
func answerEphemeral(c *bot.Ctx, msg *discordgo.InteractionResponseData) error {
	msg.Flags = discordgo.MessageFlagsEphemeral
	if c.I.Message != nil && c.I.Message.Flags&discordgo.MessageFlagsEphemeral != 0 {
		return c.Update(msg)
	}
	return c.Reply(msg)
}

// ephemeralText is a short ephemeral answer without embeds or buttons.
func ephemeralText(text string) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Content: bot.Truncate(text, bot.MaxContent), Flags: discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{}, Components: []discordgo.MessageComponent{}, AllowedMentions: &discordgo.MessageAllowedMentions{}}
}

// add stores a checked suggestion, posts it in reviewChannel and thanks
// its author.
func (f *Feature) add(c *bot.Ctx, reviewChannel string, form suggestForm, k *formCheck) error {
	sg, err := f.suggestions.Add(c, c.GuildID(), c.UserID(), k.q)
	if err != nil {
		if code := errs.CodeOf(err); code == errs.Invalid || code == errs.Conflict {
			// Over the pending limit, say: keep the text for later.
			if derr := f.suggestions.SaveDraft(c, form.draft(c.GuildID(), c.UserID(), 0)); derr != nil {
				return derr
			}
			return errs.E(code, "%s Your text is kept: `/suggest` opens it again as you left it.", errs.Message(err))
		}
		return err
	}
	if err := f.suggestions.DeleteDraft(c, c.GuildID(), c.UserID(), 0); err != nil {
		c.Log.Warn("could not delete the sent suggestion's draft", "suggestion", sg.ID, "err", err)
	}
	note := ""
	if k.defaulted {
		note = " I took the difficulty to be **medium**."
	}
	if len(k.near()) > 0 {
		note += " The moderators will see which names are new to the bank."
	}
	msg := suggestionMessage(sg, "", k.notes())
	m, err := f.env.Session.ChannelMessageSendComplex(reviewChannel, &discordgo.MessageSend{
		Embeds: msg.Embeds, Components: msg.Components, AllowedMentions: msg.AllowedMentions}, discordgo.WithContext(c))
	if err != nil {
		c.Log.Warn("could not post the suggestion for review", "suggestion", sg.ID, "err", err)
		return answerEphemeral(c, ephemeralText(fmt.Sprintf("Thanks! I saved your suggestion as #%d, but I could not post it in the review channel; moderators can still find it with `/bank review`.%s", sg.ID, note)))
	}
	if err := f.suggestions.SetMessage(c, c.GuildID(), sg.ID, m.ChannelID, m.ID); err != nil {
		return err
	}
	return answerEphemeral(c, ephemeralText(fmt.Sprintf("Thanks! Your suggestion #%d is waiting for review by the moderators; I'll send you a DM when it is decided.%s", sg.ID, note)))
}

// suggestionMessage renders a suggestion for the review channel: with
// Approve, Edit and Reject buttons while pending, with the outcome after.
// newNames lists the names approval would add to the bank.
func suggestionMessage(sg *store.Suggestion, outcome, newNames string) *discordgo.InteractionResponseData {
	q := sg.Question
	e := &discordgo.MessageEmbed{
		Title:       bot.Truncate(fmt.Sprintf("Suggestion #%d: %s", sg.ID, bot.EscapeText(q.Title)), bot.MaxTitle),
		Description: bot.DefuseMentions(q.Prompt),
		Color:       bot.DifficultyColor(q.Difficulty),
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Company", Value: bot.Truncate(bot.OrDash(bot.EscapeText(q.Company)), bot.MaxFieldValue), Inline: true},
			{Name: "Role", Value: bot.Truncate(bot.OrDash(bot.EscapeText(strings.Join(q.Roles, ", "))), bot.MaxFieldValue), Inline: true},
			{Name: "Category", Value: bot.Truncate(bot.OrDash(bot.EscapeText(q.Category)), bot.MaxFieldValue), Inline: true},
			{Name: "Difficulty", Value: bot.DifficultyLabel(q.Difficulty), Inline: true},
			{Name: "Suggested by", Value: "<@" + sg.AuthorID + ">", Inline: true},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "Status: " + sg.Status},
	}
	embeds := []*discordgo.MessageEmbed{e}
	if strings.TrimSpace(q.Solution) != "" {
		embeds = append(embeds, &discordgo.MessageEmbed{Title: "Suggested answer", Description: bot.DefuseMentions(q.Solution), Color: bot.DifficultyColor(q.Difficulty)})
	}
	if newNames != "" && sg.Status == store.SuggestionPending {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "New to this server's bank", Value: bot.Truncate(newNames, bot.MaxFieldValue)})
	}
	if outcome != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Outcome", Value: bot.Truncate(outcome, bot.MaxFieldValue)})
	}
	msg := &discordgo.InteractionResponseData{Embeds: embeds, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Components: []discordgo.MessageComponent{}}
	if sg.Status == store.SuggestionPending {
		n := strconv.FormatInt(sg.ID, 10)
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Approve", Style: discordgo.SuccessButton, CustomID: routeApprove.ID(n)},
			discordgo.Button{Label: "Edit", Style: discordgo.SecondaryButton, CustomID: routeEdit.ID(n)},
			discordgo.Button{Label: "Reject", Style: discordgo.DangerButton, CustomID: routeReject.ID(n)},
		}}}
	}
	return msg
}

// suggestionArg parses the suggestion number a button or modal carries.
func suggestionArg(c *bot.Ctx) (int64, error) {
	n, err := strconv.ParseInt(c.Var("suggestion"), 10, 64)
	if err != nil || n <= 0 {
		return 0, errs.E(errs.Invalid, "This button names no suggestion.")
	}
	return n, nil
}

// approve checks the suggestion again with today's bank and, when it
// passes, makes it a question of this server. A suggestion that would not
// pass as a new one is not approved: the moderator is told every problem;
// names close to known ones can be approved as written after a second
// press (routeApprove with names "keep").
func (f *Feature) approve(c *bot.Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	keepNames := c.Var("names") == "keep"
	sg, err := f.suggestions.Get(c, c.GuildID(), n)
	if err != nil {
		return err
	}
	if sg.Status != store.SuggestionPending {
		return errs.E(errs.Conflict, "Suggestion #%d was already %s.", n, sg.Status)
	}
	k, err := f.check(c, formOf(sg.Question))
	if err != nil {
		return err
	}
	if !k.ok(keepNames) {
		id := strconv.FormatInt(n, 10)
		return answerEphemeral(c, k.refusal(fmt.Sprintf("Suggestion #%d cannot be approved as it is", n),
			"Press **Edit** to change it; approving it as written adds it to the bank with these names.",
			routeEdit.ID(id), "", routeApprove.ID(id, "keep"), false))
	}
	if !sameQuestion(k.q, sg.Question) {
		// The bank's spelling of names the bank has ("acme" is Acme).
		if _, err := f.suggestions.Update(c, c.GuildID(), n, k.q); err != nil {
			return err
		}
	}
	sg, q, err := f.suggestions.Approve(c, c.GuildID(), n, c.UserID())
	if err != nil {
		return err
	}
	bot.RecordAudit(c, f.audit, "suggestion.approve", fmt.Sprintf("suggestion #%d %q approved as question %s", sg.ID, sg.Question.Title, q.ID))
	outcome := decidedOutcome(sg, c.UserID(), q.ID)
	if err := f.showOnReviewPost(c, sg, suggestionMessage(sg, outcome, ""), fmt.Sprintf("Approved: suggestion #%d is now question `%s`.", n, q.ID)); err != nil {
		return err
	}
	f.tellAuthor(c, sg, fmt.Sprintf("Good news: your suggestion **%s** was approved in %s. It is now question `%s`; try `/question search:%s`.",
		bot.Truncate(bot.EscapeText(sg.Question.Title), 400), f.guildName(c), q.ID, searchHint(sg.Question.Title)))
	return nil
}

// sameQuestion reports whether two suggestions hold the same fields.
func sameQuestion(a, b data.Question) bool {
	return formOf(a) == formOf(b)
}

// showOnReviewPost puts msg on sg's review post: as the answer when the
// button pressed is on that post, else by editing the post, answering the
// presser with said.
func (f *Feature) showOnReviewPost(c *bot.Ctx, sg *store.Suggestion, msg *discordgo.InteractionResponseData, said string) error {
	if c.I.Message != nil && c.I.Message.Flags&discordgo.MessageFlagsEphemeral == 0 {
		return c.Update(msg)
	}
	if sg.ReviewMessageID != "" {
		if err := f.editReviewPost(c, sg, msg); err != nil {
			c.Log.Warn("could not update the suggestion's review post", "suggestion", sg.ID, "err", err)
			said += " I could not update the review post."
		}
	}
	return answerEphemeral(c, ephemeralText(said))
}

func (f *Feature) reject(c *bot.Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	sg, err := f.suggestions.Reject(c, c.GuildID(), n, c.UserID())
	if err != nil {
		return err
	}
	bot.RecordAudit(c, f.audit, "suggestion.reject", fmt.Sprintf("suggestion #%d %q rejected", sg.ID, sg.Question.Title))
	if err := c.Update(suggestionMessage(sg, decidedOutcome(sg, c.UserID(), ""), "")); err != nil {
		return err
	}
	f.tellAuthor(c, sg, fmt.Sprintf("Your suggestion **%s** in %s was not added to the bank this time. Thank you for suggesting it!",
		bot.Truncate(bot.EscapeText(sg.Question.Title), 400), f.guildName(c)))
	return nil
}

// edit opens the suggestion's fields in a form for a moderator.
func (f *Feature) edit(c *bot.Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	sg, err := f.suggestions.Get(c, c.GuildID(), n)
	if err != nil {
		return err
	}
	if sg.Status != store.SuggestionPending {
		return errs.E(errs.Conflict, "Suggestion #%d was already %s.", n, sg.Status)
	}
	return c.Modal(routeEdit.ID(c.Var("suggestion")), bot.Truncate(fmt.Sprintf("Edit suggestion #%d", n), 45), suggestModal(formOf(sg.Question))...)
}

// editSubmit checks a moderator's edit like a new suggestion and saves it.
func (f *Feature) editSubmit(c *bot.Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	return f.send(c, n, formFromModal(c), false, false)
}

// saveEdit saves a checked edit of suggestion n and refreshes its review
// post.
func (f *Feature) saveEdit(c *bot.Ctx, n int64, k *formCheck) error {
	sg, err := f.suggestions.Update(c, c.GuildID(), n, k.q)
	if err != nil {
		return err
	}
	if err := f.suggestions.DeleteDraft(c, c.GuildID(), c.UserID(), n); err != nil {
		c.Log.Warn("could not delete the saved edit's draft", "suggestion", n, "err", err)
	}
	bot.RecordAudit(c, f.audit, "suggestion.edit", fmt.Sprintf("suggestion #%d %q edited", sg.ID, sg.Question.Title))
	msg := suggestionMessage(sg, fmt.Sprintf("✏️ Edited by <@%s>.", c.UserID()), k.notes())
	return f.showOnReviewPost(c, sg, msg, fmt.Sprintf("Saved your edit of suggestion #%d.", n))
}

// draftTarget reads the target of a refused form's button (0: a new
// suggestion) and loads the presser's kept form for it. Editing a
// suggestion needs Manage Server, as the review buttons do.
func (f *Feature) draftTarget(c *bot.Ctx) (int64, suggestForm, error) {
	if c.InDM() {
		return 0, suggestForm{}, errs.E(errs.Invalid, "Suggest questions from a server.")
	}
	target, err := strconv.ParseInt(c.Var("target"), 10, 64)
	if err != nil || target < 0 {
		return 0, suggestForm{}, errs.E(errs.Invalid, "This button names no suggestion.")
	}
	if target != 0 && !c.IsAdmin() {
		return 0, suggestForm{}, errs.E(errs.Invalid, "This needs the **Manage Server** permission in this server.")
	}
	d, err := f.suggestions.Draft(c, c.GuildID(), c.UserID(), target)
	if err != nil {
		return 0, suggestForm{}, err
	}
	return target, formOfDraft(d), nil
}

// fix reopens a refused form with everything as it was typed.
func (f *Feature) fix(c *bot.Ctx) error {
	target, form, err := f.draftTarget(c)
	if err != nil {
		return err
	}
	if target == 0 {
		return c.Modal(routeSuggest.ID(), "Suggest a question", suggestModal(form)...)
	}
	return c.Modal(routeEdit.ID(c.Var("target")), bot.Truncate(fmt.Sprintf("Edit suggestion #%d", target), 45), suggestModal(form)...)
}

// use sends a refused form with the bank's names for the names that were
// close to them.
func (f *Feature) use(c *bot.Ctx) error {
	target, form, err := f.draftTarget(c)
	if err != nil {
		return err
	}
	return f.send(c, target, form, true, false)
}

// keep sends a refused form with its new names as written.
func (f *Feature) keep(c *bot.Ctx) error {
	target, form, err := f.draftTarget(c)
	if err != nil {
		return err
	}
	return f.send(c, target, form, false, true)
}

// tellAuthor sends the author a DM; when their DMs are closed the
// moderator is told instead.
func (f *Feature) tellAuthor(c *bot.Ctx, sg *store.Suggestion, text string) {
	ch, err := f.env.Session.UserChannelCreate(sg.AuthorID, discordgo.WithContext(c))
	if err == nil {
		_, err = f.env.Session.ChannelMessageSendComplex(ch.ID, &discordgo.MessageSend{Content: bot.Truncate(text, bot.MaxContent),
			AllowedMentions: &discordgo.MessageAllowedMentions{}}, discordgo.WithContext(c))
	}
	if err != nil {
		c.Log.Info("could not DM the suggestion's author", "suggestion", sg.ID, "err", err)
		_ = c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
			Content:         fmt.Sprintf("I could not send <@%s> a DM about suggestion #%d (their DMs may be closed).", sg.AuthorID, sg.ID),
			AllowedMentions: &discordgo.MessageAllowedMentions{}})
	}
}

// searchHint is a title's first words for a /question search: shown in
// inline code. Only letters and digits count for search, and they are all
// it keeps, so no markup or mention can come through.
func searchHint(title string) string {
	words := strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return bot.Truncate(strings.Join(words[:min(len(words), 8)], " "), 60)
}

// guildName names the interaction's server for DMs.
func (f *Feature) guildName(c *bot.Ctx) string {
	if g, err := f.env.Session.State.Guild(c.GuildID()); err == nil && g.Name != "" {
		return "**" + bot.Truncate(bot.EscapeText(g.Name), 200) + "**"
	}
	return "the server"
}
