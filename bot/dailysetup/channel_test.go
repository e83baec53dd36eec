package dailysetup_test

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/dailysetup"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/errs"
)

// loopback starts a loopback Discord with two servers and returns it with
// a session of the bot's.
func loopback(t *testing.T) (*discordtest.Server, *discordgo.Session) {
	t.Helper()
	srv := discordtest.New(discordtest.Options{Guilds: []discordtest.GuildSpec{{Name: "Prep"}, {Name: "Other"}}})
	t.Cleanup(srv.Close)
	s, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return srv, s
}

func TestCheckChannel(t *testing.T) {
	srv, s := loopback(t)
	gs := srv.Guilds()
	g, other := gs[0].ID, gs[1].ID
	bot := srv.BotUser().ID
	botRole := srv.Role(g, srv.BotUser().Username).ID
	add := func(guild, name string, typ discordgo.ChannelType) string {
		t.Helper()
		ch, err := srv.AddChannel(guild, name, typ, "")
		if err != nil {
			t.Fatal(err)
		}
		return ch.ID
	}
	text := add(g, "daily", discordgo.ChannelTypeGuildText)
	news := add(g, "news", discordgo.ChannelTypeGuildNews)
	voice := add(g, "Voice", discordgo.ChannelTypeGuildVoice)
	elsewhere := add(other, "daily", discordgo.ChannelTypeGuildText)
	noSend := add(g, "read-only", discordgo.ChannelTypeGuildText)
	if err := srv.SetOverwrite(noSend, discordgo.PermissionOverwrite{ID: botRole, Type: discordgo.PermissionOverwriteTypeRole,
		Deny: discordgo.PermissionSendMessages | discordgo.PermissionCreatePublicThreads}); err != nil {
		t.Fatal(err)
	}
	hidden := add(g, "staff", discordgo.ChannelTypeGuildText)
	if err := srv.SetOverwrite(hidden, discordgo.PermissionOverwrite{ID: bot, Type: discordgo.PermissionOverwriteTypeMember,
		Deny: discordgo.PermissionViewChannel}); err != nil {
		t.Fatal(err)
	}
	const choose = " Choose a text or announcement channel of this server for the daily question channel."
	tests := []struct {
		name, channel, botID string
		msg                  string // "" for accepted; the exact Invalid message otherwise
	}{
		{"text channel", text, bot, ""},
		{"announcement channel", news, bot, ""},
		{"voice channel", voice, bot, "<#" + voice + "> is not a text or announcement channel." + choose},
		{"another server's channel", elsewhere, bot, "That channel is not a channel of this server." + choose},
		{"no such channel", "123456789012345678", bot, "I cannot see that channel: it was deleted, or I lack View Channel there." + choose},
		{"not an id", "#daily", bot, "Choose the daily question channel from the list Discord offers."},
		{"huge id", "1234567890123456789012345", bot, "Choose the daily question channel from the list Discord offers."},
		{"control characters", "12\x0034", bot, "Choose the daily question channel from the list Discord offers."},
		{"missing permissions", noSend, bot, "prepcord cannot post the daily question in <#" + noSend + ">: it is missing **Send Messages**, " +
			"**Create Public Threads** there. In the channel's settings → Permissions, allow these for prepcord (or its role), then run the command again."},
		// Discord answers 403 for a channel the bot cannot view.
		{"hidden from the bot", hidden, bot, "I cannot see that channel: it was deleted, or I lack View Channel there." + choose},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := dailysetup.CheckChannel(context.Background(), s, g, tt.channel, tt.botID)
			switch {
			case tt.msg == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.msg != "" && (errs.CodeOf(err) != errs.Invalid || errs.Message(err) != tt.msg):
				t.Fatalf("got %v\nwant %s", err, tt.msg)
			}
		})
	}
	// Without the bot's id nothing can be computed: an error, not a refusal.
	if err := dailysetup.CheckChannel(context.Background(), s, g, text, ""); err == nil || errs.CodeOf(err) == errs.Invalid {
		t.Errorf("unknown bot id: %v", err)
	}
}

func TestChannelPermissions(t *testing.T) {
	const (
		view, send, embed = discordgo.PermissionViewChannel, discordgo.PermissionSendMessages, discordgo.PermissionEmbedLinks
	)
	g := &discordgo.Guild{ID: "g", Roles: []*discordgo.Role{
		{ID: "g", Permissions: view | send},
		{ID: "mod", Permissions: embed},
		{ID: "admin", Permissions: discordgo.PermissionAdministrator},
	}}
	ow := func(id string, typ discordgo.PermissionOverwriteType, allow, deny int64) *discordgo.PermissionOverwrite {
		return &discordgo.PermissionOverwrite{ID: id, Type: typ, Allow: allow, Deny: deny}
	}
	role, member := discordgo.PermissionOverwriteTypeRole, discordgo.PermissionOverwriteTypeMember
	tests := []struct {
		name  string
		roles []string
		ows   []*discordgo.PermissionOverwrite
		want  int64
	}{
		{"@everyone's base", nil, nil, view | send},
		{"a role adds", []string{"mod"}, nil, view | send | embed},
		{"administrator has everything", []string{"admin"}, []*discordgo.PermissionOverwrite{ow("g", role, 0, view)}, discordgo.PermissionAll},
		{"@everyone's overwrite denies", nil, []*discordgo.PermissionOverwrite{ow("g", role, 0, send)}, view},
		{"a role's allow beats @everyone's deny", []string{"mod"}, []*discordgo.PermissionOverwrite{ow("g", role, 0, send), ow("mod", role, send, 0)}, view | send | embed},
		{"a role's deny beats the base", []string{"mod"}, []*discordgo.PermissionOverwrite{ow("mod", role, 0, embed)}, view | send},
		{"another role's overwrite does nothing", nil, []*discordgo.PermissionOverwrite{ow("mod", role, 0, send)}, view | send},
		{"the member's overwrite comes last", []string{"mod"}, []*discordgo.PermissionOverwrite{ow("mod", role, send, 0), ow("u", member, 0, send)}, view | embed},
		{"another member's overwrite does nothing", nil, []*discordgo.PermissionOverwrite{ow("v", member, 0, send)}, view | send},
		{"no View Channel, nothing", nil, []*discordgo.PermissionOverwrite{ow("u", member, 0, view)}, 0},
	}
	for _, tt := range tests {
		ch := &discordgo.Channel{ID: "c", GuildID: "g", PermissionOverwrites: tt.ows}
		if got := dailysetup.ChannelPermissions(g, ch, "u", tt.roles); got != tt.want {
			t.Errorf("%s: %b, want %b", tt.name, got, tt.want)
		}
	}
}
