package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
)

// handleScore answers POST /v1/score.
//
// The body is read before the request takes one of the MaxConcurrent
// slots, so that a client that sends part of its body and stops holds a
// connection until its read deadline, never a slot; the bytes of all the
// bodies held at once are bounded instead (see readBody).
func (s *Server) handleScore(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.Timeout)
	defer cancel()
	lines, apiErr := bodyForm(r)
	if apiErr != nil {
		s.reject(w, apiErr)
		return
	}
	scorer, apiErr := s.requestScorer(r)
	if apiErr != nil {
		s.reject(w, apiErr)
		return
	}
	data, apiErr := s.readBody(ctx, w, r)
	defer s.bodyBytes.Add(-int64(len(data)))
	if apiErr != nil {
		s.reject(w, apiErr)
		return
	}
	release, apiErr := s.takeSlot()
	if apiErr != nil {
		s.reject(w, apiErr)
		return
	}
	defer release()
	b, apiErr := parseBody(data, lines, s.opts.MaxBatch)
	if apiErr != nil {
		s.reject(w, apiErr)
		return
	}
	if rw, ok := w.(*responseWriter); ok {
		rw.articles = len(b.records)
	}
	elems, failed, done, err := s.scoreBatch(ctx, scorer, b)
	if err != nil {
		if r.Context().Err() != nil {
			// The client went away: nobody is left to answer.
			if rw, ok := w.(*responseWriter); ok {
				rw.code = statusClientGone
			}
			return
		}
		s.log.Warn("request timed out", "timeout", s.opts.Timeout, "articles", len(b.records), "scored", done)
		s.reject(w, &apiError{status: http.StatusServiceUnavailable, reason: reasonTimeout,
			msg: fmt.Sprintf("the request timed out after %s (--timeout) with %d of %d articles scored: send smaller batches or raise the timeout",
				s.opts.Timeout, done, len(b.records))})
		return
	}
	s.metrics.batchSize.Observe(float64(len(b.records)))
	if b.form == formSingle {
		status := http.StatusOK
		if failed > 0 {
			status = http.StatusUnprocessableEntity
		}
		writeJSON(w, status, elems[0])
		return
	}
	writeJSON(w, http.StatusOK, wire.Array(elems))
}

// takeSlot takes one of the MaxConcurrent slots of the requests being
// scored, counted in flight until release is called, or refuses with 429
// when none is free.
func (s *Server) takeSlot() (release func(), err *apiError) {
	select {
	case s.slots <- struct{}{}:
	default:
		return nil, &apiError{status: http.StatusTooManyRequests, reason: reasonBusy, retryAfter: 1,
			msg: fmt.Sprintf("the service is busy: %d score requests are in progress (--max-concurrent); retry in a second", s.opts.MaxConcurrent)}
	}
	s.metrics.inFlight.Inc()
	return func() {
		s.metrics.inFlight.Dec()
		<-s.slots
	}, nil
}

// scoreBatch reads and scores the records of a batch with sc on Options.Workers
// goroutines and returns their encoded answers in input order (as array
// elements, or as one object for a single article), how many
// could not be read, and how many were done. It checks ctx between
// articles and, through the reader, inside the reading of a page, and
// returns its error once it is done: a timed-out request is answered
// within the time one article's scoring takes, not the whole batch's. A panic while scoring is
// raised again on the caller's goroutine, where ServeHTTP recovers it.
func (s *Server) scoreBatch(ctx context.Context, sc *newsqual.Scorer, b batch) (elems [][]byte, failed, done int, err error) {
	elems = make([][]byte, len(b.records))
	var next, finished, failures atomic.Int64
	var problem any
	var once sync.Once
	encode := wire.Element
	if b.form == formSingle {
		encode = wire.Object
	}
	var wg sync.WaitGroup
	for range min(s.opts.Workers, len(b.records)) {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					once.Do(func() { problem = fmt.Sprintf("%v\n\nscoring goroutine:\n%s", v, debug.Stack()) })
				}
			}()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(b.records) {
					return
				}
				v, ok := s.scoreRecord(ctx, sc, b.form, b.records[i])
				if ctx.Err() != nil {
					// The record may have been cut short by the
					// timeout: it is not done.
					return
				}
				if !ok {
					failures.Add(1)
				}
				e, err := encode(v)
				if err != nil {
					// Results are plain strings and rounded numbers.
					panic(fmt.Sprintf("encode a result: %v", err))
				}
				elems[i] = e
				finished.Add(1)
			}
		})
	}
	wg.Wait()
	if problem != nil {
		panic(problem)
	}
	done = int(finished.Load())
	if done < len(b.records) {
		return nil, 0, done, ctx.Err()
	}
	return elems, int(failures.Load()), done, nil
}

// recordPath names a request's articles in default IDs and errors.
const recordPath = "request"

// scoreRecord reads one article object and scores it with sc, returning its
// wire.Result, or its wire.Failure and false when it cannot be read. The
// reading of an "html" field stops once ctx is done; the scoring of a
// text, bounded by the reader's limits, is not cut short.
func (s *Server) scoreRecord(ctx context.Context, sc *newsqual.Scorer, f form, rec rawRecord) (any, bool) {
	it := corpus.DecodeRecordContext(ctx, rec.data, recordPath, rec.n, s.opts.Reader)
	if ctx.Err() != nil {
		return nil, false
	}
	if !it.OK() {
		s.metrics.articleErrors.Inc()
		return failure(it, f), false
	}
	a := it.Article
	return wire.FromResult(a, s.scoreArticle(sc, a), s.modelSHA), true
}

// scoreArticle scores an article that was read with sc and counts it in
// the metrics.
func (s *Server) scoreArticle(sc *newsqual.Scorer, a corpus.Article) newsqual.Result {
	res := sc.Score(a)
	s.metrics.articles.Inc()
	s.metrics.verdicts.WithLabelValues(string(res.Verdict)).Inc()
	return res
}

// failure is the answer for an article object that could not be read. Its
// id is the object's own "id" when that could be read, else its place,
// which its error names in either case: "request:N" for the Nth line of
// JSON Lines or the Nth element of an array (as the command line names a
// file's lines), "request" alone for a single object.
func failure(it corpus.Item, f form) wire.Failure {
	place := it.Where()
	if f == formSingle {
		place = recordPath
	}
	id := place
	if it.ID != "" {
		id = it.ID
	}
	if it.Err == nil {
		return wire.NewFailure(id, place+": skipped: "+it.Skipped)
	}
	msg := it.Err.Error()
	var ce *corpus.Error
	if errors.As(it.Err, &ce) {
		renamed := *ce
		renamed.Path = recordPath
		if f == formSingle {
			renamed.Line = 0
		}
		msg = renamed.Error()
	}
	return wire.NewFailure(id, msg)
}
