// Package server is newsqual's HTTP JSON scoring service, the handler
// behind `newsqual serve`.
//
// Routes:
//
//	POST /v1/score   score one article or a batch
//	GET  /v1/model   the model: version, thresholds in effect, cross-validated metrics
//	GET  /healthz    {"status": "ok"} while the service answers
//	GET  /metrics    Prometheus metrics in the text format
//	GET  /           the review screen: a form to paste or choose an article
//	POST /           the form posted: the article's review, its evidence highlighted
//
// POST /v1/score takes articles as the command line's JSONL input has them:
// objects with "text" (or "html"), and optionally "id", "title", "url",
// "source" (or "site"). The body is one of
//
//   - one JSON object: answered with one result object;
//   - a JSON array of objects: answered with an array of results in input
//     order;
//   - JSON Lines, one object per line (Content-Type application/x-ndjson or
//     application/jsonl, or any JSON body whose first line is a whole object
//     followed by more lines): answered with an array in input order.
//
// An array answer is byte for byte what `newsqual score --format json`
// writes for the same articles. An article in a batch that cannot be read
// (no text, a field of the wrong type, a line that is not JSON) becomes an
// {"id", "error"} element of the array, as on the command line; a single
// article that cannot be read is answered 422 with that element. An article
// without an "id" is named "request:N", N its line (JSON Lines) or its
// position from 1 (array); a single article is "request:1".
//
// The verdicts are the scorer's (see newsqual.WithThresholds for other
// thresholds than the model's). The query parameters spam_threshold
// and suspect_threshold set them for one request, as quality cut-offs: an
// article is spam when its quality before rounding, 100 × (1 −
// spam_probability), is at or below spam_threshold, suspect when at or
// below suspect_threshold; either left out keeps the scorer's. GET
// /v1/model gives the thresholds in effect as probabilities and as quality
// cut-offs. The file schema/openapi.yaml describes the API.
//
// Refused requests are answered {"error": "..."} with a 4xx status: 400 for
// a body that is not JSON (naming the line and column) or a query the
// service does not understand (an unknown parameter, a threshold that is
// not a number in range), 404 for an unknown
// path, 405 for a wrong method (with an Allow header), 408 when the body
// does not arrive within the timeout, 413 for a body over MaxBodyBytes, 415
// for a Content-Type other than JSON or JSON Lines, 422 for an empty batch
// or one over MaxBatch, 429 (with Retry-After) when MaxConcurrent score
// requests are already in progress, and 503 when scoring passes the
// timeout. Bad input is never a 500; a 500 means a bug, and is logged.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/internal/wire"
)

// Server is the scoring service: an http.Handler with its limits, metrics
// and model. It is safe for concurrent use.
type Server struct {
	scorer  *newsqual.Scorer
	opts    Options
	log     *slog.Logger
	metrics *metrics
	routes  map[string]*route
	// slots holds one token per score request in progress.
	slots chan struct{}
	// active counts the requests being handled, on every route.
	active atomic.Int64
	// bodyBytes counts the bytes of the request bodies read or being read,
	// bounded by bodyBound.
	bodyBytes atomic.Int64
	// draining is done once Serve starts to shut down (startDrain), so
	// that the bodies still being read are given a last deadline.
	draining   context.Context
	startDrain context.CancelFunc
	// modelJSON is the answer of GET /v1/model, encoded once.
	modelJSON []byte
	// modelSHA is the hex SHA-256 of the model, named in every result.
	modelSHA string
}

// route is one path the service answers.
type route struct {
	// name is the route's metrics label.
	name string
	// methods are the methods it allows; GET allows HEAD too.
	methods []string
	handle  func(w http.ResponseWriter, r *http.Request)
}

// otherRoute is the metrics label of every path the service does not know.
const otherRoute = "other"

