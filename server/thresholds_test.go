package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/server"
)

// verdicts decodes the verdicts of an array answer, by id.
func verdicts(t *testing.T, body []byte) map[string]string {
	t.Helper()
	var elems []struct{ ID, Verdict, Error string }
	if err := json.Unmarshal(body, &elems); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	out := map[string]string{}
	for _, e := range elems {
		out[e.ID] = e.Verdict
	}
	return out
}

func examplesArray(t *testing.T) string {
	var objects []string
	for _, a := range exampleArticles(t) {
		objects = append(objects, a.json(t))
	}
	return "[" + strings.Join(objects, ",") + "]"
}

// TestPerRequestThresholds checks that a request's spam_threshold and
// suspect_threshold change its verdicts, and only its own.
func TestPerRequestThresholds(t *testing.T) {
	s := newServer(t, server.Options{})
	body := examplesArray(t)
	def := call(s, http.MethodPost, "/v1/score", "application/json", body)
	if def.Code != http.StatusOK {
		t.Fatalf("status %d: %s", def.Code, def.Body)
	}
	// The model's own cut-offs as parameters change not a byte.
	same := call(s, http.MethodPost, "/v1/score?spam_threshold=23.4989&suspect_threshold=58.837", "application/json", body)
	if same.Code != http.StatusOK || same.Body.String() != def.Body.String() {
		t.Errorf("the model's cut-offs as parameters: %d, answer differs:\n%s", same.Code, same.Body)
	}
	// clean-council-budget has quality 97 (96.5796 before rounding),
	// ad-injected-festival quality 0 (0.0339).
	for _, c := range []struct {
		query string
		want  map[string]string
	}{
		{"", map[string]string{"clean-council-budget": "clean", "ad-injected-festival": "spam"}},
		{"?suspect_threshold=97", map[string]string{"clean-council-budget": "suspect", "clean-port-strike": "clean", "ad-injected-festival": "spam"}},
		{"?suspect_threshold=96.5795", map[string]string{"clean-council-budget": "clean"}},
		{"?spam_threshold=97&suspect_threshold=99", map[string]string{"clean-council-budget": "spam", "clean-port-strike": "clean"}},
		{"?spam_threshold=0.03", map[string]string{"ad-injected-festival": "suspect", "filler-rewrite-summit": "spam"}},
		{"?spam_threshold=0.03&suspect_threshold=0.03", map[string]string{"ad-injected-festival": "clean"}},
	} {
		rec := call(s, http.MethodPost, "/v1/score"+c.query, "application/json", body)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", c.query, rec.Code, rec.Body)
		}
		got := verdicts(t, rec.Body.Bytes())
		for id, v := range c.want {
			if got[id] != v {
				t.Errorf("%q: %s is %q, want %q", c.query, id, got[id], v)
			}
		}
	}
	// A single article and JSON Lines take them too.
	clean := exampleArticles(t)[1]
	if clean.ID != "clean-council-budget" {
		t.Fatalf("examples in another order: %s", clean.ID)
	}
	rec := call(s, http.MethodPost, "/v1/score?suspect_threshold=97", "application/json", clean.json(t))
	var one struct{ Verdict string }
	if err := json.Unmarshal(rec.Body.Bytes(), &one); err != nil || rec.Code != http.StatusOK || one.Verdict != "suspect" {
		t.Errorf("single article with suspect_threshold=97: %d %s", rec.Code, rec.Body)
	}
	rec = call(s, http.MethodPost, "/v1/score?spam_threshold=97&suspect_threshold=97", "application/x-ndjson", clean.json(t)+"\n")
	if got := verdicts(t, rec.Body.Bytes()); got["clean-council-budget"] != "spam" {
		t.Errorf("JSON Lines with cut-offs 97: %s", rec.Body)
	}
	// The service's defaults are untouched by the requests before.
	if again := call(s, http.MethodPost, "/v1/score", "application/json", body); again.Body.String() != def.Body.String() {
		t.Error("a request's thresholds changed the next request's verdicts")
	}
}

