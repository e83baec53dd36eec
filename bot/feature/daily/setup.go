package daily

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/dailysetup"
	"github.com/prepcord/prepcord/store"
)

// setup is /daily setup: it checks the feed, time, zone, days, filters
// and channel, stores the feed's schedule (keeping a pause) and shows the
// next posts.
func (f *Feature) setup(c *bot.Ctx) error {
	guild := c.GuildID()
	feed, old, feeds, err := f.setupFeed(c)
	if err != nil {
		return err
	}
	now := f.env.Now()
	cfg, sch, zoneWarning, problems, err := dailysetup.Check(c, f.questions, dailysetup.Input{
		GuildID: guild, Feed: feed, ChannelID: c.String("channel"), Time: c.String("time"), Zone: c.String("timezone"),
		Days: c.String("days"), PingRole: c.String("ping"), Company: c.String("company"), Role: c.String("role"),
		Category: c.String("category"), Level: c.String("level"), Difficulty: c.String("difficulty"),
		By: c.UserID(), Now: now,
	})
	if err != nil {
		return err
	}
	if err := problems.First(); err != nil {
		return err
	}
	if err := f.checkChannel(c, cfg.ChannelID); err != nil {
		return err
	}
	chID, clock, loc, days := cfg.ChannelID, sch.Clock, sch.Loc, sch.Days
	if old != nil {
		cfg.Paused = old.Paused
	}
	if err := f.days.SaveConfig(c, cfg); err != nil {
		return err
	}
	f.audit(c, "daily.setup", dailysetup.AuditDetail(cfg, old == nil))
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

// dailyChannel is what /daily setup accepts (dailysetup.Channel).
var dailyChannel = dailysetup.Channel

func filterText(cfg *store.DailyConfig) string { return dailysetup.FilterText(cfg) }

// checkChannel refuses a channel the daily question cannot live in (see
// dailysetup.CheckChannel).
func (f *Feature) checkChannel(c *bot.Ctx, channelID string) error {
	me := ""
	if s := f.env.Session; s.State != nil && s.State.User != nil {
		me = s.State.User.ID
	}
	if me == "" {
		me = f.env.AppID()
	}
	return dailysetup.CheckChannel(c, f.env.Session, c.GuildID(), channelID, me)
}

// audit records an admin's change made with a /daily command, when the
// feature keeps the audit log; a failure is logged, the change stands.
func (f *Feature) audit(c *bot.Ctx, action, detail string) {
	bot.RecordAudit(c, f.cfg.Audit, action, detail)
}
