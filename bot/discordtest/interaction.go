package discordtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Interaction is one interaction the server sent to the bot, and what the bot did with it.
type Interaction struct {
	ID        string
	Token     string
	Type      discordgo.InteractionType
	GuildID   string // empty in DMs
	ChannelID string
	UserID    string
	// Payload is the INTERACTION_CREATE data exactly as sent.
	Payload json.RawMessage

	srv     *Server
	sentAt  time.Time // real time the event was dispatched: the 3 s deadline runs from here
	created time.Time // server clock: the 15 min token lifetime runs from here
	fromMsg *msg      // the message a component or modal submit came from

	// guarded by srv.mu
	acked    bool      // an initial response was accepted
	resp     *Response // published once its request is recorded
	original *msg      // the message @original designates
	msgs     []*msg    // messages created with this token, original first
	deferred bool      // answered with type 5 and not yet edited or followed up
}

// Response is the bot's initial response to an interaction.
type Response struct {
	Type discordgo.InteractionResponseType
	// Data is the response data as discordgo decodes it (nil when absent).
	Data *discordgo.InteractionResponseData
	// Raw is the JSON body (payload_json for multipart).
	Raw   json.RawMessage
	Files []File
	// Latency is the time from dispatching INTERACTION_CREATE to receiving the callback.
	Latency time.Duration
}

// Interaction errors a test can match with errors.Is.
var (
	ErrUnknownCommand  = errors.New("discordtest: command not registered")
	ErrNoSuchComponent = errors.New("discordtest: no such component on the message")
	ErrNoModal         = errors.New("discordtest: no modal with this custom_id was shown")
	ErrNoMessage       = errors.New("discordtest: the interaction has no message")
)

// Wait blocks until the bot sends the initial response (or ctx ends).
func (in *Interaction) Wait(ctx context.Context) (*Response, error) {
	var out *Response
	err := in.srv.waitFor(ctx, func() bool {
		out = in.resp
		return out != nil
	})
	if err != nil {
		return nil, fmt.Errorf("interaction %s (%s) got no response: %w", in.ID, in.Type, err)
	}
	return out, nil
}

// Response returns the initial response, or nil while there is none.
func (in *Interaction) Response() *Response {
	in.srv.mu.Lock()
	defer in.srv.mu.Unlock()
	return in.resp
}

