package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// What /mock's role, company and level do (README, "/mock"): for the
// first match.HoldFor of a member's wait, role and level are requirements
// (the same role, a level at most one step away, wherever both members
// gave one); after that they are preferences, and anyone waiting for the
// topic will do, the closest first. Company only breaks ties. Running /mock
// again while queued changes only the options given.

// mockPrefs is what a member asks /mock for.
type mockPrefs struct{ Topic, Role, Company, Level string }

// mockClears reports whether a typed preference asks to clear it.
func mockClears(v string) bool {
	v = strings.TrimSpace(v)
	return strings.EqualFold(v, "any") || strings.EqualFold(v, "none")
}

// mockOptionsGiven reports whether /mock was run with any option.
func mockOptionsGiven(c *Ctx) bool {
	for _, n := range []string{"topic", "role", "company", "level"} {
		if c.Option(n) != nil {
			return true
		}
	}
	return false
}

// readPrefs reads /mock's options over old, the member's current queue
// entry (nil when not queued): an option given replaces that preference
// ("any" clears it), an option left out keeps it.
func (m *mockFeature) readPrefs(c *Ctx, old *store.QueueEntry) (mockPrefs, error) {
	var p mockPrefs
	if old != nil {
		p = mockPrefs{Topic: old.Topic, Role: old.Role, Company: old.Company, Level: old.Level}
	}
	if v := c.String("topic"); v != "" {
		t, ok := match.ParseTopic(v)
		if !ok {
			return p, errs.E(errs.Invalid, "Unknown topic %q. Choose one from the list.", Truncate(v, 50))
		}
		p.Topic = t.Key
	}
	if p.Topic == "" {
		return p, errs.E(errs.Invalid, "Choose a topic to join the queue, e.g. `/mock topic:Coding role:Software Engineer`.")
	}
	for _, f := range []struct {
		name string
		kind data.Kind
		into *string
	}{{"role", data.KindRole, &p.Role}, {"company", data.KindCompany, &p.Company}} {
		if c.Option(f.name) == nil {
			continue
		}
		v := c.String(f.name)
		if mockClears(v) {
			*f.into = ""
			continue
		}
		clean, err := m.mockCleanPref(c, f.kind, f.name, v)
		if err != nil {
			return p, err
		}
		*f.into = clean
	}
	if c.Option("level") != nil {
		level := strings.ToLower(strings.TrimSpace(c.String("level")))
		switch {
		case mockClears(level) || level == "":
			p.Level = ""
		case match.ParseLevel(level) == match.LevelUnknown:
			return p, errs.E(errs.Invalid, "Unknown level %q. Choose one of: %s, or any.", Truncate(level, 30), strings.Join(mockLevels, ", "))
		default:
			p.Level = level
		}
	}
	return p, nil
}

// mockChanges says what a /mock run changed in a queued member's entry:
// "" for a member who was not queued.
func mockChanges(old *store.QueueEntry, p mockPrefs) string {
	if old == nil {
		return ""
	}
	var changed, kept []string
	if old.Topic != p.Topic {
		changed = append(changed, fmt.Sprintf("topic %s → **%s**", mockTopic(old.Topic).Name, mockTopic(p.Topic).Name))
	}
	for _, f := range []struct{ name, was, now string }{
		{"role", old.Role, p.Role}, {"company", old.Company, p.Company}, {"level", old.Level, p.Level},
	} {
		switch {
		case f.was == f.now && f.now != "":
			kept = append(kept, fmt.Sprintf("%s %s", f.name, mockEscape(f.now)))
		case f.was == f.now:
		case f.now == "":
			changed = append(changed, fmt.Sprintf("%s cleared (was %s)", f.name, mockEscape(f.was)))
		case f.was == "":
			changed = append(changed, fmt.Sprintf("%s **%s** (new)", f.name, mockEscape(f.now)))
		default:
			changed = append(changed, fmt.Sprintf("%s %s → **%s**", f.name, mockEscape(f.was), mockEscape(f.now)))
		}
	}
	var b strings.Builder
	if len(changed) == 0 {
		b.WriteString("Nothing changed: those are already your preferences.")
	} else {
		b.WriteString("Changed: " + strings.Join(changed, "; ") + ".")
	}
	if len(kept) > 0 {
		b.WriteString(" Kept: " + strings.Join(kept, "; ") + ".")
	}
	return b.String()
}

// mockHoldUntil is when a queue entry's role and level stop being
// requirements: match.HoldFor after joining; never for a member put back
// at the front after a no-show, who has waited already.
func mockHoldUntil(e store.QueueEntry) time.Time {
	if e.Front {
		return time.Time{}
	}
	return e.Joined().Add(match.HoldFor)
}

// mockHoldLine tells a queued member until when their role and level are
// required, or "" when they gave neither or the hold is over.
func mockHoldLine(e *store.QueueEntry, now time.Time) string {
	until := mockHoldUntil(*e)
	if e.Role == "" && e.Level == "" || !now.Before(until) {
		return ""
	}
	var what []string
	if e.Role != "" {
		what = append(what, "the same role")
	}
	if e.Level != "" {
		what = append(what, "a level at most one step from yours")
	}
	return fmt.Sprintf("Until <t:%d:t> (<t:%d:R>) you are paired only with %s (where your partner gave one); then with anyone waiting for this topic, the closest first.",
		until.Unix(), until.Unix(), strings.Join(what, " and "))
}

// mockMatchingRules is the footer of /mock's queue reply.
var mockMatchingRules = fmt.Sprintf("How partners are chosen: for your first %d minutes, only the same role and a level at most one step away "+
	"(where both of you gave one); after that, anyone in the topic, closest first. Company only breaks ties.", int(match.HoldFor.Minutes()))

