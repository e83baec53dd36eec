package discordtest

import (
	"fmt"
	"io"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Render writes a message as plain text for people: author, ephemeral mark, content,
// embeds (title, description, fields, footer, colour name), buttons as [Label], selects
// with their options, and attachments by name.
func Render(w io.Writer, m *discordgo.Message) error {
	if m == nil {
		return nil
	}
	var b strings.Builder
	author := "?"
	if m.Author != nil {
		author = m.Author.Username
		if m.Author.Bot {
			author += " (bot)"
		}
	}
	head := "── " + author
	if m.Flags&discordgo.MessageFlagsEphemeral != 0 {
		head += " · only you can see this"
	}
	if m.Flags&discordgo.MessageFlagsLoading != 0 {
		head += " · thinking…"
	}
	if m.EditedTimestamp != nil {
		head += " · edited"
	}
	b.WriteString(head + "\n")
	if m.Content != "" {
		b.WriteString(indent(m.Content, "  "))
	}
	for _, e := range m.Embeds {
		renderEmbed(&b, e)
	}
	for _, row := range m.Components {
		renderComponent(&b, row)
	}
	for _, a := range m.Attachments {
		fmt.Fprintf(&b, "  📎 %s (%d bytes)\n", a.Filename, a.Size)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func indent(s, prefix string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString(prefix + line + "\n")
	}
	return b.String()
}

func renderEmbed(b *strings.Builder, e *discordgo.MessageEmbed) {
	if e == nil {
		return
	}
	if e.Author != nil && e.Author.Name != "" {
		b.WriteString("  │ " + e.Author.Name + "\n")
	}
	if e.Title != "" {
		b.WriteString("  ┃ " + e.Title + "\n")
	}
	if e.Description != "" {
		b.WriteString(indent(e.Description, "  │ "))
	}
	for _, f := range e.Fields {
		b.WriteString("  │ • " + f.Name + ": " + strings.ReplaceAll(f.Value, "\n", "\n  │   ") + "\n")
	}
	if e.Image != nil && e.Image.URL != "" {
		b.WriteString("  │ [image " + e.Image.URL + "]\n")
	}
	var foot []string
	if e.Footer != nil && e.Footer.Text != "" {
		foot = append(foot, e.Footer.Text)
	}
	if e.Color != 0 {
		foot = append(foot, ColourName(e.Color))
	}
	if len(foot) > 0 {
		b.WriteString("  └ " + strings.Join(foot, " · ") + "\n")
	}
}

func renderComponent(b *strings.Builder, c discordgo.MessageComponent) {
	switch v := c.(type) {
	case *discordgo.ActionsRow:
		var parts []string
		for _, it := range v.Components {
			switch x := it.(type) {
			case *discordgo.Button:
				label := x.Label
				if label == "" && x.Emoji != nil {
					label = x.Emoji.Name
				}
				if x.Style == discordgo.LinkButton {
					label += " ↗"
				}
				if x.Disabled {
					label = "~" + label + "~"
				}
				parts = append(parts, "["+label+"]")
			case *discordgo.SelectMenu:
				var opts []string
				for _, o := range x.Options {
					opts = append(opts, o.Label)
				}
				ph := x.Placeholder
				if ph == "" {
					ph = "choose"
				}
				s := "<" + ph + "▾>"
				if len(opts) > 0 {
					s += " " + strings.Join(opts, " | ")
				}
				parts = append(parts, s)
			}
		}
		if len(parts) > 0 {
			b.WriteString("  " + strings.Join(parts, " ") + "\n")
		}
	case *discordgo.TextDisplay:
		b.WriteString(indent(v.Content, "  "))
	}
}

// colours are Discord's named colours, used to name an embed's colour.
var colours = []struct {
	name string
	rgb  int
}{
	{"blurple", 0x5865F2}, {"green", 0x57F287}, {"yellow", 0xFEE75C}, {"fuchsia", 0xEB459E},
	{"red", 0xED4245}, {"white", 0xFFFFFF}, {"black", 0x23272A}, {"orange", 0xE67E22},
	{"blue", 0x3498DB}, {"teal", 0x1ABC9C}, {"purple", 0x9B59B6}, {"grey", 0x95A5A6},
	{"gold", 0xF1C40F}, {"dark green", 0x1F8B4C}, {"dark red", 0x992D22}, {"navy", 0x34495E},
}

// ColourName names an embed colour by the nearest of Discord's named colours.
func ColourName(c int) string {
	best, dist := "", 1<<62
	for _, k := range colours {
		dr := (c>>16)&0xFF - (k.rgb>>16)&0xFF
		dg := (c>>8)&0xFF - (k.rgb>>8)&0xFF
		db := c&0xFF - k.rgb&0xFF
		if d := dr*dr + dg*dg + db*db; d < dist {
			best, dist = k.name, d
		}
	}
	if dist == 0 {
		return best
	}
	return fmt.Sprintf("%s (#%06x)", best, c)
}
