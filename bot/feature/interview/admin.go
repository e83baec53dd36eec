package interview

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// adminRoutes registers /mock-admin's subcommands, for admins only.
func (f *Feature) adminRoutes(r *bot.Router) {
	r.Command("mock-admin/setup", f.adminSetup, bot.Admin(), bot.DeferEphemeral())
	r.Command("mock-admin/rounds", f.adminRounds, bot.Admin(), bot.DeferEphemeral())
	r.Command("mock-admin/checkin", f.adminCheckin, bot.Admin(), bot.DeferEphemeral())
	r.Command("mock-admin/queue", f.adminQueue, bot.Admin(), bot.DeferEphemeral())
	r.Command("mock-admin/reset-noshow", f.adminResetNoShow, bot.Admin(), bot.DeferEphemeral())
	r.Autocomplete("mock-admin", f.adminAutocomplete)
}

// adminSetup is /mock-admin setup: the mock channel, the queue expiry and
// the voice channels of pairs, each checked before anything is stored.
func (f *Feature) adminSetup(c *bot.Ctx) error {
	var u store.InterviewSetup
	if v := c.String("channel"); v != "" {
		ch, err := bot.FetchGuildChannel(c, v, mocksetup.Channel)
		if err != nil {
			return err
		}
		u.ChannelID = &ch.ID
	}
	if v := c.String("expiry"); v != "" {
		n, err := parseExpiry(v)
		if err != nil {
			return err
		}
		u.ExpiryMinutes = &n
	}
	if v := c.String("voice-category"); v != "" {
		ch, err := bot.FetchGuildChannel(c, v, mocksetup.VoiceCategory)
		if err != nil {
			return err
		}
		u.VoiceCategoryID = &ch.ID
	}
	if o := c.Option("voice"); o != nil {
		if on, _ := o.Value.(bool); on {
			if err := f.voiceCanTurnOn(c, u); err != nil {
				return err
			}
		} else {
			if u.VoiceCategoryID != nil {
				return errs.E(errs.Invalid, "Give either `voice-category:` (voice channels on, in that category) or `voice:false` (off), not both.")
			}
			off := ""
			u.VoiceCategoryID = &off
		}
	}
	if _, err := f.interviews.UpdateSettings(c, c.GuildID(), u); err != nil {
		return err
	}
	title := "Mock interview settings"
	if u.ChannelID == nil && u.ExpiryMinutes == nil && u.VoiceCategoryID == nil {
		title = "Mock interview settings (unchanged: give an option to change one)"
	} else {
		bot.RecordAudit(c, f.cfg.Audit, "mock.setup", setupDetail(u))
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral,
		AllowedMentions: &discordgo.MessageAllowedMentions{},
		Embeds:          []*discordgo.MessageEmbed{{Title: title, Description: f.SetupLine(c), Color: bot.BrandColor}}})
}

// setupDetail describes a /mock-admin setup change for the audit log, as
// the dashboard's settings form words it.
func setupDetail(u store.InterviewSetup) string {
	var parts []string
	if u.ChannelID != nil {
		parts = append(parts, "channel "+*u.ChannelID)
	}
	if u.ExpiryMinutes != nil {
		if *u.ExpiryMinutes == 0 {
			parts = append(parts, "expiry default")
		} else {
			parts = append(parts, "expiry "+span(time.Duration(*u.ExpiryMinutes)*time.Minute))
		}
	}
	if u.VoiceCategoryID != nil {
		if *u.VoiceCategoryID == "" {
			parts = append(parts, "voice channels off")
		} else {
			parts = append(parts, "voice category "+*u.VoiceCategoryID)
		}
	}
	return strings.Join(parts, ", ")
}

// parseExpiry reads /mock-admin setup's expiry (mocksetup.ParseExpiry).
func parseExpiry(s string) (int, error) { return mocksetup.ParseExpiry(s) }

// voiceCanTurnOn checks that voice:true has a category to put the
// channels in: the one given now or the one already set.
func (f *Feature) voiceCanTurnOn(c *bot.Ctx, u store.InterviewSetup) error {
	set, err := f.interviews.Settings(c, c.GuildID())
	if err != nil {
		return err
	}
	return mocksetup.VoiceCanTurnOn(u, set)
}

