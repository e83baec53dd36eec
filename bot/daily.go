package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/community"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/bot/streak"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// Routes of the daily post's buttons.
const (
	routeDailySolution = "d1/solution" // d1/solution/{post}
	routeDailyAnswered = "d1/answered" // d1/answered/{post}
	routeDailySpoiler  = "d1/spoiler"  // d1/spoiler/{post}: the solution before its reveal, asked for explicitly
)

// dailyFeature is /daily (an admin's schedule per server), the scheduler
// that posts the daily question exactly once per server and local date,
// the post's buttons, and participation from its discussion thread.
type dailyFeature struct {
	b  *Bot
	st *store.Store
	// instance names this process in claims.
	instance string
	pacer    *pacer
	workers  int
	backoff  time.Duration

	sweepMu sync.Mutex
	// hook, set by tests, is called at each stage of a post; returning
	// true simulates the process dying there.
	hook    func(stage string, p *store.DailyPost) bool
	crashed atomic.Bool
	// post, when set (by the year-long scheduling test), replaces the
	// delivery of a claimed post to Discord.
	post func(ctx context.Context, p *store.DailyPost, now time.Time, recovering bool) error
}

// send delivers a claimed post (see deliver).
func (f *dailyFeature) send(ctx context.Context, p *store.DailyPost, now time.Time, recovering bool) error {
	if f.post != nil {
		return f.post(ctx, p, now, recovering)
	}
	return f.deliver(ctx, p, now, recovering)
}

func newDailyFeature(b *Bot) *dailyFeature {
	var id [6]byte
	_, _ = rand.Read(id[:])
	return &dailyFeature{
		b: b, st: b.Store, instance: hex.EncodeToString(id[:]),
		pacer:   newPacer(50, time.Second+100*time.Millisecond),
		workers: 16, backoff: 500 * time.Millisecond,
	}
}

var _ Starter = (*dailyFeature)(nil)
var _ EventHandler = (*dailyFeature)(nil)

func (f *dailyFeature) Commands() []*discordgo.ApplicationCommand {
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	manage := int64(discordgo.PermissionManageGuild)
	setupOpts := []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where to post", Required: true,
			ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildNews}},
		{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "Local time of day, e.g. 09:00 or 9am", Required: true, MaxLength: 20},
		{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "IANA time zone, e.g. Europe/London", Required: true, Autocomplete: true, MaxLength: 64},
		{Type: discordgo.ApplicationCommandOptionString, Name: "days", Description: "Days to post, e.g. mon-fri (default: every day)", MaxLength: 60},
		{Type: discordgo.ApplicationCommandOptionRole, Name: "ping", Description: "A role to mention in each post"},
		{Type: discordgo.ApplicationCommandOptionString, Name: "company", Description: "Only questions from this company", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "role", Description: "Only questions for this role", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "category", Description: "Only questions of this category", Autocomplete: true, MaxLength: 100},
		{Type: discordgo.ApplicationCommandOptionString, Name: "difficulty", Description: "Only questions of this difficulty", Choices: []*discordgo.ApplicationCommandOptionChoice{
			{Name: "easy", Value: "easy"}, {Name: "medium", Value: "medium"}, {Name: "hard", Value: "hard"}}},
	}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	return []*discordgo.ApplicationCommand{{
		Name:                     "daily",
		Description:              "Schedule the daily interview question for this server",
		DefaultMemberPermissions: &manage,
		Contexts:                 guildOnly,
		DMPermission:             Ptr(false),
		Options: []*discordgo.ApplicationCommandOption{
			sub("setup", "Set the channel, time and filters of the daily question", setupOpts...),
			sub("status", "Next and last post, questions left, missed posts and errors"),
			sub("now", "Post today's question now (it counts as today's)"),
			sub("skip", "Skip the next scheduled post", &discordgo.ApplicationCommandOption{
				Type: discordgo.ApplicationCommandOptionBoolean, Name: "undo", Description: "Put back the last post you skipped"}),
			sub("pause", "Stop posting until /daily resume"),
			sub("resume", "Resume posting after /daily pause"),
			sub("preview", "See the next question (only you see it)"),
		},
	}}
}

