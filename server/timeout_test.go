package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsqual/newsqual/server"
)

// htmlRecord is a request object whose "html" is a page of n paragraphs
// "<p>x": past the reader's budget when n is over 125,000.
func htmlRecord(t *testing.T, id string, n int) string {
	t.Helper()
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]string{"id": id, "html": "<html><body>" + strings.Repeat("<p>x", n)}); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// TestTimeoutStopsHTMLBatch sends a batch of element bombs that takes
// seconds to read on one worker, with a timeout of 100 ms: the answer is
// a 503 that says how few were done, and the request's slot is free again
// for the next request (MaxConcurrent 1).
func TestTimeoutStopsHTMLBatch(t *testing.T) {
	s := newServer(t, server.Options{Timeout: 100 * time.Millisecond, Workers: 1, MaxConcurrent: 1})
	var lines []string
	for i := range 20 {
		lines = append(lines, htmlRecord(t, "bomb-"+string(rune('a'+i)), 175_000))
	}
	start := time.Now()
	rec := call(s, http.MethodPost, "/v1/score", "application/x-ndjson", strings.Join(lines, "\n"))
	took := time.Since(start)
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("%d %s, want 503", rec.Code, rec.Body)
	}
	msg := errorOf(t, rec.Body.Bytes())
	if !strings.Contains(msg, "timed out after 100ms (--timeout) with ") || !strings.Contains(msg, " of 20 articles scored") {
		t.Fatalf("error %q", msg)
	}
	t.Logf("answered in %s: %s", took, msg)
	if rec := call(s, http.MethodPost, "/v1/score", "application/json", article{Text: bridgeText}.json(t)); rec.Code != http.StatusOK {
		t.Fatalf("next request: %d %s, want 200 (the slot is free)", rec.Code, rec.Body)
	}
	if v := metricValue(t, s, `newsqual_http_rejected_total{reason="timeout"}`); v != 1 {
		t.Fatalf("rejected timeout = %v, want 1", v)
	}
}

// TestTimeoutStopsOnePage sends one 15 MB page of "<p>x", whose reading
// alone passes the timeout of 50 ms: the reading stops and the answer is
// 503 rather than a score delivered late.
func TestTimeoutStopsOnePage(t *testing.T) {
	s := newServer(t, server.Options{Timeout: 50 * time.Millisecond, Workers: 1, MaxConcurrent: 1})
	body := htmlRecord(t, "bomb", 3_900_000)
	start := time.Now()
	rec := call(s, http.MethodPost, "/v1/score", "application/json", body)
	t.Logf("%d bytes answered %d in %s", len(body), rec.Code, time.Since(start))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("%d %s, want 503", rec.Code, rec.Body)
	}
	if msg := errorOf(t, rec.Body.Bytes()); !strings.Contains(msg, "with 0 of 1 articles scored") {
		t.Fatalf("error %q", msg)
	}
	if rec := call(s, http.MethodGet, "/healthz", "", ""); rec.Code != http.StatusOK {
		t.Fatalf("healthz: %d", rec.Code)
	}
}
