package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/server"
)

// A short invented news article, long enough to score (55 words).
const bridgeText = "The Old Mill bridge will stay closed until May, the highways agency said on Tuesday.\n" +
	"Engineers found cracks in two supports during an inspection last month, the agency said.\n" +
	"A diversion through the town centre adds about ten minutes to journeys, according to the council.\n" +
	"Buses will keep to their usual timetable, the operator said."

// TestRefusedRequests sends each kind of bad request and checks its status,
// that the body is a JSON error saying what went wrong, and its headers.
func TestRefusedRequests(t *testing.T) {
	good := article{ID: "a", Text: bridgeText}.json(t)
	s := newServer(t, server.Options{MaxBodyBytes: 4096, MaxBatch: 3})
	cases := []struct {
		name, method, path, ctype, body string
		status                          int
		wantErr                         string
		header, headerValue             string
	}{
		{"unknown route", "GET", "/v2/score", "", "", 404, `no route "/v2/score"`, "", ""},
		{"unknown route names the routes", "GET", "/index.html", "", "", 404, "POST /v1/score", "", ""},
		{"review by PUT", "PUT", "/", "", "", 405, "method PUT is not allowed on /: use GET or POST", "Allow", "GET, POST, HEAD"},
		{"trailing slash", "POST", "/v1/score/", "application/json", good, 404, "no route", "", ""},
		{"score by GET", "GET", "/v1/score", "", "", 405, "method GET is not allowed on /v1/score: use POST", "Allow", "POST"},
		{"model by POST", "POST", "/v1/model", "application/json", "{}", 405, "use GET", "Allow", "GET, HEAD"},
		{"healthz by DELETE", "DELETE", "/healthz", "", "", 405, "method DELETE", "Allow", "GET, HEAD"},
		{"metrics by PUT", "PUT", "/metrics", "", "", 405, "method PUT", "Allow", "GET, HEAD"},
		{"empty body", "POST", "/v1/score", "application/json", "", 400, "the request body is empty", "", ""},
		{"blank body", "POST", "/v1/score", "application/json", " \n\t\n", 400, "the request body is empty", "", ""},
		{"plain text", "POST", "/v1/score", "", "Hello, this is an article.", 400, `line 1, column 1: found 'H'`, "", ""},
		{"not JSON after blank lines", "POST", "/v1/score", "application/json", "\n\n  <html>", 400, `line 3, column 3: found '<'`, "", ""},
		{"broken array", "POST", "/v1/score", "application/json", "[" + good + ",\n {\"text\": nope}]", 400, "line 2, column 12: invalid character 'o'", "", ""},
		{"cut-off object", "POST", "/v1/score", "application/json", `{"text": "The mayor said`, 400, "line 1, column 25: unexpected end of JSON input", "", ""},
		{"two pretty objects", "POST", "/v1/score", "application/json", "{\n\"text\": \"a\"\n}\n{\n\"text\": \"b\"\n}", 400, "line 4, column 1: invalid character '{' after top-level value; send several articles as a JSON array or as JSON Lines", "", ""},
		{"array with trailing data", "POST", "/v1/score", "application/json", "[" + good + "] x", 400, "invalid character 'x' after top-level value", "", ""},
		{"JSON Lines not starting with an object", "POST", "/v1/score", "application/x-ndjson", "[" + good + "]", 400, "JSON Lines must start with '{'", "", ""},
		{"text/plain", "POST", "/v1/score", "text/plain", good, 415, `Content-Type "text/plain" is not supported`, "", ""},
		{"form from curl -d", "POST", "/v1/score", "application/x-www-form-urlencoded", good, 415, "use --json", "", ""},
		{"latin-1", "POST", "/v1/score", "application/json; charset=iso-8859-1", good, 415, `charset "iso-8859-1"`, "", ""},
		{"bad media type", "POST", "/v1/score", "application/json; =", good, 415, "cannot be parsed", "", ""},
		{"body too large", "POST", "/v1/score", "application/json", `{"text": "` + strings.Repeat("word ", 1000) + `"}`, 413, "larger than 4096 bytes (--max-body-bytes)", "", ""},
		{"empty array", "POST", "/v1/score", "application/json", " [ ] ", 422, "the array holds no articles", "", ""},
		{"array over the batch limit", "POST", "/v1/score", "application/json", "[" + strings.Repeat(good+",", 3) + good + "]", 422, "more than 3 articles (--max-batch)", "", ""},
		{"lines over the batch limit", "POST", "/v1/score", "application/x-ndjson", strings.Repeat(good+"\n", 4), 422, "more than 3 articles", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := call(s, c.method, c.path, c.ctype, c.body)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, c.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			if msg := errorOf(t, rec.Body.Bytes()); !strings.Contains(msg, c.wantErr) {
				t.Errorf("error %q, want it to contain %q", msg, c.wantErr)
			}
			if c.header != "" && rec.Header().Get(c.header) != c.headerValue {
				t.Errorf("%s: %q, want %q", c.header, rec.Header().Get(c.header), c.headerValue)
			}
		})
	}
}

