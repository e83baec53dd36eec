package discordtest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Permission sets used by the default world.
const (
	// EveryonePerms is what @everyone gets in a new guild.
	EveryonePerms int64 = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
		discordgo.PermissionReadMessageHistory | discordgo.PermissionAddReactions |
		discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles |
		discordgo.PermissionUseApplicationCommands | discordgo.PermissionCreatePublicThreads |
		discordgo.PermissionCreatePrivateThreads | discordgo.PermissionSendMessagesInThreads |
		discordgo.PermissionCreateInstantInvite | discordgo.PermissionChangeNickname |
		discordgo.PermissionVoiceConnect | discordgo.PermissionVoiceSpeak | discordgo.PermissionUseExternalEmojis
	// BotPerms is what the bot's managed role grants, as a typical invite link asks for.
	BotPerms int64 = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
		discordgo.PermissionSendMessagesInThreads | discordgo.PermissionCreatePublicThreads |
		discordgo.PermissionCreatePrivateThreads | discordgo.PermissionManageThreads |
		discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles |
		discordgo.PermissionReadMessageHistory | discordgo.PermissionAddReactions |
		discordgo.PermissionUseApplicationCommands | discordgo.PermissionManageChannels |
		discordgo.PermissionMentionEveryone | discordgo.PermissionVoiceConnect
	// AdminPerms is what the "Admin" role that `as admin` uses grants.
	AdminPerms int64 = EveryonePerms | discordgo.PermissionManageGuild | discordgo.PermissionManageMessages |
		discordgo.PermissionManageChannels | discordgo.PermissionManageThreads | discordgo.PermissionManageRoles
)

// world is the state of the loopback Discord. It is guarded by Server.mu.
type world struct {
	bot      *discordgo.User
	users    map[string]*discordgo.User
	guilds   map[string]*guild
	order    []string // guild ids in creation order
	channels map[string]*channel
	messages map[string]*msg   // by id, non-ephemeral messages
	dms      map[string]string // user id -> DM channel id
	closedDM map[string]bool
	global   []*discordgo.ApplicationCommand
}

type guild struct {
	g        *discordgo.Guild // id, name, owner, joined_at, ...
	roles    []*discordgo.Role
	members  map[string]*discordgo.Member
	morder   []string
	channels []string // guild channels (not threads) in order
	commands []*discordgo.ApplicationCommand
}

type channel struct {
	c       *discordgo.Channel
	msgs    []string // message ids in order
	members map[string]*discordgo.ThreadMember
}

func newWorld() *world {
	return &world{
		users:    map[string]*discordgo.User{},
		guilds:   map[string]*guild{},
		channels: map[string]*channel{},
		messages: map[string]*msg{},
		dms:      map[string]string{},
		closedDM: map[string]bool{},
	}
}

// createGuild builds a guild from a spec. Callers hold s.mu or own s exclusively.
func (s *Server) createGuild(spec GuildSpec) *guild {
	w := s.w
	id := s.worldID("guild/" + spec.Name)
	owner := s.ensureUser("owner")
	g := &guild{
		g: &discordgo.Guild{
			ID: id, Name: spec.Name, OwnerID: owner.ID, JoinedAt: s.now().UTC(),
			PreferredLocale: "en-US", Features: []discordgo.GuildFeature{},
			Emojis: []*discordgo.Emoji{}, Stickers: []*discordgo.Sticker{},
			VoiceStates: []*discordgo.VoiceState{}, Presences: []*discordgo.Presence{},
		},
		members: map[string]*discordgo.Member{},
	}
	w.guilds[id] = g
	w.order = append(w.order, id)
	// @everyone has the guild's id.
	g.roles = append(g.roles, &discordgo.Role{ID: id, Name: "@everyone", Permissions: EveryonePerms})
	roleID := func(name string) string { return s.worldID("role/" + spec.Name + "/" + name) }
	botRole := &discordgo.Role{ID: roleID(w.bot.Username), Name: w.bot.Username, Managed: true, Position: 1, Permissions: BotPerms}
	g.roles = append(g.roles, botRole)
	g.roles = append(g.roles, &discordgo.Role{ID: roleID("Admin"), Name: "Admin", Position: 2, Permissions: AdminPerms, Hoist: true})
	for _, rs := range spec.Roles {
		g.roles = append(g.roles, &discordgo.Role{ID: roleID(rs.Name), Name: rs.Name, Position: len(g.roles), Permissions: rs.Permissions, Mentionable: rs.Mentionable})
	}
	s.addMember(g, owner.ID)
	s.addMember(g, w.bot.ID, botRole.ID)
	chans := spec.Channels
	if chans == nil {
		chans = []ChannelSpec{{Name: "general"}}
	}
	byName := map[string]string{}
	for _, cs := range chans {
		parent := byName[cs.Parent]
		c := s.addChannel(g, s.worldID("channel/"+spec.Name+"/"+cs.Name), cs.Name, cs.Type, parent)
		byName[cs.Name] = c.ID
	}
	if len(g.channels) > 0 {
		g.g.SystemChannelID = g.channels[0]
	}
	return g
}