func TestBadThresholdParametersAre400(t *testing.T) {
	s := newServer(t, server.Options{})
	good := article{ID: "a", Text: bridgeText}.json(t)
	for _, c := range []struct{ query, want string }{
		{"spam_threshold=abc", `spam_threshold="abc" is not a number`},
		{"spam_threshold=", `spam_threshold="" is not a number`},
		{"spam_threshold=0", "spam_threshold=0: want a quality cut-off above 0 and below 100"},
		{"suspect_threshold=100", "suspect_threshold=100: want a quality cut-off above 0 and below 100"},
		{"suspect_threshold=NaN", "suspect_threshold=NaN: want a quality cut-off"},
		{"spam_threshold=-3", "spam_threshold=-3: want"},
		{"spam_threshold=30&suspect_threshold=20", "spam_threshold=30 is above suspect_threshold=20: want the spam cut-off at or below the suspect one"},
		{"spam_threshold=70", "spam_threshold=70 is above the service's suspect_threshold 58.837 (give suspect_threshold too)"},
		{"suspect_threshold=10", "the service's spam_threshold 23.4989 (give spam_threshold too) is above suspect_threshold=10"},
		{"spam_threshold=30&spam_threshold=40", "spam_threshold is given 2 times"},
		{"spam_treshold=30", `unknown query parameter "spam_treshold": /v1/score takes spam_threshold and suspect_threshold`},
		{"spam_threshold=%zz", "the query cannot be parsed"},
	} {
		rec := call(s, http.MethodPost, "/v1/score?"+c.query, "application/json", good)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", c.query, rec.Code, rec.Body)
			continue
		}
		if msg := errorOf(t, rec.Body.Bytes()); !strings.Contains(msg, c.want) {
			t.Errorf("%s: error %q, want it to contain %q", c.query, msg, c.want)
		}
	}
	if v := metricValue(t, s, `newsqual_http_rejected_total{reason="bad_parameter"}`); v != 12 {
		t.Errorf("rejected bad_parameter = %v, want 12", v)
	}
}

// modelThresholds decodes the thresholds of GET /v1/model.
type thresholdsForm struct {
	Suspect        float64 `json:"suspect"`
	Spam           float64 `json:"spam"`
	SuspectQuality float64 `json:"suspect_quality"`
	SpamQuality    float64 `json:"spam_quality"`
}

func modelThresholds(t *testing.T, s http.Handler) (inEffect, model thresholdsForm) {
	t.Helper()
	rec := call(s, http.MethodGet, "/v1/model", "", "")
	var info struct {
		Thresholds      thresholdsForm `json:"thresholds"`
		ModelThresholds thresholdsForm `json:"model_thresholds"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &info); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("GET /v1/model: %d %v %s", rec.Code, err, rec.Body)
	}
	return info.Thresholds, info.ModelThresholds
}

// TestModelGivesThresholdsInEffect checks that /v1/model gives the
// service's thresholds in both forms, and the model file's beside them,
// and that a service with other thresholds uses them as its defaults.
func TestModelGivesThresholdsInEffect(t *testing.T) {
	builtIn := thresholdsForm{Suspect: 0.41163, Spam: 0.765011, SuspectQuality: 58.837, SpamQuality: 23.4989}
	inEffect, own := modelThresholds(t, newServer(t, server.Options{}))
	if inEffect != builtIn || own != builtIn {
		t.Errorf("built-in service: thresholds %+v and model_thresholds %+v, want %+v", inEffect, own, builtIn)
	}
	th, err := newsqual.QualityThresholds(40, 97)
	if err != nil {
		t.Fatal(err)
	}
	scorer, err := newsqual.Default().With(newsqual.WithThresholds(th))
	if err != nil {
		t.Fatal(err)
	}
	s, err := server.New(scorer, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inEffect, own = modelThresholds(t, s)
	if want := (thresholdsForm{Suspect: 0.03, Spam: 0.6, SuspectQuality: 97, SpamQuality: 40}); inEffect != want || own != builtIn {
		t.Errorf("service at cut-offs 40 and 97: thresholds %+v and model_thresholds %+v, want %+v and %+v", inEffect, own, want, builtIn)
	}
	rec := call(s, http.MethodPost, "/v1/score", "application/json", examplesArray(t))
	if got := verdicts(t, rec.Body.Bytes()); got["clean-council-budget"] != "suspect" {
		t.Errorf("service at suspect cut-off 97: clean-council-budget is %q, want suspect", got["clean-council-budget"])
	}
	// A request's parameter left out keeps the service's threshold, not
	// the model's.
	rec = call(s, http.MethodPost, "/v1/score?spam_threshold=97", "application/json", examplesArray(t))
	if got := verdicts(t, rec.Body.Bytes()); rec.Code != http.StatusOK || got["clean-council-budget"] != "spam" {
		t.Errorf("spam_threshold=97 on a service at suspect cut-off 97: %d %v", rec.Code, got)
	}
}
