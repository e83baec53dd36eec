package interview

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// sweepEvery is how often the background loop sweeps.
const sweepEvery = 30 * time.Second

// Start runs the mock interview sweep until ctx ends.
func (f *Feature) Start(ctx context.Context) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		f.sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SweepNow runs one sweep now.
func (f *Feature) SweepNow(ctx context.Context) error {
	f.sweep(ctx)
	return nil
}

// sweep does the mock interview work that is due at the clock's time: it
// expires queue entries (with a DM, or a notice in the channel where /mock
// was used when DMs are closed), asks waiting members whether they are
// still available (dropping those who stopped answering), ends snoozes,
// pairs members whose preferences relaxed, reminds pairs of their agreed
// time, reminds pairings about missing feedback, asks weekly-round pairs whether
// they met, archives silent pairings and runs due weekly rounds. Each step
// is claimed in the store first, so it happens once however often sweep
// runs, in one process or several.
func (f *Feature) sweep(ctx context.Context) {
	now := f.env.Now()
	expired, err := f.interviews.ExpireQueue(ctx, now, f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: expiring the queue", "err", err)
	}
	for _, e := range expired {
		f.notifyExpired(ctx, e)
	}
	f.runCheckins(ctx, now)
	f.endSnoozes(ctx, now)
	f.pairRelaxed(ctx, now)
	f.remindTimes(ctx, now)
	pairings, err := f.interviews.ActivePairings(ctx, f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: listing pairings", "err", err)
	}
	for _, p := range pairings {
		f.sweepPairing(ctx, p, now)
	}
	f.runDueRounds(ctx, now)
}

// runDueRounds runs the weekly rounds due at now, each claimed with its
// next time first.
func (f *Feature) runDueRounds(ctx context.Context, now time.Time) {
	due, err := f.interviews.DueRounds(ctx, now, f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: listing due rounds", "err", err)
	}
	for _, set := range due {
		loc, err := mocksetup.LoadRoundsZone(set.RoundsTimezone)
		if err != nil {
			// A zone this host's zone database no longer knows: keep the
			// rounds going on UTC rather than stopping them.
			f.env.Log.Warn("mock: weekly round time zone", "guild", set.GuildID, "zone", set.RoundsTimezone, "err", err)
			loc = time.UTC
		}
		next := nextRound(now, set.RoundsWeekday, set.RoundsTime, loc)
		ok, err := f.interviews.ClaimRound(ctx, set.GuildID, time.UnixMilli(set.RoundsNextAt), next)
		if err != nil || !ok {
			continue
		}
		if err := f.runRound(ctx, set, now); err != nil {
			f.env.Log.Error("mock: weekly round", "guild", set.GuildID, "err", err)
		}
	}
}

// notifyExpired tells a member their queue entry expired: by DM, or in the
// channel where they used /mock when DMs fail.
func (f *Feature) notifyExpired(ctx context.Context, e store.QueueEntry) {
	topic := topicOf(e.Topic)
	text := fmt.Sprintf("Your place in the **%s** mock interview queue expired: nobody compatible came along in time. Run `/mock topic:%s` to join again.",
		topic.Name, topic.Name)
	f.notify(ctx, e.UserID, e.ChannelID, text)
}

// pairRelaxed pairs waiting members whose held preferences have relaxed
// and who now suit each other (nobody joins to trigger it). Each pairing
// is claimed in the store as a /mock run would be, so two sweeps never
// pair anyone twice. A pairing whose thread cannot be opened is cancelled
// and its members, who left the queue, are told why.
func (f *Feature) pairRelaxed(ctx context.Context, now time.Time) {
	waiting, err := f.interviews.QueueRelaxed(ctx, now, now.Add(-match.HoldFor), f.env.Shards())
	if err != nil {
		f.env.Log.Error("mock: reading the queue to pair", "err", err)
		return
	}
	if len(waiting) < 2 {
		return
	}
	es := make([]match.Entry, len(waiting))
	byID := make(map[int64]store.QueueEntry, len(waiting))
	for i, w := range waiting {
		es[i] = matchEntry(w)
		byID[w.ID] = w
	}
	pairs, _, _ := match.PairAll(es, nil, now, false)
	for _, pr := range pairs {
		e := byID[pr[0].ID]
		res, err := f.interviews.JoinQueue(ctx, store.JoinRequest{GuildID: e.GuildID, UserID: e.UserID, Topic: e.Topic,
			DefaultExpiry: f.cfg.QueueExpiry, SuggestedStart: suggestedStart(now), Pick: pick, OnlyPair: true})
		if err != nil {
			f.env.Log.Warn("mock: pairing relaxed preferences", "guild", e.GuildID, "user", e.UserID, "err", err)
			continue
		}
		if res.Pairing == nil {
			continue
		}
		if _, err := f.openPairing(ctx, res.Pairing, false); err != nil {
			text := fmt.Sprintf("I found you a partner for a **%s** mock interview but could not set it up: %s You have left the queue; run `/mock` again once an admin has fixed this.",
				topicOf(res.Pairing.Topic).Name, errs.Message(err))
			for _, x := range res.Pairing.Members {
				f.notify(ctx, x.UserID, x.ChannelID, text)
			}
		}
	}
}

