package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/store"
)

func TestSplitTextKeepsEverything(t *testing.T) {
	para := strings.Repeat("word ", 150) // 750 chars
	code := "```python\n" + strings.Repeat("x = compute(x)  # step\n", 300) + "```"
	long := strings.Repeat("🙂", 5000)
	tests := []struct {
		name  string
		text  string
		limit int
	}{
		{"paragraphs", strings.Repeat(para+"\n\n", 20), 4000},
		{"code block", "Intro.\n\n" + code + "\n\nOutro.", 1000},
		{"one huge line", long, 4000},
		{"short", "hello", 4000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks := SplitText(tt.text, tt.limit)
			joined := strings.Join(chunks, "")
			for i, c := range chunks {
				if n := utf8.RuneCountInString(c); n > tt.limit {
					t.Fatalf("chunk %d has %d runes > %d", i, n, tt.limit)
				}
				if strings.Count(c, "```")%2 != 0 {
					t.Fatalf("chunk %d has an unbalanced code fence", i)
				}
			}
			// Every non-space character of the input survives, in order.
			strip := func(s string) string {
				s = strings.ReplaceAll(s, "```python", "")
				s = strings.ReplaceAll(s, "```", "")
				return strings.Join(strings.Fields(s), "")
			}
			if strip(joined) != strip(tt.text) {
				t.Fatalf("text lost in splitting: %d vs %d chars", len(strip(joined)), len(strip(tt.text)))
			}
		})
	}
}

func TestSolutionPagesFitDiscordLimits(t *testing.T) {
	bank, err := data.LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	huge := bank[0]
	huge.Solution = strings.Repeat(strings.Repeat("long answer ", 80)+"\n\n", 25) // ~24k chars
	for _, q := range append(bank, huge) {
		sq := &store.Question{Question: q}
		pages := SolutionPages(sq)
		var all strings.Builder
		for _, p := range pages {
			if len(p) > MaxEmbeds {
				t.Fatalf("%s: %d embeds on a page", q.ID, len(p))
			}
			total := 0
			for _, e := range p {
				if utf8.RuneCountInString(e.Description) > MaxDescription || utf8.RuneCountInString(e.Title) > MaxTitle {
					t.Fatalf("%s: embed over limits", q.ID)
				}
				total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
				if e.Footer != nil {
					total += utf8.RuneCountInString(e.Footer.Text)
				}
				all.WriteString(e.Description)
			}
			if total > MaxEmbedsTotal {
				t.Fatalf("%s: page has %d characters", q.ID, total)
			}
		}
		if strings.Join(strings.Fields(all.String()), "") != strings.Join(strings.Fields(q.Solution), "") {
			t.Fatalf("%s: solution not complete across pages", q.ID)
		}
		e := QuestionEmbed(sq)
		if utf8.RuneCountInString(e.Description) > MaxDescription || strings.HasSuffix(e.Description, "…") {
			t.Fatalf("%s: question embed description cut or too long", q.ID)
		}
	}
}

func TestDefuseMentionsKeepsMarkdown(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Ask <@&123> and <@45> or <@!67> in <#89>, @everyone and @here.",
			"Ask <\u200b@&123> and <\u200b@45> or <\u200b@!67> in <\u200b#89>, @\u200beveryone and @\u200bhere."},
		{"**Design** a `queue`:\n```go\n@decorator\nx := a < b\n```", "**Design** a `queue`:\n```go\n@decorator\nx := a < b\n```"},
		{"mail me@example.com, @heresy", "mail me@example.com, @heresy"},
	} {
		if got := DefuseMentions(c.in); got != c.want {
			t.Errorf("defuseMentions(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