func (f *dailyFeature) Routes(r *Router) {
	r.Command("daily/setup", f.setup, Admin(), DeferEphemeral())
	r.Command("daily/status", f.status, Admin(), DeferEphemeral())
	r.Command("daily/now", f.now, Admin(), DeferEphemeral())
	r.Command("daily/skip", f.skip, Admin(), DeferEphemeral())
	r.Command("daily/pause", f.pause, Admin(), DeferEphemeral())
	r.Command("daily/resume", f.resume, Admin(), DeferEphemeral())
	r.Command("daily/preview", f.preview, Admin(), DeferEphemeral())
	r.Autocomplete("daily", f.autocomplete)
	r.Component(routeDailySolution, f.solution, DeferEphemeral())
	r.Component(routeDailySpoiler, f.spoiler, DeferEphemeral())
	r.Component(routeDailyAnswered, f.answered, DeferEphemeral())
}

func (f *dailyFeature) Handlers() []any {
	return []any{func(s *discordgo.Session, m *discordgo.MessageCreate) { f.onMessage(m) }}
}

// SetupLine reports the schedule for /help.
func (f *dailyFeature) SetupLine(c *Ctx) string {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return "**Daily question:** not set up — `/daily setup channel:#daily time:09:00 timezone:Europe/London`"
	}
	state := ""
	if cfg.Paused {
		state = " (paused)"
	}
	if left, _, err := f.st.Daily.Remaining(c, cfg.GuildID); err == nil && left < lowBank {
		state += fmt.Sprintf(" — ⚠️ %d question%s left before repeats", left, Plural(left))
	}
	return fmt.Sprintf("**Daily question:** <#%s> at %s %s, %s%s", cfg.ChannelID, cfg.Clock, cfg.Zone, schedule.Weekdays(cfg.Days), state)
}

// lowBank is how few questions left before repeats warn admins (in /daily
// status and the admin part of /help; members do not see the count).
const lowBank = 7

// ephemeral is a private reply with text and embeds.
func ephemeral(text string, embeds ...*discordgo.MessageEmbed) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Content: Truncate(text, MaxContent), Embeds: embeds,
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{}}
}

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

func (f *dailyFeature) setup(c *Ctx) error {
	guild := c.GuildID()
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
		GuildID: guild, ChannelID: chID, Clock: clock.String(), Zone: loc.String(), Days: int(days),
		PingRole: c.String("ping"), Company: strings.TrimSpace(c.String("company")), Role: strings.TrimSpace(c.String("role")),
		Category: strings.TrimSpace(c.String("category")), Difficulty: c.String("difficulty"),
		UpdatedBy: c.UserID(), UpdatedAt: f.b.Now().UnixMilli(),
	}
	if cfg.PingRole == guild {
		cfg.PingRole = "" // @everyone is not pinged by role mention
	}
	if err := f.checkFilters(c, cfg); err != nil {
		return err
	}
	if err := f.checkChannel(c, guild, chID); err != nil {
		return err
	}
	sch := schedule.Schedule{Clock: clock, Days: days, Loc: loc}
	now := f.b.Now()
	due, date := sch.NextAfter(now)
	cfg.NextDue, cfg.NextDate = unixMilliOrZero(due), dateOrEmpty(date)
	if old, err := f.st.Daily.Config(c, guild); err == nil {
		cfg.Paused = old.Paused
	}
	if err := f.st.Daily.SaveConfig(c, cfg); err != nil {
		return err
	}
	var b strings.Builder
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
	if left, total, err := f.st.Daily.Remaining(c, guild); err == nil {
		fmt.Fprintf(&b, "\n%d of %d matching questions not posted yet in this cycle.", left, total)
	}
	return c.Reply(ephemeral("", &discordgo.MessageEmbed{Title: "Daily question set up", Description: Truncate(b.String(), MaxDescription), Color: BrandColor}))
}