// sweepPairing archives a pairing silent for too long, else reminds its
// members about feedback and asks a weekly-round pair whether it met, when
// those are due.
func (f *Feature) sweepPairing(ctx context.Context, p *store.Pairing, now time.Time) {
	quiet := silence
	if p.Source == "round" {
		quiet = roundSilence
	}
	if now.Sub(time.UnixMilli(p.LastActivityMs)) >= quiet {
		ok, err := f.interviews.ArchivePairing(ctx, p.ID)
		if err != nil {
			f.env.Log.Error("mock: archiving a pairing", "pairing", p.ID, "err", err)
			return
		}
		if ok {
			f.endResources(ctx, p)
		}
		if p.Source == "round" {
			f.tallyRoundCheckin(ctx, p)
		}
		return
	}
	if p.ThreadID == "" {
		return
	}
	if !p.ReminderSent && (p.Status == store.PairingOpen || p.Status == store.PairingFinished) {
		due := p.SuggestedStart().Add(reminderAfterStart)
		if p.Status == store.PairingFinished {
			due = time.UnixMilli(p.EndedMs).Add(reminderAfterFinish)
		}
		if p.Source == "round" && p.Status == store.PairingOpen {
			due = time.Time{} // rounds meet whenever they agree; the check-in asks instead
		}
		if !due.IsZero() && !now.Before(due) {
			f.remindFeedback(ctx, p)
		}
	}
	if p.Source == "round" && !p.CheckinSent && p.Status == store.PairingOpen && now.Sub(time.UnixMilli(p.CreatedMs)) >= checkinAfter {
		f.askCheckin(ctx, p)
	}
}

// askCheckin asks a weekly-round pair, once, whether they met.
func (f *Feature) askCheckin(ctx context.Context, p *store.Pairing) {
	if ok, err := f.interviews.ClaimPairingFlag(ctx, p.ID, store.FlagCheckin); err != nil || !ok {
		return
	}
	id := strconv.FormatInt(p.ID, 10)
	_, err := f.env.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
		// Only members still taking part: a mention would add a
		// member removed after a no-show back to the private thread.
		Content: fmt.Sprintf("👋 %s: did you meet for your mock interview? Each of you, please answer: after %d weekly rounds in a row without an answer, a member leaves the rounds.",
			mentions(p.ActiveMembers()), store.RoundMissLimit),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: userIDs(p.ActiveMembers())},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "We met", Style: discordgo.SuccessButton, CustomID: routeCheckin.ID(id, "yes")},
			discordgo.Button{Label: "Not yet", Style: discordgo.SecondaryButton, CustomID: routeCheckin.ID(id, "no")},
			discordgo.Button{Label: "They didn't show", Style: discordgo.DangerButton, CustomID: routeNoShow.ID(id)},
		}}},
	}, discordgo.WithContext(ctx))
	if err != nil {
		f.env.Log.Warn("mock: check-in message", "pairing", p.ID, "err", err)
	}
}

// remindFeedback posts, once, a reminder naming the members whose feedback
// is missing.
func (f *Feature) remindFeedback(ctx context.Context, p *store.Pairing) {
	fbs, err := f.feedback.OfPairing(ctx, p.ID)
	if err != nil {
		f.env.Log.Error("mock: reading feedback", "pairing", p.ID, "err", err)
		return
	}
	gave := map[string]bool{}
	for _, fb := range fbs {
		gave[fb.GiverID] = true
	}
	var missing []store.PairMember
	for _, x := range p.Members {
		if !gave[x.UserID] && !x.Absent {
			missing = append(missing, x)
		}
	}
	ok, err := f.interviews.ClaimPairingFlag(ctx, p.ID, store.FlagReminder)
	if err != nil || !ok || len(missing) == 0 {
		return
	}
	_, err = f.env.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
		Content: fmt.Sprintf("⏰ %s: how did it go? Press **Give feedback** on the first message of this thread; it takes a minute and helps your partner most.",
			mentions(missing)),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: userIDs(missing)},
	}, discordgo.WithContext(ctx))
	if err != nil {
		f.env.Log.Warn("mock: feedback reminder", "pairing", p.ID, "err", err)
	}
}

// tallyRoundCheckin counts, once, who answered an archived round
// pairing's check-in, and tells the members who left the rounds for
// leaving RoundMissLimit check-ins in a row unanswered how to rejoin.
func (f *Feature) tallyRoundCheckin(ctx context.Context, p *store.Pairing) {
	dropped, err := f.avail.TallyRoundCheckin(ctx, p.ID)
	if err != nil {
		f.env.Log.Error("mock: counting a round's check-in", "pairing", p.ID, "err", err)
		return
	}
	if len(dropped) == 0 {
		return
	}
	set, err := f.interviews.Settings(ctx, p.GuildID)
	if err != nil {
		f.env.Log.Warn("mock: reading settings", "guild", p.GuildID, "err", err)
	}
	where := "on the rounds' sign-up message"
	if set.RoundsChannelID != "" {
		where = "on the sign-up message in <#" + set.RoundsChannelID + ">"
	}
	for _, u := range dropped {
		f.notify(ctx, u, set.RoundsChannelID, fmt.Sprintf("👋 I took you out of the weekly mock rounds in %s: your last %d rounds' \"did you meet?\" went unanswered, so I guessed you are busy. Press **Join the rounds** %s whenever you want to come back.",
			f.guildName(p.GuildID), store.RoundMissLimit, where))
	}
}
