package interview

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// nextRound returns the first round strictly after now: weekday at
// hhmm in loc, by the daily post's DST rules (a time inside a
// spring-forward gap is the first instant after it; a repeated fall-back
// hour counts once). It returns the zero time for an unreadable hhmm.
func nextRound(now time.Time, weekday int, hhmm string, loc *time.Location) time.Time {
	clock, err := schedule.ParseClock(hhmm)
	if err != nil {
		return time.Time{}
	}
	next, _ := schedule.Schedule{Clock: clock, Days: schedule.DaysOf(time.Weekday(weekday)), Loc: loc}.NextAfter(now)
	return next
}

// roundTopic is the topic of the weekly round held at t: the topics
// take turns week by week.
func roundTopic(t time.Time) match.Topic {
	ts := match.Topics()
	_, week := t.UTC().ISOWeek()
	return ts[week%len(ts)]
}

// runRound pairs every opted-in member still holding the round's role
// (odd count: one trio), on the topic each chose or this week's (see
// match.PairRound), avoiding recent repeats, and opens a thread for each
// pairing.
func (f *Feature) runRound(ctx context.Context, set store.InterviewSettings, now time.Time) error {
	if set.ChannelID == "" {
		return errors.New("no mock channel is set")
	}
	members, err := f.interviews.RoundMembers(ctx, set.GuildID)
	if err != nil {
		return err
	}
	topic := roundTopic(now)
	snoozed, err := f.avail.Snoozed(ctx, set.GuildID, now)
	if err != nil {
		return err
	}
	var entries []match.Entry
	for i, rm := range members {
		if _, ok := snoozed[rm.UserID]; ok {
			continue // on a break: still signed up for later rounds
		}
		mem, err := f.env.Session.GuildMember(set.GuildID, rm.UserID, discordgo.WithContext(ctx))
		if err != nil {
			if bot.IsRESTError(err, http.StatusNotFound, 0) {
				_, _ = f.interviews.LeaveRounds(ctx, set.GuildID, rm.UserID) // left the server
			}
			continue
		}
		if set.RoundsRoleID != "" && !slices.Contains(mem.Roles, set.RoundsRoleID) {
			continue
		}
		zone, err := f.avail.MemberZone(ctx, rm.UserID)
		if err != nil {
			return err
		}
		entries = append(entries, match.Entry{ID: int64(i + 1), Guild: set.GuildID, User: rm.UserID, Topic: rm.Topic,
			Zone: zone, Joined: time.UnixMilli(rm.JoinedMs)})
	}
	raw, err := f.interviews.PairHistory(ctx, set.GuildID, now.Add(-match.RepeatWindow))
	if err != nil {
		return err
	}
	hist := match.History{}
	for k, t := range raw {
		hist.Add(k[0], k[1], t)
	}
	// Members practise the topic they chose, or this week's.
	groups, _ := match.PairRound(entries, hist, now, topic.Key)
	var topics []string
	byTopic := map[string][][]string{}
	for _, g := range groups {
		if _, ok := byTopic[g.Topic]; !ok {
			topics = append(topics, g.Topic)
		}
		var users []string
		for _, x := range g.Members {
			users = append(users, x.User)
		}
		byTopic[g.Topic] = append(byTopic[g.Topic], users)
	}
	var created []*store.Pairing
	for _, t := range topics {
		ps, err := f.interviews.CreateRoundPairings(ctx, set.GuildID, t, set.ChannelID, now.Add(roundStartDelay), byTopic[t])
		if err != nil {
			return err
		}
		created = append(created, ps...)
	}
	for _, p := range created {
		if _, err := f.openPairing(ctx, p, false); err != nil {
			f.env.Log.Warn("mock: opening a round pairing", "pairing", p.ID, "err", err)
		}
	}
	f.env.Log.Info("mock: weekly round", "guild", set.GuildID, "members", len(entries), "pairings", len(created))
	return nil
}

// checkin records a weekly-round pair's answer to "did you meet?".
func (f *Feature) checkin(c *bot.Ctx) error {
	p, err := f.pairingFor(c)
	if err != nil {
		return err
	}
	if err := f.avail.AnswerRoundCheckin(c, p.ID, c.UserID()); err != nil {
		return err
	}
	if c.Var("answer") == "yes" {
		if _, err := f.interviews.ClaimPairingFlag(c, p.ID, store.FlagMet); err != nil {
			return err
		}
		return c.Reply(&discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{},
			Content: fmt.Sprintf("🎉 <@%s> says you met. Press **Finish** and **Give feedback** if you have not yet.", c.UserID())})
	}
	return c.Reply(&discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{},
		Content: fmt.Sprintf("<@%s> says not yet. Agree on a time with **Propose a time** on the first message of this thread; it stays open while you talk.", c.UserID())})
}

// roundsButton opts a member in to or out of weekly rounds, from the
// sign-up message's buttons and its topic menu.
func (f *Feature) roundsButton(c *bot.Ctx) error {
	set, err := f.interviews.Settings(c, c.GuildID())
	if err != nil {
		return err
	}
	if c.Var("action") == "leave" {
		left, err := f.interviews.LeaveRounds(c, c.GuildID(), c.UserID())
		if err != nil {
			return err
		}
		if !left {
			return c.ReplyEphemeral("You were not in the weekly rounds.")
		}
		return c.ReplyEphemeral("You left the weekly mock rounds.")
	}
	if c.Var("action") == "topic" {
		topic, err := roundsTopicChoice(c)
		if err != nil {
			return err
		}
		return f.roundsJoin(c, set, &topic)
	}
	return f.roundsJoin(c, set, nil)
}
