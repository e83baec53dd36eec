package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prepcord/prepcord/bot/ops"
)

// healthPath is where the HTTP_ADDR listener answers health checks (the
// deployment files' probes point at it).
const healthPath = "/healthz"

// opsServer is the HTTP_ADDR listener: /healthz and /metrics.
type opsServer struct {
	srv  *http.Server
	ln   net.Listener
	done chan error
}

// startHTTP listens on addr and serves /healthz (from the bot and the
// database) and /metrics (from a's metrics) until stop is called. An
// address already in use is a clear error at start, not a log line later.
func (a *app) startHTTP(addr string) (*opsServer, error) {
	mux := http.NewServeMux()
	mux.Handle(healthPath, &ops.Health{Gateway: a.bot, DB: a.store})
	mux.Handle("/metrics", a.metrics.Handler())
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintln(w, "prepcord: see /healthz and /metrics")
	})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("HTTP_ADDR %s: %w", addr, err)
	}
	s := &opsServer{
		srv: &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       60 * time.Second,
			ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
		},
		ln:   ln,
		done: make(chan error, 1),
	}
	go func() { s.done <- s.srv.Serve(ln) }()
	a.log.Info("serving /healthz and /metrics", "addr", ln.Addr().String())
	return s, nil
}

// Addr is the address the listener is bound to (useful with port 0).
func (s *opsServer) Addr() string { return s.ln.Addr().String() }

// stop shuts the listener down, letting requests in flight finish briefly.
func (s *opsServer) stop() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if serr := <-s.done; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// newMetrics returns the process's metrics; the bot reports interactions
// to it and sends REST calls through its counting client.
func newMetrics() *ops.Metrics { return ops.NewMetrics() }
