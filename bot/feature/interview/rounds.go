package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// mockSweepEvery is how often the background loop sweeps.
const mockSweepEvery = 30 * time.Second

// Weekdays of weekly rounds, Sunday first as time.Weekday.
var (
	mockWeekdays    = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	mockWeekdayKeys = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
)

// start runs the mock interview sweep until ctx ends.
func (m *mockFeature) start(ctx context.Context) {
	t := time.NewTicker(mockSweepEvery)
	defer t.Stop()
	for {
		m.sweep(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// SweepNow runs one sweep now.
func (m *mockFeature) SweepNow(ctx context.Context) error {
	m.sweep(ctx)
	return nil
}

// sweep does the mock interview work that is due at b.Now(): it expires
// queue entries (with a DM, or a notice in the channel where /mock was
// used when DMs are closed), reminds pairings about missing feedback,
// asks weekly-round pairs whether they met, archives silent pairings and
// runs due weekly rounds. Each step is claimed in the store first, so it
// happens once however often sweep runs. Tests call it directly.
func (m *mockFeature) sweep(ctx context.Context) {
	now := m.b.Now()
	expired, err := m.b.Store.Interviews.ExpireQueue(ctx, now)
	if err != nil {
		m.b.Log.Error("mock: expiring the queue", "err", err)
	}
	for _, e := range expired {
		m.notifyExpired(ctx, e)
	}
	m.pairRelaxed(ctx, now)
	pairings, err := m.b.Store.Interviews.ActivePairings(ctx)
	if err != nil {
		m.b.Log.Error("mock: listing pairings", "err", err)
	}
	for _, p := range pairings {
		m.sweepPairing(ctx, p, now)
	}
	due, err := m.b.Store.Interviews.DueRounds(ctx, now)
	if err != nil {
		m.b.Log.Error("mock: listing due rounds", "err", err)
	}
	for _, set := range due {
		loc, err := mockRoundsZone(set.RoundsTimezone)
		if err != nil {
			// A zone this host's zone database no longer knows: keep the
			// rounds going on UTC rather than stopping them.
			m.b.Log.Warn("mock: weekly round time zone", "guild", set.GuildID, "zone", set.RoundsTimezone, "err", err)
			loc = time.UTC
		}
		next := mockNextRound(now, set.RoundsWeekday, set.RoundsTime, loc)
		ok, err := m.b.Store.Interviews.ClaimRound(ctx, set.GuildID, time.UnixMilli(set.RoundsNextAt), next)
		if err != nil || !ok {
			continue
		}
		if err := m.runRound(ctx, set, now); err != nil {
			m.b.Log.Error("mock: weekly round", "guild", set.GuildID, "err", err)
		}
	}
}

// notifyExpired tells a member their queue entry expired: by DM, or in the
// channel where they used /mock when DMs fail.
func (m *mockFeature) notifyExpired(ctx context.Context, e store.QueueEntry) {
	topic := mockTopic(e.Topic)
	text := fmt.Sprintf("Your place in the **%s** mock interview queue expired: nobody compatible came along in time. Run `/mock topic:%s` to join again.",
		topic.Name, topic.Name)
	m.mockNotify(ctx, e.UserID, e.ChannelID, text)
}

func (m *mockFeature) sweepPairing(ctx context.Context, p *store.Pairing, now time.Time) {
	silence := mockSilence
	if p.Source == "round" {
		silence = mockRoundSilence
	}
	if now.Sub(time.UnixMilli(p.LastActivityMs)) >= silence {
		if ok, err := m.b.Store.Interviews.ArchivePairing(ctx, p.ID); err != nil {
			m.b.Log.Error("mock: archiving a pairing", "pairing", p.ID, "err", err)
		} else if ok {
			m.endResources(ctx, p)
		}
		return
	}
	if p.ThreadID == "" {
		return
	}
	if !p.ReminderSent && (p.Status == store.PairingOpen || p.Status == store.PairingFinished) {
		due := p.SuggestedStart().Add(mockReminderAfterStart)
		if p.Status == store.PairingFinished {
			due = time.UnixMilli(p.EndedMs).Add(mockReminderAfterFinish)
		}
		if p.Source == "round" && p.Status == store.PairingOpen {
			due = time.Time{} // rounds meet whenever they agree; the check-in asks instead
		}
		if !due.IsZero() && !now.Before(due) {
			m.remindFeedback(ctx, p)
		}
	}
	if p.Source == "round" && !p.CheckinSent && p.Status == store.PairingOpen && now.Sub(time.UnixMilli(p.CreatedMs)) >= mockCheckinAfter {
		if ok, err := m.b.Store.Interviews.ClaimPairingFlag(ctx, p.ID, store.FlagCheckin); err == nil && ok {
			id := strconv.FormatInt(p.ID, 10)
			_, err := m.b.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
				// Only members still taking part: a mention would add a
				// member removed after a no-show back to the private thread.
				Content:         fmt.Sprintf("👋 %s: did you meet for your mock interview?", mockMentions(p.ActiveMembers())),
				AllowedMentions: &discordgo.MessageAllowedMentions{Users: mockIDs(p.ActiveMembers())},
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "We met", Style: discordgo.SuccessButton, CustomID: CustomID("m1/checkin", id, "yes")},
					discordgo.Button{Label: "Not yet", Style: discordgo.SecondaryButton, CustomID: CustomID("m1/checkin", id, "no")},
				}}},
			}, discordgo.WithContext(ctx))
			if err != nil {
				m.b.Log.Warn("mock: check-in message", "pairing", p.ID, "err", err)
			}
		}
	}
}

