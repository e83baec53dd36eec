package discordtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// commands is a small command set in the shape prepcord registers.
func commands() []*discordgo.ApplicationCommand {
	manage := int64(discordgo.PermissionManageGuild)
	return []*discordgo.ApplicationCommand{
		{
			Name: "question", Description: "Get an interview question",
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "company", Description: "Company", Autocomplete: true},
				{Type: discordgo.ApplicationCommandOptionString, Name: "difficulty", Description: "Difficulty", Choices: []*discordgo.ApplicationCommandOptionChoice{
					{Name: "easy", Value: "easy"}, {Name: "medium", Value: "medium"}, {Name: "hard", Value: "hard"},
				}},
			},
		},
		{
			Name: "daily", Description: "Daily question", DefaultMemberPermissions: &manage,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "setup", Description: "Set up", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionChannel, Name: "channel", Description: "Channel", Required: true},
					{Type: discordgo.ApplicationCommandOptionString, Name: "time", Description: "HH:MM", Required: true},
					{Type: discordgo.ApplicationCommandOptionString, Name: "timezone", Description: "IANA zone", Required: true},
					{Type: discordgo.ApplicationCommandOptionInteger, Name: "days", Description: "Days"},
				}},
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "status", Description: "Status"},
			},
		},
		{
			Name: "bank", Description: "Question bank", DefaultMemberPermissions: &manage,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "import", Description: "Import", Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", Description: "YAML, JSON or CSV", Required: true},
				}},
			},
		},
		{Name: "echo", Description: "Echo"},
	}
}

type harness struct {
	t   testing.TB
	srv *discordtest.Server
	dg  *discordgo.Session
}

// noSpec as Options.OpenAPISpecPath tells start not to validate against the spec.
const noSpec = "-"

// start runs a loopback Discord and a real discordgo session against it, with commands
// registered and handler installed.
func start(t testing.TB, opts discordtest.Options, handler func(*discordgo.Session, *discordgo.InteractionCreate)) *harness {
	t.Helper()
	switch opts.OpenAPISpecPath {
	case noSpec:
		opts.OpenAPISpecPath = ""
	case "":
		opts.OpenAPISpecPath = discordtest.DefaultSpecPath()
		switch opts.OpenAPISpecPath {
		case noSpec:
			opts.OpenAPISpecPath = ""
		case "":
			t.Log("OpenAPI spec not found; request bodies are not validated against it")
		}
	}
	if opts.Logf == nil && testing.Verbose() {
		opts.Logf = t.Logf
	}
	srv := discordtest.New(opts)
	dg, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), discordgo.IntentsGuilds|discordgo.IntentsGuildMessages)
	if err != nil {
		t.Fatal(err)
	}
	dg.LogLevel = debugLevel
	if handler != nil {
		dg.AddHandler(handler)
	}
	if _, err := dg.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", commands()); err != nil {
		t.Fatalf("register commands: %v", err)
	}
	if err := dg.Open(); err != nil {
		t.Fatalf("open: %v", err)
	}
	h := &harness{t: t, srv: srv, dg: dg}
	t.Cleanup(func() {
		_ = dg.Close()
		srv.Close()
	})
	return h
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func reply(s *discordgo.Session, i *discordgo.InteractionCreate, content string) error {
	return s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: content},
	})
}

func TestHandshakeReadyAndGuildCreate(t *testing.T) {
	ready := make(chan *discordgo.Ready, 1)
	srv := discordtest.New(discordtest.Options{})
	defer srv.Close()
	dg, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), discordgo.IntentsGuilds)
	if err != nil {
		t.Fatal(err)
	}
	dg.LogLevel = -1
	guildCreated := make(chan *discordgo.GuildCreate, 1)
	dg.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	dg.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { guildCreated <- g })
	if err := dg.Open(); err != nil {
		t.Fatal(err)
	}
	defer dg.Close()
	var r *discordgo.Ready
	select {
	case r = <-ready:
	case <-time.After(5 * time.Second):
		t.Fatal("no READY")
	}
	if r.Application == nil || r.Application.ID != srv.ApplicationID() || r.User.ID != srv.BotUser().ID || r.SessionID == "" {
		t.Fatalf("READY = %+v", r)
	}
	select {
	case <-guildCreated:
	case <-time.After(5 * time.Second):
		t.Fatal("no GUILD_CREATE")
	}
	g := srv.DefaultGuild()
	sg, err := dg.State.Guild(g.ID)
	if err != nil {
		t.Fatalf("state guild: %v", err)
	}
	if sg.Name != "Prep Community" || sg.MemberCount != 2 {
		t.Errorf("guild in state: name=%q members=%d", sg.Name, sg.MemberCount)
	}
	general, err := dg.State.Channel(srv.ChannelByName(g.ID, "general").ID)
	if err != nil || general.Name != "general" {
		t.Fatalf("#general in state: %v %v", general, err)
	}
	if _, err := dg.State.Member(g.ID, srv.BotUser().ID); err != nil {
		t.Errorf("bot member not in state: %v", err)
	}
	if len(sg.Roles) < 2 {
		t.Errorf("roles: %d", len(sg.Roles))
	}
	if err := srv.Check(); err != nil {
		t.Error(err)
	}
}

