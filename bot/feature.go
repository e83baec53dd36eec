package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/internal/shard"
)

// Feature is one part of prepcord, in a package of its own under
// bot/feature: its slash command definitions and the routes that handle
// them. A feature may also implement the capability interfaces below; each
// feature asserts the ones it implements with a var _ line, so that a
// renamed method fails to compile instead of dropping out silently.
type Feature interface {
	Commands() []*discordgo.ApplicationCommand
	Routes(r *Router)
}

// Starter is a feature with background work (the daily scheduler, the
// interview sweeps); Start runs until ctx ends.
type Starter interface {
	Start(ctx context.Context)
}

// Sweeper is a feature whose due background work can be run once, on
// demand (`prepcord try` moves its clock and sweeps).
type Sweeper interface {
	SweepNow(ctx context.Context) error
}

// EventHandler is a feature that listens to gateway events besides
// interactions: the discordgo handler functions it returns are added to
// the session.
type EventHandler interface {
	Handlers() []any
}

// SetupReporter is a feature that can say, in a line, what is configured
// for it in a server; /help shows admins these lines.
type SetupReporter interface {
	SetupLine(c *Ctx) string
}

// ProfileSection is a feature that adds an embed to /profile (the mock
// interview history, for example). self is true when members look at
// their own profile, so a section may show what only they should see. A
// section with nothing to show returns a nil embed.
type ProfileSection interface {
	ProfileEmbed(c *Ctx, guildID, userID string, self bool) (*discordgo.MessageEmbed, error)
}

// Env is what the runtime gives every feature: the Discord session (for
// work outside an interaction), the logger and the clock.
type Env struct {
	Session *discordgo.Session
	Log     *slog.Logger
	// Now is the clock; tests and `prepcord try` move it.
	Now func() time.Time

	b *Bot
}

// AppID returns the application id (known once READY arrived).
func (e Env) AppID() string { return e.b.AppID() }

// OwnsGuild reports whether a server's background work (daily posts,
// reveals, reminders, queue expiry, weekly rounds) belongs to this
// process: whether the server is on one of the gateway shards it runs.
// guildID "" (direct messages) belongs to shard 0.
func (e Env) OwnsGuild(guildID string) bool { return e.b.OwnsGuild(guildID) }

// Shards returns the gateway shards this process runs, for store queries
// that pick the servers of background work.
func (e Env) Shards() shard.Set { return e.b.Shards() }

// MarkTick records a background sweep, for the health endpoint.
func (e Env) MarkTick(t time.Time) { e.b.MarkTick(t) }

// Env returns the environment features are built with.
func (b *Bot) Env() Env { return Env{Session: b.Session, Log: b.Log, Now: b.Now, b: b} }

// Add adds features to the bot: their routes and gateway handlers. It is
// called before Open.
func (b *Bot) Add(fs ...Feature) {
	for _, f := range fs {
		f.Routes(b.Router)
		if eh, ok := f.(EventHandler); ok {
			for _, h := range eh.Handlers() {
				b.addHandler(h)
			}
		}
		b.features = append(b.features, f)
	}
}

// SetupLines returns every feature's line about this server's setup.
func (b *Bot) SetupLines(c *Ctx) []string {
	var lines []string
	for _, f := range b.features {
		if sr, ok := f.(SetupReporter); ok {
			if l := sr.SetupLine(c); l != "" {
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// ProfileSections returns the features that add a section to /profile, in
// the order they were added.
func (b *Bot) ProfileSections() []ProfileSection {
	var out []ProfileSection
	for _, f := range b.features {
		if s, ok := f.(ProfileSection); ok {
			out = append(out, s)
		}
	}
	return out
}

// Capability returns the first feature added that implements T (one of
// the capability interfaces), or T's zero value when none does: the web
// companion reaches the features through these interfaces, never their
// packages.
func Capability[T any](b *Bot) T {
	for _, f := range b.features {
		if c, ok := f.(T); ok {
			return c
		}
	}
	var zero T
	return zero
}
