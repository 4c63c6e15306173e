package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// readHeaderTimeout bounds how long a client may take to send a request's
// headers, so that idle half-open connections do not pile up.
const readHeaderTimeout = 10 * time.Second

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: it stops accepting connections, lets the requests in flight
// finish, and returns nil once they have. When they are not done within
// Options.DrainTimeout it cuts them off and returns an error saying so.
// It logs when it starts listening and each step of the shutdown. Serve
// closes ln.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	m := s.scorer.Model()
	s.log.Info("listening", "addr", ln.Addr().String(), "model", s.opts.ModelName,
		"model_date", m.Training.Date, "model_revision", m.Training.Revision,
		"workers", s.opts.Workers, "max_concurrent", s.opts.MaxConcurrent, "max_batch", s.opts.MaxBatch,
		"max_body_bytes", s.opts.MaxBodyBytes, "timeout", s.opts.Timeout.String())
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.startDrain()
	s.log.Info("shutting down: no new connections; waiting for the requests in flight",
		"in_flight", s.active.Load(), "drain_timeout", s.opts.DrainTimeout.String())
	drain, cancel := context.WithTimeout(context.Background(), s.opts.DrainTimeout)
	defer cancel()
	err := hs.Shutdown(drain)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		s.log.Warn("serve loop ended with an error", "error", serr.Error())
	}
	if err != nil {
		left := s.active.Load()
		_ = hs.Close()
		s.log.Error("shutdown: drain timeout passed; cut off the requests still in flight",
			"drain_timeout", s.opts.DrainTimeout.String(), "cut", left)
		return fmt.Errorf("shutdown: %d requests still in flight after the drain timeout of %s were cut off", left, s.opts.DrainTimeout)
	}
	s.log.Info("stopped: every request in flight finished")
	return nil
}
