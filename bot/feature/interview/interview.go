// Package interview is peer mock interviews: /mock and /mock-admin.
//
// Members run /mock with a topic (and, if they like, a role, company and
// level) to join their server's queue, or are paired at once: bot/match
// chooses the partner and the store claims both in one transaction. Each
// pairing gets a private thread in the server's mock channel (and, when
// set up, a private voice channel) whose first message has the session's
// buttons: interview packets (the question each member asks, with its
// solution and what to listen for), Start, Swap roles, Finish, Give
// feedback (a form; the text reaches its receiver alone, by DM and in
// /profile through ProfileEmbed) and Report no-show. Admins choose the
// channel, queue expiry, voice channels and weekly rounds with /mock-admin,
// see the queue and reset no-show counts; weekly rounds pair everyone who
// joined through their sign-up message.
//
// Members agree a time with Propose a time (a form read in the member's
// remembered time zone; only a partner accepts, and both are reminded 15
// minutes before), take timed breaks with /mock-snooze and /mock-resume,
// and, where admins turn check-ins on (/mock-admin checkin), confirm now
// and then that they still wait, or leave the queue after unanswered
// check-ins. Matching prefers partners in near time zones.
//
// Component routes are "m1/leave", "m1/packet", "m1/start", "m1/swap",
// "m1/finish", "m1/feedback" (a button and its form), "m1/noshow",
// "m1/checkin", "m1/rounds", "m1/propose", "m1/proposal" (the form),
// "m1/accept", "m1/here" (a queue check-in's answer) and "m1/resume" (see
// the route constants); members' old messages keep these custom_ids, so
// they never change.
//
// In the background (Start, or SweepNow when `prepcord try` moves its
// clock) a sweep expires queue entries, pairs members whose preferences
// have relaxed, reminds pairs about feedback, asks weekly-round pairs
// whether they met, archives silent pairings and runs due weekly rounds;
// a MESSAGE_CREATE handler keeps a thread open while its members talk.
//
// It stores the servers' settings, the queue, pairings, packets, no-shows
// and weekly rounds in store.Interviews, members' time zones, proposed
// times, snoozes and check-in strikes in store.Availability, and the feedback (with drafts) in
// store.PeerFeedback; it reads the bank's names from store.Questions and
// the daily question's time zone, the rounds' default, from store.Daily.
package interview

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/store"
)

// Routes of the feature's buttons, menu and form; {pairing} is a
// pairing's id.
const (
	routeLeave  bot.Route = "m1/leave"
	routePacket bot.Route = "m1/packet/{pairing}"
	routeStart  bot.Route = "m1/start/{pairing}"
	routeSwap   bot.Route = "m1/swap/{pairing}"
	routeFinish bot.Route = "m1/finish/{pairing}"
	// routeFeedback and routeNoShow name the partner meant only on the
	// buttons of a trio's chooser.
	routeFeedback bot.Route = "m1/feedback/{pairing}/{partner?}"
	routeNoShow   bot.Route = "m1/noshow/{pairing}/{partner?}"
	// routeFeedbackForm is the feedback form for one partner.
	routeFeedbackForm bot.Route = "m1/feedback/{pairing}/{partner}"
	// routeCheckin answers a weekly-round pair's "did you meet?": yes or no.
	routeCheckin bot.Route = "m1/checkin/{pairing}/{answer}"
	// routeRounds is the weekly rounds' sign-up message: join, leave, or
	// topic (its menu).
	routeRounds bot.Route = "m1/rounds/{action}"
	// routePropose opens the Propose a time form (the pairing message's
	// button and a proposal's Propose another); routeProposal is the form.
	routePropose  bot.Route = "m1/propose/{pairing}"
	routeProposal bot.Route = "m1/proposal/{pairing}"
	// routeAccept accepts a proposed time.
	routeAccept bot.Route = "m1/accept/{pairing}/{proposal}"
	// routeHere answers a queue check-in sent to user (often by DM, so the
	// server is named): answer is yes (still available) or leave.
	routeHere bot.Route = "m1/here/{guild}/{user}/{answer}"
	// routeResume ends the caller's snooze in the server.
	routeResume bot.Route = "m1/resume"
)

// DefaultQueueExpiry is how long a queue entry waits when neither the
// configuration nor the server sets it.
const DefaultQueueExpiry = 2 * time.Hour

// Config is the feature's configuration.
type Config struct {
	// QueueExpiry is how long a queue entry waits unless the server set
	// its own with /mock-admin setup (0: DefaultQueueExpiry).
	QueueExpiry time.Duration
	// Audit, when set, gets a line for each change admins make with
	// /mock-admin.
	Audit *store.Audit
}

