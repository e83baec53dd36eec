package daily

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Private answers: the post's Answer button opens a form; the answer is
// stored, seen by nobody else, editable with the same button until the
// reveal, when the sweep posts every answer into the thread (reveal.go)
// with a Vote button.

const (
	// maxAnswer is the longest answer, Discord's limit on a text input.
	maxAnswer = 4000
	// inAnswer is the custom_id of the answer form's text input.
	inAnswer = "answer"
)

// answerForm is the Answer button: it opens the form, holding the member's
// current answer when they edit it; after the reveal it says answers are
// closed.
func (f *Feature) answerForm(c *bot.Ctx) error {
	p, err := f.openPost(c)
	if err != nil {
		return err
	}
	current := ""
	if a, err := f.answers.Mine(c, p.ID, c.UserID()); err != nil {
		return err
	} else if a != nil {
		current = a.Body
	}
	return c.Modal(routeAnswer.ID(strconv.FormatInt(p.ID, 10)), "Your answer to the question of "+p.LocalDate,
		discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: inAnswer, Label: "Only you see it until the reveal", Style: discordgo.TextInputParagraph,
			Placeholder: "Your approach, complexity, code…", Required: true, MinLength: 1, MaxLength: maxAnswer, Value: current,
		}}})
}

// openPost loads the post of an Answer button or form, refusing, with
// where to read them, answers to a post whose answers were revealed (or
// are due to be).
func (f *Feature) openPost(c *bot.Ctx) (*store.DailyPost, error) {
	p, err := f.postArg(c)
	if err != nil {
		return nil, err
	}
	at := f.revealTime(c, p)
	if p.RevealState == "" && f.env.Now().Before(at) {
		return p, nil
	}
	msg := fmt.Sprintf("Answers to the question of %s are closed: they were revealed <t:%d:R>", p.LocalDate, at.Unix())
	if p.ThreadID != "" {
		msg += " in the thread <#" + p.ThreadID + ">"
	}
	return nil, errs.E(errs.Invalid, "%s. Answer the newest daily question instead.", msg)
}

// answerSubmit stores the member's answer from the form, which counts for
// their streak like "I answered".
func (f *Feature) answerSubmit(c *bot.Ctx) error {
	p, err := f.openPost(c)
	if err != nil {
		return err
	}
	body, err := cleanAnswer(c.ModalValue(inAnswer))
	if err != nil {
		return err
	}
	now := f.env.Now()
	created, err := f.answers.Save(c, p.ID, c.UserID(), body, now.UnixMilli())
	if err != nil {
		return err
	}
	r, err := f.count(c, p, c.UserID())
	if err != nil {
		return err
	}
	msg := "✅ **Your answer is saved.** "
	if !created {
		msg = "✅ **Your answer is updated.** "
	}
	at := f.revealTime(c, p)
	msg += fmt.Sprintf("Nobody else sees it until the reveal <t:%d:R>, when every answer is posted in the post's thread and members vote for the best one. "+
		"Press **Answer** again to edit it until then.", at.Unix())
	if r.closedAt.IsZero() {
		msg += fmt.Sprintf("\nCounted for %s: current streak **%d** day%s (best %d).", p.LocalDate, r.streak.Current, bot.Plural(r.streak.Current), r.streak.Best)
	}
	return c.Reply(ephemeral(msg))
}

// cleanAnswer checks and tidies an answer: line breaks made "\n", tabs made
// spaces, other control and bidirectional-override characters removed,
// runs of blank lines shortened to one, and the ends trimmed. An empty
// answer, or one longer than maxAnswer, is refused.
func cleanAnswer(s string) (string, error) {
	s = strings.ToValidUTF8(s, "")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", "    ").Replace(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case unicode.IsControl(r), r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return -1
		}
		return r
	}, s)
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errs.E(errs.Invalid, "Your answer is empty: write your approach, then submit. Nothing was saved.")
	}
	if n := utf8.RuneCountInString(s); n > maxAnswer {
		return "", errs.E(errs.Invalid, "Your answer has %d characters; the most is %d. Nothing was saved.", n, maxAnswer)
	}
	return s, nil
}

// vote is an answer's Vote button in the thread: one vote per member and
// post, moved by voting for another answer and taken back by pressing the
// same one again; never for one's own answer; only in the post's server.
func (f *Feature) vote(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Votes are cast in the server of the question.")
	}
	id, err := strconv.ParseInt(c.Var("answer"), 10, 64)
	if err != nil {
		return errs.E(errs.Invalid, "This button is broken.")
	}
	a, err := f.answers.Get(c, id)
	if err != nil {
		return err
	}
	if a.GuildID != c.GuildID() {
		return errs.E(errs.Invalid, "This answer belongs to another server: only its members vote on it.")
	}
	r, err := f.answers.Vote(c, id, c.UserID(), f.env.Now().UnixMilli())
	if err != nil {
		return err
	}
	votes := fmt.Sprintf("it has **%d** vote%s", r.Votes, bot.Plural(r.Votes))
	var msg string
	switch {
	case r.Removed:
		msg = fmt.Sprintf("Your vote for <@%s>'s answer is taken back: %s. You can vote for any answer to this question.", a.UserID, votes)
	case r.Moved:
		msg = fmt.Sprintf("🗳️ Your vote moved to <@%s>'s answer: %s. (One vote per member and question; press again to take it back.)", a.UserID, votes)
	default:
		msg = fmt.Sprintf("🗳️ You voted for <@%s>'s answer: %s. (One vote per member and question; press again to take it back.)", a.UserID, votes)
	}
	return c.Reply(ephemeral(msg + fmt.Sprintf(" The best answer is chosen %s after the reveal.", durationWords(bestDelay))))
}

// durationWords writes a whole number of hours as "24 hours".
func durationWords(d time.Duration) string {
	h := int(d / time.Hour)
	return fmt.Sprintf("%d hour%s", h, bot.Plural(h))
}
