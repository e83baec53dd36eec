package progress

import (
	"bytes"
	"image/png"
	"testing"
)

func TestRenderBarsAreScaledAndLabelled(t *testing.T) {
	topics := []Topic{{Name: "Coding & Algorithms", Seen: 10, Good: 5, Due: 0}, {Name: "Système Design", Seen: 2, Good: 0, Due: 2}}
	var a, b bytes.Buffer
	if err := Render(&a, topics); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, topics); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("the same topics gave different pictures")
	}
	img, err := png.Decode(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	w, h := Size(len(topics))
	if img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Fatalf("size %v, want %dx%d", img.Bounds(), w, h)
	}
	top := pad + lineH + 6 + lineH + 8
	bx := pad + labelW + 8
	at := func(x, y int) [3]uint32 {
		r, g, b, _ := img.At(x, y).RGBA()
		return [3]uint32{r >> 8, g >> 8, b >> 8}
	}
	want := func(i int) [3]uint32 {
		c := SeriesColor(i)
		return [3]uint32{uint32(c.R), uint32(c.G), uint32(c.B)}
	}
	// The largest figure fills its bar; half of it fills half.
	if at(bx+barMaxW-1, top+1) != want(0) {
		t.Errorf("seen 10 of 10 does not fill its bar: %v", at(bx+barMaxW-1, top+1))
	}
	if at(bx+barMaxW/2-2, top+barH+barGap+1) != want(1) || at(bx+barMaxW/2+2, top+barH+barGap+1) == want(1) {
		t.Error("good 5 of 10 is not half a bar")
	}
	// A zero draws no bar; the second topic's due bar is drawn.
	if at(bx, top+2*(barH+barGap)+1) == want(2) {
		t.Error("due 0 drawn")
	}
	second := top + 3*barH + 2*barGap + groupGap
	if at(bx+1, second+2*(barH+barGap)+1) != want(2) {
		t.Error("the second topic's due bar is missing")
	}
}

func TestLimitSumsTheRest(t *testing.T) {
	var many []Topic
	for i := range 15 {
		many = append(many, Topic{Name: string(rune('A' + i)), Seen: 1, Good: 1, Due: 1})
	}
	got := Limit(many)
	if len(got) != MaxTopics || got[MaxTopics-1].Name != "Other" || got[MaxTopics-1].Seen != 4 {
		t.Fatalf("limit: %+v", got)
	}
	if err := Render(&bytes.Buffer{}, many); err == nil {
		t.Fatal("15 topics rendered")
	}
}

func TestClip(t *testing.T) {
	for in, want := range map[string]string{"SQL": "SQL", "Système": "Syst?me", "Statistics & Experimentation": "Statistics & Experime~"} {
		if got := clip(in, 22); got != want {
			t.Errorf("clip(%q) = %q, want %q", in, got, want)
		}
	}
}
