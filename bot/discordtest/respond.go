package discordtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// tokenLifetime is how long an interaction token can be used for follow-ups and edits.
const tokenLifetime = 15 * time.Minute

// allowedResponses lists the response types each interaction type accepts.
var allowedResponses = map[discordgo.InteractionType][]discordgo.InteractionResponseType{
	discordgo.InteractionApplicationCommand:             {4, 5, 9},
	discordgo.InteractionMessageComponent:               {4, 5, 6, 7, 9},
	discordgo.InteractionApplicationCommandAutocomplete: {8},
	discordgo.InteractionModalSubmit:                    {4, 5, 6, 7},
}

// postCallback answers POST /interactions/{id}/{token}/callback.
func (s *Server) postCallback(c *call) {
	received := time.Now()
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	in, known := s.inters[c.r.PathValue("id")]
	if !known || in.Token != c.r.PathValue("token") {
		s.violate("unknown-interaction", c.route, c.rec.Path, "no interaction with this id and token")
		s.mu.Unlock()
		c.error(http.StatusNotFound, 10062, "Unknown interaction")
		return
	}
	if late := received.Sub(in.sentAt); late > s.opts.ResponseDeadline && !in.acked {
		s.violate("late-response", c.route, c.rec.Path, fmt.Sprintf("initial response to %s %s after %v (deadline %v)", in.Type, in.ID, late.Round(time.Millisecond), s.opts.ResponseDeadline))
		s.mu.Unlock()
		c.error(http.StatusNotFound, 10062, "Unknown interaction")
		return
	}
	if in.acked {
		s.violate("double-response", c.route, c.rec.Path, fmt.Sprintf("second initial response to %s %s", in.Type, in.ID))
		s.mu.Unlock()
		c.error(http.StatusBadRequest, 40060, "Interaction has already been acknowledged.")
		return
	}
	t, _ := intField(body, "type")
	rt := discordgo.InteractionResponseType(t)
	fe := newFormErrors()
	allowed := false
	for _, a := range allowedResponses[in.Type] {
		allowed = allowed || a == rt
	}
	if !allowed {
		fe.add([]string{"type"}, "INTERACTION_RESPONSE_TYPE_INVALID", fmt.Sprintf("Interaction response type %d is not valid for a %s interaction", t, in.Type))
	}
	data := object(body["data"])
	if _, present := body["data"]; present && body["data"] != nil && data == nil {
		fe.add([]string{"data"}, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
	}
	if data == nil {
		data = map[string]any{}
	}
	switch rt {
	case 4, 7:
		checkMessage(fe, data, []string{"data"}, messageRules{flagsMask: flagSuppressEmbeds | flagEphemeral | flagSuppressNotifications})
	case 5:
		if f, ok := intField(data, "flags"); ok && f&^(flagEphemeral|flagSuppressNotifications) != 0 {
			fe.add([]string{"data", "flags"}, "MESSAGE_FLAGS_INVALID", "Invalid flags")
		}
	case 8:
		checkChoices(fe, data, []string{"data"})
	case 9:
		checkModal(fe, data, []string{"data"})
	}
	if !fe.empty() {
		s.violate("limit", c.route, c.rec.Path, fe.String())
		s.mu.Unlock()
		c.formError(fe)
		return
	}
	if rt == 4 && emptyMessage(data, len(c.files) > 0) {
		s.violate("limit", c.route, c.rec.Path, "Cannot send an empty message")
		s.mu.Unlock()
		c.error(http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	resp := &Response{Type: rt, Raw: json.RawMessage(c.raw), Files: c.files, Latency: received.Sub(in.sentAt)}
	if body["data"] != nil {
		resp.Data = decodeResponseData(data)
	}
	var created, updated *msg
	ch := s.w.channels[in.ChannelID]
	switch rt {
	case 4:
		atts, afe := s.attachments(ch.c.ID, data, c.files, nil)
		if !afe.empty() {
			s.violate("limit", c.route, c.rec.Path, afe.String())
			s.mu.Unlock()
			c.formError(afe)
			return
		}
		ephemeral := flagsOf(data)&flagEphemeral != 0
		created = s.newMessage(ch, data, atts, s.replySpec(in, ephemeral, 0))
	case 5:
		ephemeral := flagsOf(data)&flagEphemeral != 0
		created = s.newMessage(ch, map[string]any{}, []any{}, s.replySpec(in, ephemeral, flagLoading))
		in.deferred = true
	case 6:
		in.original = in.fromMsg
	case 7:
		if in.fromMsg == nil {
			s.mu.Unlock()
			c.error(http.StatusBadRequest, 50035, "Invalid Form Body")
			return
		}
		if efe := s.editMessage(in.fromMsg, data, c.files); !efe.empty() {
			s.violate("limit", c.route, c.rec.Path, efe.String())
			s.mu.Unlock()
			c.formError(efe)
			return
		}
		in.original = in.fromMsg
		updated = in.fromMsg
	}
	if created != nil {
		in.original = created
		in.msgs = append(in.msgs, created)
	}
	in.acked = true
	c.publish = append(c.publish, func() { in.resp = resp })
	s.mu.Unlock()
	s.emitMessage("MESSAGE_CREATE", created)
	s.emitMessage("MESSAGE_UPDATE", updated)
	c.noContent()
}

func flagsOf(obj map[string]any) int64 {
	f, _ := intField(obj, "flags")
	return f
}

// replySpec is how interaction replies look: authored by the bot, sent by the
// application's webhook, type 20 for slash commands and 19 (reply) otherwise.
func (s *Server) replySpec(in *Interaction, ephemeral bool, flags int64) msgSpec {
	typ := discordgo.MessageTypeChatInputCommand
	if in.Type != discordgo.InteractionApplicationCommand {
		typ = discordgo.MessageTypeReply
		if in.fromMsg == nil {
			typ = discordgo.MessageTypeDefault
		}
	}
	return msgSpec{typ: typ, author: s.w.bot, webhookID: s.opts.ApplicationID, inter: in, ephemeral: ephemeral, flags: flags}
}

// webhookInteraction resolves {app}/{token} to an interaction, answering errors itself.
// Callers hold s.mu; on false the lock has been released.
func (s *Server) webhookInteraction(c *call) (*Interaction, bool) {
	in, ok := s.byToken[c.r.PathValue("token")]
	if !ok || c.r.PathValue("app") != s.opts.ApplicationID {
		s.violate("unknown-webhook", c.route, c.rec.Path, "no interaction with this application id and token")
		s.mu.Unlock()
		c.error(http.StatusNotFound, 10015, "Unknown Webhook")
		return nil, false
	}
	if age := s.now().Sub(in.created); age > tokenLifetime {
		s.violate("expired-token", c.route, c.rec.Path, fmt.Sprintf("interaction token used %v after the interaction (limit 15m)", age.Round(time.Second)))
		s.mu.Unlock()
		c.error(http.StatusUnauthorized, 50027, "Invalid Webhook Token")
		return nil, false
	}
	if !in.acked {
		s.violate("not-acknowledged", c.route, c.rec.Path, "webhook used before the initial interaction response")
		s.mu.Unlock()
		c.error(http.StatusNotFound, 10015, "Unknown Webhook")
		return nil, false
	}
	return in, true
}

// postFollowup answers POST /webhooks/{app}/{token}: a follow-up message. The first
// follow-up after a deferred (type 5) response replaces the loading message, as on Discord.
func (s *Server) postFollowup(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	in, ok := s.webhookInteraction(c)
	if !ok {
		return
	}
	fe := newFormErrors()
	checkMessage(fe, body, nil, messageRules{flagsMask: flagSuppressEmbeds | flagEphemeral | flagSuppressNotifications})
	if !fe.empty() {
		s.violate("limit", c.route, c.rec.Path, fe.String())
		s.mu.Unlock()
		c.formError(fe)
		return
	}
	if emptyMessage(body, len(c.files) > 0) {
		s.violate("limit", c.route, c.rec.Path, "Cannot send an empty message")
		s.mu.Unlock()
		c.error(http.StatusBadRequest, 50006, "Cannot send an empty message")
		return
	}
	var m *msg
	event := "MESSAGE_CREATE"
	if in.deferred && in.original != nil {
		if efe := s.editMessage(in.original, body, c.files); !efe.empty() {
			s.mu.Unlock()
			c.formError(efe)
			return
		}
		in.deferred = false
		m = in.original
		event = "MESSAGE_UPDATE"
	} else {
		ch := s.w.channels[in.ChannelID]
		atts, afe := s.attachments(ch.c.ID, body, c.files, nil)
		if !afe.empty() {
			s.mu.Unlock()
			c.formError(afe)
			return
		}
		spec := s.replySpec(in, flagsOf(body)&flagEphemeral != 0, 0)
		m = s.newMessage(ch, body, atts, spec)
		in.msgs = append(in.msgs, m)
	}
	out := deepCopy(m.obj)
	c.changed = true
	s.mu.Unlock()
	s.emitMessage(event, m)
	if c.r.URL.Query().Get("wait") == "true" {
		c.json(http.StatusOK, out)
		return
	}
	c.noContent()
}

// webhookMessage resolves {mid} (or @original) among the interaction's messages.
// Callers hold s.mu; on false the lock has been released.
func (s *Server) webhookMessage(c *call, in *Interaction) (*msg, bool) {
	mid := c.r.PathValue("mid")
	var m *msg
	if mid == "@original" {
		m = in.original
	} else {
		for _, x := range in.msgs {
			if x.id == mid {
				m = x
			}
		}
	}
	if m == nil || (!m.ephemeral && s.w.messages[m.id] == nil) || m.obj["deleted"] != nil {
		s.violate("unknown-message", c.route, c.rec.Path, "no such message for this interaction token")
		s.mu.Unlock()
		c.error(http.StatusNotFound, 10008, "Unknown Message")
		return nil, false
	}
	return m, true
}

func (s *Server) getWebhookMessage(c *call) {
	s.mu.Lock()
	in, ok := s.webhookInteraction(c)
	if !ok {
		return
	}
	m, ok := s.webhookMessage(c, in)
	if !ok {
		return
	}
	out := deepCopy(m.obj)
	s.mu.Unlock()
	c.json(http.StatusOK, out)
}

func (s *Server) patchWebhookMessage(c *call) {
	body, ok := c.object()
	if !ok {
		return
	}
	s.mu.Lock()
	in, ok := s.webhookInteraction(c)
	if !ok {
		return
	}
	m, ok := s.webhookMessage(c, in)
	if !ok {
		return
	}
	fe := newFormErrors()
	checkMessage(fe, body, nil, messageRules{flagsMask: flagSuppressEmbeds})
	if fe.empty() {
		fe = s.editMessage(m, body, c.files)
	}
	if !fe.empty() {
		s.violate("limit", c.route, c.rec.Path, fe.String())
		s.mu.Unlock()
		c.formError(fe)
		return
	}
	if m == in.original {
		in.deferred = false
	}
	out := deepCopy(m.obj)
	c.changed = true
	s.mu.Unlock()
	s.emitMessage("MESSAGE_UPDATE", m)
	c.json(http.StatusOK, out)
}

func (s *Server) deleteWebhookMessage(c *call) {
	s.mu.Lock()
	in, ok := s.webhookInteraction(c)
	if !ok {
		return
	}
	m, ok := s.webhookMessage(c, in)
	if !ok {
		return
	}
	ev := s.removeMessage(m)
	if m == in.original {
		in.original = nil
		in.deferred = false
	}
	c.changed = true
	s.mu.Unlock()
	if ev != nil {
		s.gw.dispatch(s, "MESSAGE_DELETE", discordgo.IntentsGuildMessages|discordgo.IntentsDirectMessages, ev)
	}
	c.noContent()
}

// removeMessage deletes a message and returns MESSAGE_DELETE data (nil for ephemeral ones).
// Callers hold s.mu.
func (s *Server) removeMessage(m *msg) map[string]any {
	if m.ephemeral {
		m.obj["deleted"] = true
		return nil
	}
	delete(s.w.messages, m.id)
	c := s.w.channels[m.channelID]
	if c != nil {
		for i, id := range c.msgs {
			if id == m.id {
				c.msgs = append(c.msgs[:i:i], c.msgs[i+1:]...)
				break
			}
		}
	}
	ev := map[string]any{"id": m.id, "channel_id": m.channelID}
	if c != nil && c.c.GuildID != "" {
		ev["guild_id"] = c.c.GuildID
	}
	return ev
}

// decodeResponseData decodes interaction response data into discordgo's type, whose
// components field needs discordgo.Message's decoder.
func decodeResponseData(data map[string]any) *discordgo.InteractionResponseData {
	rest := make(map[string]any, len(data))
	for k, v := range data {
		if k != "components" {
			rest[k] = v
		}
	}
	b, _ := json.Marshal(rest)
	var out discordgo.InteractionResponseData
	if json.Unmarshal(b, &out) != nil {
		return nil
	}
	if comps, ok := data["components"]; ok && comps != nil {
		if m := toMessage(map[string]any{"components": comps}); m != nil {
			out.Components = m.Components
		}
	}
	return &out
}
