package question

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// buttonRow is an action row of buttons, as /question sends under each
// question, that writes its JSON in one pass. discordgo's ActionsRow and
// Button encode through nested MarshalJSON calls whose output encoding/json
// checks and compacts again at each level: 9.5–25 µs for the row under a
// question, against 3–5 µs for its embed; this row takes about 5 µs (see
// BenchmarkButtonRowEncode). It carries what those buttons use: style, label,
// custom_id and an emoji by name (no URL buttons, no custom emoji, none
// disabled).
type buttonRow []discordgo.Button

var _ discordgo.MessageComponent = buttonRow(nil)

// Type is an action row's.
func (buttonRow) Type() discordgo.ComponentType { return discordgo.ActionsRowComponent }

// MarshalJSON writes the row as Discord reads it.
func (r buttonRow) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 32+100*len(r))
	b = append(b, `{"type":1,"components":[`...)
	for i, btn := range r {
		if i > 0 {
			b = append(b, ',')
		}
		style := btn.Style
		if style == 0 {
			style = discordgo.PrimaryButton
		}
		b = append(b, `{"type":2,"style":`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, `,"label":`...)
		b = appendJSONString(b, btn.Label)
		b = append(b, `,"custom_id":`...)
		b = appendJSONString(b, btn.CustomID)
		if btn.Emoji != nil {
			b = append(b, `,"emoji":{"name":`...)
			b = appendJSONString(b, btn.Emoji.Name)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

// appendJSONString appends s as a JSON string: as it is when it is valid
// UTF-8 with nothing to escape (labels, ids, emoji), else as encoding/json
// writes it.
func appendJSONString(b []byte, s string) []byte {
	plain := utf8.ValidString(s)
	for i := 0; plain && i < len(s); i++ {
		c := s[i]
		plain = c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	if plain {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	q, _ := json.Marshal(s) // a string always encodes
	return append(b, q...)
}
