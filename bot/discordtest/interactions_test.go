package discordtest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// demoBot is a small bot covering deferral, follow-ups, components, modals, autocomplete
// and threads, the way prepcord's handlers use them.
func demoBot(t testing.TB) func(*discordgo.Session, *discordgo.InteractionCreate) {
	return func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		var err error
		switch i.Type {
		case discordgo.InteractionApplicationCommandAutocomplete:
			var choices []*discordgo.ApplicationCommandOptionChoice
			for _, c := range []string{"tiktok", "google", "meta"} {
				if strings.HasPrefix(c, i.ApplicationCommandData().Options[0].StringValue()) {
					choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
				}
			}
			err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
				Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: choices},
			})
		case discordgo.InteractionApplicationCommand:
			if i.ApplicationCommandData().Name == "echo" {
				err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
				if err == nil {
					_, err = s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{
						Content: "Pick one",
						Components: []discordgo.MessageComponent{
							discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{CustomID: "q1/pick", Options: []discordgo.SelectMenuOption{
								{Label: "Easy", Value: "easy"}, {Label: "Hard", Value: "hard"}, {Label: "Very Hard", Value: "very-hard"},
							}}}},
							discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "Give feedback", Style: discordgo.PrimaryButton, CustomID: "m1/feedback/7"}}},
						},
					})
				}
				if err == nil {
					_, err = s.FollowupMessageCreate(i.Interaction, true, &discordgo.WebhookParams{Content: "a second follow-up"})
				}
				return
			}
			err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "Error: unknown"}})
		case discordgo.InteractionMessageComponent:
			d := i.MessageComponentData()
			switch d.CustomID {
			case "q1/pick":
				err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseUpdateMessage,
					// Discord clears components sent as null (discordgo always sends the
					// field), so an update keeps the ones it wants.
					Data: &discordgo.InteractionResponseData{Content: "You picked " + d.Values[0], Components: i.Message.Components},
				})
			case "m1/feedback/7":
				err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
					Type: discordgo.InteractionResponseModal,
					Data: &discordgo.InteractionResponseData{CustomID: "m1/fb/7", Title: "Feedback", Components: []discordgo.MessageComponent{
						discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "communication", Label: "Communication (1-5)", Style: discordgo.TextInputShort, Required: true, MaxLength: 1}}},
						discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "notes", Label: "Notes", Style: discordgo.TextInputParagraph, MaxLength: 4000}}},
					}},
				})
			}
		case discordgo.InteractionModalSubmit:
			d := i.ModalSubmitData()
			v := d.Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput).Value
			err = s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "Thanks, communication " + v, Flags: discordgo.MessageFlagsEphemeral}})
			if err == nil {
				var th *discordgo.Channel
				th, err = s.ThreadStartComplex(i.ChannelID, &discordgo.ThreadStart{Name: "mock: alice + bob", Type: discordgo.ChannelTypeGuildPrivateThread, Invitable: false, AutoArchiveDuration: 1440})
				if err == nil {
					err = s.ThreadMemberAdd(th.ID, i.Member.User.ID)
				}
				if err == nil {
					_, err = s.ChannelMessageSend(th.ID, "Welcome <@"+i.Member.User.ID+">")
				}
			}
		}
		if err != nil {
			t.Errorf("bot: %v", err)
		}
	}
}

func TestDeferredFollowupsComponentsModalThread(t *testing.T) {
	h := start(t, discordtest.Options{}, demoBot(t))
	ctx := ctxT(t)
	in, err := h.srv.Slash(ctx, discordtest.Slash{User: "alice", Name: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := in.WaitMessage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.Content != "Pick one" || m.Flags&discordgo.MessageFlagsLoading != 0 {
		t.Fatalf("first follow-up should replace the loading message: %+v", m)
	}
	if err := h.srv.WaitFor(ctx, func() bool { return len(in.Messages()) == 2 }); err != nil {
		t.Fatalf("messages: %d", len(in.Messages()))
	}
	sel, err := h.srv.Select(ctx, "alice", m, "q1/pick", "Hard")
	if err != nil {
		t.Fatal(err)
	}
	upd, err := sel.WaitMessage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if upd.ID != m.ID || upd.Content != "You picked hard" {
		t.Errorf("update: %s %q", upd.ID, upd.Content)
	}
	click, err := h.srv.ClickLabel(ctx, "alice", upd, "Give feedback")
	if err != nil {
		t.Fatal(err)
	}
	if r, err := click.Wait(ctx); err != nil || r.Type != discordgo.InteractionResponseModal {
		t.Fatalf("modal response %v %v", r, err)
	}
	if _, err := h.srv.SubmitModal(ctx, "alice", "m1/fb/7", map[string]string{"communication": "42"}); err == nil {
		t.Error("value longer than max_length accepted")
	}
	sub, err := h.srv.SubmitModal(ctx, "alice", "m1/fb/7", map[string]string{"Communication (1-5)": "4", "notes": "clear"})
	if err != nil {
		t.Fatal(err)
	}
	thanks, err := sub.WaitMessage(ctx)
	if err != nil || thanks.Content != "Thanks, communication 4" || thanks.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("thanks %+v %v", thanks, err)
	}
	if err := h.srv.WaitFor(ctx, func() bool {
		th := h.srv.Threads()
		return len(th) == 1 && len(h.srv.Messages(th[0].ID)) == 1
	}); err != nil {
		t.Fatal("no thread with a welcome message")
	}
	th := h.srv.Threads()[0]
	if th.Type != discordgo.ChannelTypeGuildPrivateThread || len(h.srv.ThreadMembers(th.ID)) != 2 {
		t.Errorf("thread %+v members %v", th, h.srv.ThreadMembers(th.ID))
	}
	if err := h.srv.Check(); err != nil {
		t.Error(err)
	}
}

func TestAutocomplete(t *testing.T) {
	h := start(t, discordtest.Options{}, demoBot(t))
	choices, err := h.srv.Autocomplete(ctxT(t), discordtest.Slash{Name: "question", Options: []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: "company", Value: "ti"},
	}}, "company")
	if err != nil {
		t.Fatal(err)
	}
	if len(choices) != 1 || choices[0].Name != "tiktok" {
		t.Errorf("choices %+v", choices)
	}
	if err := h.srv.Check(); err != nil {
		t.Error(err)
	}
}

