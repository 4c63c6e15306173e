package server_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsqual/newsqual/server"
)

// stallRequest opens a raw connection to addr and sends the headers of a
// score request and the first bytes of its body, then nothing more.
func stallRequest(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	head := "POST /v1/score HTTP/1.1\r\nHost: newsqual\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
	if _, err := io.WriteString(c, head+`{"id": "stalled", "text": "The council`); err != nil {
		t.Fatal(err)
	}
	return c
}

// answerAndClose reads what the server sends on c until it closes the
// connection, within a generous minute (a hang, not a slow machine).
func answerAndClose(t *testing.T, c net.Conn) string {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(time.Minute))
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("the connection was not closed: %v (read %q)", err, b)
	}
	return string(b)
}

// TestStalledBodyIsAnsweredAndClosed sends part of a body and stops: at
// the timeout the client gets its 408 and the connection is closed,
// rather than the server waiting on the rest of the body.
func TestStalledBodyIsAnsweredAndClosed(t *testing.T) {
	s := newServer(t, server.Options{Timeout: 300 * time.Millisecond})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, served := startServe(t, s, ctx)
	got := answerAndClose(t, stallRequest(t, addr))
	if !strings.HasPrefix(got, "HTTP/1.1 408 ") || !strings.Contains(got, "Connection: close") ||
		!strings.Contains(got, "did not arrive within 300ms (--timeout)") {
		t.Fatalf("answer:\n%s", got)
	}
	stop()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
}

// TestStalledBodiesDoNotStarveTheService opens 100 connections that each
// send part of a score request's body and stop, more than the 64 slots of
// MaxConcurrent, with the default 30 s timeout. /healthz and a real score
// request are still answered 200, and a shutdown with a drain timeout of
// 4 s gives the stalled clients their 408, closes their connections and
// returns cleanly (the command then exits 0) instead of waiting out the
// drain timeout.
func TestStalledBodiesDoNotStarveTheService(t *testing.T) {
	var log syncBuffer
	s := newServer(t, server.Options{DrainTimeout: 4 * time.Second, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	addr, served := startServe(t, s, ctx)
	const stalled = 100
	var conns []net.Conn
	for range stalled {
		conns = append(conns, stallRequest(t, addr))
	}
	waitFor(t, "the stalled bodies to be read", func() bool {
		return metricValue(t, s, "newsqual_http_request_bodies_reading") == stalled
	})

	client := &http.Client{Timeout: time.Minute}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("healthz beside %d stalled bodies: %v", stalled, err)
	}
	if got := readAll(t, resp.Body); resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %d %s", resp.StatusCode, got)
	}
	obj := article{ID: "real", Text: bridgeText}.json(t)
	resp, err = client.Post("http://"+addr+"/v1/score", "application/json", strings.NewReader(obj))
	if err != nil {
		t.Fatalf("score beside %d stalled bodies: %v", stalled, err)
	}
	if got := readAll(t, resp.Body); resp.StatusCode != http.StatusOK || !strings.Contains(string(got), `"verdict": "`) {
		t.Fatalf("score: %d %s", resp.StatusCode, got)
	}

	start := time.Now()
	stop()
	if err := <-served; err != nil {
		t.Fatalf("Serve: %v\n%s", err, log.String())
	}
	t.Logf("shut down with %d stalled clients in %s (drain timeout 4s)", stalled, time.Since(start))
	for i, c := range conns {
		got := answerAndClose(t, c)
		if !strings.HasPrefix(got, "HTTP/1.1 408 ") || !strings.Contains(got, "had not arrived when the service shut down") {
			t.Fatalf("stalled client %d got:\n%s", i, got)
		}
	}
	if !strings.Contains(log.String(), "stopped: every request in flight finished") {
		t.Fatalf("log:\n%s", log.String())
	}
}
