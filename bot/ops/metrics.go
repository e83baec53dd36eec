package ops

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/prepcord/prepcord/bot/discordhttp"
	"github.com/prepcord/prepcord/store"
)

// Metrics holds prepcord's Prometheus metrics in a private registry (no
// global state): interactions, Discord REST calls, the gateway, and counts
// read from the database at scrape time.
type Metrics struct {
	reg *prometheus.Registry

	interactions *prometheus.CounterVec
	latency      *prometheus.HistogramVec
	rest         *prometheus.CounterVec
	restLatency  *prometheus.HistogramVec
	rateLimited  *prometheus.CounterVec
	restErrors   *prometheus.CounterVec
}

// NewMetrics returns the metrics with Go runtime and process collectors
// registered.
func NewMetrics() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.interactions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "prepcord_interactions_total",
		Help: "Interactions handled, by route (command path, component or modal route; autocomplete ends in :autocomplete) and outcome (ok, invalid, not_found, conflict, internal).",
	}, []string{"route", "outcome"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "prepcord_interaction_duration_seconds",
		Help:    "Time from receiving an interaction to the handler's return, by route.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2, 3, 5, 10},
	}, []string{"route"})
	m.rest = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "prepcord_discord_requests_total",
		Help: "REST calls to Discord, by route template (ids replaced by {id}) and HTTP status.",
	}, []string{"route", "status"})
	m.restLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "prepcord_discord_request_duration_seconds",
		Help:    "Duration of REST calls to Discord, by HTTP method.",
		Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"method"})
	m.rateLimited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "prepcord_discord_rate_limited_total",
		Help: "429 answers from Discord, by route template and scope (global, user, shared).",
	}, []string{"route", "scope"})
	m.restErrors = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "prepcord_discord_request_errors_total",
		Help: "REST calls to Discord that got no HTTP answer (network errors, timeouts), by route template.",
	}, []string{"route"})
	m.reg.MustRegister(m.interactions, m.latency, m.rest, m.restLatency, m.rateLimited, m.restErrors,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry returns the private registry (for tests and extra collectors).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Interaction records one handled interaction; it implements bot.Observer.
func (m *Metrics) Interaction(route, outcome string, latency time.Duration) {
	if route == "" {
		route = "?"
	}
	if outcome == "" {
		outcome = "ok"
	}
	m.interactions.WithLabelValues(route, outcome).Inc()
	m.latency.WithLabelValues(route).Observe(latency.Seconds())
}

// WatchGateway exports the gateway's state: connected, reconnects, the age
// of the last heartbeat ACK and of the scheduler's last sweep.
func (m *Metrics) WatchGateway(g Gateway, now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	age := func(t time.Time) float64 {
		if t.IsZero() {
			return -1
		}
		return now().Sub(t).Seconds()
	}
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "prepcord_gateway_connected", Help: "1 while the gateway websocket is connected.",
		}, func() float64 {
			if g.Connected() {
				return 1
			}
			return 0
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "prepcord_gateway_reconnects_total", Help: "Gateway sessions resumed after a drop, RECONNECT or INVALID_SESSION.",
		}, func() float64 { return float64(g.Reconnects()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "prepcord_gateway_heartbeat_ack_age_seconds", Help: "Seconds since Discord last acknowledged a heartbeat (-1 before the first).",
		}, func() float64 { return age(g.LastHeartbeatAck()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "prepcord_scheduler_tick_age_seconds", Help: "Seconds since the scheduler last swept (-1 before the first).",
		}, func() float64 { return age(g.LastTick()) }),
	)
}

// Counter reads the figures reported at scrape time (*store.Store
// implements it).
type Counter interface {
	OpsCounts(ctx context.Context) (store.OpsCounts, error)
}

// WatchStore exports counts read from the database at each scrape: daily
// posts by status, mock queue entries by topic, pairings by status.
func (m *Metrics) WatchStore(c Counter, log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m.reg.MustRegister(&storeCollector{src: c, log: log,
		daily:    prometheus.NewDesc("prepcord_daily_posts", "Daily posts in the database, by status (posted, failed, missed, skipped, claimed).", []string{"status"}, nil),
		queue:    prometheus.NewDesc("prepcord_mock_queue_size", "Members waiting in mock interview queues (all servers), by topic.", []string{"topic"}, nil),
		pairings: prometheus.NewDesc("prepcord_mock_pairings", "Mock interview pairings, by status (open, finished, noshow, cancelled, expired).", []string{"status"}, nil),
		feedback: prometheus.NewDesc("prepcord_mock_feedback", "Feedback forms stored.", nil, nil),
		up:       prometheus.NewDesc("prepcord_store_up", "1 when the last scrape could read the database.", nil, nil),
	})
}

