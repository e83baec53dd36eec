package interview

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// preferences is what a member asks /mock for.
type preferences struct{ Topic, Role, Company, Level string }

// clears reports whether a typed preference asks to clear it.
func clears(v string) bool {
	v = strings.TrimSpace(v)
	return strings.EqualFold(v, "any") || strings.EqualFold(v, "none")
}

// optionsGiven reports whether /mock was run with any option.
func optionsGiven(c *bot.Ctx) bool {
	for _, n := range []string{"topic", "role", "company", "level", "timezone"} {
		if c.Option(n) != nil {
			return true
		}
	}
	return false
}

// readPrefs reads /mock's options over old, the member's current queue
// entry (nil when not queued): an option given replaces that preference
// ("any" clears it), an option left out keeps it.
func (f *Feature) readPrefs(c *bot.Ctx, old *store.QueueEntry) (preferences, error) {
	var p preferences
	if old != nil {
		p = preferences{Topic: old.Topic, Role: old.Role, Company: old.Company, Level: old.Level}
	}
	if v := c.String("topic"); v != "" {
		t, ok := match.ParseTopic(v)
		if !ok {
			return p, errs.E(errs.Invalid, "Unknown topic %q. Choose one from the list.", bot.Truncate(v, 50))
		}
		p.Topic = t.Key
	}
	if p.Topic == "" {
		return p, errs.E(errs.Invalid, "Choose a topic to join the queue, e.g. `/mock topic:Coding role:Software Engineer`.")
	}
	for _, o := range []struct {
		name string
		kind data.Kind
		into *string
	}{{"role", data.KindRole, &p.Role}, {"company", data.KindCompany, &p.Company}} {
		if c.Option(o.name) == nil {
			continue
		}
		v := c.String(o.name)
		if clears(v) {
			*o.into = ""
			continue
		}
		clean, err := f.cleanPref(c, o.kind, o.name, v)
		if err != nil {
			return p, err
		}
		*o.into = clean
	}
	if c.Option("level") != nil {
		level := strings.ToLower(strings.TrimSpace(c.String("level")))
		switch {
		case clears(level) || level == "":
			p.Level = ""
		case match.ParseLevel(level) == match.LevelUnknown:
			return p, errs.E(errs.Invalid, "Unknown level %q. Choose one of: %s, or any.", bot.Truncate(level, 30), strings.Join(levels, ", "))
		default:
			p.Level = level
		}
	}
	return p, nil
}

// changes says what a /mock run changed in a queued member's entry:
// "" for a member who was not queued.
func changes(old *store.QueueEntry, p preferences) string {
	if old == nil {
		return ""
	}
	var changed, kept []string
	if old.Topic != p.Topic {
		changed = append(changed, fmt.Sprintf("topic %s → **%s**", topicOf(old.Topic).Name, topicOf(p.Topic).Name))
	}
	for _, f := range []struct{ name, was, now string }{
		{"role", old.Role, p.Role}, {"company", old.Company, p.Company}, {"level", old.Level, p.Level},
	} {
		switch {
		case f.was == f.now && f.now != "":
			kept = append(kept, fmt.Sprintf("%s %s", f.name, bot.EscapeText(f.now)))
		case f.was == f.now:
		case f.now == "":
			changed = append(changed, fmt.Sprintf("%s cleared (was %s)", f.name, bot.EscapeText(f.was)))
		case f.was == "":
			changed = append(changed, fmt.Sprintf("%s **%s** (new)", f.name, bot.EscapeText(f.now)))
		default:
			changed = append(changed, fmt.Sprintf("%s %s → **%s**", f.name, bot.EscapeText(f.was), bot.EscapeText(f.now)))
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

// holdUntil is when a queue entry's role and level stop being
// requirements: match.HoldFor after joining; never for a member put back
// at the front after a no-show, who has waited already.
func holdUntil(e store.QueueEntry) time.Time {
	if e.Front {
		return time.Time{}
	}
	return e.Joined().Add(match.HoldFor)
}

// holdLine tells a queued member until when their role and level are
// required, or "" when they gave neither or the hold is over.
func holdLine(e *store.QueueEntry, now time.Time) string {
	until := holdUntil(*e)
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

// matchingRules is the footer of /mock's queue reply.
var matchingRules = fmt.Sprintf("How partners are chosen: for your first %d minutes, only the same role and a level at most one step away "+
	"(where both of you gave one); after that, anyone in the topic, closest first. Company only breaks ties.", int(match.HoldFor.Minutes()))

// memberEntry is a pairing member as package match sees them.
func memberEntry(x store.PairMember) match.Entry {
	return match.Entry{User: x.UserID, Role: x.Role, Company: x.Company, Level: x.Level}
}

// prefsSummary says which preferences of a pair matched and which were
// relaxed, for the pairing message and the /mock reply; "" for a trio.
func prefsSummary(p *store.Pairing) string {
	if len(p.Members) != 2 {
		return ""
	}
	a, b := p.Members[0], p.Members[1]
	c := match.Compare(memberEntry(a), memberEntry(b))
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
		va, vb := bot.EscapeText(f.va), bot.EscapeText(f.vb)
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

// prefsField is the pairing message's "Preferences" field, or nil.
func prefsField(p *store.Pairing) *discordgo.MessageEmbedField {
	s := prefsSummary(p)
	if s == "" {
		return nil
	}
	return &discordgo.MessageEmbedField{Name: "Preferences", Value: bot.Truncate(s, bot.MaxFieldValue)}
}

// onlyZone reports whether /mock was run with timezone alone.
func onlyZone(c *bot.Ctx) bool {
	for _, n := range []string{"topic", "role", "company", "level"} {
		if c.Option(n) != nil {
			return false
		}
	}
	return c.Option("timezone") != nil
}

// zoneOption reads /mock's timezone option without saving it: the zone to
// remember ("" to forget it), a line saying so, and whether the option was
// given. A zone that cannot be read is an Invalid error.
func (f *Feature) zoneOption(c *bot.Ctx) (zone, note string, given bool, err error) {
	if c.Option("timezone") == nil {
		return "", "", false, nil
	}
	v, err := cleanText("time zone", c.String("timezone"), maxZoneText)
	if err != nil {
		return "", "", true, err
	}
	if clears(v) {
		return "", "I forgot your time zone: partners are matched without it.", true, nil
	}
	loc, advice, err := schedule.ParseZone(v)
	if err != nil {
		return "", "", true, errs.E(errs.Invalid, "Time zone: %s", bot.EscapeText(err.Error()))
	}
	note = fmt.Sprintf("Your time zone is now **%s** (%s there now). Partners within %d hours of it come first, and the times you propose are read in it.",
		loc.String(), f.env.Now().In(loc).Format("15:04"), int(match.NearZone.Hours()))
	if advice != "" {
		note += " ⚠️ " + advice
	}
	return loc.String(), note, true, nil
}
