package discordtest

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// Member roles, as Discord checks them: the bot needs Manage Roles, and
// may only give or take a role below its own highest role that is
// neither @everyone nor managed by an integration.

func (s *Server) roleRoutes() {
	s.handle("PUT /guilds/{id}/members/{uid}/roles/{rid}", s.putMemberRole)
	s.handle("DELETE /guilds/{id}/members/{uid}/roles/{rid}", s.deleteMemberRole)
}

// memberRoleFor resolves {id}, {uid} and {rid} for a member role change by
// the bot. Callers hold s.mu; on false the lock has been released.
func (s *Server) memberRoleFor(c *call) (*discordgo.Member, string, bool) {
	g, ok := s.guildFor(c)
	if !ok {
		return nil, "", false
	}
	r := g.role(c.r.PathValue("rid"))
	if r == nil || r.ID != c.r.PathValue("rid") {
		c.unlockAnd(http.StatusNotFound, 10011, "Unknown Role")
		return nil, "", false
	}
	m, ok := g.members[c.r.PathValue("uid")]
	if !ok {
		c.unlockAnd(http.StatusNotFound, 10007, "Unknown Member")
		return nil, "", false
	}
	if g.basePerms(s.w.bot.ID)&discordgo.PermissionManageRoles == 0 || r.ID == g.g.ID || r.Managed ||
		r.Position >= g.highestPosition(s.w.bot.ID) {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return nil, "", false
	}
	return m, r.ID, true
}

// highestPosition is the position of a member's highest role (0: only
// @everyone).
func (g *guild) highestPosition(userID string) int {
	top := 0
	if m, ok := g.members[userID]; ok {
		for _, rid := range m.Roles {
			if r := g.role(rid); r != nil {
				top = max(top, r.Position)
			}
		}
	}
	return top
}

func (s *Server) putMemberRole(c *call) {
	s.mu.Lock()
	m, rid, ok := s.memberRoleFor(c)
	if !ok {
		return
	}
	if !slices.Contains(m.Roles, rid) {
		m.Roles = append(m.Roles, rid)
	}
	c.changed = true
	s.mu.Unlock()
	c.noContent()
}

func (s *Server) deleteMemberRole(c *call) {
	s.mu.Lock()
	m, rid, ok := s.memberRoleFor(c)
	if !ok {
		return
	}
	m.Roles = slices.DeleteFunc(m.Roles, func(r string) bool { return r == rid })
	c.changed = true
	s.mu.Unlock()
	c.noContent()
}

// UpdateRole changes a role of a guild (its position or permissions, say)
// with fn.
func (s *Server) UpdateRole(guildID, idOrName string, fn func(r *discordgo.Role)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	r := g.role(idOrName)
	if r == nil {
		return fmt.Errorf("discordtest: unknown role %s", idOrName)
	}
	fn(r)
	return nil
}

// DeleteRole deletes a role of a guild, taking it from every member.
func (s *Server) DeleteRole(guildID, roleID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	g.roles = slices.DeleteFunc(g.roles, func(r *discordgo.Role) bool { return r.ID == roleID })
	for _, m := range g.members {
		m.Roles = slices.DeleteFunc(m.Roles, func(r string) bool { return r == roleID })
	}
	return nil
}

// RemoveMember takes a member out of a guild (they left).
func (s *Server) RemoveMember(guildID, userID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.w.guilds[guildID]
	if !ok {
		return fmt.Errorf("discordtest: unknown guild %s", guildID)
	}
	delete(g.members, userID)
	g.morder = slices.DeleteFunc(g.morder, func(id string) bool { return id == userID })
	g.g.MemberCount = len(g.members)
	return nil
}
