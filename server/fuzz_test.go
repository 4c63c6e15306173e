package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

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

// FuzzReviewForm posts any bytes to the review screen, as multipart form
// data or URL-encoded, and checks that the answer is never a 500 and is
// always a whole HTML page that the parser reads without script.
func FuzzReviewForm(f *testing.F) {
	for _, seed := range []string{
		"--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nThe mayor said the bridge would reopen in May.\r\n--x--\r\n",
		"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.html\"\r\n\r\n<p>Buy Now</p>\r\n--x--\r\n",
		"--x\r\nContent-Disposition: form-data; name=\"as\"\r\n\r\nhtml\r\n--x\r\n", "text=%3Cscript%3E&as=text", "text=%zz", "",
	} {
		f.Add([]byte(seed), true)
	}
	s := newServer(f, server.Options{Workers: 1})
	f.Fuzz(func(t *testing.T, body []byte, multipart bool) {
		ctype := "application/x-www-form-urlencoded"
		if multipart {
			ctype = "multipart/form-data; boundary=x"
		}
		rec := call(s, http.MethodPost, "/", ctype, string(body))
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		doc, err := html.Parse(bytes.NewReader(rec.Body.Bytes()))
		if err != nil || !strings.HasPrefix(rec.Body.String(), "<!DOCTYPE html>") {
			t.Fatalf("answer is not a page for %q: %v", body, err)
		}
		for n := range doc.Descendants() {
			if n.DataAtom == atom.Script {
				t.Fatalf("a script in the answer for %q", body)
			}
		}
	})
}
