package bot

import (
	"context"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/data/datatest"
)

// The benchmark floor of the benchmarks still in package bot (/mock),
// which cannot import bot/bottest (it imports the bot); bottest has the
// same floor, exported (bottest.NewBareEcho, ReportPair), for the
// features' own benchmarks. This file goes once the rest of bot's
// benchmarks have moved.

// genBenchBank makes n valid questions over companies (one in each
// `companies` is TikTok).
func genBenchBank(n, companies int) []data.Question { return datatest.Bank(n, companies) }

// bareEcho is the floor: a bare discordgo session on its own loopback
// Discord, answering /echo with a fixed message, its autocomplete with a
// fixed choice, and /same with fixed bytes set by the benchmark (the very
// reply body prepcord sent for the path measured, so that the cost of
// carrying a reply that size through Discord is on both sides).
type bareEcho struct {
	srv         *discordtest.Server
	same        atomic.Pointer[json.RawMessage]
	sameChoices atomic.Pointer[[]json.RawMessage] // by the typed text's number
}

func newBareEcho(b *testing.B) *bareEcho {
	b.Helper()
	srv := discordtest.New(discordtest.Options{})
	b.Cleanup(srv.Close)
	dg, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), Intents)
	if err != nil {
		b.Fatal(err)
	}
	be := &bareEcho{srv: srv}
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

// echo is one round trip of the bare /echo.
func (be *bareEcho) echo(ctx context.Context) (time.Duration, error) {
	return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) {
		return be.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	})
}

// reportPair reports a path's percentiles beside its floor's, and their
// ratios.
func reportPair(b *testing.B, floor, got discordtest.Percentiles) {
	reportFloor(b, "bare", floor, got)
	b.ReportMetric(ms(got.P50), "p50-ms")
	b.ReportMetric(ms(got.P99), "p99-ms")
}

// reportFloor reports one floor's percentiles and the path's ratios to it,
// as name-p50-ms, name-p99-ms and, for the bare floor, p50-ratio and
// p99-ratio (name-p50-ratio and name-p99-ratio for others).
func reportFloor(b *testing.B, name string, floor, got discordtest.Percentiles) {
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