// remindFeedback posts, once, a reminder naming the members whose feedback
// is missing.
func (m *mockFeature) remindFeedback(ctx context.Context, p *store.Pairing) {
	fbs, err := m.b.Store.Feedback.OfPairing(ctx, p.ID)
	if err != nil {
		m.b.Log.Error("mock: reading feedback", "pairing", p.ID, "err", err)
		return
	}
	gave := map[string]bool{}
	for _, f := range fbs {
		gave[f.GiverID] = true
	}
	var missing []store.PairMember
	for _, x := range p.Members {
		if !gave[x.UserID] && !x.Absent {
			missing = append(missing, x)
		}
	}
	ok, err := m.b.Store.Interviews.ClaimPairingFlag(ctx, p.ID, store.FlagReminder)
	if err != nil || !ok || len(missing) == 0 {
		return
	}
	ids := make([]string, len(missing))
	for i, x := range missing {
		ids[i] = x.UserID
	}
	_, err = m.b.Session.ChannelMessageSendComplex(p.ThreadID, &discordgo.MessageSend{
		Content: fmt.Sprintf("⏰ %s: how did it go? Press **Give feedback** on the first message of this thread; it takes a minute and helps your partner most.",
			mockMentions(missing)),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: ids},
	}, discordgo.WithContext(ctx))
	if err != nil {
		m.b.Log.Warn("mock: feedback reminder", "pairing", p.ID, "err", err)
	}
}

// mockRoundsZone returns the location of a server's weekly rounds; the
// empty name, which rounds set up before zones existed have, is UTC.
func mockRoundsZone(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	return schedule.LoadZone(name)
}

// mockNextRound returns the first round strictly after now: weekday at
// hhmm in loc, by the daily post's DST rules (a time inside a
// spring-forward gap is the first instant after it; a repeated fall-back
// hour counts once). It returns the zero time for an unreadable hhmm.
func mockNextRound(now time.Time, weekday int, hhmm string, loc *time.Location) time.Time {
	clock, err := schedule.ParseClock(hhmm)
	if err != nil {
		return time.Time{}
	}
	next, _ := schedule.Schedule{Clock: clock, Days: schedule.DaysOf(time.Weekday(weekday)), Loc: loc}.NextAfter(now)
	return next
}

// mockRoundTopic is the topic of the weekly round held at t: the topics
// take turns week by week.
func mockRoundTopic(t time.Time) match.Topic {
	ts := match.Topics()
	_, week := t.UTC().ISOWeek()
	return ts[week%len(ts)]
}

