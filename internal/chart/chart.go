// Package chart draws the small charts of prepcord's web dashboard as
// SVG, on the server: daily participation over time, answers per day,
// mock pairings, feedback averages. A chart is a bar or line chart of one
// or more series over shared labels (days, weeks), with a y axis whose
// ticks are round numbers.
//
// The output needs no script and no external file. It is accessible: the
// SVG has role="img" with a <title> and a <desc> that names each series'
// total and peak, every bar and point carries its own <title> ("Mon 30
// Nov: 12 answers"), the series' colours are the Okabe-Ito palette, which
// people with any common colour-vision deficiency tell apart, and lines
// also differ by their marker. Text from callers is escaped. The output
// is deterministic: the same chart gives the same bytes.
package chart

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Kind is how a chart draws its series.
type Kind int

const (
	// Bars draws each label's values as a group of bars, one per series.
	Bars Kind = iota
	// Lines draws each series as a line with a marker on every value.
	Lines
)

// Series is one named row of values, one per label of its chart. A NaN
// value is a gap: no bar, a break in the line.
type Series struct {
	Name   string
	Values []float64
}

// Chart is what to draw.
type Chart struct {
	// ID names the chart's elements, unique in its page (letters, digits
	// and '-'; "" for "chart").
	ID     string
	Title  string   // the chart's title, shown and given to assistive technology
	Unit   string   // what the values count, for tooltips: "answers"
	Labels []string // the x axis, e.g. dates; one value of each series per label
	Series []Series
	Kind   Kind
	// Width and Height are the SVG's size in pixels (0: 640 by 240). The
	// SVG scales to its container through its viewBox.
	Width, Height int
	// YMax fixes the top of the y axis (0: from the data), e.g. 5 for
	// ratings out of 5.
	YMax float64
}

// maxValue bounds the values a chart draws: counts and averages are far
// below it, and beyond it the axis arithmetic loses its precision.
const maxValue = 1e15

// MaxSeries is how many series a chart can tell apart by colour.
const MaxSeries = len(palette)

// palette is Okabe-Ito's, without black (the axes) and yellow (too light
// on white).
var palette = [...]string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00"}

// markers tell the series of a line chart apart without colour.
var markers = [...]string{"circle", "square", "diamond", "circle", "square", "diamond"}

const (
	marginLeft   = 48
	marginRight  = 12
	marginTop    = 36
	marginBottom = 40
	fontSize     = 12
	// labelWidth is the room one x label needs, in pixels, to keep labels
	// from overlapping: every k-th label is shown where they would.
	labelWidth = 64
)

// Validate reports what makes a chart impossible to draw faithfully: a
// series whose length differs from the labels', more series than colours.
func (c *Chart) Validate() error {
	if len(c.Series) > MaxSeries {
		return fmt.Errorf("chart %q: %d series, at most %d can be told apart", c.Title, len(c.Series), MaxSeries)
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) {
			return fmt.Errorf("chart %q: series %q has %d values for %d labels", c.Title, s.Name, len(s.Values), len(c.Labels))
		}
		for _, v := range s.Values {
			if math.Abs(v) > maxValue {
				return fmt.Errorf("chart %q: series %q has a value too large to draw (%g)", c.Title, s.Name, v)
			}
		}
	}
	for _, r := range c.ID {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
			return fmt.Errorf("chart %q: id %q: only letters, digits and '-'", c.Title, c.ID)
		}
	}
	if c.YMax < 0 || math.IsNaN(c.YMax) || math.IsInf(c.YMax, 0) {
		return fmt.Errorf("chart %q: YMax %v is not a positive number", c.Title, c.YMax)
	}
	return nil
}

