package daily

// The monthly champion role: /daily champion sets, shows or clears it;
// champion_award.go gives it at the start of each month.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// BestAnswers counts the best answers each member of a server was
// credited with on local dates from..to (YYYY-MM-DD, inclusive), for the
// champion ranking. store.Daily is one once best answers exist.
type BestAnswers interface {
	BestAnswerCounts(ctx context.Context, guildID, fromDate, toDate string) (map[string]int, error)
}

// championOptions are the options of /daily champion.
func championOptions(which *discordgo.ApplicationCommandOption) []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "The role last month's top member gets (leave out to see the setting)"},
		{Type: discordgo.ApplicationCommandOptionBoolean, Name: "clear", Description: "Turn the champion role off"},
		which,
	}
}

// champion is /daily champion: with role: it sets the role (after checking
// prepcord may give it), with clear:true it turns it off, with neither it
// shows the setting.
func (f *Feature) champion(c *bot.Ctx) error {
	if f.cfg.Champions == nil {
		return errs.E(errs.Invalid, "The champion role is not available in this prepcord.")
	}
	role, clear := c.String("role"), c.String("clear") == "true"
	switch {
	case role != "" && clear:
		return errs.E(errs.Invalid, "Give either `role:` (to set the champion role) or `clear:true` (to turn it off), not both.")
	case clear:
		return f.clearChampion(c)
	case role == "":
		return f.showChampion(c)
	}
	cfg, _, err := f.feedArg(c)
	if err != nil {
		return err
	}
	if err := f.checkChampionRole(c, role); err != nil {
		return err
	}
	loc := zoneOf(cfg)
	now := f.env.Now()
	month := monthOf(now, loc)
	if err := f.cfg.Champions.SetChampion(c, &store.ChampionConfig{GuildID: c.GuildID(), RoleID: role, Feed: cfg.Feed,
		NextMonth: month, NextDue: monthEnd(month, loc).UnixMilli(), UpdatedBy: c.UserID(), UpdatedAt: now.UnixMilli()}); err != nil {
		return err
	}
	f.audit(c, "daily.champion", "champion role "+role+", counted in feed "+cfg.Feed)
	set, err := f.cfg.Champions.Champion(c, c.GuildID())
	if err != nil || set == nil {
		return err
	}
	return c.Reply(ephemeral(fmt.Sprintf("🏆 The champion role is <@&%s>. At the start of each month (%s, the zone of feed `%s`), "+
		"the member who answered the daily question on the most days of the month before gets it, the previous champion loses it, "+
		"and it is announced in <#%s>. The next champion is chosen %s.\n`/daily champion clear:true` turns it off.",
		role, loc, cfg.Feed, cfg.ChannelID, discordTime(time.UnixMilli(set.NextDue)))))
}

// checkChampionRole refuses a role prepcord could not give: not one of
// this server's roles, @everyone, managed by an integration, or not below
// prepcord's highest role, or prepcord lacks Manage Roles.
func (f *Feature) checkChampionRole(c *bot.Ctx, roleID string) error {
	s, opt := f.env.Session, discordgo.WithContext(c)
	roles, err := s.GuildRoles(c.GuildID(), opt)
	if err != nil {
		return errs.Wrap(errs.Internal, err, "reading the server's roles")
	}
	var role *discordgo.Role
	for _, r := range roles {
		if r.ID == roleID {
			role = r
		}
	}
	switch {
	case role == nil:
		return errs.E(errs.Invalid, "That role is not one of this server's roles: choose the champion role from the list Discord offers.")
	case role.ID == c.GuildID():
		return errs.E(errs.Invalid, "@everyone cannot be the champion role: choose or create a role for the champion.")
	case role.Managed:
		return errs.E(errs.Invalid, "<@&%s> belongs to an integration (a bot's role or the booster role), which no one can give: choose or create an ordinary role.", role.ID)
	}
	me := f.env.AppID()
	if s.State != nil && s.State.User != nil && s.State.User.ID != "" {
		me = s.State.User.ID
	}
	m, err := s.GuildMember(c.GuildID(), me, opt)
	if err != nil {
		return errs.Wrap(errs.Internal, err, "reading prepcord's roles")
	}
	var perms int64
	top := 0
	for _, r := range roles {
		if r.ID == c.GuildID() || slices.Contains(m.Roles, r.ID) {
			perms |= r.Permissions
		}
		if slices.Contains(m.Roles, r.ID) {
			top = max(top, r.Position)
		}
	}
	if perms&(discordgo.PermissionManageRoles|discordgo.PermissionAdministrator) == 0 {
		return errs.E(errs.Invalid, "prepcord needs the **Manage Roles** permission to give the champion role: allow it for prepcord's role in Server Settings → Roles, then run this again.")
	}
	if role.Position >= top {
		return errs.E(errs.Invalid, "<@&%s> is not below prepcord's highest role, so Discord does not let prepcord give it: in Server Settings → Roles, drag prepcord's role above <@&%s>, then run this again.", role.ID, role.ID)
	}
	return nil
}