func TestConsoleScript(t *testing.T) {
	h := start(t, discordtest.Options{}, demoBot(t))
	script := strings.Join([]string{
		"# a session of prepcord try",
		"as alice",
		"/echo",
		"select Easy",
		"click Give feedback",
		"modal communication=5 notes=\"great pairing\"",
		"in thread mock: alice + bob",
		"say hello partner",
		"in #general",
		"/question difficulty:hard",
		"quit",
	}, "\n")
	var out bytes.Buffer
	con := discordtest.NewConsole(h.srv, strings.NewReader(script), &out, discordtest.ConsoleOptions{
		IsError: func(m *discordgo.Message) bool { return strings.HasPrefix(m.Content, "Error") },
	})
	err := con.Run(context.Background())
	text := out.String()
	for _, want := range []string{"Pick one", "[Give feedback]", "You picked easy", `modal "Feedback"`, "Thanks, communication 5", "private thread", "Welcome", "Error: unknown"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if err == nil || !strings.Contains(err.Error(), "1 error replies") {
		t.Errorf("Run() = %v, want the error reply reported", err)
	}
	if t.Failed() {
		t.Log(text)
	}
}

func TestRender(t *testing.T) {
	m := &discordgo.Message{
		Author:  &discordgo.User{Username: "prepcord", Bot: true},
		Content: "Here you go",
		Flags:   discordgo.MessageFlagsEphemeral,
		Embeds: []*discordgo.MessageEmbed{{Title: "Two Sum", Description: "Find two numbers", Color: 0x57F287,
			Fields: []*discordgo.MessageEmbedField{{Name: "Difficulty", Value: "easy"}}, Footer: &discordgo.MessageEmbedFooter{Text: "tiktok · onsite"}}},
		Components: []discordgo.MessageComponent{&discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			&discordgo.Button{Label: "Solution", CustomID: "a"}, &discordgo.Button{Label: "Next", CustomID: "b"}}}},
		Attachments: []*discordgo.MessageAttachment{{Filename: "bank.csv", Size: 12}},
	}
	var b bytes.Buffer
	if err := discordtest.Render(&b, m); err != nil {
		t.Fatal(err)
	}
	want := "── prepcord (bot) · only you can see this\n  Here you go\n  ┃ Two Sum\n  │ Find two numbers\n  │ • Difficulty: easy\n  └ tiktok · onsite · green\n  [Solution] [Next]\n  📎 bank.csv (12 bytes)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestConsoleFormsPerUserAndSelectLabels: a form belongs to the user who
// opened it: after alice submitted hers, "as bob click Give feedback" then
// "modal ..." submits bob's, not alice's closed one again; "as bob modal"
// names bob's; a select label with spaces needs no quotes.
func TestConsoleFormsPerUserAndSelectLabels(t *testing.T) {
	h := start(t, discordtest.Options{}, demoBot(t))
	script := strings.Join([]string{
		"as alice",
		"/echo",
		"select Very Hard",
		"click Give feedback",
		"modal communication=5",
		"as bob click Give feedback",
		"modal communication=3",
		"modal communication=2",
		"as bob click Give feedback",
		"as carol modal communication=1",
		"as bob modal communication=4",
	}, "\n")
	var out bytes.Buffer
	con := discordtest.NewConsole(h.srv, strings.NewReader(script), &out, discordtest.ConsoleOptions{})
	err := con.Run(context.Background())
	text := out.String()
	for _, want := range []string{
		"You picked very-hard",
		"Thanks, communication 5",
		"(submitted by bob, who opened this form)",
		"Thanks, communication 3",
		"(members: prepcord, bob)",
		"! alice has no form open",
		"! carol has no form open",
		"Thanks, communication 4",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Count(text, "(members: prepcord, alice)") != 1 || strings.Count(text, "(members: prepcord, bob)") != 2 {
		t.Errorf("want one form submitted by alice and two by bob")
	}
	if err == nil || strings.Contains(err.Error(), "communication=3") || strings.Contains(err.Error(), "communication=4") {
		t.Errorf("Run() = %v: want only the submits without an open form reported", err)
	}
	if t.Failed() {
		t.Log(text)
	}
}
