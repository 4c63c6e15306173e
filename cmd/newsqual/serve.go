package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/server"
)

type serveFlags struct {
	addr          string
	modelPath     string
	workers       int
	maxBodyBytes  int64
	maxBatch      int
	maxConcurrent int
	timeout       time.Duration
	drainTimeout  time.Duration
	reader        readerFlags
	logFormat     string
	logRequests   bool
	thresholds    *thresholdFlags
}

func newServeCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve scores over HTTP: POST /v1/score, GET /v1/model, /healthz, /metrics",
		Long: `Serve the scorer as an HTTP JSON service until SIGTERM, SIGINT or SIGHUP.

  POST /v1/score   score articles; the body is one JSON object (answered with
                   one result), a JSON array of objects, or JSON Lines
                   (Content-Type application/x-ndjson), both answered with an
                   array in input order, byte for byte what
                   "newsqual score --format json" prints for them;
                   ?spam_threshold=Q&suspect_threshold=Q set the verdict
                   cut-offs of one request (quality numbers, as the flags)
  GET  /v1/model   the model: version, the thresholds in effect (as
                   probabilities and quality cut-offs), cross-validated
                   metrics
  GET  /healthz    {"status": "ok"}
  GET  /metrics    Prometheus metrics
  GET  /           the review screen, for a person with a browser: paste an
                   article's text or HTML (or choose a file) and see its
                   verdict, quality, ranked reasons and its text with the
                   evidence of each reason highlighted; a plain form POST,
                   no script, nothing loaded from elsewhere

An article object has "text" (or "html") and may have "id", "title", "url",
"source", as a line of JSONL input to "newsqual score". In a batch, an article
that cannot be read is answered with {"id", "error"} in its place.

--spam-threshold and --suspect-threshold set the service's verdict cut-offs,
as for "newsqual score": an article is spam when its quality before
rounding, 100 × (1 − spam_probability), is at or below the spam cut-off,
suspect when at or below the suspect one. A request's spam_threshold and
suspect_threshold override them for that request; either left out keeps
the service's. schema/openapi.yaml in the source describes the API.

Refused requests get {"error": "..."}: 400 body not JSON, or a query other
than the two thresholds, or a threshold not a number in range; 404 unknown
path, 405 wrong method, 408 body too slow, 413 body over --max-body-bytes, 415 not
JSON or JSON Lines, 422 empty batch or over --max-batch (or a single article
that cannot be read), 429 over --max-concurrent (retry after Retry-After),
503 scoring passed --timeout.

On SIGTERM, SIGINT or SIGHUP the service stops accepting connections and lets the
requests in flight finish, for up to --drain-timeout. The log goes to stderr.

Exit status: 0 after a clean shutdown; 2 when the service cannot start (bad
flag, model, address in use) or had to cut requests off at --drain-timeout.`,
		Example: `  newsqual serve
  newsqual serve --addr :9000 --max-concurrent 16 --log-requests
  curl -s --json '{"id":"a1","text":"The council said on Tuesday..."}' localhost:8080/v1/score
  curl -s -H 'Content-Type: application/x-ndjson' --data-binary @crawl.jsonl localhost:8080/v1/score`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", server.DefaultAddr, "`host:port` to listen on (:8080 for every interface)")
	fl.StringVar(&f.modelPath, "model", "", "model file to score with (default: the model built into newsqual)")
	fl.IntVar(&f.workers, "workers", 0, "articles of one request scored at once (default: one per CPU)")
	fl.Int64Var(&f.maxBodyBytes, "max-body-bytes", server.DefaultMaxBodyBytes, "bytes of one request body; a larger one gets 413")
	fl.IntVar(&f.maxBatch, "max-batch", server.DefaultMaxBatch, "articles of one request; more get 422")
	fl.IntVar(&f.maxConcurrent, "max-concurrent", server.DefaultMaxConcurrent, "score requests scored at once, counted once their body is in; one more gets 429 at once")
	fl.DurationVar(&f.timeout, "timeout", server.DefaultTimeout, "time for one request, from its body to its last article; past it 503")
	fl.DurationVar(&f.drainTimeout, "drain-timeout", server.DefaultDrainTimeout, "on shutdown, time the requests in flight get to finish")
	f.thresholds = registerThresholdFlags(cmd)
	f.reader.register(fl, false)
	fl.StringVar(&f.logFormat, "log-format", "text", "log format on stderr: text or json")
	fl.BoolVar(&f.logRequests, "log-requests", false, "log one line per request (method, path, status, articles, time)")
	return cmd
}

// checkServeFlags refuses flag values out of range, naming the flag.
func checkServeFlags(f serveFlags) error {
	err := checkLimits(append([]limit{
		{name: "--max-body-bytes", value: f.maxBodyBytes, min: 1, max: maxReadBytes},
		{name: "--max-batch", value: int64(f.maxBatch), min: 1, max: maxBatchLimit},
		{name: "--max-concurrent", value: int64(f.maxConcurrent), min: 1, max: maxConcurrentCap},
		{name: "--timeout", value: int64(f.timeout), min: 1, max: int64(maxDuration), duration: true},
		{name: "--drain-timeout", value: int64(f.drainTimeout), min: 1, max: int64(maxDuration), duration: true},
		workersLimit(f.workers),
	}, f.reader.limits(false)...)...)
	if err != nil {
		return err
	}
	if f.logFormat != "text" && f.logFormat != "json" {
		return fmt.Errorf("unknown --log-format %q: want text or json", f.logFormat)
	}
	return f.thresholds.check()
}

func runServe(cmd *cobra.Command, f serveFlags) error {
	stderr := cmd.ErrOrStderr()
	if err := checkServeFlags(f); err != nil {
		return &exitError{2, err.Error()}
	}
	scorer, err := loadScorer(f.modelPath, newsqual.WithMaxWords(f.reader.maxWords))
	if err != nil {
		return &exitError{2, err.Error()}
	}
	if scorer, err = f.thresholds.scorer(scorer); err != nil {
		return &exitError{2, err.Error()}
	}
	modelName := server.DefaultModelName
	if f.modelPath != "" {
		modelName = filepath.Base(f.modelPath)
	}
	srv, err := server.New(scorer, server.Options{
		MaxBodyBytes:  f.maxBodyBytes,
		MaxBatch:      f.maxBatch,
		Timeout:       f.timeout,
		MaxConcurrent: f.maxConcurrent,
		Workers:       f.workers,
		DrainTimeout:  f.drainTimeout,
		Reader:        f.reader.options(nil),
		ModelName:     modelName,
		Logger:        newLogger(stderr, f.logFormat),
		LogRequests:   f.logRequests,
	})
	if err != nil {
		return &exitError{2, err.Error()}
	}
	// Catch the signals before listening, so that a client who has seen the
	// service up can rely on a graceful stop.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	defer stop()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return &exitError{2, fmt.Sprintf("listen on %s: %v", f.addr, err)}
	}
	if err := srv.Serve(ctx, ln); err != nil {
		return &exitError{2, err.Error()}
	}
	return nil
}

// newLogger returns the service's logger on stderr.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}