// WaitMessage waits for the message the interaction ends up showing: the reply of a type
// 4 response, the edited loading message of a type 5 (after the edit or first follow-up),
// or the updated message of a type 6/7 response.
func (in *Interaction) WaitMessage(ctx context.Context) (*discordgo.Message, error) {
	if _, err := in.Wait(ctx); err != nil {
		return nil, err
	}
	var out *discordgo.Message
	err := in.srv.waitFor(ctx, func() bool {
		if in.resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource &&
			in.resp.Type != discordgo.InteractionResponseChannelMessageWithSource &&
			in.resp.Type != discordgo.InteractionResponseUpdateMessage &&
			in.resp.Type != discordgo.InteractionResponseDeferredMessageUpdate {
			return true
		}
		if in.original == nil || in.deferred {
			return false
		}
		out = toMessage(in.original.obj)
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("interaction %s: waiting for its message: %w", in.ID, err)
	}
	if out == nil {
		return nil, ErrNoMessage
	}
	return out, nil
}

// Message returns the message @original designates now (ephemeral flag kept), or nil.
func (in *Interaction) Message() *discordgo.Message {
	in.srv.mu.Lock()
	defer in.srv.mu.Unlock()
	if in.original == nil {
		return nil
	}
	return toMessage(in.original.obj)
}

// Messages returns every message created with the interaction's token: the original
// response first, then follow-ups.
func (in *Interaction) Messages() []*discordgo.Message {
	in.srv.mu.Lock()
	defer in.srv.mu.Unlock()
	var out []*discordgo.Message
	for _, m := range in.msgs {
		out = append(out, toMessage(m.obj))
	}
	return out
}

// Slash describes a slash command (or, with Focused, an autocomplete request) to send.
type Slash struct {
	// Guild id; empty means the first guild unless DM is set.
	Guild string
	// Channel id; empty means the guild's first text channel (the DM channel with DM).
	Channel string
	// User id or username; empty means a user named "member" (created on demand).
	User string
	// DM sends the command from the user's DM with the bot (no guild, no member).
	DM bool
	// Perms overrides the member's computed permissions when non-zero.
	Perms int64
	// Name of the registered command.
	Name string
	// Options as Discord sends them; Type may be left 0 and is taken from the registered
	// definition. Subcommands are options of type 1 (inside type 2 for groups). An
	// attachment option takes a File value.
	Options []*discordgo.ApplicationCommandInteractionDataOption
	// Locale of the user's client; default "en-US".
	Locale string
}

// context resolved for sending an interaction
type actor struct {
	user    *discordgo.User
	guild   *guild
	channel *channel
	perms   int64
	locale  string
}

// resolveActor finds or creates the user, guild and channel. Callers hold s.mu.
func (s *Server) resolveActor(userRef, guildID, channelID string, dm bool, permsOverride int64, locale string) (*actor, error) {
	if userRef == "" {
		userRef = "member"
	}
	u := s.findUser(userRef)
	if u == nil {
		u = s.ensureUser(userRef)
		for _, g := range s.w.guilds {
			s.addMember(g, u.ID)
		}
	}
	a := &actor{user: u, locale: locale}
	if a.locale == "" {
		a.locale = "en-US"
	}
	if dm {
		a.channel = s.dmChannel(u)
		a.perms = s.channelPerms(u.ID, a.channel.c.ID)
		return a, nil
	}
	if channelID != "" {
		c, ok := s.w.channels[channelID]
		if !ok {
			return nil, fmt.Errorf("discordtest: unknown channel %s", channelID)
		}
		a.channel = c
		if c.c.GuildID == "" {
			a.perms = s.channelPerms(u.ID, c.c.ID)
			return a, nil
		}
		guildID = c.c.GuildID
	}
	if guildID == "" {
		if len(s.w.order) == 0 {
			return nil, errors.New("discordtest: no guild")
		}
		guildID = s.w.order[0]
	}
	g, ok := s.w.guilds[guildID]
	if !ok {
		return nil, fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	a.guild = g
	if _, member := g.members[u.ID]; !member {
		s.addMember(g, u.ID)
	}
	if a.channel == nil {
		for _, id := range g.channels {
			if c := s.w.channels[id]; c.c.Type == discordgo.ChannelTypeGuildText {
				a.channel = c
				break
			}
		}
		if a.channel == nil {
			return nil, fmt.Errorf("discordtest: guild %s has no text channel", g.g.Name)
		}
	}
	a.perms = s.channelPerms(u.ID, a.channel.c.ID)
	if permsOverride != 0 {
		a.perms = permsOverride
	}
	return a, nil
}

// dmChannel returns the DM channel between a user and the bot, creating it. Callers hold s.mu.
func (s *Server) dmChannel(u *discordgo.User) *channel {
	if id, ok := s.w.dms[u.ID]; ok {
		return s.w.channels[id]
	}
	c := &channel{c: &discordgo.Channel{ID: s.newID(), Type: discordgo.ChannelTypeDM, Recipients: []*discordgo.User{u}}}
	s.w.channels[c.c.ID] = c
	s.w.dms[u.ID] = c.c.ID
	return c
}

// findCommand finds a registered chat command visible in a guild (or DM). Callers hold s.mu.
func (s *Server) findCommand(a *actor, name string) *discordgo.ApplicationCommand {
	if a.guild != nil {
		for _, c := range a.guild.commands {
			if c.Name == name && (c.Type == 0 || c.Type == discordgo.ChatApplicationCommand) {
				return c
			}
		}
	}
	for _, c := range s.w.global {
		if c.Name != name || (c.Type != 0 && c.Type != discordgo.ChatApplicationCommand) {
			continue
		}
		if a.guild == nil && !allowedInDM(c) {
			return nil
		}
		return c
	}
	return nil
}

func allowedInDM(c *discordgo.ApplicationCommand) bool {
	if c.Contexts != nil {
		return slices.Contains(*c.Contexts, discordgo.InteractionContextBotDM)
	}
	return c.DMPermission == nil || *c.DMPermission
}

// basePayload builds the fields every interaction carries. Callers hold s.mu.
func (s *Server) basePayload(in *Interaction, a *actor) map[string]any {
	p := map[string]any{
		"id": in.ID, "application_id": s.opts.ApplicationID, "type": int(in.Type), "token": in.Token,
		"version": 1, "channel_id": a.channel.c.ID, "locale": a.locale, "entitlements": []any{},
		"app_permissions":                perms(s.channelPerms(s.w.bot.ID, a.channel.c.ID)),
		"attachment_size_limit":          26214400,
		"authorizing_integration_owners": map[string]any{},
	}
	ch := s.channelJSON(a.channel)
	ch["permissions"] = perms(a.perms)
	p["channel"] = ch
	if a.guild != nil {
		m := s.memberJSON(a.guild.members[a.user.ID], false)
		m["permissions"] = perms(a.perms)
		p["member"] = m
		p["guild_id"] = a.guild.g.ID
		p["guild_locale"] = "en-US"
		p["guild"] = map[string]any{"id": a.guild.g.ID, "locale": "en-US", "features": []any{}}
		p["context"] = int(discordgo.InteractionContextGuild)
		p["authorizing_integration_owners"] = map[string]any{"0": a.guild.g.ID}
	} else {
		p["user"] = s.userJSON(a.user)
		p["context"] = int(discordgo.InteractionContextBotDM)
		p["authorizing_integration_owners"] = map[string]any{"0": "0"}
	}
	return p
}

func (s *Server) newInteraction(typ discordgo.InteractionType, a *actor) *Interaction {
	in := &Interaction{
		ID: s.newID(), Type: typ, ChannelID: a.channel.c.ID, UserID: a.user.ID, srv: s, created: s.now(),
	}
	in.Token = "aW50ZXJhY3Rpb246" + in.ID + "Ol" + randomHex(24)
	if a.guild != nil {
		in.GuildID = a.guild.g.ID
	}
	return in
}

// send registers an interaction and dispatches INTERACTION_CREATE, waiting for a bot
// session to exist first. A session that is momentarily disconnected gets it on RESUME.
func (s *Server) send(ctx context.Context, in *Interaction, payload map[string]any) (*Interaction, error) {
	raw, err := json.Marshal(payload)
	if err != nil {
		return nil, err
	}
	in.Payload = raw
	if err := s.waitSession(ctx); err != nil {
		return nil, fmt.Errorf("discordtest: no bot connected to the gateway: %w", err)
	}
	s.mu.Lock()
	s.inters[in.ID] = in
	s.byToken[in.Token] = in
	in.sentAt = time.Now()
	s.mu.Unlock()
	s.gw.dispatch(s, "INTERACTION_CREATE", 0, json.RawMessage(raw))
	return in, nil
}

// Slash sends a slash command interaction (type 2).
func (s *Server) Slash(ctx context.Context, cmd Slash) (*Interaction, error) {
	s.mu.Lock()
	in, payload, err := s.buildCommand(cmd, discordgo.InteractionApplicationCommand, "")
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return s.send(ctx, in, payload)
}

// Command parses a command line with ParseCommand and sends it as user in channel
// (ids or names; empty for the defaults of Slash).
func (s *Server) Command(ctx context.Context, user, channel, line string) (*Interaction, error) {
	cmd, err := s.ParseCommandIn(channel, line)
	if err != nil {
		return nil, err
	}
	cmd.User = user
	return s.Slash(ctx, cmd)
}

// Autocomplete sends an autocomplete interaction (type 4) for the option named focused,
// whose partial input is its value in cmd.Options, and returns the choices the bot offers.
func (s *Server) Autocomplete(ctx context.Context, cmd Slash, focused string) ([]*discordgo.ApplicationCommandOptionChoice, error) {
	s.mu.Lock()
	in, payload, err := s.buildCommand(cmd, discordgo.InteractionApplicationCommandAutocomplete, focused)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if _, err := s.send(ctx, in, payload); err != nil {
		return nil, err
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		return nil, err
	}
	if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		return nil, fmt.Errorf("discordtest: autocomplete answered with response type %d", resp.Type)
	}
	if resp.Data == nil {
		return nil, nil
	}
	return resp.Data.Choices, nil
}

// buildCommand types the options against the registered definition and builds the payload.
// Callers hold s.mu.
func (s *Server) buildCommand(cmd Slash, typ discordgo.InteractionType, focused string) (*Interaction, map[string]any, error) {
	a, err := s.resolveActor(cmd.User, cmd.Guild, cmd.Channel, cmd.DM, cmd.Perms, cmd.Locale)
	if err != nil {
		return nil, nil, err
	}
	def := s.findCommand(a, strings.TrimPrefix(cmd.Name, "/"))
	if def == nil {
		return nil, nil, fmt.Errorf("%w: /%s", ErrUnknownCommand, cmd.Name)
	}
	in := s.newInteraction(typ, a)
	resolved := newResolved()
	opts, foundFocus, err := s.typeOptions(a, def.Options, cmd.Options, resolved, focused, typ == discordgo.InteractionApplicationCommandAutocomplete)
	if err != nil {
		return nil, nil, fmt.Errorf("/%s: %w", def.Name, err)
	}
	if focused != "" && !foundFocus {
		return nil, nil, fmt.Errorf("/%s: no option %q to focus", def.Name, focused)
	}
	data := map[string]any{"id": def.ID, "name": def.Name, "type": 1}
	if len(opts) > 0 {
		data["options"] = opts
	}
	if def.GuildID != "" {
		data["guild_id"] = def.GuildID
	}
	if !resolved.empty() && typ == discordgo.InteractionApplicationCommand {
		data["resolved"] = resolved.json()
	}
	p := s.basePayload(in, a)
	p["data"] = data
	return in, p, nil
}

// resolved collects the resolved objects of user, channel, role and attachment options.
type resolved struct {
	users, members, roles, channels, attachments map[string]any
}

func newResolved() *resolved {
	return &resolved{users: map[string]any{}, members: map[string]any{}, roles: map[string]any{}, channels: map[string]any{}, attachments: map[string]any{}}
}

func (r *resolved) empty() bool {
	return len(r.users)+len(r.roles)+len(r.channels)+len(r.attachments) == 0
}

func (r *resolved) json() map[string]any {
	out := map[string]any{}
	for k, v := range map[string]map[string]any{"users": r.users, "members": r.members, "roles": r.roles, "channels": r.channels, "attachments": r.attachments} {
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

// typeOptions checks given options against definitions, fills in types and resolved data,
// and returns them in Discord's JSON shape. Callers hold s.mu.
func (s *Server) typeOptions(a *actor, defs []*discordgo.ApplicationCommandOption, given []*discordgo.ApplicationCommandInteractionDataOption, res *resolved, focused string, autocomplete bool) ([]any, bool, error) {
	var out []any
	found := false
	for _, g := range given {
		var def *discordgo.ApplicationCommandOption
		for _, d := range defs {
			if d.Name == g.Name {
				def = d
			}
		}
		if def == nil {
			return nil, false, fmt.Errorf("unknown option %q", g.Name)
		}
		if g.Type != 0 && g.Type != def.Type {
			return nil, false, fmt.Errorf("option %q is %s, not %s", g.Name, def.Type, g.Type)
		}
		o := map[string]any{"name": def.Name, "type": int(def.Type)}
		switch def.Type {
		case discordgo.ApplicationCommandOptionSubCommand, discordgo.ApplicationCommandOptionSubCommandGroup:
			sub, f, err := s.typeOptions(a, def.Options, g.Options, res, focused, autocomplete)
			if err != nil {
				return nil, false, fmt.Errorf("%s: %w", def.Name, err)
			}
			found = found || f
			if sub == nil {
				sub = []any{}
			}
			o["options"] = sub
		default:
			if autocomplete && def.Name == focused {
				o["value"] = fmt.Sprint(g.Value)
				o["focused"] = true
				found = true
				break
			}
			v, err := s.optionValue(a, def, g.Value, res)
			if err != nil {
				return nil, false, fmt.Errorf("option %s: %w", def.Name, err)
			}
			o["value"] = v
		}
		out = append(out, o)
	}
	// Subcommands are mutually exclusive; required options must be present.
	if !autocomplete {
		for _, d := range defs {
			if !d.Required {
				continue
			}
			if !slices.ContainsFunc(given, func(g *discordgo.ApplicationCommandInteractionDataOption) bool { return g.Name == d.Name }) {
				return nil, false, fmt.Errorf("missing required option %q", d.Name)
			}
		}
	}
	if len(defs) > 0 && (defs[0].Type == discordgo.ApplicationCommandOptionSubCommand || defs[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) && len(given) != 1 {
		var names []string
		for _, d := range defs {
			names = append(names, d.Name)
		}
		return nil, false, fmt.Errorf("choose one subcommand of %s", strings.Join(names, ", "))
	}
	return out, found, nil
}

// optionValue converts and checks one option value, filling resolved data. Callers hold s.mu.
func (s *Server) optionValue(a *actor, def *discordgo.ApplicationCommandOption, v any, res *resolved) (any, error) {
	switch def.Type {
	case discordgo.ApplicationCommandOptionString:
		str, ok := v.(string)
		if !ok {
			str = fmt.Sprint(v)
		}
		if def.MaxLength > 0 && runeLen(str) > def.MaxLength {
			return nil, fmt.Errorf("longer than %d characters", def.MaxLength)
		}
		if def.MinLength != nil && runeLen(str) < *def.MinLength {
			return nil, fmt.Errorf("shorter than %d characters", *def.MinLength)
		}
		return choiceValue(def, str)
	case discordgo.ApplicationCommandOptionInteger, discordgo.ApplicationCommandOptionNumber:
		f, ok := num(v)
		if !ok {
			switch n := v.(type) {
			case int:
				f, ok = float64(n), true
			case int64:
				f, ok = float64(n), true
			}
		}
		if !ok {
			return nil, fmt.Errorf("%v is not a number", v)
		}
		if def.Type == discordgo.ApplicationCommandOptionInteger && f != float64(int64(f)) {
			return nil, fmt.Errorf("%v is not an integer", v)
		}
		if def.MinValue != nil && f < *def.MinValue || def.MaxValue != 0 && f > def.MaxValue {
			return nil, fmt.Errorf("%v is out of range", v)
		}
		if len(def.Choices) > 0 {
			for _, c := range def.Choices {
				if cf, ok := num(toJSONNumber(c.Value)); ok && cf == f {
					return f, nil
				}
			}
			return nil, fmt.Errorf("%v is not one of the choices", v)
		}
		return f, nil
	case discordgo.ApplicationCommandOptionBoolean:
		switch b := v.(type) {
		case bool:
			return b, nil
		case string:
			switch strings.ToLower(b) {
			case "true", "yes", "y", "1", "on":
				return true, nil
			case "false", "no", "n", "0", "off":
				return false, nil
			}
		}
		return nil, fmt.Errorf("%v is not a boolean", v)
	case discordgo.ApplicationCommandOptionUser, discordgo.ApplicationCommandOptionMentionable:
		ref := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(fmt.Sprint(v), "<@"), "!"), ">")
		ref = strings.TrimPrefix(ref, "@")
		if u := s.findUser(ref); u != nil {
			res.users[u.ID] = s.userJSON(u)
			if a.guild != nil {
				if m, ok := a.guild.members[u.ID]; ok {
					mj := s.memberJSON(m, true)
					mj["permissions"] = perms(s.channelPerms(u.ID, a.channel.c.ID))
					res.members[u.ID] = mj
				}
			}
			return u.ID, nil
		}
		if def.Type == discordgo.ApplicationCommandOptionMentionable && a.guild != nil {
			if r := a.guild.role(strings.TrimPrefix(ref, "&")); r != nil {
				res.roles[r.ID] = s.roleJSON(a.guild, r)
				return r.ID, nil
			}
		}
		return nil, fmt.Errorf("no user %q", ref)
	case discordgo.ApplicationCommandOptionRole:
		if a.guild == nil {
			return nil, errors.New("roles need a guild")
		}
		ref := strings.TrimSuffix(strings.TrimPrefix(fmt.Sprint(v), "<@&"), ">")
		r := a.guild.role(ref)
		if r == nil {
			return nil, fmt.Errorf("no role %q", ref)
		}
		res.roles[r.ID] = s.roleJSON(a.guild, r)
		return r.ID, nil
	case discordgo.ApplicationCommandOptionChannel:
		ref := strings.TrimSuffix(strings.TrimPrefix(fmt.Sprint(v), "<#"), ">")
		gid := ""
		if a.guild != nil {
			gid = a.guild.g.ID
		}
		c := s.findChannel(gid, ref)
		if c == nil || c.c.GuildID != gid {
			return nil, fmt.Errorf("no channel %q", ref)
		}
		if len(def.ChannelTypes) > 0 && !slices.Contains(def.ChannelTypes, c.c.Type) {
			return nil, fmt.Errorf("channel %q has a type the option does not accept", ref)
		}
		cj := s.channelJSON(c)
		cj["permissions"] = perms(s.channelPerms(a.user.ID, c.c.ID))
		res.channels[c.c.ID] = cj
		return c.c.ID, nil
	case discordgo.ApplicationCommandOptionAttachment:
		f, ok := v.(File)
		if !ok {
			if p, isPtr := v.(*File); isPtr && p != nil {
				f, ok = *p, true
			}
		}
		if !ok {
			return nil, errors.New("an attachment option takes a discordtest.File")
		}
		id := s.newID()
		s.files[id] = storedFile{File: f}
		res.attachments[id] = s.attachmentJSON(a.channel.c.ID, id, f, "")
		return id, nil
	}
	return nil, fmt.Errorf("unsupported option type %s", def.Type)
}

func toJSONNumber(v any) any {
	switch n := v.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case float32:
		return float64(n)
	}
	return v
}

// choiceValue maps a string to a choice's value (matching its name or value).
func choiceValue(def *discordgo.ApplicationCommandOption, v string) (any, error) {
	if len(def.Choices) == 0 {
		return v, nil
	}
	for _, c := range def.Choices {
		if strings.EqualFold(c.Name, v) || fmt.Sprint(c.Value) == v {
			return c.Value, nil
		}
	}
	var names []string
	for _, c := range def.Choices {
		names = append(names, c.Name)
	}
	return nil, fmt.Errorf("%q is not one of %s", v, strings.Join(names, ", "))
}

// ---- components and modals ----

// component finds a component by custom_id in a stored message. Callers hold s.mu.
func findComponent(obj map[string]any, match func(c map[string]any) bool) map[string]any {
	rows, _ := array(obj, "components")
	var walk func(list []any) map[string]any
	walk = func(list []any) map[string]any {
		for _, it := range list {
			c := object(it)
			if c == nil {
				continue
			}
			if match(c) {
				return c
			}
			if sub, ok := array(c, "components"); ok {
				if f := walk(sub); f != nil {
					return f
				}
			}
			if acc := object(c["accessory"]); acc != nil && match(acc) {
				return acc
			}
		}
		return nil
	}
	return walk(rows)
}

// componentInteraction builds a type 3 interaction on a stored message. Callers hold s.mu.
func (s *Server) componentInteraction(user, messageID string, match func(c map[string]any) bool) (*Interaction, map[string]any, map[string]any, error) {
	m := s.findMessage(messageID)
	if m == nil {
		return nil, nil, nil, fmt.Errorf("discordtest: unknown message %s", messageID)
	}
	comp := findComponent(m.obj, match)
	if comp == nil {
		return nil, nil, nil, ErrNoSuchComponent
	}
	if d, _ := comp["disabled"].(bool); d {
		return nil, nil, nil, fmt.Errorf("%w: it is disabled", ErrNoSuchComponent)
	}
	if m.ephemeral && m.inter != nil && user == "" {
		user = m.inter.UserID
	}
	c := s.w.channels[m.channelID]
	a, err := s.resolveActor(user, c.c.GuildID, c.c.ID, false, 0, "")
	if err != nil {
		return nil, nil, nil, err
	}
	if m.ephemeral && m.inter != nil && m.inter.UserID != a.user.ID {
		return nil, nil, nil, errors.New("discordtest: only the user who saw an ephemeral message can use it")
	}
	in := s.newInteraction(discordgo.InteractionMessageComponent, a)
	in.fromMsg = m
	p := s.basePayload(in, a)
	p["message"] = deepCopy(m.obj)
	return in, p, comp, nil
}

// Click presses the button with customID on a message, as user (id or name; empty: the
// user an ephemeral message belongs to, else "member").
func (s *Server) Click(ctx context.Context, user string, m *discordgo.Message, customID string) (*Interaction, error) {
	if m == nil {
		return nil, ErrNoMessage
	}
	s.mu.Lock()
	in, p, _, err := s.componentInteraction(user, m.ID, func(c map[string]any) bool {
		t, _ := intField(c, "type")
		id, _, _ := str(c, "custom_id")
		return t == compButton && id == customID
	})
	if err == nil {
		p["data"] = map[string]any{"custom_id": customID, "component_type": compButton}
	}
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("click %q: %w", customID, err)
	}
	return s.send(ctx, in, p)
}

