package bot

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// mockFeature is /mock and /mock-admin: peer mock interviews. Members join
// a per-server queue or are paired at once (bot/match chooses, the store
// claims the partner in one transaction); each pairing gets a private
// thread with interview packets, session buttons and structured feedback.
// A background sweep expires queue entries, reminds about feedback, closes
// silent pairings and runs weekly rounds.
type mockFeature struct {
	b *Bot
}

// Timing of the mock interview lifecycle.
const (
	// mockStartDelay is how long after pairing the session is suggested
	// to start (rounded up to 5 minutes).
	mockStartDelay = 10 * time.Minute
	// mockNoShowGrace is how long after the suggested start a no-show may
	// be reported.
	mockNoShowGrace = 10 * time.Minute
	// mockSilence archives a pairing's thread after this long without
	// activity (Discord's thread auto-archive is set to the same); weekly
	// rounds, whose pairs agree on a time during the week, get a week.
	mockSilence      = 24 * time.Hour
	mockRoundSilence = 7 * 24 * time.Hour
	// mockReminderAfter is when a feedback reminder is posted: after a
	// finished session, or after the suggested start of an unfinished one.
	mockReminderAfterFinish = 30 * time.Minute
	mockReminderAfterStart  = 2 * time.Hour
	// mockCheckinAfter is when a weekly-round pairing is asked whether it met.
	mockCheckinAfter = 72 * time.Hour
	// mockRoundStartDelay is the suggested start of a weekly-round pairing.
	mockRoundStartDelay = 48 * time.Hour
	// mockMaxPref is the longest role or company a member may type.
	mockMaxPref = 80
)

// mockLevels are the /mock level choices.
var mockLevels = []string{"intern", "junior", "mid", "senior", "staff"}

func (m *mockFeature) Commands() []*discordgo.ApplicationCommand {
	var topics []*discordgo.ApplicationCommandOptionChoice
	for _, t := range match.Topics() {
		topics = append(topics, &discordgo.ApplicationCommandOptionChoice{Name: t.Name, Value: t.Key})
	}
	var levels []*discordgo.ApplicationCommandOptionChoice
	for _, l := range mockLevels {
		levels = append(levels, &discordgo.ApplicationCommandOptionChoice{Name: l, Value: l})
	}
	levels = append(levels, &discordgo.ApplicationCommandOptionChoice{Name: "any (clears your level)", Value: "any"})
	guildOnly := &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	manage := int64(discordgo.PermissionManageGuild)
	weekdays := []*discordgo.ApplicationCommandOptionChoice{}
	for i, d := range mockWeekdays {
		weekdays = append(weekdays, &discordgo.ApplicationCommandOptionChoice{Name: d, Value: mockWeekdayKeys[i]})
	}
	return []*discordgo.ApplicationCommand{
		{
			Name:         "mock",
			Description:  "Practise with a peer: join the mock interview queue, or see your place in it",
			Contexts:     guildOnly,
			DMPermission: Ptr(false),
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "topic", Description: "What the interview is about", Choices: topics},
				{Type: discordgo.ApplicationCommandOptionString, Name: "role", Description: "The role you prepare for (any: clear it)", Autocomplete: true, MaxLength: mockMaxPref},
				{Type: discordgo.ApplicationCommandOptionString, Name: "company", Description: "The company you prepare for (any: clear it)", Autocomplete: true, MaxLength: mockMaxPref},
				{Type: discordgo.ApplicationCommandOptionString, Name: "level", Description: "Your level", Choices: levels},
			},
		},
		{
			Name:                     "mock-admin",
			Description:              "Set up peer mock interviews in this server",
			Contexts:                 guildOnly,
			DMPermission:             Ptr(false),
			DefaultMemberPermissions: &manage,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "setup", Description: "Mock channel, queue expiry and voice channels",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Where private interview threads open",
							ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildText}},
						{Type: discordgo.ApplicationCommandOptionString, Name: "expiry", Description: "How long members wait: minutes (90) or 45m, 2h, 1d; 5 min to 7 days; default restores 2h", MaxLength: 20},
						{Type: discordgo.ApplicationCommandOptionChannel, Name: "voice-category", Description: "Category for a temporary private voice channel per pair",
							ChannelTypes: []discordgo.ChannelType{discordgo.ChannelTypeGuildCategory}},
						{Type: discordgo.ApplicationCommandOptionBoolean, Name: "voice", Description: "Voice channels for pairs: false turns them off"},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "rounds", Description: "Weekly pairing rounds for an opt-in role",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionRole, Name: "role", Description: "Members with this role can join the rounds"},
						{Type: discordgo.ApplicationCommandOptionString, Name: "weekday", Description: "Day of the round", Choices: weekdays},
						{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "Time of the round, HH:MM (24-hour)", MaxLength: 20},
						{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "IANA time zone of the time (default: the daily question's, else UTC)", Autocomplete: true, MaxLength: 64},
						{Type: discordgo.ApplicationCommandOptionBoolean, Name: "enabled", Description: "Run the rounds (default: on)"},
					}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "queue", Description: "Who is waiting, by topic"},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "reset-noshow", Description: "Clear a member's no-show count",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: discordgo.ApplicationCommandOptionUser, Name: "user", Description: "The member", Required: true},
					}},
			},
		},
	}
}

