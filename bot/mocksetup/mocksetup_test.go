package mocksetup_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/bot/mocksetup"
	"github.com/prepcord/prepcord/errs"
	"github.com/prepcord/prepcord/store"
)

const forms = "minutes (90) or a duration (45m, 2h, 1h30m, 1d), from 5 minutes to 7 days"

func TestParseExpiry(t *testing.T) {
	tests := []struct {
		in   string
		want int    // minutes
		msg  string // the exact message of a refusal
	}{
		{"default", 0, ""},
		{" DEFAULT ", 0, ""},
		{"90", 90, ""},
		{"2h", 120, ""},
		{"1h30m", 90, ""},
		{"1.5 hours", 90, ""},
		{"1d", 1440, ""},
		{"1w", 7 * 1440, ""},
		{"", 0, "Expiry: no queue expiry given: use " + forms + ". To go back to the default, use `expiry:default`."},
		{"4m", 0, `Expiry: "4m" is too short: a place in the queue lasts at least 5 minutes. To go back to the default, use ` + "`expiry:default`."},
		{"4", 0, `Expiry: "4" (minutes) is too short: a place in the queue lasts at least 5 minutes. To go back to the default, use ` + "`expiry:default`."},
		{"8d", 0, `Expiry: "8d" is too long: a place in the queue lasts at most 7 days. To go back to the default, use ` + "`expiry:default`."},
		{"2w", 0, `Expiry: "2w" is too long: a place in the queue lasts at most 7 days. To go back to the default, use ` + "`expiry:default`."},
		{"soon", 0, `Expiry: "soon" is not a queue expiry: use ` + forms + ". To go back to the default, use `expiry:default`."},
		{"5.5m", 0, `Expiry: "5.5m" is not a whole number of minutes. To go back to the default, use ` + "`expiry:default`."},
		{"2h\x00", 0, `Expiry: "2h\x00" is not a queue expiry: use ` + forms + ". To go back to the default, use `expiry:default`."},
		{strings.Repeat("9", 5000), 0, `Expiry: "` + strings.Repeat("9", 20) + `…" (minutes) is too long: a place in the queue lasts at most 7 days. To go back to the default, use ` + "`expiry:default`."},
	}
	for _, tt := range tests {
		got, err := mocksetup.ParseExpiry(tt.in)
		switch {
		case tt.msg == "" && (err != nil || got != tt.want):
			t.Errorf("ParseExpiry(%.30q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.msg != "" && (errs.CodeOf(err) != errs.Invalid || errs.Message(err) != tt.msg):
			t.Errorf("ParseExpiry(%.30q) = %d, %v\nwant %s", tt.in, got, err, tt.msg)
		}
	}
}

func TestParseSpan(t *testing.T) {
	const lo, hi = time.Hour, 8 * 7 * 24 * time.Hour
	tests := []struct {
		in   string
		want time.Duration
		msg  string
	}{
		{"3d", 3 * 24 * time.Hour, ""},
		{"1w", 7 * 24 * time.Hour, ""},
		{"2 Weeks", 14 * 24 * time.Hour, ""},
		{"1w3d", 10 * 24 * time.Hour, ""},
		{"12h", 12 * time.Hour, ""},
		{"90m", 90 * time.Minute, ""},
		{"8w", hi, ""},
		{"", 0, `"" is not a snooze: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`."},
		{"90", 0, `"90" is not a snooze: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`."},
		{"1.5d", 0, `"1.5d" is not a snooze: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`."},
		{"forever", 0, `"forever" is not a snooze: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`."},
		{"99999d", 0, `"99999d" is not a snooze: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`."},
		{"9w", 0, `"9w" is too long for a snooze: at most 8 weeks.`},
		{"30m", 0, `"30m" is too short for a snooze: at least 1 h.`},
		{"0d", 0, `"0d" is too short for a snooze: at least 1 h.`},
		{"**3d**", 0, `"\*\*3d\*\*" is not a snooze: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`."},
		// Shown in Discord as typed, the line break as \n, the mention inert.
		{"3d\n@everyone", 0, `"3d\\n@` + "\u200b" + `everyone" is not a snooze…`},
		{strings.Repeat("1d", 3000), 0, `"1d1d1d1d1d1d1d1d1d1…" is too long for a snooze: at most 8 weeks.`},
	}
	for _, tt := range tests {
		got, err := mocksetup.ParseSpan(tt.in, "snooze", lo, hi)
		msg := errs.Message(err)
		prefix, cut := strings.CutSuffix(tt.msg, "…")
		switch {
		case tt.msg == "" && (err != nil || got != tt.want):
			t.Errorf("ParseSpan(%.30q) = %v, %v; want %v", tt.in, got, err, tt.want)
		case tt.msg != "" && errs.CodeOf(err) != errs.Invalid,
			tt.msg != "" && cut && !strings.HasPrefix(msg, prefix),
			tt.msg != "" && !cut && msg != tt.msg:
			t.Errorf("ParseSpan(%.30q) = %v, %v\nwant %s", tt.in, got, err, tt.msg)
		}
	}
}

// TestOneLengthReader: the queue expiry and the lengths of breaks and
// check-ins are read by one parser (match.ParseLength), so a length both
// accept means the same to both.
func TestOneLengthReader(t *testing.T) {
	for _, in := range []string{"5m", "90m", "2h", "1h30m", "1 day", "1d12h", "1w", "3 days", "12 HOURS", "6 hrs 5 mins"} {
		span, err := mocksetup.ParseSpan(in, "length", time.Minute, match.MaxExpiry)
		if err != nil {
			t.Fatalf("ParseSpan(%q): %v", in, err)
		}
		expiry, err := match.ParseExpiry(in)
		if err != nil {
			t.Fatalf("ParseExpiry(%q): %v", in, err)
		}
		mins, ok := match.ParseLength(in, match.LengthForm{})
		if span != expiry || !ok || time.Duration(mins)*time.Minute != span {
			t.Errorf("%q: span %v, expiry %v, length %v min", in, span, expiry, mins)
		}
	}
}

func TestCheckinEveryAndStrikes(t *testing.T) {
	tests := []struct {
		in   string
		want int
		msg  string
	}{
		{"off", 0, ""},
		{" OFF ", 0, ""},
		{"1h", 60, ""},
		{"1d", 1440, ""},
		{"1 week", 10080, ""},
		{"59m", 0, `"59m" is too short for a check-in interval: at least 1 h. Or ` + "`every:off` to stop check-ins."},
		{"8d", 0, `"8d" is too long for a check-in interval: at most 1 week. Or ` + "`every:off` to stop check-ins."},
		{"never", 0, `"never" is not a check-in interval: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`. Or `every:off` to stop check-ins."},
		{"\x00\x01", 0, `"\\x00\\x01" is not a check-in interval: write a number and a unit, such as ` + "`3d`, `1w`, `2 weeks` or `12h`. Or `every:off` to stop check-ins."},
	}
	for _, tt := range tests {
		got, err := mocksetup.CheckinEvery(tt.in)
		switch {
		case tt.msg == "" && (err != nil || got != tt.want):
			t.Errorf("CheckinEvery(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.msg != "" && (errs.CodeOf(err) != errs.Invalid || errs.Message(err) != tt.msg):
			t.Errorf("CheckinEvery(%q) = %d, %v\nwant %s", tt.in, got, err, tt.msg)
		}
	}
	for n, ok := range map[int]bool{-1: false, 0: false, 1: true, mocksetup.MaxStrikes: true, mocksetup.MaxStrikes + 1: false, 1 << 40: false} {
		err := mocksetup.CheckStrikes(n)
		if ok != (err == nil) || !ok && errs.Message(err) != "Strikes must be a whole number from 1 to 10." {
			t.Errorf("CheckStrikes(%d): %v", n, err)
		}
	}
}

func TestVoiceCanTurnOn(t *testing.T) {
	cat := "123"
	if err := mocksetup.VoiceCanTurnOn(store.InterviewSetup{VoiceCategoryID: &cat}, store.InterviewSettings{}); err != nil {
		t.Errorf("with a category given: %v", err)
	}
	if err := mocksetup.VoiceCanTurnOn(store.InterviewSetup{}, store.InterviewSettings{VoiceCategoryID: "456"}); err != nil {
		t.Errorf("with a category set before: %v", err)
	}
	err := mocksetup.VoiceCanTurnOn(store.InterviewSetup{}, store.InterviewSettings{})
	if errs.CodeOf(err) != errs.Invalid || errs.Message(err) != "Voice channels need a category to live in: `/mock-admin setup voice-category:` and choose one." {
		t.Errorf("with no category: %v", err)
	}
}

func TestSpanAndDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		7 * 24 * time.Hour: "1 week", 14 * 24 * time.Hour: "2 weeks", 24 * time.Hour: "1 day", 3 * 24 * time.Hour: "3 days",
		12 * time.Hour: "12 h", 90 * time.Minute: "1 h 30 min", 8 * 24 * time.Hour: "8 days", 25 * time.Hour: "25 h",
	} {
		if got := mocksetup.Span(d); got != want {
			t.Errorf("Span(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		0: "a minute", 20 * time.Second: "a minute", 45 * time.Minute: "45 min", time.Hour: "1 h", 61*time.Minute + 40*time.Second: "1 h 2 min",
	} {
		if got := mocksetup.Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestChannelWants: the mock channel must be a text channel of the
// server, the voice channels' home a category of it; both are fetched
// from Discord.
func TestChannelWants(t *testing.T) {
	srv := discordtest.New(discordtest.Options{Guilds: []discordtest.GuildSpec{{Name: "Prep"}, {Name: "Other"}}})
	t.Cleanup(srv.Close)
	s, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), 0)
	if err != nil {
		t.Fatal(err)
	}
	g, other := srv.Guilds()[0].ID, srv.Guilds()[1].ID
	add := func(guild, name string, typ discordgo.ChannelType) string {
		ch, err := srv.AddChannel(guild, name, typ, "")
		if err != nil {
			t.Fatal(err)
		}
		return ch.ID
	}
	text, cat, voice := add(g, "mock", discordgo.ChannelTypeGuildText), add(g, "Pairs", discordgo.ChannelTypeGuildCategory), add(g, "Room", discordgo.ChannelTypeGuildVoice)
	elsewhere := add(other, "mock", discordgo.ChannelTypeGuildText)
	tests := []struct {
		name string
		want bot.ChannelWant
		id   string
		msg  string
	}{
		{"text channel", mocksetup.Channel, text, ""},
		{"category as the mock channel", mocksetup.Channel, cat, "<#" + cat + "> is not a text channel. Choose a text channel of this server for the mock interview channel."},
		{"voice as the mock channel", mocksetup.Channel, voice, "<#" + voice + "> is not a text channel. Choose a text channel of this server for the mock interview channel."},
		{"another server's", mocksetup.Channel, elsewhere, "That channel is not in this server. Choose a text channel of this server for the mock interview channel."},
		{"not an id", mocksetup.Channel, "mock", "Choose the mock interview channel from the list Discord offers."},
		{"category", mocksetup.VoiceCategory, cat, ""},
		{"text as the category", mocksetup.VoiceCategory, text, "<#" + text + "> is not a category. Choose a category of this server for the voice channels of pairs."},
	}
	for _, tt := range tests {
		_, err := bot.FetchChannelOf(context.Background(), s, g, tt.id, tt.want)
		switch {
		case tt.msg == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.msg != "" && (errs.CodeOf(err) != errs.Invalid || errs.Message(err) != tt.msg):
			t.Errorf("%s: %v\nwant %s", tt.name, err, tt.msg)
		}
	}
}