// Feature is /mock and /mock-admin: the queue and its pairings, their
// threads and feedback, no-shows, weekly rounds and the sweep that keeps
// them moving.
type Feature struct {
	env        bot.Env
	interviews *store.Interviews
	avail      *store.Availability
	feedback   *store.PeerFeedback
	questions  *store.Questions
	daily      *store.Daily
	cfg        Config
}

// New builds the feature: interviews holds the queue, pairings and
// settings, avail the members' zones, proposed times, snoozes and
// check-ins, feedback the members' feedback, questions the bank (names
// members type), daily the servers' time zones.
func New(env bot.Env, interviews *store.Interviews, avail *store.Availability, feedback *store.PeerFeedback, questions *store.Questions,
	daily *store.Daily, cfg Config) *Feature {
	if cfg.QueueExpiry <= 0 {
		cfg.QueueExpiry = DefaultQueueExpiry
	}
	return &Feature{env: env, interviews: interviews, avail: avail, feedback: feedback, questions: questions, daily: daily, cfg: cfg}
}

var (
	_ bot.Feature        = (*Feature)(nil)
	_ bot.Starter        = (*Feature)(nil)
	_ bot.Sweeper        = (*Feature)(nil)
	_ bot.EventHandler   = (*Feature)(nil)
	_ bot.SetupReporter  = (*Feature)(nil)
	_ bot.ProfileSection = (*Feature)(nil)
	_ bot.RoundsKeeper   = (*Feature)(nil)
)

// Timing of the mock interview lifecycle.
const (
	// startDelay is how long after pairing the session is suggested
	// to start (rounded up to 5 minutes).
	startDelay = 10 * time.Minute
	// noShowGrace is how long after the suggested start a no-show may
	// be reported.
	noShowGrace = 10 * time.Minute
	// silence archives a pairing's thread after this long without
	// activity (Discord's thread auto-archive is set to the same); weekly
	// rounds, whose pairs agree on a time during the week, get a week.
	silence      = 24 * time.Hour
	roundSilence = 7 * 24 * time.Hour
	// reminderAfterFinish and reminderAfterStart are when a feedback
	// reminder is posted: after a finished session, or after the
	// suggested start of an unfinished one.
	reminderAfterFinish = 30 * time.Minute
	reminderAfterStart  = 2 * time.Hour
	// checkinAfter is when a weekly-round pairing is asked whether it met.
	checkinAfter = 72 * time.Hour
	// roundStartDelay is the suggested start of a weekly-round pairing.
	roundStartDelay = 48 * time.Hour
	// maxPref is the longest role or company a member may type.
	maxPref = 80
)

// levels are the /mock level choices.
var levels = []string{"intern", "junior", "mid", "senior", "staff"}

