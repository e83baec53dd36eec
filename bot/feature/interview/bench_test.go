package interview_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/prepcord/prepcord/bot/bottest"
	"github.com/prepcord/prepcord/bot/discordtest"
	"github.com/prepcord/prepcord/bot/feature/interview"
	"github.com/prepcord/prepcord/bot/match"
	"github.com/prepcord/prepcord/data/datatest"
	"github.com/prepcord/prepcord/store"
)

// BenchmarkMockRoundTrip is /mock from INTERACTION_CREATE to the callback,
// beside the bare discordgo echo in the same run. Members alternate so that
// every other /mock pairs (private thread, two members added, the pairing
// message) and the others join the queue; topics rotate. final-p50/p99 are
// the time until the member sees the final reply (after the thread is
// set up, for pairings).
func BenchmarkMockRoundTrip(b *testing.B) {
	bare := bottest.NewBareEcho(b)
	// "-" loads no OpenAPI description: the figures measure the bot, not
	// the loopback's validation (the tests validate every body).
	h := bottest.New(b, bottest.Options{Server: discordtest.Options{OpenAPISpecPath: "-"}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	topics := match.Topics()
	b.ResetTimer()
	var finals []time.Duration
	got, err := discordtest.MeasureInterleaved(b.N, func(int) (time.Duration, error) { return bare.Echo(ctx) }, func(i int) (time.Duration, error) {
		sent := time.Now()
		in, err := h.Srv.Slash(ctx, discordtest.Slash{User: fmt.Sprintf("bench%d", i+1), Name: "mock",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "topic", Value: topics[((i+1)/2)%len(topics)].Key}}})
		if err != nil {
			return 0, err
		}
		resp, err := in.Wait(ctx)
		if err != nil {
			return 0, err
		}
		// The final message (after the thread is set up, for a
		// pairing), timed, before the next /mock.
		if _, err := in.WaitMessage(ctx); err != nil {
			return 0, err
		}
		finals = append(finals, time.Since(sent))
		return resp.Latency, nil
	})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	bottest.ReportPair(b, got[0], got[1])
	sort.Slice(finals, func(a, c int) bool { return finals[a] < finals[c] })
	b.ReportMetric(float64(finals[len(finals)/2].Microseconds())/1000, "final-p50-ms")
	b.ReportMetric(float64(finals[(len(finals)*99+99)/100-1].Microseconds())/1000, "final-p99-ms")
}

// BenchmarkMockPickAmong10k is the store's match-and-claim transaction
// with bot/match.Best as the picker, over 10,000 waiting members across 50
// topics and 10 roles in one server: half the joins pair, half queue.
func BenchmarkMockPickAmong10k(b *testing.B) {
	h := bottest.New(b, bottest.Options{Server: discordtest.Options{OpenAPISpecPath: "-"}, Bank: datatest.Bank(100, 10)})
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	levels := []string{"", "intern", "junior", "mid", "senior", "staff"}
	topic := func(i int) string { return fmt.Sprintf("topic-%d", i%50) }
	for i := range 10000 {
		if _, err := h.Store.Interviews.JoinQueue(ctx, store.JoinRequest{GuildID: "g", UserID: fmt.Sprintf("w%d", i), Topic: topic(i),
			Role: fmt.Sprintf("role-%d", r.IntN(10)), Level: levels[r.IntN(len(levels))], DefaultExpiry: 1000 * time.Hour}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t := topic(i)
		if i%2 == 1 {
			t = fmt.Sprintf("fresh-%d", i)
		}
		if _, err := h.Store.Interviews.JoinQueue(ctx, store.JoinRequest{GuildID: "g", UserID: fmt.Sprintf("n%d", i), Topic: t,
			Role: fmt.Sprintf("role-%d", i%10), Level: levels[i%len(levels)], DefaultExpiry: time.Hour, Pick: interview.Pick}); err != nil {
			b.Fatal(err)
		}
	}
}
