package discordtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"
)

// ParseCommand turns a command line such as
//
//	/daily setup channel:#general time:09:00 timezone:Europe/London
//	/question company:"tik tok" difficulty:medium
//
// into a Slash for the first guild, using the registered command definitions to find
// subcommands and type options. Values may be quoted; #channel, @user and @role names are
// resolved when the command is sent; an attachment option's value is a local file path.
func (s *Server) ParseCommand(line string) (Slash, error) {
	return s.ParseCommandIn("", line)
}

// ParseCommandIn is ParseCommand for a channel (id or name) of the first guild, or of a
// DM when channel is "dm".
func (s *Server) ParseCommandIn(channel, line string) (Slash, error) {
	toks, err := tokenize(line)
	if err != nil {
		return Slash{}, err
	}
	if len(toks) == 0 || !strings.HasPrefix(toks[0], "/") {
		return Slash{}, errors.New("a command starts with /")
	}
	cmd := Slash{Name: strings.TrimPrefix(toks[0], "/")}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := &actor{}
	switch {
	case strings.EqualFold(channel, "dm"):
		cmd.DM = true
	case channel != "":
		gid := ""
		if len(s.w.order) > 0 {
			gid = s.w.order[0]
		}
		c := s.findChannel(gid, channel)
		if c == nil {
			return Slash{}, fmt.Errorf("no channel %q", channel)
		}
		cmd.Channel = c.c.ID
		if c.c.GuildID != "" {
			a.guild = s.w.guilds[c.c.GuildID]
		}
	default:
		if len(s.w.order) > 0 {
			a.guild = s.w.guilds[s.w.order[0]]
		}
	}
	def := s.findCommand(a, cmd.Name)
	if def == nil {
		return Slash{}, fmt.Errorf("%w: /%s (known: %s)", ErrUnknownCommand, cmd.Name, strings.Join(s.commandNames(a), ", "))
	}
	defs := def.Options
	target := &cmd.Options
	rest := toks[1:]
	// Descend into a subcommand group and subcommand named by bare words.
	for len(rest) > 0 && !strings.Contains(rest[0], ":") {
		var sub *discordgo.ApplicationCommandOption
		for _, d := range defs {
			if (d.Type == discordgo.ApplicationCommandOptionSubCommand || d.Type == discordgo.ApplicationCommandOptionSubCommandGroup) && d.Name == rest[0] {
				sub = d
			}
		}
		if sub == nil {
			return Slash{}, fmt.Errorf("/%s: unexpected %q (options are written name:value; choices here: %s)", def.Name, rest[0], strings.Join(optionNames(defs), ", "))
		}
		o := &discordgo.ApplicationCommandInteractionDataOption{Name: sub.Name, Type: sub.Type}
		*target = append(*target, o)
		target = &o.Options
		defs = sub.Options
		rest = rest[1:]
	}
	if len(defs) > 0 && (defs[0].Type == discordgo.ApplicationCommandOptionSubCommand || defs[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		return Slash{}, fmt.Errorf("/%s: choose a subcommand: %s", def.Name, strings.Join(optionNames(defs), ", "))
	}
	for _, t := range rest {
		name, value, _ := strings.Cut(t, ":")
		var od *discordgo.ApplicationCommandOption
		for _, d := range defs {
			if d.Name == name {
				od = d
			}
		}
		if od == nil {
			return Slash{}, fmt.Errorf("/%s: no option %q (options: %s)", def.Name, name, strings.Join(optionNames(defs), ", "))
		}
		o := &discordgo.ApplicationCommandInteractionDataOption{Name: od.Name, Type: od.Type, Value: value}
		if od.Type == discordgo.ApplicationCommandOptionAttachment {
			data, err := os.ReadFile(value)
			if err != nil {
				return Slash{}, fmt.Errorf("/%s %s: %w", def.Name, name, err)
			}
			o.Value = File{Name: filepath.Base(value), Data: data}
		}
		*target = append(*target, o)
	}
	for _, d := range defs {
		if d.Required && !slices.ContainsFunc(*target, func(o *discordgo.ApplicationCommandInteractionDataOption) bool { return o.Name == d.Name }) {
			return Slash{}, fmt.Errorf("/%s: missing required option %s", def.Name, d.Name)
		}
	}
	return cmd, nil
}

func optionNames(defs []*discordgo.ApplicationCommandOption) []string {
	var out []string
	for _, d := range defs {
		n := d.Name
		if d.Required {
			n += "*"
		}
		out = append(out, n)
	}
	return out
}

// commandNames lists the chat commands visible to an actor. Callers hold s.mu.
func (s *Server) commandNames(a *actor) []string {
	var out []string
	if a.guild != nil {
		for _, c := range a.guild.commands {
			out = append(out, "/"+c.Name)
		}
	}
	for _, c := range s.w.global {
		out = append(out, "/"+c.Name)
	}
	return out
}

// tokenize splits a line on spaces, keeping double-quoted parts (with \" escapes) together.
func tokenize(line string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inQuote, escaped, has := false, false, false
	for _, r := range line {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && inQuote:
			escaped = true
		case r == '"':
			inQuote = !inQuote
			has = true
		case unicode.IsSpace(r) && !inQuote:
			if has || cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
				has = false
			}
		default:
			cur.WriteRune(r)
		}
	}
	if inQuote {
		return nil, errors.New("unterminated quote")
	}
	if has || cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out, nil
}
