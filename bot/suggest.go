package bot

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// suggestFeature is /suggest: a modal whose answer becomes a pending
// suggestion in the server's review channel, where members with Manage
// Server approve, edit or reject it. An approved suggestion becomes a
// question of that server, credited to its author, who is told the outcome.
type suggestFeature struct{ b *Bot }

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

func (f *suggestFeature) commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name: "suggest", Description: "Suggest a question for this server's bank",
		Contexts: &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}, DMPermission: ptr(false),
	}}
}

func (f *suggestFeature) routes(r *Router) {
	r.Command("suggest", f.suggest)
	r.Modal("s1/suggest", f.submit, DeferEphemeral())
	r.Component("s1/approve", f.approve, Admin())
	r.Component("s1/reject", f.reject, Admin())
	r.Component("s1/edit", f.edit, Admin())
	r.Modal("s1/edit", f.editSubmit, Admin())
}

// suggestModal builds the form, prefilled from q when editing.
func suggestModal(q data.Question) []discordgo.MessageComponent {
	companyRole := q.Company
	if len(q.Roles) > 0 {
		companyRole += " / " + strings.Join(q.Roles, ", ")
	}
	catDiff := q.Category
	if q.Difficulty != "" {
		catDiff += " / " + q.Difficulty
	}
	row := func(ti discordgo.TextInput) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{ti}}
	}
	return []discordgo.MessageComponent{
		row(discordgo.TextInput{CustomID: inTitle, Label: "Title", Style: discordgo.TextInputShort, Required: true,
			MaxLength: data.MaxTitleLen, Value: q.Title, Placeholder: "Design a rate limiter"}),
		row(discordgo.TextInput{CustomID: inCompany, Label: "Company / role", Style: discordgo.TextInputShort, Required: true,
			MaxLength: 200, Value: companyRole, Placeholder: "TikTok / Software Engineer"}),
		row(discordgo.TextInput{CustomID: inCategory, Label: "Category / difficulty (easy, medium, hard)", Style: discordgo.TextInputShort,
			Required: true, MaxLength: 100, Value: catDiff, Placeholder: "System Design / medium"}),
		row(discordgo.TextInput{CustomID: inPrompt, Label: "The question, as the interviewer asks it", Style: discordgo.TextInputParagraph,
			Required: true, MaxLength: maxSuggestPrompt, Value: q.Prompt}),
		row(discordgo.TextInput{CustomID: inAnswer, Label: "A good answer (optional)", Style: discordgo.TextInputParagraph,
			Required: false, MaxLength: maxSuggestAnswer, Value: q.Solution}),
	}
}

// questionFromModal reads the form. A missing difficulty means medium,
// which the returned note says.
func questionFromModal(c *Ctx) (q data.Question, note string) {
	q.Title = c.ModalValue(inTitle)
	company, roles, _ := cutAny(c.ModalValue(inCompany), "/|")
	q.Company = strings.TrimSpace(company)
	q.Roles = []string{}
	for _, r := range strings.FieldsFunc(roles, func(r rune) bool { return r == ',' || r == ';' }) {
		if r = strings.TrimSpace(r); r != "" {
			q.Roles = append(q.Roles, r)
		}
	}
	q.Category, q.Difficulty = splitDifficulty(c.ModalValue(inCategory))
	if q.Difficulty == "" {
		q.Difficulty = "medium"
		note = " I took the difficulty to be **medium**."
	}
	q.Prompt = c.ModalValue(inPrompt)
	q.Solution = c.ModalValue(inAnswer)
	return q, note
}

// cutAny cuts s around the first of the separator characters.
func cutAny(s, seps string) (before, after string, found bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// splitDifficulty splits "System Design / medium" (or "System Design,
// hard", "SQL hard") into category and difficulty; the difficulty is ""
// when the text does not end with one.
func splitDifficulty(s string) (category, difficulty string) {
	s = strings.TrimSpace(s)
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '/' || r == ',' || r == '|' || r == '-' || r == '·' })
	if len(fields) == 0 {
		return s, ""
	}
	last := strings.ToLower(fields[len(fields)-1])
	for _, d := range data.Difficulties {
		if last == d {
			i := strings.LastIndex(strings.ToLower(s), d)
			return strings.TrimRight(strings.TrimSpace(s[:i]), " /,|-·"), d
		}
	}
	return s, ""
}

