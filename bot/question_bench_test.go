package bot

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data"
	"github.com/prepcord/prepcord/data/datatest"
)

// Benchmarks of /question and its autocomplete on a 10,000-question bank,
// each beside the floor measured in the same run: a bare discordgo handler
// on its own loopback Discord answering a fixed reply (or a fixed choice).
// Run with, for example:
//
//	go test ./bot/ -run '^$' -bench 'RoundTrip' -benchtime 2000x

// genBenchBank makes n valid questions over companies (one in each
// `companies` is TikTok).
func genBenchBank(n, companies int) []data.Question { return datatest.Bank(n, companies) }

// bareEcho is the floor: a bare discordgo session on its own loopback
// Discord, answering /echo with a fixed message and its autocomplete with a
// fixed choice.
type bareEcho struct {
	srv *discordtest.Server
}

func newBareEcho(b *testing.B) *bareEcho {
	b.Helper()
	srv := discordtest.New(discordtest.Options{})
	b.Cleanup(srv.Close)
	dg, err := discordhttp.NewSession(srv.Token(), srv.APIURL(), Intents)
	if err != nil {
		b.Fatal(err)
	}
	dg.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "echo"}}
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			resp = &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
				Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "echo", Value: "echo"}}}}
		}
		_ = s.InteractionRespond(i.Interaction, resp)
	})
	cmds := []*discordgo.ApplicationCommand{{Name: "echo", Description: "echo", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionString, Name: "text", Description: "text", Autocomplete: true}}}}
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
	return &bareEcho{srv: srv}
}

func benchHarness(b *testing.B) *harness {
	// "-" loads no OpenAPI description: the figures measure the bot, not
	// the loopback's validation (the tests validate every body).
	return newHarness(b, harnessOpts{bank: genBenchBank(10000, 300), srv: discordtest.Options{OpenAPISpecPath: "-"}})
}

func reportPair(b *testing.B, floor, got discordtest.Percentiles) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(floor.P50), "bare-p50-ms")
	b.ReportMetric(ms(floor.P99), "bare-p99-ms")
	b.ReportMetric(ms(got.P50), "p50-ms")
	b.ReportMetric(ms(got.P99), "p99-ms")
	if floor.P99 > 0 && floor.P50 > 0 {
		b.ReportMetric(float64(got.P99)/float64(floor.P99), "p99-ratio")
		b.ReportMetric(float64(got.P50)/float64(floor.P50), "p50-ratio")
	}
}

// BenchmarkQuestionRoundTrip is /question with a company and a difficulty,
// from INTERACTION_CREATE to the reply's callback, beside the bare echo.
func BenchmarkQuestionRoundTrip(b *testing.B) {
	bare := newBareEcho(b)
	h := benchHarness(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// Company n of genBenchBank has only difficulty n%3; these pairs match.
	filters := [][2]string{{"TikTok", "easy"}, {"Company 017", "hard"}, {"company 151", "medium"}, {"Company 299", "hard"}}
	b.ResetTimer()
	floor, got, err := discordtest.MeasurePair(b.N, func(int) (time.Duration, error) {
		return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) {
			return bare.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
		})
	}, func(i int) (time.Duration, error) {
		return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) {
			return h.srv.Slash(ctx, discordtest.Slash{User: fmt.Sprintf("member%d", i%20), Name: "question",
				Options: []*discordgo.ApplicationCommandInteractionDataOption{
					{Name: "company", Value: filters[i%len(filters)][0]}, {Name: "difficulty", Value: filters[i%len(filters)][1]}}})
		})
	})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportPair(b, floor, got)
}

// BenchmarkAutocompleteRoundTrip is company autocomplete with a role
// already chosen, from sending it to receiving the choices, beside the
// bare handler's fixed choice measured the same way.
func BenchmarkAutocompleteRoundTrip(b *testing.B) {
	bare := newBareEcho(b)
	h := benchHarness(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	typed := []string{"tik", "comp 1", "cmpany 2", ""}
	timed := func(call func() error) (time.Duration, error) {
		start := time.Now()
		err := call()
		return time.Since(start), err
	}
	b.ResetTimer()
	floor, got, err := discordtest.MeasurePair(b.N, func(int) (time.Duration, error) {
		return timed(func() error {
			ch, err := bare.srv.Autocomplete(ctx, discordtest.Slash{Name: "echo",
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "text", Value: "e"}}}, "text")
			if err == nil && len(ch) != 1 {
				err = fmt.Errorf("bare: %d choices", len(ch))
			}
			return err
		})
	}, func(i int) (time.Duration, error) {
		return timed(func() error {
			ch, err := h.srv.Autocomplete(ctx, discordtest.Slash{User: "member", Name: "question",
				Options: []*discordgo.ApplicationCommandInteractionDataOption{
					{Name: "role", Value: "swe"}, {Name: "company", Value: typed[i%len(typed)]}}}, "company")
			if err == nil && len(ch) == 0 {
				err = fmt.Errorf("no choices for %q", typed[i%len(typed)])
			}
			return err
		})
	})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportPair(b, floor, got)
}
