package heatmap

import "image"

// glyphs is a tiny 5x7 bitmap font holding only the capitals the picture
// needs (month initials, MON/WED/FRI, LESS/MORE). Each row is five bits,
// the high bit leftmost.
var glyphs = map[rune][7]uint8{
	'A': {0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001},
	'D': {0b11110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11110},
	'E': {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111},
	'F': {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000},
	'I': {0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110},
	'J': {0b00111, 0b00010, 0b00010, 0b00010, 0b00010, 0b10010, 0b01100},
	'L': {0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111},
	'M': {0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001},
	'N': {0b10001, 0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001},
	'O': {0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110},
	'R': {0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001},
	'S': {0b01111, 0b10000, 0b10000, 0b01110, 0b00001, 0b00001, 0b11110},
	'W': {0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010},
}

const (
	glyphW   = 5
	glyphH   = 7
	glyphGap = 1
)

// textWidth is the width in pixels of s drawn with drawText.
func textWidth(s string) int {
	n := len([]rune(s))
	if n == 0 {
		return 0
	}
	return n*(glyphW+glyphGap) - glyphGap
}

// drawText draws s with its top-left corner at (x, y) in palette index c.
// Characters without a glyph are left blank.
func drawText(img *image.Paletted, x, y int, s string, c uint8) {
	for _, r := range s {
		g := glyphs[r]
		for row := 0; row < glyphH; row++ {
			for col := 0; col < glyphW; col++ {
				if g[row]&(1<<(glyphW-1-col)) != 0 {
					setPix(img, x+col, y+row, c)
				}
			}
		}
		x += glyphW + glyphGap
	}
}

func setPix(img *image.Paletted, x, y int, c uint8) {
	if (image.Point{x, y}).In(img.Rect) {
		img.Pix[img.PixOffset(x, y)] = c
	}
}