func (m *mockFeature) Routes(r *Router) {
	r.Command("mock", m.withAbsenceNotice(m.mock), DeferEphemeral())
	r.Autocomplete("mock", m.autocomplete)
	r.Component("m1/leave", m.leave, DeferEphemeral())
	r.Component("m1/packet", m.packet, DeferEphemeral())
	r.Component("m1/start", m.startButton, DeferEphemeral())
	r.Component("m1/swap", m.swap, DeferEphemeral())
	r.Component("m1/finish", m.finish, DeferEphemeral())
	r.Component("m1/noshow", m.noshow, DeferEphemeral())
	r.Component("m1/feedback", m.feedbackButton)
	r.Component("m1/checkin", m.checkin, DeferEphemeral())
	r.Component("m1/rounds", m.roundsButton, DeferEphemeral())
	r.Modal("m1/feedback", m.feedbackSubmit, DeferEphemeral())
	m.adminRoutes(r)
}

func (m *mockFeature) handlers() []any {
	return []any{m.onMessage}
}

// onMessage keeps a pairing's thread from being archived while its members
// talk in it.
func (m *mockFeature) onMessage(_ *discordgo.Session, e *discordgo.MessageCreate) {
	if e.Message == nil || e.GuildID == "" || (e.Author != nil && e.Author.Bot) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := m.b.Store.Interviews.TouchPairingThread(ctx, e.ChannelID); err != nil {
		m.b.Log.Warn("mock: recording thread activity", "thread", e.ChannelID, "err", err)
	}
}

// mockTopic returns the topic of a stored key (or a typed name).
func mockTopic(key string) match.Topic {
	if t, ok := match.ParseTopic(key); ok {
		return t
	}
	return match.Topic{Key: key, Name: key, Category: key}
}

// mockEntry converts a queue entry for package match.
func mockEntry(e store.QueueEntry) match.Entry {
	return match.Entry{ID: e.ID, Guild: e.GuildID, User: e.UserID, Topic: e.Topic, Role: e.Role, Company: e.Company,
		Level: e.Level, Joined: e.Joined(), Front: e.Front, HoldUntil: mockHoldUntil(e)}
}