// suggest opens the form, after checking that the server reviews
// suggestions and the member may add one.
func (f *suggestFeature) suggest(c *Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Suggest questions from a server: each server keeps its own bank.")
	}
	st, err := f.b.Store.BankSettings(c, c.GuildID())
	if err != nil {
		return err
	}
	if st.ReviewChannelID == "" {
		return errs.E(errs.Invalid, "This server does not take suggestions yet: an admin has to choose a review channel with `/bank review channel:#channel`.")
	}
	n, err := f.b.Store.PendingCount(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if n >= st.PendingLimit {
		return errs.E(errs.Conflict, "You already have %d suggestions awaiting review here (the limit is %d). Please wait until a moderator reviews them.", n, st.PendingLimit)
	}
	return c.Modal("s1/suggest", "Suggest a question", suggestModal(data.Question{})...)
}

// submit stores the suggestion and posts it for review.
func (f *suggestFeature) submit(c *Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Suggest questions from a server.")
	}
	st, err := f.b.Store.BankSettings(c, c.GuildID())
	if err != nil {
		return err
	}
	if st.ReviewChannelID == "" {
		return errs.E(errs.Invalid, "This server stopped taking suggestions: it has no review channel.")
	}
	q, note := questionFromModal(c)
	sg, err := f.b.Store.AddSuggestion(c, c.GuildID(), c.UserID(), q)
	if err != nil {
		return err
	}
	msg := suggestionMessage(sg, "")
	m, err := f.b.Session.ChannelMessageSendComplex(st.ReviewChannelID, &discordgo.MessageSend{
		Embeds: msg.Embeds, Components: msg.Components, AllowedMentions: msg.AllowedMentions}, discordgo.WithContext(c))
	if err != nil {
		c.Log.Warn("could not post the suggestion for review", "suggestion", sg.ID, "err", err)
		return c.ReplyEphemeral(fmt.Sprintf("Thanks! I saved your suggestion as #%d, but I could not post it in the review channel; moderators can still find it with `/bank review`.%s", sg.ID, note))
	}
	if err := f.b.Store.SetSuggestionMessage(c, c.GuildID(), sg.ID, m.ChannelID, m.ID); err != nil {
		return err
	}
	return c.ReplyEphemeral(fmt.Sprintf("Thanks! Your suggestion #%d is waiting for review by the moderators; I'll send you a DM when it is decided.%s", sg.ID, note))
}

// suggestionMessage renders a suggestion for the review channel: with
// Approve, Edit and Reject buttons while pending, with the outcome after.
func suggestionMessage(sg *store.Suggestion, outcome string) *discordgo.InteractionResponseData {
	q := sg.Question
	e := &discordgo.MessageEmbed{
		Title:       Truncate(fmt.Sprintf("Suggestion #%d: %s", sg.ID, escapeText(q.Title)), maxTitle),
		Description: defuseMentions(q.Prompt),
		Color:       DifficultyColor(q.Difficulty),
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Company", Value: Truncate(orDash(escapeText(q.Company)), maxFieldValue), Inline: true},
			{Name: "Role", Value: Truncate(orDash(escapeText(strings.Join(q.Roles, ", "))), maxFieldValue), Inline: true},
			{Name: "Category", Value: Truncate(orDash(escapeText(q.Category)), maxFieldValue), Inline: true},
			{Name: "Difficulty", Value: difficultyLabel(q.Difficulty), Inline: true},
			{Name: "Suggested by", Value: "<@" + sg.AuthorID + ">", Inline: true},
		},
		Footer: &discordgo.MessageEmbedFooter{Text: "Status: " + sg.Status},
	}
	embeds := []*discordgo.MessageEmbed{e}
	if strings.TrimSpace(q.Solution) != "" {
		embeds = append(embeds, &discordgo.MessageEmbed{Title: "Suggested answer", Description: defuseMentions(q.Solution), Color: DifficultyColor(q.Difficulty)})
	}
	if outcome != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Outcome", Value: Truncate(outcome, maxFieldValue)})
	}
	msg := &discordgo.InteractionResponseData{Embeds: embeds, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Components: []discordgo.MessageComponent{}}
	if sg.Status == store.SuggestionPending {
		n := strconv.FormatInt(sg.ID, 10)
		msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Approve", Style: discordgo.SuccessButton, CustomID: CustomID("s1/approve", n)},
			discordgo.Button{Label: "Edit", Style: discordgo.SecondaryButton, CustomID: CustomID("s1/edit", n)},
			discordgo.Button{Label: "Reject", Style: discordgo.DangerButton, CustomID: CustomID("s1/reject", n)},
		}}}
	}
	return msg
}