// Commands returns /mock and /mock-admin.
func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	var topics []*discordgo.ApplicationCommandOptionChoice
	for _, t := range match.Topics() {
		topics = append(topics, &discordgo.ApplicationCommandOptionChoice{Name: t.Name, Value: t.Key})
	}
	var levelChoices []*discordgo.ApplicationCommandOptionChoice
	for _, l := range levels {
		levelChoices = append(levelChoices, &discordgo.ApplicationCommandOptionChoice{Name: l, Value: l})
	}
	levelChoices = append(levelChoices, &discordgo.ApplicationCommandOptionChoice{Name: "any (clears your level)", Value: "any"})
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	manage := int64(discordgo.PermissionManageGuild)
	weekdayChoices := []*discordgo.ApplicationCommandOptionChoice{}
	for i, d := range mocksetup.Weekdays {
		weekdayChoices = append(weekdayChoices, &discordgo.ApplicationCommandOptionChoice{Name: d, Value: mocksetup.WeekdayKeys[i]})
	}
	return []*discordgo.ApplicationCommand{
		{
			Name:         "mock",
			Description:  "Practise with a peer: join the mock interview queue, or see your place in it",
			Contexts:     guildOnly,
			DMPermission: bot.Ptr(false),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "What the interview is about", Choices: topics},
				{Type: discordgo.ApplicationCommandOptionString, Name: "role", Description: "The role you prepare for (any: clear it)", Autocomplete: true, MaxLength: maxPref},
				{Type: discordgo.ApplicationCommandOptionString, Name: "company", Description: "The company you prepare for (any: clear it)", Autocomplete: true, MaxLength: maxPref},
				{Type: discordgo.ApplicationCommandOptionString, Name: "level", Description: "Your level", Choices: levelChoices},
				{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "Your time zone (remembered): partners near it come first",
					Autocomplete: true, MaxLength: maxZoneText},
			},
		},
		{
			Name:         "mock-snooze",
			Description:  "Take a break from mock interview pairing and weekly rounds",
			Contexts:     guildOnly,
			DMPermission: bot.Ptr(false),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "duration", Description: "How long: 3d, 1w, 2 weeks, 12h (at most 8 weeks)",
					Required: true, MaxLength: 20},
			},
		},
		{
			Name:         "mock-resume",
			Description:  "End your break from mock interviews now",
			Contexts:     guildOnly,
			DMPermission: bot.Ptr(false),
		},
		{
			Name:                     "mock-admin",
			Description:              "Set up peer mock interviews in this server",
			Contexts:                 guildOnly,
			DMPermission:             bot.Ptr(false),
			DefaultMemberPermissions: &manage,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "setup", Description: "Mock channel, queue expiry and voice channels",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where private interview threads open",
							ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText}},
						{Type: discordgo.ApplicationCommandOptionString, Name: "expiry", Description: "How long members wait: minutes (90) or 45m, 2h, 1d; 5 min to 7 days; default restores 2h", MaxLength: 20},
						{Type: discordgo.ApplicationCommandOptionChannel, Name: "voice-category", Description: "Category for a temporary private voice channel per pair",
							ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildCategory}},
						{Type: discordgo.ApplicationCommandOptionBoolean, Name: "voice", Description: "Voice channels for pairs: false turns them off"},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "rounds", Description: "Weekly pairing rounds for an opt-in role",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "Members with this role can join the rounds"},
						{Type: discordgo.ApplicationCommandOptionString, Name: "weekday", Description: "Day of the round", Choices: weekdayChoices},
						{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "Time of the round, HH:MM (24-hour)", MaxLength: 20},
						{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "IANA time zone of the time (default: the daily question's, else UTC)", Autocomplete: true, MaxLength: 64},
						{Type: discordgo.ApplicationCommandOptionBoolean, Name: "enabled", Description: "Run the rounds (default: on)"},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "checkin", Description: "Ask waiting members whether they are still available",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionString, Name: "every", Description: "How often: 12h, 1d, 90m (1 hour to 7 days), or off", MaxLength: 20},
						{Type: discordgo.ApplicationCommandOptionInteger, Name: "strikes", Description: "Unanswered check-ins in a row that drop a member (1-10)",
							MinValue: bot.Ptr(1.0), MaxValue: 10},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "queue", Description: "Who is waiting, by topic"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "reset-noshow", Description: "Clear a member's no-show count",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionUser, Name: "user", Description: "The member", Required: true},
					}},
			},
		},
	}
}

// Routes registers the commands, the autocomplete, the buttons and menu
// and the feedback form.
func (f *Feature) Routes(r *bot.Router) {
	r.Command("mock", f.withAbsenceNotice(f.join), bot.DeferEphemeral())
	r.Autocomplete("mock", f.autocomplete)
	r.Component(routeLeave, f.leave, bot.DeferEphemeral())
	r.Component(routePacket, f.packet, bot.DeferEphemeral())
	r.Component(routeStart, f.startButton, bot.DeferEphemeral())
	r.Component(routeSwap, f.swap, bot.DeferEphemeral())
	r.Component(routeFinish, f.finish, bot.DeferEphemeral())
	r.Component(routeNoShow, f.noshow, bot.DeferEphemeral())
	r.Component(routeFeedback, f.feedbackButton)
	r.Component(routeCheckin, f.checkin, bot.DeferEphemeral())
	r.Component(routeRounds, f.roundsButton, bot.DeferEphemeral())
	r.Modal(routeFeedbackForm, f.feedbackSubmit, bot.DeferEphemeral())
	r.Component(routePropose, f.proposeButton)
	r.Modal(routeProposal, f.proposalSubmit, bot.DeferEphemeral())
	r.Component(routeAccept, f.accept, bot.DeferEphemeral())
	r.Component(routeHere, f.hereButton, bot.DeferEphemeral())
	r.Command("mock-snooze", f.snooze, bot.DeferEphemeral())
	r.Command("mock-resume", f.resume, bot.DeferEphemeral())
	r.Component(routeResume, f.resume, bot.DeferEphemeral())
	f.adminRoutes(r)
}

// Handlers returns the gateway handlers: MESSAGE_CREATE, for thread
// activity.
func (f *Feature) Handlers() []any {
	return []any{f.onMessage}
}

// onMessage keeps a pairing's thread from being archived while its members
// talk in it.
func (f *Feature) onMessage(_ *discordgo.Session, e *discordgo.MessageCreate) {
	if e.Message == nil || e.GuildID == "" || (e.Author != nil && e.Author.Bot) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := f.interviews.TouchPairingThread(ctx, e.ChannelID); err != nil {
		f.env.Log.Warn("mock: recording thread activity", "thread", e.ChannelID, "err", err)
	}
}
