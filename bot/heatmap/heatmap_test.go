package heatmap

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
)

func d(s string) schedule.Date {
	v, err := schedule.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func render(t *testing.T, counts map[schedule.Date]int, end schedule.Date, weeks int, opts Options) ([]byte, image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, counts, end, weeks, opts); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), img
}

// sample is a plausible half year of activity ending on end.
func sample(end schedule.Date) map[schedule.Date]int {
	r := rand.New(rand.NewPCG(42, 7))
	m := map[schedule.Date]int{}
	for i := 0; i < 26*7; i++ {
		day := end.AddDays(-i)
		if r.IntN(10) < 6 {
			m[day] = []int{1, 1, 1, 2, 2, 3, 4, 6}[r.IntN(8)]
		}
	}
	return m
}

func TestDimensions(t *testing.T) {
	end := d("2026-06-17")
	tests := []struct {
		weeks      int
		opts       Options
		wantW      int
		wantH      int
		maxW, maxH int
	}{
		{26, Options{}, 401, 144, 600, 160},
		{0, Options{}, 401, 144, 600, 160},
		{12, Options{}, 205, 144, 600, 160},
		{1, Options{}, 138, 144, 600, 160}, // the legend sets the width
		{26, Options{NoLabels: true, NoLegend: true}, 8 + 26*14 - 2 + 8, 8 + 7*14 - 2 + 8, 600, 160},
		{53, Options{Cell: 8, Gap: 2}, 0, 0, 600, 160},
	}
	for _, tt := range tests {
		w, h, err := Size(end, tt.weeks, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		_, img := render(t, nil, end, tt.weeks, tt.opts)
		b := img.Bounds()
		if b.Dx() != w || b.Dy() != h {
			t.Errorf("weeks %d: image %v, Size says %dx%d", tt.weeks, b, w, h)
		}
		if tt.wantW != 0 && (w != tt.wantW || h != tt.wantH) {
			t.Errorf("weeks %d %+v: %dx%d, want %dx%d", tt.weeks, tt.opts, w, h, tt.wantW, tt.wantH)
		}
		if w > tt.maxW || h > tt.maxH {
			t.Errorf("weeks %d %+v: %dx%d exceeds %dx%d", tt.weeks, tt.opts, w, h, tt.maxW, tt.maxH)
		}
	}
}

func TestErrors(t *testing.T) {
	var buf bytes.Buffer
	for _, tc := range []struct {
		end   schedule.Date
		weeks int
		opts  Options
	}{
		{schedule.Date{}, 26, Options{}},
		{d("2026-06-17"), MaxWeeks + 1, Options{}},
		{d("2026-06-17"), 26, Options{Cell: 100}},
		{d("2026-06-17"), 26, Options{Gap: -1}},
	} {
		if err := Render(&buf, nil, tc.end, tc.weeks, tc.opts); err == nil {
			t.Errorf("Render(%v, %d, %+v) succeeded", tc.end, tc.weeks, tc.opts)
		}
	}
}

func colorAt(img image.Image, r image.Rectangle) [4]uint32 {
	c := img.At((r.Min.X+r.Max.X)/2, (r.Min.Y+r.Max.Y)/2)
	a, b, cc, dd := c.RGBA()
	return [4]uint32{a, b, cc, dd}
}

func rgba(level int) [4]uint32 {
	a, b, c, d := LevelColor(level).RGBA()
	return [4]uint32{a, b, c, d}
}

func TestCellColours(t *testing.T) {
	end := d("2026-06-17") // a Wednesday
	counts := map[schedule.Date]int{
		d("2026-06-17"): 1,
		d("2026-06-16"): 2,
		d("2026-06-15"): 3,
		d("2026-06-14"): 4,
		d("2026-06-13"): 9,
		d("2026-06-12"): -3,
		d("2026-01-01"): 4, // before the first column (26 weeks back)
		d("2026-06-18"): 4, // after end
	}
	_, img := render(t, counts, end, 26, Options{})
	tests := []struct {
		day   string
		level int
	}{
		{"2026-06-17", 1}, {"2026-06-16", 2}, {"2026-06-15", 3}, {"2026-06-14", 4},
		{"2026-06-13", 4}, {"2026-06-12", 0}, {"2026-06-11", 0}, {"2025-12-22", 0},
	}
	for _, tt := range tests {
		r, ok := CellRect(d(tt.day), end, 26, Options{})
		if !ok {
			t.Fatalf("%s not in the picture", tt.day)
		}
		if got := colorAt(img, r); got != rgba(tt.level) {
			t.Errorf("%s: colour %v, want level %d %v", tt.day, got, tt.level, rgba(tt.level))
		}
	}
	// Geometry: Monday is the top row, end is in the last column.
	mon, _ := CellRect(d("2026-06-15"), end, 26, Options{})
	wed, _ := CellRect(end, end, 26, Options{})
	sun, _ := CellRect(d("2026-06-14"), end, 26, Options{})
	first, _ := CellRect(d("2025-12-22"), end, 26, Options{})
	if mon.Min.X != wed.Min.X || wed.Min.Y-mon.Min.Y != 2*14 || sun.Min.X != mon.Min.X-14 || sun.Min.Y != mon.Min.Y+6*14 {
		t.Errorf("geometry: mon %v wed %v sun %v", mon, wed, sun)
	}
	if first.Min.Y != mon.Min.Y || (wed.Min.X-first.Min.X)/14 != 25 {
		t.Errorf("first column %v", first)
	}
	for _, out := range []string{"2025-12-21", "2026-06-18", "2026-06-21"} {
		if _, ok := CellRect(d(out), end, 26, Options{}); ok {
			t.Errorf("%s should be outside the picture", out)
		}
	}
	// Days after end in the last column are background.
	r := image.Rect(wed.Min.X, wed.Min.Y+14, wed.Max.X, wed.Max.Y+14)
	bg := Background()
	br, bgc, bb, ba := bg.RGBA()
	if got := colorAt(img, r); got != [4]uint32{br, bgc, bb, ba} {
		t.Errorf("Thursday after end drawn: %v", got)
	}
}

func TestEmptyAndDeterministic(t *testing.T) {
	end := d("2026-06-17")
	empty, img := render(t, nil, end, 26, Options{})
	r, _ := CellRect(end, end, 26, Options{})
	if colorAt(img, r) != rgba(0) {
		t.Error("empty map: cell not level 0")
	}
	if c := img.At(0, 0); c != Background() {
		r, g, b, _ := c.RGBA()
		t.Errorf("corner %v %v %v, want the background", r>>8, g>>8, b>>8)
	}
	if len(empty) > 20<<10 {
		t.Errorf("empty PNG is %d bytes", len(empty))
	}
	a, _ := render(t, sample(end), end, 26, Options{})
	b, _ := render(t, sample(end), end, 26, Options{})
	if !bytes.Equal(a, b) {
		t.Error("same input gave different bytes")
	}
	if len(a) > 20<<10 {
		t.Errorf("PNG is %d bytes, want under 20 KB", len(a))
	}
	t.Logf("sample PNG: %d bytes", len(a))
}

func TestCounts(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	ts := []time.Time{
		time.Date(2026, 6, 17, 3, 0, 0, 0, time.UTC), // June 16 in New York
		time.Date(2026, 6, 17, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 6, 17, 13, 0, 0, 0, time.UTC),
	}
	m := Counts(ts, ny)
	if m[d("2026-06-16")] != 1 || m[d("2026-06-17")] != 2 || len(m) != 2 {
		t.Errorf("Counts = %v", m)
	}
}

// TestWriteSample writes the sample picture for a human to look at when
// HEATMAP_SAMPLE names a file, e.g. HEATMAP_SAMPLE=/tmp/heatmap-sample.png.
func TestWriteSample(t *testing.T) {
	path := os.Getenv("HEATMAP_SAMPLE")
	if path == "" {
		t.Skip("set HEATMAP_SAMPLE to write a sample PNG")
	}
	end := d("2026-06-17")
	png, _ := render(t, sample(end), end, 26, Options{})
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkRender(b *testing.B) {
	end := d("2026-06-17")
	m := sample(end)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, m, end, 26, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
