package web

import (
	"bytes"
	"net/http"
	"slices"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/heatmap"
	"github.com/prepcord/prepcord/bot/progress"
	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/internal/chart"
	"github.com/prepcord/prepcord/store"
)

// heatmapWeeks is how many weeks the member page's activity picture covers.
const heatmapWeeks = 26

// feedbackMonths is how many months of feedback averages the member page
// shows, as /profile.
const feedbackMonths = 6

// memberGuild is a member's practice in one server.
type memberGuild struct {
	Guild    guildInfo
	Days     int // days answered
	Progress []store.CategoryProgress
	Due      int
	Feedback []store.Feedback
	// Charts are the progress by category and, when the member received
	// feedback, its averages by month.
	Charts    []chartView
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
		months, err := s.st.Feedback.MonthlyAverages(ctx, g.ID, ws.UserID, time.UTC, feedbackMonths)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		if mg.Charts, err = memberCharts(g, mg.Progress, months); err != nil {
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

// memberCharts draws a member's progress by category (seen, known, due;
// the picture keeps /profile's largest categories, the table has them
// all) and the averages of the feedback they received per month.
func memberCharts(g guildInfo, cats []store.CategoryProgress, months []store.MonthAverages) ([]chartView, error) {
	var out []chartView
	if len(cats) > 0 {
		topics := make([]progress.Topic, len(cats))
		for i, c := range cats {
			topics[i] = progress.Topic{Name: c.Category, Seen: c.Seen, Good: c.Good, Due: c.Due}
		}
		topics = progress.Limit(topics)
		pc := chart.Chart{ID: "progress-" + g.ID, Title: "Your progress by category in " + g.Name, Unit: "questions", Kind: chart.Bars,
			Width: max(640, 60+76*len(topics)), Height: 260}
		var seen, known, due []float64
		for _, t := range topics {
			pc.Labels = append(pc.Labels, bot.Truncate(t.Name, 11))
			seen, known, due = append(seen, float64(t.Seen)), append(known, float64(t.Good)), append(due, float64(t.Due))
		}
		pc.Series = []chart.Series{{Name: "Seen", Values: seen}, {Name: "Known", Values: known}, {Name: "Due", Values: due}}
		rows := make([]string, len(cats))
		cols := []chart.Series{{Name: "Seen"}, {Name: "Known"}, {Name: "Due"}}
		for i, c := range cats {
			rows[i] = c.Category
			cols[0].Values = append(cols[0].Values, float64(c.Seen))
			cols[1].Values = append(cols[1].Values, float64(c.Good))
			cols[2].Values = append(cols[2].Values, float64(c.Due))
		}
		cv, err := drawChart(&pc, "Category", rows, cols)
		if err != nil {
			return nil, err
		}
		out = append(out, cv)
	}
	if len(months) > 0 {
		fc := chart.Chart{ID: "feedback-" + g.ID, Title: "Mock feedback you received in " + g.Name + ", average by month (1 to 5)",
			Unit: "average", Kind: chart.Lines, YMax: 5}
		vals := make([][]float64, 4)
		for _, m := range months {
			label := m.Month
			if t, err := time.Parse("2006-01", m.Month); err == nil {
				label = t.Format("Jan 2006")
			}
			fc.Labels = append(fc.Labels, label)
			for i, v := range []float64{m.Communication, m.ProblemSolving, m.Structure, float64(m.N)} {
				vals[i] = append(vals[i], v)
			}
		}
		fc.Series = []chart.Series{{Name: "Communication", Values: vals[0]}, {Name: "Problem solving", Values: vals[1]}, {Name: "Structure", Values: vals[2]}}
		cv, err := drawChart(&fc, "Month", fc.Labels, append(slices.Clone(fc.Series), chart.Series{Name: "Ratings", Values: vals[3]}))
		if err != nil {
			return nil, err
		}
		out = append(out, cv)
	}
	return out, nil
}
