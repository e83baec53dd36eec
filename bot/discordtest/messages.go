package discordtest

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// storedFile is an uploaded attachment served under /attachments/.
type storedFile struct {
	File
}

type nonceKey struct{ channel, author, nonce string }

type nonceEntry struct {
	msgID string
	at    time.Time
}

// nonceWindow is how long enforce_nonce de-duplicates ("the past few minutes").
const nonceWindow = 5 * time.Minute

// msgSpec says how a new message is made.
type msgSpec struct {
	typ       discordgo.MessageType
	author    *discordgo.User
	webhookID string
	inter     *Interaction
	ephemeral bool
	flags     int64
}

var mentionRE = regexp.MustCompile(`<@!?(\d+)>`)

func (s *Server) attachmentJSON(channelID, id string, f File, description string) map[string]any {
	u := fmt.Sprintf("%s/attachments/%s/%s/%s", s.baseURL, channelID, id, url.PathEscape(f.Name))
	ct := f.ContentType
	if ct == "" {
		ct = http.DetectContentType(f.Data)
	}
	o := map[string]any{
		"id": id, "filename": f.Name, "size": len(f.Data), "url": u, "proxy_url": u,
		"content_type": ct, "flags": 0,
	}
	if description != "" {
		o["description"] = description
	}
	return o
}