// mockPick is the store's picker: match.Best over the waiting entries.
func mockPick(newcomer store.QueueEntry, waiting []store.QueueEntry, recent map[string]time.Time, now time.Time) int {
	ws := make([]match.Entry, len(waiting))
	for i, w := range waiting {
		ws[i] = mockEntry(w)
	}
	hist := match.History{}
	for u, t := range recent {
		hist.Add(newcomer.UserID, u, t)
	}
	best, ok := match.Best(mockEntry(newcomer), ws, hist, now)
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

// mockCleanPref validates a role or company a member typed: trimmed, no
// control characters, at most mockMaxPref characters; a name the bank
// knows is replaced by its canonical spelling.
func (m *mockFeature) mockCleanPref(c *Ctx, kind data.Kind, label, v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	if !utf8.ValidString(v) || strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return "", errs.E(errs.Invalid, "The %s contains characters that are not allowed.", label)
	}
	if n := utf8.RuneCountInString(v); n > mockMaxPref {
		return "", errs.E(errs.Invalid, "The %s is %d characters long; the limit is %d.", label, n, mockMaxPref)
	}
	if name, ok, err := m.b.Store.Questions.Resolve(c, kind, c.GuildID(), v); err == nil && ok {
		return name, nil
	}
	return strings.Join(strings.Fields(v), " "), nil
}

// mockSuggestedStart is now plus mockStartDelay, rounded up to 5 minutes.
func mockSuggestedStart(now time.Time) time.Time {
	t := now.Add(mockStartDelay)
	if r := t.Truncate(5 * time.Minute); !r.Equal(t) {
		t = r.Add(5 * time.Minute)
	}
	return t
}

func (m *mockFeature) mock(c *Ctx) error {
	if c.InDM() {
		return errs.E(errs.Invalid, "Mock interviews are arranged in a server: run /mock there.")
	}
	if !mockOptionsGiven(c) {
		return m.showPlace(c)
	}
	// Acknowledge at once: reading the member's place, pairing in a durable
	// transaction and several REST calls (thread, members, voice channel,
	// message) can, under load and Discord's per-channel rate limits,
	// approach the 3 s deadline.
	if err := c.Defer(true); err != nil {
		return fmt.Errorf("deferring /mock: %w", err)
	}
	// Options left out keep what the member is queued with.
	old, _, _, err := m.b.Store.Interviews.QueueEntry(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	prefs, err := m.readPrefs(c, old)
	if err != nil {
		return err
	}
	topic := mockTopic(prefs.Topic)
	now := m.b.Now()
	res, err := m.b.Store.Interviews.JoinQueue(c, store.JoinRequest{
		GuildID: c.GuildID(), UserID: c.UserID(), Topic: topic.Key, Role: prefs.Role, Company: prefs.Company, Level: prefs.Level,
		ChannelID: c.ChannelID(), DefaultExpiry: m.b.cfg.QueueExpiry, SuggestedStart: mockSuggestedStart(now), Pick: mockPick,
	})
	if err != nil {
		return err
	}
	switch {
	case res.OpenPairing != nil:
		return errs.E(errs.Conflict, "You are already in a mock interview: %s. Finish it there (or report a no-show) before asking for another.",
			mockWhere(res.OpenPairing))
	case res.Pairing != nil:
		p, err := m.openPairing(c, res.Pairing, true)
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
					mockMentions(partner), topic.Name, mockWhere(p), mockTime(p.SuggestedStart()), mockPrefsSummary(p)),
				Color: BrandColor,
			}},
		})
	}
	reply := m.queuedMessage(res.Entry, res.Position, res.Size, res.EstimatedWait, res.Updated)
	if ch := mockChanges(old, prefs); ch != "" {
		reply.Embeds[0].Description = ch + "\n" + reply.Embeds[0].Description
	}
	return c.Reply(reply)
}