// SVG writes the chart as an SVG element, ready to place in a page.
func (c *Chart) SVG(w io.Writer) error {
	if err := c.Validate(); err != nil {
		return err
	}
	width, height := c.Width, c.Height
	if width <= 0 || height <= 0 {
		width, height = 640, 240
	}
	lo, hi := c.extent()
	ticks := niceTicks(lo, hi, 5)
	yLo, yHi := ticks[0], ticks[len(ticks)-1]
	plotW := float64(width - marginLeft - marginRight)
	plotH := float64(height - marginTop - marginBottom)
	y := func(v float64) float64 { return float64(marginTop) + plotH*(1-(v-yLo)/(yHi-yLo)) }
	n := max(len(c.Labels), 1)
	slot := plotW / float64(n)
	x := func(i int) float64 { return float64(marginLeft) + slot*(float64(i)+0.5) }

	id := c.ID
	if id == "" {
		id = "chart"
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-labelledby="%s-title %s-desc" font-family="sans-serif" font-size="%d">`,
		width, height, width, height, id, id, fontSize)
	fmt.Fprintf(b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(c.Title), id, esc(c.describe()))
	fmt.Fprintf(b, `<text x="%d" y="%d" font-weight="bold" fill="#1a1a1a">%s</text>`, marginLeft, 18, esc(c.Title))
	// Grid and y axis.
	for _, t := range ticks {
		ty := y(t)
		fmt.Fprintf(b, `<line x1="%d" x2="%s" y1="%s" y2="%s" stroke="#d0d0d0"/>`, marginLeft, num(float64(marginLeft)+plotW), num(ty), num(ty))
		fmt.Fprintf(b, `<text x="%d" y="%s" text-anchor="end" fill="#404040">%s</text>`, marginLeft-6, num(ty+4), esc(tickText(t)))
	}
	base := y(math.Max(yLo, 0))
	fmt.Fprintf(b, `<line x1="%d" x2="%s" y1="%s" y2="%s" stroke="#404040"/>`, marginLeft, num(float64(marginLeft)+plotW), num(base), num(base))
	// X labels, thinned to fit.
	every := max(1, int(math.Ceil(labelWidth/slot)))
	for i, l := range c.Labels {
		if i%every == 0 {
			fmt.Fprintf(b, `<text x="%s" y="%d" text-anchor="middle" fill="#404040">%s</text>`, num(x(i)), height-marginBottom+16, esc(l))
		}
	}
	if !c.hasData() {
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" fill="#404040">No data yet</text>`, num(float64(marginLeft)+plotW/2), num(float64(marginTop)+plotH/2))
	}
	switch c.Kind {
	case Lines:
		c.lines(b, x, y)
	default:
		c.bars(b, x, y, base, slot)
	}
	c.legend(b, width, height)
	b.WriteString(`</svg>`)
	return b.Flush()
}

// bars draws a group of bars per label, one bar per series.
func (c *Chart) bars(b *bufio.Writer, x func(int) float64, y func(float64) float64, base, slot float64) {
	group := slot * 0.8
	bw := group / float64(max(len(c.Series), 1))
	for si, s := range c.Series {
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			top, bottom := math.Min(y(v), base), math.Max(y(v), base)
			left := x(i) - group/2 + bw*float64(si)
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s</title></rect>`,
				num(left), num(top), num(math.Max(bw-1, 1)), num(math.Max(bottom-top, 0.5)), palette[si], esc(c.pointTitle(s, i)))
		}
	}
}

// lines draws each series as a polyline broken at gaps, with a marker on
// every value.
func (c *Chart) lines(b *bufio.Writer, x func(int) float64, y func(float64) float64) {
	for si, s := range c.Series {
		var run []string
		flush := func() {
			if len(run) > 1 {
				fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(run, " "), palette[si])
			}
			run = run[:0]
		}
		for i, v := range s.Values {
			if math.IsNaN(v) {
				flush()
				continue
			}
			run = append(run, num(x(i))+","+num(y(v)))
		}
		flush()
		for i, v := range s.Values {
			if !math.IsNaN(v) {
				marker(b, markers[si], x(i), y(v), palette[si], c.pointTitle(s, i))
			}
		}
	}
}

// marker draws one value's marker with its tooltip.
func marker(b *bufio.Writer, shape string, cx, cy float64, colour, title string) {
	switch shape {
	case "square":
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="7" height="7" fill="%s"><title>%s</title></rect>`, num(cx-3.5), num(cy-3.5), colour, esc(title))
	case "diamond":
		fmt.Fprintf(b, `<polygon points="%s,%s %s,%s %s,%s %s,%s" fill="%s"><title>%s</title></polygon>`,
			num(cx), num(cy-5), num(cx+5), num(cy), num(cx), num(cy+5), num(cx-5), num(cy), colour, esc(title))
	default:
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="4" fill="%s"><title>%s</title></circle>`, num(cx), num(cy), colour, esc(title))
	}
}

// legend names the series below the axis labels, when there are several.
func (c *Chart) legend(b *bufio.Writer, width, height int) {
	if len(c.Series) < 2 {
		return
	}
	lx := float64(marginLeft)
	ly := float64(height - 8)
	for si, s := range c.Series {
		if c.Kind == Lines {
			marker(b, markers[si], lx+5, ly-4, palette[si], s.Name)
		} else {
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="10" height="10" fill="%s"/>`, num(lx), num(ly-9), palette[si])
		}
		fmt.Fprintf(b, `<text x="%s" y="%s" fill="#1a1a1a">%s</text>`, num(lx+14), num(ly), esc(s.Name))
		lx += 14 + float64(len([]rune(s.Name)))*7 + 16
		if lx > float64(width-marginRight) {
			break
		}
	}
}