// checkFilters refuses filters that match no question, suggesting names,
// and writes the others in their canonical form ("google" -> "Google").
func (f *dailyFeature) checkFilters(c *Ctx, cfg *store.DailyConfig) error {
	for _, x := range []struct {
		kind data.Kind
		val  *string
		name string
	}{{data.KindCompany, &cfg.Company, "company"}, {data.KindRole, &cfg.Role, "role"}, {data.KindCategory, &cfg.Category, "category"}} {
		if *x.val == "" {
			continue
		}
		name, ok, err := f.st.Questions.Resolve(c, x.kind, cfg.GuildID, *x.val)
		if err != nil {
			return err
		}
		if !ok {
			msg := fmt.Sprintf("No questions have the %s %q.", x.name, Truncate(*x.val, 80))
			if s, err := f.st.Questions.DidYouMean(c, x.kind, cfg.GuildID, *x.val, 3); err == nil && len(s) > 0 {
				msg += " Did you mean " + strings.Join(quoteAll(s), ", ") + "?"
			}
			return errs.E(errs.Invalid, "%s", msg)
		}
		*x.val = name
	}
	n, err := f.st.Questions.Count(c, cfg.Filter())
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
	for _, p := range [][2]string{{"company", cfg.Company}, {"role", cfg.Role}, {"category", cfg.Category}, {"difficulty", cfg.Difficulty}} {
		if p[1] != "" {
			parts = append(parts, p[0]+" "+Truncate(p[1], 80))
		}
	}
	return strings.Join(parts, ", ")
}

