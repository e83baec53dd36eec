package review_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/internal/fsrs"
	"github.com/prepcord/prepcord/internal/pgtest"
)

// BenchmarkReviewRoundTrip is /review on a 10,000-question bank, for 20
// members with 200 rated questions each (all due, so every /review reads,
// orders and renders the most overdue card and the due counts), from
// INTERACTION_CREATE to the reply's callback, beside the floors measured
// in the same run: the bare /echo and the bare /same sending prepcord's
// /review reply byte for byte (same-*). Run with:
//
//	go test ./bot/feature/review/ -run '^$' -bench ReviewRoundTrip -benchtime 500x
func BenchmarkReviewRoundTrip(b *testing.B) { benchReview(b, "") }

// BenchmarkReviewRoundTripPostgres is BenchmarkReviewRoundTrip with the
// bot's data in PostgreSQL (a throwaway server, see internal/pgtest).
func BenchmarkReviewRoundTripPostgres(b *testing.B) { benchReview(b, pgtest.NewDatabase(b)) }

// benchReview measures /review on the database at location ("" for a new
// SQLite file).
func benchReview(b *testing.B, location string) {
	bare := bottest.NewBareEcho(b)
	h := bottest.New(b, bottest.Options{Bank: datatest.Bank(10000, 300), DBPath: location, Server: discordtest.Options{OpenAPISpecPath: "-"}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	guild := h.Srv.DefaultGuild().ID
	const members, cards = 20, 200
	start := h.Clock.Now()
	for m := range members {
		uid := h.Srv.AddUser(fmt.Sprintf("member%d", m)).ID
		for i := range cards {
			id := fmt.Sprintf("gen-%05d", (m*cards+i*37)%10000)
			if _, err := h.Store.Reviews.Rate(ctx, guild, uid, id, fsrs.Rating(1+i%4), start.Add(-time.Duration(i)*time.Minute)); err != nil {
				b.Fatal(err)
			}
		}
	}
	h.Clock.Set(start.AddDate(1, 0, 0)) // everything is due
	review := func(i int) (*discordtest.Interaction, error) {
		return h.Srv.Slash(ctx, discordtest.Slash{User: fmt.Sprintf("member%d", i%members), Name: "review",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{}})
	}
	bottest.BenchCommand(ctx, b, bare, review)
}
