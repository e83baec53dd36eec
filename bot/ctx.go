package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Ctx is one interaction being handled: what Discord sent, and the means to
// answer it. It keeps track of whether the interaction was already answered
// or deferred, so handlers just call Reply and the right REST call is made:
// the initial callback, an edit of the deferred original, or a follow-up.
type Ctx struct {
	context.Context
	Session *discordgo.Session
	I       *discordgo.InteractionCreate
	Log     *slog.Logger
	// Route is the matched route: "question", "daily/setup", "q1/solution".
	Route string
	// Args are the custom_id arguments of a component or modal route; Var
	// reads them by name.
	Args []string
	// params are the argument names of the matched route.
	params []string
	// Started is when the interaction reached the bot.
	Started time.Time

	mu        sync.Mutex
	responded bool // an initial response was sent
	deferred  bool // the initial response was a defer; the next Reply edits it
	replies   int  // messages sent after the initial response
}

// Var returns the custom_id argument the matched route names name
// ("question" in "q1/solution/{question}"), or "" when it has none.
func (c *Ctx) Var(name string) string {
	for i, p := range c.params {
		if p == name && i < len(c.Args) {
			return c.Args[i]
		}
	}
	return ""
}

// GuildID returns the server the interaction came from ("" in DMs).
func (c *Ctx) GuildID() string { return c.I.GuildID }

// ChannelID returns the channel the interaction came from.
func (c *Ctx) ChannelID() string { return c.I.ChannelID }

// User returns the member or DM user who caused the interaction.
func (c *Ctx) User() *discordgo.User {
	if c.I.Member != nil && c.I.Member.User != nil {
		return c.I.Member.User
	}
	if c.I.User != nil {
		return c.I.User
	}
	return &discordgo.User{}
}

// UserID returns the id of User.
func (c *Ctx) UserID() string { return c.User().ID }

// InDM reports whether the interaction came from a direct message.
func (c *Ctx) InDM() bool { return c.I.GuildID == "" }

// MemberPerms returns the caller's permissions in the channel, as Discord
// computed them (0 in DMs).
func (c *Ctx) MemberPerms() int64 {
	if c.I.Member == nil {
		return 0
	}
	return c.I.Member.Permissions
}

// AppPerms returns the bot's own permissions in the channel.
func (c *Ctx) AppPerms() int64 { return c.I.AppPermissions }

// IsAdmin reports whether the caller has Manage Server or Administrator in
// this server, from the member.permissions Discord sends.
func (c *Ctx) IsAdmin() bool {
	p := c.MemberPerms()
	return !c.InDM() && (p&discordgo.PermissionAdministrator != 0 || p&discordgo.PermissionManageGuild != 0)
}

// options returns the options of the innermost subcommand.
func (c *Ctx) options() []*discordgo.ApplicationCommandInteractionDataOption {
	if c.I.Type != discordgo.InteractionApplicationCommand && c.I.Type != discordgo.InteractionApplicationCommandAutocomplete {
		return nil
	}
	opts := c.I.ApplicationCommandData().Options
	for len(opts) == 1 && (opts[0].Type == discordgo.ApplicationCommandOptionSubCommand || opts[0].Type == discordgo.ApplicationCommandOptionSubCommandGroup) {
		opts = opts[0].Options
	}
	return opts
}

// Option returns the named option, or nil.
func (c *Ctx) Option(name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range c.options() {
		if o.Name == name {
			return o
		}
	}
	return nil
}

// String returns a string option's value ("" when absent). Values of other
// types are formatted, so a malformed payload never panics.
func (c *Ctx) String(name string) string {
	o := c.Option(name)
	if o == nil || o.Value == nil {
		return ""
	}
	switch v := o.Value.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return fmt.Sprint(o.Value)
}

// Int returns an integer option's value, or def when absent or malformed.
func (c *Ctx) Int(name string, def int64) int64 {
	o := c.Option(name)
	if o == nil {
		return def
	}
	switch v := o.Value.(type) {
	case float64:
		return int64(v)
	case string:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n
		}
	}
	return def
}

// Focused returns the option being typed in an autocomplete interaction.
func (c *Ctx) Focused() *discordgo.ApplicationCommandInteractionDataOption {
	for _, o := range c.options() {
		if o.Focused {
			return o
		}
	}
	return nil
}

// ModalValue returns the value of a text input in a submitted modal.
func (c *Ctx) ModalValue(customID string) string {
	if c.I.Type != discordgo.InteractionModalSubmit {
		return ""
	}
	for _, row := range c.I.ModalSubmitData().Components {
		ar, ok := row.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range ar.Components {
			if ti, ok := comp.(*discordgo.TextInput); ok && ti.CustomID == customID {
				return ti.Value
			}
		}
	}
	return ""
}

// Values returns the selected values of a select menu interaction.
func (c *Ctx) Values() []string {
	if c.I.Type != discordgo.InteractionMessageComponent {
		return nil
	}
	return c.I.MessageComponentData().Values
}

// Responded reports whether an initial response was sent.
func (c *Ctx) Responded() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.responded
}

// respond sends the initial response.
func (c *Ctx) respond(r *discordgo.InteractionResponse) error {
	return c.Session.InteractionRespond(c.I.Interaction, r, discordgo.WithContext(c))
}

