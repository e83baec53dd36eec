// Package progress draws the /profile "progress by topic" picture: for
// each category, three labelled bars (questions seen, rated Good or Easy,
// due for review), on Discord's dark background like the activity heatmap.
// The colours are the Okabe-Ito palette, which people with any common
// colour-vision deficiency tell apart, and every bar also carries its
// number, so nothing is read from colour alone. The text is the 7x13
// bitmap face of golang.org/x/image; the output is deterministic.
package progress

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Topic is one category's figures.
type Topic struct {
	Name            string
	Seen, Good, Due int
}

// MaxTopics is how many categories the picture shows; the rest are
// summed into one "Other" row.
const MaxTopics = 12

// Series names and colours, in the order of each topic's bars.
var (
	seriesNames  = [3]string{"Seen", "Rated Good/Easy", "Due for review"}
	seriesColors = [3]color.RGBA{
		{0x56, 0xb4, 0xe9, 0xff}, // sky blue
		{0x00, 0x9e, 0x73, 0xff}, // bluish green
		{0xe6, 0x9f, 0x00, 0xff}, // orange
	}
	background = color.RGBA{0x2b, 0x2d, 0x31, 0xff}
	textColor  = color.RGBA{0xdb, 0xde, 0xe1, 0xff}
	trackColor = color.RGBA{0x3a, 0x3d, 0x44, 0xff}
)

// SeriesColor returns the colour of series i (0 seen, 1 good, 2 due).
func SeriesColor(i int) color.RGBA { return seriesColors[i] }

// Geometry, in pixels.
const (
	pad      = 10
	labelW   = 22 * 7 // 22 characters of the 7-pixel face
	barH     = 9
	barGap   = 4
	groupGap = 9
	barMaxW  = 240
	numW     = 5 * 7
	lineH    = 13
	width    = pad + labelW + 8 + barMaxW + 6 + numW + pad
)

// Limit keeps the MaxTopics-1 topics with the most questions seen when
// there are more than MaxTopics, summing the others into "Other".
func Limit(topics []Topic) []Topic {
	if len(topics) <= MaxTopics {
		return topics
	}
	out := append([]Topic(nil), topics[:MaxTopics-1]...)
	other := Topic{Name: "Other"}
	for _, t := range topics[MaxTopics-1:] {
		other.Seen += t.Seen
		other.Good += t.Good
		other.Due += t.Due
	}
	return append(out, other)
}

// Size returns the picture's size for n topics.
func Size(n int) (w, h int) {
	return width, pad + lineH + 6 + lineH + 8 + n*(3*barH+2*barGap+groupGap) + pad
}

// Render writes the picture of topics (in the order given; see Limit) as a
// PNG.
func Render(w io.Writer, topics []Topic) error {
	if len(topics) == 0 {
		return fmt.Errorf("progress: no topics")
	}
	if len(topics) > MaxTopics {
		return fmt.Errorf("progress: %d topics, at most %d (see Limit)", len(topics), MaxTopics)
	}
	iw, ih := Size(len(topics))
	img := image.NewRGBA(image.Rect(0, 0, iw, ih))
	draw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, draw.Src)
	y := pad
	drawText(img, pad, y, "PROGRESS BY TOPIC", textColor)
	y += lineH + 6
	// Legend: a swatch and the name of each series.
	x := pad
	for i, name := range seriesNames {
		fill(img, image.Rect(x, y+3, x+9, y+12), seriesColors[i])
		drawText(img, x+13, y, name, textColor)
		x += 13 + len(name)*7 + 16
	}
	y += lineH + 8
	scale := 1
	for _, t := range topics {
		scale = max(scale, t.Seen, t.Good, t.Due)
	}
	for _, t := range topics {
		drawText(img, pad, y+(3*barH+2*barGap-lineH)/2, clip(t.Name, 22), textColor)
		for i, v := range [3]int{t.Seen, t.Good, t.Due} {
			bx := pad + labelW + 8
			by := y + i*(barH+barGap)
			fill(img, image.Rect(bx, by, bx+barMaxW, by+barH), trackColor)
			if v > 0 {
				fill(img, image.Rect(bx, by, bx+max(1, v*barMaxW/scale), by+barH), seriesColors[i])
			}
			drawText(img, bx+barMaxW+6, by+barH/2-lineH/2, fmt.Sprint(v), seriesColors[i])
		}
		y += 3*barH + 2*barGap + groupGap
	}
	return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img)
}

// clip shortens s to n characters of the face's ASCII, replacing what it
// cannot draw.
func clip(s string, n int) string {
	var b strings.Builder
	count := 0
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			r = '?'
		}
		if count == n-1 && len([]rune(s)) > n {
			b.WriteRune('~')
			break
		}
		b.WriteRune(r)
		count++
		if count == n {
			break
		}
	}
	return b.String()
}

// drawText draws s with the top of its line at y.
func drawText(img draw.Image, x, y int, s string, c color.Color) {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: basicfont.Face7x13, Dot: fixed.P(x, y+basicfont.Face7x13.Ascent)}
	d.DrawString(s)
}

func fill(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}
