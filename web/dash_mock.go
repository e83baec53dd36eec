package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

// queueRow is one member waiting for a mock interview.
type queueRow struct {
	store.QueueEntry
	Since   string
	NoShows int
	Strikes int
}

// snoozeRow is one member on a break.
type snoozeRow struct{ UserID, Until string }

// mockView is the mock interview page: the settings form and the queue.
type mockView struct {
	Guild      adminGuild
	Settings   store.InterviewSettings
	Values     map[string]string
	Problems   map[string]string
	Saved      bool
	Channels   []*discordgo.Channel
	Categories []*discordgo.Channel
	Queue      []queueRow
	Snoozed    []snoozeRow
	NoBot      bool
	Rounds     roundsView
}

// mockPage shows the server's mock interview settings in a form, the
// weekly rounds, and the queue as /mock-admin queue lists it.
func (s *Server) mockPage(w http.ResponseWriter, r *http.Request) {
	set, err := s.st.Interviews.Settings(r.Context(), adminGuildOf(r).ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	v := &mockView{Settings: set, Saved: r.URL.Query().Get("saved") == "1", Values: map[string]string{}}
	v.Rounds.Signup = signupText[r.URL.Query().Get("signup")]
	settingsValues(set, v.Values)
	roundsValues(set, v.Values)
	s.renderMock(w, r, http.StatusOK, v)
}

// settingsValues fills the settings form with the settings set now.
func settingsValues(set store.InterviewSettings, v map[string]string) {
	v["channel"], v["voice_category"], v["expiry"], v["checkin"] = set.ChannelID, set.VoiceCategoryID, "default", "off"
	v["strikes"] = strconv.Itoa(set.Strikes())
	if set.ExpiryMinutes > 0 {
		v["expiry"] = mocksetup.Span(time.Duration(set.ExpiryMinutes) * time.Minute)
	}
	if set.CheckinMinutes > 0 {
		v["checkin"] = mocksetup.Span(time.Duration(set.CheckinMinutes) * time.Minute)
	}
}

func (s *Server) renderMock(w http.ResponseWriter, r *http.Request, status int, v *mockView) {
	g, ctx := adminGuildOf(r), r.Context()
	v.Guild = g
	if s.cfg.Bot == nil {
		v.NoBot = true
	} else {
		l, err := s.listsOf(ctx, g.ID)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		fillRounds(v, l, g.ID)
		for _, c := range l.channels {
			switch c.Type {
			case discordgo.ChannelTypeGuildText:
				v.Channels = append(v.Channels, c)
			case discordgo.ChannelTypeGuildCategory:
				v.Categories = append(v.Categories, c)
			}
		}
	}
	q, err := s.st.Interviews.Queue(ctx, g.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	strikes, err := s.st.Availability.Strikes(ctx, g.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	now := s.cfg.Now()
	snoozed, err := s.st.Availability.Snoozed(ctx, g.ID, now)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	for _, e := range q {
		row := queueRow{QueueEntry: e, Since: time.UnixMilli(e.JoinedMs).UTC().Format("2006-01-02 15:04 UTC"), Strikes: strikes[e.UserID]}
		if row.NoShows, err = s.st.Interviews.NoShows(ctx, g.ID, e.UserID); err != nil {
			s.internal(w, r, err)
			return
		}
		v.Queue = append(v.Queue, row)
	}
	for id, until := range snoozed {
		v.Snoozed = append(v.Snoozed, snoozeRow{UserID: id, Until: until.UTC().Format("2006-01-02 15:04 UTC")})
	}
	sort.Slice(v.Snoozed, func(i, j int) bool { return v.Snoozed[i].Until < v.Snoozed[j].Until })
	s.render(w, r, status, "mock", "Mock interviews: "+g.Name, v)
}

// mockSave checks the settings form as /mock-admin setup and checkin do
// (mocksetup, and the channels fetched from Discord) and stores them in
// one UpdateSettings; any refusal shows the form again and stores nothing.
func (s *Server) mockSave(w http.ResponseWriter, r *http.Request) {
	g, ctx := adminGuildOf(r), r.Context()
	if s.cfg.Bot == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "The dashboard has no connection to the bot, so it cannot check the channels: use /mock-admin in Discord.")
		return
	}
	v, ok := s.postedMockForm(w, r, []string{"channel", "voice_category", "expiry", "checkin", "strikes"})
	if !ok {
		return
	}
	set := v.Settings
	problem := func(field string, err error) bool {
		if err == nil {
			return false
		}
		if errs.CodeOf(err) != errs.Invalid {
			s.internal(w, r, err)
			return true
		}
		v.Problems[field] = errs.Message(err)
		return false
	}
	var u store.InterviewSetup
	var changes []string
	if id := v.Values["channel"]; id != "" && id != set.ChannelID {
		ch, err := bot.FetchChannelOf(ctx, s.cfg.Bot, g.ID, id, mocksetup.Channel)
		if problem("channel", err) {
			return
		}
		if err == nil {
			u.ChannelID = &ch.ID
			changes = append(changes, "channel "+ch.ID)
		}
	}
	if val := v.Values["expiry"]; val != "" {
		n, err := mocksetup.ParseExpiry(val)
		if problem("expiry", err) {
			return
		}
		if err == nil && n != set.ExpiryMinutes {
			u.ExpiryMinutes = &n
			changes = append(changes, "expiry "+val)
		}
	}
	switch id := v.Values["voice_category"]; {
	case id == "off" || id == "":
		if set.VoiceCategoryID != "" {
			off := ""
			u.VoiceCategoryID = &off
			changes = append(changes, "voice channels off")
		}
	case id != set.VoiceCategoryID:
		ch, err := bot.FetchChannelOf(ctx, s.cfg.Bot, g.ID, id, mocksetup.VoiceCategory)
		if problem("voice_category", err) {
			return
		}
		if err == nil {
			u.VoiceCategoryID = &ch.ID
			changes = append(changes, "voice category "+ch.ID)
		}
	}
	if val := v.Values["checkin"]; val != "" {
		n, err := mocksetup.CheckinEvery(val)
		if problem("checkin", err) {
			return
		}
		if err == nil && n != set.CheckinMinutes {
			u.CheckinMinutes = &n
			changes = append(changes, "check-ins "+val)
		}
	}
	if val := v.Values["strikes"]; val != "" {
		n, err := strconv.Atoi(val)
		if err != nil {
			n = -1
		}
		if err := mocksetup.CheckStrikes(n); problem("strikes", err) {
			return
		} else if err == nil && n != set.Strikes() {
			u.CheckinStrikes = &n
			changes = append(changes, "strikes "+val)
		}
	}
	if len(v.Problems) > 0 {
		s.renderMock(w, r, http.StatusUnprocessableEntity, v)
		return
	}
	if len(changes) > 0 {
		if _, err := s.st.Interviews.UpdateSettings(ctx, g.ID, u); err != nil {
			s.internal(w, r, err)
			return
		}
		s.audit(r, "mock.setup", strings.Join(changes, ", "))
	}
	http.Redirect(w, r, s.link("/s/"+g.ID+"/admin/mock?saved=1"), http.StatusSeeOther)
}

// postedMockForm reads the server's mock settings and a form posted on the
// mock page: its fields as sent, the page's other form as set.
func (s *Server) postedMockForm(w http.ResponseWriter, r *http.Request, fields []string) (*mockView, bool) {
	set, err := s.st.Interviews.Settings(r.Context(), adminGuildOf(r).ID)
	if err != nil {
		s.internal(w, r, err)
		return nil, false
	}
	v := &mockView{Settings: set, Values: map[string]string{}, Problems: map[string]string{}}
	settingsValues(set, v.Values)
	roundsValues(set, v.Values)
	for _, k := range fields {
		v.Values[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	return v, true
}