// TestGzipBodyIsRefused checks that a compressed body is refused with 415
// rather than read as garbage.
func TestGzipBodyIsRefused(t *testing.T) {
	s := newServer(t, server.Options{})
	req, _ := http.NewRequest(http.MethodPost, "/v1/score", strings.NewReader("\x1f\x8b\x08"))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnsupportedMediaType || !strings.Contains(errorOf(t, rec.Body.Bytes()), `Content-Encoding "gzip"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
}

// TestScoreSingleArticle checks that one object is answered with one result
// object, equal to the library's own score of it.
func TestScoreSingleArticle(t *testing.T) {
	s := newServer(t, server.Options{})
	for _, a := range exampleArticles(t) {
		t.Run(a.ID, func(t *testing.T) {
			obj := a.json(t)
			rec := call(s, http.MethodPost, "/v1/score", "application/json", obj)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			// A single object is the array element on its own: the same
			// fields, without the array's indentation.
			want := strings.ReplaceAll(string(expectedElement(t, obj)), "\n  ", "\n") + "\n"
			if got := rec.Body.String(); got != want {
				t.Fatalf("answer differs from the library's score:\n--- got ---\n%s\n--- want ---\n%s", got, want)
			}
		})
	}
}

// TestScoreBatchForms sends the example articles as an array, as JSON Lines
// with each Content-Type, and as JSON Lines labelled application/json, and
// checks that each answer is the array of the library's scores in order.
func TestScoreBatchForms(t *testing.T) {
	s := newServer(t, server.Options{Workers: 3})
	var objects []string
	var elems [][]byte
	for _, a := range exampleArticles(t) {
		obj := a.json(t)
		objects = append(objects, obj)
		elems = append(elems, expectedElement(t, obj))
	}
	want := expectedArray(elems)
	lines := strings.Join(objects, "\n") + "\n"
	cases := []struct{ name, ctype, body string }{
		{"array", "application/json", "[" + strings.Join(objects, ",") + "]"},
		{"pretty array", "application/json", "[\n  " + strings.Join(objects, ",\n  ") + "\n]\n"},
		{"array without Content-Type", "", "[" + strings.Join(objects, ",") + "]"},
		{"ndjson", "application/x-ndjson", lines},
		{"jsonl", "application/jsonl; charset=utf-8", lines},
		{"lines as application/json", "application/json", lines},
		{"CRLF lines with a BOM and blank lines", "application/x-ndjson", "\ufeff" + strings.Join(objects, "\r\n\r\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := call(s, http.MethodPost, "/v1/score", c.ctype, c.body)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			if got := rec.Body.String(); got != want {
				t.Fatalf("answer differs from the library's scores:\n--- got ---\n%.2000s\n--- want ---\n%.2000s", got, want)
			}
		})
	}
	// One line of JSON Lines is still a batch: an array of one.
	rec := call(s, http.MethodPost, "/v1/score", "application/x-ndjson", objects[0])
	if rec.Code != http.StatusOK || rec.Body.String() != expectedArray(elems[:1]) {
		t.Fatalf("one JSON line: %d\n%s", rec.Code, rec.Body)
	}
}

// TestBatchFailuresStayInPlace checks that articles that cannot be read are
// answered with an error element in their place, named by their place,
// while the others are scored.
func TestBatchFailuresStayInPlace(t *testing.T) {
	s := newServer(t, server.Options{})
	good := article{ID: "good", Text: bridgeText}.json(t)
	noID := article{Text: bridgeText}.json(t)
	type element struct {
		ID      string `json:"id"`
		Error   string `json:"error"`
		Verdict string `json:"verdict"`
	}
	cases := []struct {
		name, ctype, body string
		want              []element
	}{
		{"array", "application/json",
			"[" + good + `, {"id": "blank", "text": "  "}, {"id": "num", "text": 5}, 42, null, ` + noID + "]",
			[]element{
				{ID: "good"},
				{ID: "blank", Error: `corpus: request:2: no text: no "text" or "html" field with content`},
				{ID: "request:3", Error: `corpus: request:3: invalid JSON: field "text": want a string, got number`},
				{ID: "request:4", Error: "corpus: request:4: invalid JSON: want an object, got number"},
				{ID: "request:5", Error: "corpus: request:5: no text"},
				{ID: "request:6"},
			}},
		{"lines", "application/x-ndjson",
			good + "\n{\"id\": \"cut\", \"text\": \"the line ends\n\n" + `{"id": "html", "html": "<p><script>x()</script></p>"}` + "\n" + noID + "\n",
			[]element{
				{ID: "good"},
				{ID: "request:2", Error: "corpus: request:2: invalid JSON: unexpected end of JSON input"},
				{ID: "html", Error: `corpus: request:4: no text: "html" has no visible text`},
				{ID: "request:5"},
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := call(s, http.MethodPost, "/v1/score", c.ctype, c.body)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			var got []element
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("%v: %s", err, rec.Body)
			}
			if len(got) != len(c.want) {
				t.Fatalf("%d elements, want %d: %s", len(got), len(c.want), rec.Body)
			}
			for i, w := range c.want {
				g := got[i]
				if g.ID != w.ID || !strings.HasPrefix(g.Error, w.Error) || (w.Error == "") != (g.Verdict != "") {
					t.Errorf("element %d = %+v, want id %q, error starting %q, a verdict only when scored", i+1, g, w.ID, w.Error)
				}
			}
		})
	}
}

// TestSingleUnreadableArticleIs422 checks that one article that cannot be
// read is answered 422 with its {"id", "error"} element: its own id when
// that could be read, else "request".
func TestSingleUnreadableArticleIs422(t *testing.T) {
	s := newServer(t, server.Options{})
	for _, c := range []struct{ body, id, want string }{
		{`{"id": "x", "title": "No body"}`, "x", `corpus: request: no text: no "text" or "html" field with content`},
		{`{"id": ["x"], "text": "A text"}`, "request", `corpus: request: invalid JSON: "id" and "group" must be strings or numbers`},
	} {
		body, want := c.body, c.want
		rec := call(s, http.MethodPost, "/v1/score", "application/json", body)
		var f struct{ ID, Error string }
		if err := json.Unmarshal(rec.Body.Bytes(), &f); err != nil {
			t.Fatal(err)
		}
		if rec.Code != http.StatusUnprocessableEntity || f.ID != c.id || !strings.HasPrefix(f.Error, want) {
			t.Errorf("%s: %d %+v, want 422, id %q and an error starting %q", body, rec.Code, f, c.id, want)
		}
	}
}

// TestTimeoutIs503 checks that a request whose time is up before scoring
// ends is answered 503, saying how far it got.
func TestTimeoutIs503(t *testing.T) {
	s := newServer(t, server.Options{Timeout: time.Nanosecond})
	rec := call(s, http.MethodPost, "/v1/score", "application/json", "["+article{Text: bridgeText}.json(t)+"]")
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if msg := errorOf(t, rec.Body.Bytes()); !strings.Contains(msg, "timed out after 1ns (--timeout) with 0 of 1 articles scored") {
		t.Fatalf("error %q", msg)
	}
	if v := metricValue(t, s, `newsqual_http_rejected_total{reason="timeout"}`); v != 1 {
		t.Fatalf("rejected timeout = %v, want 1", v)
	}
}

// TestHealthAndModel checks the two informational routes.
func TestHealthAndModel(t *testing.T) {
	s := newServer(t, server.Options{ModelName: "default.json"})
	rec := call(s, http.MethodGet, "/healthz", "", "")
	if rec.Code != http.StatusOK || rec.Body.String() != "{\n  \"status\": \"ok\"\n}\n" {
		t.Fatalf("healthz: %d %q", rec.Code, rec.Body)
	}
	if rec := call(s, http.MethodHead, "/healthz", "", ""); rec.Code != http.StatusOK {
		t.Fatalf("HEAD healthz: %d", rec.Code)
	}
	rec = call(s, http.MethodGet, "/v1/model", "", "")
	var info struct {
		Name           string `json:"name"`
		SHA256         string `json:"sha256"`
		Format         string `json:"format"`
		FeatureVersion string `json:"feature_version"`
		Thresholds     struct{ Suspect, Spam float64 }
		Inputs         int `json:"inputs"`
		Training       struct {
			Folds          int `json:"folds"`
			CrossValidated struct {
				Articles int     `json:"articles"`
				AUROC    float64 `json:"auroc"`
			} `json:"cross_validated"`
		} `json:"training"`
		Build newsqual.Build `json:"build"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &info); err != nil {
		t.Fatal(err)
	}
	m := newsqual.Default().Model()
	if rec.Code != http.StatusOK || info.Name != "default.json" || info.Format != m.Format || info.FeatureVersion != m.FeatureVersion ||
		info.Thresholds.Spam != m.Thresholds.Spam || info.Thresholds.Suspect != m.Thresholds.Suspect || info.Inputs != len(m.Features) ||
		info.Training.Folds != m.Training.Folds || info.Training.CrossValidated.AUROC != m.Training.CrossValidated.AUROC || len(info.SHA256) != 64 {
		t.Fatalf("model: %d %+v\n%s", rec.Code, info, rec.Body)
	}
	// The build is the one newsqual version prints.
	if info.Build != newsqual.ReadBuild() || info.Build.Go == "" {
		t.Errorf("model: build %+v, want %+v", info.Build, newsqual.ReadBuild())
	}
	// The same model gives the same answer, byte for byte.
	if again := call(s, http.MethodGet, "/v1/model", "", ""); again.Body.String() != rec.Body.String() {
		t.Fatal("GET /v1/model differs between two calls")
	}
}