// checkChannel refuses a channel the bot cannot post in, computing its
// permissions there from the server's roles and the channel's overwrites.
func (f *dailyFeature) checkChannel(ctx context.Context, guildID, channelID string) error {
	perms, err := f.botPerms(ctx, guildID, channelID)
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

// botPerms computes the bot's permissions in a channel from fresh REST
// reads of the channel, the server's roles and the bot's member.
func (f *dailyFeature) botPerms(ctx context.Context, guildID, channelID string) (int64, error) {
	s := f.b.Session
	opt := discordgo.WithContext(ctx)
	ch, err := s.Channel(channelID, opt)
	if err != nil {
		return 0, err
	}
	if err := requireDailyChannel(ch, guildID); err != nil {
		return 0, err
	}
	g, err := s.Guild(guildID, opt)
	if err != nil {
		return 0, err
	}
	me := ""
	if s.State != nil && s.State.User != nil {
		me = s.State.User.ID
	}
	if me == "" {
		me = f.b.AppID()
	}
	if me == g.OwnerID {
		return discordgo.PermissionAll, nil
	}
	m, err := s.GuildMember(guildID, me, opt)
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

// upcoming returns the next n post instants after now, leaving out dates
// already taken (skipped, or posted early with /daily now).
func (f *dailyFeature) upcoming(ctx context.Context, cfg *store.DailyConfig, sch schedule.Schedule, now time.Time, n int) []time.Time {
	if cfg.Paused {
		return nil
	}
	var out []time.Time
	t := now
	if cfg.NextDue > 0 && time.UnixMilli(cfg.NextDue).Before(now) {
		t = time.UnixMilli(cfg.NextDue).Add(-time.Millisecond)
	}
	for range n + 30 {
		due, date := sch.NextAfter(t)
		if due.IsZero() {
			break
		}
		t = due
		if p, err := f.st.Daily.PostOn(ctx, cfg.GuildID, date.String()); err == nil && p != nil {
			continue
		}
		out = append(out, due)
		if len(out) == n {
			break
		}
	}
	return out
}

// localTime formats an instant in its own zone: "Mon 30 Nov 2026, 09:00 GMT".
func localTime(t time.Time) string { return t.Format("Mon 2 Jan 2006, 15:04 MST") }

// discordTime is a Discord timestamp shown in each reader's own zone.
func discordTime(t time.Time) string { return fmt.Sprintf("<t:%d:F> (<t:%d:R>)", t.Unix(), t.Unix()) }

func messageLink(guildID, channelID, messageID string) string {
	return fmt.Sprintf("https://discord.com/channels/%s/%s/%s", guildID, channelID, messageID)
}

func (f *dailyFeature) status(c *Ctx) error {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return err
	}
	now := f.b.Now()
	e := &discordgo.MessageEmbed{Title: "Daily question", Color: BrandColor}
	add := func(name, value string) {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: Truncate(OrDash(value), MaxFieldValue)})
	}
	sched := fmt.Sprintf("<#%s> at %s %s, %s", cfg.ChannelID, cfg.Clock, cfg.Zone, schedule.Weekdays(cfg.Days))
	if ft := filterText(cfg); ft != "" {
		sched += "\nQuestions: " + ft
	}
	sch, serr := scheduleOf(cfg)
	if serr == nil {
		if w := schedule.ZoneAdvice(sch.Loc); w != "" {
			sched += "\n⚠️ " + w
		}
	}
	add("Schedule", sched)
	switch {
	case cfg.Paused:
		add("Next post", "Paused: run `/daily resume` to post again.")
	case serr != nil:
		add("Next post", "The schedule cannot be read: run `/daily setup` again.")
	default:
		next := f.upcoming(c, cfg, sch, now, 1)
		if len(next) > 0 {
			add("Next post", localTime(next[0])+"\n"+discordTime(next[0]))
		} else {
			add("Next post", "None scheduled.")
		}
	}
	if sk, err := f.skipped(c, cfg.GuildID, now); err == nil && len(sk) > 0 && serr == nil {
		add("Skipped", skippedList(sk, sch.Loc)+"\n`/daily skip undo:true` puts the last one back.")
	}
	if last, err := f.st.Daily.Posts(c, cfg.GuildID, 1, store.DailyPosted); err == nil && len(last) > 0 {
		p := last[0]
		v := fmt.Sprintf("%s — [jump to the post](%s)", p.LocalDate, messageLink(p.GuildID, p.ChannelID, p.MessageID))
		if p.Late {
			v += " (posted late)"
		}
		if p.ThreadID == "" && p.Error != "" {
			v += "\n⚠️ " + p.Error
		}
		add("Last post", v)
	} else {
		add("Last post", "None yet.")
	}
	if left, total, err := f.st.Daily.Remaining(c, cfg.GuildID); err == nil {
		v := fmt.Sprintf("%d of %d questions left before repeats (cycle %d).", left, total, cfg.Cycle)
		if left < lowBank {
			v = "⚠️ " + v + " Add questions or widen the filters to avoid repeats."
		}
		add("Questions", v)
	}
	if missed, err := f.st.Daily.Posts(c, cfg.GuildID, 5, store.DailyMissed, store.DailyFailed); err == nil && len(missed) > 0 {
		var lines []string
		for _, p := range missed {
			if p.Status == store.DailyMissed {
				lines = append(lines, fmt.Sprintf("• %s: missed (prepcord was offline for longer than the catch-up window)", p.LocalDate))
			} else {
				lines = append(lines, fmt.Sprintf("• %s: failed — %s", p.LocalDate, Truncate(p.Error, 300)))
			}
		}
		add("Missed posts", strings.Join(lines, "\n"))
	}
	if cfg.LastError != "" {
		add("⚠️ Last error", fmt.Sprintf("%s (<t:%d:R>)", cfg.LastError, cfg.LastErrorAt/1000))
	}
	return c.Reply(ephemeral("", e))
}

// today returns the server's local date now.
func (f *dailyFeature) today(cfg *store.DailyConfig) (schedule.Date, *time.Location) {
	loc, err := schedule.LoadZone(cfg.Zone)
	if err != nil {
		loc = time.UTC
	}
	return schedule.DateIn(f.b.Now(), loc), loc
}

