// Package heatmap draws the /profile activity picture: a contributions-style
// grid of the days a member answered, as a small PNG in greens on Discord's
// dark background. It uses only the standard library (image/png) and a
// built-in 5x7 bitmap font, and its output is byte-for-byte deterministic.
package heatmap

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"time"

	"github.com/prepcord/prepcord/bot/schedule"
)

// Options adjusts the picture; the zero value gives the defaults.
type Options struct {
	// Cell is the side of a day's square in pixels (default 12, 4-32).
	Cell int
	// Gap is the space between squares in pixels (default 2, 0-8).
	Gap int
	// NoLabels leaves out the month initials and the Mon/Wed/Fri labels.
	NoLabels bool
	// NoLegend leaves out the Less ... More legend.
	NoLegend bool
}

// DefaultWeeks is the number of week columns when Render is given weeks <= 0.
const DefaultWeeks = 26

// MaxWeeks is the largest number of week columns Render draws.
const MaxWeeks = 53

// Palette indices.
const (
	idxBackground = iota
	idxText
	idxLevel0 // 5 levels: idxLevel0 .. idxLevel0+4
)

// palette: Discord's dark background (#2b2d31), its muted text colour, an
// empty-cell grey and four greens (GitHub's dark-theme contribution greens).
var palette = color.Palette{
	color.RGBA{0x2b, 0x2d, 0x31, 0xff},
	color.RGBA{0xb5, 0xba, 0xc1, 0xff},
	color.RGBA{0x3a, 0x3d, 0x44, 0xff},
	color.RGBA{0x0e, 0x44, 0x29, 0xff},
	color.RGBA{0x00, 0x6d, 0x32, 0xff},
	color.RGBA{0x26, 0xa6, 0x41, 0xff},
	color.RGBA{0x39, 0xd3, 0x53, 0xff},
}

// Background returns the picture's background colour, #2b2d31.
func Background() color.RGBA { return palette[idxBackground].(color.RGBA) }

// LevelOf returns the colour level, 0-4, of a day with count answers:
// 0 for none (or a negative count), 4 for four or more.
func LevelOf(count int) int { return min(max(count, 0), 4) }

// LevelColor returns the colour of a cell of the given level (clamped to 0-4).
func LevelColor(level int) color.RGBA {
	return palette[idxLevel0+min(max(level, 0), 4)].(color.RGBA)
}

const pad = 8 // outer margin

// layout holds the geometry of one picture.
type layout struct {
	cell, gap, pitch int
	weeks            int
	gridX, gridY     int
	w, h             int
	first            schedule.Date // the Monday of the first column
	end              schedule.Date
	opts             Options
}

func newLayout(end schedule.Date, weeks int, opts Options) (layout, error) {
	if weeks <= 0 {
		weeks = DefaultWeeks
	}
	if weeks > MaxWeeks {
		return layout{}, fmt.Errorf("heatmap: %d weeks is more than the %d this picture draws", weeks, MaxWeeks)
	}
	if end.IsZero() {
		return layout{}, errors.New("heatmap: no end date")
	}
	if opts.Cell == 0 {
		opts.Cell = 12
	}
	if opts.Gap == 0 {
		opts.Gap = 2
	}
	if opts.Cell < 4 || opts.Cell > 32 || opts.Gap < 0 || opts.Gap > 8 {
		return layout{}, fmt.Errorf("heatmap: cell %d px and gap %d px must be within 4-32 and 0-8", opts.Cell, opts.Gap)
	}
	l := layout{cell: opts.Cell, gap: opts.Gap, pitch: opts.Cell + opts.Gap, weeks: weeks, end: end, opts: opts}
	// Columns are weeks Monday to Sunday; the last holds end.
	sinceMonday := (int(end.Weekday()) + 6) % 7
	l.first = end.AddDays(-sinceMonday - 7*(weeks-1))
	l.gridX, l.gridY = pad, pad
	if !opts.NoLabels {
		l.gridX += textWidth("MON") + 6
		l.gridY += glyphH + 5
	}
	gridW := weeks*l.pitch - l.gap
	gridH := 7*l.pitch - l.gap
	l.w = l.gridX + gridW + pad
	l.h = l.gridY + gridH + pad
	if !opts.NoLegend {
		l.h += l.cell + pad
		l.w = max(l.w, pad+textWidth("LESS")+4+5*l.pitch-l.gap+4+textWidth("MORE")+pad)
	}
	return l, nil
}

