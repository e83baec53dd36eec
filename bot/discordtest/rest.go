package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// routes registers the REST API, the gateway and the attachment file server.
func (s *Server) routes() {
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /gateway", s.handleGateway)
	s.mux.HandleFunc("GET /gateway/", s.handleGateway)
	s.mux.HandleFunc("GET /attachments/{cid}/{aid}/{name}", s.serveAttachment)
	s.mux.HandleFunc(apiPrefix+"/", func(w http.ResponseWriter, r *http.Request) {
		s.serveAPI(w, r, "", nil)
	})

	s.handle("GET /gateway", s.getGateway)
	s.handle("GET /gateway/bot", s.getGateway)
	s.handle("GET /users/@me", s.getMe)
	s.handle("GET /users/{id}", s.getUser)
	s.handle("POST /users/@me/channels", s.postDM)
	s.handle("GET /oauth2/applications/@me", s.getApplication)
	s.handle("GET /applications/@me", s.getApplication)

	s.handle("GET /applications/{app}/commands", s.getCommands)
	s.handle("PUT /applications/{app}/commands", s.putCommands)
	s.handle("GET /applications/{app}/guilds/{gid}/commands", s.getCommands)
	s.handle("PUT /applications/{app}/guilds/{gid}/commands", s.putCommands)

	s.handle("POST /interactions/{id}/{token}/callback", s.postCallback)
	s.handle("POST /webhooks/{app}/{token}", s.postFollowup)
	s.handle("GET /webhooks/{app}/{token}/messages/{mid}", s.getWebhookMessage)
	s.handle("PATCH /webhooks/{app}/{token}/messages/{mid}", s.patchWebhookMessage)
	s.handle("DELETE /webhooks/{app}/{token}/messages/{mid}", s.deleteWebhookMessage)

	s.handle("GET /channels/{id}", s.getChannel)
	s.handle("PATCH /channels/{id}", s.patchChannel)
	s.handle("DELETE /channels/{id}", s.deleteChannel)
	s.handle("GET /channels/{id}/messages", s.getMessages)
	s.handle("POST /channels/{id}/messages", s.postMessage)
	s.handle("GET /channels/{id}/messages/{mid}", s.getMessage)
	s.handle("PATCH /channels/{id}/messages/{mid}", s.patchMessage)
	s.handle("DELETE /channels/{id}/messages/{mid}", s.deleteMessage)
	s.handle("POST /channels/{id}/messages/{mid}/threads", s.postThreadFromMessage)
	s.handle("POST /channels/{id}/threads", s.postThread)
	s.handle("GET /channels/{id}/thread-members", s.getThreadMembers)
	s.handle("PUT /channels/{id}/thread-members/{uid}", s.putThreadMember)
	s.handle("DELETE /channels/{id}/thread-members/{uid}", s.deleteThreadMember)

	s.handle("GET /guilds/{id}", s.getGuild)
	s.handle("GET /guilds/{id}/channels", s.getGuildChannels)
	s.handle("POST /guilds/{id}/channels", s.postGuildChannel)
	s.handle("GET /guilds/{id}/roles", s.getRoles)
	s.handle("GET /guilds/{id}/members/{uid}", s.getMember)
	s.roleRoutes()
	s.oauthRoutes()
}

// unlockAnd releases s.mu and answers with a Discord error.
func (c *call) unlockAnd(status, code int, message string) {
	c.s.mu.Unlock()
	c.error(status, code, message)
}

// unlockForm releases s.mu, records a limit violation and answers 50035.
func (c *call) unlockForm(fe *formErrors) {
	c.s.violate("limit", c.route, c.rec.Path, fe.String())
	c.s.mu.Unlock()
	c.formError(fe)
}

func (s *Server) getMe(c *call) {
	s.mu.Lock()
	me := s.w.bot
	if id, bearer, _ := s.bearerUser(c.r); bearer {
		me = s.w.users[id] // the member who logged in with OAuth2
	}
	out := s.userJSON(me)
	s.mu.Unlock()
	out["verified"] = true
	out["mfa_enabled"] = false
	out["locale"] = "en-US"
	c.json(http.StatusOK, out)
}

