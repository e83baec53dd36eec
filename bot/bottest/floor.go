package bottest

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot"
	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// The floors of the round-trip benchmarks: what prepcord's paths are
// measured beside, in the same run (see ./bench.sh).

// BareEcho is the floor: a bare discordgo session on its own loopback
// Discord, answering /echo with a fixed message, its autocomplete with a
// fixed choice, and /same with fixed bytes set by the benchmark (the very
// reply body prepcord sent for the path measured, so that the cost of
// carrying a reply that size through Discord is on both sides).
type BareEcho struct {
	Srv         *discordtest.Server
	same        atomic.Pointer[json.RawMessage]
	sameChoices atomic.Pointer[[]json.RawMessage] // by the typed text's number
}

// NewBareEcho starts the floor; it stops when the benchmark ends.
func NewBareEcho(b *testing.B) *BareEcho {
	b.Helper()
	srv := discordtest.New(discordtest.Options{})
	b.Cleanup(srv.Close)
	dg, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), bot.Intents)
	if err != nil {
		b.Fatal(err)
	}
	be := &BareEcho{Srv: srv}
	echo := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "echo"}}
	choice := &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "echo", Value: "echo"}}}}
	dg.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		endpoint := discordgo.EndpointInteractionResponse(i.ID, i.Token)
		data := i.ApplicationCommandData()
		switch {
		case i.Type == discordgo.InteractionApplicationCommandAutocomplete && data.Name == "same":
			n, _ := strconv.Atoi(data.Options[0].StringValue())
			_, _ = s.RequestWithBucketID("POST", endpoint, (*be.sameChoices.Load())[n], endpoint)
		case i.Type == discordgo.InteractionApplicationCommandAutocomplete:
			_ = s.InteractionRespond(i.Interaction, choice)
		case data.Name == "same":
			_, _ = s.RequestWithBucketID("POST", endpoint, *be.same.Load(), endpoint)
		default:
			_ = s.InteractionRespond(i.Interaction, echo)
		}
	})
	cmds := []*discordgo.ApplicationCommand{{Name: "echo", Description: "echo", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionString, Name: "text", Description: "text", Autocomplete: true}}},
		{Name: "same", Description: "answers with the bytes the benchmark set", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "text", Description: "which choices", Autocomplete: true}}}}
	if _, err := dg.ApplicationCommandBulkOverwrite(srv.ApplicationID(), "", cmds); err != nil {
		b.Fatal(err)
	}
	if err := dg.Open(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { dg.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.WaitReady(ctx); err != nil {
		b.Fatal(err)
	}
	return be
}

// Echo is one round trip of the bare /echo.
func (be *BareEcho) Echo(ctx context.Context) (time.Duration, error) {
	return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) {
		return be.Srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	})
}

// SameAs makes /same answer with the body of resp, a reply prepcord sent.
func (be *BareEcho) SameAs(resp *discordtest.Response) {
	raw := slices.Clone(resp.Raw)
	be.same.Store(&raw)
}

// SameChoicesAs makes autocomplete on /same with text "n" answer with
// choices[n], as prepcord's body for them.
func (be *BareEcho) SameChoicesAs(b *testing.B, choices [][]*discordgo.ApplicationCommandOptionChoice) {
	bodies := make([]json.RawMessage, len(choices))
	for n, ch := range choices {
		raw, err := json.Marshal(map[string]any{"type": discordgo.InteractionApplicationCommandAutocompleteResult,
			"data": map[string]any{"choices": ch}})
		if err != nil {
			b.Fatal(err)
		}
		bodies[n] = raw
	}
	be.sameChoices.Store(&bodies)
}

// SameReply is one round trip of the bare /same.
func (be *BareEcho) SameReply(ctx context.Context) (time.Duration, error) {
	return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) {
		return be.Srv.Slash(ctx, discordtest.Slash{Name: "same"})
	})
}

// ReportPair reports a path's percentiles beside its floor's, and their
// ratios.
func ReportPair(b *testing.B, floor, got discordtest.Percentiles) {
	ReportFloor(b, "bare", floor, got)
	b.ReportMetric(ms(got.P50), "p50-ms")
	b.ReportMetric(ms(got.P99), "p99-ms")
}

// ReportFloor reports one floor's percentiles and the path's ratios to it,
// as name-p50-ms, name-p99-ms and, for the bare floor, p50-ratio and
// p99-ratio (name-p50-ratio and name-p99-ratio for others).
func ReportFloor(b *testing.B, name string, floor, got discordtest.Percentiles) {
	b.ReportMetric(ms(floor.P50), name+"-p50-ms")
	b.ReportMetric(ms(floor.P99), name+"-p99-ms")
	prefix := name + "-"
	if name == "bare" {
		prefix = ""
	}
	if floor.P99 > 0 && floor.P50 > 0 {
		b.ReportMetric(float64(got.P99)/float64(floor.P99), prefix+"p99-ratio")
		b.ReportMetric(float64(got.P50)/float64(floor.P50), prefix+"p50-ratio")
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchCommand measures the round trip of a slash command beside both
// floors, interleaved in the same run: send(i) sends the command's i-th
// interaction, and prepcord's reply to the first is what the bare /same
// sends back. It reports the figures as ReportPair and ReportFloor do.
func BenchCommand(ctx context.Context, b *testing.B, bare *BareEcho, send func(i int) (*discordtest.Interaction, error)) {
	b.Helper()
	first, err := send(0)
	if err != nil {
		b.Fatal(err)
	}
	resp, err := first.Wait(ctx)
	if err != nil {
		b.Fatal(err)
	}
	bare.SameAs(resp)
	b.ResetTimer()
	got, err := discordtest.MeasureInterleaved(b.N,
		func(int) (time.Duration, error) { return bare.Echo(ctx) },
		func(int) (time.Duration, error) { return bare.SameReply(ctx) },
		func(i int) (time.Duration, error) {
			return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) { return send(i + 1) })
		})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	ReportPair(b, got[0], got[2])
	ReportFloor(b, "same", got[1], got[2])
}
