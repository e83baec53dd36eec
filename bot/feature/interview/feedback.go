package interview

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Text input custom_ids of the feedback modal.
const (
	fbCommunication = "communication"
	fbProblem       = "problem-solving"
	fbStructure     = "structure"
	fbWell          = "went-well"
	fbImprove       = "improve"
)

// feedbackButton opens the feedback modal for the caller's partner (in a
// trio, it first asks which partner), filled in with what the caller typed
// in a form that had problems, else with earlier feedback so it can be
// edited until the thread is archived.
func (f *Feature) feedbackButton(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	if p.Archived {
		return errs.E(errs.Conflict, "This mock interview's thread is archived: its feedback can no longer be changed.")
	}
	if p.Status == store.PairingCancelled {
		return errs.E(errs.Conflict, "This mock interview was cancelled.")
	}
	receiver, ok := chosenPartner(c, p)
	if !ok {
		if c.Var("partner") != "" {
			return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
		}
		if len(p.Partners(c.UserID())) == 0 {
			return errs.E(errs.Conflict, "Your partner was reported as not coming, so there is no session to give feedback on.")
		}
		return c.Reply(chooser(routeFeedback, p, c.UserID(), "Whom is your feedback for?"))
	}
	// The form holds the latest draft, else the saved feedback, as typed.
	var form store.FeedbackDraft
	title := "Feedback for your partner"
	draft, err := f.feedback.DraftOf(c, p.ID, c.UserID(), receiver)
	if err != nil {
		return err
	}
	if draft != nil {
		form, title = *draft, "Fix your feedback"
	} else {
		prev, err := f.feedback.Of(c, p.ID, c.UserID(), receiver)
		if err != nil {
			return err
		}
		if prev != nil {
			form = store.FeedbackDraft{Communication: strconv.Itoa(prev.Communication), ProblemSolving: strconv.Itoa(prev.ProblemSolving),
				Structure: strconv.Itoa(prev.Structure), WentWell: prev.WentWell, Improve: prev.Improve}
			title = "Edit your feedback"
		}
	}
	ratingInput := func(id, label, v string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: id, Label: label, Style: discordgo.TextInputShort, Placeholder: "A number from 1 to 5",
			Required: true, MinLength: 1, MaxLength: store.MaxDraftRating, Value: v,
		}}}
	}
	textInput := func(id, label, placeholder, v string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: id, Label: label, Style: discordgo.TextInputParagraph, Placeholder: placeholder,
			Required: false, MaxLength: store.MaxFeedbackText, Value: v,
		}}}
	}
	return c.Modal(routeFeedbackForm.ID(strconv.FormatInt(p.ID, 10), receiver), title,
		ratingInput(fbCommunication, "Communication (1-5)", form.Communication),
		ratingInput(fbProblem, "Problem solving (1-5)", form.ProblemSolving),
		ratingInput(fbStructure, "Structure (1-5)", form.Structure),
		textInput(fbWell, "What went well", "Specific moments: an explanation, a question you liked…", form.WentWell),
		textInput(fbImprove, "What to improve", "One or two concrete things to practise", form.Improve),
	)
}

// feedbackProblems checks every field of a submitted feedback form: it
// returns the feedback and one line per problem (none when it is valid).
func feedbackProblems(d store.FeedbackDraft) (store.Feedback, []string) {
	f := store.Feedback{PairingID: d.PairingID, GiverID: d.GiverID, ReceiverID: d.ReceiverID,
		WentWell: strings.TrimSpace(d.WentWell), Improve: strings.TrimSpace(d.Improve)}
	var problems []string
	for _, r := range []struct {
		label, typed string
		into         *int
	}{{"Communication", d.Communication, &f.Communication}, {"Problem solving", d.ProblemSolving, &f.ProblemSolving},
		{"Structure", d.Structure, &f.Structure}} {
		v := strings.TrimSpace(r.typed)
		n, err := strconv.Atoi(v)
		switch {
		case v == "":
			problems = append(problems, fmt.Sprintf("**%s** is empty: give a whole number from 1 to 5.", r.label))
		case err != nil || n < 1 || n > 5:
			problems = append(problems, fmt.Sprintf("**%s** must be a whole number from 1 to 5 (you typed `%s`).", r.label,
				strings.ReplaceAll(bot.Truncate(v, 10), "`", "'")))
		default:
			*r.into = n
		}
	}
	for _, t := range []struct{ label, v string }{{"What went well", f.WentWell}, {"What to improve", f.Improve}} {
		if n := utf8.RuneCountInString(t.v); n > store.MaxFeedbackText {
			problems = append(problems, fmt.Sprintf("**%s** is %d characters long; the limit is %d.", t.label, n, store.MaxFeedbackText))
		}
	}
	return f, problems
}

// feedbackRetry answers a feedback form that had problems: every problem
// at once, and a button that reopens the form filled in with what was
// typed (kept as a draft).
func feedbackRetry(p *store.Pairing, receiver string, problems []string) *discordgo.InteractionResponseData {
	msg := bot.ErrorMessage(fmt.Sprintf("Your feedback is not saved yet. Please fix:\n• %s\n\nEverything you typed is kept: press **Fix my feedback** to reopen the form filled in.",
		strings.Join(problems, "\n• ")))
	msg.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Fix my feedback", Style: discordgo.PrimaryButton, CustomID: routeFeedback.ID(strconv.FormatInt(p.ID, 10), receiver)},
	}}}
	return msg
}

