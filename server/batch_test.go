package server_test

import (
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/server"
)

// TestHugeBatchIsRefusedEarly sends an array of 5.5 million "{}" in one
// 16 MB body: it is refused 422 once the decoding passes MaxBatch, without
// decoding the rest (which took 300 MB and 5 s when the array was decoded
// whole first).
func TestHugeBatchIsRefusedEarly(t *testing.T) {
	s := newServer(t, server.Options{})
	body := "[" + strings.Repeat("{},", 5_500_000) + "{}]"
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rec := call(s, http.MethodPost, "/v1/score", "application/json", body)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d bytes: %d, %d MB allocated", len(body), rec.Code, alloc>>20)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(errorOf(t, rec.Body.Bytes()), "more than 1000 articles (--max-batch)") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	// Reading the body into memory takes about twice its size (more under
	// the race detector); decoding 1001 elements takes next to nothing.
	if limit := uint64(6*len(body)) + 16<<20; alloc > limit {
		t.Errorf("allocated %d MB, want under %d MB", alloc>>20, limit>>20)
	}
}

// TestBatchAtTheLimit checks the edge of MaxBatch for arrays: as many
// elements as the limit are scored, one more is refused, and an array
// that is broken after the limit is still refused as too large rather
// than read to its end.
func TestBatchAtTheLimit(t *testing.T) {
	s := newServer(t, server.Options{MaxBatch: 3})
	obj := article{Text: bridgeText}.json(t)
	for _, tc := range []struct {
		body string
		code int
		msg  string
	}{
		{"[" + strings.Repeat(obj+",", 2) + obj + "]", http.StatusOK, ""},
		{"[" + strings.Repeat(obj+",", 3) + obj + "]", http.StatusUnprocessableEntity, "more than 3 articles"},
		{"[" + strings.Repeat(obj+",", 4) + "not json", http.StatusUnprocessableEntity, "more than 3 articles"},
		{"[" + obj + ", oops]", http.StatusBadRequest, "line 1, column "},
		{"[" + obj + "] []", http.StatusBadRequest, "not valid JSON"},
		{"[ ]", http.StatusUnprocessableEntity, "the array holds no articles"},
	} {
		rec := call(s, http.MethodPost, "/v1/score", "application/json", tc.body)
		if rec.Code != tc.code {
			t.Errorf("%.60s: %d %s, want %d", tc.body, rec.Code, rec.Body, tc.code)
			continue
		}
		if tc.msg != "" && !strings.Contains(errorOf(t, rec.Body.Bytes()), tc.msg) {
			t.Errorf("%.60s: error %s, want %q", tc.body, rec.Body, tc.msg)
		}
	}
}