// Defer acknowledges the interaction so the handler may take up to 15
// minutes. For commands the member sees "thinking…"; for components the
// message stays as it is. Deferring twice, or after a reply, does nothing.
func (c *Ctx) Defer(ephemeral bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.responded {
		return nil
	}
	typ := discordgo.InteractionResponseDeferredChannelMessageWithSource
	if c.I.Type == discordgo.InteractionMessageComponent {
		typ = discordgo.InteractionResponseDeferredMessageUpdate
	}
	var data *discordgo.InteractionResponseData
	if ephemeral {
		data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := c.respond(&discordgo.InteractionResponse{Type: typ, Data: data}); err != nil {
		return err
	}
	c.responded, c.deferred = true, true
	return nil
}

// lostAck reports whether err says the interaction was already
// acknowledged although this Ctx never saw an acknowledgement succeed: an
// earlier defer reached Discord but its answer was lost (a timeout under
// load). Discord then shows "thinking…", so the Ctx carries on as deferred
// and the answer becomes an edit of that message rather than an error.
func (c *Ctx) lostAck(err error) bool {
	var rerr *discordgo.RESTError
	if !errors.As(err, &rerr) || rerr.Message == nil || rerr.Message.Code != discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
		return false
	}
	c.Log.Warn("interaction was already acknowledged by a defer whose answer was lost; editing its message instead")
	c.responded, c.deferred = true, true
	return true
}

// initial sends msg as the initial response of type typ. done is false
// when Discord says a defer whose answer was lost already acknowledged the
// interaction: the caller then edits the deferred message instead.
func (c *Ctx) initial(typ discordgo.InteractionResponseType, msg *discordgo.InteractionResponseData) (done bool, err error) {
	err = c.respond(&discordgo.InteractionResponse{Type: typ, Data: msg})
	if c.lostAck(err) {
		return false, nil
	}
	if err == nil {
		c.responded = true
	}
	return true, err
}

// Reply sends msg as the answer: the initial response when none was sent,
// the deferred original's content when the interaction was deferred, and a
// follow-up message otherwise. Set msg.Flags to discordgo.MessageFlagsEphemeral
// for a reply only the caller sees (ephemerality of a deferred reply is
// fixed by the Defer call).
func (c *Ctx) Reply(msg *discordgo.InteractionResponseData) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.responded {
		if done, err := c.initial(discordgo.InteractionResponseChannelMessageWithSource, msg); done {
			return err
		}
	}
	switch {
	case c.deferred && c.I.Type != discordgo.InteractionMessageComponent:
		c.deferred = false
		_, err := c.Session.InteractionResponseEdit(c.I.Interaction, editOf(msg), discordgo.WithContext(c))
		return err
	default:
		c.deferred = false
		c.replies++
		_, err := c.Session.FollowupMessageCreate(c.I.Interaction, true, &discordgo.WebhookParams{
			Content: msg.Content, Embeds: msg.Embeds, Components: msg.Components, Flags: msg.Flags,
			Files: msg.Files, AllowedMentions: msg.AllowedMentions,
		}, discordgo.WithContext(c))
		return err
	}
}

// ReplyEphemeral replies with text only the caller sees.
func (c *Ctx) ReplyEphemeral(text string) error {
	return c.Reply(&discordgo.InteractionResponseData{Content: text, Flags: discordgo.MessageFlagsEphemeral,
		AllowedMentions: &discordgo.MessageAllowedMentions{}})
}

// Update replaces the message a component belongs to (Previous/Next pages,
// buttons that change state). After a deferred update it edits the message.
func (c *Ctx) Update(msg *discordgo.InteractionResponseData) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.responded {
		if done, err := c.initial(discordgo.InteractionResponseUpdateMessage, msg); done {
			return err
		}
	}
	_, err := c.Session.InteractionResponseEdit(c.I.Interaction, editOf(msg), discordgo.WithContext(c))
	return err
}

// Modal opens a modal form; it must be the initial response.
func (c *Ctx) Modal(customID, title string, rows ...discordgo.MessageComponent) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.responded {
		return fmt.Errorf("a modal must be the first response to an interaction")
	}
	err := c.respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: customID, Title: title, Components: rows}})
	if err == nil {
		c.responded = true
	}
	return err
}

// Choices answers an autocomplete interaction (at most 25 choices).
func (c *Ctx) Choices(choices []*discordgo.ApplicationCommandOptionChoice) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(choices) > 25 {
		choices = choices[:25]
	}
	if choices == nil {
		choices = []*discordgo.ApplicationCommandOptionChoice{}
	}
	// discordgo omits an empty choices list, which Discord requires, so
	// the body is sent as it is.
	type data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	}
	body := struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data data                              `json:"data"`
	}{discordgo.InteractionApplicationCommandAutocompleteResult, data{Choices: choices}}
	endpoint := discordgo.EndpointInteractionResponse(c.I.ID, c.I.Token)
	_, err := c.Session.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(c))
	if err == nil {
		c.responded = true
	}
	return err
}

func editOf(msg *discordgo.InteractionResponseData) *discordgo.WebhookEdit {
	content := msg.Content
	embeds := msg.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	comps := msg.Components
	if comps == nil {
		comps = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &comps, Files: msg.Files,
		AllowedMentions: msg.AllowedMentions}
}
