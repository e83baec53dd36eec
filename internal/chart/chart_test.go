package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// element is one parsed SVG element: its name, attributes and the text of
// its <title> child, if any.
type element struct {
	name  string
	attr  map[string]string
	title string
}

// parse renders c and parses the SVG as XML, failing the test when it is
// not well-formed; it returns the elements in document order.
func parse(t *testing.T, c *Chart) ([]*element, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := c.SVG(&buf); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	var out, stack []*element
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, buf.String())
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &element{name: tk.Name.Local, attr: map[string]string{}}
			for _, a := range tk.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			out = append(out, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) >= 2 && stack[len(stack)-1].name == "title" {
				stack[len(stack)-2].title += string(tk)
			}
		}
	}
	return out, buf.String()
}

func named(es []*element, name string) []*element {
	var out []*element
	for _, e := range es {
		if e.name == name {
			out = append(out, e)
		}
	}
	return out
}

func attrF(t *testing.T, e *element, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", e.name, name, e.attr[name], err)
	}
	return v
}

// TestBarsHeightsFollowValues: one bar per value with its own tooltip, and
// bar heights proportional to the values on a shared axis.
func TestBarsHeightsFollowValues(t *testing.T) {
	c := &Chart{Title: "Answers per day", Unit: "answers", Labels: []string{"Mon", "Tue", "Wed", "Thu"},
		Series: []Series{{Name: "answers", Values: []float64{3, 6, 0, 12}}}}
	es, _ := parse(t, c)
	var bars []*element
	for _, r := range named(es, "rect") {
		if r.title != "" {
			bars = append(bars, r)
		}
	}
	if len(bars) != 4 {
		t.Fatalf("%d bars for 4 values", len(bars))
	}
	want := []string{"Mon: 3 answers", "Tue: 6 answers", "Wed: 0 answers", "Thu: 12 answers"}
	for i, b := range bars {
		if b.title != want[i] {
			t.Errorf("bar %d's tooltip %q, want %q", i, b.title, want[i])
		}
	}
	h := func(i int) float64 { return attrF(t, bars[i], "height") }
	if r := h(1) / h(0); math.Abs(r-2) > 0.05 {
		t.Errorf("6 is drawn %.2f times as tall as 3", r)
	}
	if r := h(3) / h(0); math.Abs(r-4) > 0.05 {
		t.Errorf("12 is drawn %.2f times as tall as 3", r)
	}
	if h(2) > 1 {
		t.Errorf("0 is drawn %.1f px tall", h(2))
	}
	// Bars stand on the axis, left to right in label order.
	if x0, x3 := attrF(t, bars[0], "x"), attrF(t, bars[3], "x"); x0 >= x3 {
		t.Errorf("bars out of order: %v then %v", x0, x3)
	}
	bottom := func(i int) float64 { return attrF(t, bars[i], "y") + h(i) }
	if math.Abs(bottom(0)-bottom(3)) > 0.2 {
		t.Errorf("bars stand on different baselines: %v, %v", bottom(0), bottom(3))
	}
}

// TestAccessibleAndEscaped: the SVG is labelled by its title and a
// description in words, caller text cannot inject markup, and charts with
// different ids on one page keep their ids apart.
func TestAccessibleAndEscaped(t *testing.T) {
	hostile := `<script>alert(1)</script> & "quotes"`
	c := &Chart{ID: "feedback", Title: hostile, Unit: "stars", Labels: []string{"w1", hostile, "w3"}, Kind: Lines, YMax: 5,
		Series: []Series{{Name: hostile, Values: []float64{3.5, 4.25, 4}}, {Name: "partners", Values: []float64{1, 2, 3}}}}
	es, raw := parse(t, c)
	if strings.Contains(raw, "<script") {
		t.Fatalf("markup from a label reached the SVG:\n%s", raw)
	}
	if len(named(es, "script")) != 0 {
		t.Fatal("a <script> element was drawn")
	}
	root := es[0]
	if root.name != "svg" || root.attr["role"] != "img" || root.attr["aria-labelledby"] != "feedback-title feedback-desc" {
		t.Fatalf("root: %+v", root)
	}
	desc := named(es, "desc")
	if len(desc) != 1 || desc[0].attr["id"] != "feedback-desc" {
		t.Fatalf("no description: %+v", desc)
	}
	var descText string
	d := xml.NewDecoder(strings.NewReader(raw))
	for tok, err := d.Token(); err == nil; tok, err = d.Token() {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "desc" {
			tok, _ = d.Token()
			descText = string(tok.(xml.CharData))
		}
	}
	for _, want := range []string{"total 11.75", "highest 4.25 on " + hostile, "partners: total 6, average 2, highest 3 on w3"} {
		if !strings.Contains(descText, want) {
			t.Errorf("description lacks %q: %q", want, descText)
		}
	}
	// Two series of a line chart differ by marker, not colour alone.
	if len(named(es, "circle")) < 3 || len(named(es, "rect")) < 3 {
		t.Errorf("markers: %d circles, %d squares", len(named(es, "circle")), len(named(es, "rect")))
	}
	// The fixed top of 5 holds even though no value reaches it.
	var tops []string
	for _, e := range named(es, "text") {
		if e.attr["text-anchor"] == "end" {
			tops = append(tops, e.attr["y"])
		}
	}
	if !strings.Contains(raw, `fill="#404040">5</text>`) {
		t.Errorf("the y axis does not reach 5: %v", tops)
	}
}

