// Package question is /question and /questions, prepcord's way into the
// question bank.
//
// /question gives a member one question they have not seen, matching the
// filters they chose (company, role, category, round, difficulty, words to
// search), with buttons: Solution (the model answer, to them alone, with
// the spaced-review rating buttons of bot.RouteRate in a server),
// Another (a new question with the same filters), Discuss (a thread on the
// question in this channel, one per question and channel) and Related.
// /questions browses the matching questions, ten a page, with a menu that
// opens one. Both explain an empty result: a name the bank does not know
// (with did-you-mean buttons), or the filter that left nothing (with the
// nearest filters that have questions).
//
// Its component routes are q1/solution, q1/another, q1/discuss,
// q1/related, q1/open and q1/page. It has no background work. It stores,
// through store.History, which questions each member was shown (so that
// /question does not repeat itself) and filters too long for a custom_id
// (the daily scheduler's sweep deletes those past their lifetime); through
// store.Questions, the discussion thread of each question and channel.
package question

import (
	"context"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Feature is /question and /questions.
type Feature struct {
	env       bot.Env
	questions *store.Questions
	history   *store.History
	reviews   *store.Reviews
	users     userLocks
}

var _ bot.Feature = (*Feature)(nil)

// New returns the feature. questions is the bank; history records what
// members were shown and the filters saved for long custom_ids; reviews
// (read only) gives the member's review card of a question, whose intervals
// label the rating buttons under its Solution.
func New(env bot.Env, questions *store.Questions, history *store.History, reviews *store.Reviews) *Feature {
	return &Feature{env: env, questions: questions, history: history, reviews: reviews}
}

// The component routes. Another and page carry a filter after their
// other arguments (filterCustomID): six keys, or one ~token for a filter
// too long for a custom_id; they name no arguments, so the router passes
// either length on and the handlers read c.Args.
const (
	routeSolution bot.Route = "q1/solution/{question}"
	routeAnother  bot.Route = "q1/another"
	routeDiscuss  bot.Route = "q1/discuss/{question}"
	routeRelated  bot.Route = "q1/related/{question}"
	routeOpen     bot.Route = "q1/open/{owner}"
	routePage     bot.Route = "q1/page" // {owner}/{page}/filter...
)

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
		name(data.KindLevel, "Level the question is asked at, e.g. new grad"),
		{Type: discordgo.ApplicationCommandOptionString, Name: "difficulty", Description: "How hard",
			Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "Easy", Value: "easy"}, {Name: "Medium", Value: "medium"}, {Name: "Hard", Value: "hard"}}},
		{Type: discordgo.ApplicationCommandOptionString, Name: "search", Description: "Words in the title, prompt or tags"},
	}
}

func everywhere() *[]discordgo.InteractionContextType {
	return &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
}

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{Name: "question", Description: "Get an interview question you have not seen yet", Options: filterOptions(),
			Contexts: everywhere(), DMPermission: bot.Ptr(true)},
		{Name: "questions", Description: "Browse the question bank, 10 a page", Options: filterOptions(),
			Contexts: everywhere(), DMPermission: bot.Ptr(true)},
	}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("question", f.question)
	r.Command("questions", f.browse)
	r.Autocomplete("question", f.autocomplete)
	r.Autocomplete("questions", f.autocomplete)
	r.Component(routeSolution, f.solution, bot.DeferEphemeral())
	r.Component(routeAnother, f.another)
	r.Component(routeDiscuss, f.discuss, bot.DeferEphemeral())
	r.Component(routeRelated, f.related, bot.DeferEphemeral())
	r.Component(routePage, f.page)
	r.Component(routeOpen, f.open, bot.DeferEphemeral())
}

// userLocks serialises one member's picks so that the history of a reply
// is recorded (queued, see pickAndReply) before the member's next pick.
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

// ---- /question ----

func (f *Feature) question(c *bot.Ctx) error {
	flt, err := filterFromOptions(c)
	if err != nil {
		return err
	}
	return f.pickAndReply(c, flt, aliasNote(flt))
}

// another is the Another button (and the did-you-mean buttons): a new
// question with the filters the button carries, for whoever pressed it.
func (f *Feature) another(c *bot.Ctx) error {
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
func (f *Feature) pickAndReply(c *bot.Ctx, flt store.Filter, note string) error {
	unlock := f.users.lock(c.UserID())
	defer unlock()
	pick, err := f.history.PickQuestion(c, flt, c.UserID())
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
	// The history is recorded once the reply is on its way, with the time
	// it was shown, in the store's next batch of history writes (committed
	// within store.Options.SeenBatchDelay): one commit for many /question
	// replies instead of one each, whose fsync and page-cache refills took
	// CPU from the next requests. The member's lock keeps their next pick
	// from starting before the mark is queued, and picks count queued marks.
	shown := f.env.Now()
	rerr := c.Reply(withNote(msg, note))
	if err := f.history.MarkSeenBatched(context.WithoutCancel(c), c.UserID(), c.GuildID(), pick.Seq, shown); err != nil {
		c.Log.Warn("could not record the question as seen", "err", err)
	}
	return rerr
}

// questionMessage renders a question with its buttons. withAnother adds the
// Another button carrying flt; Discuss appears only in servers.
func (f *Feature) questionMessage(c *bot.Ctx, q *store.Question, flt store.Filter, withAnother bool) (*discordgo.InteractionResponseData, error) {
	buttons := buttonRow{
		{Label: "Solution", Style: discordgo.PrimaryButton, CustomID: routeSolution.ID(q.ID), Emoji: &discordgo.ComponentEmoji{Name: "💡"}},
	}
	if withAnother {
		id, err := f.filterCustomID(c, routeAnother, flt)
		if err != nil {
			return nil, err
		}
		buttons = append(buttons, discordgo.Button{Label: "Another", Style: discordgo.SecondaryButton, CustomID: id, Emoji: &discordgo.ComponentEmoji{Name: "🔀"}})
	}
	if !c.InDM() && withAnother {
		buttons = append(buttons, discordgo.Button{Label: "Discuss", Style: discordgo.SecondaryButton, CustomID: routeDiscuss.ID(q.ID), Emoji: &discordgo.ComponentEmoji{Name: "💬"}})
	}
	buttons = append(buttons, discordgo.Button{Label: "Related", Style: discordgo.SecondaryButton, CustomID: routeRelated.ID(q.ID)})
	e := bot.QuestionEmbed(q)
	e.URL = f.env.QuestionPage(q) // the web companion's page, when public
	return &discordgo.InteractionResponseData{
		Embeds:          []*discordgo.MessageEmbed{e},
		Components:      []discordgo.MessageComponent{buttons},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	}, nil
}