// ClickLabel presses the button whose label is label (case-insensitive).
func (s *Server) ClickLabel(ctx context.Context, user string, m *discordgo.Message, label string) (*Interaction, error) {
	if m == nil {
		return nil, ErrNoMessage
	}
	s.mu.Lock()
	mm := s.findMessage(m.ID)
	var id string
	if mm != nil {
		if c := findComponent(mm.obj, func(c map[string]any) bool {
			t, _ := intField(c, "type")
			l, _, _ := str(c, "label")
			return t == compButton && strings.EqualFold(l, label)
		}); c != nil {
			id, _, _ = str(c, "custom_id")
		}
	}
	s.mu.Unlock()
	if id == "" {
		return nil, fmt.Errorf("click %q: %w", label, ErrNoSuchComponent)
	}
	return s.Click(ctx, user, m, id)
}

// Select picks values in the select menu with customID on a message. For a string select
// the values are option values (or labels); for user, role and channel selects, ids or names.
func (s *Server) Select(ctx context.Context, user string, m *discordgo.Message, customID string, values ...string) (*Interaction, error) {
	if m == nil {
		return nil, ErrNoMessage
	}
	s.mu.Lock()
	in, p, comp, err := s.componentInteraction(user, m.ID, func(c map[string]any) bool {
		t, _ := intField(c, "type")
		id, _, _ := str(c, "custom_id")
		return isSelect(t) && id == customID
	})
	if err == nil {
		err = s.fillSelect(in, p, comp, customID, values)
	}
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("select %q: %w", customID, err)
	}
	return s.send(ctx, in, p)
}

