// Package daily is the daily interview question of a server.
//
// Admins schedule it with /daily (setup, status, now, skip, pause, resume,
// preview, champion; setup autocompletes time zones and the bank's names), in up to
// store.MaxDailyFeeds feeds per server, each named and chosen with feed:
// (autocompleted; not needed while a server has one). A minute sweep
// (Start, or SweepNow when `prepcord try` moves its clock) posts each feed
// exactly once per local date, DST-correctly and across
// restarts and several processes: each post is claimed in the store,
// sent with a nonce, given a discussion thread, and its solution is
// revealed in that thread, spoilered, when the next post goes out (24 hours
// at most). The post's buttons (routes d1/solution, d1/spoiler,
// d1/answered) show the solution privately and count a member's answer;
// writing in the thread counts too (the MESSAGE_CREATE handler). The
// Answer button (d1/answer, a form) takes a member's private answer, which
// also counts; at the reveal the sweep posts every answer into the thread
// once, with a Vote button (d1/vote), and 24 hours later chooses the best
// answer once (answer.go, reveal_answers.go, store.Answers). Answers
// count for the post's own date while it is open, which makes the streaks
// that /profile and /leaderboard read through bot/community.
//
// When a feed has fewer than 7 questions it has not posted in its cycle,
// admins are told once per feed and cycle (feeds.go). It stores, in
// store.Daily, each feed's schedule and filters and every post (claimed, posted, skipped, missed or failed; its thread and reveal),
// and in store.History the days each member answered. With /daily
// champion, the same sweep gives a server's champion role, once a month,
// to the member who answered on the most days of the month before
// (champion.go, champion_award.go; store.Champions). Its sweep also
// expires the filters /question saves for long buttons.
package daily

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// Routes of the daily post's buttons; {post} is the post's id.
const (
	routeSolution bot.Route = "d1/solution/{post}"
	routeAnswered bot.Route = "d1/answered/{post}"
	// routeSpoiler shows the solution before its reveal, asked for explicitly.
	routeSpoiler bot.Route = "d1/spoiler/{post}"
	// routeRemove confirms /daily remove; {feed} is the feed's name.
	routeRemove bot.Route = "d1/remove/{feed}"
	// routeAnswer is the Answer button and the form it opens.
	routeAnswer bot.Route = "d1/answer/{post}"
	// routeVote is the Vote button of an answer posted at the reveal.
	routeVote bot.Route = "d1/vote/{answer}"
)

// Config is the feature's configuration.
type Config struct {
	// CatchUpWindow is how late a post missed while prepcord was down may
	// still go out (0: schedule.DefaultCatchUpWindow).
	CatchUpWindow time.Duration
	// Champions holds each server's monthly champion role and its awards
	// (nil: /daily champion is unavailable and no champion is chosen).
	Champions *store.Champions
	// BestAnswers counts best answers for the champion ranking (nil:
	// everyone has none).
	BestAnswers BestAnswers
	// Audit, when set, gets a line for each change admins make with
	// /daily setup, pause, resume and remove (source "discord").
	Audit *store.Audit
}

// Feature is /daily (an admin's schedule per server), the scheduler that
// posts the daily question exactly once per server and local date, the
// post's buttons, and participation from its discussion thread.
type Feature struct {
	env       bot.Env
	days      *store.Daily
	questions *store.Questions
	history   *store.History
	reviews   *store.Reviews
	// answers holds the members' answers, votes and best answers.
	answers *store.Answers
	// suggestions holds the review channel, where the low-bank warning
	// goes when one is set.
	suggestions *store.Suggestions
	cfg         Config
	// instance names this process in claims.
	instance string
	workers  int
	backoff  time.Duration

	sweepMu sync.Mutex
	// sim is set only by the options that simulate crashes or replace the
	// delivery to Discord (tests); nil in production.
	sim *simulation
}

