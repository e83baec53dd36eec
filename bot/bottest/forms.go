package bottest

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordtest"
)

// RunForm sends a slash command that opens a form as user, submits the
// form as customID with values and returns the message the bot answers
// with. When the command answers with a message instead of the form (a
// refusal, say), it returns that message.
func (h *Harness) RunForm(user, line, customID string, values map[string]string) *discordgo.Message {
	h.T.Helper()
	in, err := h.Srv.Command(h.Ctx, user, "", line)
	if err != nil {
		h.T.Fatalf("%s: %v", line, err)
	}
	if msg := h.formOrMessage(in, line); msg != nil {
		return msg
	}
	return h.Submit(user, customID, values)
}

// ClickForm presses the button labelled label on m as user, expecting a
// form, and returns the form's values by input custom_id.
func (h *Harness) ClickForm(user string, m *discordgo.Message, label string) map[string]string {
	h.T.Helper()
	in, err := h.Srv.ClickLabel(h.Ctx, user, m, label)
	if err != nil {
		h.T.Fatalf("click %s: %v", label, err)
	}
	if msg := h.formOrMessage(in, label); msg != nil {
		h.T.Fatalf("%s opened no form: %s", label, Text(msg))
	}
	return h.form(user)
}

// formOrMessage waits for the answer to in: nil for a form, else the
// message shown.
func (h *Harness) formOrMessage(in *discordtest.Interaction, what string) *discordgo.Message {
	h.T.Helper()
	resp, err := in.Wait(h.Ctx)
	if err != nil {
		h.T.Fatalf("%s: %v", what, err)
	}
	if resp.Type == discordgo.InteractionResponseModal {
		return nil
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil {
		h.T.Fatalf("%s: %v", what, err)
	}
	return m
}

// form returns the values of the form last shown to user, by input
// custom_id.
func (h *Harness) form(user string) map[string]string {
	h.T.Helper()
	_, _, fields, ok := h.Srv.Modal(user)
	if !ok {
		h.T.Fatalf("no form was shown to %s", user)
	}
	out := make(map[string]string, len(fields))
	for _, f := range fields {
		out[f.CustomID] = f.Value
	}
	return out
}

// Submit submits the form last shown to user, as customID with values, and
// waits for the message the bot answers with.
func (h *Harness) Submit(user, customID string, values map[string]string) *discordgo.Message {
	h.T.Helper()
	in, err := h.Srv.SubmitModal(h.Ctx, user, customID, values)
	if err != nil {
		h.T.Fatalf("submit %s: %v", customID, err)
	}
	m, err := in.WaitMessage(h.Ctx)
	if err != nil {
		h.T.Fatalf("submit %s: %v", customID, err)
	}
	return m
}

// TextChannel adds a text channel named name to the default server.
func (h *Harness) TextChannel(name string) *discordgo.Channel {
	h.T.Helper()
	ch, err := h.Srv.AddChannel(h.Srv.DefaultGuild().ID, name, discordgo.ChannelTypeGuildText, "")
	if err != nil {
		h.T.Fatalf("channel %s: %v", name, err)
	}
	return ch
}

// SetupChannel adds a text channel named name to the default server and
// runs line, a setup command naming it, as the server's owner; the answer
// must name the channel.
func (h *Harness) SetupChannel(name, line string) *discordgo.Channel {
	h.T.Helper()
	ch := h.TextChannel(name)
	if m := h.Run("owner", line); !strings.Contains(Text(m), ch.ID) {
		h.T.Fatalf("%s: %s", line, Text(m))
	}
	return ch
}
