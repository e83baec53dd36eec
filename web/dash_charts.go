package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
	"github.com/prepcord/prepcord/internal/chart"
)

// chartView is one chart on the charts page: the SVG and its numbers as a
// table for screen readers and anyone who wants them.
type chartView struct {
	ID, Title string
	SVG       template.HTML
	// Head names the table's first column (the labels); Labels are its
	// rows and Table its columns: the chart's series and any numbers the
	// picture leaves out.
	Head   string
	Labels []string
	Table  []chart.Series
}

// drawChart draws c and keeps numbers for the table under it: rows (the
// first column, headed head) and cols, by default the chart's labels and
// series; a table may hold more than the picture (every category where
// the picture sums the smallest, how many ratings an average is of).
func drawChart(c *chart.Chart, head string, rows []string, cols []chart.Series) (chartView, error) {
	var buf bytes.Buffer
	if err := c.SVG(&buf); err != nil {
		return chartView{}, err
	}
	if rows == nil {
		rows, cols = c.Labels, c.Series
	}
	return chartView{ID: c.ID, Title: c.Title, SVG: template.HTML(buf.String()), Head: head, Labels: rows, Table: cols}, nil
}

// chartsView is the charts page.
type chartsView struct {
	Guild  adminGuild
	Days   int
	Zone   string
	Charts []chartView
}

// maxChartRows bounds the pairings and feedback read for a chart.
const maxChartRows = 20000

// charts draws the server's activity: daily participation and private
// answers per day over the last 30 or 90 days (?days=90), mock pairings per week and feedback averages
// per week, in the zone of the server's daily question (else UTC).
func (s *Server) charts(w http.ResponseWriter, r *http.Request) {
	g, ctx := adminGuildOf(r), r.Context()
	days := 30
	if r.URL.Query().Get("days") == "90" {
		days = 90
	}
	loc := time.UTC
	if c, err := s.st.Daily.Config(ctx, g.ID); err == nil {
		if l, err := schedule.LoadZone(c.Zone); err == nil {
			loc = l
		}
	}
	now := s.cfg.Now().In(loc)
	first := now.AddDate(0, 0, -(days - 1))
	v := &chartsView{Guild: g, Days: days, Zone: loc.String()}

	byDay, err := s.st.Activity.MembersByDay(ctx, g.ID, first.Format(time.DateOnly), now.Format(time.DateOnly))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	part := chart.Chart{ID: "participation", Title: fmt.Sprintf("Members who answered the daily question, last %d days", days), Unit: "members", Kind: chart.Bars}
	vals := make([]float64, 0, days)
	for d := first; !d.After(now); d = d.AddDate(0, 0, 1) {
		part.Labels = append(part.Labels, d.Format("2 Jan"))
		vals = append(vals, float64(byDay[d.Format(time.DateOnly)]))
	}
	part.Series = []chart.Series{{Name: "Members", Values: vals}}
	answersByDay, err := s.st.Activity.AnswersByDay(ctx, g.ID, first.Format(time.DateOnly), now.Format(time.DateOnly))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	answers := chart.Chart{ID: "answers", Title: fmt.Sprintf("Private answers to the daily question per day, last %d days", days), Unit: "answers", Kind: chart.Bars, Labels: part.Labels}
	av := make([]float64, 0, days)
	for d := first; !d.After(now); d = d.AddDate(0, 0, 1) {
		av = append(av, float64(answersByDay[d.Format(time.DateOnly)]))
	}
	answers.Series = []chart.Series{{Name: "Answers", Values: av}}

	// Weeks start on Monday in the server's zone; the last 12 are shown.
	const weeks = 12
	weekStart := func(t time.Time) time.Time {
		t = t.In(loc)
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	start := weekStart(now).AddDate(0, 0, -7*(weeks-1))
	weekOf := func(t time.Time) int { return int(weekStart(t).Sub(start).Hours()+12) / (24 * 7) }
	var weekLabels []string
	for i := 0; i < weeks; i++ {
		weekLabels = append(weekLabels, "week of "+start.AddDate(0, 0, 7*i).Format("2 Jan"))
	}
	pairs, err := s.st.Activity.Pairings(ctx, g.ID, start, maxChartRows)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	pv := make([]float64, weeks)
	for _, p := range pairs {
		if i := weekOf(p.Created()); i >= 0 && i < weeks {
			pv[i]++
		}
	}
	pairing := chart.Chart{ID: "pairings", Title: "Mock interview pairings per week", Unit: "pairings", Kind: chart.Bars,
		Labels: weekLabels, Series: []chart.Series{{Name: "Pairings", Values: pv}}}

	scores, err := s.st.Activity.FeedbackScores(ctx, g.ID, start, maxChartRows)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var sum [3][weeks]float64
	var n [weeks]float64
	for _, f := range scores {
		if i := weekOf(f.Created()); i >= 0 && i < weeks {
			sum[0][i] += float64(f.Communication)
			sum[1][i] += float64(f.ProblemSolving)
			sum[2][i] += float64(f.Structure)
			n[i]++
		}
	}
	feedback := chart.Chart{ID: "feedback", Title: "Average mock interview feedback per week (1 to 5)", Unit: "average", Kind: chart.Lines, YMax: 5, Labels: weekLabels}
	for k, name := range []string{"Communication", "Problem solving", "Structure"} {
		vals := make([]float64, weeks)
		for i := range vals {
			if n[i] > 0 {
				vals[i] = sum[k][i] / n[i]
			}
		}
		feedback.Series = append(feedback.Series, chart.Series{Name: name, Values: vals})
	}
	for _, c := range []*chart.Chart{&part, &answers, &pairing, &feedback} {
		cv, err := drawChart(c, "When", nil, nil)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		v.Charts = append(v.Charts, cv)
	}
	s.render(w, r, http.StatusOK, "charts", "Charts: "+g.Name, v)
}

// num writes a chart value for its table: whole numbers bare, others
// with one decimal.
func num(v float64) string {
	if v == float64(int64(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