// New returns a Server that scores with scorer. It returns an error when an
// option is out of range or the model cannot be described.
func New(scorer *newsqual.Scorer, opts Options) (*Server, error) {
	if scorer == nil {
		return nil, fmt.Errorf("server: no scorer")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	m := scorer.Model()
	// The hash of the model file, as every scored record names it.
	sha := scorer.ModelSHA256()
	if sha == "" {
		return nil, fmt.Errorf("server: hash the model: the model cannot be encoded")
	}
	info, err := wire.Object(newModelInfo(m, scorer.Thresholds(), opts.ModelName, sha))
	if err != nil {
		return nil, fmt.Errorf("server: describe the model: %w", err)
	}
	s := &Server{
		scorer:    scorer,
		opts:      opts,
		log:       opts.Logger,
		metrics:   newMetrics(m, opts.ModelName, sha),
		slots:     make(chan struct{}, opts.MaxConcurrent),
		modelJSON: info,
		modelSHA:  sha,
	}
	s.draining, s.startDrain = context.WithCancel(context.Background())
	s.routes = map[string]*route{
		"/v1/score": {name: "/v1/score", methods: []string{http.MethodPost}, handle: s.handleScore},
		"/v1/model": {name: "/v1/model", methods: []string{http.MethodGet}, handle: s.handleModel},
		"/healthz":  {name: "/healthz", methods: []string{http.MethodGet}, handle: s.handleHealth},
		"/metrics":  {name: "/metrics", methods: []string{http.MethodGet}, handle: s.metrics.handler().ServeHTTP},
		reviewRoute: {name: reviewRoute, methods: []string{http.MethodGet, http.MethodPost}, handle: s.handleReview},
	}
	return s, nil
}

// ServeHTTP routes a request, counts it in the metrics, and turns a panic
// in a handler into a logged 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	s.active.Add(1)
	defer s.active.Add(-1)
	rw := &responseWriter{ResponseWriter: w}
	rt, known := s.routes[r.URL.Path]
	name := otherRoute
	if known {
		name = rt.name
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("internal error: a handler panicked", "route", name, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.metrics.rejected.WithLabelValues(reasonInternal).Inc()
			if !rw.wroteHeader {
				writeError(rw, &apiError{status: http.StatusInternalServerError, msg: "internal error: the server log has the details"})
			} else {
				rw.code = http.StatusInternalServerError
			}
		}
		took := time.Since(start)
		s.metrics.observe(name, rw.status(), took)
		if s.opts.LogRequests {
			s.log.Info("request", "method", r.Method, "path", clip(r.URL.Path, 200), "status", rw.status(),
				"articles", rw.articles, "ms", float64(took.Microseconds())/1000, "remote", r.RemoteAddr)
		}
	}()
	switch {
	case !known:
		s.reject(rw, &apiError{status: http.StatusNotFound, reason: reasonNotFound,
			msg: fmt.Sprintf("no route %q: the service answers POST /v1/score, GET /v1/model, GET /healthz, GET /metrics and the review screen at GET /", clip(r.URL.Path, 200))})
	case !rt.allows(r.Method):
		rw.Header().Set("Allow", strings.Join(rt.allowed(), ", "))
		s.reject(rw, &apiError{status: http.StatusMethodNotAllowed, reason: reasonMethod,
			msg: fmt.Sprintf("method %s is not allowed on %s: use %s", clip(r.Method, 20), rt.name, strings.Join(rt.methods, " or "))})
	default:
		rt.handle(rw, r)
	}
}

// allowed returns the methods of the Allow header.
func (rt *route) allowed() []string {
	if slices.Contains(rt.methods, http.MethodGet) {
		return append(slices.Clone(rt.methods), http.MethodHead)
	}
	return rt.methods
}

func (rt *route) allows(method string) bool { return slices.Contains(rt.allowed(), method) }

// reject answers a refused request and counts it.
func (s *Server) reject(w http.ResponseWriter, e *apiError) {
	if e.reason != "" {
		s.metrics.rejected.WithLabelValues(e.reason).Inc()
	}
	writeError(w, e)
}

func (s *Server) handleHealth(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, []byte("{\n  \"status\": \"ok\"\n}\n"))
}

func (s *Server) handleModel(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.modelJSON)
}

// clip shortens s to at most n bytes for a message or log line.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "..."
}

// responseWriter records the status a handler answered with.
type responseWriter struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
	// articles is the number of articles of a score request, for the log.
	articles int
}

// statusClientGone is the status recorded for a request whose client went
// away before its answer, as nginx logs it; it is never sent.
const statusClientGone = 499

func (w *responseWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.code, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the underlying writer.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// status is the code answered, 200 when the handler wrote nothing.
func (w *responseWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}
