package bot

import "github.com/bwmarrin/discordgo"

// NameChoices offers names as autocomplete choices whose value is the
// name itself, leaving out any Discord would refuse (empty, over 100).
func NameChoices(names []string) []*discordgo.ApplicationCommandOptionChoice {
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(names))
	for _, n := range names {
		if n == "" || len(n) > 100 {
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n})
	}
	return choices
}