// fillSelect validates chosen values and sets the interaction data. Callers hold s.mu.
func (s *Server) fillSelect(in *Interaction, p, comp map[string]any, customID string, values []string) error {
	t, _ := intField(comp, "type")
	minV, ok := intField(comp, "min_values")
	if !ok {
		minV = 1
	}
	maxV, ok := intField(comp, "max_values")
	if !ok {
		maxV = 1
	}
	if int64(len(values)) < minV || int64(len(values)) > maxV {
		return fmt.Errorf("choose between %d and %d values", minV, maxV)
	}
	data := map[string]any{"custom_id": customID, "component_type": int(t)}
	out := []any{}
	switch t {
	case compStringSel:
		opts, _ := array(comp, "options")
		for _, v := range values {
			found := ""
			for _, o := range opts {
				oo := object(o)
				val, _, _ := str(oo, "value")
				lab, _, _ := str(oo, "label")
				if val == v || strings.EqualFold(lab, v) {
					found = val
				}
			}
			if found == "" {
				return fmt.Errorf("no option %q", v)
			}
			out = append(out, found)
		}
	default:
		a := &actor{channel: s.w.channels[in.ChannelID]}
		if in.GuildID != "" {
			a.guild = s.w.guilds[in.GuildID]
		}
		a.user = s.w.users[in.UserID]
		res := newResolved()
		kind := map[int64]discordgo.ApplicationCommandOptionType{
			compUserSel: discordgo.ApplicationCommandOptionUser, compRoleSel: discordgo.ApplicationCommandOptionRole,
			compMentionSel: discordgo.ApplicationCommandOptionMentionable, compChannelSel: discordgo.ApplicationCommandOptionChannel,
		}[t]
		for _, v := range values {
			id, err := s.optionValue(a, &discordgo.ApplicationCommandOption{Type: kind, Name: customID}, v, res)
			if err != nil {
				return err
			}
			out = append(out, id)
		}
		data["resolved"] = res.json()
	}
	data["values"] = out
	p["data"] = data
	return nil
}