func (f *Feature) clearChampion(c *bot.Ctx) error {
	set, err := f.cfg.Champions.Champion(c, c.GuildID())
	if err != nil {
		return err
	}
	if set == nil {
		return c.Reply(ephemeral("No champion role is set, so there is nothing to turn off."))
	}
	if _, err := f.cfg.Champions.ClearChampion(c, c.GuildID()); err != nil {
		return err
	}
	f.audit(c, "daily.champion", "champion role turned off")
	msg := "The champion role is off: no champion is chosen from now on."
	if set.HolderID != "" {
		msg += fmt.Sprintf(" <@%s> keeps <@&%s>; take it back in Server Settings if you wish.", set.HolderID, set.HolderRole)
	}
	return c.Reply(ephemeral(msg + "\n`/daily champion role:` turns it on again."))
}

func (f *Feature) showChampion(c *bot.Ctx) error {
	text, err := f.championText(c, c.GuildID())
	if err != nil {
		return err
	}
	if text == "" {
		return c.Reply(ephemeral("No champion role is set. `/daily champion role:@Champion` gives a role, each month, to the member who answered the daily question on the most days of the month before."))
	}
	return c.Reply(ephemeral("🏆 " + text + "\n`/daily champion role:` changes the role; `/daily champion clear:true` turns it off."))
}

// championText describes a server's champion setting, its last award and
// its last error, for /daily champion and /daily status ("" when none).
func (f *Feature) championText(ctx context.Context, guildID string) (string, error) {
	if f.cfg.Champions == nil {
		return "", nil
	}
	set, err := f.cfg.Champions.Champion(ctx, guildID)
	if err != nil || set == nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Champion role: <@&%s>, announced in the channel of feed `%s`. Next champion chosen %s.", set.RoleID, set.Feed,
		discordTime(time.UnixMilli(set.NextDue)))
	if awards, err := f.cfg.Champions.Awards(ctx, guildID, 1); err == nil && len(awards) > 0 {
		a := awards[0]
		switch a.State {
		case store.AwardDone:
			fmt.Fprintf(&b, "\nLast: %s — <@%s> (%d day%s answered).", monthName(a.Month), a.UserID, a.Days, bot.Plural(a.Days))
		case store.AwardNone:
			fmt.Fprintf(&b, "\nLast: %s — nobody answered, so no champion.", monthName(a.Month))
		case store.AwardClaimed:
			fmt.Fprintf(&b, "\nLast: %s — being awarded.", monthName(a.Month))
		}
	}
	if set.LastError != "" {
		fmt.Fprintf(&b, "\n⚠️ %s (<t:%d:R>)", set.LastError, set.LastErrorAt/1000)
	}
	return b.String(), nil
}

// zoneOf is a feed's time zone (UTC when it cannot be read).
func zoneOf(cfg *store.DailyConfig) *time.Location {
	if loc, err := schedule.LoadZone(cfg.Zone); err == nil {
		return loc
	}
	return time.UTC
}

// monthOf is the local month (YYYY-MM) of t in loc.
func monthOf(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01") }

// monthFirst is the first day of a month (YYYY-MM; zero when unreadable).
func monthFirst(month string) schedule.Date {
	d, _ := schedule.ParseDate(month + "-01")
	return d
}

// nextMonth is the month after month (YYYY-MM).
func nextMonth(month string) string {
	d := monthFirst(month)
	return time.Date(d.Year, d.Month+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// prevMonth is the month before month (YYYY-MM).
func prevMonth(month string) string {
	d := monthFirst(month)
	return time.Date(d.Year, d.Month-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// monthEnd is the instant a month ends in loc: the first instant of the
// next month's first day, DST-correct (schedule.Schedule.DueOn at 00:00).
func monthEnd(month string, loc *time.Location) time.Time {
	return schedule.Schedule{Loc: loc}.DueOn(monthFirst(nextMonth(month)))
}

// monthName is a month for people: "November 2026".
func monthName(month string) string {
	d := monthFirst(month)
	if d.IsZero() {
		return month
	}
	return fmt.Sprintf("%s %d", d.Month, d.Year)
}