func (s *Server) addMember(g *guild, userID string, roles ...string) *discordgo.Member {
	if m, ok := g.members[userID]; ok {
		for _, r := range roles {
			if !slices.Contains(m.Roles, r) {
				m.Roles = append(m.Roles, r)
			}
		}
		return m
	}
	m := &discordgo.Member{GuildID: g.g.ID, JoinedAt: s.now().UTC(), User: s.w.users[userID], Roles: append([]string{}, roles...)}
	g.members[userID] = m
	g.morder = append(g.morder, userID)
	g.g.MemberCount = len(g.members)
	return m
}

func (s *Server) addChannel(g *guild, id, name string, typ discordgo.ChannelType, parentID string) *discordgo.Channel {
	c := &discordgo.Channel{
		ID: id, GuildID: g.g.ID, Name: name, Type: typ, ParentID: parentID,
		Position: len(g.channels), PermissionOverwrites: []*discordgo.PermissionOverwrite{},
	}
	if typ == discordgo.ChannelTypeGuildVoice {
		c.Bitrate = 64000
	}
	s.w.channels[c.ID] = &channel{c: c}
	g.channels = append(g.channels, c.ID)
	return c
}

// ensureUser returns the user with this username, creating it. Callers hold s.mu.
func (s *Server) ensureUser(name string) *discordgo.User {
	for _, u := range s.w.users {
		if strings.EqualFold(u.Username, name) {
			return u
		}
	}
	u := &discordgo.User{ID: s.worldID("user/" + strings.ToLower(name)), Username: name, Discriminator: "0", GlobalName: name}
	s.w.users[u.ID] = u
	return u
}

// ---- public world helpers ----

// AddGuild creates a guild as GuildSpec describes, with @everyone, the bot's managed role,
// an "Admin" role, the owner and the bot as members. A connected bot receives GUILD_CREATE.
func (s *Server) AddGuild(spec GuildSpec) *discordgo.Guild {
	s.mu.Lock()
	g := s.createGuild(spec)
	out := clone(g.g)
	s.mu.Unlock()
	s.gw.dispatchFunc(s, "GUILD_CREATE", discordgo.IntentsGuilds, func(sess *gwSession) any {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.guildCreatePayload(g, sess.intents)
	})
	return out
}

// DefaultGuild returns the first guild.
func (s *Server) DefaultGuild() *discordgo.Guild {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.w.order) == 0 {
		return nil
	}
	return clone(s.w.guilds[s.w.order[0]].g)
}

// Guilds returns every guild.
func (s *Server) Guilds() []*discordgo.Guild {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Guild
	for _, id := range s.w.order {
		out = append(out, clone(s.w.guilds[id].g))
	}
	return out
}

// AddUser returns the user with this username, creating it, and makes it a member of every
// guild. Usernames are case-insensitive.
func (s *Server) AddUser(name string) *discordgo.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.ensureUser(name)
	for _, g := range s.w.guilds {
		s.addMember(g, u.ID)
	}
	return clone(u)
}

// User returns a user by id or username, or nil.
func (s *Server) User(idOrName string) *discordgo.User {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.findUser(idOrName); u != nil {
		return clone(u)
	}
	return nil
}

func (s *Server) findUser(idOrName string) *discordgo.User {
	if u, ok := s.w.users[idOrName]; ok {
		return u
	}
	for _, u := range s.w.users {
		if strings.EqualFold(u.Username, idOrName) {
			return u
		}
	}
	return nil
}

