package question

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// questionButtons is the row under a question, with custom_ids and labels
// that need escaping beside plain ones.
func questionButtons(tricky string) buttonRow {
	return buttonRow{
		{Label: "Solution", Style: discordgo.PrimaryButton, CustomID: "q1/solution/gen-01800", Emoji: &discordgo.ComponentEmoji{Name: "💡"}},
		{Label: "Another", Style: discordgo.SecondaryButton, CustomID: "q1/another/" + tricky, Emoji: &discordgo.ComponentEmoji{Name: "🔀"}},
		{Label: tricky, Style: discordgo.SecondaryButton, CustomID: "q1/discuss/gen-01800", Emoji: &discordgo.ComponentEmoji{Name: "💬"}},
		{Label: "Related", CustomID: "q1/related/gen-01800"},
	}
}

// TestButtonRowReadsAsDiscordgosRow: what buttonRow writes is valid JSON
// that reads back as the same buttons discordgo's own ActionsRow gives,
// whatever the text in them.
func TestButtonRowReadsAsDiscordgosRow(t *testing.T) {
	for _, tricky := range []string{"tiktok////e/", `quote " back \ slash`, "tab\tnew\nline\x00nul\x1f", "<b>&amp;</b>",
		"bad utf-8 \xff\xfe", "é 漢字 🔀 \u2028", ""} {
		row := questionButtons(tricky)
		ours, err := json.Marshal(row)
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := json.Marshal(discordgo.ActionsRow{Components: func() []discordgo.MessageComponent {
			var cs []discordgo.MessageComponent
			for _, b := range row {
				cs = append(cs, b)
			}
			return cs
		}()})
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(ours) {
			t.Fatalf("%q: not valid UTF-8: %q", tricky, ours)
		}
		var a, b discordgo.ActionsRow
		if err := json.Unmarshal(ours, &a); err != nil {
			t.Fatalf("%q: %v in %s", tricky, err, ours)
		}
		if err := json.Unmarshal(theirs, &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%q: the row reads back as\n%+v\nwant\n%+v\n(%s)", tricky, a, b, ours)
		}
		var generic map[string]any
		if err := json.Unmarshal(ours, &generic); err != nil || generic["type"] != float64(1) {
			t.Fatalf("%q: not an action row: %v %v", tricky, generic, err)
		}
	}
}

// BenchmarkButtonRowEncode compares encoding the buttons under a question
// with discordgo's ActionsRow and with buttonRow.
func BenchmarkButtonRowEncode(b *testing.B) {
	row := questionButtons("tiktok////e/")
	var cs []discordgo.MessageComponent
	for _, btn := range row {
		cs = append(cs, btn)
	}
	for _, c := range []struct {
		name string
		v    any
	}{{"discordgo", []discordgo.MessageComponent{discordgo.ActionsRow{Components: cs}}}, {"buttonRow", []discordgo.MessageComponent{row}}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := json.Marshal(c.v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
