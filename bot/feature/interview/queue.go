package interview

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// join answers /mock: with options it joins the queue (or changes the
// member's preferences in it) and pairs at once when someone suitable
// waits; without, it shows the member's place.
func (f *Feature) join(c *bot.Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Mock interviews are arranged in a server: run /mock there.")
	}
	// The zone is checked first and saved only once every option is
	// valid: a refused /mock changes nothing.
	zone, zoneNote, zoneGiven, err := f.zoneOption(c)
	if err != nil {
		return err
	}
	if zoneGiven && onlyZone(c) {
		if err := f.avail.SetMemberZone(c, c.UserID(), zone); err != nil {
			return err
		}
		return c.ReplyEphemeral(zoneNote)
	}
	if !optionsGiven(c) {
		if done, err := f.replySnoozed(c); done || err != nil {
			return err
		}
		return f.showPlace(c)
	}
	// Acknowledge at once: reading the member's place, pairing in a durable
	// transaction and several REST calls (thread, members, voice channel,
	// message) can, under load and Discord's per-channel rate limits,
	// approach the 3 s deadline.
	if err := c.Defer(true); err != nil {
		return fmt.Errorf("deferring /mock: %w", err)
	}
	if done, err := f.replySnoozed(c); done || err != nil {
		return err
	}
	// Options left out keep what the member is queued with.
	old, _, _, err := f.interviews.QueueEntry(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	prefs, err := f.readPrefs(c, old)
	if err != nil {
		return err
	}
	if zoneGiven {
		if err := f.avail.SetMemberZone(c, c.UserID(), zone); err != nil {
			return err
		}
	}
	topic := topicOf(prefs.Topic)
	now := f.env.Now()
	res, err := f.interviews.JoinQueue(c, store.JoinRequest{
		GuildID: c.GuildID(), UserID: c.UserID(), Topic: topic.Key, Role: prefs.Role, Company: prefs.Company, Level: prefs.Level,
		ChannelID: c.ChannelID(), DefaultExpiry: f.cfg.QueueExpiry, SuggestedStart: suggestedStart(now), Pick: pick,
	})
	if err != nil {
		return err
	}
	switch {
	case res.OpenPairing != nil:
		return errs.E(errs.Conflict, "You are already in a mock interview: %s. Finish it there (or report a no-show) before asking for another.",
			threadLink(res.OpenPairing))
	case res.Pairing != nil:
		p, err := f.openPairing(c, res.Pairing, true)
		if err != nil {
			return err
		}
		partner := p.Others(c.UserID())
		return c.Reply(&discordgo.InteractionResponseData{
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: &discordgo.MessageAllowedMentions{},
			Embeds: []*discordgo.MessageEmbed{{
				Title: "You have a partner!",
				Description: fmt.Sprintf("You are paired with %s for a **%s** mock interview. Meet in %s, suggested start %s.\n%s",
					mentions(partner), topic.Name, threadLink(p), timestamp(p.SuggestedStart()), prefsSummary(p)),
				Color: bot.BrandColor,
			}},
		})
	}
	reply := f.queuedMessage(res.Entry, res.Position, res.Size, res.EstimatedWait, res.Updated)
	if ch := changes(old, prefs); ch != "" {
		reply.Embeds[0].Description = ch + "\n" + reply.Embeds[0].Description
	}
	if zoneNote != "" {
		reply.Embeds[0].Description = zoneNote + "\n" + reply.Embeds[0].Description
	}
	return c.Reply(reply)
}

// showPlace answers /mock without a topic: the member's place, or how to
// join.
func (f *Feature) showPlace(c *bot.Ctx) error {
	if p, err := f.interviews.OpenPairingOf(c, c.GuildID(), c.UserID()); err != nil {
		return err
	} else if p != nil {
		return c.ReplyEphemeral("You are in a mock interview: " + threadLink(p) + ".")
	}
	e, pos, size, err := f.interviews.QueueEntry(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if e == nil {
		return errs.E(errs.Invalid, "You are not in the queue. Choose a topic to join it, e.g. `/mock topic:Coding role:Software Engineer`.")
	}
	return c.Reply(f.queuedMessage(e, pos, size, 0, true))
}

// queuedMessage is the reply to a queued member: their preferences, place,
// estimated wait and hold, and a button to leave.
func (f *Feature) queuedMessage(e *store.QueueEntry, pos, size int, wait time.Duration, updated bool) *discordgo.InteractionResponseData {
	t := topicOf(e.Topic)
	title := "You are in the queue"
	if updated {
		title = "You are still in the queue"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Topic: **%s**", t.Name)
	for _, p := range []struct{ k, v string }{{"role", e.Role}, {"company", e.Company}, {"level", e.Level}} {
		if p.v != "" {
			fmt.Fprintf(&b, " · %s: %s", p.k, bot.EscapeText(p.v))
		}
	}
	fmt.Fprintf(&b, "\nPlace **%d** of **%d** waiting for %s.", pos, size, t.Name)
	if wait > 0 {
		fmt.Fprintf(&b, "\nEstimated wait: about %s (recent pairings in this topic).", duration(wait))
	} else {
		b.WriteString("\nEstimated wait: unknown yet; you will be paired as soon as someone compatible runs /mock.")
	}
	if hold := holdLine(e, f.env.Now()); hold != "" {
		b.WriteString("\n" + hold)
	}
	fmt.Fprintf(&b, "\nYour place expires %s. Run `/mock` again to see your place; give only the options you want to change (`any` clears a role, company or level).",
		fmt.Sprintf("<t:%d:R>", e.Expires().Unix()))
	return &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: &discordgo.MessageAllowedMentions{},
		Embeds: []*discordgo.MessageEmbed{{Title: title, Description: b.String(), Color: bot.BrandColor,
			Footer: &discordgo.MessageEmbedFooter{Text: matchingRules}}},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Leave the queue", Style: discordgo.DangerButton, CustomID: routeLeave.ID()},
		}}},
	}
}