// adminRounds is /mock-admin rounds: it sets the weekly rounds up, changes
// or pauses them (mocksetup.Rounds' checks), and shows their sign-up
// message in the mock channel.
func (f *Feature) adminRounds(c *bot.Ctx) error {
	set, err := f.interviews.Settings(c, c.GuildID())
	if err != nil {
		return err
	}
	in := mocksetup.RoundsInput{Weekday: c.String("weekday"), Time: c.String("time"), Timezone: c.String("timezone")}
	if v := c.String("role"); v != "" {
		in.Role = &v
	}
	if o := c.Option("enabled"); o != nil {
		on, _ := o.Value.(bool)
		in.Enabled = &on
	}
	if in.Timezone == "" && set.RoundsTimezone == "" {
		if cfg, err := f.daily.Config(c, c.GuildID()); err == nil && cfg != nil {
			in.DailyZone = cfg.Zone
		}
	}
	r, zone, problems := mocksetup.Rounds(set, in)
	if len(problems) > 0 {
		return problems[0].Err
	}
	res, err := f.ApplyRounds(c, c.GuildID(), r, zone)
	if err != nil {
		return err
	}
	bot.RecordAudit(c, f.cfg.Audit, "mock.rounds", mocksetup.RoundsDetail(r))
	posted := signupSentence(res.Signup, res.Settings.ChannelID)
	if !r.Enabled {
		text := "Weekly mock rounds are off. Members who joined stay listed for when you turn them on again."
		if !res.WasOn {
			text = "Weekly mock rounds were already off. Members who joined stay listed for when you turn them on again."
		}
		if posted != "" {
			text += " " + posted
		}
		return c.ReplyEphemeral(text)
	}
	open := "open to every member"
	if r.RoleID != "" {
		open = "open to members with <@&" + r.RoleID + ">"
	}
	if w := schedule.ZoneAdvice(zone); w != "" {
		posted += "\n⚠️ " + w
	}
	status := "Weekly mock rounds are on"
	if res.WasOn {
		status = "Weekly mock rounds were already on; they are now"
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Content: fmt.Sprintf("%s: %s at %s %s, %s. Next round: %s.\n%s", status, mocksetup.Weekdays[r.Weekday], r.Time, r.Timezone, open, timestamp(res.Next), posted)})
}

// ApplyRounds stores weekly rounds checked with mocksetup.Rounds, with
// their next round, and shows their sign-up message in the mock channel:
// what /mock-admin rounds does, and the dashboard through
// bot.RoundsKeeper.
func (f *Feature) ApplyRounds(ctx context.Context, guildID string, r store.WeeklyRounds, zone *time.Location) (bot.RoundsApplied, error) {
	set, err := f.interviews.Settings(ctx, guildID)
	if err != nil {
		return bot.RoundsApplied{}, err
	}
	res := bot.RoundsApplied{WasOn: set.RoundsEnabled}
	if r.Enabled {
		res.Next = nextRound(f.env.Now(), r.Weekday, r.Time, zone)
	}
	if res.Settings, err = f.interviews.SetRounds(ctx, guildID, r, res.Next); err != nil {
		return res, err
	}
	res.Signup = f.publishRoundsSignup(ctx, res.Settings, r, res.Next)
	return res, nil
}

// adminAutocomplete suggests time zones for /mock-admin rounds.
func (f *Feature) adminAutocomplete(c *bot.Ctx) error {
	focused := c.Focused()
	if focused == nil || focused.Name != "timezone" {
		return c.Choices(nil)
	}
	typed, _ := focused.Value.(string)
	return c.Choices(bot.NameChoices(schedule.SuggestZones(typed, 25)))
}

