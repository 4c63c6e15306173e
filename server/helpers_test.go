package server_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
	"github.com/newsqual/newsqual/server"
)

const examplesDir = "../testdata/examples"

// newServer returns a Server with the built-in model and opts.
func newServer(t testing.TB, opts server.Options) *server.Server {
	t.Helper()
	s, err := server.New(newsqual.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// call sends one request to h in-process and returns the recorded answer.
func call(h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// article is one invented or example article as a request object.
type article struct {
	ID     string `json:"id,omitempty"`
	Title  string `json:"title,omitempty"`
	Text   string `json:"text"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
}

func (a article) json(t testing.TB) string {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// exampleArticles returns the example articles of testdata/examples, in
// name order, with ids, URLs and sources.
func exampleArticles(t testing.TB) []article {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(examplesDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no examples in %s: %v", examplesDir, err)
	}
	sort.Strings(paths)
	var out []article
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		out = append(out, article{ID: name, Text: string(b), URL: "https://news.example/" + name, Source: "news.example"})
	}
	return out
}

// expectedElement is what the library says of one article object, encoded
// as `newsqual score --format json` encodes an element of its array: the
// object read by the JSONL rules, scored, put in its wire form.
func expectedElement(t testing.TB, object string) []byte {
	t.Helper()
	it := corpus.DecodeRecord([]byte(object), "request", 1, corpus.Options{})
	if !it.OK() {
		t.Fatalf("expected a readable article: %v", it.Err)
	}
	res := newsqual.Default().Score(it.Article)
	elem, err := wire.Element(wire.FromResult(it.Article, res, newsqual.Default().ModelSHA256()))
	if err != nil {
		t.Fatal(err)
	}
	return elem
}

// expectedArray joins expected elements as the command line's JSON array.
func expectedArray(elems [][]byte) string {
	if len(elems) == 0 {
		return "[]\n"
	}
	return "[\n  " + string(bytes.Join(elems, []byte(",\n  "))) + "\n]\n"
}

// errorOf decodes an {"error": "..."} body.
func errorOf(t testing.TB, body []byte) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
		t.Fatalf("body is not an error object (%v): %s", err, body)
	}
	return e.Error
}

// metricValue returns the value of the sample whose line starts with
// series (name and labels as the text format writes them), or -1.
func metricValue(t testing.TB, h http.Handler, series string) float64 {
	t.Helper()
	rec := call(h, http.MethodGet, "/metrics", "", "")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d %s", rec.Code, rec.Body)
	}
	sc := bufio.NewScanner(rec.Body)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), series+" ")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		if err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		return v
	}
	return -1
}

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// readAll reads a response body and closes it.
func readAll(t testing.TB, r io.ReadCloser) []byte {
	t.Helper()
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