// SubmitModal submits the modal with customID that the bot last showed to user (empty:
// whoever it was shown to). values maps each text input's custom_id (or label) to its value.
func (s *Server) SubmitModal(ctx context.Context, user, customID string, values map[string]string) (*Interaction, error) {
	s.mu.Lock()
	in, p, err := s.buildModalSubmit(user, customID, values)
	s.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("submit modal %q: %w", customID, err)
	}
	return s.send(ctx, in, p)
}

// ModalFields describes a text input of a modal the bot showed.
type ModalFields struct {
	CustomID, Label, Placeholder, Value string
	Required                            bool
	Paragraph                           bool
	MinLength, MaxLength                int
}

// Modal returns the custom_id, title and inputs of the modal last shown to user (empty: anyone).
func (s *Server) Modal(user string) (customID, title string, fields []ModalFields, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src := s.lastModal(user, "")
	if src == nil {
		return "", "", nil, false
	}
	d := src.modalData()
	customID, _, _ = str(d, "custom_id")
	title, _, _ = str(d, "title")
	for _, c := range modalInputs(d) {
		f := ModalFields{Required: true}
		f.CustomID, _, _ = str(c, "custom_id")
		f.Label, _, _ = str(c, "label")
		f.Placeholder, _, _ = str(c, "placeholder")
		f.Value, _, _ = str(c, "value")
		if r, ok := c["required"].(bool); ok {
			f.Required = r
		}
		st, _ := intField(c, "style")
		f.Paragraph = st == 2
		if n, ok := intField(c, "min_length"); ok {
			f.MinLength = int(n)
		}
		if n, ok := intField(c, "max_length"); ok {
			f.MaxLength = int(n)
		}
		fields = append(fields, f)
	}
	return customID, title, fields, true
}