// extent returns the smallest and largest value to show: 0 is always in
// range, and YMax, when set, is the top.
func (c *Chart) extent() (lo, hi float64) {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if c.YMax > 0 {
		hi = math.Max(hi, c.YMax)
	}
	return lo, hi
}

func (c *Chart) hasData() bool {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				return true
			}
		}
	}
	return false
}

// describe is the chart's <desc>: what it shows, in words, for those who
// cannot see it.
func (c *Chart) describe() string {
	if !c.hasData() || len(c.Labels) == 0 {
		return c.Title + ": no data yet."
	}
	parts := []string{fmt.Sprintf("%s, %s to %s.", c.Title, c.Labels[0], c.Labels[len(c.Labels)-1])}
	for _, s := range c.Series {
		total, peak, at, count := 0.0, math.Inf(-1), "", 0
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			total += v
			count++
			if v > peak {
				peak, at = v, c.Labels[i]
			}
		}
		if count == 0 {
			continue
		}
		name := s.Name
		if name == "" {
			name = c.Unit
		}
		parts = append(parts, fmt.Sprintf("%s: total %s, average %s, highest %s on %s.", name, tickText(total), tickText(total/float64(count)), tickText(peak), at))
	}
	return strings.Join(parts, " ")
}

// pointTitle is one value's tooltip: "Mon 30 Nov, answers: 12".
func (c *Chart) pointTitle(s Series, i int) string {
	t := c.Labels[i] + ": " + tickText(s.Values[i])
	if c.Unit != "" {
		t += " " + c.Unit
	}
	if s.Name != "" && len(c.Series) > 1 {
		t = s.Name + ", " + t
	}
	return t
}

// niceTicks returns about n+1 round tick values (steps of 1, 2 or 5 times
// a power of ten) covering [lo, hi], from a tick at or below lo to one at
// or above hi. An empty range gives 0 to 1.
func niceTicks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	exp := int(math.Floor(math.Log10(raw)))
	mult := 10.0
	for _, m := range []float64{1, 2, 5} {
		if m*math.Pow10(exp) >= raw {
			mult = m
			break
		}
	}
	// k·mult·10^exp, divided rather than multiplied by a negative power of
	// ten so that 6·0.1 is 0.6, not 0.6000000000000001.
	at := func(k float64) float64 {
		if exp < 0 {
			return k * mult / math.Pow10(-exp)
		}
		return k * mult * math.Pow10(exp)
	}
	step := at(1)
	var out []float64
	for k := math.Floor(lo / step); ; k++ {
		v := at(k)
		out = append(out, v)
		if v >= hi-step*1e-9 {
			break
		}
	}
	return out
}

// tickText formats a value briefly: whole numbers without decimals, others
// with up to two.
func tickText(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// num formats a coordinate with one decimal.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// esc escapes text for SVG content and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