// showPlace answers /mock without a topic: the member's place, or how to
// join.
func (m *mockFeature) showPlace(c *Ctx) error {
	if p, err := m.b.Store.Interviews.OpenPairingOf(c, c.GuildID(), c.UserID()); err != nil {
		return err
	} else if p != nil {
		return c.ReplyEphemeral("You are in a mock interview: " + mockWhere(p) + ".")
	}
	e, pos, size, err := m.b.Store.Interviews.QueueEntry(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	if e == nil {
		return errs.E(errs.Invalid, "You are not in the queue. Choose a topic to join it, e.g. `/mock topic:Coding role:Software Engineer`.")
	}
	return c.Reply(m.queuedMessage(e, pos, size, 0, true))
}

func (m *mockFeature) queuedMessage(e *store.QueueEntry, pos, size int, wait time.Duration, updated bool) *discordgo.InteractionResponseData {
	t := mockTopic(e.Topic)
	title := "You are in the queue"
	if updated {
		title = "You are still in the queue"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Topic: **%s**", t.Name)
	for _, p := range []struct{ k, v string }{{"role", e.Role}, {"company", e.Company}, {"level", e.Level}} {
		if p.v != "" {
			fmt.Fprintf(&b, " · %s: %s", p.k, mockEscape(p.v))
		}
	}
	fmt.Fprintf(&b, "\nPlace **%d** of **%d** waiting for %s.", pos, size, t.Name)
	if wait > 0 {
		fmt.Fprintf(&b, "\nEstimated wait: about %s (recent pairings in this topic).", mockDuration(wait))
	} else {
		b.WriteString("\nEstimated wait: unknown yet; you will be paired as soon as someone compatible runs /mock.")
	}
	if hold := mockHoldLine(e, m.b.Now()); hold != "" {
		b.WriteString("\n" + hold)
	}
	fmt.Fprintf(&b, "\nYour place expires %s. Run `/mock` again to see your place; give only the options you want to change (`any` clears a role, company or level).",
		fmt.Sprintf("<t:%d:R>", e.Expires().Unix()))
	return &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: &discordgo.MessageAllowedMentions{},
		Embeds: []*discordgo.MessageEmbed{{Title: title, Description: b.String(), Color: BrandColor,
			Footer: &discordgo.MessageEmbedFooter{Text: mockMatchingRules}}},
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Leave the queue", Style: discordgo.DangerButton, CustomID: CustomID("m1/leave")},
		}}},
	}
}

func (m *mockFeature) leave(c *Ctx) error {
	left, err := m.b.Store.Interviews.LeaveQueue(c, c.GuildID(), c.UserID())
	if err != nil {
		return err
	}
	text := "You left the mock interview queue."
	if !left {
		text = "You are not in the queue any more (you were paired, or your place expired)."
	}
	return c.Update(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{{Description: text, Color: BrandColor}},
		Components: []discordgo.MessageComponent{},
	})
}

func (m *mockFeature) autocomplete(c *Ctx) error {
	f := c.Focused()
	if f == nil {
		return c.Choices(nil)
	}
	kind := data.KindRole
	if f.Name == "company" {
		kind = data.KindCompany
	}
	typed, _ := f.Value.(string)
	filter := store.Filter{Scope: c.GuildID()}
	if t, ok := match.ParseTopic(c.String("topic")); ok {
		filter.Category = t.Category
	}
	vals, err := m.b.Store.Questions.Autocomplete(c, kind, filter, typed, 25)
	if err != nil {
		return err
	}
	if len(vals) == 0 && filter.Category != "" {
		if vals, err = m.b.Store.Questions.Autocomplete(c, kind, store.Filter{Scope: c.GuildID()}, typed, 25); err != nil {
			return err
		}
	}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, v := range vals {
		name := Truncate(v.Name, 100)
		if utf8.RuneCountInString(v.Name) > mockMaxPref {
			continue
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: v.Name})
	}
	return c.Choices(out)
}

// mockWhere names a pairing's thread.
func mockWhere(p *store.Pairing) string {
	if p.ThreadID != "" {
		return "<#" + p.ThreadID + ">"
	}
	return "your private thread"
}

// mockMentions mentions members.
func mockMentions(ms []store.PairMember) string {
	var parts []string
	for _, x := range ms {
		parts = append(parts, "<@"+x.UserID+">")
	}
	switch len(parts) {
	case 0:
		return "nobody"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// mockTime renders t as Discord timestamps: full date and relative.
func mockTime(t time.Time) string {
	return fmt.Sprintf("<t:%d:F> (<t:%d:R>)", t.Unix(), t.Unix())
}

// mockDuration renders a wait for people: "5 min", "1 h 20 min".
func mockDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	if d < time.Minute {
		return "a minute"
	}
	h, mn := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", mn)
	case mn == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, mn)
}

