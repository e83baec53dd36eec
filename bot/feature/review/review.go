// Package review is spaced review: /review serves a member the question of
// theirs most overdue for review in this server, and the rating buttons
// (Again, Hard, Good, Easy) schedule its next review with FSRS.
//
// A question is scheduled once it is rated: the rating buttons come under
// its Solution, here and in /question (which builds them with
// bot.RatingButtons; this feature handles bot.RouteRate). Reviews are kept
// per server and member, so /review and the ratings work in servers only.
//
// Its component routes are r1/rate (declared in the runtime) and
// r1/solution. It has no background work. It writes members' cards through
// store.Reviews and reads the bank through store.Questions.
package review

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/fsrs"
	"github.com/prepcord/prepcord/store"
)

// Feature is /review and the rating buttons.
type Feature struct {
	env       bot.Env
	reviews   *store.Reviews
	questions *store.Questions
}

var _ bot.Feature = (*Feature)(nil)

// New returns the feature. reviews keeps members' review cards; questions
// is the bank the questions are read from.
func New(env bot.Env, reviews *store.Reviews, questions *store.Questions) *Feature {
	return &Feature{env: env, reviews: reviews, questions: questions}
}

// routeSolution reveals the Solution of a question served by /review.
const routeSolution bot.Route = "r1/solution/{question}"

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	name := func(kind data.Kind, desc string) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: string(kind), Description: desc,
			Autocomplete: true}
	}
	return []*discordgo.ApplicationCommand{{
		Name: "review", Description: "Review the question you rated that is most overdue",
		Contexts:     &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild},
		DMPermission: bot.Ptr(false),
		Options: []*discordgo.ApplicationCommandOption{
			name(data.KindCompany, "Only questions of this company"),
			name(data.KindRole, "Only questions for this role"),
			name(data.KindCategory, "Only questions of this category"),
		},
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("review", f.review, bot.DeferEphemeral())
	r.Autocomplete("review", f.autocomplete)
	r.Component(routeSolution, f.solution, bot.DeferEphemeral())
	r.Component(bot.RouteRate, f.rate)
}

// filterKinds are the filters /review takes.
var filterKinds = []data.Kind{data.KindCompany, data.KindRole, data.KindCategory}

// autocomplete offers the bank's names of the focused filter, with counts.
func (f *Feature) autocomplete(c *bot.Ctx) error {
	if c.InDM() {
		return c.Choices(nil)
	}
	return bot.FilterChoices(c, f.questions, filterKinds)
}

func guildOnly(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Reviews are kept per server: use /review and the rating buttons in a server.")
	}
	return nil
}

// review shows the most overdue question due, or says when the next falls due.
func (f *Feature) review(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	now := f.env.Now()
	flt := store.Filter{Company: c.String("company"), Role: c.String("role"), Category: c.String("category")}
	for _, k := range filterKinds {
		if utf8.RuneCountInString(flt.Get(k)) > bot.MaxNameInput {
			return errs.E(errs.Invalid, "The %s is too long: names are at most %d characters.", k, bot.MaxNameInput)
		}
	}
	q, counts, err := f.reviews.DueFirst(c, c.GuildID(), c.UserID(), flt, now)
	if err != nil {
		return err
	}
	if q == nil {
		return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
			Content: f.nothingDue(c, flt, counts, now), AllowedMentions: &discordgo.MessageAllowedMentions{}})
	}
	e := bot.QuestionEmbed(q.Question)
	return c.Reply(&discordgo.InteractionResponseData{
		Content: "Due for review: " + countsLine(counts) + ". Answer it, open the Solution, then rate how it went.",
		Flags:   discordgo.MessageFlagsEphemeral,
		Embeds:  []*discordgo.MessageEmbed{e},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Solution", Style: discordgo.PrimaryButton, CustomID: routeSolution.ID(q.ID), Emoji: &discordgo.ComponentEmoji{Name: "💡"}},
		}}, f.ratingRow(c, q.ID, &q.Card)},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	})
}

// nothingDue says when the next review falls due, or how to start.
func (f *Feature) nothingDue(c *bot.Ctx, flt store.Filter, counts map[string]int, now time.Time) string {
	filtered := flt.Company != "" || flt.Role != "" || flt.Category != ""
	var b strings.Builder
	switch next, ok, err := f.reviews.NextDue(c, c.GuildID(), c.UserID(), now); {
	case err != nil:
		c.Log.Warn("next review", "err", err)
		b.WriteString("Nothing due for review.")
	case filtered && len(counts) > 0:
		b.WriteString("Nothing due matches those filters.")
	case ok:
		fmt.Fprintf(&b, "Nothing due — next in %s (<t:%d:R>).", days(now, next), next.Unix())
	default:
		b.WriteString("Nothing to review yet: rate questions after opening their Solution to start.")
	}
	if len(counts) > 0 {
		b.WriteString("\nDue: " + countsLine(counts))
	}
	return b.String()
}

// days says how long until t: "3 days", "1 day", "less than a day".
func days(now, t time.Time) string {
	switch n := int(t.Sub(now).Hours() / 24); n {
	case 0:
		return "less than a day"
	case 1:
		return "1 day"
	default:
		return fmt.Sprintf("%d days", n)
	}
}

// countsLine writes the due counts per category: "System Design 2 · SQL 1".
func countsLine(counts map[string]int) string {
	if len(counts) == 0 {
		return "nothing else"
	}
	names := make([]string, 0, len(counts))
	for k := range counts {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = fmt.Sprintf("%s %d", k, counts[k])
	}
	return strings.Join(parts, " · ")
}

// ratingRow is the rating buttons of a question, labelled with the
// intervals of the member's card (nil: not rated yet).
func (f *Feature) ratingRow(c *bot.Ctx, questionID string, card *fsrs.Card) discordgo.ActionsRow {
	return bot.CardRatingButtons(c, questionID, card, f.env.Now())
}

// solution reveals the Solution of a question /review served, with the
// rating buttons under it.
func (f *Feature) solution(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	q, err := f.questions.ByID(c, c.GuildID(), c.Var("question"))
	if err != nil {
		return err
	}
	return bot.ReplyRatedSolution(c, f.reviews, q, "", f.env.Now())
}

// rate records the member's rating of a question in this server and says,
// privately, when it comes back.
func (f *Feature) rate(c *bot.Ctx) error {
	if err := guildOnly(c); err != nil {
		return err
	}
	r, err := fsrs.ParseRating(c.Var("rating"))
	if err != nil {
		return errs.E(errs.Invalid, "This rating button is not one prepcord makes (Again, Hard, Good or Easy). Open the Solution again to rate.")
	}
	now := f.env.Now()
	before, err := f.reviews.Card(c, c.GuildID(), c.UserID(), c.Var("question"))
	if err != nil {
		return err
	}
	card, err := f.reviews.Rate(c, c.GuildID(), c.UserID(), c.Var("question"), r, now)
	if err != nil {
		return err
	}
	// A second rating the same day replaces the first (see Reviews.Rate):
	// the card then counts as many reviews as before.
	replaced := ""
	if before != nil && card.Reps == before.Reps {
		replaced = " This replaces your earlier rating of today."
	}
	return c.ReplyEphemeral(fmt.Sprintf("Rated %s.%s Scheduled: next review in %s (<t:%d:R>).", r, replaced, days(now, card.Due), card.Due.Unix()))
}
