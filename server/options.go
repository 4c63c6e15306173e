package server

import (
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/newsqual/newsqual/corpus"
)

// Defaults of the Options fields left zero.
const (
	// DefaultAddr is the address `newsqual serve` listens on: the loopback
	// interface only, so that exposing the service is a choice.
	DefaultAddr = "127.0.0.1:8080"
	// DefaultMaxBodyBytes caps a request body: 16 MiB, as much as the
	// longest JSONL line the command line reads.
	DefaultMaxBodyBytes = corpus.DefaultMaxLineBytes
	// DefaultMaxBatch caps the articles of one request.
	DefaultMaxBatch = 1000
	// DefaultTimeout bounds one request, from reading its body to the
	// last article scored.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxConcurrent is how many score requests are scored at once;
	// one more is refused with 429 Too Many Requests.
	DefaultMaxConcurrent = 64
	// DefaultDrainTimeout is how long a shutdown waits for the requests in
	// flight before it cuts them off.
	DefaultDrainTimeout = 30 * time.Second
	// DefaultModelName names the model built into newsqual in GET /v1/model.
	DefaultModelName = "built-in"
)

// Options sets the limits of a Server. The zero value gives the defaults.
type Options struct {
	// MaxBodyBytes caps the bytes of one request body (default
	// DefaultMaxBodyBytes); a larger body is refused with 413.
	MaxBodyBytes int64
	// MaxBatch caps the articles of one request (default DefaultMaxBatch);
	// a larger batch is refused with 422.
	MaxBatch int
	// Timeout bounds one score request (default DefaultTimeout); scoring
	// stops at it and the request is answered with 503.
	Timeout time.Duration
	// MaxConcurrent caps the score requests scored at once (default
	// DefaultMaxConcurrent), each counted once its body is read; beyond it a
	// request is refused at once with 429 and a Retry-After header, never
	// queued. The bodies held at once, being read or scored, are bounded
	// by MaxConcurrent × MaxBodyBytes bytes.
	MaxConcurrent int
	// Workers is how many articles of one request are scored in parallel
	// (default: one per CPU).
	Workers int
	// DrainTimeout bounds how long Serve waits, once asked to stop, for the
	// requests in flight (default DefaultDrainTimeout).
	DrainTimeout time.Duration
	// Reader sets how article objects are read, as for the command line's
	// JSONL input: MaxBytes, MaxLineBytes (the cap of one article object),
	// MaxHTMLDepth, WholePage and PreferHTML. Format and Stdin play no part.
	Reader corpus.Options
	// ModelName names the model in GET /v1/model (default
	// DefaultModelName), e.g. the base name of the model file.
	ModelName string
	// Logger receives the service's log: start, shutdown, timeouts and
	// internal errors (default: no log).
	Logger *slog.Logger
	// LogRequests adds one log line per request: method, path, status,
	// articles and duration.
	LogRequests bool
}

// withDefaults returns the options with zero fields set to their defaults,
// or an error naming the first field that is out of range.
func (o Options) withDefaults() (Options, error) {
	switch {
	case o.MaxBodyBytes < 0:
		return o, fmt.Errorf("server: MaxBodyBytes is %d: want 0 (the default) or more", o.MaxBodyBytes)
	case o.MaxBatch < 0:
		return o, fmt.Errorf("server: MaxBatch is %d: want 0 (the default) or more", o.MaxBatch)
	case o.Timeout < 0:
		return o, fmt.Errorf("server: Timeout is %s: want 0 (the default) or more", o.Timeout)
	case o.MaxConcurrent < 0:
		return o, fmt.Errorf("server: MaxConcurrent is %d: want 0 (the default) or more", o.MaxConcurrent)
	case o.Workers < 0:
		return o, fmt.Errorf("server: Workers is %d: want 0 (one per CPU) or more", o.Workers)
	case o.DrainTimeout < 0:
		return o, fmt.Errorf("server: DrainTimeout is %s: want 0 (the default) or more", o.DrainTimeout)
	}
	if o.MaxBodyBytes == 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxBatch == 0 {
		o.MaxBatch = DefaultMaxBatch
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxConcurrent == 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.DrainTimeout == 0 {
		o.DrainTimeout = DefaultDrainTimeout
	}
	if o.ModelName == "" {
		o.ModelName = DefaultModelName
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o, nil
}
