package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsqual/newsqual/server"
)

// waitFor polls cond until it holds, failing the test when it does not
// within a minute (a hang, not a slow machine).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// exampleLines returns the example articles as JSON Lines, and the array
// the library's scores of them make.
func exampleLines(t *testing.T) (lines []string, want string) {
	t.Helper()
	var elems [][]byte
	for _, a := range exampleArticles(t) {
		obj := a.json(t)
		lines = append(lines, obj+"\n")
		elems = append(elems, expectedElement(t, obj))
	}
	return lines, expectedArray(elems)
}

// bombBatch is a JSON Lines batch of n element bombs, which takes one
// worker a second or more to read.
func bombBatch(t *testing.T, n int) string {
	t.Helper()
	var lines []string
	for i := range n {
		lines = append(lines, htmlRecord(t, "bomb-"+strconv.Itoa(i), 175_000))
	}
	return strings.Join(lines, "\n")
}

// TestBusyIs429 holds one request in scoring with MaxConcurrent 1 and
// checks that the next is refused at once with 429 and Retry-After, and
// that the slot is free again once the first is answered.
func TestBusyIs429(t *testing.T) {
	// The first request is kept busy by pages that take a while to read
	// (longer still under the race detector on a loaded machine), with a
	// timeout long enough for them all.
	s := newServer(t, server.Options{MaxConcurrent: 1, Workers: 1, Timeout: 10 * time.Minute})
	first := httptest.NewRecorder()
	done := make(chan struct{})
	req := httptest.NewRequest(http.MethodPost, "/v1/score", strings.NewReader(bombBatch(t, 4)))
	req.Header.Set("Content-Type", "application/x-ndjson")
	go func() {
		defer close(done)
		s.ServeHTTP(first, req)
	}()
	waitFor(t, "the first request to be in flight", func() bool {
		return metricValue(t, s, "newsqual_http_requests_in_flight") == 1
	})

	rec := call(s, http.MethodPost, "/v1/score", "application/json", article{Text: bridgeText}.json(t))
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" {
		t.Fatalf("second request: %d, Retry-After %q; want 429 and 1", rec.Code, rec.Header().Get("Retry-After"))
	}
	if msg := errorOf(t, rec.Body.Bytes()); !strings.Contains(msg, "busy: 1 score requests are in progress (--max-concurrent)") {
		t.Fatalf("error %q", msg)
	}
	// Other routes are not limited.
	if rec := call(s, http.MethodGet, "/healthz", "", ""); rec.Code != http.StatusOK {
		t.Fatalf("healthz while busy: %d", rec.Code)
	}

	<-done
	if first.Code != http.StatusOK {
		t.Fatalf("first request: %d\n%s", first.Code, first.Body)
	}
	if rec := call(s, http.MethodPost, "/v1/score", "application/json", article{Text: bridgeText}.json(t)); rec.Code != http.StatusOK {
		t.Fatalf("after the first finished: %d %s", rec.Code, rec.Body)
	}
	if v := metricValue(t, s, `newsqual_http_rejected_total{reason="busy"}`); v != 1 {
		t.Fatalf("rejected busy = %v, want 1", v)
	}
}

// TestBodyBeingReadHoldsNoSlot checks that a request whose body is still
// arriving does not take the only slot (MaxConcurrent 1): another request
// is scored meanwhile, and the first is answered in full once its body is
// in.
func TestBodyBeingReadHoldsNoSlot(t *testing.T) {
	s := newServer(t, server.Options{MaxConcurrent: 1})
	lines, want := exampleLines(t)
	body, feed := io.Pipe()
	req := httptest.NewRequest(http.MethodPost, "/v1/score", body)
	req.Header.Set("Content-Type", "application/x-ndjson")
	first := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.ServeHTTP(first, req)
	}()
	_, _ = io.WriteString(feed, lines[0])
	waitFor(t, "the first body to be read", func() bool {
		return metricValue(t, s, "newsqual_http_request_bodies_reading") == 1
	})
	if rec := call(s, http.MethodPost, "/v1/score", "application/json", article{Text: bridgeText}.json(t)); rec.Code != http.StatusOK {
		t.Fatalf("request beside a body being read: %d %s, want 200", rec.Code, rec.Body)
	}
	_, _ = io.WriteString(feed, strings.Join(lines[1:], ""))
	feed.Close()
	<-done
	if first.Code != http.StatusOK || first.Body.String() != want {
		t.Fatalf("first request: %d\n%s", first.Code, first.Body)
	}
}

// startServe runs s.Serve on a fresh loopback port and returns its address
// and the channel Serve's result arrives on.
func startServe(t *testing.T, s *server.Server, ctx context.Context) (string, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	return ln.Addr().String(), served
}

// slowRequest starts a score request whose body arrives in two parts: it
// sends first at once and returns a function that sends rest and waits for
// the answer.
func slowRequest(t *testing.T, addr, first string) (finish func(rest string) (*http.Response, error)) {
	t.Helper()
	body, feed := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/score", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	type answer struct {
		resp *http.Response
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		answered <- answer{resp, err}
	}()
	if _, err := io.WriteString(feed, first); err != nil {
		t.Fatal(err)
	}
	return func(rest string) (*http.Response, error) {
		go func() {
			_, _ = io.WriteString(feed, rest)
			feed.Close()
		}()
		a := <-answered
		return a.resp, a.err
	}
}