func (s *Server) getUser(c *call) {
	s.mu.Lock()
	u, ok := s.w.users[c.r.PathValue("id")]
	if !ok {
		c.unlockAnd(http.StatusNotFound, 10013, "Unknown User")
		return
	}
	out := s.userJSON(u)
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) postDM(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	rid, _, _ := str(body, "recipient_id")
	u, known := s.w.users[rid]
	if !known || u.ID == s.w.bot.ID {
		fe := newFormErrors()
		fe.add([]string{"recipient_id"}, "BASE_TYPE_REQUIRED", "Unknown recipient")
		c.unlockForm(fe)
		return
	}
	out := s.channelJSON(s.dmChannel(u))
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) getApplication(c *call) {
	s.mu.Lock()
	out := s.applicationJSON()
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

// ---- commands ----

type cmdCounter struct {
	day     string
	creates int
}

// commandScope returns the command list a request addresses. Callers hold s.mu; on false
// the lock has been released.
func (s *Server) commandScope(c *call) (*[]*discordgo.ApplicationCommand, string, bool) {
	if c.r.PathValue("app") != s.opts.ApplicationID {
		c.unlockAnd(http.StatusForbidden, 50001, "Missing Access")
		return nil, "", false
	}
	gid := c.r.PathValue("gid")
	if gid == "" {
		return &s.w.global, "", true
	}
	g, ok := s.w.guilds[gid]
	if !ok {
		c.unlockAnd(http.StatusNotFound, 10004, "Unknown Guild")
		return nil, "", false
	}
	return &g.commands, gid, true
}

func (s *Server) getCommands(c *call) {
	s.mu.Lock()
	list, _, ok := s.commandScope(c)
	if !ok {
		return
	}
	out := []any{}
	for _, cmd := range *list {
		out = append(out, commandJSON(cmd))
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

// commandJSON renders a stored command as Discord returns it.
func commandJSON(cmd *discordgo.ApplicationCommand) map[string]any {
	b, _ := json.Marshal(cmd)
	var o map[string]any
	_ = jsonUnmarshal(b, &o)
	if cmd.DefaultMemberPermissions == nil {
		o["default_member_permissions"] = nil
	}
	if cmd.GuildID == "" {
		delete(o, "guild_id")
	}
	if _, ok := o["options"]; !ok || o["options"] == nil {
		o["options"] = []any{}
	}
	o["nsfw"] = cmd.NSFW != nil && *cmd.NSFW
	return o
}

// putCommands is the bulk overwrite: validates the definitions, keeps ids of commands
// whose name stays, and counts creates against Discord's 200 a day per scope.
func (s *Server) putCommands(c *call) {
	var list []any
	if err := jsonUnmarshal(c.raw, &list); err != nil || c.raw == nil {
		fe := newFormErrors()
		fe.add(nil, "BASE_TYPE_LIST", "Must be a list.")
		s.mu.Lock()
		c.unlockForm(fe)
		return
	}
	var defs []*discordgo.ApplicationCommand
	if err := json.Unmarshal(c.raw, &defs); err != nil {
		fe := newFormErrors()
		fe.add(nil, "BASE_TYPE_LIST", "Could not interpret the commands: "+err.Error())
		s.mu.Lock()
		c.unlockForm(fe)
		return
	}
	s.mu.Lock()
	target, gid, ok := s.commandScope(c)
	if !ok {
		return
	}
	fe := newFormErrors()
	checkCommands(fe, list)
	if !fe.empty() {
		c.unlockForm(fe)
		return
	}
	old := map[string]*discordgo.ApplicationCommand{}
	for _, cmd := range *target {
		old[fmt.Sprint(cmd.Type, cmd.Name)] = cmd
	}
	day := s.now().UTC().Format(time.DateOnly)
	ctr := s.cmdDay[gid]
	if ctr == nil || ctr.day != day {
		ctr = &cmdCounter{day: day}
		s.cmdDay[gid] = ctr
	}
	var next []*discordgo.ApplicationCommand
	creates, changed := 0, len(defs) != len(*target)
	for _, d := range defs {
		if d.Type == 0 {
			d.Type = discordgo.ChatApplicationCommand
		}
		d.ApplicationID = s.opts.ApplicationID
		d.GuildID = gid
		prev := old[fmt.Sprint(d.Type, d.Name)]
		if prev != nil {
			d.ID = prev.ID
			d.Version = prev.Version
			if !sameCommand(prev, d) {
				d.Version = s.newID()
				changed = true
			}
		} else {
			d.ID = s.newID()
			d.Version = s.newID()
			creates++
			changed = true
		}
		if d.Contexts == nil && gid == "" {
			ctxs := []discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM, discordgo.InteractionContextPrivateChannel}
			if d.DMPermission != nil && !*d.DMPermission {
				ctxs = ctxs[:1]
			}
			d.Contexts = &ctxs
		}
		next = append(next, d)
	}
	if ctr.creates+creates > 200 {
		s.violate("command-creates", c.route, c.rec.Path, "more than 200 command creates today")
		s.mu.Unlock()
		c.json(http.StatusTooManyRequests, map[string]any{"message": "Max number of daily application command creates has been reached (200)", "code": 30034, "retry_after": 3600.0, "global": false})
		return
	}
	ctr.creates += creates
	if !changed {
		s.violate("redundant-command-overwrite", c.route, c.rec.Path, "bulk overwrite with unchanged definitions (register only when they change)")
	}
	*target = next
	out := []any{}
	for _, cmd := range next {
		out = append(out, commandJSON(cmd))
	}
	c.changed = true
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

// sameCommand compares the user-visible parts of two definitions.
func sameCommand(a, b *discordgo.ApplicationCommand) bool {
	strip := func(c *discordgo.ApplicationCommand) discordgo.ApplicationCommand {
		x := *c
		x.ID, x.ApplicationID, x.Version, x.GuildID = "", "", "", ""
		x.Contexts = nil
		return x
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

// ---- channels ----

// channelFor resolves {id} and checks the bot can see it. Callers hold s.mu; on false the
// lock has been released.
func (s *Server) channelFor(c *call, need int64) (*channel, bool) {
	ch, ok := s.w.channels[c.r.PathValue("id")]
	if !ok {
		c.unlockAnd(http.StatusNotFound, 10003, "Unknown Channel")
		return nil, false
	}
	p := s.channelPerms(s.w.bot.ID, ch.c.ID)
	if p&discordgo.PermissionViewChannel == 0 {
		c.unlockAnd(http.StatusForbidden, 50001, "Missing Access")
		return nil, false
	}
	if p&need != need {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return nil, false
	}
	return ch, true
}

func (s *Server) getChannel(c *call) {
	s.mu.Lock()
	ch, ok := s.channelFor(c, 0)
	if !ok {
		return
	}
	out := s.channelJSON(ch)
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) patchChannel(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	ch, ok := s.channelFor(c, 0)
	if !ok {
		return
	}
	p := s.channelPerms(s.w.bot.ID, ch.c.ID)
	isThread := ch.c.IsThread()
	if isThread && p&discordgo.PermissionManageThreads == 0 && ch.c.OwnerID != s.w.bot.ID ||
		!isThread && p&discordgo.PermissionManageChannels == 0 {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	fe := newFormErrors()
	fe.lenRange(body, "name", nil, 1, 100, false)
	fe.maxLen(body, "topic", nil, 1024)
	if !fe.empty() {
		c.unlockForm(fe)
		return
	}
	if v, ok, _ := str(body, "name"); ok {
		ch.c.Name = v
	}
	if v, ok, _ := str(body, "topic"); ok {
		ch.c.Topic = v
	}
	if isThread {
		md := ch.c.ThreadMetadata
		if v, ok := body["archived"].(bool); ok {
			md.Archived = v
			md.ArchiveTimestamp = s.now().UTC()
		}
		if v, ok := body["locked"].(bool); ok {
			md.Locked = v
		}
		if v, ok := body["invitable"].(bool); ok {
			md.Invitable = v
		}
		if v, ok := intField(body, "auto_archive_duration"); ok {
			md.AutoArchiveDuration = int(v)
		}
	}
	if v, ok := intField(body, "rate_limit_per_user"); ok {
		ch.c.RateLimitPerUser = int(v)
	}
	out := s.channelJSON(ch)
	ev := "CHANNEL_UPDATE"
	if isThread {
		ev = "THREAD_UPDATE"
	}
	s.mu.Unlock()
	s.gw.dispatch(s, ev, discordgo.IntentsGuilds, out)
	c.json(http.StatusOK, out)
}

func (s *Server) deleteChannel(c *call) {
	s.mu.Lock()
	ch, ok := s.channelFor(c, 0)
	if !ok {
		return
	}
	p := s.channelPerms(s.w.bot.ID, ch.c.ID)
	isThread := ch.c.IsThread()
	if isThread && p&discordgo.PermissionManageThreads == 0 || !isThread && p&discordgo.PermissionManageChannels == 0 {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	out := s.channelJSON(ch)
	delete(s.w.channels, ch.c.ID)
	if g := s.w.guilds[ch.c.GuildID]; g != nil {
		g.channels = slices.DeleteFunc(g.channels, func(id string) bool { return id == ch.c.ID })
	}
	s.mu.Unlock()
	ev := "CHANNEL_DELETE"
	if isThread {
		ev = "THREAD_DELETE"
	}
	s.gw.dispatch(s, ev, discordgo.IntentsGuilds, out)
	c.json(http.StatusOK, out)
}

func (s *Server) getMessages(c *call) {
	q := c.r.URL.Query()
	limit := 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			fe := newFormErrors()
			fe.add([]string{"limit"}, "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
			s.mu.Lock()
			c.unlockForm(fe)
			return
		}
		limit = n
	}
	s.mu.Lock()
	ch, ok := s.channelFor(c, discordgo.PermissionReadMessageHistory)
	if !ok {
		return
	}
	out := []any{}
	before, after := q.Get("before"), q.Get("after")
	ids := ch.msgs
	if after != "" {
		// Oldest first after the anchor, returned newest first.
		var sel []string
		for _, id := range ids {
			if cmpSnowflake(id, after) > 0 && len(sel) < limit {
				sel = append(sel, id)
			}
		}
		ids = sel
	}
	for i := len(ids) - 1; i >= 0 && len(out) < limit; i-- {
		if before != "" && cmpSnowflake(ids[i], before) >= 0 {
			continue
		}
		out = append(out, deepCopy(s.w.messages[ids[i]].obj))
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

// sendPerm is the permission needed to post in a channel or thread.
func sendPerm(ch *channel) int64 {
	if ch.c.IsThread() {
		return discordgo.PermissionSendMessagesInThreads
	}
	return discordgo.PermissionSendMessages
}

// postMessage answers POST /channels/{id}/messages, honouring nonce with enforce_nonce.
func (s *Server) postMessage(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	ch, ok := s.w.channels[c.r.PathValue("id")]
	if ok && ch.c.Type == discordgo.ChannelTypeDM && s.w.closedDM[ch.c.Recipients[0].ID] {
		c.unlockAnd(http.StatusForbidden, 50007, "Cannot send messages to this user")
		return
	}
	if ok && (ch.c.Type == discordgo.ChannelTypeGuildCategory) {
		c.unlockAnd(http.StatusBadRequest, 50008, "Cannot send messages in a non-text channel")
		return
	}
	ch, ok = s.channelFor(c, 0)
	if !ok {
		return
	}
	if p := s.channelPerms(s.w.bot.ID, ch.c.ID); p&sendPerm(ch) == 0 {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	if ch.c.IsThread() && ch.c.ThreadMetadata.Locked {
		c.unlockAnd(http.StatusBadRequest, 50083, "Thread is archived")
		return
	}
	fe := newFormErrors()
	checkMessage(fe, body, nil, messageRules{flagsMask: flagSuppressEmbeds | flagSuppressNotifications})
	if !fe.empty() {
		c.unlockForm(fe)
		return
	}
	if emptyMessage(body, len(c.files) > 0) {
		s.violate("limit", c.route, c.rec.Path, "Cannot send an empty message")
		c.unlockAnd(http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	if ref := object(body["message_reference"]); ref != nil {
		if mid, _, _ := str(ref, "message_id"); s.w.messages[mid] == nil {
			if fail, _ := ref["fail_if_not_exists"].(bool); fail || ref["fail_if_not_exists"] == nil {
				fe.add([]string{"message_reference"}, "REPLIES_UNKNOWN_MESSAGE", "Unknown message")
				c.unlockForm(fe)
				return
			}
		}
	}
	// Nonce de-duplication: same channel, author and nonce within the window.
	var key nonceKey
	enforce, _ := body["enforce_nonce"].(bool)
	if n, has := body["nonce"]; has && n != nil && enforce {
		key = nonceKey{ch.c.ID, s.w.bot.ID, fmt.Sprint(n)}
		if e, seen := s.nonces[key]; seen && s.now().Sub(e.at) < nonceWindow {
			if prev := s.w.messages[e.msgID]; prev != nil {
				out := deepCopy(prev.obj)
				s.mu.Unlock()
				c.json(http.StatusOK, out)
				return
			}
		}
	}
	atts, afe := s.attachments(ch.c.ID, body, c.files, nil)
	if !afe.empty() {
		c.unlockForm(afe)
		return
	}
	typ := discordgo.MessageTypeDefault
	if object(body["message_reference"]) != nil {
		typ = discordgo.MessageTypeReply
	}
	if ch.c.IsThread() && ch.c.ThreadMetadata.Archived {
		ch.c.ThreadMetadata.Archived = false
	}
	m := s.newMessage(ch, body, atts, msgSpec{typ: typ, author: s.w.bot})
	if key.nonce != "" {
		s.nonces[key] = nonceEntry{msgID: m.id, at: s.now()}
	}
	out := deepCopy(m.obj)
	c.changed = true
	s.mu.Unlock()
	s.emitMessage("MESSAGE_CREATE", m)
	c.json(http.StatusOK, out)
}

// messageFor resolves {id}/{mid}. Callers hold s.mu; on false the lock has been released.
func (s *Server) messageFor(c *call, need int64) (*channel, *msg, bool) {
	ch, ok := s.channelFor(c, need)
	if !ok {
		return nil, nil, false
	}
	m, ok := s.w.messages[c.r.PathValue("mid")]
	if !ok || m.channelID != ch.c.ID {
		c.unlockAnd(http.StatusNotFound, 10008, "Unknown Message")
		return nil, nil, false
	}
	return ch, m, true
}

func (s *Server) getMessage(c *call) {
	s.mu.Lock()
	_, m, ok := s.messageFor(c, discordgo.PermissionReadMessageHistory)
	if !ok {
		return
	}
	out := deepCopy(m.obj)
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) patchMessage(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	_, m, ok := s.messageFor(c, 0)
	if !ok {
		return
	}
	if m.authorID != s.w.bot.ID {
		c.unlockAnd(http.StatusForbidden, 50005, "Cannot edit a message authored by another user")
		return
	}
	fe := newFormErrors()
	checkMessage(fe, body, nil, messageRules{flagsMask: flagSuppressEmbeds})
	if fe.empty() {
		fe = s.editMessage(m, body, c.files)
	}
	if !fe.empty() {
		c.unlockForm(fe)
		return
	}
	out := deepCopy(m.obj)
	c.changed = true
	s.mu.Unlock()
	s.emitMessage("MESSAGE_UPDATE", m)
	c.json(http.StatusOK, out)
}

func (s *Server) deleteMessage(c *call) {
	s.mu.Lock()
	ch, m, ok := s.messageFor(c, 0)
	if !ok {
		return
	}
	if m.authorID != s.w.bot.ID && s.channelPerms(s.w.bot.ID, ch.c.ID)&discordgo.PermissionManageMessages == 0 {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	ev := s.removeMessage(m)
	need := s.messageIntent(ch.c.ID)
	c.changed = true
	s.mu.Unlock()
	s.gw.dispatch(s, "MESSAGE_DELETE", need, ev)
	c.noContent()
}

// ---- threads ----

func (s *Server) checkThreadBody(body map[string]any) *formErrors {
	fe := newFormErrors()
	fe.lenRange(body, "name", nil, 1, 100, true)
	if v, ok := intField(body, "auto_archive_duration"); ok && v != 60 && v != 1440 && v != 4320 && v != 10080 {
		fe.add([]string{"auto_archive_duration"}, "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
	}
	return fe
}

// newThread creates a thread with the bot as owner and member. Callers hold s.mu.
func (s *Server) newThread(parent *channel, id string, typ discordgo.ChannelType, body map[string]any) *channel {
	name, _, _ := str(body, "name")
	auto, ok := intField(body, "auto_archive_duration")
	if !ok {
		auto = 4320
	}
	invitable := true
	if v, ok := body["invitable"].(bool); ok {
		invitable = v
	}
	rl, _ := intField(body, "rate_limit_per_user")
	th := &channel{c: &discordgo.Channel{
		ID: id, GuildID: parent.c.GuildID, ParentID: parent.c.ID, OwnerID: s.w.bot.ID, Name: name, Type: typ,
		RateLimitPerUser: int(rl),
		ThreadMetadata:   &discordgo.ThreadMetadata{AutoArchiveDuration: int(auto), ArchiveTimestamp: s.now().UTC(), Invitable: invitable},
	}}
	s.w.channels[id] = th
	s.joinThread(th, s.w.bot.ID)
	return th
}

func (s *Server) threadCreated(th *channel) map[string]any {
	o := s.channelJSON(th)
	o["newly_created"] = true
	o["member"] = map[string]any{"id": th.c.ID, "user_id": s.w.bot.ID, "join_timestamp": iso(s.now()), "flags": 1}
	return o
}

// postThreadFromMessage starts a public thread on a message; the thread gets the message's id.
func (s *Server) postThreadFromMessage(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	ch, m, ok := s.messageFor(c, discordgo.PermissionCreatePublicThreads)
	if !ok {
		return
	}
	if ch.c.Type != discordgo.ChannelTypeGuildText && ch.c.Type != discordgo.ChannelTypeGuildNews {
		c.unlockAnd(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return
	}
	if _, exists := s.w.channels[m.id]; exists {
		c.unlockAnd(http.StatusBadRequest, 160004, "A thread has already been created for this message")
		return
	}
	if fe := s.checkThreadBody(body); !fe.empty() {
		c.unlockForm(fe)
		return
	}
	typ := discordgo.ChannelTypeGuildPublicThread
	if ch.c.Type == discordgo.ChannelTypeGuildNews {
		typ = discordgo.ChannelTypeGuildNewsThread
	}
	th := s.newThread(ch, m.id, typ, body)
	m.obj["thread"] = s.channelJSON(th)
	flags, _ := intField(m.obj, "flags")
	m.obj["flags"] = flags | 1<<5 // HAS_THREAD
	out := s.channelJSON(th)
	ev := s.threadCreated(th)
	c.changed = true
	s.mu.Unlock()
	s.gw.dispatch(s, "THREAD_CREATE", discordgo.IntentsGuilds, ev)
	c.json(http.StatusCreated, out)
}

// postThread starts a thread without a message; in API v9 the type defaults to private (12).
func (s *Server) postThread(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	t, has := intField(body, "type")
	if !has {
		t = int64(discordgo.ChannelTypeGuildPrivateThread)
	}
	typ := discordgo.ChannelType(t)
	need := int64(discordgo.PermissionCreatePublicThreads)
	if typ == discordgo.ChannelTypeGuildPrivateThread {
		need = discordgo.PermissionCreatePrivateThreads
	}
	s.mu.Lock()
	ch, ok := s.channelFor(c, need)
	if !ok {
		return
	}
	fe := s.checkThreadBody(body)
	if typ != discordgo.ChannelTypeGuildPublicThread && typ != discordgo.ChannelTypeGuildPrivateThread && typ != discordgo.ChannelTypeGuildNewsThread {
		fe.add([]string{"type"}, "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.")
	}
	if !fe.empty() {
		c.unlockForm(fe)
		return
	}
	if ch.c.Type != discordgo.ChannelTypeGuildText && !(ch.c.Type == discordgo.ChannelTypeGuildNews && typ != discordgo.ChannelTypeGuildPrivateThread) {
		c.unlockAnd(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return
	}
	th := s.newThread(ch, s.newID(), typ, body)
	out := s.channelJSON(th)
	ev := s.threadCreated(th)
	c.changed = true
	s.mu.Unlock()
	s.gw.dispatch(s, "THREAD_CREATE", discordgo.IntentsGuilds, ev)
	c.json(http.StatusCreated, out)
}

// threadFor resolves {id} as a thread. Callers hold s.mu; on false the lock is released.
func (s *Server) threadFor(c *call) (*channel, bool) {
	th, ok := s.channelFor(c, 0)
	if !ok {
		return nil, false
	}
	if !th.c.IsThread() {
		c.unlockAnd(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return nil, false
	}
	return th, true
}

func (s *Server) getThreadMembers(c *call) {
	s.mu.Lock()
	th, ok := s.threadFor(c)
	if !ok {
		return
	}
	out := []any{}
	ids := make([]string, 0, len(th.members))
	for id := range th.members {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, cmpSnowflake)
	for _, id := range ids {
		tm := th.members[id]
		out = append(out, map[string]any{"id": th.c.ID, "user_id": id, "join_timestamp": iso(tm.JoinTimestamp), "flags": tm.Flags})
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) putThreadMember(c *call) {
	s.mu.Lock()
	th, ok := s.threadFor(c)
	if !ok {
		return
	}
	uid := c.r.PathValue("uid")
	if uid == "@me" {
		uid = s.w.bot.ID
	}
	g := s.w.guilds[th.c.GuildID]
	if _, member := g.members[uid]; !member {
		c.unlockAnd(http.StatusNotFound, 10007, "Unknown Member")
		return
	}
	if th.c.ThreadMetadata.Archived {
		c.unlockAnd(http.StatusBadRequest, 50083, "Thread is archived")
		return
	}
	if p := s.channelPerms(s.w.bot.ID, th.c.ID); p&discordgo.PermissionSendMessagesInThreads == 0 {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	added := s.joinThread(th, uid)
	ev := map[string]any{"id": th.c.ID, "guild_id": th.c.GuildID, "member_count": len(th.members),
		"added_members": []any{map[string]any{"id": th.c.ID, "user_id": uid, "join_timestamp": iso(s.now()), "flags": 0}}}
	c.changed = true
	s.mu.Unlock()
	if added {
		s.gw.dispatch(s, "THREAD_MEMBERS_UPDATE", discordgo.IntentsGuildMembers, ev)
	}
	c.noContent()
}

func (s *Server) deleteThreadMember(c *call) {
	s.mu.Lock()
	th, ok := s.threadFor(c)
	if !ok {
		return
	}
	uid := c.r.PathValue("uid")
	if uid == "@me" {
		uid = s.w.bot.ID
	}
	if uid != s.w.bot.ID && s.channelPerms(s.w.bot.ID, th.c.ID)&discordgo.PermissionManageThreads == 0 &&
		!(th.c.Type == discordgo.ChannelTypeGuildPrivateThread && th.c.OwnerID == s.w.bot.ID) {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	if _, member := th.members[uid]; !member {
		c.unlockAnd(http.StatusNotFound, 10007, "Unknown Member")
		return
	}
	delete(th.members, uid)
	th.c.MemberCount = len(th.members)
	ev := map[string]any{"id": th.c.ID, "guild_id": th.c.GuildID, "member_count": len(th.members), "removed_member_ids": []string{uid}}
	c.changed = true
	s.mu.Unlock()
	s.gw.dispatch(s, "THREAD_MEMBERS_UPDATE", discordgo.IntentsGuildMembers, ev)
	c.noContent()
}

// ---- guilds ----

// guildFor resolves {id} as a guild the bot is in. Callers hold s.mu; on false the lock
// has been released.
func (s *Server) guildFor(c *call) (*guild, bool) {
	g, ok := s.w.guilds[c.r.PathValue("id")]
	if !ok {
		c.unlockAnd(http.StatusNotFound, 10004, "Unknown Guild")
		return nil, false
	}
	if _, member := g.members[s.w.bot.ID]; !member {
		c.unlockAnd(http.StatusForbidden, 50001, "Missing Access")
		return nil, false
	}
	return g, true
}

func (s *Server) getGuild(c *call) {
	s.mu.Lock()
	g, ok := s.guildFor(c)
	if !ok {
		return
	}
	out := s.guildJSON(g)
	if c.r.URL.Query().Get("with_counts") == "true" {
		out["approximate_member_count"] = len(g.members)
		out["approximate_presence_count"] = 0
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) getGuildChannels(c *call) {
	s.mu.Lock()
	g, ok := s.guildFor(c)
	if !ok {
		return
	}
	out := []any{}
	for _, id := range g.channels {
		out = append(out, s.channelJSON(s.w.channels[id]))
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

// postGuildChannel creates a text, voice or category channel; it needs Manage Channels,
// and overwrites may only grant permissions the bot itself has.
func (s *Server) postGuildChannel(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	g, ok := s.guildFor(c)
	if !ok {
		return
	}
	base := g.basePerms(s.w.bot.ID)
	if base&discordgo.PermissionManageChannels == 0 {
		c.unlockAnd(http.StatusForbidden, 50013, "Missing Permissions")
		return
	}
	fe := newFormErrors()
	fe.lenRange(body, "name", nil, 1, 100, true)
	t, _ := intField(body, "type")
	typ := discordgo.ChannelType(t)
	switch typ {
	case discordgo.ChannelTypeGuildText, discordgo.ChannelTypeGuildVoice, discordgo.ChannelTypeGuildCategory,
		discordgo.ChannelTypeGuildNews, discordgo.ChannelTypeGuildStageVoice, discordgo.ChannelTypeGuildForum:
	default:
		fe.add([]string{"type"}, "BASE_TYPE_CHOICES", "Value must be one of {0, 2, 4, 5, 13, 15}.")
	}
	parent, _, _ := str(body, "parent_id")
	if parent != "" {
		pc, ok := s.w.channels[parent]
		if !ok || pc.c.GuildID != g.g.ID || pc.c.Type != discordgo.ChannelTypeGuildCategory {
			fe.add([]string{"parent_id"}, "CHANNEL_PARENT_INVALID_TYPE", "Not a category")
		}
	}
	var ows []*discordgo.PermissionOverwrite
	list, _ := array(body, "permission_overwrites")
	for i, o := range list {
		oo := object(o)
		id, _, _ := str(oo, "id")
		ot, _ := intField(oo, "type")
		allow, _ := num(oo["allow"])
		deny, _ := num(oo["deny"])
		if id == "" || (ot != 0 && ot != 1) {
			fe.add([]string{"permission_overwrites", strconv.Itoa(i)}, "BASE_TYPE_REQUIRED", "id and type are required")
			continue
		}
		if base&discordgo.PermissionAdministrator == 0 && (int64(allow)|int64(deny))&^base != 0 && base&discordgo.PermissionManageRoles == 0 {
			s.mu.Unlock()
			c.error(http.StatusForbidden, 50013, "Missing Permissions")
			return
		}
		ows = append(ows, &discordgo.PermissionOverwrite{ID: id, Type: discordgo.PermissionOverwriteType(ot), Allow: int64(allow), Deny: int64(deny)})
	}
	if !fe.empty() {
		c.unlockForm(fe)
		return
	}
	name, _, _ := str(body, "name")
	ch := s.addChannel(g, s.newID(), name, typ, parent)
	ch.PermissionOverwrites = append(ch.PermissionOverwrites, ows...)
	if v, ok := intField(body, "user_limit"); ok {
		ch.UserLimit = int(v)
	}
	if v, ok := intField(body, "bitrate"); ok {
		ch.Bitrate = int(v)
	}
	if v, ok, _ := str(body, "topic"); ok {
		ch.Topic = v
	}
	out := s.channelJSON(s.w.channels[ch.ID])
	s.mu.Unlock()
	s.gw.dispatch(s, "CHANNEL_CREATE", discordgo.IntentsGuilds, out)
	c.json(http.StatusCreated, out)
}

func (s *Server) getRoles(c *call) {
	s.mu.Lock()
	g, ok := s.guildFor(c)
	if !ok {
		return
	}
	out := []any{}
	for _, r := range g.roles {
		out = append(out, s.roleJSON(g, r))
	}
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) getMember(c *call) {
	s.mu.Lock()
	g, ok := s.guildFor(c)
	if !ok {
		return
	}
	m, ok := g.members[c.r.PathValue("uid")]
	if !ok {
		c.unlockAnd(http.StatusNotFound, 10007, "Unknown Member")
		return
	}
	out := s.memberJSON(m, false)
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}