func (in *Interaction) modalData() map[string]any {
	var body map[string]any
	_ = jsonUnmarshal(in.resp.Raw, &body)
	return object(body["data"])
}

func modalInputs(d map[string]any) []map[string]any {
	var out []map[string]any
	rows, _ := array(d, "components")
	for _, r := range rows {
		items, _ := array(object(r), "components")
		for _, it := range items {
			if c := object(it); c != nil {
				out = append(out, c)
			}
		}
	}
	return out
}

// lastModal finds the latest interaction answered with a modal. Callers hold s.mu.
func (s *Server) lastModal(user, customID string) *Interaction {
	var best *Interaction
	for _, in := range s.inters {
		if in.resp == nil || in.resp.Type != discordgo.InteractionResponseModal {
			continue
		}
		if user != "" {
			if u := s.findUser(user); u == nil || u.ID != in.UserID {
				continue
			}
		}
		if customID != "" {
			if id, _, _ := str(in.modalData(), "custom_id"); id != customID {
				continue
			}
		}
		if best == nil || cmpSnowflake(in.ID, best.ID) > 0 {
			best = in
		}
	}
	return best
}

func (s *Server) buildModalSubmit(user, customID string, values map[string]string) (*Interaction, map[string]any, error) {
	src := s.lastModal(user, customID)
	if src == nil {
		return nil, nil, ErrNoModal
	}
	a, err := s.resolveActor(src.UserID, src.GuildID, src.ChannelID, false, 0, "")
	if err != nil {
		return nil, nil, err
	}
	d := src.modalData()
	used := map[string]bool{}
	var rows []any
	for _, c := range modalInputs(d) {
		id, _, _ := str(c, "custom_id")
		label, _, _ := str(c, "label")
		v, ok := values[id]
		if ok {
			used[id] = true
		} else {
			for k, val := range values {
				if strings.EqualFold(k, label) {
					v, ok = val, true
					used[k] = true
				}
			}
		}
		required := true
		if r, isBool := c["required"].(bool); isBool {
			required = r
		}
		if !ok || v == "" {
			if required {
				return nil, nil, fmt.Errorf("input %q (%s) is required", id, label)
			}
		}
		if n, has := intField(c, "max_length"); has && int64(runeLen(v)) > n {
			return nil, nil, fmt.Errorf("input %q is longer than %d", id, n)
		}
		if n, has := intField(c, "min_length"); has && v != "" && int64(runeLen(v)) < n {
			return nil, nil, fmt.Errorf("input %q is shorter than %d", id, n)
		}
		rows = append(rows, map[string]any{"type": compActionRow, "components": []any{
			map[string]any{"type": compTextInput, "custom_id": id, "value": v},
		}})
	}
	for k := range values {
		if !used[k] {
			return nil, nil, fmt.Errorf("the modal has no input %q", k)
		}
	}
	in := s.newInteraction(discordgo.InteractionModalSubmit, a)
	p := s.basePayload(in, a)
	p["data"] = map[string]any{"custom_id": customID, "components": rows}
	if src.fromMsg != nil {
		in.fromMsg = src.fromMsg
		p["message"] = deepCopy(src.fromMsg.obj)
	}
	return in, p, nil
}

