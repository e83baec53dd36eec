package web

import (
	"bytes"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/prepcord/prepcord/bot/heatmap"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/store"
)

// heatmapWeeks is how many weeks the member page's activity picture covers.
const heatmapWeeks = 26

// memberGuild is a member's practice in one server.
type memberGuild struct {
	Guild     guildInfo
	Days      int // days answered
	Progress  []store.CategoryProgress
	Due       int
	Feedback  []store.Feedback
	Manages   bool
	HasRecord bool
}

// memberView is a member's own page.
type memberView struct {
	Guilds  []memberGuild
	Managed []guildInfo
}

// member is a member's own page: their practice in each of their servers
// where prepcord has any, and links to the admin pages of the servers
// they manage. It shows only the logged-in member's data.
func (s *Server) member(w http.ResponseWriter, r *http.Request) {
	ws := sessionOf(r)
	ctx := r.Context()
	now := s.cfg.Now()
	v := &memberView{}
	for _, g := range guildsOf(ws) {
		if g.manages() {
			v.Managed = append(v.Managed, g)
		}
		mg := memberGuild{Guild: g}
		days, err := s.st.History.ParticipationDays(ctx, g.ID, ws.UserID)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		mg.Days = len(days)
		if mg.Progress, _, err = s.st.Reviews.Progress(ctx, g.ID, ws.UserID, now); err != nil {
			s.internal(w, r, err)
			return
		}
		due, err := s.st.Reviews.DueCounts(ctx, g.ID, ws.UserID, now)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		for _, n := range due {
			mg.Due += n
		}
		if mg.Feedback, err = s.st.Feedback.Received(ctx, g.ID, ws.UserID, 5); err != nil {
			s.internal(w, r, err)
			return
		}
		mg.HasRecord = mg.Days > 0 || len(mg.Progress) > 0 || mg.Due > 0 || len(mg.Feedback) > 0
		if mg.HasRecord {
			v.Guilds = append(v.Guilds, mg)
		}
	}
	s.render(w, r, http.StatusOK, "member", "Your practice", v)
}

// activityPNG is the member's daily activity in one server as the same
// picture /profile shows (bot/heatmap), for the logged-in member only.
func (s *Server) activityPNG(w http.ResponseWriter, r *http.Request) {
	ws := sessionOf(r)
	days, err := s.st.History.ParticipationDays(r.Context(), chi.URLParam(r, "guild"), ws.UserID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	counts := make(map[schedule.Date]int, len(days))
	for _, d := range days {
		if dd, err := schedule.ParseDate(d.Date); err == nil {
			counts[dd] = d.Count
		}
	}
	today := schedule.DateOf(s.cfg.Now().In(time.UTC))
	var png bytes.Buffer
	if err := heatmap.Render(&png, counts, today, heatmapWeeks, heatmap.Options{}); err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=300")
	_, _ = w.Write(png.Bytes())
}