// TestGapsAndEmpty: NaN values leave gaps (no bar, a broken line), and a
// chart with no data says so instead of drawing an empty frame.
func TestGapsAndEmpty(t *testing.T) {
	nan := math.NaN()
	line := &Chart{Title: "Participation", Labels: []string{"a", "b", "c", "d", "e"}, Kind: Lines,
		Series: []Series{{Name: "members", Values: []float64{1, 2, nan, 4, 5}}}}
	es, _ := parse(t, line)
	if n := len(named(es, "polyline")); n != 2 {
		t.Errorf("a line with one gap drew %d segments, want 2", n)
	}
	if n := len(named(es, "circle")); n != 4 {
		t.Errorf("%d markers for 4 values", n)
	}
	empty := &Chart{Title: "Pairings", Labels: []string{"w1", "w2"}, Series: []Series{{Name: "pairs", Values: []float64{nan, nan}}}}
	_, raw := parse(t, empty)
	if !strings.Contains(raw, "No data yet") || !strings.Contains(raw, "Pairings: no data yet.") {
		t.Errorf("an empty chart does not say so:\n%s", raw)
	}
	none := &Chart{Title: "Nothing"}
	if _, raw := parse(t, none); !strings.Contains(raw, "No data yet") {
		t.Errorf("a chart without labels: %s", raw)
	}
}

// TestLabelsThinnedToFit: a year of days keeps its labels from
// overlapping by showing every k-th.
func TestLabelsThinnedToFit(t *testing.T) {
	labels := make([]string, 365)
	vals := make([]float64, 365)
	for i := range labels {
		labels[i] = "d" + strconv.Itoa(i)
		vals[i] = float64(i % 7)
	}
	es, _ := parse(t, &Chart{Title: "A year", Labels: labels, Series: []Series{{Values: vals}}})
	var xs []float64
	for _, e := range named(es, "text") {
		if e.attr["text-anchor"] == "middle" {
			xs = append(xs, attrF(t, e, "x"))
		}
	}
	if len(xs) < 5 || len(xs) > 12 {
		t.Fatalf("%d of 365 labels shown", len(xs))
	}
	slices.Sort(xs)
	for i := 1; i < len(xs); i++ {
		if xs[i]-xs[i-1] < labelWidth-1 {
			t.Fatalf("labels %.1f px apart", xs[i]-xs[i-1])
		}
	}
}

func TestValidate(t *testing.T) {
	for name, c := range map[string]*Chart{
		"short series":   {Title: "x", Labels: []string{"a", "b"}, Series: []Series{{Values: []float64{1}}}},
		"too many":       {Title: "x", Series: make([]Series, MaxSeries+1)},
		"infinite value": {Title: "x", Labels: []string{"a"}, Series: []Series{{Values: []float64{math.Inf(1)}}}},
		"huge value":     {Title: "x", Labels: []string{"a"}, Series: []Series{{Values: []float64{-1e300}}}},
		"bad id":         {Title: "x", ID: `a" onload="x`},
		"negative top":   {Title: "x", YMax: -1},
	} {
		if err := c.SVG(io.Discard); err == nil {
			t.Errorf("%s: drawn", name)
		}
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 12, []float64{0, 5, 10, 15}},
		{0, 10, []float64{0, 2, 4, 6, 8, 10}},
		{0, 5, []float64{0, 1, 2, 3, 4, 5}},
		{0, 0, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0, 0.3, []float64{0, 0.1, 0.2, 0.3}},
		{-3, 7, []float64{-4, -2, 0, 2, 4, 6, 8}},
		{0, 1234, []float64{0, 500, 1000, 1500}},
	} {
		if got := niceTicks(tc.lo, tc.hi, 5); !slices.Equal(got, tc.want) {
			t.Errorf("niceTicks(%v, %v) = %v, want %v", tc.lo, tc.hi, got, tc.want)
		}
	}
}

// TestDeterministic: the same chart gives the same bytes.
func TestDeterministic(t *testing.T) {
	c := &Chart{Title: "x", Labels: []string{"a", "b"}, Series: []Series{{Name: "s", Values: []float64{1, 2}}, {Name: "t", Values: []float64{2, 1}}}}
	var a, b bytes.Buffer
	if err := c.SVG(&a); err != nil {
		t.Fatal(err)
	}
	if err := c.SVG(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renders differ")
	}
}

func FuzzChart(f *testing.F) {
	f.Add("Answers", "Mon", 3.0, 1e9, true)
	f.Add("<&>", "\x00", -1.5, math.NaN(), false)
	f.Add("x", "y", 1e15, -1e15, true)
	f.Fuzz(func(t *testing.T, title, label string, a, b float64, lines bool) {
		c := &Chart{Title: title, Labels: []string{label, label + "2"}, Series: []Series{{Name: label, Values: []float64{a, b}}}}
		if lines {
			c.Kind = Lines
		}
		var buf bytes.Buffer
		if err := c.SVG(&buf); err != nil {
			if math.Abs(a) <= maxValue && math.Abs(b) <= maxValue {
				t.Fatalf("values within range refused: %v", err)
			}
			return
		}
		d := xml.NewDecoder(&buf)
		d.Strict = true
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				// xml.EscapeText turns invalid characters into U+FFFD;
				// anything else is our malformed output.
				t.Fatalf("malformed SVG for %q/%q: %v", title, label, err)
			}
		}
	})
}
