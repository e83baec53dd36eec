package daily

// The monthly champion award. Each server with a champion role has the
// instant its current local month ends (in the zone of its feed) stored as
// next_due; the minute sweep picks the servers of this process's shards
// that are due, claims the award of the month that ended (a unique row
// per server and month, so exactly once across restarts and processes),
// ranks the month's members (streak.RankChampions), moves the role and
// announces the champion in the feed's channel. A process that dies
// between claim and finish leaves a stale claim another sweep takes over:
// the role calls are idempotent and the announcement carries a nonce.
// After downtime over a month's end the award goes out late, once; when
// prepcord was down for whole months, only the month that ended last is
// awarded. Failures (the role gone, the member gone, a missing permission)
// are recorded, shown in /daily status and told to admins in the review
// channel when one is set; they are not retried.

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/streak"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/internal/shard"
	"github.com/prepcord/prepcord/store"
)

// sweepChampions awards the champions due at now on the given shards,
// and finishes awards whose process died on the way.
func (f *Feature) sweepChampions(ctx context.Context, now time.Time, mine shard.Set, keep func(error)) {
	ch := f.cfg.Champions
	if ch == nil {
		return
	}
	stale, err := ch.StaleAwards(ctx, now.Add(-claimLease).UnixMilli(), sweepBatch, mine)
	keep(err)
	for _, a := range stale {
		if ok, err := ch.TakeOverAward(ctx, a, f.instance, now.UnixMilli()); err != nil || !ok {
			keep(err)
			continue
		}
		set, err := ch.Champion(ctx, a.GuildID)
		if err != nil {
			keep(err)
			continue
		}
		if set == nil {
			a.State, a.Error, a.FinishedAt = store.AwardFailed, "The champion role was turned off.", now.UnixMilli()
			keep(ch.FinishAward(ctx, a, "", ""))
			continue
		}
		keep(f.award(ctx, set, a, now))
	}
	due, err := ch.DueChampions(ctx, now.UnixMilli(), sweepBatch, mine)
	keep(err)
	f.fanOut(ctx, len(due), func(i int) { keep(f.runChampion(ctx, due[i], now)) })
}

// runChampion handles one server whose month may have ended: it claims
// and gives the award of the month that ended last, then moves the
// server on to the current month.
func (f *Feature) runChampion(ctx context.Context, set *store.ChampionConfig, now time.Time) error {
	feed, err := f.championFeed(ctx, set)
	if err != nil {
		return err
	}
	loc := time.UTC
	if feed != nil {
		loc = zoneOf(feed)
	}
	cur := monthOf(now, loc)
	if cur <= set.NextMonth {
		// The feed's zone changed: its month ends later than stored.
		_, err := f.cfg.Champions.Reschedule(ctx, set.GuildID, set.NextDue, set.NextMonth, monthEnd(set.NextMonth, loc).UnixMilli())
		return err
	}
	a := &store.ChampionAward{GuildID: set.GuildID, Month: prevMonth(cur), RoleID: set.RoleID, Feed: set.Feed,
		ClaimedBy: f.instance, ClaimedAt: now.UnixMilli()}
	ok, err := f.cfg.Champions.ClaimAward(ctx, a)
	if err != nil {
		return err
	}
	if ok {
		if f.at("champion-claimed", &store.DailyPost{GuildID: set.GuildID}) {
			return ErrCrashed
		}
		if err := f.award(ctx, set, a, now); err != nil {
			return err
		}
	}
	_, err = f.cfg.Champions.Reschedule(ctx, set.GuildID, set.NextDue, cur, monthEnd(cur, loc).UnixMilli())
	return err
}

// championFeed is the feed a champion setting names, or the server's
// first when that one was removed (nil when the server has none).
func (f *Feature) championFeed(ctx context.Context, set *store.ChampionConfig) (*store.DailyConfig, error) {
	cfg, err := f.days.Feed(ctx, set.GuildID, set.Feed)
	if errs.CodeOf(err) == errs.NotFound {
		cfg, err = f.days.Config(ctx, set.GuildID)
		if errs.CodeOf(err) == errs.NotFound {
			return nil, nil
		}
	}
	return cfg, err
}

