// Package community holds what several features read about a server and
// its members: the server's time zone (set by /daily setup) and a member's
// daily streak. It reads the store and knows nothing of Discord.
package community

import (
	"context"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/bot/streak"
	"github.com/prepcord/prepcord/store"
)

// ServerZone returns the server's daily time zone (UTC when none is set).
func ServerZone(ctx context.Context, daily *store.Daily, guildID string) *time.Location {
	if cfg, err := daily.Config(ctx, guildID); err == nil {
		if loc, err := schedule.LoadZone(cfg.Zone); err == nil {
			return loc
		}
	}
	return time.UTC
}

// MemberStreak computes a member's streak in a server as of its local
// date today, with streak freezes (streak.WithFreezes): only days with a
// post make or break it when the server posts, every day otherwise.
func MemberStreak(ctx context.Context, history *store.History, daily *store.Daily, guildID, userID string, today schedule.Date) (streak.Result, error) {
	days, err := history.ParticipationDays(ctx, guildID, userID)
	if err != nil {
		return streak.Result{}, err
	}
	answered := make([]schedule.Date, 0, len(days))
	for _, d := range days {
		if dd, err := schedule.ParseDate(d.Date); err == nil {
			answered = append(answered, dd)
		}
	}
	postDates, err := daily.PostDates(ctx, guildID)
	if err != nil {
		return streak.Result{}, err
	}
	posted := make([]schedule.Date, 0, len(postDates))
	for _, d := range postDates {
		if dd, err := schedule.ParseDate(d); err == nil {
			posted = append(posted, dd)
		}
	}
	return streak.WithFreezes(answered, posted, today), nil
}