// leave is the queue reply's Leave button.
func (f *Feature) leave(c *bot.Ctx) error {
	left, err := f.interviews.LeaveQueue(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	text := "You left the mock interview queue."
	if !left {
		text = "You are not in the queue any more (you were paired, or your place expired)."
	}
	return c.Update(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{{Description: text, Color: bot.BrandColor}},
		Components: []discordgo.MessageComponent{},
	})
}

// autocomplete suggests the bank's roles and companies for /mock, those of
// the chosen topic's category first.
func (f *Feature) autocomplete(c *bot.Ctx) error {
	focused := c.Focused()
	if focused == nil {
		return c.Choices(nil)
	}
	kind := data.KindRole
	if focused.Name == "company" {
		kind = data.KindCompany
	}
	typed, _ := focused.Value.(string)
	if focused.Name == "timezone" {
		return c.Choices(bot.NameChoices(schedule.SuggestZones(typed, 25)))
	}
	filter := store.Filter{Scope: c.GuildID()}
	if t, ok := match.ParseTopic(c.String("topic")); ok {
		filter.Category = t.Category
	}
	vals, err := f.questions.Autocomplete(c, kind, filter, typed, 25)
	if err != nil {
		return err
	}
	if len(vals) == 0 && filter.Category != "" {
		if vals, err = f.questions.Autocomplete(c, kind, store.Filter{Scope: c.GuildID()}, typed, 25); err != nil {
			return err
		}
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, v := range vals {
		name := bot.Truncate(v.Name, 100)
		if utf8.RuneCountInString(v.Name) > maxPref {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: v.Name})
	}
	return c.Choices(out)
}

// cleanPref validates a role or company a member typed: trimmed, no
// control characters, at most maxPref characters; a name the bank
// knows is replaced by its canonical spelling.
func (f *Feature) cleanPref(c *bot.Ctx, kind data.Kind, label, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if !utf8.ValidString(v) || strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return "", errs.E(errs.Invalid, "The %s contains characters that are not allowed.", label)
	}
	if n := utf8.RuneCountInString(v); n > maxPref {
		return "", errs.E(errs.Invalid, "The %s is %d characters long; the limit is %d.", label, n, maxPref)
	}
	if name, ok, err := f.questions.Resolve(c, kind, c.GuildID(), v); err == nil && ok {
		return name, nil
	}
	return strings.Join(strings.Fields(v), " "), nil
}

// suggestedStart is now plus startDelay, rounded up to 5 minutes.
func suggestedStart(now time.Time) time.Time {
	t := now.Add(startDelay)
	if r := t.Truncate(5 * time.Minute); !r.Equal(t) {
		t = r.Add(5 * time.Minute)
	}
	return t
}

// topicOf returns the topic of a stored key (or a typed name).
func topicOf(key string) match.Topic {
	if t, ok := match.ParseTopic(key); ok {
		return t
	}
	return match.Topic{Key: key, Name: key, Category: key}
}

// matchEntry converts a queue entry for package match.
func matchEntry(e store.QueueEntry) match.Entry {
	return match.Entry{ID: e.ID, Guild: e.GuildID, User: e.UserID, Topic: e.Topic, Role: e.Role, Company: e.Company,
		Level: e.Level, Zone: e.Zone, Joined: e.Joined(), Front: e.Front, HoldUntil: holdUntil(e)}
}

// pick is the store's picker: match.Best over the waiting entries.
func pick(newcomer store.QueueEntry, waiting []store.QueueEntry, recent map[string]time.Time, now time.Time) int {
	ws := make([]match.Entry, len(waiting))
	for i, w := range waiting {
		ws[i] = matchEntry(w)
	}
	hist := match.History{}
	for u, t := range recent {
		hist.Add(newcomer.UserID, u, t)
	}
	best, ok := match.Best(matchEntry(newcomer), ws, hist, now)
	if !ok {
		return -1
	}
	for i := range waiting {
		if waiting[i].ID == best.ID {
			return i
		}
	}
	return -1
}