// MeasureRoundTrips sends n interactions one after another with send, waits for each
// initial response, and returns the 50th and 99th percentile of the time from dispatching
// INTERACTION_CREATE to receiving the callback.
func MeasureRoundTrips(ctx context.Context, n int, send func() (*Interaction, error)) (p50, p99 time.Duration, err error) {
	if n <= 0 {
		return 0, 0, errors.New("discordtest: MeasureRoundTrips needs n > 0")
	}
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		d, err := RoundTrip(ctx, send)
		if err != nil {
			return 0, 0, err
		}
		lat = append(lat, d)
	}
	slices.Sort(lat)
	return percentile(lat, 50), percentile(lat, 99), nil
}

// RoundTrip sends one interaction, waits for its initial response and
// returns the time from dispatching INTERACTION_CREATE to receiving the
// callback.
func RoundTrip(ctx context.Context, send func() (*Interaction, error)) (time.Duration, error) {
	in, err := send()
	if err != nil {
		return 0, err
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		return 0, err
	}
	return resp.Latency, nil
}

// Percentiles are the 50th and 99th percentile of a set of latencies.
type Percentiles struct{ P50, P99 time.Duration }

// interleaveBlock is how many measurements MeasureInterleaved takes from
// one side before moving to the next.
const interleaveBlock = 50