// storeCollector reads the database when Prometheus scrapes.
type storeCollector struct {
	src                                  Counter
	log                                  *slog.Logger
	daily, queue, pairings, feedback, up *prometheus.Desc
}

// Describe implements prometheus.Collector.
func (c *storeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.daily, c.queue, c.pairings, c.feedback, c.up} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.src.OpsCounts(ctx)
	if err != nil {
		c.log.Warn("metrics: reading counts from the database", "err", err)
		ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(c.up, prometheus.GaugeValue, 1)
	for k, v := range counts.DailyPosts {
		ch <- prometheus.MustNewConstMetric(c.daily, prometheus.GaugeValue, float64(v), k)
	}
	for k, v := range counts.MockQueue {
		ch <- prometheus.MustNewConstMetric(c.queue, prometheus.GaugeValue, float64(v), k)
	}
	for k, v := range counts.MockPairings {
		ch <- prometheus.MustNewConstMetric(c.pairings, prometheus.GaugeValue, float64(v), k)
	}
	ch <- prometheus.MustNewConstMetric(c.feedback, prometheus.GaugeValue, float64(counts.Feedback))
}

// Transport wraps base (http.DefaultTransport when nil) so that every REST
// call is counted by route template and status, and 429s by scope.
func (m *Metrics) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &countingTransport{m: m, base: base}
}

// Client returns an HTTP client for the Discord session whose transport is
// counted (see Transport), tuned for a long-running bot.
func (m *Metrics) Client() *http.Client {
	return &http.Client{Transport: m.Transport(discordhttp.BaseTransport()), Timeout: 40 * time.Second}
}

type countingTransport struct {
	m    *Metrics
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	route := req.Method + " " + RouteOf(req.URL.Path)
	start := time.Now()
	resp, err := t.base.RoundTrip(req)
	t.m.restLatency.WithLabelValues(req.Method).Observe(time.Since(start).Seconds())
	if err != nil {
		t.m.restErrors.WithLabelValues(route).Inc()
		return resp, err
	}
	t.m.rest.WithLabelValues(route, strconv.Itoa(resp.StatusCode)).Inc()
	if resp.StatusCode == http.StatusTooManyRequests {
		scope := strings.ToLower(resp.Header.Get("X-RateLimit-Scope"))
		if resp.Header.Get("X-RateLimit-Global") == "true" {
			scope = "global"
		}
		switch scope {
		case "global", "user", "shared":
		default:
			scope = "unknown"
		}
		t.m.rateLimited.WithLabelValues(route, scope).Inc()
	}
	return resp, nil
}

// RouteOf turns a REST path into a low-cardinality template: the API
// prefix (/api/v9) is dropped, snowflakes become {id}, interaction and
// webhook tokens {token}, reaction emoji {emoji}. Tokens never reach a
// label.
func RouteOf(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	// Drop everything up to the API version segment ("api", "v9").
	for i := 0; i+1 < len(segs); i++ {
		if segs[i] == "api" && isVersion(segs[i+1]) {
			segs = segs[i+2:]
			break
		}
	}
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		prev := ""
		if i > 0 {
			prev = segs[i-1]
		}
		prev2 := ""
		if i > 1 {
			prev2 = segs[i-2]
		}
		switch {
		case s == "":
			continue
		case isSnowflake(s):
			out = append(out, "{id}")
		case (prev2 == "interactions" || prev2 == "webhooks") && isSnowflake(prev):
			out = append(out, "{token}")
		case prev == "reactions":
			out = append(out, "{emoji}")
		case len(s) > 32 || !isWord(s):
			// Anything long or odd is an argument, not part of the route.
			out = append(out, "{arg}")
		default:
			out = append(out, s)
		}
	}
	return "/" + strings.Join(out, "/")
}

func isVersion(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	_, err := strconv.Atoi(s[1:])
	return err == nil
}

func isSnowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '@') {
			return false
		}
	}
	return true
}