// AddMember makes a user a member of a guild with the given roles (added to existing ones).
func (s *Server) AddMember(guildID, userID string, roleIDs ...string) (*discordgo.Member, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return nil, fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	if _, ok := s.w.users[userID]; !ok {
		return nil, fmt.Errorf("discordtest: unknown user %s", userID)
	}
	for _, r := range roleIDs {
		if g.role(r) == nil {
			return nil, fmt.Errorf("discordtest: unknown role %s", r)
		}
	}
	return clone(s.addMember(g, userID, roleIDs...)), nil
}

// RemoveMemberRole takes a role from a member of a guild; a member without it is unchanged.
func (s *Server) RemoveMemberRole(guildID, userID, roleID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	m, ok := g.members[userID]
	if !ok {
		return fmt.Errorf("discordtest: %s is not a member of %s", userID, g.g.Name)
	}
	m.Roles = slices.DeleteFunc(m.Roles, func(r string) bool { return r == roleID })
	return nil
}

// Roles returns the roles of a guild, @everyone first.
func (s *Server) Roles(guildID string) []*discordgo.Role {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return nil
	}
	out := make([]*discordgo.Role, 0, len(g.roles))
	for _, r := range g.roles {
		out = append(out, clone(r))
	}
	return out
}

// Member returns a guild member, or nil.
func (s *Server) Member(guildID, userID string) *discordgo.Member {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.w.guilds[guildID]; ok {
		return clone(g.members[userID])
	}
	return nil
}

// AddRole creates a role with the given permissions in a guild.
func (s *Server) AddRole(guildID, name string, perms int64) (*discordgo.Role, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return nil, fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	r := &discordgo.Role{ID: s.newID(), Name: name, Position: len(g.roles), Permissions: perms}
	g.roles = append(g.roles, r)
	return clone(r), nil
}

// Role returns a role of a guild by id or name, or nil.
func (s *Server) Role(guildID, idOrName string) *discordgo.Role {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := s.w.guilds[guildID]; ok {
		return clone(g.role(idOrName))
	}
	return nil
}

func (g *guild) role(idOrName string) *discordgo.Role {
	for _, r := range g.roles {
		if r.ID == idOrName || strings.EqualFold(r.Name, strings.TrimPrefix(idOrName, "@")) {
			return r
		}
	}
	return nil
}

// AddChannel creates a guild channel (text, voice, category, ...) under an optional parent
// category. A connected bot receives CHANNEL_CREATE.
func (s *Server) AddChannel(guildID, name string, typ discordgo.ChannelType, parentID string) (*discordgo.Channel, error) {
	s.mu.Lock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		s.mu.Unlock()
		return nil, fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	c := clone(s.addChannel(g, s.newID(), name, typ, parentID))
	s.mu.Unlock()
	s.gw.dispatch(s, "CHANNEL_CREATE", discordgo.IntentsGuilds, c)
	return c, nil
}

// Channel returns a channel or thread by id, or nil.
func (s *Server) Channel(id string) *discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.w.channels[id]; ok {
		return clone(c.c)
	}
	return nil
}

// ChannelByName finds a channel or thread of a guild by name (a leading # is ignored).
func (s *Server) ChannelByName(guildID, name string) *discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.findChannel(guildID, name); c != nil {
		return clone(c.c)
	}
	return nil
}

func (s *Server) findChannel(guildID, name string) *channel {
	name = strings.TrimPrefix(name, "#")
	if c, ok := s.w.channels[name]; ok {
		return c
	}
	var found *channel
	for _, c := range s.w.channels {
		if c.c.GuildID == guildID && strings.EqualFold(c.c.Name, name) {
			if found == nil || c.c.ID < found.c.ID {
				found = c
			}
		}
	}
	return found
}

// SetOverwrite adds or replaces a permission overwrite (role or member) on a channel.
func (s *Server) SetOverwrite(channelID string, ow discordgo.PermissionOverwrite) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.w.channels[channelID]
	if !ok {
		return fmt.Errorf("discordtest: unknown channel %s", channelID)
	}
	c.c.PermissionOverwrites = slices.DeleteFunc(c.c.PermissionOverwrites, func(o *discordgo.PermissionOverwrite) bool { return o.ID == ow.ID })
	c.c.PermissionOverwrites = append(c.c.PermissionOverwrites, &ow)
	return nil
}

// CloseDMs makes DMs to a user fail with 50007 Cannot send messages to this user.
func (s *Server) CloseDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.w.closedDM[userID] = true
}