// adminQueue is /mock-admin queue: who waits, by topic, with their
// no-show counts.
func (f *Feature) adminQueue(c *bot.Ctx) error {
	q, err := f.interviews.Queue(c, c.GuildID())
	if err != nil {
		return err
	}
	strikes, err := f.avail.Strikes(c, c.GuildID())
	if err != nil {
		return err
	}
	snoozed, err := f.avail.Snoozed(c, c.GuildID(), f.env.Now())
	if err != nil {
		return err
	}
	if len(q) == 0 && len(snoozed) == 0 {
		return c.ReplyEphemeral("Nobody is waiting for a mock interview.")
	}
	var lines []string
	topic := ""
	for _, e := range q {
		if e.Topic != topic {
			topic = e.Topic
			lines = append(lines, "**"+topicOf(topic).Name+"**")
		}
		l := fmt.Sprintf("• <@%s> since <t:%d:R>", e.UserID, e.Joined().Unix())
		if e.Front {
			l += " (front: after a no-show)"
		}
		if n, err := f.interviews.NoShows(c, c.GuildID(), e.UserID); err == nil && n > 0 {
			l += fmt.Sprintf(" · %d no-show%s", n, bot.Plural(n))
		}
		if n := strikes[e.UserID]; n > 0 {
			l += fmt.Sprintf(" · %d unanswered check-in%s", n, bot.Plural(n))
		}
		lines = append(lines, l)
	}
	if len(snoozed) > 0 {
		ids := slices.SortedFunc(maps.Keys(snoozed), func(a, b string) int { return snoozed[a].Compare(snoozed[b]) })
		lines = append(lines, fmt.Sprintf("**On a break (%d)**", len(ids)))
		for _, id := range ids {
			lines = append(lines, fmt.Sprintf("• <@%s> until <t:%d:f>", id, snoozed[id].Unix()))
		}
	}
	var embeds []*discordgo.MessageEmbed
	chunks := bot.SplitText(strings.Join(lines, "\n"), 1500)
	for i, chunk := range chunks {
		if len(embeds) == 3 {
			embeds = append(embeds, &discordgo.MessageEmbed{Color: bot.BrandColor,
				Description: fmt.Sprintf("…and %d more part%s of the list not shown here (%d members wait in all).", len(chunks)-i, bot.Plural(len(chunks)-i), len(q))})
			break
		}
		embeds = append(embeds, &discordgo.MessageEmbed{Description: chunk, Color: bot.BrandColor})
	}
	embeds[0].Title = fmt.Sprintf("Mock interview queue: %d waiting", len(q))
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: embeds,
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

// adminResetNoShow is /mock-admin reset-noshow: a member's no-show count
// back to 0.
func (f *Feature) adminResetNoShow(c *bot.Ctx) error {
	u := c.String("user")
	if u == "" {
		return errs.E(errs.Invalid, "Choose the member whose no-shows to reset.")
	}
	prev, err := f.interviews.ResetNoShows(c, c.GuildID(), u)
	if err != nil {
		return err
	}
	if prev > 0 {
		bot.RecordAudit(c, f.cfg.Audit, "mock.reset-noshow", fmt.Sprintf("no-shows of member %s reset (was %d)", u, prev))
	}
	if prev == 0 {
		return c.ReplyEphemeral(fmt.Sprintf("<@%s> has no no-shows to reset.", u))
	}
	return c.ReplyEphemeral(fmt.Sprintf("Reset <@%s>'s no-shows (was %d).", u, prev))
}

// SetupLine reports this server's mock interview setup for /help.
func (f *Feature) SetupLine(c *bot.Ctx) string {
	set, err := f.interviews.Settings(c, c.GuildID())
	if err != nil {
		return "**Mock interviews:** settings could not be read."
	}
	where := "threads open where /mock is used"
	if set.ChannelID != "" {
		where = "threads in <#" + set.ChannelID + ">"
	}
	voice := "voice channels off"
	if set.VoiceCategoryID != "" {
		voice = "voice channels in <#" + set.VoiceCategoryID + ">"
	}
	rounds := "weekly rounds off"
	if set.RoundsEnabled {
		rounds = fmt.Sprintf("weekly rounds %s %s %s", mocksetup.Weekdays[set.RoundsWeekday], set.RoundsTime, cmp.Or(set.RoundsTimezone, "UTC"))
	}
	expiry := duration(set.Expiry(f.cfg.QueueExpiry))
	if set.ExpiryMinutes == 0 {
		expiry += " (the default)"
	}
	checkin := "check-ins off"
	if set.CheckinMinutes > 0 {
		checkin = fmt.Sprintf("check-ins every %s, %d strikes", span(time.Duration(set.CheckinMinutes)*time.Minute), set.Strikes())
	}
	return fmt.Sprintf("**Mock interviews:** %s; queue expiry %s; %s; %s; %s (`/mock-admin setup`, `/mock-admin rounds`, `/mock-admin checkin`).",
		where, expiry, voice, rounds, checkin)
}
