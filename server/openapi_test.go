package server_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/newsqual/newsqual/server"
)

// openAPIFile describes the service.
const openAPIFile = "../schema/openapi.yaml"

func init() {
	// JSON Lines bodies are described as strings: read them as text.
	openapi3filter.RegisterBodyDecoder("application/x-ndjson", openapi3filter.PlainBodyDecoder)
}

// loadOpenAPI reads and checks the OpenAPI file, and returns a router over
// its paths whatever the host (its server entry names the default
// address, not the test's).
func loadOpenAPI(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	ctx := context.Background()
	doc, err := openapi3.NewLoader().LoadFromFile(openAPIFile)
	if err != nil {
		t.Fatalf("load %s: %v", openAPIFile, err)
	}
	if err := doc.Validate(ctx); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", openAPIFile, err)
	}
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, router
}

// exchange is one live request and the answer the service gave.
type exchange struct {
	req    *http.Request
	body   []byte // the request body
	status int
	header http.Header
	answer []byte
}

// send makes a real HTTP request to the running service.
func send(t *testing.T, base, method, path, ctype, body string) exchange {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer := readAll(t, resp.Body)
	return exchange{req: req, body: []byte(body), status: resp.StatusCode, header: resp.Header, answer: answer}
}

// validate checks the answer of an exchange against the OpenAPI file, and
// the request as well when checkRequest is set (a request the service
// refuses is not one the file describes as valid).
func validate(router routers.Router, x exchange, checkRequest bool) error {
	ctx := context.Background()
	req := x.req.Clone(ctx)
	req.Body = io.NopCloser(bytes.NewReader(x.body))
	route, params, err := router.FindRoute(req)
	if err != nil {
		return err
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true}}
	if checkRequest {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return err
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: x.status, Header: x.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(x.answer)
	return openapi3filter.ValidateResponse(ctx, out)
}

// TestOpenAPIDescribesLiveAnswers runs the service over HTTP, sends it good
// and bad requests of every kind, and checks every answer, and every
// request it accepts, against schema/openapi.yaml.
func TestOpenAPIDescribesLiveAnswers(t *testing.T) {
	_, router := loadOpenAPI(t)
	srv := httptest.NewServer(newServer(t, server.Options{MaxBodyBytes: 256 << 10, MaxBatch: 10}))
	defer srv.Close()

	var objects []string
	for _, a := range exampleArticles(t) {
		objects = append(objects, a.json(t))
	}
	french, err := os.ReadFile(filepath.Join("..", "testdata", "unscored", "french-schools.txt"))
	if err != nil {
		t.Fatal(err)
	}
	unscored := []string{
		article{ID: "fr", Text: string(french)}.json(t),
		article{ID: "brief", Text: "The council met on Tuesday."}.json(t),
		article{ID: "blank", Text: " \n "}.json(t),
	}
	array := "[" + strings.Join(objects, ",") + "]"
	lines := strings.Join(objects, "\n") + "\n"
	broken := lines + `{"id":"cut","text":"The council said` + "\n" + `{"id":"no-text","title":"A headline"}` + "\n" + `{"text":42}` + "\n"

	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		validRequest                    bool
	}{
		{"one article", "POST", "/v1/score", "application/json", objects[1], 200, true},
		{"one article with html", "POST", "/v1/score", "application/json", `{"id":"h","html":"<html><body><article><p>` + strings.Repeat("The council said the bridge would reopen in May after repairs. ", 12) + `</p></article></body></html>"}`, 200, true},
		{"array", "POST", "/v1/score", "application/json", array, 200, true},
		{"JSON Lines", "POST", "/v1/score", "application/x-ndjson", lines, 200, true},
		{"JSON Lines with unreadable lines", "POST", "/v1/score", "application/x-ndjson", broken, 200, true},
		{"articles without a score", "POST", "/v1/score", "application/json", "[" + strings.Join(unscored, ",") + "]", 200, true},
		{"one article without a score", "POST", "/v1/score", "application/json", unscored[0], 200, true},
		{"per-request thresholds", "POST", "/v1/score?spam_threshold=40&suspect_threshold=97", "application/json", array, 200, true},
		{"per-request spam threshold", "POST", "/v1/score?spam_threshold=0.5", "application/x-ndjson", lines, 200, true},
		{"bad JSON", "POST", "/v1/score", "application/json", `{"text": "The mayor said`, 400, false},
		{"empty body", "POST", "/v1/score", "application/json", "", 400, false},
		{"threshold not a number", "POST", "/v1/score?spam_threshold=high", "application/json", objects[0], 400, false},
		{"threshold out of range", "POST", "/v1/score?suspect_threshold=100", "application/json", objects[0], 400, false},
		{"spam cut-off above suspect", "POST", "/v1/score?spam_threshold=60&suspect_threshold=50", "application/json", objects[0], 400, true},
		{"unknown parameter", "POST", "/v1/score?spam_treshold=30", "application/json", objects[0], 400, false},
		{"too large", "POST", "/v1/score", "application/json", `{"text": "` + strings.Repeat("word ", 60<<10) + `"}`, 413, true},
		{"not JSON", "POST", "/v1/score", "text/plain", "The mayor said.", 415, false},
		{"empty batch", "POST", "/v1/score", "application/json", "[]", 422, false},
		{"batch too large", "POST", "/v1/score", "application/json", "[" + strings.Repeat(objects[0]+",", 10) + objects[0] + "]", 422, false},
		{"one unreadable article", "POST", "/v1/score", "application/json", `{"id":"x","title":"only a title"}`, 422, false},
		{"model", "GET", "/v1/model", "", "", 200, true},
		{"health", "GET", "/healthz", "", "", 200, true},
		{"metrics", "GET", "/metrics", "", "", 200, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := send(t, srv.URL, c.method, c.path, c.ctype, c.body)
			if x.status != c.status {
				t.Fatalf("status %d, want %d: %.500s", x.status, c.status, x.answer)
			}
			if err := validate(router, x, c.validRequest); err != nil {
				t.Errorf("the exchange does not match %s: %v\nanswer: %.1000s", openAPIFile, err, x.answer)
			}
		})
	}

	// The check can fail: answers with a field of the wrong type, a
	// missing field, or a status the file does not list are caught.
	good := send(t, srv.URL, "POST", "/v1/score", "application/json", objects[1])
	for name, mutate := range map[string]func(x *exchange){
		"quality as a string": func(x *exchange) {
			x.answer = bytes.Replace(x.answer, []byte(`"quality": 97`), []byte(`"quality": "97"`), 1)
		},
		"no verdict": func(x *exchange) {
			x.answer = bytes.Replace(x.answer, []byte(`"verdict"`), []byte(`"verdikt"`), 1)
		},
		"unknown verdict": func(x *exchange) {
			x.answer = bytes.Replace(x.answer, []byte(`"verdict": "clean"`), []byte(`"verdict": "fine"`), 1)
		},
		"status 201": func(x *exchange) { x.status = 201 },
	} {
		x := good
		mutate(&x)
		if bytes.Equal(x.answer, good.answer) && x.status == good.status {
			t.Fatalf("%s: the mutation changed nothing: %s", name, good.answer)
		}
		if err := validate(router, x, true); err == nil {
			t.Errorf("%s: the OpenAPI check passed an answer it should refuse", name)
		}
	}
	// A request the file does not allow is caught too.
	bad := send(t, srv.URL, "POST", "/v1/score?spam_threshold=150", "application/json", objects[1])
	if err := validate(router, bad, true); err == nil {
		t.Error("the OpenAPI check passed spam_threshold=150")
	}
}