// suggestionArg parses the suggestion number a button or modal carries.
func suggestionArg(c *Ctx) (int64, error) {
	if len(c.Args) < 1 {
		return 0, errs.E(errs.Invalid, "This button names no suggestion.")
	}
	n, err := strconv.ParseInt(c.Args[0], 10, 64)
	if err != nil || n <= 0 {
		return 0, errs.E(errs.Invalid, "This button names no suggestion.")
	}
	return n, nil
}

func (f *suggestFeature) approve(c *Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	sg, q, err := f.b.Store.ApproveSuggestion(c, c.GuildID(), n, c.UserID())
	if err != nil {
		return err
	}
	if err := c.Update(suggestionMessage(sg, fmt.Sprintf("✅ Approved by <@%s>: now question `%s` of this server.", c.UserID(), q.ID))); err != nil {
		return err
	}
	f.tellAuthor(c, sg, fmt.Sprintf("Good news: your suggestion **%s** was approved in %s. It is now question `%s`; try `/question search:%s`.",
		Truncate(escapeText(sg.Question.Title), 400), f.guildName(c), q.ID, searchHint(sg.Question.Title)))
	return nil
}

func (f *suggestFeature) reject(c *Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	sg, err := f.b.Store.RejectSuggestion(c, c.GuildID(), n, c.UserID())
	if err != nil {
		return err
	}
	if err := c.Update(suggestionMessage(sg, fmt.Sprintf("❌ Rejected by <@%s>.", c.UserID()))); err != nil {
		return err
	}
	f.tellAuthor(c, sg, fmt.Sprintf("Your suggestion **%s** in %s was not added to the bank this time. Thank you for suggesting it!",
		Truncate(escapeText(sg.Question.Title), 400), f.guildName(c)))
	return nil
}

// edit opens the suggestion's fields in a form for a moderator.
func (f *suggestFeature) edit(c *Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	sg, err := f.b.Store.GetSuggestion(c, c.GuildID(), n)
	if err != nil {
		return err
	}
	if sg.Status != store.SuggestionPending {
		return errs.E(errs.Conflict, "Suggestion #%d was already %s.", n, sg.Status)
	}
	return c.Modal(CustomID("s1/edit", c.Args[0]), Truncate(fmt.Sprintf("Edit suggestion #%d", n), 45), suggestModal(sg.Question)...)
}

// editSubmit saves a moderator's edit and refreshes the review message.
func (f *suggestFeature) editSubmit(c *Ctx) error {
	n, err := suggestionArg(c)
	if err != nil {
		return err
	}
	q, _ := questionFromModal(c)
	sg, err := f.b.Store.UpdateSuggestion(c, c.GuildID(), n, q)
	if err != nil {
		return err
	}
	msg := suggestionMessage(sg, fmt.Sprintf("✏️ Edited by <@%s>.", c.UserID()))
	if c.I.Message != nil {
		return c.Update(msg)
	}
	msg.Flags = discordgo.MessageFlagsEphemeral
	return c.Reply(msg)
}

// tellAuthor sends the author a DM; when their DMs are closed the
// moderator is told instead.
func (f *suggestFeature) tellAuthor(c *Ctx, sg *store.Suggestion, text string) {
	ch, err := f.b.Session.UserChannelCreate(sg.AuthorID, discordgo.WithContext(c))
	if err == nil {
		_, err = f.b.Session.ChannelMessageSendComplex(ch.ID, &discordgo.MessageSend{Content: Truncate(text, maxContent),
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
	return Truncate(strings.Join(words[:min(len(words), 8)], " "), 60)
}

// guildName names the interaction's server for DMs.
func (f *suggestFeature) guildName(c *Ctx) string {
	if g, err := f.b.Session.State.Guild(c.GuildID()); err == nil && g.Name != "" {
		return "**" + Truncate(escapeText(g.Name), 200) + "**"
	}
	return "the server"
}
