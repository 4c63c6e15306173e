package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"sync"
	"time"
)

// errBodiesFull is the error of a body read that would take the bytes held
// by all request bodies past their bound.
var errBodiesFull = errors.New("the request bodies being read hold their bound")

// bodyBound is the most bytes the request bodies read or being read may
// hold at once: MaxConcurrent × MaxBodyBytes, the memory the bodies of the
// requests being scored may take in the worst case anyway.
func (s *Server) bodyBound() int64 {
	n, per := int64(s.opts.MaxConcurrent), s.opts.MaxBodyBytes
	if per > 0 && n > math.MaxInt64/per {
		return math.MaxInt64
	}
	return n * per
}

// readBody reads the request body within MaxBodyBytes and before ctx's
// deadline, the connection's read deadline, so that a client that stops
// sending is answered 408 at the deadline and its connection closed. Once
// Serve is shutting down, a body still being read gets at most half of
// DrainTimeout more, so that stalled clients cannot hold the shutdown to
// its end. The bytes read count against bodyBound while the request lasts:
// the caller gives len(data) back when it is done; on an error they are
// given back here. The bodies being read are counted in the reading gauge. A refusal here closes the connection, since the rest of
// the body was not read.
func (s *Server) readBody(ctx context.Context, w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	s.metrics.reading.Inc()
	defer s.metrics.reading.Dec()
	tooLarge := &apiError{status: http.StatusRequestEntityTooLarge, reason: reasonBodyTooLarge, closeConn: true,
		msg: fmt.Sprintf("the request body is larger than %d bytes (--max-body-bytes): split the batch into smaller requests", s.opts.MaxBodyBytes)}
	if r.ContentLength > s.opts.MaxBodyBytes {
		return nil, tooLarge
	}
	// Not every writer supports deadlines (a test recorder does not); the
	// timeout then covers scoring alone.
	dl := &readDeadline{rc: http.NewResponseController(w)}
	if deadline, ok := ctx.Deadline(); ok {
		dl.set(deadline)
	}
	stopDrain := context.AfterFunc(s.draining, func() { dl.shorten(time.Now().Add(s.opts.DrainTimeout / 2)) })
	body := &boundedReader{r: http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes), s: s}
	data, err := io.ReadAll(body)
	stopDrain()
	if err == nil {
		// Lift the deadline once the body is in: net/http then watches the
		// connection to learn whether the client goes away, and a deadline
		// passing there would read as the client gone rather than as a
		// timeout.
		dl.finish(true)
		return data, nil
	}
	// Keep the deadline: net/http must not wait for the rest of the body.
	dl.finish(false)
	s.bodyBytes.Add(-body.n)
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return nil, tooLarge
	case errors.Is(err, errBodiesFull):
		return nil, &apiError{status: http.StatusTooManyRequests, reason: reasonBusy, retryAfter: 1, closeConn: true,
			msg: fmt.Sprintf("the service is busy: the request bodies it holds are at their bound of %d bytes (--max-concurrent × --max-body-bytes); retry in a second", s.bodyBound())}
	case errors.Is(err, os.ErrDeadlineExceeded) && s.draining.Err() != nil:
		return nil, &apiError{status: http.StatusRequestTimeout, reason: reasonBodyTimeout, closeConn: true,
			msg: "the request body had not arrived when the service shut down"}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return nil, &apiError{status: http.StatusRequestTimeout, reason: reasonBodyTimeout, closeConn: true,
			msg: fmt.Sprintf("the request body did not arrive within %s (--timeout)", s.opts.Timeout)}
	}
	return nil, &apiError{status: http.StatusBadRequest, reason: reasonBadJSON, closeConn: true,
		msg: fmt.Sprintf("the request body could not be read: %v", err)}
}

// boundedReader counts the bytes of a request body against the server's
// bodyBound as they are read.
type boundedReader struct {
	r io.Reader
	s *Server
	// n is the bytes read and counted so far.
	n int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.s.bodyBytes.Add(int64(n)) > b.s.bodyBound() {
		return n, errBodiesFull
	}
	return n, err
}

// readDeadline sets the read deadline of one request's connection, from
// the handler and from a shutdown, until the body is read.
type readDeadline struct {
	rc *http.ResponseController
	mu sync.Mutex
	// at is the deadline set, zero when none is.
	at time.Time
	// done is set once the body is read; the deadline is then left alone.
	done bool
}

// set sets the deadline to t.
func (d *readDeadline) set(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.done && d.rc.SetReadDeadline(t) == nil {
		d.at = t
	}
}

// shorten moves the deadline to t when t comes before it (or none is set).
func (d *readDeadline) shorten(t time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.done && (d.at.IsZero() || t.Before(d.at)) && d.rc.SetReadDeadline(t) == nil {
		d.at = t
	}
}

// finish ends the reading of the body, lifting the deadline when lift is
// set.
func (d *readDeadline) finish(lift bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.done = true
	if lift && !d.at.IsZero() {
		_ = d.rc.SetReadDeadline(time.Time{})
	}
}
