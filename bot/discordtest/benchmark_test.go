package discordtest_test

import (
	"context"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prepcord/prepcord/bot/discordtest"
)

// BenchmarkBareEcho measures the floor: a bare discordgo handler answering a fixed reply,
// from INTERACTION_CREATE sent to the callback received. Bodies are not validated against
// the OpenAPI description here, so that the figure is the transport alone.
func BenchmarkBareEcho(b *testing.B) {
	h := start(b, discordtest.Options{OpenAPISpecPath: noSpec}, func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		_ = reply(s, i, "echo")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := h.srv.WaitReady(ctx); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	p50, p99, err := discordtest.MeasureRoundTrips(ctx, b.N, func() (*discordtest.Interaction, error) {
		return h.srv.Slash(ctx, discordtest.Slash{Name: "echo"})
	})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(p50.Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	if err := h.srv.Check(); err != nil {
		b.Fatal(err)
	}
}