func (f *dailyFeature) now(c *Ctx) error {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return err
	}
	today, _ := f.today(cfg)
	date := today.String()
	existing, err := f.st.Daily.PostOn(c, cfg.GuildID, date)
	if err != nil {
		return err
	}
	if existing != nil {
		switch existing.Status {
		case store.DailyPosted:
			return errs.E(errs.Conflict, "Today's question (%s) is already posted: %s", date, messageLink(existing.GuildID, existing.ChannelID, existing.MessageID))
		case store.DailyClaimed:
			return errs.E(errs.Conflict, "Today's question (%s) is being posted right now.", date)
		}
		if _, err := f.st.Daily.ClearDate(c, cfg.GuildID, date); err != nil {
			return err
		}
	}
	if err := f.checkChannel(c, cfg.GuildID, cfg.ChannelID); err != nil {
		return err
	}
	now := f.b.Now()
	p, ok, err := f.st.Daily.Claim(c, store.DailyClaim{GuildID: cfg.GuildID, LocalDate: date, DueAt: now.UnixMilli(),
		ChannelID: cfg.ChannelID, Manual: true, By: f.instance, At: now.UnixMilli()})
	if err != nil {
		return err
	}
	if !ok {
		return errs.E(errs.Conflict, "Today's question (%s) was just posted by someone else.", date)
	}
	if err := f.deliver(c, p, now, false); err != nil {
		return err
	}
	p, err = f.st.Daily.Post(c, p.ID)
	if err != nil {
		return err
	}
	if p.Status != store.DailyPosted {
		return errs.E(errs.Invalid, "The post failed: %s", p.Error)
	}
	return c.Reply(ephemeral(fmt.Sprintf("Posted today's question (%s): %s\nIt counts as today's post: the scheduled one will not go out again today.",
		date, messageLink(p.GuildID, p.ChannelID, p.MessageID))))
}

func (f *dailyFeature) skip(c *Ctx) error {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return err
	}
	sch, err := scheduleOf(cfg)
	if err != nil {
		return errs.E(errs.Invalid, "The schedule cannot be read: run /daily setup again.")
	}
	now := f.b.Now()
	skipped, err := f.skipped(c, cfg.GuildID, now)
	if err != nil {
		return err
	}
	if c.String("undo") == "true" {
		return f.unskip(c, cfg, sch, skipped, now)
	}
	next := f.upcoming(c, &store.DailyConfig{GuildID: cfg.GuildID, NextDue: cfg.NextDue}, sch, now, 1)
	if len(next) == 0 {
		return errs.E(errs.Invalid, "There is no scheduled post to skip.")
	}
	date := schedule.DateIn(next[0], sch.Loc).String()
	if _, err := f.st.Daily.Mark(c, store.DailyClaim{GuildID: cfg.GuildID, LocalDate: date, DueAt: next[0].UnixMilli(),
		ChannelID: cfg.ChannelID, By: "skip:" + c.UserID(), At: now.UnixMilli()}, store.DailySkipped); err != nil {
		return err
	}
	var b strings.Builder
	if len(skipped) > 0 {
		fmt.Fprintf(&b, "Already skipped: %s.\nSkipped the following post too: %s (%s).", skippedList(skipped, sch.Loc), localTime(next[0]), date)
	} else {
		fmt.Fprintf(&b, "Skipped the post of %s (%s).", localTime(next[0]), date)
	}
	if after := f.upcoming(c, cfg, sch, now, 1); len(after) > 0 && !cfg.Paused {
		b.WriteString(" The next one goes out " + localTime(after[0]) + " — " + discordTime(after[0]) + ".")
	}
	b.WriteString("\n`/daily skip undo:true` puts it back.")
	return c.Reply(ephemeral(b.String()))
}

// unskip puts back the latest skipped post that is still ahead.
func (f *dailyFeature) unskip(c *Ctx, cfg *store.DailyConfig, sch schedule.Schedule, skipped []*store.DailyPost, now time.Time) error {
	if len(skipped) == 0 {
		return c.Reply(ephemeral("No upcoming post is skipped, so there is nothing to put back."))
	}
	last := skipped[len(skipped)-1]
	if _, err := f.st.Daily.ClearDate(c, cfg.GuildID, last.LocalDate); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Put back the post of %s (%s): it is no longer skipped.", localTime(time.UnixMilli(last.DueAt).In(sch.Loc)), last.LocalDate)
	if rest := skipped[:len(skipped)-1]; len(rest) > 0 {
		fmt.Fprintf(&b, "\nStill skipped: %s.", skippedList(rest, sch.Loc))
	}
	if cfg.Paused {
		b.WriteString("\nPosting is **paused**: run `/daily resume` to start.")
	} else if next := f.upcoming(c, cfg, sch, now, 1); len(next) > 0 {
		b.WriteString("\nThe next question goes out " + localTime(next[0]) + " — " + discordTime(next[0]) + ".")
	}
	return c.Reply(ephemeral(b.String()))
}