// MeasureInterleaved measures a path beside its floors in the same run: n
// measurements of each side, taken in turns of 50 (each side in the order
// given, then again), so that a change in the machine's load while the
// benchmark runs (other processes on a shared machine, CPU frequency)
// falls on every side alike rather than on whichever ran last. Before each
// turn it lets the previous side's trailing work (messages its replies
// created, writes after them) settle, so no side is charged for another's.
// Each call gets its side's running index from 0 and returns one latency.
func MeasureInterleaved(n int, sides ...func(i int) (time.Duration, error)) ([]Percentiles, error) {
	if n <= 0 || len(sides) == 0 {
		return nil, errors.New("discordtest: MeasureInterleaved needs n > 0 and a side to measure")
	}
	lat := make([][]time.Duration, len(sides))
	for done := 0; done < n; done += interleaveBlock {
		for side, measure := range sides {
			time.Sleep(5 * time.Millisecond)
			for i := done; i < min(done+interleaveBlock, n); i++ {
				d, err := measure(i)
				if err != nil {
					return nil, err
				}
				lat[side] = append(lat[side], d)
			}
		}
	}
	out := make([]Percentiles, len(sides))
	for side := range lat {
		slices.Sort(lat[side])
		out[side] = Percentiles{P50: percentile(lat[side], 50), P99: percentile(lat[side], 99)}
	}
	return out, nil
}

func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	if i > 0 {
		i--
	}
	return sorted[i]
}