// award gives a claimed award: ranks the month, moves the role, announces
// the champion and records the outcome.
func (f *Feature) award(ctx context.Context, set *store.ChampionConfig, a *store.ChampionAward, now time.Time) error {
	from, to := a.Month+"-01", a.Month+"-31"
	acts, err := f.cfg.Champions.Activity(ctx, a.GuildID, from, to)
	if err != nil {
		return err
	}
	best := map[string]int{}
	if f.cfg.BestAnswers != nil {
		if best, err = f.cfg.BestAnswers.BestAnswerCounts(ctx, a.GuildID, from, to); err != nil {
			return err
		}
	}
	cs := make([]streak.Contender, len(acts))
	for i, x := range acts {
		cs[i] = streak.Contender{UserID: x.UserID, Days: x.Days, BestAnswers: best[x.UserID], ReachedAt: x.ReachedAt}
	}
	top, found := streak.Champion(cs)
	a.FinishedAt = now.UnixMilli()
	holder, holderRole := set.HolderID, set.HolderRole
	if !found {
		// Nobody answered: no champion, and nothing announced.
		if holder != "" {
			f.takeRole(ctx, a.GuildID, holder, holderRole)
		}
		a.State = store.AwardNone
		return f.cfg.Champions.FinishAward(ctx, a, "", "")
	}
	a.UserID, a.Days, a.Best = top.UserID, top.Days, top.BestAnswers
	err = f.call(ctx, func() error {
		return f.env.Session.GuildMemberRoleAdd(a.GuildID, top.UserID, set.RoleID, discordgo.WithContext(ctx))
	})
	if err != nil {
		a.State, a.Error = store.AwardFailed, roleError(err, set.RoleID, top.UserID, a.Month)
		if err := f.cfg.Champions.FinishAward(ctx, a, holder, holderRole); err != nil {
			return err
		}
		f.tellAdmins(ctx, a)
		return nil
	}
	if holder != "" && (holder != top.UserID || holderRole != set.RoleID) {
		f.takeRole(ctx, a.GuildID, holder, holderRole)
	}
	a.State = store.AwardDone
	if err := f.announce(ctx, set, a); err != nil {
		a.Error = fmt.Sprintf("<@%s> got <@&%s> as the champion of %s, but the announcement could not be posted: %s",
			a.UserID, set.RoleID, monthName(a.Month), err)
	}
	if err := f.cfg.Champions.FinishAward(ctx, a, top.UserID, set.RoleID); err != nil {
		return err
	}
	if a.Error != "" {
		f.tellAdmins(ctx, a)
	}
	return nil
}

// takeRole takes the champion role back from the previous champion; a
// member who left, or a role deleted since, needs nothing.
func (f *Feature) takeRole(ctx context.Context, guildID, userID, roleID string) {
	err := f.call(ctx, func() error {
		return f.env.Session.GuildMemberRoleRemove(guildID, userID, roleID, discordgo.WithContext(ctx))
	})
	if err != nil && !bot.IsRESTError(err, http.StatusNotFound, 0) {
		f.env.Log.Warn("champion role not taken back", "guild", guildID, "err", err)
	}
}

// roleError says why the champion role could not be given.
func roleError(err error, roleID, userID, month string) string {
	switch {
	case bot.IsRESTError(err, http.StatusNotFound, discordgo.ErrCodeUnknownRole):
		return fmt.Sprintf("The champion role of %s could not be given: the role no longer exists. Choose another with `/daily champion role:`.", monthName(month))
	case bot.IsRESTError(err, http.StatusNotFound, discordgo.ErrCodeUnknownMember):
		return fmt.Sprintf("The champion of %s, <@%s>, has left the server, so nobody got <@&%s>.", monthName(month), userID, roleID)
	case bot.IsRESTError(err, http.StatusForbidden, 0):
		return fmt.Sprintf("The champion role of %s could not be given to <@%s>: prepcord needs Manage Roles and its own highest role above <@&%s> (Server Settings → Roles).",
			monthName(month), userID, roleID)
	}
	return fmt.Sprintf("The champion role of %s could not be given to <@%s>: Discord answered %s.", monthName(month), userID, bot.Truncate(err.Error(), 200))
}

// announce posts the champion in the channel of the setting's feed,
// mentioning the champion only.
func (f *Feature) announce(ctx context.Context, set *store.ChampionConfig, a *store.ChampionAward) error {
	feed, err := f.championFeed(ctx, set)
	if err != nil {
		return err
	}
	if feed == nil {
		return fmt.Errorf("the server has no daily feed")
	}
	text := fmt.Sprintf("🏆 **<@%s> is the daily question champion of %s**, with %d day%s answered", a.UserID, monthName(a.Month), a.Days, bot.Plural(a.Days))
	if a.Best > 0 {
		text += fmt.Sprintf(" and %d best answer%s", a.Best, bot.Plural(a.Best))
	}
	text += fmt.Sprintf(". They hold <@&%s> until next month's champion is chosen. Congratulations!", set.RoleID)
	body := &dailyMessage{Content: text, AllowedMentions: &discordgo.MessageAllowedMentions{Users: []string{a.UserID}},
		Nonce: dailyNonce(a.GuildID+"/champion", a.Month, 0), EnforceNonce: true}
	return f.post(ctx, feed.ChannelID, body)
}

// post sends a message to a channel, retrying transient failures.
func (f *Feature) post(ctx context.Context, channelID string, body *dailyMessage) error {
	return f.call(ctx, func() error {
		_, err := f.env.Session.RequestWithBucketID(http.MethodPost, discordgo.EndpointChannelMessages(channelID), body,
			discordgo.EndpointChannelMessages(channelID), discordgo.WithContext(ctx))
		return err
	})
}

// tellAdmins posts an award's error in the server's review channel, when
// one is set; /daily status shows it in any case.
func (f *Feature) tellAdmins(ctx context.Context, a *store.ChampionAward) {
	if f.suggestions == nil {
		return
	}
	s, err := f.suggestions.Settings(ctx, a.GuildID)
	if err != nil || s.ReviewChannelID == "" {
		return
	}
	body := &dailyMessage{Content: "⚠️ " + a.Error + " `/daily champion` shows the setting.", AllowedMentions: &discordgo.MessageAllowedMentions{},
		Nonce: dailyNonce(a.GuildID+"/champion-error", a.Month, 0), EnforceNonce: true}
	if err := f.post(ctx, s.ReviewChannelID, body); err != nil {
		f.env.Log.Warn("champion error not told", "guild", a.GuildID, "err", err)
	}
}