// TestUnscoredArticlesAreNull checks that the articles the scorer gives no
// score (too short, not English, no words) are answered with quality and
// spam_probability null, as the library and the command line give them.
func TestUnscoredArticlesAreNull(t *testing.T) {
	s := newServer(t, server.Options{})
	cases := []struct {
		name, text string
		verdict    newsqual.Verdict
	}{
		{"police-brief", unscoredText(t, "police-brief.txt"), newsqual.VerdictTooShort},
		{"french-schools", unscoredText(t, "french-schools.txt"), newsqual.VerdictUnsupported},
		{"separators", "* * *\n\n— — —", newsqual.VerdictEmpty},
	}
	var objects []string
	var elems [][]byte
	for _, c := range cases {
		obj := article{ID: c.name, Text: c.text}.json(t)
		objects = append(objects, obj)
		elems = append(elems, expectedElement(t, obj))
	}
	rec := call(s, http.MethodPost, "/v1/score", "application/json", "["+strings.Join(objects, ",")+"]")
	if rec.Code != http.StatusOK || rec.Body.String() != expectedArray(elems) {
		t.Fatalf("status %d; answer differs from the library's scores:\n%s", rec.Code, rec.Body)
	}
	var got []map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got) != len(cases) {
		t.Fatalf("answer is not an array of %d results (%v): %s", len(cases), err, rec.Body)
	}
	for i, c := range cases {
		if v := string(got[i]["verdict"]); v != `"`+string(c.verdict)+`"` {
			t.Errorf("%s: verdict %s, want %s", c.name, v, c.verdict)
		}
		for _, field := range []string{"quality", "spam_probability"} {
			if v, ok := got[i][field]; !ok || string(v) != "null" {
				t.Errorf("%s: %s is %s, want null", c.name, field, v)
			}
		}
	}
	// A single article gets the same null fields.
	single := call(s, http.MethodPost, "/v1/score", "application/json", objects[0])
	if !strings.Contains(single.Body.String(), `"quality": null,`+"\n"+`  "spam_probability": null,`) {
		t.Errorf("single too short article: %s", single.Body)
	}
}

