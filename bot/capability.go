package bot

import (
	"context"
	"time"

	"github.com/prepcord/prepcord/store"
)

// The capabilities the web dashboard uses, so that a change made on the
// web does in Discord what the command or button does (bot/assemble and
// cmd wire them; the web companion imports no feature).

// RoundsKeeper is the feature that runs weekly mock rounds. ApplyRounds
// stores rounds checked with mocksetup.Rounds (zone is their time zone)
// and shows their sign-up message in the mock channel, posted or updated,
// exactly as /mock-admin rounds does.
type RoundsKeeper interface {
	ApplyRounds(ctx context.Context, guildID string, r store.WeeklyRounds, zone *time.Location) (RoundsApplied, error)
}

// RoundsApplied is what applying weekly rounds did.
type RoundsApplied struct {
	// Settings are the server's settings after the change.
	Settings store.InterviewSettings
	// Next is the next round (zero when the rounds are off).
	Next time.Time
	// WasOn says whether the rounds ran before the change.
	WasOn bool
	// Signup is what became of the sign-up message.
	Signup SignupOutcome
}

// SignupOutcome is what became of the weekly rounds' sign-up message.
type SignupOutcome int

const (
	// SignupNone: paused rounds with no message to mark.
	SignupNone SignupOutcome = iota
	// SignupPosted: a new message in the mock channel.
	SignupPosted
	// SignupUpdated: the message posted before was edited.
	SignupUpdated
	// SignupMarkedPaused: the message posted before now says the rounds
	// are paused.
	SignupMarkedPaused
	// SignupUpdateFailed and SignupPostFailed: Discord refused (the
	// bot's permissions in the mock channel); the rounds are stored.
	SignupUpdateFailed
	SignupPostFailed
)

// ReviewPoster is the feature that posts suggestions for review.
// ShowDecision edits a decided suggestion's review post as the review
// buttons do (the outcome, who decided, no buttons left). A suggestion
// without a post is left as it is.
type ReviewPoster interface {
	ShowDecision(ctx context.Context, sg *store.Suggestion) error
}

// RecordAudit records an admin's change made in Discord (a command or a
// button) in the server's audit log, when the feature keeps one (a not
// nil); a failure is logged, the change stands.
func RecordAudit(c *Ctx, a *store.Audit, action, detail string) {
	if a == nil {
		return
	}
	if _, err := a.Record(c, store.AuditEntry{GuildID: c.GuildID(), UserID: c.UserID(), Source: store.AuditDiscord,
		Action: action, Detail: detail}); err != nil {
		c.Log.Warn("could not record an audit line", "action", action, "err", err)
	}
}
