package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
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

// sameAs makes /same answer with the body of resp, a reply prepcord sent.
func (be *bareEcho) sameAs(resp *discordtest.Response) {
	raw := slices.Clone(resp.Raw)
	be.same.Store(&raw)
}

// sameChoicesAs makes autocomplete on /same with text "n" answer with
// choices[n], as prepcord's body for them.
func (be *bareEcho) sameChoicesAs(b *testing.B, choices [][]*discordgo.ApplicationCommandOptionChoice) {
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

// sameReply is one round trip of the bare /same.
func (be *bareEcho) sameReply(ctx context.Context) (time.Duration, error) {
	return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) {
		return be.srv.Slash(ctx, discordtest.Slash{Name: "same"})
	})
}

func benchHarness(b *testing.B) *harness {
	// "-" loads no OpenAPI description: the figures measure the bot, not
	// the loopback's validation (the tests validate every body).
	return newHarness(b, harnessOpts{bank: genBenchBank(10000, 300), srv: discordtest.Options{OpenAPISpecPath: "-"}})
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

// BenchmarkQuestionRoundTrip is /question with a company and a difficulty,
// from INTERACTION_CREATE to the reply's callback, beside two floors: the
// bare /echo (a few bytes) and the bare /same, which sends a reply
// prepcord gave for /question, byte for byte, without choosing or
// rendering it (reported as same-p50-ms, same-p99-ms and same-*-ratio).
func BenchmarkQuestionRoundTrip(b *testing.B) {
	bare := newBareEcho(b)
	h := benchHarness(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// Company n of genBenchBank has only difficulty n%3; these pairs match.
	filters := [][2]string{{"TikTok", "easy"}, {"Company 017", "hard"}, {"company 151", "medium"}, {"Company 299", "hard"}}
	question := func(i int) (*discordtest.Interaction, error) {
		return h.srv.Slash(ctx, discordtest.Slash{User: fmt.Sprintf("member%d", i%20), Name: "question",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "company", Value: filters[i%len(filters)][0]}, {Name: "difficulty", Value: filters[i%len(filters)][1]}}})
	}
	first, err := question(0)
	if err != nil {
		b.Fatal(err)
	}
	resp, err := first.Wait(ctx)
	if err != nil {
		b.Fatal(err)
	}
	bare.sameAs(resp)
	b.ResetTimer()
	got, err := discordtest.MeasureInterleaved(b.N,
		func(int) (time.Duration, error) { return bare.echo(ctx) },
		func(int) (time.Duration, error) { return bare.sameReply(ctx) },
		func(i int) (time.Duration, error) {
			return discordtest.RoundTrip(ctx, func() (*discordtest.Interaction, error) { return question(i + 1) })
		})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportPair(b, got[0], got[2])
	reportFloor(b, "same", got[1], got[2])
}

// BenchmarkAutocompleteRoundTrip is company autocomplete with a role
// already chosen, from sending it to receiving the choices, beside the
// bare handler's fixed choice and, as same-*, the bare handler sending
// prepcord's own choices for the same typed text, measured the same way.
func BenchmarkAutocompleteRoundTrip(b *testing.B) {
	bare := newBareEcho(b)
	h := benchHarness(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	typed := []string{"tik", "comp 1", "cmpany 2", ""}
	complete := func(i int) ([]*discordgo.ApplicationCommandOptionChoice, error) {
		ch, err := h.srv.Autocomplete(ctx, discordtest.Slash{User: "member", Name: "question",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "role", Value: "swe"}, {Name: "company", Value: typed[i%len(typed)]}}}, "company")
		if err == nil && len(ch) == 0 {
			err = fmt.Errorf("no choices for %q", typed[i%len(typed)])
		}
		return ch, err
	}
	// The choices prepcord gives for each typed text are what the bare
	// /same sends back, byte for byte.
	var answers [][]*discordgo.ApplicationCommandOptionChoice
	for i := range typed {
		ch, err := complete(i)
		if err != nil {
			b.Fatal(err)
		}
		answers = append(answers, ch)
	}
	bare.sameChoicesAs(b, answers)
	timed := func(call func() error) (time.Duration, error) {
		start := time.Now()
		err := call()
		return time.Since(start), err
	}
	bareComplete := func(name, text string, want int) (time.Duration, error) {
		return timed(func() error {
			ch, err := bare.srv.Autocomplete(ctx, discordtest.Slash{Name: name,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "text", Value: text}}}, "text")
			if err == nil && len(ch) != want {
				err = fmt.Errorf("bare /%s: %d choices, want %d", name, len(ch), want)
			}
			return err
		})
	}
	b.ResetTimer()
	got, err := discordtest.MeasureInterleaved(b.N,
		func(int) (time.Duration, error) { return bareComplete("echo", "e", 1) },
		func(i int) (time.Duration, error) {
			return bareComplete("same", strconv.Itoa(i%len(typed)), len(answers[i%len(typed)]))
		},
		func(i int) (time.Duration, error) {
			return timed(func() error { _, err := complete(i); return err })
		})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportPair(b, got[0], got[2])
	reportFloor(b, "same", got[1], got[2])
}