// maxSkippedShown bounds the skipped posts read and listed.
const maxSkippedShown = 25

// skipped returns the server's skipped posts still ahead of now, earliest
// first.
func (f *dailyFeature) skipped(ctx context.Context, guildID string, now time.Time) ([]*store.DailyPost, error) {
	rows, err := f.st.Daily.Posts(ctx, guildID, maxSkippedShown, store.DailySkipped)
	if err != nil {
		return nil, err
	}
	var out []*store.DailyPost
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].DueAt > now.UnixMilli() {
			out = append(out, rows[i])
		}
	}
	return out, nil
}

// skippedList names skipped posts: "Mon 4 May 2026, 10:00 EDT (2026-05-04), …".
func skippedList(ps []*store.DailyPost, loc *time.Location) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = fmt.Sprintf("%s (%s)", localTime(time.UnixMilli(p.DueAt).In(loc)), p.LocalDate)
	}
	return strings.Join(parts, ", ")
}

func (f *dailyFeature) pause(c *Ctx) error {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return err
	}
	if cfg.Paused {
		return c.Reply(ephemeral("The daily question is already paused. `/daily resume` starts it again."))
	}
	if err := f.st.Daily.SetPaused(c, cfg.GuildID, true, cfg.NextDue, cfg.NextDate); err != nil {
		return err
	}
	return c.Reply(ephemeral("Paused: no daily question is posted until `/daily resume`."))
}

func (f *dailyFeature) resume(c *Ctx) error {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return err
	}
	sch, err := scheduleOf(cfg)
	if err != nil {
		return errs.E(errs.Invalid, "The schedule cannot be read: run /daily setup again.")
	}
	now := f.b.Now()
	msg := "The daily question is not paused."
	if cfg.Paused {
		due, date := sch.NextAfter(now)
		if err := f.st.Daily.SetPaused(c, cfg.GuildID, false, unixMilliOrZero(due), dateOrEmpty(date)); err != nil {
			return err
		}
		cfg.Paused, cfg.NextDue = false, unixMilliOrZero(due)
		msg = "Resumed."
	}
	if next := f.upcoming(c, cfg, sch, now, 1); len(next) > 0 {
		msg += " The next question goes out " + localTime(next[0]) + " — " + discordTime(next[0]) + "."
	}
	return c.Reply(ephemeral(msg))
}

func (f *dailyFeature) preview(c *Ctx) error {
	cfg, err := f.st.Daily.Config(c, c.GuildID())
	if err != nil {
		return err
	}
	q, err := f.st.Daily.NextQuestion(c, cfg.GuildID)
	if err != nil {
		return err
	}
	e := QuestionEmbed(q)
	return c.Reply(ephemeral("The next daily question (only you can see this):", e))
}

func (f *dailyFeature) autocomplete(c *Ctx) error {
	opt := c.Focused()
	// /daily is for admins: a member's client can still send its
	// autocomplete, which gets no suggestions and reaches nothing.
	if opt == nil || !c.IsAdmin() {
		return c.Choices(nil)
	}
	typed, _ := opt.Value.(string)
	if utf8.RuneCountInString(typed) > MaxNameInput {
		return c.Choices(nil)
	}
	var names []string
	switch opt.Name {
	case "timezone":
		names = schedule.SuggestZones(typed, 25)
	case "company", "role", "category":
		kind := data.Kind(opt.Name)
		flt := AutocompleteFilter(c, dailyNameKinds, kind)
		vals, err := f.st.Questions.Autocomplete(c, kind, flt, typed, 25)
		if err != nil {
			return err
		}
		for _, v := range vals {
			names = append(names, v.Name)
		}
	}
	return c.Choices(NameChoices(names))
}

