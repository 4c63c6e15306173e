package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/newsqual/newsqual/server"
)

// FuzzScoreBody sends any bytes to POST /v1/score and checks that the
// answer is never a 500 and always JSON.
func FuzzScoreBody(f *testing.F) {
	for _, seed := range []string{
		`{"id":"a","text":"The mayor said the bridge would reopen in May."}`,
		`[{"text":"One."},{"html":"<p>Two.</p>"},42,null,"x"]`,
		"{\"text\":\"a\"}\n{\"text\":\"b\"}\n\n{bad\n",
		"\ufeff[ ]", "{\"text\": \"\\ud800\"}", "[{\"id\":1e999,\"text\":\"x\"}]", "", "<html>",
	} {
		f.Add([]byte(seed), false)
	}
	s := newServer(f, server.Options{MaxBatch: 50, Workers: 1})
	f.Fuzz(func(t *testing.T, body []byte, lines bool) {
		ctype := "application/json"
		if lines {
			ctype = "application/x-ndjson"
		}
		rec := call(s, http.MethodPost, "/v1/score", ctype, string(body))
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("answer is not JSON for %q: %s", body, rec.Body)
		}
	})
}