// runRound pairs every opted-in member still holding the round's role
// (odd count: one trio), on the topic each chose or this week's (see
// match.PairRound), avoiding recent repeats, and opens a thread for each
// pairing.
func (m *mockFeature) runRound(ctx context.Context, set store.MockSettings, now time.Time) error {
	if set.ChannelID == "" {
		return errors.New("no mock channel is set")
	}
	members, err := m.b.Store.Interviews.RoundMembers(ctx, set.GuildID)
	if err != nil {
		return err
	}
	topic := mockRoundTopic(now)
	var entries []match.Entry
	for i, rm := range members {
		mem, err := m.b.Session.GuildMember(set.GuildID, rm.UserID, discordgo.WithContext(ctx))
		if err != nil {
			var re *discordgo.RESTError
			if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == 404 {
				_, _ = m.b.Store.Interviews.LeaveRounds(ctx, set.GuildID, rm.UserID) // left the server
			}
			continue
		}
		if set.RoundsRoleID != "" && !mockHasRole(mem, set.RoundsRoleID) {
			continue
		}
		entries = append(entries, match.Entry{ID: int64(i + 1), Guild: set.GuildID, User: rm.UserID, Topic: rm.Topic,
			Joined: time.UnixMilli(rm.JoinedMs)})
	}
	raw, err := m.b.Store.Interviews.PairHistory(ctx, set.GuildID, now.Add(-match.RepeatWindow))
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
		ps, err := m.b.Store.Interviews.CreateRoundPairings(ctx, set.GuildID, t, set.ChannelID, now.Add(mockRoundStartDelay), byTopic[t])
		if err != nil {
			return err
		}
		created = append(created, ps...)
	}
	for _, p := range created {
		if _, err := m.openPairing(ctx, p, false); err != nil {
			m.b.Log.Warn("mock: opening a round pairing", "pairing", p.ID, "err", err)
		}
	}
	m.b.Log.Info("mock: weekly round", "guild", set.GuildID, "members", len(entries), "pairings", len(created))
	return nil
}

func mockHasRole(mem *discordgo.Member, roleID string) bool {
	for _, r := range mem.Roles {
		if r == roleID {
			return true
		}
	}
	return false
}

// checkin records a weekly-round pair's answer to "did you meet?".
func (m *mockFeature) checkin(c *Ctx) error {
	p, err := m.pairingFor(c)
	if err != nil {
		return err
	}
	if len(c.Args) > 1 && c.Args[1] == "yes" {
		if _, err := m.b.Store.Interviews.ClaimPairingFlag(c, p.ID, store.FlagMet); err != nil {
			return err
		}
		return c.Reply(&discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{},
			Content: fmt.Sprintf("🎉 <@%s> says you met. Press **Finish** and **Give feedback** if you have not yet.", c.UserID())})
	}
	return c.Reply(&discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{},
		Content: fmt.Sprintf("<@%s> says not yet. Suggest a time here, e.g. with the packet ready; the thread stays open while you talk.", c.UserID())})
}

// roundsButton opts a member in to or out of weekly rounds, from the
// sign-up message's buttons and its topic menu.
func (m *mockFeature) roundsButton(c *Ctx) error {
	set, err := m.b.Store.Interviews.Settings(c, c.GuildID())
	if err != nil {
		return err
	}
	if len(c.Args) > 0 && c.Args[0] == "leave" {
		left, err := m.b.Store.Interviews.LeaveRounds(c, c.GuildID(), c.UserID())
		if err != nil {
			return err
		}
		if !left {
			return c.ReplyEphemeral("You were not in the weekly rounds.")
		}
		return c.ReplyEphemeral("You left the weekly mock rounds.")
	}
	if len(c.Args) > 0 && c.Args[0] == "topic" {
		topic, err := roundsTopicChoice(c)
		if err != nil {
			return err
		}
		return m.roundsJoin(c, set, &topic)
	}
	return m.roundsJoin(c, set, nil)
}
