package discordtest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// This file builds the JSON objects Discord sends: snowflakes as strings, permissions as
// strings, absent references as null, ISO 8601 timestamps.

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func jsonUnmarshal(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	return d.Decode(v)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func iso(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000+00:00") }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func perms(p int64) string { return strconv.FormatInt(p, 10) }

func (s *Server) userJSON(u *discordgo.User) map[string]any {
	o := map[string]any{
		"id": u.ID, "username": u.Username, "discriminator": "0", "global_name": nullable(u.GlobalName),
		"avatar": nullable(u.Avatar), "public_flags": int(u.PublicFlags), "flags": int(u.PublicFlags),
		"banner": nil, "accent_color": nil, "avatar_decoration_data": nil,
	}
	if u.Bot {
		o["bot"] = true
		o["global_name"] = nil
	}
	return o
}

func (s *Server) memberJSON(m *discordgo.Member, withoutUser bool) map[string]any {
	roles := append([]string{}, m.Roles...)
	o := map[string]any{
		"nick": nullable(m.Nick), "avatar": nil, "banner": nil, "roles": roles, "joined_at": iso(m.JoinedAt),
		"premium_since": nil, "deaf": false, "mute": false, "flags": 0, "pending": false,
		"communication_disabled_until": nil,
	}
	if !withoutUser && m.User != nil {
		o["user"] = s.userJSON(m.User)
	}
	return o
}

func (s *Server) roleJSON(g *guild, r *discordgo.Role) map[string]any {
	o := map[string]any{
		"id": r.ID, "name": r.Name, "color": r.Color, "hoist": r.Hoist, "icon": nil, "unicode_emoji": nil,
		"position": r.Position, "permissions": perms(r.Permissions), "managed": r.Managed,
		"mentionable": r.Mentionable, "flags": 0,
	}
	if r.Managed {
		o["tags"] = map[string]any{"bot_id": s.w.bot.ID}
	}
	return o
}

func overwritesJSON(list []*discordgo.PermissionOverwrite) []any {
	out := []any{}
	for _, ow := range list {
		out = append(out, map[string]any{"id": ow.ID, "type": int(ow.Type), "allow": perms(ow.Allow), "deny": perms(ow.Deny)})
	}
	return out
}

// channelJSON renders a channel, thread or DM as Discord's REST API does.
func (s *Server) channelJSON(c *channel) map[string]any {
	ch := c.c
	o := map[string]any{"id": ch.ID, "type": int(ch.Type), "flags": int(ch.Flags)}
	switch {
	case ch.Type == discordgo.ChannelTypeDM:
		o["last_message_id"] = nullable(ch.LastMessageID)
		var rs []any
		for _, u := range ch.Recipients {
			rs = append(rs, s.userJSON(u))
		}
		o["recipients"] = rs
		return o
	case ch.IsThread():
		md := ch.ThreadMetadata
		o["guild_id"] = ch.GuildID
		o["parent_id"] = ch.ParentID
		o["owner_id"] = ch.OwnerID
		o["name"] = ch.Name
		o["last_message_id"] = nullable(ch.LastMessageID)
		o["message_count"] = ch.MessageCount
		o["member_count"] = len(c.members)
		o["total_message_sent"] = ch.MessageCount
		o["rate_limit_per_user"] = ch.RateLimitPerUser
		meta := map[string]any{
			"archived": md.Archived, "auto_archive_duration": md.AutoArchiveDuration,
			"archive_timestamp": iso(md.ArchiveTimestamp), "locked": md.Locked,
			"create_timestamp": iso(md.ArchiveTimestamp),
		}
		if ch.Type == discordgo.ChannelTypeGuildPrivateThread {
			meta["invitable"] = md.Invitable
		}
		o["thread_metadata"] = meta
		return o
	}
	o["guild_id"] = ch.GuildID
	o["name"] = ch.Name
	o["position"] = ch.Position
	o["permission_overwrites"] = overwritesJSON(ch.PermissionOverwrites)
	o["parent_id"] = nullable(ch.ParentID)
	o["nsfw"] = ch.NSFW
	switch ch.Type {
	case discordgo.ChannelTypeGuildCategory:
	case discordgo.ChannelTypeGuildVoice, discordgo.ChannelTypeGuildStageVoice:
		o["bitrate"] = ch.Bitrate
		o["user_limit"] = ch.UserLimit
		o["rtc_region"] = nil
		o["last_message_id"] = nullable(ch.LastMessageID)
		o["rate_limit_per_user"] = ch.RateLimitPerUser
	default:
		o["topic"] = nullable(ch.Topic)
		o["last_message_id"] = nullable(ch.LastMessageID)
		o["rate_limit_per_user"] = ch.RateLimitPerUser
		o["default_thread_rate_limit_per_user"] = 0
	}
	return o
}

// guildJSON renders a guild as GET /guilds/{id} does.
func (s *Server) guildJSON(g *guild) map[string]any {
	roles := []any{}
	for _, r := range g.roles {
		roles = append(roles, s.roleJSON(g, r))
	}
	return map[string]any{
		"id": g.g.ID, "name": g.g.Name, "icon": nil, "icon_hash": nil, "splash": nil, "discovery_splash": nil,
		"owner_id": g.g.OwnerID, "region": "deprecated", "afk_channel_id": nil, "afk_timeout": 300,
		"widget_enabled": false, "widget_channel_id": nil, "verification_level": 0,
		"default_message_notifications": 0, "explicit_content_filter": 0, "roles": roles, "emojis": []any{},
		"features": []any{}, "mfa_level": 0, "application_id": nil, "system_channel_id": nullable(g.g.SystemChannelID),
		"system_channel_flags": 0, "rules_channel_id": nil, "max_presences": nil, "max_members": 500000,
		"vanity_url_code": nil, "description": nil, "banner": nil, "premium_tier": 0,
		"premium_subscription_count": 0, "preferred_locale": "en-US", "public_updates_channel_id": nil,
		"max_video_channel_users": 25, "nsfw_level": 0, "stickers": []any{}, "premium_progress_bar_enabled": false,
		"safety_alerts_channel_id": nil,
	}
}

// guildCreatePayload is GUILD_CREATE's data: the guild plus channels, threads, members (all
// of them with the GUILD_MEMBERS intent, otherwise the bot's own member) and counts.
// Callers hold s.mu.
func (s *Server) guildCreatePayload(g *guild, intents discordgo.Intent) map[string]any {
	o := s.guildJSON(g)
	chans, threads := []any{}, []any{}
	for _, c := range s.w.channels {
		if c.c.GuildID != g.g.ID {
			continue
		}
		if c.c.IsThread() {
			if !c.c.ThreadMetadata.Archived {
				threads = append(threads, s.channelJSON(c))
			}
			continue
		}
	}
	for _, id := range g.channels {
		chans = append(chans, s.channelJSON(s.w.channels[id]))
	}
	members := []any{}
	for _, uid := range g.morder {
		if intents&discordgo.IntentsGuildMembers != 0 || uid == s.w.bot.ID {
			members = append(members, s.memberJSON(g.members[uid], false))
		}
	}
	o["channels"] = chans
	o["threads"] = threads
	o["members"] = members
	o["member_count"] = len(g.members)
	o["joined_at"] = iso(g.g.JoinedAt)
	o["large"] = false
	o["unavailable"] = false
	o["lazy"] = true
	o["voice_states"] = []any{}
	o["presences"] = []any{}
	o["stage_instances"] = []any{}
	o["guild_scheduled_events"] = []any{}
	o["soundboard_sounds"] = []any{}
	return o
}

// applicationJSON renders the application as GET /applications/@me does.
func (s *Server) applicationJSON() map[string]any {
	owner := s.w.users[s.w.guilds[s.w.order[0]].g.OwnerID]
	return map[string]any{
		"id": s.opts.ApplicationID, "name": s.w.bot.Username, "icon": nil, "description": "",
		"summary": "", "type": nil, "bot_public": true, "bot_require_code_grant": false,
		"verify_key": randomHex(32), "flags": 0, "hook": true, "is_monetized": false,
		"owner": s.userJSON(owner), "team": nil, "bot": s.userJSON(s.w.bot),
		"approximate_guild_count": len(s.w.guilds), "redirect_uris": []any{},
		"interactions_endpoint_url": nil, "install_params": map[string]any{"scopes": []string{"bot", "applications.commands"}, "permissions": perms(BotPerms)},
		"integration_types_config": map[string]any{"0": map[string]any{}},
	}
}

// toMessage decodes a stored message object into discordgo's type.
func toMessage(obj map[string]any) *discordgo.Message {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil
	}
	var m discordgo.Message
	if err := json.Unmarshal(b, &m); err != nil {
		return nil
	}
	return &m
}

// deepCopy copies a JSON object.
func deepCopy(obj map[string]any) map[string]any {
	b, _ := json.Marshal(obj)
	var out map[string]any
	_ = jsonUnmarshal(b, &out)
	return out
}
