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
	"github.com/prepcord/prepcord/bot/feature/help"
	"github.com/prepcord/prepcord/bot/feature/leaderboard"
	"github.com/prepcord/prepcord/bot/feature/profile"
)

// Options changes how the bot is assembled; the zero value is prepcord.
type Options struct {
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
	b.Add(
		help.New(b),
		profile.New(env, b, st.Daily, st.History),
		leaderboard.New(env, st.Daily, st.History),
	)
	b.Add(opts.Extra...)
	return b, nil
}
