package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/schematest"
	"github.com/newsqual/newsqual/server"
)

// TestScoreAnswersMatchSchema checks live POST /v1/score answers against
// schema/result.schema.json: a single scored article, a single one that
// cannot be read (422), and arrays and JSON Lines mixing scored, unscored
// and failed articles, element by element.
func TestScoreAnswersMatchSchema(t *testing.T) {
	sch := schematest.Compile(t, "../schema/result.schema.json")
	s := newServer(t, server.Options{})
	var objects []string
	for _, a := range exampleArticles(t) {
		objects = append(objects, a.json(t))
	}
	objects = append(objects,
		article{ID: "brief", Text: "The mayor said the bridge would reopen in May."}.json(t),
		`{"id": "empty", "text": "  "}`,
		`{"id": "num", "text": 5}`,
		article{Text: bridgeText}.json(t))
	for _, c := range []struct {
		name, ctype, body string
		status            int
		single            bool
	}{
		{"single", "application/json", objects[0], http.StatusOK, true},
		{"single failure", "application/json", `{"id": "x", "title": "No body"}`, http.StatusUnprocessableEntity, true},
		{"array", "application/json", "[" + strings.Join(objects, ",") + "]", http.StatusOK, false},
		{"lines", "application/x-ndjson", strings.Join(objects, "\n") + "\n{\"id\": \"cut\", \"text\n", http.StatusOK, false},
	} {
		rec := call(s, http.MethodPost, "/v1/score", c.ctype, c.body)
		if rec.Code != c.status {
			t.Fatalf("%s: status %d, want %d: %s", c.name, rec.Code, c.status, rec.Body)
		}
		if c.single {
			if err := schematest.Validate(sch, rec.Body.Bytes()); err != nil {
				t.Errorf("%s: %v\n%s", c.name, err, rec.Body)
			}
			continue
		}
		n, err := schematest.ValidateArray(sch, rec.Body.Bytes())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if want := len(objects) + strings.Count(c.name, "lines"); n != want {
			t.Errorf("%s: %d elements checked, want %d", c.name, n, want)
		}
	}
}
