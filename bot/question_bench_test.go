package bot

import (
	"context"
	"fmt"
	"slices"
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

func reportPair(b *testing.B, floorP50, floorP99, p50, p99 time.Duration) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(floorP50), "bare-p50-ms")
	b.ReportMetric(ms(floorP99), "bare-p99-ms")
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	if floorP99 > 0 {
		b.ReportMetric(float64(p99)/float64(floorP99), "p99-ratio")
		b.ReportMetric(float64(p50)/float64(floorP50), "p50-ratio")
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
	fp50, fp99, err := discordtest.MeasureRoundTrips(ctx, b.N, func() (*discordtest.Interaction, error) {
		return bare.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	p50, p99, err := discordtest.MeasureRoundTrips(ctx, b.N, func() (*discordtest.Interaction, error) {
		i++
		return h.srv.Slash(ctx, discordtest.Slash{User: fmt.Sprintf("member%d", i%20), Name: "question",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "company", Value: filters[i%len(filters)][0]}, {Name: "difficulty", Value: filters[i%len(filters)][1]}}})
	})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportPair(b, fp50, fp99, p50, p99)
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
	measure := func(n int, call func(i int) error) (time.Duration, time.Duration) {
		lat := make([]time.Duration, 0, n)
		for i := 0; i < n; i++ {
			start := time.Now()
			if err := call(i); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(start))
		}
		slices.Sort(lat)
		at := func(p int) time.Duration { return lat[max(0, (len(lat)*p+99)/100-1)] }
		return at(50), at(99)
	}
	b.ResetTimer()
	fp50, fp99 := measure(b.N, func(int) error {
		ch, err := bare.srv.Autocomplete(ctx, discordtest.Slash{Name: "echo",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "text", Value: "e"}}}, "text")
		if err == nil && len(ch) != 1 {
			err = fmt.Errorf("bare: %d choices", len(ch))
		}
		return err
	})
	p50, p99 := measure(b.N, func(i int) error {
		ch, err := h.srv.Autocomplete(ctx, discordtest.Slash{User: "member", Name: "question",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "role", Value: "swe"}, {Name: "company", Value: typed[i%len(typed)]}}}, "company")
		if err == nil && len(ch) == 0 {
			err = fmt.Errorf("no choices for %q", typed[i%len(typed)])
		}
		return err
	})
	b.StopTimer()
	reportPair(b, fp50, fp99, p50, p99)
}
