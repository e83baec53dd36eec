package bottest

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

const callbackRoute = "POST /interactions/{id}/{token}/callback"

// Forge sends an interaction straight to the bot's router, the way a
// modified client could: with any ids, options and permissions, which
// Discord's own client would never send. p holds the interaction's JSON
// fields ("type", "data", and "guild_id" with "member", or "user" for a
// DM); Forge fills in the id, token, application, version, locale, the
// default server's #general as the channel, and every app permission,
// where p leaves them out. It returns the JSON of the bot's answer: the
// loopback Discord does not know a forged interaction and refuses the
// answer, which is recorded all the same.
func (h *Harness) Forge(p map[string]any) string {
	h.T.Helper()
	n := len(h.Srv.Requests()) // grows with every forged interaction's answer
	g := h.Srv.DefaultGuild()
	for k, v := range map[string]any{
		"id": fmt.Sprintf("13%017d", n), "application_id": h.Srv.ApplicationID(), "token": fmt.Sprintf("forged-%d", n),
		"version": 1, "channel_id": h.Srv.ChannelByName(g.ID, "general").ID, "locale": "en-US",
		"app_permissions": strconv.FormatInt(discordgo.PermissionAll, 10),
	} {
		if _, ok := p[k]; !ok {
			p[k] = v
		}
	}
	raw, err := json.Marshal(p)
	if err != nil {
		h.T.Fatal(err)
	}
	var ic discordgo.InteractionCreate
	if err := json.Unmarshal(raw, &ic); err != nil {
		h.T.Fatal(err)
	}
	before := len(h.Srv.RequestsTo(callbackRoute))
	h.Bot.Router.Dispatch(context.Background(), h.Bot.Session, &ic)
	calls := h.Srv.RequestsTo(callbackRoute)
	for _, v := range h.Srv.Violations() {
		if v.Kind != "unknown-interaction" {
			h.T.Errorf("loopback Discord saw %s", v)
		}
	}
	h.Srv.ResetViolations()
	if len(calls) == before {
		h.T.Fatalf("forged interaction %s: no answer", raw)
	}
	return string(calls[len(calls)-1].JSON)
}

// Member is the "member" of a forged interaction: user (a name; created on
// demand) as a member of the default server with perms.
func (h *Harness) Member(user string, perms int64) map[string]any {
	return map[string]any{"user": h.User(user), "roles": []any{}, "joined_at": "2026-01-01T00:00:00.000000+00:00",
		"permissions": strconv.FormatInt(perms, 10)}
}

// User is the "user" of a forged interaction (in a DM, or within Member):
// user, a name, created on demand.
func (h *Harness) User(user string) map[string]any {
	u := h.Srv.AddUser(user)
	return map[string]any{"id": u.ID, "username": u.Username, "discriminator": "0"}
}
