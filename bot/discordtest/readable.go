package discordtest

import (
	"slices"

	"github.com/bwmarrin/discordgo"
)

// InteractionsOf returns the interactions a user (id or name) sent, oldest first.
func (s *Server) InteractionsOf(user string) []*Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUser(user)
	if u == nil {
		return nil
	}
	var out []*Interaction
	for _, in := range s.inters {
		if in.UserID == u.ID {
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b *Interaction) int { return cmpSnowflake(a.ID, b.ID) })
	return out
}

// Readable returns every message a user (id or name) can read now: the messages of every
// guild channel and thread they can view (a private thread only as its member, or with
// Manage Threads, as Discord allows moderators), of their DM channel with the bot, and
// the ephemeral messages shown to them. Modals shown to them are not messages: see
// InteractionsOf.
func (s *Server) Readable(user string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.findUser(user)
	if u == nil {
		return nil
	}
	ids := make([]string, 0, len(s.w.channels))
	for id := range s.w.channels {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, cmpSnowflake)
	var out []*discordgo.Message
	for _, id := range ids {
		c := s.w.channels[id]
		if c.c.GuildID == "" {
			if !slices.ContainsFunc(c.c.Recipients, func(r *discordgo.User) bool { return r.ID == u.ID }) {
				continue
			}
		} else if s.channelPerms(u.ID, id)&(discordgo.PermissionViewChannel|discordgo.PermissionReadMessageHistory) !=
			discordgo.PermissionViewChannel|discordgo.PermissionReadMessageHistory {
			continue
		}
		for _, mid := range c.msgs {
			out = append(out, toMessage(s.w.messages[mid].obj))
		}
	}
	for _, in := range s.inters {
		if in.UserID != u.ID {
			continue
		}
		for _, m := range in.msgs {
			if m.ephemeral {
				out = append(out, toMessage(m.obj))
			}
		}
	}
	return out
}