// New builds the feature: days holds the feeds and posts, questions the
// bank it posts from, history the members' answers, reviews their
// spaced-review cards (rated under a post's Solution), suggestions the
// review channel admins are warned in when a feed runs low.
func New(env bot.Env, days *store.Daily, questions *store.Questions, history *store.History, reviews *store.Reviews,
	suggestions *store.Suggestions, cfg Config, opts ...Option) *Feature {
	if cfg.CatchUpWindow <= 0 {
		cfg.CatchUpWindow = schedule.DefaultCatchUpWindow
	}
	var id [6]byte
	_, _ = rand.Read(id[:])
	f := &Feature{
		env: env, days: days, answers: days.Answers(), questions: questions, history: history, reviews: reviews, suggestions: suggestions, cfg: cfg,
		instance: hex.EncodeToString(id[:]),
		workers:  16, backoff: 500 * time.Millisecond,
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

var (
	_ bot.Feature       = (*Feature)(nil)
	_ bot.Starter       = (*Feature)(nil)
	_ bot.Sweeper       = (*Feature)(nil)
	_ bot.EventHandler  = (*Feature)(nil)
	_ bot.SetupReporter = (*Feature)(nil)
)

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	manage := int64(discordgo.PermissionManageGuild)
	setupOpts := []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where to post", Required: true,
			ChannelTypes: dailyChannel.Types},
		{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "Local time of day, e.g. 09:00 or 9am", Required: true, MaxLength: 20},
		{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "IANA time zone, e.g. Europe/London", Required: true, Autocomplete: true, MaxLength: 64},
		{Type: discordgo.ApplicationCommandOptionString, Name: "days", Description: "Days to post, e.g. mon-fri (default: every day)", MaxLength: 60},
		{Type: discordgo.ApplicationCommandOptionRole, Name: "ping", Description: "A role to mention in each post"},
		{Type: discordgo.ApplicationCommandOptionString, Name: "company", Description: "Only questions from this company", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "role", Description: "Only questions for this role", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "category", Description: "Only questions of this category", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "level", Description: "Only questions asked at this level (intern, new grad, mid, senior, staff)", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "difficulty", Description: "Only questions of this difficulty", Choices: []*discordgo.ApplicationCommandOptionChoice{
			{Name: "easy", Value: "easy"}, {Name: "medium", Value: "medium"}, {Name: "hard", Value: "hard"}}},
		feedOption(fmt.Sprintf("The feed to set up or change (a new name adds one, up to %d)", store.MaxDailyFeeds)),
	}
	which := feedOption("Which feed (needed when the server has several)")
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	return []*discordgo.ApplicationCommand{{
		Name:                     "daily",
		Description:              "Schedule the daily interview question for this server",
		DefaultMemberPermissions: &manage,
		Contexts:                 guildOnly,
		DMPermission:             bot.Ptr(false),
		Options: []*discordgo.ApplicationCommandOption{
			sub("setup", "Set the channel, time and filters of the daily question", setupOpts...),
			sub("status", "Next and last post, questions left, missed posts and errors", which),
			sub("now", "Post today's question now (it counts as today's)", which),
			sub("skip", "Skip the next scheduled post", &discordgo.ApplicationCommandOption{
				Type: discordgo.ApplicationCommandOptionBoolean, Name: "undo", Description: "Put back the last post you skipped"}, which),
			sub("pause", "Stop posting until /daily resume", which),
			sub("resume", "Resume posting after /daily pause", which),
			sub("preview", "See the next question (only you see it)", which),
			sub("remove", "Stop and remove a feed (its past posts and streaks stay)", which),
			sub("champion", "A role for last month's most active member (set, show or clear)", championOptions(which)...),
		},
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("daily/setup", f.setup, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/status", f.status, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/now", f.now, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/skip", f.skip, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/pause", f.pause, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/resume", f.resume, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/preview", f.preview, bot.Admin(), bot.DeferEphemeral())
	r.Command("daily/remove", f.remove, bot.Admin(), bot.DeferEphemeral())
	r.Component(routeRemove, f.removeConfirmed, bot.Admin())
	r.Command("daily/champion", f.champion, bot.Admin(), bot.DeferEphemeral())
	r.Autocomplete("daily", f.autocomplete)
	r.Component(routeSolution, f.solution, bot.DeferEphemeral())
	r.Component(routeSpoiler, f.spoiler, bot.DeferEphemeral())
	r.Component(routeAnswered, f.answered, bot.DeferEphemeral())
	r.Component(routeAnswer, f.answerForm)
	r.Modal(routeAnswer, f.answerSubmit, bot.DeferEphemeral())
	r.Component(routeVote, f.vote, bot.DeferEphemeral())
}

// Handlers counts members who write in a daily discussion thread.
func (f *Feature) Handlers() []any {
	return []any{func(s *discordgo.Session, m *discordgo.MessageCreate) { f.onMessage(m) }}
}

// SetupLine reports the schedule of each feed for /help.
func (f *Feature) SetupLine(c *bot.Ctx) string {
	feeds, err := f.days.Feeds(c, c.GuildID())
	if err != nil || len(feeds) == 0 {
		return "**Daily question:** not set up — `/daily setup channel:#daily time:09:00 timezone:Europe/London`"
	}
	lines := make([]string, len(feeds))
	for i, cfg := range feeds {
		state := ""
		if cfg.Paused {
			state = " (paused)"
		}
		if left, _, err := f.days.Remaining(c, cfg.GuildID, cfg.Feed); err == nil && left < lowBank {
			state += fmt.Sprintf(" — ⚠️ %d question%s left before repeats", left, bot.Plural(left))
		}
		lines[i] = fmt.Sprintf("**Daily question%s:** <#%s> at %s %s, %s%s", feedLabel(cfg, len(feeds)), cfg.ChannelID, cfg.Clock, cfg.Zone,
			schedule.Weekdays(cfg.Days), state)
	}
	return strings.Join(lines, "\n")
}

// lowBank is how few questions left before repeats warn admins (in /daily
// status and the admin part of /help; members do not see the count).
const lowBank = 7

// ephemeral is a private reply with text and embeds.
func ephemeral(text string, embeds ...*discordgo.MessageEmbed) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Content: bot.Truncate(text, bot.MaxContent), Embeds: embeds,
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{}}
}
