// Package help is /help: every command of the bot with an example, only
// those that work where it is used (a server, a DM), and for admins in a
// server the setup steps and each feature's line about this server's
// setup. It has no routes besides the command, no background work and
// stores nothing; it reads the command list and the setup lines from the
// runtime through Catalog.
package help

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
)

// Catalog is what /help describes: every command of the bot, and each
// feature's line about a server's setup. *bot.Bot is one.
type Catalog interface {
	Commands() []*discordgo.ApplicationCommand
	SetupLines(c *bot.Ctx) []string
}

// Feature is /help.
type Feature struct {
	catalog Catalog
}

var _ bot.Feature = (*Feature)(nil)

// New returns /help, describing the commands and setup of catalog.
func New(catalog Catalog) *Feature { return &Feature{catalog: catalog} }

// examples gives one example per command, shown by /help.
var examples = map[string]string{
	"question":    "/question company:tiktok difficulty:medium",
	"questions":   "/questions category:System Design",
	"suggest":     "/suggest",
	"help":        "/help",
	"mock":        "/mock topic:behavioral role:Software Engineer",
	"profile":     "/profile",
	"leaderboard": "/leaderboard period:month",
	"daily":       "/daily setup channel:#daily time:09:00 timezone:Europe/London days:mon-fri",
	"bank":        "/bank review channel:#suggestions",
	"mock-admin":  "/mock-admin setup channel:#mock-interviews",
	"mock-snooze": "/mock-snooze duration:2w",
	"mock-resume": "/mock-resume",
	"review":      "/review category:System Design",
	"plan":        "/plan start company:TikTok role:Software Engineer date:21d",
	"mydata":      "/mydata export",
}

func (h *Feature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name:         "help",
		Description:  "What prepcord can do, with an example of every command",
		Contexts:     &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM},
		DMPermission: bot.Ptr(true),
	}}
}

func (h *Feature) Routes(r *bot.Router) { r.Command("help", h.help) }

// usableIn reports whether a command can be used where an interaction
// comes from, from its own definition: its contexts when it sets them,
// else its DM permission (which, unset, allows DMs for a global command).
func usableIn(cmd *discordgo.ApplicationCommand, where discordgo.InteractionContextType) bool {
	if cmd.Contexts != nil {
		return slices.Contains(*cmd.Contexts, where)
	}
	return where == discordgo.InteractionContextGuild || cmd.DMPermission == nil || *cmd.DMPermission
}

// contextOf is where an interaction comes from: a server, a DM with the
// bot, or another private channel.
func contextOf(c *bot.Ctx) discordgo.InteractionContextType {
	switch {
	case !c.InDM():
		return discordgo.InteractionContextGuild
	case c.I.Context == discordgo.InteractionContextPrivateChannel:
		return discordgo.InteractionContextPrivateChannel
	}
	return discordgo.InteractionContextBotDM
}

func (h *Feature) help(c *bot.Ctx) error {
	var b strings.Builder
	where := contextOf(c)
	var elsewhere []string // commands that work only in a server, named in a DM
	for _, cmd := range h.catalog.Commands() {
		admin := cmd.DefaultMemberPermissions != nil && *cmd.DefaultMemberPermissions != 0
		if admin && !c.IsAdmin() {
			continue
		}
		if !usableIn(cmd, where) {
			if where != discordgo.InteractionContextGuild && usableIn(cmd, discordgo.InteractionContextGuild) {
				elsewhere = append(elsewhere, "/"+cmd.Name)
			}
			continue
		}
		fmt.Fprintf(&b, "**/%s** — %s", cmd.Name, cmd.Description)
		if admin {
			b.WriteString(" *(Manage Server)*")
		}
		if ex := examples[cmd.Name]; ex != "" {
			fmt.Fprintf(&b, "\n`%s`", ex)
		}
		b.WriteString("\n\n")
	}
	if len(elsewhere) > 0 {
		fmt.Fprintf(&b, "In a server with prepcord you can also use %s.", joinAnd(elsewhere))
	}
	var embeds []*discordgo.MessageEmbed
	for i, chunk := range bot.SplitText(b.String(), 3500) {
		e := &discordgo.MessageEmbed{Description: chunk, Color: bot.BrandColor}
		if i == 0 {
			e.Title = "prepcord — interview practice for this community"
		}
		embeds = append(embeds, e)
	}
	if c.IsAdmin() && !c.InDM() {
		embeds = append(embeds, &discordgo.MessageEmbed{
			Title:       "Setup for admins",
			Description: bot.Truncate(h.setupState(c), 2000), // a few short lines, one per feature
			Color:       bot.BrandColor,
		})
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: embeds,
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

// joinAnd joins items as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// setupSteps are what an admin does once in a new server, in order.
const setupSteps = "1. Daily question: `/daily setup channel:#daily time:09:00 timezone:Europe/London`\n" +
	"2. Review channel for `/suggest`: `/bank review channel:#suggestions`\n" +
	"3. Mock interviews: `/mock-admin setup channel:#mock-interviews`\n" +
	"Your own questions: `/bank import file:` (YAML, JSON or CSV)."

func (h *Feature) setupState(c *bot.Ctx) string {
	lines := []string{setupSteps, "", "**In this server now:**"}
	lines = append(lines, h.catalog.SetupLines(c)...)
	if len(lines) == 3 {
		lines = append(lines, "Nothing is configured yet.")
	}
	return strings.Join(lines, "\n")
}
