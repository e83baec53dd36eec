package daily

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Permissions the bot needs in the daily channel.
var dailyNeeds = []struct {
	bit  int64
	name string
}{
	{discordgo.PermissionViewChannel, "View Channel"},
	{discordgo.PermissionSendMessages, "Send Messages"},
	{discordgo.PermissionEmbedLinks, "Embed Links"},
	{discordgo.PermissionCreatePublicThreads, "Create Public Threads"},
}

// setup is /daily setup: it checks the feed, time, zone, days, filters
// and channel, stores the feed's schedule (keeping a pause) and shows the
// next posts.
func (f *Feature) setup(c *bot.Ctx) error {
	guild := c.GuildID()
	feed, old, feeds, err := f.setupFeed(c)
	if err != nil {
		return err
	}
	chID := c.String("channel")
	clock, err := schedule.ParseClock(c.String("time"))
	if err != nil {
		return errs.E(errs.Invalid, "Time: %s", err.Error())
	}
	loc, zoneWarning, err := schedule.ParseZone(c.String("timezone"))
	if err != nil {
		return errs.E(errs.Invalid, "Time zone: %s", err.Error())
	}
	days := schedule.EveryDay
	if s := strings.TrimSpace(c.String("days")); s != "" {
		if days, err = schedule.ParseWeekdays(s); err != nil {
			return errs.E(errs.Invalid, "Days: %s", err.Error())
		}
		if days == schedule.NoDays {
			return errs.E(errs.Invalid, "Days: choose at least one day, e.g. `mon-fri` or `every day`.")
		}
	}
	cfg := &store.DailyConfig{
		GuildID: guild, Feed: feed, ChannelID: chID, Clock: clock.String(), Zone: loc.String(), Days: int(days),
		PingRole: c.String("ping"), Company: strings.TrimSpace(c.String("company")), Role: strings.TrimSpace(c.String("role")),
		Category: strings.TrimSpace(c.String("category")), Level: strings.TrimSpace(c.String("level")), Difficulty: c.String("difficulty"),
		UpdatedBy: c.UserID(), UpdatedAt: f.env.Now().UnixMilli(),
	}
	if cfg.PingRole == guild {
		cfg.PingRole = "" // @everyone is not pinged by role mention
	}
	if err := f.checkFilters(c, cfg); err != nil {
		return err
	}
	if err := f.checkChannel(c, chID); err != nil {
		return err
	}
	sch := schedule.Schedule{Clock: clock, Days: days, Loc: loc}
	now := f.env.Now()
	due, date := sch.NextAfter(now)
	cfg.NextDue, cfg.NextDate = unixMilliOrZero(due), dateOrEmpty(date)
	if old != nil {
		cfg.Paused = old.Paused
	}
	if err := f.days.SaveConfig(c, cfg); err != nil {
		return err
	}
	var b strings.Builder
	count := len(feeds)
	if old == nil {
		count++
	}
	if label := feedLabel(cfg, count); label != "" {
		verb := "changed"
		if old == nil {
			verb = "added"
		}
		fmt.Fprintf(&b, "Feed `%s` %s (%d of %d).\n", feed, verb, count, store.MaxDailyFeeds)
	}
	fmt.Fprintf(&b, "The daily question will be posted in <#%s> at **%s** (%s), %s.\n", chID, clock, loc, days)
	if f := filterText(cfg); f != "" {
		fmt.Fprintf(&b, "Questions: %s.\n", f)
	}
	if cfg.PingRole != "" {
		fmt.Fprintf(&b, "Each post mentions <@&%s>.\n", cfg.PingRole)
	}
	if cfg.Paused {
		b.WriteString("Posting is **paused**: run `/daily resume` to start.\n")
	}
	if zoneWarning != "" {
		b.WriteString("⚠️ " + zoneWarning + "\n")
	}
	b.WriteString("\n**Next posts:**\n")
	cur := cfg
	for _, t := range f.upcoming(c, cur, sch, now, 3) {
		fmt.Fprintf(&b, "• %s — %s\n", localTime(t), discordTime(t))
	}
	if left, total, err := f.days.Remaining(c, guild, feed); err == nil {
		fmt.Fprintf(&b, "\n%d of %d matching questions not posted yet in this cycle.", left, total)
	}
	return c.Reply(ephemeral("", &discordgo.MessageEmbed{Title: "Daily question set up", Description: bot.Truncate(b.String(), bot.MaxDescription), Color: bot.BrandColor}))
}