// cell returns the square of date d, and false when d is outside the grid
// (before the first column, or after end).
func (l layout) cellRect(d schedule.Date) (image.Rectangle, bool) {
	n := d.DaysSince(l.first)
	if n < 0 || d.After(l.end) {
		return image.Rectangle{}, false
	}
	col, row := n/7, n%7
	x, y := l.gridX+col*l.pitch, l.gridY+row*l.pitch
	return image.Rect(x, y, x+l.cell, y+l.cell), true
}

// Size returns the width and height in pixels of the picture Render draws
// with these arguments.
func Size(end schedule.Date, weeks int, opts Options) (w, h int, err error) {
	l, err := newLayout(end, weeks, opts)
	return l.w, l.h, err
}

// CellRect returns the square Render draws for date d, and false when d is
// not in the picture.
func CellRect(d, end schedule.Date, weeks int, opts Options) (image.Rectangle, bool) {
	l, err := newLayout(end, weeks, opts)
	if err != nil {
		return image.Rectangle{}, false
	}
	return l.cellRect(d)
}

// Render writes a PNG of the member's activity: weeks columns (DefaultWeeks
// when weeks <= 0) of seven days, Monday at the top, the last column holding
// end; each day's square is coloured by LevelOf(counts[day]); days after end
// are left out. Month initials run along the top, Mon/Wed/Fri down the left,
// and a Less-More legend sits below, unless opts turns them off. With the
// defaults and 26 weeks the picture is 401x144 pixels and a few kilobytes.
// The same arguments always give the same bytes.
func Render(w io.Writer, counts map[schedule.Date]int, end schedule.Date, weeks int, opts Options) error {
	l, err := newLayout(end, weeks, opts)
	if err != nil {
		return err
	}
	img := image.NewPaletted(image.Rect(0, 0, l.w, l.h), palette)
	// Pix starts zeroed: index 0 is the background.
	for n := 0; n < 7*l.weeks; n++ {
		d := l.first.AddDays(n)
		r, ok := l.cellRect(d)
		if !ok {
			continue
		}
		fill(img, r, uint8(idxLevel0+LevelOf(counts[d])))
	}
	if !l.opts.NoLabels {
		l.drawLabels(img)
	}
	if !l.opts.NoLegend {
		l.drawLegend(img)
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	return enc.Encode(w, img)
}

var monthInitials = [13]string{"", "J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"}

func (l layout) drawLabels(img *image.Paletted) {
	// A month's initial sits over the first column whose Monday is in it.
	lastX := -1 << 30
	for col := 0; col < l.weeks; col++ {
		mon := l.first.AddDays(7 * col)
		if col > 0 && mon.Month == l.first.AddDays(7*(col-1)).Month {
			continue
		}
		if col == 0 && mon.AddDays(7).Month != mon.Month {
			continue // too little of that month shows to label it
		}
		x := l.gridX + col*l.pitch
		if x < lastX+glyphW+3 {
			continue
		}
		drawText(img, x, pad, monthInitials[mon.Month], idxText)
		lastX = x
	}
	for row, s := range [7]string{"MON", "", "WED", "", "FRI", "", ""} {
		y := l.gridY + row*l.pitch + (l.cell-glyphH+1)/2
		drawText(img, l.gridX-6-textWidth(s), y, s, idxText)
	}
}

func (l layout) drawLegend(img *image.Paletted) {
	right := l.w - pad
	y := l.h - pad - l.cell
	ty := y + (l.cell-glyphH+1)/2
	x := right - textWidth("MORE")
	drawText(img, x, ty, "MORE", idxText)
	x -= 4 + 5*l.pitch - l.gap
	for lv := 0; lv < 5; lv++ {
		fill(img, image.Rect(x+lv*l.pitch, y, x+lv*l.pitch+l.cell, y+l.cell), uint8(idxLevel0+lv))
	}
	x -= 4 + textWidth("LESS")
	drawText(img, x, ty, "LESS", idxText)
}

func fill(img *image.Paletted, r image.Rectangle, c uint8) {
	r = r.Intersect(img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
		for i := range row {
			row[i] = c
		}
	}
}

// Counts turns answer instants into per-day counts by local date in loc,
// ready for Render.
func Counts(times []time.Time, loc *time.Location) map[schedule.Date]int {
	m := make(map[schedule.Date]int, len(times))
	for _, t := range times {
		m[schedule.DateIn(t, loc)]++
	}
	return m
}