// feedbackSubmit stores the feedback, sends its text to the receiver
// alone by DM (editing the earlier DM when feedback is edited), and notes
// in the thread only that it was given.
func (f *Feature) feedbackSubmit(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	receiver, ok := chosenPartner(c, p)
	if !ok {
		return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
	}
	typed := store.FeedbackDraft{PairingID: p.ID, GiverID: c.UserID(), ReceiverID: receiver,
		Communication: c.ModalValue(fbCommunication), ProblemSolving: c.ModalValue(fbProblem), Structure: c.ModalValue(fbStructure),
		WentWell: c.ModalValue(fbWell), Improve: c.ModalValue(fbImprove)}
	fb, problems := feedbackProblems(typed)
	if len(problems) > 0 {
		if err := f.feedback.SaveDraft(c, typed); err != nil {
			return err
		}
		return c.Reply(feedbackRetry(p, receiver, problems))
	}
	created, err := f.feedback.Save(c, fb)
	if err != nil {
		return err
	}
	saved, err := f.feedback.Of(c, p.ID, fb.GiverID, fb.ReceiverID)
	if err != nil || saved == nil {
		return fmt.Errorf("reading saved feedback: %v", err)
	}
	sent := f.sendFeedback(c, p, saved)
	f.noteFeedback(c, p, saved, sent)
	text := "Thank you! Your feedback is saved"
	if !created {
		text = "Your feedback is updated"
	}
	if sent {
		text += fmt.Sprintf(" and sent to <@%s> by direct message. Only they can read it (also in their `/profile`); the thread shows only that you gave feedback.", fb.ReceiverID)
	} else {
		text += fmt.Sprintf(". <@%s> does not accept direct messages, so they read it in their `/profile`; nobody else can. The thread shows only that you gave feedback.", fb.ReceiverID)
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Content: text,
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

// sendFeedback delivers a feedback's text to its receiver, and only to
// them, by direct message: it edits the earlier message when the feedback
// was edited. It reports false when their DMs are closed (they still read
// it in /profile).
func (f *Feature) sendFeedback(c *bot.Ctx, p *store.Pairing, fb *store.Feedback) bool {
	content := fmt.Sprintf("📝 Feedback for you from <@%s> on your **%s** mock interview in %s (only you can read it; it is also in your `/profile` there):",
		fb.GiverID, topicOf(p.Topic).Name, f.guildName(p.GuildID))
	embeds := []*discordgo.MessageEmbed{feedbackEmbed(fb)}
	none := &discordgo.MessageAllowedMentions{}
	if fb.DMMessageID != "" {
		if ch, err := f.env.Session.UserChannelCreate(fb.ReceiverID, discordgo.WithContext(c)); err == nil {
			edited := content + " *(edited)*"
			if _, err := f.env.Session.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: fb.DMMessageID, Channel: ch.ID,
				Content: &edited, Embeds: &embeds, AllowedMentions: none}, discordgo.WithContext(c)); err == nil {
				return true
			}
		}
	}
	msg, err := f.sendDM(c, fb.ReceiverID, &discordgo.MessageSend{Content: content, Embeds: embeds, AllowedMentions: none})
	if err != nil {
		f.env.Log.Info("mock: could not DM feedback to its receiver; it is in their /profile", "pairing", p.ID, "err", err)
		return false
	}
	if err := f.feedback.SetDM(c, p.ID, fb.GiverID, fb.ReceiverID, msg.ID); err != nil {
		f.env.Log.Warn("mock: recording the feedback DM", "pairing", p.ID, "err", err)
	}
	return true
}

// noteFeedback says in the pairing's thread that a feedback was given,
// without any of its content: every member of the thread (three in a
// trio) reads it. A note from before feedback went by DM, which held the
// text, is replaced by the note.
func (f *Feature) noteFeedback(c *bot.Ctx, p *store.Pairing, fb *store.Feedback, sent bool) {
	if p.ThreadID == "" {
		return
	}
	where := "in their DMs and `/profile`"
	if !sent {
		where = "in their `/profile`"
	}
	content := fmt.Sprintf("📝 <@%s> gave <@%s> feedback: it is %s, and only they can read it.", fb.GiverID, fb.ReceiverID, where)
	allowed := &discordgo.MessageAllowedMentions{Users: []string{fb.ReceiverID}}
	if fb.MessageID != "" {
		embeds := []*discordgo.MessageEmbed{}
		_, err := f.env.Session.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: fb.MessageID, Channel: p.ThreadID,
			Content: &content, Embeds: &embeds, AllowedMentions: allowed}, discordgo.WithContext(c))
		if err == nil {
			return
		}
		f.env.Log.Warn("mock: editing a feedback note", "pairing", p.ID, "err", err)
	}
	msg, err := f.env.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{Content: content, AllowedMentions: allowed},
		discordgo.WithContext(c))
	if err != nil {
		f.env.Log.Warn("mock: posting a feedback note", "pairing", p.ID, "err", err)
		return
	}
	if err := f.feedback.SetMessage(c, p.ID, fb.GiverID, fb.ReceiverID, msg.ID); err != nil {
		f.env.Log.Warn("mock: recording the feedback note", "pairing", p.ID, "err", err)
	}
}

// feedbackEmbed renders a feedback: the ratings and the two texts exactly
// as written (each at most 1000 characters, within a field's 1024).
func feedbackEmbed(f *store.Feedback) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: "Mock interview feedback", Color: bot.BrandColor,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Communication", Value: rating(f.Communication), Inline: true},
			{Name: "Problem solving", Value: rating(f.ProblemSolving), Inline: true},
			{Name: "Structure", Value: rating(f.Structure), Inline: true},
		}}
	e.Fields = append(e.Fields, textFields(f.WentWell, f.Improve)...)
	return e
}

// rating renders a rating given: "4 / 5 ★★★★☆".
func rating(n int) string {
	return fmt.Sprintf("%d / 5 %s%s", n, strings.Repeat("★", n), strings.Repeat("☆", 5-n))
}