// attachments turns uploaded files and the body's "attachments" descriptors into attachment
// objects. keep holds existing attachments (edits); descriptors with a snowflake id keep
// one of them, with a small integer id they refer to files[n]. Callers hold s.mu.
func (s *Server) attachments(channelID string, body map[string]any, files []File, keep []any) ([]any, *formErrors) {
	fe := newFormErrors()
	descs, hasDescs := array(body, "attachments")
	out := []any{}
	usedFile := map[int]bool{}
	if hasDescs {
		for i, d := range descs {
			do := object(d)
			idStr := fmt.Sprint(do["id"])
			var n int
			if _, err := fmt.Sscanf(idStr, "%d", &n); err == nil && n < len(files) && len(idStr) < 10 {
				f := files[n]
				if fn, ok, _ := str(do, "filename"); ok {
					f.Name = fn
				}
				desc, _, _ := str(do, "description")
				id := s.newID()
				s.files[id] = storedFile{File: f}
				out = append(out, s.attachmentJSON(channelID, id, f, desc))
				usedFile[n] = true
				continue
			}
			found := false
			for _, k := range keep {
				if ko := object(k); ko != nil && fmt.Sprint(ko["id"]) == idStr {
					out = append(out, ko)
					found = true
				}
			}
			if !found {
				fe.add([]string{"attachments", fmt.Sprint(i), "id"}, "ATTACHMENT_NOT_FOUND", "Unknown attachment")
			}
		}
	} else {
		out = append(out, keep...)
	}
	for i, f := range files {
		if usedFile[i] {
			continue
		}
		id := s.newID()
		s.files[id] = storedFile{File: f}
		out = append(out, s.attachmentJSON(channelID, id, f, ""))
	}
	if len(out) > 10 {
		fe.add([]string{"attachments"}, "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
	}
	return out, fe
}

// normalizeEmbeds returns embeds as Discord stores them (type "rich" added).
func normalizeEmbeds(v any) []any {
	list, _ := v.([]any)
	out := []any{}
	for _, e := range list {
		eo := object(e)
		if eo == nil {
			continue
		}
		c := deepCopy(eo)
		if _, ok := c["type"]; !ok {
			c["type"] = "rich"
		}
		out = append(out, c)
	}
	return out
}

// newMessage builds and (unless ephemeral) stores a message. Callers hold s.mu.
func (s *Server) newMessage(c *channel, body map[string]any, atts []any, spec msgSpec) *msg {
	id := s.newID()
	now := s.now()
	content, _, _ := str(body, "content")
	flags := spec.flags
	if f, ok := intField(body, "flags"); ok {
		flags |= f & (flagSuppressEmbeds | flagSuppressNotifications | flagEphemeral)
	}
	if spec.ephemeral {
		flags |= flagEphemeral
	}
	mentions := []any{}
	for _, m := range mentionRE.FindAllStringSubmatch(content, -1) {
		if u, ok := s.w.users[m[1]]; ok {
			mentions = append(mentions, s.userJSON(u))
		}
	}
	comps, _ := array(body, "components")
	if comps == nil {
		comps = []any{}
	}
	obj := map[string]any{
		"id": id, "type": int(spec.typ), "content": content, "channel_id": c.c.ID,
		"author": s.userJSON(spec.author), "attachments": atts, "embeds": normalizeEmbeds(body["embeds"]),
		"mentions": mentions, "mention_roles": []any{}, "pinned": false, "mention_everyone": false,
		"tts": false, "timestamp": iso(now), "edited_timestamp": nil, "flags": flags,
		"components": deepCopyList(comps),
	}
	if n, ok := body["nonce"]; ok && n != nil {
		obj["nonce"] = n
	}
	if ref := object(body["message_reference"]); ref != nil {
		obj["message_reference"] = map[string]any{"type": 0, "message_id": ref["message_id"], "channel_id": c.c.ID, "guild_id": c.c.GuildID}
	}
	if spec.webhookID != "" {
		obj["webhook_id"] = spec.webhookID
		obj["application_id"] = s.opts.ApplicationID
	}
	if in := spec.inter; in != nil {
		u := s.w.users[in.UserID]
		meta := map[string]any{
			"id": in.ID, "type": int(in.Type), "user": s.userJSON(u),
			"authorizing_integration_owners": map[string]any{},
		}
		if in.fromMsg != nil {
			meta["interacted_message_id"] = in.fromMsg.id
		}
		obj["interaction_metadata"] = meta
		if in.Type == discordgo.InteractionApplicationCommand {
			var p map[string]any
			_ = jsonUnmarshal(in.Payload, &p)
			name, _, _ := str(object(p["data"]), "name")
			obj["interaction"] = map[string]any{"id": in.ID, "type": int(in.Type), "name": name, "user": s.userJSON(u)}
		}
	}
	if c.c.IsThread() {
		obj["position"] = c.c.MessageCount
	}
	m := &msg{obj: obj, id: id, channelID: c.c.ID, authorID: spec.author.ID, ephemeral: flags&flagEphemeral != 0, inter: spec.inter}
	if !m.ephemeral {
		s.w.messages[id] = m
		c.msgs = append(c.msgs, id)
		c.c.LastMessageID = id
		if c.c.IsThread() {
			c.c.MessageCount++
		}
	}
	return m
}

func deepCopyList(list []any) []any {
	out := deepCopy(map[string]any{"l": list})
	l, _ := out["l"].([]any)
	if l == nil {
		l = []any{}
	}
	return l
}

// editMessage applies an edit body to a message. Callers hold s.mu.
func (s *Server) editMessage(m *msg, body map[string]any, files []File) *formErrors {
	keep, _ := array(m.obj, "attachments")
	if _, has := body["attachments"]; has || len(files) > 0 {
		atts, fe := s.attachments(m.channelID, body, files, keep)
		if !fe.empty() {
			return fe
		}
		m.obj["attachments"] = atts
	}
	if v, ok := body["content"]; ok {
		if v == nil {
			v = ""
		}
		m.obj["content"] = v
	}
	if v, ok := body["embeds"]; ok {
		m.obj["embeds"] = normalizeEmbeds(v)
	}
	if v, ok := body["components"]; ok {
		l, _ := v.([]any)
		m.obj["components"] = deepCopyList(l)
	}
	flags, _ := intField(m.obj, "flags")
	if f, ok := intField(body, "flags"); ok {
		flags = flags&^flagSuppressEmbeds | f&flagSuppressEmbeds
	}
	loading := flags&flagLoading != 0
	flags &^= flagLoading
	m.obj["flags"] = flags
	if !loading {
		m.obj["edited_timestamp"] = iso(s.now())
	}
	return newFormErrors()
}

// messageEvent is MESSAGE_CREATE/UPDATE data for a session: guild_id and member added, and
// content blanked without the MESSAGE_CONTENT intent, as Discord does. Callers hold s.mu.
func (s *Server) messageEvent(m *msg, intents discordgo.Intent) map[string]any {
	o := deepCopy(m.obj)
	c := s.w.channels[m.channelID]
	if c != nil && c.c.GuildID != "" {
		o["guild_id"] = c.c.GuildID
		if g := s.w.guilds[c.c.GuildID]; g != nil {
			if mem, ok := g.members[m.authorID]; ok && m.inter == nil {
				o["member"] = s.memberJSON(mem, true)
			}
		}
	}
	mentionsBot := strings.Contains(fmt.Sprint(o["content"]), "<@"+s.w.bot.ID+">")
	dm := c != nil && c.c.GuildID == ""
	if intents&discordgo.IntentMessageContent == 0 && m.authorID != s.w.bot.ID && !mentionsBot && !dm {
		o["content"] = ""
		o["embeds"] = []any{}
		o["attachments"] = []any{}
		o["components"] = []any{}
	}
	return o
}

// messageIntent is the intent MESSAGE_* events of a channel need.
func (s *Server) messageIntent(channelID string) discordgo.Intent {
	if c := s.w.channels[channelID]; c != nil && c.c.GuildID == "" {
		return discordgo.IntentsDirectMessages
	}
	return discordgo.IntentsGuildMessages
}

// emitMessage dispatches MESSAGE_CREATE or MESSAGE_UPDATE for a non-ephemeral message.
// Call without s.mu.
func (s *Server) emitMessage(typ string, m *msg) {
	if m == nil || m.ephemeral {
		return
	}
	s.mu.Lock()
	need := s.messageIntent(m.channelID)
	s.mu.Unlock()
	s.gw.dispatchFunc(s, typ, need, func(sess *gwSession) any {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.messageEvent(m, sess.intents)
	})
}

// Say posts a message as a user (id or name) in a channel or thread and dispatches
// MESSAGE_CREATE, as when a member types in Discord.
func (s *Server) Say(user, channelID, content string) (*discordgo.Message, error) {
	s.mu.Lock()
	c, ok := s.w.channels[channelID]
	if !ok {
		s.mu.Unlock()
		return nil, fmt.Errorf("discordtest: unknown channel %s", channelID)
	}
	a, err := s.resolveActor(user, c.c.GuildID, channelID, false, 0, "")
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	if c.c.Type == discordgo.ChannelTypeGuildPrivateThread {
		s.joinThread(c, a.user.ID)
	}
	m := s.newMessage(c, map[string]any{"content": content}, []any{}, msgSpec{typ: discordgo.MessageTypeDefault, author: a.user})
	s.notify()
	out := toMessage(m.obj)
	s.mu.Unlock()
	s.emitMessage("MESSAGE_CREATE", m)
	return out, nil
}

// joinThread adds a member to a thread. Callers hold s.mu.
func (s *Server) joinThread(c *channel, userID string) bool {
	if c.members == nil {
		c.members = map[string]*discordgo.ThreadMember{}
	}
	if _, ok := c.members[userID]; ok {
		return false
	}
	c.members[userID] = &discordgo.ThreadMember{ID: c.c.ID, UserID: userID, JoinTimestamp: s.now().UTC()}
	c.c.MemberCount = len(c.members)
	return true
}

// Attachment returns the file behind an attachment id (of a message, or an attachment
// option the server made up), as Discord's CDN would serve it.
func (s *Server) Attachment(id string) (File, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[id]
	return f.File, ok
}

// serveAttachment serves uploaded files, standing in for Discord's CDN.
func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.PathValue("aid")]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := f.ContentType
	if ct == "" {
		ct = http.DetectContentType(f.Data)
	}
	w.Header().Set("Content-Type", ct)
	_, _ = w.Write(f.Data)
}
