package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/dailysetup"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// feedRow is one daily feed on the feeds page.
type feedRow struct {
	*store.DailyConfig
	DaysText, Next, Filters string
	// ZoneWarning is /daily setup's advice about the feed's zone.
	ZoneWarning string
	Left, Total int
}

// feedsView is the daily feeds page.
type feedsView struct {
	Guild adminGuild
	Feeds []feedRow
	Max   int
}

// dailyFeeds lists the server's feeds with their next post, questions
// left and last error.
func (s *Server) dailyFeeds(w http.ResponseWriter, r *http.Request) {
	g, ctx := adminGuildOf(r), r.Context()
	feeds, err := s.st.Daily.Feeds(ctx, g.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	v := &feedsView{Guild: g, Max: store.MaxDailyFeeds}
	for _, c := range feeds {
		row := feedRow{DailyConfig: c, DaysText: schedule.Weekdays(c.Days).String(), Filters: dailysetup.FilterText(c), Next: "none"}
		loc, _ := schedule.LoadZone(c.Zone)
		row.ZoneWarning = schedule.ZoneAdvice(loc)
		if loc == nil {
			loc = time.UTC
		}
		if c.NextDue > 0 {
			row.Next = time.UnixMilli(c.NextDue).In(loc).Format("Mon 2 Jan 2006, 15:04 MST")
		}
		if row.Left, row.Total, err = s.st.Daily.Remaining(ctx, g.ID, c.Feed); err != nil {
			s.internal(w, r, err)
			return
		}
		v.Feeds = append(v.Feeds, row)
	}
	s.render(w, r, http.StatusOK, "daily", "Daily feeds: "+g.Name, v)
}

// feedForm is the setup form of a feed, new or existing.
type feedForm struct {
	Guild        adminGuild
	Existing     bool
	Values       map[string]string
	Problems     map[string]string
	Channels     []*discordgo.Channel
	Roles        []*discordgo.Role
	Difficulties []string
	NoBot        bool
}

// feedFields are the form's fields, as dailysetup names them.
var feedFields = []string{dailysetup.FieldFeed, dailysetup.FieldChannel, dailysetup.FieldTime, dailysetup.FieldZone, dailysetup.FieldDays,
	"ping", dailysetup.FieldCompany, dailysetup.FieldRole, dailysetup.FieldCategory, dailysetup.FieldLevel, dailysetup.FieldDifficulty}

// dailyForm shows the setup form: ?feed=name for an existing feed, none
// for a new one.
func (s *Server) dailyForm(w http.ResponseWriter, r *http.Request) {
	g := adminGuildOf(r)
	f := &feedForm{Guild: g, Values: map[string]string{dailysetup.FieldTime: "09:00", dailysetup.FieldZone: "UTC", dailysetup.FieldDays: "every day"}}
	if name := r.URL.Query().Get("feed"); name != "" {
		c := s.formFeed(w, r, name)
		if c == nil {
			return
		}
		f.Existing = true
		f.Values = map[string]string{dailysetup.FieldFeed: c.Feed, dailysetup.FieldChannel: c.ChannelID, dailysetup.FieldTime: c.Clock,
			dailysetup.FieldZone: c.Zone, dailysetup.FieldDays: schedule.Weekdays(c.Days).String(), "ping": c.PingRole,
			dailysetup.FieldCompany: c.Company, dailysetup.FieldRole: c.Role, dailysetup.FieldCategory: c.Category,
			dailysetup.FieldLevel: c.Level, dailysetup.FieldDifficulty: c.Difficulty}
	}
	s.renderFeedForm(w, r, http.StatusOK, f)
}

// renderFeedForm shows the form with the server's text channels and roles.
func (s *Server) renderFeedForm(w http.ResponseWriter, r *http.Request, status int, f *feedForm) {
	f.Difficulties = dailysetup.Difficulties
	if s.cfg.Bot == nil {
		f.NoBot = true
	} else {
		l, err := s.listsOf(r.Context(), f.Guild.ID)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		for _, c := range l.channels {
			for _, t := range dailysetup.Channel.Types {
				if c.Type == t {
					f.Channels = append(f.Channels, c)
				}
			}
		}
		for _, ro := range l.roles {
			if ro.ID != f.Guild.ID && !ro.Managed {
				f.Roles = append(f.Roles, ro)
			}
		}
	}
	s.render(w, r, status, "dailyform", "Set up a daily feed: "+f.Guild.Name, f)
}

// dailySave is the form's submission: the checks of /daily setup
// (dailysetup), then the same store operation. Bad input shows the form
// again with a message by each field, and stores nothing.
func (s *Server) dailySave(w http.ResponseWriter, r *http.Request) {
	g, ctx := adminGuildOf(r), r.Context()
	f := &feedForm{Guild: g, Values: map[string]string{}, Problems: map[string]string{}}
	for _, k := range feedFields {
		f.Values[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	f.Existing = r.PostFormValue("existing") == "1"
	if s.cfg.Bot == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "The dashboard has no connection to the bot, so it cannot check the channel: use /daily setup in Discord.")
		return
	}
	feeds, err := s.st.Daily.Feeds(ctx, g.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	name, err := dailysetup.FeedName(f.Values[dailysetup.FieldFeed])
	if f.Values[dailysetup.FieldFeed] == "" && len(feeds) == 0 {
		name, err = store.DefaultFeed, nil
	}
	var old *store.DailyConfig
	if err != nil {
		f.Problems[dailysetup.FieldFeed] = errs.Message(err)
	} else {
		for _, c := range feeds {
			if c.Feed == name {
				old = c
			}
		}
		if old == nil && len(feeds) >= store.MaxDailyFeeds {
			f.Problems[dailysetup.FieldFeed] = errs.Message(store.TooManyFeeds(feedNamesOf(feeds)))
		}
	}
	cfg, _, _, problems, err := dailysetup.Check(ctx, s.st.Questions, dailysetup.Input{
		GuildID: g.ID, Feed: name, ChannelID: f.Values[dailysetup.FieldChannel], Time: f.Values[dailysetup.FieldTime],
		Zone: f.Values[dailysetup.FieldZone], Days: f.Values[dailysetup.FieldDays], PingRole: f.Values["ping"],
		Company: f.Values[dailysetup.FieldCompany], Role: f.Values[dailysetup.FieldRole], Category: f.Values[dailysetup.FieldCategory],
		Level: f.Values[dailysetup.FieldLevel], Difficulty: f.Values[dailysetup.FieldDifficulty],
		By: sessionOf(r).UserID, Now: s.cfg.Now(),
	})
	if err != nil {
		s.internal(w, r, err)
		return
	}
	for _, p := range problems {
		if _, ok := f.Problems[p.Field]; !ok {
			f.Problems[p.Field] = errs.Message(p.Err)
		}
	}
	if ping := f.Values["ping"]; ping != "" && ping != g.ID {
		// Discord's role option can only name a role of the server; the
		// form's value is checked against the server's roles instead.
		roles, err := s.cfg.Bot.GuildRoles(g.ID, discordgo.WithContext(ctx))
		if err != nil {
			s.internal(w, r, fmt.Errorf("listing the server's roles: %w", err))
			return
		}
		if !slices.ContainsFunc(roles, func(ro *discordgo.Role) bool { return ro.ID == ping }) {
			f.Problems["ping"] = "Choose a role of this server to mention, or none."
		}
	}
	if err := dailysetup.CheckChannel(ctx, s.cfg.Bot, g.ID, cfg.ChannelID, s.botUserID(ctx)); err != nil {
		if errs.CodeOf(err) != errs.Invalid {
			s.internal(w, r, err)
			return
		}
		f.Problems[dailysetup.FieldChannel] = errs.Message(err)
	}
	if len(f.Problems) > 0 {
		s.renderFeedForm(w, r, http.StatusUnprocessableEntity, f)
		return
	}
	if old != nil {
		cfg.Paused = old.Paused
	}
	if err := s.st.Daily.SaveConfig(ctx, cfg); err != nil {
		s.internal(w, r, err)
		return
	}
	s.audit(r, "daily.setup", dailysetup.AuditDetail(cfg, old == nil))
	s.back(w, r, "daily")
}

func feedNamesOf(feeds []*store.DailyConfig) []string {
	out := make([]string, len(feeds))
	for i, c := range feeds {
		out[i] = c.Feed
	}
	return out
}

// formFeed is the feed a pause, resume or preview is about.
func (s *Server) formFeed(w http.ResponseWriter, r *http.Request, name string) *store.DailyConfig {
	c, err := s.st.Daily.Feed(r.Context(), adminGuildOf(r).ID, strings.ToLower(strings.TrimSpace(name)))
	if errs.CodeOf(err) == errs.NotFound {
		s.fail(w, r, http.StatusNotFound, "This server has no daily feed of that name.")
		return nil
	}
	if err != nil {
		s.internal(w, r, err)
		return nil
	}
	return c
}

// dailyPause pauses a feed, as /daily pause does.
func (s *Server) dailyPause(w http.ResponseWriter, r *http.Request) {
	c := s.formFeed(w, r, r.PostFormValue("feed"))
	if c == nil {
		return
	}
	if !c.Paused {
		if err := s.st.Daily.SetPaused(r.Context(), c.GuildID, c.Feed, true, c.NextDue, c.NextDate); err != nil {
			s.internal(w, r, err)
			return
		}
		s.audit(r, "daily.pause", "feed "+c.Feed+" paused")
	}
	s.back(w, r, "daily")
}

// dailyResume resumes a feed from now, as /daily resume does.
func (s *Server) dailyResume(w http.ResponseWriter, r *http.Request) {
	c := s.formFeed(w, r, r.PostFormValue("feed"))
	if c == nil {
		return
	}
	if c.Paused {
		sch, err := dailysetup.ScheduleOf(c)
		if err != nil {
			s.fail(w, r, http.StatusConflict, "The feed's schedule cannot be read: set it up again.")
			return
		}
		due, date := dailysetup.Next(sch, s.cfg.Now())
		if err := s.st.Daily.SetPaused(r.Context(), c.GuildID, c.Feed, false, due, date); err != nil {
			s.internal(w, r, err)
			return
		}
		s.audit(r, "daily.resume", "feed "+c.Feed+" resumed")
	}
	s.back(w, r, "daily")
}

// previewView is the next question of a feed.
type previewView struct {
	Guild    adminGuild
	Feed     string
	Question *store.Question
}

// dailyPreview shows the question the feed's next post will carry.
func (s *Server) dailyPreview(w http.ResponseWriter, r *http.Request) {
	c := s.formFeed(w, r, r.URL.Query().Get("feed"))
	if c == nil {
		return
	}
	q, err := s.st.Daily.NextQuestion(r.Context(), c.GuildID, c.Feed)
	if errs.CodeOf(err) == errs.NotFound {
		s.fail(w, r, http.StatusNotFound, "No question matches this feed's filters.")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dailypreview", "Next question of "+c.Feed, &previewView{Guild: adminGuildOf(r), Feed: c.Feed, Question: q})
}

// botUserID is the bot's user id: BotUserID, else asked of Discord once.
func (s *Server) botUserID(ctx context.Context) string {
	s.adminMu.Lock()
	id := s.botID
	s.adminMu.Unlock()
	if id != "" {
		return id
	}
	u, err := s.cfg.Bot.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		s.log.Warn("web: asking Discord who the bot is", "err", err)
		return ""
	}
	s.adminMu.Lock()
	s.botID = u.ID
	s.adminMu.Unlock()
	return u.ID
}
