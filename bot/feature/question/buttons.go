package question

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// The buttons of a question (Solution, Discuss, Related) and the menu of
// a list of questions that opens one.

// questionArg loads the question a button names, as the clicking server sees it.
func (f *Feature) questionArg(c *bot.Ctx) (*store.Question, error) {
	id := c.Var("question")
	if id == "" {
		return nil, errs.E(errs.Invalid, "This button names no question. Run /question again.")
	}
	return f.questions.ByID(c, c.GuildID(), id)
}

// solution reveals the model answer to the member alone, in as many
// ephemeral messages as it needs; nothing is cut. In a server the last one
// carries the rating buttons (bot.RouteRate, handled by the review
// feature), labelled with the intervals of the member's card.
func (f *Feature) solution(c *bot.Ctx) error {
	q, err := f.questionArg(c)
	if err != nil {
		return err
	}
	return bot.ReplyRatedSolution(c, f.reviews, q, "", f.env.Now())
}

// related lists the question's related questions (and, to fill the list,
// others of the same company and category), with a menu to open one.
func (f *Feature) related(c *bot.Ctx) error {
	q, err := f.questionArg(c)
	if err != nil {
		return err
	}
	var list []*store.Question
	seen := map[string]bool{q.ID: true}
	for _, id := range q.Related {
		if r, err := f.questions.ByID(c, c.GuildID(), id); err == nil && !seen[r.ID] {
			seen[r.ID] = true
			list = append(list, r)
		}
	}
	if len(list) < 5 {
		more, err := f.questions.List(c, store.Filter{Scope: c.GuildID(), Company: q.Company, Category: q.Category}, 10, 0)
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
	return c.Reply(questionList(c, "Related to: "+bot.EscapeText(q.Title), list, "", 0))
}

// questionList renders questions as an ephemeral list with a menu that
// opens one. footer is shown under the list.
func questionList(c *bot.Ctx, title string, list []*store.Question, footer string, offset int) *discordgo.InteractionResponseData {
	var b strings.Builder
	opts := make([]discordgo.SelectMenuOption, 0, len(list))
	for i, q := range list {
		fmt.Fprintf(&b, "`%d.` **%s** · %s · %s", offset+i+1, bot.EscapeText(bot.Truncate(q.Title, 120)), bot.EscapeText(q.Company), bot.DifficultyLabel(q.Difficulty))
		if q.Round != "" {
			b.WriteString(" · " + bot.EscapeText(q.Round))
		}
		b.WriteString("\n")
		opts = append(opts, discordgo.SelectMenuOption{Label: bot.Truncate(fmt.Sprintf("%d. %s", offset+i+1, q.Title), 100), Value: q.ID,
			Description: bot.Truncate(q.Company+" · "+q.Difficulty+" · "+q.Category, 100)})
	}
	e := &discordgo.MessageEmbed{Title: bot.Truncate(title, bot.MaxTitle), Description: b.String(), Color: bot.BrandColor}
	if footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	return &discordgo.InteractionResponseData{
		Flags:  discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{e},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.SelectMenu{CustomID: routeOpen.ID(c.UserID()), Placeholder: "Open a question", Options: opts},
		}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}
}

// open shows the question chosen in a list's menu, to the member alone.
func (f *Feature) open(c *bot.Ctx) error {
	if c.Var("owner") != c.UserID() {
		return errs.E(errs.Invalid, "This list belongs to someone else; run /questions for your own.")
	}
	vals := c.Values()
	if len(vals) == 0 {
		return errs.E(errs.Invalid, "Choose a question in the menu.")
	}
	q, err := f.questions.ByID(c, c.GuildID(), vals[0])
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
	return f.history.MarkSeen(c, c.UserID(), c.GuildID(), q.Seq)
}

// discuss opens the question's discussion thread in this channel, or
// adds the member to the one opened before.
func (f *Feature) discuss(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Discussion threads are for servers.")
	}
	q, err := f.questionArg(c)
	if err != nil {
		return err
	}
	existing, err := f.questions.DiscussionThread(c, c.ChannelID(), q.ID)
	if err != nil {
		return err
	}
	if existing != "" {
		err := f.env.Session.ThreadMemberAdd(existing, c.UserID(), discordgo.WithContext(c))
		if err == nil {
			return c.ReplyEphemeral(fmt.Sprintf("You joined the discussion of this question: <#%s>", existing))
		}
		if !bot.IsRESTError(err, http.StatusNotFound, discordgo.ErrCodeUnknownChannel) {
			return err
		}
		// The thread was deleted: open a new one.
		if err := f.questions.ForgetDiscussionThread(c, c.ChannelID(), q.ID); err != nil {
			return err
		}
	}
	if c.I.Message == nil {
		return errs.E(errs.Invalid, "Run /question again and press Discuss on the question.")
	}
	name := bot.Truncate("Discuss: "+q.Title, 100)
	th, err := f.env.Session.MessageThreadStartComplex(c.ChannelID(), c.I.Message.ID, &discordgo.ThreadStart{
		Name: name, AutoArchiveDuration: 1440}, discordgo.WithContext(c))
	threadID := ""
	switch {
	case err == nil:
		threadID = th.ID
	case bot.IsRESTError(err, 0, discordgo.ErrCodeThreadAlreadyCreatedForThisMessage):
		threadID = c.I.Message.ID // a thread started on a message has the message's id
	case bot.IsRESTError(err, 0, discordgo.ErrCodeCannotExecuteActionOnThisChannelType):
		return errs.E(errs.Invalid, "Threads can't be opened here. Run /question in a text channel to discuss it.")
	case bot.IsRESTError(err, http.StatusForbidden, 0):
		return errs.E(errs.Invalid, "I'm not allowed to create threads in this channel. Ask an admin to give me **Create Public Threads** here.")
	default:
		return err
	}
	if err := f.questions.SetDiscussionThread(c, c.GuildID(), c.ChannelID(), q.ID, threadID); err != nil {
		return err
	}
	if err := f.env.Session.ThreadMemberAdd(threadID, c.UserID(), discordgo.WithContext(c)); err != nil {
		c.Log.Warn("could not add the member to the thread", "err", err)
	}
	return c.ReplyEphemeral(fmt.Sprintf("Discussion opened: <#%s>", threadID))
}
