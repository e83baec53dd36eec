// Package mydata is /mydata: a member's own data. /mydata export sends
// them, privately, a JSON file of everything prepcord keeps about them in
// every server; /mydata forget deletes it after a confirmation (feedback
// they gave stays with its receiver, anonymised; questions of theirs that
// a server approved stay in its bank without their name). It works in
// servers and in DMs. Its component routes are d1/...; it has no
// background work and reads and deletes through store.MyData.
package mydata

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/store"
)

// Feature is /mydata.
type Feature struct {
	env  bot.Env
	data *store.MyData
}

var _ bot.Feature = (*Feature)(nil)

// New returns /mydata over data.
func New(env bot.Env, data *store.MyData) *Feature { return &Feature{env: env, data: data} }

const (
	routeForget bot.Route = "d1/forget"
	routeCancel bot.Route = "d1/cancel"
)

func (f *Feature) Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{{
		Name: "mydata", Description: "What prepcord keeps about you: get a copy, or delete it",
		Contexts:     &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM},
		DMPermission: bot.Ptr(true),
		Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "export", Description: "A JSON file of everything prepcord keeps about you, privately"},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "forget", Description: "Delete everything prepcord keeps about you (asks first)"},
		},
	}}
}

func (f *Feature) Routes(r *bot.Router) {
	r.Command("mydata/export", f.export, bot.DeferEphemeral())
	r.Command("mydata/forget", f.forget, bot.DeferEphemeral())
	r.Component(routeForget, f.forgetConfirmed)
	r.Component(routeCancel, f.cancel)
}

// export sends the member's data as a file only they see.
func (f *Feature) export(c *bot.Ctx) error {
	ex, err := f.data.Export(c, c.UserID(), f.env.Now())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ex); err != nil {
		return err
	}
	rows := 0
	for _, list := range ex.Data {
		rows += len(list)
	}
	return c.Reply(&discordgo.InteractionResponseData{
		Flags: discordgo.MessageFlagsEphemeral,
		Content: fmt.Sprintf("Everything prepcord keeps about you, in every server: %d record%s. Only you see this file. `/mydata forget` deletes it all.",
			rows, bot.Plural(rows)),
		Files:           []*discordgo.File{{Name: "prepcord-mydata.json", ContentType: "application/json", Reader: &buf}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	})
}

// forget asks for confirmation.
func (f *Feature) forget(c *bot.Ctx) error {
	return c.Reply(&discordgo.InteractionResponseData{
		Flags: discordgo.MessageFlagsEphemeral,
		Content: "Delete everything prepcord keeps about you, in every server? Your history, ratings and reviews, plans and reminders, " +
			"streaks, suggestions and drafts, mock interview queue places, pairings, feedback you received and no-show records go. " +
			"Feedback you gave others stays with them without your name; questions of yours that a server approved stay in its bank without your name. " +
			"This cannot be undone: `/mydata export` first if you want a copy.",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Delete my data", Style: discordgo.DangerButton, CustomID: routeForget.ID()},
			discordgo.Button{Label: "Cancel", Style: discordgo.SecondaryButton, CustomID: routeCancel.ID()},
		}}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
	})
}

// forgetConfirmed deletes the member's data.
func (f *Feature) forgetConfirmed(c *bot.Ctx) error {
	changed, err := f.data.Forget(c, c.UserID())
	if err != nil {
		return err
	}
	var n int64
	for _, v := range changed {
		n += v
	}
	c.Log.Info("mydata: a member's data was forgotten", "user", c.UserID(), "records", n)
	return c.Update(&discordgo.InteractionResponseData{
		Content:    fmt.Sprintf("Done: %d record%s deleted or made anonymous. prepcord keeps nothing more about you; using it again starts afresh.", n, bot.Plural(int(n))),
		Components: []discordgo.MessageComponent{},
	})
}

func (f *Feature) cancel(c *bot.Ctx) error {
	return c.Update(&discordgo.InteractionResponseData{Content: "Nothing was deleted.", Components: []discordgo.MessageComponent{}})
}