// checkFilters refuses filters that match no question, suggesting names,
// and writes the others in their canonical form ("google" -> "Google").
func (f *Feature) checkFilters(c *bot.Ctx, cfg *store.DailyConfig) error {
	for _, x := range []struct {
		kind data.Kind
		val  *string
		name string
	}{{data.KindCompany, &cfg.Company, "company"}, {data.KindRole, &cfg.Role, "role"}, {data.KindCategory, &cfg.Category, "category"}, {data.KindLevel, &cfg.Level, "level"}} {
		if *x.val == "" {
			continue
		}
		name, ok, err := f.questions.Resolve(c, x.kind, cfg.GuildID, *x.val)
		if err != nil {
			return err
		}
		if !ok {
			msg := fmt.Sprintf("No questions have the %s %q.", x.name, bot.Truncate(*x.val, 80))
			if s, err := f.questions.DidYouMean(c, x.kind, cfg.GuildID, *x.val, 3); err == nil && len(s) > 0 {
				msg += " Did you mean " + strings.Join(quoteAll(s), ", ") + "?"
			}
			return errs.E(errs.Invalid, "%s", msg)
		}
		*x.val = name
	}
	n, err := f.questions.Count(c, cfg.Filter())
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.E(errs.Invalid, "No question matches %s together. Remove a filter and try again.", filterText(cfg))
	}
	return nil
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strconv.Quote(v)
	}
	return out
}

func filterText(cfg *store.DailyConfig) string {
	var parts []string
	for _, p := range [][2]string{{"company", cfg.Company}, {"role", cfg.Role}, {"category", cfg.Category}, {"level", cfg.Level}, {"difficulty", cfg.Difficulty}} {
		if p[1] != "" {
			parts = append(parts, p[0]+" "+bot.Truncate(p[1], 80))
		}
	}
	return strings.Join(parts, ", ")
}

// dailyChannel is what /daily setup accepts: a text or announcement
// channel of this server, where each post gets its thread.
var dailyChannel = bot.ChannelWant{
	Setting: "daily question channel", Kind: "a text or announcement channel",
	Types:     []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews},
	Elsewhere: "That channel is not a channel of this server.",
}

// checkChannel refuses a channel the daily question cannot live in: one
// outside the server being set up, or not a text or announcement channel
// (Discord's picker offers only those, but a crafted interaction can name
// any channel id, so the channel fetched from Discord is what is checked);
// and one the bot cannot post in, computing its permissions there from the
// server's roles and the channel's overwrites.
func (f *Feature) checkChannel(c *bot.Ctx, channelID string) error {
	ch, err := bot.FetchGuildChannel(c, channelID, dailyChannel)
	if err != nil {
		return err
	}
	perms, err := f.botPerms(c, ch)
	if err != nil {
		if classify(err) == failAccess {
			return errs.E(errs.Invalid, "prepcord cannot see <#%s>. Give it **View Channel** there (channel settings → Permissions), or choose another channel.", channelID)
		}
		return err
	}
	var missing []string
	for _, n := range dailyNeeds {
		if perms&n.bit == 0 {
			missing = append(missing, "**"+n.name+"**")
		}
	}
	if len(missing) > 0 {
		return errs.E(errs.Invalid, "prepcord cannot post the daily question in <#%s>: it is missing %s there. In the channel's settings → Permissions, allow these for prepcord (or its role), then run the command again.",
			channelID, strings.Join(missing, ", "))
	}
	return nil
}

// botPerms computes the bot's permissions in a channel of the server from
// fresh REST reads of the server's roles and the bot's member.
func (f *Feature) botPerms(ctx context.Context, ch *discordgo.Channel) (int64, error) {
	s := f.env.Session
	opt := discordgo.WithContext(ctx)
	g, err := s.Guild(ch.GuildID, opt)
	if err != nil {
		return 0, err
	}
	me := ""
	if s.State != nil && s.State.User != nil {
		me = s.State.User.ID
	}
	if me == "" {
		me = f.env.AppID()
	}
	if me == g.OwnerID {
		return discordgo.PermissionAll, nil
	}
	m, err := s.GuildMember(ch.GuildID, me, opt)
	if err != nil {
		return 0, err
	}
	return channelPermissions(g, ch, me, m.Roles), nil
}

// channelPermissions applies Discord's permission hierarchy: base role
// permissions, then the channel's @everyone, role and member overwrites.
func channelPermissions(g *discordgo.Guild, ch *discordgo.Channel, userID string, roles []string) int64 {
	var perms int64
	has := func(id string) bool {
		for _, r := range roles {
			if r == id {
				return true
			}
		}
		return false
	}
	for _, r := range g.Roles {
		if r.ID == g.ID || has(r.ID) {
			perms |= r.Permissions
		}
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return discordgo.PermissionAll
	}
	var allow, deny int64
	for _, ow := range ch.PermissionOverwrites {
		if ow.ID == g.ID {
			perms = perms&^ow.Deny | ow.Allow
		} else if ow.Type == discordgo.PermissionOverwriteTypeRole && has(ow.ID) {
			allow |= ow.Allow
			deny |= ow.Deny
		}
	}
	perms = perms&^deny | allow
	for _, ow := range ch.PermissionOverwrites {
		if ow.Type == discordgo.PermissionOverwriteTypeMember && ow.ID == userID {
			perms = perms&^ow.Deny | ow.Allow
		}
	}
	if perms&discordgo.PermissionViewChannel == 0 {
		return 0
	}
	return perms
}