// dailyNameKinds are the name filters of /daily setup.
var dailyNameKinds = []data.Kind{data.KindCompany, data.KindRole, data.KindCategory}

// postArg loads the post a button belongs to.
func (f *dailyFeature) postArg(c *Ctx) (*store.DailyPost, error) {
	if len(c.Args) != 1 {
		return nil, errs.E(errs.Invalid, "This button is broken; use the newest daily post.")
	}
	id, err := strconv.ParseInt(c.Args[0], 10, 64)
	if err != nil {
		return nil, errs.E(errs.Invalid, "This button is broken; use the newest daily post.")
	}
	p, err := f.st.Daily.Post(c, id)
	if err != nil {
		return nil, err
	}
	if p.GuildID != c.GuildID() {
		return nil, errs.E(errs.Invalid, "This button belongs to another server.")
	}
	return p, nil
}

// solution answers the post's Solution button: before the solution is
// revealed in the thread it says when that happens, and offers it at once
// only behind an explicit "Show me now (spoiler)"; after, it shows it.
func (f *dailyFeature) solution(c *Ctx) error {
	p, err := f.postArg(c)
	if err != nil {
		return err
	}
	at := f.revealTime(c, p)
	if !f.b.Now().Before(at) {
		return f.showSolution(c, p)
	}
	ts := at.Unix()
	return c.Reply(&discordgo.InteractionResponseData{
		Content: fmt.Sprintf("🙈 **No spoilers yet.** The solution is revealed in the post's thread <t:%d:R> (<t:%d:f>). "+
			"Try the question first and share your approach in the thread.\n\n"+
			"Want to see the full solution now anyway? The button below shows it to you alone; the thread still waits.", ts, ts),
		Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: &discordgo.MessageAllowedMentions{},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Show me now (spoiler)", Style: discordgo.DangerButton,
				CustomID: CustomID(routeDailySpoiler, strconv.FormatInt(p.ID, 10)), Emoji: &discordgo.ComponentEmoji{Name: "👀"}},
		}}},
	})
}

// spoiler shows the solution before its reveal to a member who asked for
// it explicitly.
func (f *dailyFeature) spoiler(c *Ctx) error {
	p, err := f.postArg(c)
	if err != nil {
		return err
	}
	return f.showSolution(c, p)
}

// showSolution shows a post's solution to the member alone, in pages.
func (f *dailyFeature) showSolution(c *Ctx, p *store.DailyPost) error {
	q, err := f.st.Questions.BySeq(c, p.QuestionSeq)
	if err != nil {
		return err
	}
	if err := f.st.History.MarkSeen(c, c.UserID(), p.GuildID, q.Seq); err != nil {
		c.Log.Warn("mark seen", "err", err)
	}
	for i, page := range SolutionPages(q) {
		msg := ephemeral("", page...)
		if i == 0 {
			msg.Content = "Only you can see this. Try the question first!"
		}
		if err := c.Reply(msg); err != nil {
			return err
		}
	}
	return nil
}

// revealTime returns when a post's solution goes (or went) into its
// thread: revealDelay after the post went out, or when a newer post goes
// out if that comes first; the same rule as Store.Daily.DueReveals, which
// the minute sweep follows. Answers to the post count until then.
func (f *dailyFeature) revealTime(ctx context.Context, p *store.DailyPost) time.Time {
	if p.RevealState == "done" || p.RevealState == "failed" {
		return time.UnixMilli(p.RevealAt)
	}
	postedAt := p.PostedAt
	if postedAt == 0 {
		postedAt = p.DueAt
	}
	posted := time.UnixMilli(postedAt)
	at := posted.Add(revealDelay)
	earlier := func(t time.Time) time.Time {
		if t.Before(at) {
			return t
		}
		return at
	}
	if last, err := f.st.Daily.Posts(ctx, p.GuildID, 1, store.DailyPosted); err == nil && len(last) > 0 && last[0].LocalDate > p.LocalDate {
		return earlier(time.UnixMilli(last[0].PostedAt))
	}
	cfg, err := f.st.Daily.Config(ctx, p.GuildID)
	if err != nil {
		return at
	}
	sch, err := scheduleOf(cfg)
	if err != nil {
		return at
	}
	if next := f.upcoming(ctx, cfg, sch, posted, 1); len(next) > 0 {
		return earlier(next[0])
	}
	return at
}

