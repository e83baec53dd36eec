package daily

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplitAnswer(t *testing.T) {
	long := strings.Repeat("word ", 500) // 2,500 runes
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string // nil: check only the invariants
		parts int
	}{
		{name: "short", text: "Use a hash map.", limit: 2000, want: []string{"Use a hash map."}},
		{name: "at a space", text: "aaa bbb ccc", limit: 8, want: []string{"aaa bbb", "ccc"}},
		{name: "line break in the second half", text: "aaaa bb\ncc dd", limit: 10, want: []string{"aaaa bb", "cc dd"}},
		{name: "line break too early: last space", text: "a\nbbbb cccc dd", limit: 11, want: []string{"a\nbbbb cccc", "dd"}},
		{name: "a word longer than a part is cut", text: "abcdefghij kl", limit: 4, want: []string{"abcd", "efgh", "ij", "kl"}},
		{name: "unicode counted in characters", text: "ééé ééé", limit: 3, want: []string{"ééé", "ééé"}},
		{name: "long", text: long, limit: 2000, parts: 2},
		{name: "code block reopened", text: "Here:\n```go\n" + strings.Repeat("x := 1\n", 400) + "```\ndone", limit: 2000, parts: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitAnswer(tt.text, tt.limit)
			if tt.want != nil && strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if tt.parts > 0 && len(got) != tt.parts {
				t.Fatalf("%d parts, want %d", len(got), tt.parts)
			}
			checkParts(t, tt.text, got, tt.limit)
		})
	}
	parts := splitAnswer("Here:\n```go\n"+strings.Repeat("x := 1\n", 400)+"```\ndone", 2000)
	if !strings.HasSuffix(parts[0], "\n```") || !strings.HasPrefix(parts[1], "```go\n") {
		t.Fatalf("the code block is not closed and reopened: %q ... %q", parts[0][len(parts[0])-10:], parts[1][:10])
	}
}

// checkParts checks what every split must hold: parts within limit,
// code fences balanced in each part.
func checkParts(t *testing.T, text string, parts []string, limit int) {
	t.Helper()
	for i, p := range parts {
		if n := utf8.RuneCountInString(p); n > limit {
			t.Fatalf("part %d has %d runes, limit %d", i, n, limit)
		}
		if strings.TrimSpace(p) == "" {
			t.Fatalf("part %d is empty", i)
		}
		if open, _ := fenceState(p, false, ""); open {
			t.Fatalf("part %d leaves a code block open: %q", i, p)
		}
	}
	if strings.TrimSpace(text) != "" && len(parts) == 0 {
		t.Fatal("no parts")
	}
}

// FuzzSplitAnswer checks the splitter on any text: parts within the
// limit with balanced fences; the cut parts, joined with the whitespace
// dropped between them, give the text back; and no word is cut when every
// word fits in a part.
func FuzzSplitAnswer(f *testing.F) {
	f.Add("Use a hash map.\n\nThen ```go\nfmt.Println(1)\n``` done", 20)
	f.Add(strings.Repeat("abc ", 30), 7)
	f.Add("aaaaaaaaaaaaaaaaaaaaaa b", 5)
	f.Add("```\n\n\n\n```", 1)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if !utf8.ValidString(text) || limit < 1 || limit > 5000 {
			t.Skip()
		}
		checkParts(t, text, splitAnswer(text, max(limit, 40)), max(limit, 40))
		cut := cutAnswer(text, limit)
		rest := text
		for i, p := range cut {
			if n := utf8.RuneCountInString(p); n > limit {
				t.Fatalf("cut part %d has %d runes, limit %d", i, n, limit)
			}
			j := strings.Index(rest, p)
			if j < 0 || strings.TrimFunc(rest[:j], unicode.IsSpace) != "" {
				t.Fatalf("part %d %q does not follow in the text after only whitespace: %q", i, p, rest)
			}
			rest = rest[j+len(p):]
		}
		if strings.TrimFunc(rest, unicode.IsSpace) != "" {
			t.Fatalf("text left after the parts: %q", rest)
		}
		fits := true
		for _, w := range strings.Fields(text) {
			fits = fits && utf8.RuneCountInString(w) <= limit
		}
		if fits && strings.Join(strings.Fields(strings.Join(cut, " ")), " ") != strings.Join(strings.Fields(text), " ") {
			t.Fatalf("a word was cut: %q", cut)
		}
	})
}

func TestCleanAnswer(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "  Use a hash map.  ", want: "Use a hash map."},
		{in: "a\r\nb\rc", want: "a\nb\nc"},
		{in: "a\x00b\x1bc\u202ed\u2066e", want: "abcde"},
		{in: "func f() {\n\treturn\n}", want: "func f() {\n    return\n}"},
		{in: "a\n\n\n\n\nb", want: "a\n\nb"},
		{in: "bad \xff utf8", want: "bad  utf8"},
		{in: " \n\t\x00 ", err: "empty"},
		{in: "", err: "empty"},
		{in: strings.Repeat("é", 4001), err: "4001 characters"},
		{in: strings.Repeat("é", 4000), want: strings.Repeat("é", 4000)},
	}
	for _, tt := range tests {
		got, err := cleanAnswer(tt.in)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("cleanAnswer(%q): error %v, want one saying %q", tt.in, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("cleanAnswer(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}