// Messages returns the messages of a channel or thread, oldest first (ephemeral ones are
// kept on their Interaction, not in the channel).
func (s *Server) Messages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.w.channels[channelID]
	if !ok {
		return nil
	}
	var out []*discordgo.Message
	for _, id := range c.msgs {
		out = append(out, toMessage(s.w.messages[id].obj))
	}
	return out
}

// Message returns a message by id, or nil.
func (s *Server) Message(id string) *discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.findMessage(id); m != nil {
		return toMessage(m.obj)
	}
	return nil
}

// Threads returns every thread, oldest first.
func (s *Server) Threads() []*discordgo.Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Channel
	for _, c := range s.w.channels {
		if c.c.IsThread() {
			out = append(out, clone(c.c))
		}
	}
	slices.SortFunc(out, func(a, b *discordgo.Channel) int { return cmpSnowflake(a.ID, b.ID) })
	return out
}

// ThreadMembers returns the user ids of a thread's members.
func (s *Server) ThreadMembers(threadID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.w.channels[threadID]
	if !ok {
		return nil
	}
	var out []string
	for id := range c.members {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// Commands returns the registered commands of a guild, or the global ones for "".
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.w.global
	if guildID != "" {
		g, ok := s.w.guilds[guildID]
		if !ok {
			return nil
		}
		list = g.commands
	}
	var out []*discordgo.ApplicationCommand
	for _, c := range list {
		out = append(out, clone(c))
	}
	return out
}

func cmpSnowflake(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// ---- permissions ----

// basePerms computes a member's guild-level permissions.
func (g *guild) basePerms(userID string) int64 {
	if userID == g.g.OwnerID {
		return discordgo.PermissionAll
	}
	m, ok := g.members[userID]
	if !ok {
		return 0
	}
	perms := g.role(g.g.ID).Permissions
	for _, rid := range m.Roles {
		if r := g.role(rid); r != nil {
			perms |= r.Permissions
		}
	}
	if perms&discordgo.PermissionAdministrator != 0 {
		return discordgo.PermissionAll
	}
	return perms
}

// channelPerms computes a user's permissions in a channel or thread, as Discord does:
// base, then @everyone, role and member overwrites of the channel (the parent's for threads).
func (s *Server) channelPerms(userID, channelID string) int64 {
	c, ok := s.w.channels[channelID]
	if !ok {
		return 0
	}
	if c.c.GuildID == "" { // DM
		return discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionReadMessageHistory |
			discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles | discordgo.PermissionAddReactions | discordgo.PermissionUseApplicationCommands
	}
	g := s.w.guilds[c.c.GuildID]
	perms := g.basePerms(userID)
	if perms == discordgo.PermissionAll {
		return perms
	}
	src := c
	if c.c.IsThread() {
		if p, ok := s.w.channels[c.c.ParentID]; ok {
			src = p
		}
	}
	m := g.members[userID]
	var roleAllow, roleDeny int64
	for _, ow := range src.c.PermissionOverwrites {
		switch {
		case ow.ID == g.g.ID:
			perms = perms&^ow.Deny | ow.Allow
		case ow.Type == discordgo.PermissionOverwriteTypeRole && m != nil && slices.Contains(m.Roles, ow.ID):
			roleAllow |= ow.Allow
			roleDeny |= ow.Deny
		}
	}
	perms = perms&^roleDeny | roleAllow
	for _, ow := range src.c.PermissionOverwrites {
		if ow.Type == discordgo.PermissionOverwriteTypeMember && ow.ID == userID {
			perms = perms&^ow.Deny | ow.Allow
		}
	}
	if perms&discordgo.PermissionViewChannel == 0 {
		return 0
	}
	if c.c.Type == discordgo.ChannelTypeGuildPrivateThread && perms&discordgo.PermissionManageThreads == 0 {
		if _, member := c.members[userID]; !member {
			return 0
		}
	}
	return perms
}

// msg is a stored message: the JSON object Discord returns for it, plus bookkeeping.
type msg struct {
	obj       map[string]any
	id        string
	channelID string
	authorID  string
	ephemeral bool
	inter     *Interaction // the interaction whose token created it, if any
}

// findMessage looks a message up among channel messages and ephemeral interaction
// messages. Callers hold s.mu.
func (s *Server) findMessage(id string) *msg {
	if m, ok := s.w.messages[id]; ok {
		return m
	}
	for _, in := range s.inters {
		for _, m := range in.msgs {
			if m.id == id {
				return m
			}
		}
	}
	return nil
}