// unscoredText returns the text of a file in testdata/unscored.
func unscoredText(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "unscored", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestMetricsCount checks that the metrics count requests by route and
// code (unknown paths under one label), articles, errors and verdicts.
func TestMetricsCount(t *testing.T) {
	s := newServer(t, server.Options{})
	// Every verdict is listed from the start, at 0.
	for _, v := range []newsqual.Verdict{newsqual.VerdictClean, newsqual.VerdictSuspect, newsqual.VerdictSpam,
		newsqual.VerdictUnsupported, newsqual.VerdictEmpty, newsqual.VerdictTooShort} {
		if got := metricValue(t, s, `newsqual_verdicts_total{verdict="`+string(v)+`"}`); got != 0 {
			t.Errorf("verdict %s counts %v before any request, want 0", v, got)
		}
	}
	examples := exampleArticles(t)
	examples = append(examples, article{ID: "brief", Text: unscoredText(t, "police-brief.txt")},
		article{ID: "french", Text: unscoredText(t, "french-schools.txt")})
	var objects []string
	for _, a := range examples {
		objects = append(objects, a.json(t))
	}
	call(s, http.MethodPost, "/v1/score", "application/json", "["+strings.Join(objects, ",")+`,{"id":"x"}]`)
	call(s, http.MethodPost, "/v1/score", "application/json", objects[0])
	call(s, http.MethodPost, "/v1/score", "application/json", "nonsense")
	for _, p := range []string{"/a", "/b", "/c/d"} {
		call(s, http.MethodGet, p, "", "")
	}
	// Count the verdicts the library gives, to compare.
	verdicts := map[string]float64{}
	for i, obj := range objects {
		var v struct{ Verdict string }
		_ = json.Unmarshal(expectedElement(t, obj), &v)
		verdicts[v.Verdict]++
		if i == 0 {
			verdicts[v.Verdict]++ // scored twice
		}
	}
	want := map[string]float64{
		`newsqual_http_requests_total{code="200",route="/v1/score"}`:  2,
		`newsqual_http_requests_total{code="400",route="/v1/score"}`:  1,
		`newsqual_http_requests_total{code="404",route="other"}`:      3,
		`newsqual_http_rejected_total{reason="bad_json"}`:             1,
		`newsqual_http_rejected_total{reason="busy"}`:                 0,
		`newsqual_articles_scored_total`:                              float64(len(objects) + 1),
		`newsqual_article_errors_total`:                               1,
		`newsqual_http_request_duration_seconds_count{route="other"}`: 3,
		`newsqual_http_requests_in_flight`:                            0,
		`newsqual_request_articles_count`:                             2,
		`newsqual_verdicts_total{verdict="unsupported"}`:              verdicts["unsupported"],
		`newsqual_verdicts_total{verdict="too_short"}`:                verdicts["too_short"],
		`newsqual_verdicts_total{verdict="empty"}`:                    0,
		`newsqual_verdicts_total{verdict="spam"}`:                     verdicts["spam"],
		`newsqual_verdicts_total{verdict="clean"}`:                    verdicts["clean"],
	}
	for series, w := range want {
		if got := metricValue(t, s, series); got != w {
			t.Errorf("%s = %v, want %v", series, got, w)
		}
	}
	if verdicts["spam"] == 0 || verdicts["clean"] == 0 || verdicts["too_short"] != 1 || verdicts["unsupported"] != 1 {
		t.Fatalf("the articles should hold spam, clean, one too short and one unsupported: %v", verdicts)
	}
	rec := call(s, http.MethodGet, "/metrics", "", "")
	for _, name := range []string{"go_goroutines", "process_cpu_seconds_total", "newsqual_model_info{"} {
		if !strings.Contains(rec.Body.String(), name) {
			t.Errorf("/metrics has no %s", name)
		}
	}
}

// TestOptionsOutOfRange checks that New refuses negative limits.
func TestOptionsOutOfRange(t *testing.T) {
	for _, opts := range []server.Options{{MaxBodyBytes: -1}, {MaxBatch: -1}, {Timeout: -time.Second},
		{MaxConcurrent: -1}, {Workers: -2}, {DrainTimeout: -time.Second}} {
		if _, err := server.New(newsqual.Default(), opts); err == nil || !strings.Contains(err.Error(), "want 0") {
			t.Errorf("%+v: error %v", opts, err)
		}
	}
	if _, err := server.New(nil, server.Options{}); err == nil {
		t.Error("New(nil) gave no error")
	}
}