func (f *dailyFeature) answered(c *Ctx) error {
	p, err := f.postArg(c)
	if err != nil {
		return err
	}
	r, err := f.count(c, p, c.UserID())
	if err != nil {
		return err
	}
	_ = f.st.History.MarkSeen(c, c.UserID(), p.GuildID, p.QuestionSeq)
	if !r.closedAt.IsZero() {
		msg := fmt.Sprintf("This is the question of %s. Answers to it counted until its solution was revealed (<t:%d:R>), so this one is not counted: an answer counts for its question's own day, while that question is open.",
			p.LocalDate, r.closedAt.Unix())
		if last, err := f.st.Daily.Posts(c, p.GuildID, 1, store.DailyPosted); err == nil && len(last) > 0 && last[0].LocalDate > p.LocalDate {
			msg += " Answer the newest question to keep your streak: " + messageLink(last[0].GuildID, last[0].ChannelID, last[0].MessageID)
		}
		return errs.E(errs.Invalid, "%s", msg)
	}
	msg := fmt.Sprintf("✅ Counted for %s, the day of this question. ", p.LocalDate)
	if !r.first {
		msg = fmt.Sprintf("You are already counted for %s. ", p.LocalDate)
	}
	msg += fmt.Sprintf("Current streak: **%d** day%s (best %d).", r.streak.Current, Plural(r.streak.Current), r.streak.Best)
	return c.Reply(ephemeral(msg))
}

// answerResult is what counting a member's answer to a post did.
type answerResult struct {
	first  bool // the member's first answer for the post's date
	streak streak.Stats
	// closedAt, when set, is when answers to the post closed (its solution
	// was revealed): nothing was counted.
	closedAt time.Time
}

// count records a member's answer to a post for the post's own local date,
// while the post is open: until its solution is revealed in the thread
// (see revealTime). An answer to an old post counts neither for today,
// which would let one post serve every day, nor for its date once its
// solution is out, which would let anyone fill in the days they missed.
// So a streak is a run of post days each answered while it was the open
// question; answering just after midnight, before the next post, still
// counts for the day before.
func (f *dailyFeature) count(ctx context.Context, p *store.DailyPost, userID string) (answerResult, error) {
	now := f.b.Now()
	if at := f.revealTime(ctx, p); !now.Before(at) {
		return answerResult{closedAt: at}, nil
	}
	first, err := f.st.History.RecordParticipation(ctx, p.GuildID, userID, p.LocalDate, p.ID, now.UnixMilli())
	if err != nil {
		return answerResult{}, err
	}
	cfg, err := f.st.Daily.Config(ctx, p.GuildID)
	if err != nil {
		cfg = &store.DailyConfig{GuildID: p.GuildID, Zone: "UTC"}
	}
	today, _ := f.today(cfg)
	st, err := community.MemberStreak(ctx, f.st.History, f.st.Daily, p.GuildID, userID, today)
	return answerResult{first: first, streak: st}, err
}

// onMessage counts a member who writes in a daily discussion thread, for
// the post's date while it is open (see count); later messages are
// discussion, not counted.
func (f *dailyFeature) onMessage(m *discordgo.MessageCreate) {
	if m == nil || m.Message == nil || m.Author == nil || m.Author.Bot || m.GuildID == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p, err := f.st.Daily.PostByThread(ctx, m.ChannelID)
	if err != nil {
		f.b.Log.Warn("daily participation", "err", err)
		return
	}
	if p == nil || p.GuildID != m.GuildID {
		return
	}
	if _, err := f.count(ctx, p, m.Author.ID); err != nil {
		f.b.Log.Warn("daily participation", "err", err)
	}
}
