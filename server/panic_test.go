package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
)

// TestPanicIs500 checks that a handler that panics is answered with a JSON
// 500, logged with its stack, and counted, and that the server goes on.
func TestPanicIs500(t *testing.T) {
	var log bytes.Buffer
	s, err := New(newsqual.Default(), Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	s.routes["/panic"] = &route{name: "/panic", methods: []string{http.MethodGet}, handle: func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/panic", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"error": "internal error: the server log has the details"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(log.String(), "a handler panicked") || !strings.Contains(log.String(), "panic=boom") || !strings.Contains(log.String(), "panic_test.go") {
		t.Fatalf("log does not tell of the panic and where: %s", log.String())
	}
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, want := range []string{`newsqual_http_requests_total{code="500",route="/panic"} 1`, `newsqual_http_rejected_total{reason="internal"} 1`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestPosition checks the line and column named in JSON errors.
func TestPosition(t *testing.T) {
	cases := []struct {
		data string
		at   int
		want string
	}{
		{"abc", 0, "line 1, column 1"},
		{"abc", 2, "line 1, column 3"},
		{"ab\ncd", 3, "line 2, column 1"},
		{"ab\ncd", 5, "line 2, column 3"},
		{"é€x", len("é€"), "line 1, column 3"}, // columns count characters, not bytes
		{"a\n\n\nb", 4, "line 4, column 1"},
		{"abc", 99, "line 1, column 4"},
	}
	for _, c := range cases {
		if got := position([]byte(c.data), c.at); got != c.want {
			t.Errorf("position(%q, %d) = %s, want %s", c.data, c.at, got, c.want)
		}
	}
}