// mockMemberEntry is a pairing member as package match sees them.
func mockMemberEntry(x store.PairMember) match.Entry {
	return match.Entry{User: x.UserID, Role: x.Role, Company: x.Company, Level: x.Level}
}

// mockPrefsSummary says which preferences of a pair matched and which were
// relaxed, for the pairing message and the /mock reply; "" for a trio.
func mockPrefsSummary(p *store.Pairing) string {
	if len(p.Members) != 2 {
		return ""
	}
	a, b := p.Members[0], p.Members[1]
	c := match.Compare(mockMemberEntry(a), mockMemberEntry(b))
	relaxed := fmt.Sprintf("relaxed: nobody closer came within %d minutes", int(match.HoldFor.Minutes()))
	if p.Source == "round" {
		relaxed = "weekly rounds pair everyone"
	}
	var lines []string
	for _, f := range []struct {
		what     string
		agree    match.Agreement
		va, vb   string
		icon, on string // for different values: how they were handled
	}{
		{"Role", c.Role, a.Role, b.Role, "↔️", relaxed},
		{"Level", c.Level, a.Level, b.Level, "↔️", relaxed},
		{"Company", c.Company, a.Company, b.Company, "➖", "company only breaks ties"},
	} {
		va, vb := mockEscape(f.va), mockEscape(f.vb)
		switch {
		case f.agree == match.Same:
			lines = append(lines, fmt.Sprintf("✅ %s: both %s", f.what, va))
		case f.agree == match.Near:
			lines = append(lines, fmt.Sprintf("✅ %s: %s and %s (one step apart)", f.what, va, vb))
		case f.agree == match.Differ:
			lines = append(lines, fmt.Sprintf("%s %s: %s and %s (%s)", f.icon, f.what, va, vb, f.on))
		case f.va != "":
			lines = append(lines, fmt.Sprintf("➖ %s: only <@%s> gave one (%s)", f.what, a.UserID, va))
		case f.vb != "":
			lines = append(lines, fmt.Sprintf("➖ %s: only <@%s> gave one (%s)", f.what, b.UserID, vb))
		}
	}
	if len(lines) == 0 {
		return "No role, company or level given: any partner in this topic fit."
	}
	return strings.Join(lines, "\n")
}

// mockPrefsField is the pairing message's "Preferences" field, or nil.
func mockPrefsField(p *store.Pairing) *discordgo.MessageEmbedField {
	s := mockPrefsSummary(p)
	if s == "" {
		return nil
	}
	return &discordgo.MessageEmbedField{Name: "Preferences", Value: Truncate(s, MaxFieldValue)}
}

// pairRelaxed pairs waiting members whose held preferences have relaxed
// and who now suit each other (nobody joins to trigger it). Each pairing
// is claimed in the store as a /mock run would be, so two sweeps never
// pair anyone twice. A pairing whose thread cannot be opened is cancelled
// and its members, who left the queue, are told why.
func (m *mockFeature) pairRelaxed(ctx context.Context, now time.Time) {
	waiting, err := m.b.Store.Interviews.QueueRelaxed(ctx, now, now.Add(-match.HoldFor))
	if err != nil {
		m.b.Log.Error("mock: reading the queue to pair", "err", err)
		return
	}
	if len(waiting) < 2 {
		return
	}
	es := make([]match.Entry, len(waiting))
	byID := make(map[int64]store.QueueEntry, len(waiting))
	for i, w := range waiting {
		es[i] = mockEntry(w)
		byID[w.ID] = w
	}
	pairs, _, _ := match.PairAll(es, nil, now, false)
	for _, pr := range pairs {
		e := byID[pr[0].ID]
		res, err := m.b.Store.Interviews.JoinQueue(ctx, store.JoinRequest{GuildID: e.GuildID, UserID: e.UserID, Topic: e.Topic,
			DefaultExpiry: m.b.cfg.QueueExpiry, SuggestedStart: mockSuggestedStart(now), Pick: mockPick, OnlyPair: true})
		if err != nil {
			m.b.Log.Warn("mock: pairing relaxed preferences", "guild", e.GuildID, "user", e.UserID, "err", err)
			continue
		}
		if res.Pairing == nil {
			continue
		}
		if _, err := m.openPairing(ctx, res.Pairing, false); err != nil {
			text := fmt.Sprintf("I found you a partner for a **%s** mock interview but could not set it up: %s You have left the queue; run `/mock` again once an admin has fixed this.",
				mockTopic(res.Pairing.Topic).Name, errs.Message(err))
			for _, x := range res.Pairing.Members {
				m.mockNotify(ctx, x.UserID, x.ChannelID, text)
			}
		}
	}
}

// mockNotify tells a member something by DM, or in channelID (mentioning
// them) when their DMs are closed.
func (m *mockFeature) mockNotify(ctx context.Context, userID, channelID, text string) {
	s := m.b.Session
	dm, err := s.UserChannelCreate(userID, discordgo.WithContext(ctx))
	if err == nil {
		_, err = s.ChannelMessageSendComplex(dm.ID, &discordgo.MessageSend{Content: text,
			AllowedMentions: &discordgo.MessageAllowedMentions{}}, discordgo.WithContext(ctx))
	}
	if err == nil || channelID == "" {
		return
	}
	if _, err := s.ChannelMessageSendComplex(channelID, &discordgo.MessageSend{Content: fmt.Sprintf("<@%s> %s", userID, text),
		AllowedMentions: &discordgo.MessageAllowedMentions{Users: []string{userID}}}, discordgo.WithContext(ctx)); err != nil {
		m.b.Log.Warn("mock: notice", "user", userID, "err", err)
	}
}