// mockEscape keeps member-typed text from forming markdown or mentions:
// escapeText, the one escape of member-written text.
func mockEscape(s string) string { return EscapeText(s) }

// profileEmbed implements profileSection for /profile: interviews, average
// ratings received over time, and (for the member themself) the latest
// feedback text, which only its receiver sees. Admins also see no-shows.
func (m *mockFeature) profileEmbed(c *Ctx, guildID, userID string, self bool) (*discordgo.MessageEmbed, error) {
	if guildID == "" {
		return nil, nil
	}
	sum, err := m.b.Store.Feedback.Summary(c, guildID, userID)
	if err != nil {
		return nil, err
	}
	e := &discordgo.MessageEmbed{Title: "Mock interviews", Color: BrandColor}
	if sum.Interviews == 0 && sum.Count == 0 {
		e.Description = "No mock interviews yet. Try `/mock topic:Coding`."
	} else {
		e.Description = fmt.Sprintf("%d interview%s · %d feedback received", sum.Interviews, mockPlural(sum.Interviews), sum.Count)
	}
	if sum.Count > 0 {
		e.Fields = append(e.Fields,
			&discordgo.MessageEmbedField{Name: "Communication", Value: mockStars(sum.Communication), Inline: true},
			&discordgo.MessageEmbedField{Name: "Problem solving", Value: mockStars(sum.ProblemSolving), Inline: true},
			&discordgo.MessageEmbedField{Name: "Structure", Value: mockStars(sum.Structure), Inline: true},
		)
	}
	if c.IsAdmin() && sum.NoShows > 0 {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "No-shows (admins only)",
			Value: fmt.Sprintf("%d · reset with `/mock-admin reset-noshow`", sum.NoShows)})
	}
	if self && sum.Count > 0 {
		fbs, err := m.b.Store.Feedback.Received(c, guildID, userID, 1)
		if err != nil {
			return nil, err
		}
		for _, f := range fbs {
			when := fmt.Sprintf("<t:%d:D>", f.Created().Unix())
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: "Latest feedback (only you see this), " + when,
				Value: fmt.Sprintf("Communication %d · Problem solving %d · Structure %d", f.Communication, f.ProblemSolving, f.Structure)})
			e.Fields = append(e.Fields, mockTextFields(f.WentWell, f.Improve)...)
		}
	}
	return e, nil
}

// mockTextFields renders the two feedback texts as embed fields (each at
// most 1000 characters, within Discord's 1024).
func mockTextFields(wentWell, improve string) []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	if strings.TrimSpace(wentWell) != "" {
		out = append(out, &discordgo.MessageEmbedField{Name: "What went well", Value: wentWell})
	}
	if strings.TrimSpace(improve) != "" {
		out = append(out, &discordgo.MessageEmbedField{Name: "What to improve", Value: improve})
	}
	return out
}

// mockStars renders an average rating: "4.3 / 5 ★★★★☆".
func mockStars(avg float64) string {
	full := int(avg + 0.5)
	return fmt.Sprintf("%.1f / 5 %s%s", avg, strings.Repeat("★", full), strings.Repeat("☆", 5-full))
}

func mockPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// setupLine reports this server's mock interview setup for /help.
func (m *mockFeature) setupLine(c *Ctx) string {
	set, err := m.b.Store.Interviews.Settings(c, c.GuildID())
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
		rounds = fmt.Sprintf("weekly rounds %s %s %s", mockWeekdays[set.RoundsWeekday], set.RoundsTime, cmp.Or(set.RoundsTimezone, "UTC"))
	}
	expiry := mockDuration(set.Expiry(m.b.cfg.QueueExpiry))
	if set.ExpiryMinutes == 0 {
		expiry += " (the default)"
	}
	return fmt.Sprintf("**Mock interviews:** %s; queue expiry %s; %s; %s (`/mock-admin setup`, `/mock-admin rounds`).",
		where, expiry, voice, rounds)
}
