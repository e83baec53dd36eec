package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

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
// trio, it first asks which partner), filled in with earlier feedback so
// it can be edited until the thread is archived.
func (m *mockFeature) feedbackButton(c *Ctx) error {
	p, err := m.pairingFor(c)
	if err != nil {
		return err
	}
	if p.Archived {
		return errs.E(errs.Conflict, "This mock interview's thread is archived: its feedback can no longer be changed.")
	}
	if p.Status == store.PairingCancelled {
		return errs.E(errs.Conflict, "This mock interview was cancelled.")
	}
	receiver, ok := mockTarget(c, p)
	if !ok {
		if len(c.Args) > 1 {
			return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
		}
		return c.Reply(mockChooser("m1/feedback", p, c.UserID(), "Whom is your feedback for?"))
	}
	prev, err := m.b.Store.FeedbackOf(c, p.ID, c.UserID(), receiver)
	if err != nil {
		return err
	}
	val := func(f func(*store.Feedback) string) string {
		if prev == nil {
			return ""
		}
		return f(prev)
	}
	rating := func(id, label string, v func(*store.Feedback) int) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: id, Label: label, Style: discordgo.TextInputShort, Placeholder: "A number from 1 to 5",
			Required: true, MinLength: 1, MaxLength: 1, Value: val(func(f *store.Feedback) string { return strconv.Itoa(v(f)) }),
		}}}
	}
	text := func(id, label, placeholder string, v func(*store.Feedback) string) discordgo.MessageComponent {
		return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: id, Label: label, Style: discordgo.TextInputParagraph, Placeholder: placeholder,
			Required: false, MaxLength: store.MaxFeedbackText, Value: val(v),
		}}}
	}
	title := "Feedback for your partner"
	if prev != nil {
		title = "Edit your feedback"
	}
	return c.Modal(CustomID("m1/feedback", strconv.FormatInt(p.ID, 10), receiver), title,
		rating(fbCommunication, "Communication (1-5)", func(f *store.Feedback) int { return f.Communication }),
		rating(fbProblem, "Problem solving (1-5)", func(f *store.Feedback) int { return f.ProblemSolving }),
		rating(fbStructure, "Structure (1-5)", func(f *store.Feedback) int { return f.Structure }),
		text(fbWell, "What went well", "Specific moments: an explanation, a question you liked…", func(f *store.Feedback) string { return f.WentWell }),
		text(fbImprove, "What to improve", "One or two concrete things to practise", func(f *store.Feedback) string { return f.Improve }),
	)
}

// parseRating reads a 1-5 rating typed in the modal.
func parseRating(label, v string) (int, error) {
	v = strings.TrimSpace(v)
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 5 {
		return 0, errs.E(errs.Invalid, "%s must be a whole number from 1 to 5 (you typed %q). Press **Give feedback** again; your text is kept only once the ratings are valid.",
			label, Truncate(v, 10))
	}
	return n, nil
}

// feedbackSubmit stores the feedback and posts it to the partner in the
// thread (editing the earlier post when feedback is edited).
func (m *mockFeature) feedbackSubmit(c *Ctx) error {
	if len(c.Args) < 2 {
		return errs.E(errs.Invalid, "This form names no partner; press **Give feedback** again.")
	}
	p, err := m.pairingFor(c)
	if err != nil {
		return err
	}
	receiver, ok := mockTarget(c, p)
	if !ok {
		return errs.E(errs.Invalid, "That member is not your partner in this mock interview.")
	}
	f := store.Feedback{PairingID: p.ID, GiverID: c.UserID(), ReceiverID: receiver,
		WentWell: strings.TrimSpace(c.ModalValue(fbWell)), Improve: strings.TrimSpace(c.ModalValue(fbImprove))}
	if f.Communication, err = parseRating("Communication", c.ModalValue(fbCommunication)); err != nil {
		return err
	}
	if f.ProblemSolving, err = parseRating("Problem solving", c.ModalValue(fbProblem)); err != nil {
		return err
	}
	if f.Structure, err = parseRating("Structure", c.ModalValue(fbStructure)); err != nil {
		return err
	}
	created, err := m.b.Store.SaveFeedback(c, f)
	if err != nil {
		return err
	}
	saved, err := m.b.Store.FeedbackOf(c, p.ID, f.GiverID, f.ReceiverID)
	if err != nil || saved == nil {
		return fmt.Errorf("reading saved feedback: %v", err)
	}
	posted := m.postFeedback(c, p, saved)
	text := "Thank you! Your feedback is saved"
	if !created {
		text = "Your feedback is updated"
	}
	if posted {
		text += " and shown to your partner in the thread."
	} else {
		text += "; your partner sees it in `/profile` (I could not post it in the thread)."
	}
	return c.ReplyEphemeral(text)
}

// postFeedback shows a feedback to its receiver in the pairing's thread,
// editing the earlier post when there is one.
func (m *mockFeature) postFeedback(c *Ctx, p *store.Pairing, f *store.Feedback) bool {
	if p.ThreadID == "" {
		return false
	}
	e := feedbackEmbed(f)
	content := fmt.Sprintf("📝 <@%s>, feedback for you from <@%s>:", f.ReceiverID, f.GiverID)
	mentions := &discordgo.MessageAllowedMentions{Users: []string{f.ReceiverID}}
	if f.MessageID != "" {
		embeds := []*discordgo.MessageEmbed{e}
		edited := content + " *(edited)*"
		_, err := m.b.Session.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: f.MessageID, Channel: p.ThreadID,
			Content: &edited, Embeds: &embeds, AllowedMentions: mentions}, discordgo.WithContext(c))
		if err == nil {
			return true
		}
		m.b.Log.Warn("mock: editing a feedback post", "pairing", p.ID, "err", err)
	}
	msg, err := m.b.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{Content: content,
		Embeds: []*discordgo.MessageEmbed{e}, AllowedMentions: mentions}, discordgo.WithContext(c))
	if err != nil {
		m.b.Log.Warn("mock: posting feedback", "pairing", p.ID, "err", err)
		return false
	}
	if err := m.b.Store.SetFeedbackMessage(c, p.ID, f.GiverID, f.ReceiverID, msg.ID); err != nil {
		m.b.Log.Warn("mock: recording the feedback post", "pairing", p.ID, "err", err)
	}
	return true
}

// feedbackEmbed renders a feedback: the ratings and the two texts exactly
// as written (each at most 1000 characters, within a field's 1024).
func feedbackEmbed(f *store.Feedback) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{Title: "Mock interview feedback", Color: BrandColor,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Communication", Value: mockRating(f.Communication), Inline: true},
			{Name: "Problem solving", Value: mockRating(f.ProblemSolving), Inline: true},
			{Name: "Structure", Value: mockRating(f.Structure), Inline: true},
		}}
	e.Fields = append(e.Fields, mockTextFields(f.WentWell, f.Improve)...)
	return e
}

func mockRating(n int) string {
	return fmt.Sprintf("%d / 5 %s%s", n, strings.Repeat("★", n), strings.Repeat("☆", 5-n))
}
