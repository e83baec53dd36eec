// Package assemble builds prepcord's bot from its features. It is the one
// package that knows every feature: each lives in its own package under
// bot/feature, depends on the runtime (package bot), its own part of the
// store and the pure packages, and never on another feature. Here each is
// constructed with exactly what it uses, and features that combine (the
// sections of /profile, the setup lines of /help) meet through the
// runtime's interfaces.
package assemble

import (
	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/feature/bank"
	"github.com/prepcord/prepcord/bot/feature/daily"
	"github.com/prepcord/prepcord/bot/feature/help"
	"github.com/prepcord/prepcord/bot/feature/interview"
	"github.com/prepcord/prepcord/bot/feature/leaderboard"
	"github.com/prepcord/prepcord/bot/feature/mydata"
	"github.com/prepcord/prepcord/bot/feature/plan"
	"github.com/prepcord/prepcord/bot/feature/profile"
	"github.com/prepcord/prepcord/bot/feature/question"
	"github.com/prepcord/prepcord/bot/feature/review"
	"github.com/prepcord/prepcord/bot/feature/suggest"
)

// Options changes how the bot is assembled; the zero value is prepcord.
type Options struct {
	// Daily are options of the daily question (tests simulate crashes
	// and retry without waiting).
	Daily []daily.Option
	// Extra are features added after prepcord's own, for tests of the
	// runtime.
	Extra []bot.Feature
}

// New builds the bot with every feature.
func New(cfg bot.Config, opts Options) (*bot.Bot, error) {
	b, err := bot.New(cfg)
	if err != nil {
		return nil, err
	}
	env, st := b.Env(), cfg.Store
	// The order is /help's order of setup lines: the daily question,
	// the review channel, mock interviews.
	b.Add(
		help.New(b),
		profile.New(env, b, st.Daily, st.History, st.Reviews, st.Feedback),
		leaderboard.New(env, st.Daily, st.History),
		question.New(env, st.Questions, st.History, st.Reviews),
		daily.New(env, st.Daily, st.Questions, st.History, st.Reviews, st.Suggestions, daily.Config{CatchUpWindow: cfg.CatchUpWindow, Champions: st.Champions, BestAnswers: st.Answers, Audit: st.Audit}, opts.Daily...),
		suggest.New(env, st.Suggestions, st.Questions, st.Audit),
		bank.New(env, st.Suggestions, st.Questions, bank.Config{Web: st.Web, Audit: st.Audit, Site: cfg.Site}),
		interview.New(env, st.Interviews, st.Availability, st.Feedback, st.Questions, st.Daily, interview.Config{QueueExpiry: cfg.QueueExpiry, Audit: st.Audit}),
		review.New(env, st.Reviews, st.Questions),
		plan.New(env, st.Plans, st.Questions, st.History, st.Reviews, st.Daily),
		mydata.New(env, st.MyData),
	)
	b.Add(opts.Extra...)
	return b, nil
}