func TestSlashReplyRecordedAndValid(t *testing.T) {
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		if i.Type != discordgo.InteractionApplicationCommand {
			return
		}
		d := i.ApplicationCommandData()
		company := d.GetOption("company").StringValue()
		_ = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Embeds: []*discordgo.MessageEmbed{{Title: "Two Sum", Description: "at " + company, Color: 0x5865F2,
					Fields: []*discordgo.MessageEmbedField{{Name: "Difficulty", Value: d.GetOption("difficulty").StringValue(), Inline: true}}}},
				Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
					discordgo.Button{Label: "Solution", Style: discordgo.PrimaryButton, CustomID: "q1/solution/two-sum"},
				}}},
				Flags: discordgo.MessageFlagsEphemeral,
			},
		})
	})
	ctx := ctxT(t)
	in, err := h.srv.Command(ctx, "alice", "", `/question company:"tik tok" difficulty:medium`)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := in.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Embeds[0].Description != "at tik tok" {
		t.Fatalf("response %+v", resp)
	}
	m := in.Message()
	if m == nil || m.Flags&discordgo.MessageFlagsEphemeral == 0 || len(m.Components) != 1 {
		t.Fatalf("message %+v", m)
	}
	if got := h.srv.Messages(in.ChannelID); len(got) != 0 {
		t.Errorf("ephemeral reply stored in channel: %d", len(got))
	}
	reqs := h.srv.RequestsTo("POST /interactions/{id}/{token}/callback")
	if len(reqs) != 1 || reqs[0].Status != 204 {
		t.Fatalf("callback requests: %+v", reqs)
	}
	var body struct {
		Data struct {
			Embeds []struct{ Fields []struct{ Value string } }
		}
	}
	if err := json.Unmarshal(reqs[0].JSON, &body); err != nil || body.Data.Embeds[0].Fields[0].Value != "medium" {
		t.Errorf("recorded body %s (%v)", reqs[0].JSON, err)
	}
	if err := h.srv.Check(); err != nil {
		t.Errorf("violations: %v", err)
	}
	// The Solution button leads to another interaction on the ephemeral message.
	click, err := h.srv.ClickLabel(ctx, "", m, "solution")
	if err != nil {
		t.Fatal(err)
	}
	if click.UserID != in.UserID {
		t.Errorf("click by %s, want %s", click.UserID, in.UserID)
	}
}

func TestParseCommandSubcommandsAndTypes(t *testing.T) {
	got := make(chan discordgo.ApplicationCommandInteractionData, 1)
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		if i.Type == discordgo.InteractionApplicationCommand {
			got <- i.ApplicationCommandData()
			_ = reply(s, i, "ok")
		}
	})
	ctx := ctxT(t)
	if _, err := h.srv.ParseCommand("/daily setup time:09:00"); err == nil || !strings.Contains(err.Error(), "channel") {
		t.Errorf("missing required option accepted? %v", err)
	}
	if _, err := h.srv.ParseCommand("/daily"); err == nil {
		t.Error("missing subcommand accepted")
	}
	if _, err := h.srv.ParseCommand("/nope"); !errors.Is(err, discordtest.ErrUnknownCommand) {
		t.Errorf("unknown command: %v", err)
	}
	in, err := h.srv.Command(ctx, "admin", "", "/daily setup channel:#general time:09:00 timezone:Europe/London days:5")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	d := <-got
	sub := d.Options[0]
	if d.Name != "daily" || sub.Name != "setup" || sub.Type != discordgo.ApplicationCommandOptionSubCommand {
		t.Fatalf("data %+v", d)
	}
	ch := sub.GetOption("channel")
	if ch.Type != discordgo.ApplicationCommandOptionChannel || ch.Value != h.srv.ChannelByName(in.GuildID, "general").ID {
		t.Errorf("channel option %+v", ch)
	}
	if d.Resolved == nil || d.Resolved.Channels[ch.Value.(string)] == nil {
		t.Errorf("channel not resolved: %+v", d.Resolved)
	}
	if days := sub.GetOption("days"); days.IntValue() != 5 {
		t.Errorf("days %v", days.Value)
	}
	if tz := sub.GetOption("timezone"); tz.StringValue() != "Europe/London" {
		t.Errorf("timezone %v", tz.Value)
	}
}

func TestSlashOptionsAttachmentAndDM(t *testing.T) {
	got := make(chan *discordgo.InteractionCreate, 2)
	h := start(t, discordtest.Options{}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		got <- i
		_ = reply(s, i, "ok")
	})
	ctx := ctxT(t)
	in, err := h.srv.Slash(ctx, discordtest.Slash{User: "bob", Name: "bank", Options: []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: "import", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "file", Value: discordtest.File{Name: "q.yaml", Data: []byte("title: Two Sum\n")}},
		}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	i := <-got
	att := i.ApplicationCommandData().Options[0].Options[0]
	a := i.ApplicationCommandData().Resolved.Attachments[att.Value.(string)]
	if a == nil || a.Filename != "q.yaml" || !strings.HasPrefix(a.URL, "http://127.0.0.1") {
		t.Fatalf("attachment %+v", a)
	}
	if i.Member == nil || i.Member.User.Username != "bob" || i.AppPermissions == 0 {
		t.Errorf("member %+v app_permissions %d", i.Member, i.AppPermissions)
	}
	if _, err := in.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	// DM: no guild, user instead of member.
	if _, err := h.srv.Slash(ctx, discordtest.Slash{User: "bob", DM: true, Name: "echo"}); err != nil {
		t.Fatal(err)
	}
	dm := <-got
	if dm.GuildID != "" || dm.Member != nil || dm.User == nil || dm.User.Username != "bob" {
		t.Errorf("DM interaction: guild=%q member=%v user=%v", dm.GuildID, dm.Member, dm.User)
	}
}

var debugLevel = -1