// TestServeFinishesRequestsInFlight starts the real server, sends half of a
// request, asks it to stop, checks that it no longer accepts connections,
// then sends the rest and checks that the request is answered in full and
// that Serve returns cleanly.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	var log syncBuffer
	s := newServer(t, server.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, served := startServe(t, s, ctx)
	waitFor(t, "the listening log line", func() bool { return strings.Contains(log.String(), "msg=listening addr="+addr) })

	lines, want := exampleLines(t)
	finish := slowRequest(t, addr, strings.Join(lines[:3], ""))
	waitFor(t, "the request to be in flight", func() bool {
		return metricValue(t, s, "newsqual_http_request_bodies_reading") == 1
	})

	stop()
	waitFor(t, "the listener to close", func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	if !strings.Contains(log.String(), "shutting down") || !strings.Contains(log.String(), "in_flight=1") {
		t.Fatalf("log does not tell of the shutdown and the request in flight:\n%s", log.String())
	}

	resp, err := finish(strings.Join(lines[3:], ""))
	if err != nil {
		t.Fatalf("the request in flight was not answered: %v", err)
	}
	if got := string(readAll(t, resp.Body)); resp.StatusCode != http.StatusOK || got != want {
		t.Fatalf("request in flight: %d\n%s", resp.StatusCode, got)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if !strings.Contains(log.String(), "stopped: every request in flight finished") {
		t.Fatalf("log:\n%s", log.String())
	}
}

// TestServeCutsOffAtDrainTimeout checks that a request still in flight when
// the drain timeout passes is cut off, and that Serve says so.
func TestServeCutsOffAtDrainTimeout(t *testing.T) {
	var log syncBuffer
	s := newServer(t, server.Options{DrainTimeout: 100 * time.Millisecond, Workers: 1, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ctx, stop := context.WithCancel(context.Background())
	addr, served := startServe(t, s, ctx)
	body := bombBatch(t, 12)
	answered := make(chan error, 1)
	go func() {
		resp, err := http.Post("http://"+addr+"/v1/score", "application/x-ndjson", strings.NewReader(body))
		if err == nil {
			resp.Body.Close()
			err = fmt.Errorf("answered %d", resp.StatusCode)
		}
		answered <- err
	}()
	waitFor(t, "the request to be scored", func() bool {
		return metricValue(t, s, "newsqual_http_requests_in_flight") == 1
	})
	stop()
	err := <-served
	if err == nil || !strings.Contains(err.Error(), "1 requests still in flight after the drain timeout of 100ms were cut off") {
		t.Fatalf("Serve: %v", err)
	}
	if !strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), "cut=1") {
		t.Fatalf("log:\n%s", log.String())
	}
	if err := <-answered; strings.HasPrefix(err.Error(), "answered") {
		t.Fatalf("the cut request was %v", err)
	}
}

// TestServeOnClosedListener checks that Serve reports a listener it cannot
// use.
func TestServeOnClosedListener(t *testing.T) {
	s := newServer(t, server.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	if err := s.Serve(context.Background(), ln); err == nil || !strings.Contains(err.Error(), "serve on 127.0.0.1:") {
		t.Fatalf("Serve: %v", err)
	}
}

// TestSlowBodyIs408 checks that a body that does not arrive within the
// timeout is answered 408, over a real connection.
func TestSlowBodyIs408(t *testing.T) {
	s := newServer(t, server.Options{Timeout: 200 * time.Millisecond})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, served := startServe(t, s, ctx)
	lines, _ := exampleLines(t)
	body, feed := io.Pipe()
	defer feed.Close()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/score", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-ndjson")
	go func() { _, _ = io.WriteString(feed, lines[0]) }() // and then nothing
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(errorOf(t, got), "the request body did not arrive within 200ms (--timeout)") {
		t.Fatalf("%d %s", resp.StatusCode, got)
	}
	stop()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
}

// TestScoringPastTimeoutIs503 sends, over a real connection, a batch that
// takes far longer to score on one worker than the timeout, and checks that
// the answer is a 503 saying how far scoring got, not a dropped request.
func TestScoringPastTimeoutIs503(t *testing.T) {
	s := newServer(t, server.Options{Timeout: 300 * time.Millisecond, Workers: 1})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, served := startServe(t, s, ctx)
	long := article{Text: strings.Repeat(bridgeText+"\n", 40)}.json(t)
	body := strings.Repeat(long+"\n", server.DefaultMaxBatch)
	resp, err := http.Post("http://"+addr+"/v1/score", "application/x-ndjson", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, resp.Body)
	if resp.StatusCode == http.StatusRequestTimeout {
		t.Skipf("the %d-byte body took longer than the timeout to arrive on this machine", len(body))
	}
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(errorOf(t, got), "timed out after 300ms (--timeout) with ") {
		t.Fatalf("%d %s", resp.StatusCode, got)
	}
	t.Logf("%s", got)
	stop()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
}
