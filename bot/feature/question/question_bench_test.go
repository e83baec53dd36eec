package question_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/internal/pgtest"
)

// Benchmarks of /question and its autocomplete on a 10,000-question bank,
// each beside the floor measured in the same run: a bare discordgo handler
// on its own loopback Discord answering a fixed reply (or a fixed choice).
// Run with, for example:
//
//	go test ./bot/feature/question/ -run '^$' -bench 'RoundTrip' -benchtime 2000x

// benchHarnessAt is prepcord on a 10,000-question bank over 300 companies
// (one in each 300 is TikTok), on the database at location ("" for a new
// SQLite file).
func benchHarnessAt(b *testing.B, location string) *bottest.Harness {
	// "-" loads no OpenAPI description: the figures measure the bot, not
	// the loopback's validation (the tests validate every body).
	return bottest.New(b, bottest.Options{Bank: datatest.Bank(10000, 300), DBPath: location, Server: discordtest.Options{OpenAPISpecPath: "-"}})
}

// BenchmarkQuestionRoundTrip is /question with a company and a difficulty,
// from INTERACTION_CREATE to the reply's callback, beside two floors: the
// bare /echo (a few bytes) and the bare /same, which sends a reply
// prepcord gave for /question, byte for byte, without choosing or
// rendering it (reported as same-p50-ms, same-p99-ms and same-*-ratio).
func BenchmarkQuestionRoundTrip(b *testing.B) { benchQuestion(b, "", 20) }

// BenchmarkQuestionRoundTripPostgres is BenchmarkQuestionRoundTrip with
// the bot's data in PostgreSQL (a throwaway server, see internal/pgtest),
// beside the same floors.
func BenchmarkQuestionRoundTripPostgres(b *testing.B) { benchQuestion(b, pgtest.NewDatabase(b), 20) }

// BenchmarkQuestionRoundTripMembers is BenchmarkQuestionRoundTrip asked in
// turn by 500 members, as a community would, so that each member's history
// is seldom the one read or written just before.
func BenchmarkQuestionRoundTripMembers(b *testing.B) { benchQuestion(b, "", 500) }

// BenchmarkQuestionRoundTripMembersPostgres is
// BenchmarkQuestionRoundTripMembers on PostgreSQL.
func BenchmarkQuestionRoundTripMembersPostgres(b *testing.B) {
	benchQuestion(b, pgtest.NewDatabase(b), 500)
}

// benchQuestion measures /question on the database at location, asked in
// turn by the given number of members.
func benchQuestion(b *testing.B, location string, members int) {
	bare := bottest.NewBareEcho(b)
	h := benchHarnessAt(b, location)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	// Company n of datatest.Bank has only difficulty n%3; these pairs match.
	filters := [][2]string{{"TikTok", "easy"}, {"Company 017", "hard"}, {"company 151", "medium"}, {"Company 299", "hard"}}
	question := func(i int) (*discordtest.Interaction, error) {
		return h.Srv.Slash(ctx, discordtest.Slash{User: fmt.Sprintf("member%d", i%members), Name: "question",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{
				{Name: "company", Value: filters[i%len(filters)][0]}, {Name: "difficulty", Value: filters[i%len(filters)][1]}}})
	}
	bottest.BenchCommand(ctx, b, bare, question)
}

// BenchmarkAutocompleteRoundTrip is company autocomplete with a role
// already chosen, from sending it to receiving the choices, beside the
// bare handler's fixed choice and, as same-*, the bare handler sending
// prepcord's own choices for the same typed text, measured the same way.
func BenchmarkAutocompleteRoundTrip(b *testing.B) { benchAutocomplete(b, "") }

// BenchmarkAutocompleteRoundTripPostgres is BenchmarkAutocompleteRoundTrip
// with the bot's data in PostgreSQL.
func BenchmarkAutocompleteRoundTripPostgres(b *testing.B) {
	benchAutocomplete(b, pgtest.NewDatabase(b))
}

// benchAutocomplete measures autocomplete on the database at location.
func benchAutocomplete(b *testing.B, location string) {
	bare := bottest.NewBareEcho(b)
	h := benchHarnessAt(b, location)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	typed := []string{"tik", "comp 1", "cmpany 2", ""}
	complete := func(i int) ([]*discordgo.ApplicationCommandOptionChoice, error) {
		ch, err := h.Srv.Autocomplete(ctx, discordtest.Slash{User: "member", Name: "question",
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
	bare.SameChoicesAs(b, answers)
	timed := func(call func() error) (time.Duration, error) {
		start := time.Now()
		err := call()
		return time.Since(start), err
	}
	bareComplete := func(name, text string, want int) (time.Duration, error) {
		return timed(func() error {
			ch, err := bare.Srv.Autocomplete(ctx, discordtest.Slash{Name: name,
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
	bottest.ReportPair(b, got[0], got[2])
	bottest.ReportFloor(b, "same", got[1], got[2])
}
