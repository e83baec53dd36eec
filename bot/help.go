package bot

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// helpFeature is /help: every command with an example, and for admins the
// setup state of this server.
type helpFeature struct {
	b *Bot
	// setupLines, when set by features, report this server's setup state.
}

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
	"bank":        "/bank stats",
	"mock-admin":  "/mock-admin setup channel:#mock-interviews",
}

func (h *helpFeature) commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name:         "help",
		Description:  "What prepcord can do, with an example of every command",
		Contexts:     &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM},
		DMPermission: ptr(true),
	}}
}

func (h *helpFeature) routes(r *Router) { r.Command("help", h.help) }

func (h *helpFeature) help(c *Ctx) error {
	var b strings.Builder
	for _, cmd := range h.b.Commands() {
		admin := cmd.DefaultMemberPermissions != nil && *cmd.DefaultMemberPermissions != 0
		if admin && !c.IsAdmin() {
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
	embeds := []*discordgo.MessageEmbed{{
		Title:       "prepcord — interview practice for this community",
		Description: Truncate(b.String(), 4096),
		Color:       BrandColor,
	}}
	if c.IsAdmin() {
		embeds = append(embeds, &discordgo.MessageEmbed{
			Title:       "Setup for admins",
			Description: Truncate(h.setupState(c), 4096),
			Color:       BrandColor,
		})
	}
	return c.Reply(&discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, Embeds: embeds})
}

// setupReporter is a feature that can say what is configured in a server.
type setupReporter interface {
	setupLine(c *Ctx) string
}

func (h *helpFeature) setupState(c *Ctx) string {
	var lines []string
	for _, f := range h.b.features {
		if sr, ok := f.(setupReporter); ok {
			if l := sr.setupLine(c); l != "" {
				lines = append(lines, l)
			}
		}
	}
	if len(lines) == 0 {
		return "Nothing to set up yet."
	}
	return strings.Join(lines, "\n")
}

// BrandColor is prepcord's embed colour.
const BrandColor = 0x5865F2

func ptr[T any](v T) *T { return &v }
