package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"
)

// The message helpers of the tests still in package bot, which cannot
// import bot/bottest (it imports the bot); bottest has the same helpers,
// exported, for the features' own tests. This file goes once the rest of
// bot's tests have moved.

// field returns the value of the named field of m's first embed.
func field(m *discordgo.Message, name string) string {
	if m == nil || len(m.Embeds) == 0 {
		return ""
	}
	for _, f := range m.Embeds[0].Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// footerID returns the question id in m's footer.
func footerID(m *discordgo.Message) string {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Footer == nil {
		return ""
	}
	s := strings.TrimPrefix(m.Embeds[0].Footer.Text, "id: ")
	id, _, _ := strings.Cut(s, " ")
	return id
}

// labels returns the labels of m's buttons.
func labels(m *discordgo.Message) []string {
	var out []string
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if b, ok := c.(*discordgo.Button); ok {
					out = append(out, b.Label)
				}
			}
		}
	}
	return out
}

// selectID returns the custom_id of m's first select menu.
func selectID(m *discordgo.Message) string {
	for _, row := range m.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if s, ok := c.(*discordgo.SelectMenu); ok {
					return s.CustomID
				}
			}
		}
	}
	return ""
}

// text joins the content and embed texts of m.
func text(m *discordgo.Message) string {
	var b strings.Builder
	b.WriteString(m.Content)
	for _, e := range m.Embeds {
		b.WriteString("\n" + e.Title + "\n" + e.Description)
		for _, f := range e.Fields {
			b.WriteString("\n" + f.Name + ": " + f.Value)
		}
	}
	return b.String()
}

// isEphemeral reports whether only the member who asked sees m.
func isEphemeral(m *discordgo.Message) bool { return m.Flags&discordgo.MessageFlagsEphemeral != 0 }
