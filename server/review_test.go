package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/htmlcheck"
	"github.com/newsqual/newsqual/server"
)

// reviewPage is a parsed review page.
type reviewPage struct {
	doc  *html.Node
	resp *httptest.ResponseRecorder
}

// postReview posts a review form: the fields as multipart form data, a
// file when name is not "".
func postReview(t *testing.T, h http.Handler, fields map[string]string, fileName string, file []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, k := range []string{"text", "as"} {
		if v, ok := fields[k]; ok {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(file)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return call(h, http.MethodPost, "/", mw.FormDataContentType(), body.String())
}

// parseReview checks the headers every review page has and parses it.
func parseReview(t *testing.T, rec *httptest.ResponseRecorder, status int) reviewPage {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; body %.2000s", rec.Code, status, rec.Body)
	}
	h := rec.Header()
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %s", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe") || strings.Contains(csp, "script-src") {
		t.Errorf("Content-Security-Policy %q allows too much", csp)
	}
	doc, err := html.Parse(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.DataAtom == atom.Style {
			sum := sha256.Sum256([]byte(htmlcheck.TextOf(n)))
			if hash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, "style-src "+hash) {
				t.Errorf("the page's style sheet (%s) is not the one the policy allows: %q", hash, csp)
			}
		}
	}
	return reviewPage{doc: doc, resp: rec}
}

// find returns the elements of the page that match.
func (p reviewPage) find(match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for n := range p.doc.Descendants() {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	}
	return out
}

// marks returns the signal and text of each highlighted span.
func (p reviewPage) marks() [][2]string {
	var out [][2]string
	for _, m := range p.find(func(n *html.Node) bool { return n.DataAtom == atom.Mark }) {
		out = append(out, [2]string{htmlcheck.Attr(m, "data-signal"), htmlcheck.TextOf(m)})
	}
	return out
}

// verdict is the verdict shown of the reviewed article, "" when none.
func (p reviewPage) verdict() string {
	for _, n := range p.find(func(n *html.Node) bool { return strings.HasPrefix(htmlcheck.Attr(n, "class"), "verdict-") }) {
		return htmlcheck.TextOf(n)
	}
	return ""
}

// TestReviewForm checks the empty review screen: a form that posts to the
// service, with no script and nothing loaded from elsewhere.
func TestReviewForm(t *testing.T) {
	s := newServer(t, server.Options{})
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		rec := call(s, method, "/", "", "")
		if method == http.MethodHead {
			if rec.Code != http.StatusOK {
				t.Errorf("HEAD /: %d", rec.Code)
			}
			continue
		}
		p := parseReview(t, rec, http.StatusOK)
		forms := p.find(func(n *html.Node) bool { return n.DataAtom == atom.Form })
		if len(forms) != 1 || htmlcheck.Attr(forms[0], "method") != "post" || htmlcheck.Attr(forms[0], "action") != "/" || htmlcheck.Attr(forms[0], "enctype") != "multipart/form-data" {
			t.Fatalf("want one multipart form posting to /, got %d", len(forms))
		}
		if len(p.find(func(n *html.Node) bool { return n.DataAtom == atom.Textarea && htmlcheck.Attr(n, "name") == "text" })) != 1 ||
			len(p.find(func(n *html.Node) bool {
				return n.DataAtom == atom.Input && htmlcheck.Attr(n, "type") == "file" && htmlcheck.Attr(n, "name") == "file"
			})) != 1 {
			t.Error("the form lacks its text area or its file input")
		}
		for _, n := range p.find(func(n *html.Node) bool { return true }) {
			if n.DataAtom == atom.Script || n.DataAtom == atom.Link || n.DataAtom == atom.Img || htmlcheck.Attr(n, "src") != "" || htmlcheck.Attr(n, "href") != "" {
				t.Errorf("the page has <%s> %v", n.Data, n.Attr)
			}
		}
		if p.verdict() != "" || len(p.marks()) != 0 {
			t.Error("the empty form shows a result")
		}
	}
}

// apiResult is a result of POST /v1/score, with the evidence spans.
type apiResult struct {
	Verdict string `json:"verdict"`
	Quality *int   `json:"quality"`
	Reasons []struct {
		Signal   string `json:"signal"`
		Evidence []struct {
			Spans [][2]int `json:"spans"`
		} `json:"evidence"`
	} `json:"reasons"`
}

// scoreByAPI scores an article object by the JSON API.
func scoreByAPI(t *testing.T, h http.Handler, object string) apiResult {
	t.Helper()
	rec := call(h, http.MethodPost, "/v1/score", "application/json", object)
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /v1/score: %d %s", rec.Code, rec.Body)
	}
	var r apiResult
	if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestReviewMatchesAPI posts articles to the review screen as pasted
// text, as a text file, as URL-encoded form data and as an HTML file, and
// checks that it shows the JSON API's verdict for the same article, with
// a mark for every evidence span the API gives, holding that span's text.
func TestReviewMatchesAPI(t *testing.T) {
	s := newServer(t, server.Options{})
	page, err := os.ReadFile("../testdata/articles/library-reopens.html")
	if err != nil {
		t.Fatal(err)
	}
	htmlObject, _ := json.Marshal(map[string]string{"html": string(page)})
	extracted := extractedText(t, string(htmlObject))
	for _, a := range exampleArticles(t) {
		object, _ := json.Marshal(map[string]string{"text": a.Text})
		want := scoreByAPI(t, s, string(object))
		form := url.Values{"text": {a.Text}, "as": {"text"}}
		for how, rec := range map[string]*httptest.ResponseRecorder{
			"pasted":      postReview(t, s, map[string]string{"text": a.Text}, "", nil),
			"file":        postReview(t, s, map[string]string{"text": "ignored when a file is chosen"}, a.ID+".txt", []byte(a.Text)),
			"url-encoded": call(s, http.MethodPost, "/", "application/x-www-form-urlencoded", form.Encode()),
		} {
			checkReview(t, a.ID+" "+how, parseReview(t, rec, http.StatusOK), want, a.Text)
		}
	}
	want := scoreByAPI(t, s, string(htmlObject))
	checkReview(t, "HTML file", parseReview(t, postReview(t, s, nil, "library-reopens.html", page), http.StatusOK), want, extracted)
	checkReview(t, "HTML pasted", parseReview(t, postReview(t, s, map[string]string{"text": string(page)}, "", nil), http.StatusOK), want, extracted)
	// Read as text, markup and all, it is another article.
	asText := parseReview(t, postReview(t, s, map[string]string{"text": string(page), "as": "text"}, "", nil), http.StatusOK)
	if texts := asText.find(func(n *html.Node) bool { return htmlcheck.Attr(n, "class") == "text" }); len(texts) != 1 || !strings.Contains(htmlcheck.TextOf(texts[0]), "<p>") {
		t.Error("HTML read as text does not show its markup")
	}
}

// firstDiff says where got first differs from want.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	return fmt.Sprintf("at byte %d %q, want %q", i, got[i:min(len(got), i+40)], want[i:min(len(want), i+40)])
}

// extractedText is the text the reader extracts from an article object's
// "html": the text the spans point into, which the review page shows.
func extractedText(t *testing.T, object string) string {
	t.Helper()
	it := corpus.DecodeRecord([]byte(object), "request", 1, corpus.Options{})
	if !it.OK() {
		t.Fatalf("the page cannot be read: %v", it.Err)
	}
	return it.Article.Text
}

func checkReview(t *testing.T, what string, p reviewPage, api apiResult, text string) {
	t.Helper()
	if got := p.verdict(); got != api.Verdict {
		t.Errorf("%s: verdict %q, the API says %q", what, got, api.Verdict)
	}
	texts := p.find(func(n *html.Node) bool { return htmlcheck.Attr(n, "class") == "text" })
	if len(texts) != 1 || htmlcheck.TextOf(texts[0]) != htmlcheck.ReadBack(text) {
		t.Errorf("%s: the page does not show the article's text", what)
	}
	marks := p.marks()
	want := placed(api, text)
	if !slices.Equal(sortedMarks(marks), sortedMarks(want)) {
		t.Errorf("%s: marks\n%q\nwant the API's spans\n%q", what, marks, want)
	}
	if len(want) == 0 && len(api.Reasons) > 0 && api.Verdict == "spam" {
		t.Errorf("%s: a spam verdict with nothing marked", what)
	}
}

// placed is the marks the API's spans make: in the order of the reasons,
// strongest first, each span that does not overlap one already placed.
func placed(r apiResult, text string) [][2]string {
	var taken [][2]int
	var out [][2]string
	for _, reason := range r.Reasons {
		for _, ev := range reason.Evidence {
			for _, sp := range ev.Spans {
				if slices.ContainsFunc(taken, func(o [2]int) bool { return o[0] < sp[1] && sp[0] < o[1] }) {
					continue
				}
				taken = append(taken, sp)
				out = append(out, [2]string{reason.Signal, htmlcheck.ReadBack(text[sp[0]:sp[1]])})
			}
		}
	}
	return out
}

func sortedMarks(m [][2]string) [][2]string {
	m = slices.Clone(m)
	slices.SortFunc(m, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	return m
}

// TestReviewHostileText posts text full of markup and checks with an HTML
// parser that it stays text: in the form's text area, in the article
// shown and in the reasons' evidence.
func TestReviewHostileText(t *testing.T) {
	s := newServer(t, server.Options{})
	base, err := os.ReadFile(examplesDir + "/stuffed-electric-cars.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(base) + "\n" + strings.Join(htmlcheck.Pieces, "\n") + "\n" + strings.Repeat("x", 100_000) + "\n" + strings.Join(htmlcheck.Pieces, " ")
	p := parseReview(t, postReview(t, s, map[string]string{"text": text, "as": "text"}, "", nil), http.StatusOK)
	allowed := []atom.Atom{atom.Html, atom.Head, atom.Meta, atom.Title, atom.Style, atom.Body, atom.H1, atom.H2, atom.P, atom.Span,
		atom.Ol, atom.Ul, atom.Li, atom.Div, atom.Mark, atom.Article, atom.Section, atom.B, atom.A,
		atom.Form, atom.Label, atom.Textarea, atom.Input, atom.Fieldset, atom.Legend, atom.Button}
	for _, n := range p.find(func(*html.Node) bool { return true }) {
		if !slices.Contains(allowed, n.DataAtom) {
			t.Errorf("the page has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "href" && !strings.HasPrefix(a.Val, "#a") || a.Key == "autofocus" || a.Key == "x" || a.Key == "id" && a.Val == "pwned" {
				t.Errorf("<%s> has an attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
	}
	areas := p.find(func(n *html.Node) bool { return n.DataAtom == atom.Textarea })
	if len(areas) != 1 || htmlcheck.TextOf(areas[0]) != htmlcheck.ReadBack(text) {
		t.Errorf("the text area does not hold the text posted: %s", firstDiff(htmlcheck.TextOf(areas[0]), htmlcheck.ReadBack(text)))
	}
	// The article shown is the text as the reader reads it (without the
	// NUL, say).
	object, _ := json.Marshal(map[string]string{"text": strings.ToValidUTF8(text, "\uFFFD")})
	read := extractedText(t, string(object))
	texts := p.find(func(n *html.Node) bool { return htmlcheck.Attr(n, "class") == "text" })
	if len(texts) != 1 || htmlcheck.TextOf(texts[0]) != htmlcheck.ReadBack(read) {
		t.Errorf("the article shown is not the text posted: %s", firstDiff(htmlcheck.TextOf(texts[0]), htmlcheck.ReadBack(read)))
	}
	if len(p.marks()) == 0 || p.verdict() == "" {
		t.Errorf("no result shown for the hostile text")
	}
}

// TestReviewRefused checks that a post the service cannot review is
// answered with the page and its error, not JSON.
func TestReviewRefused(t *testing.T) {
	s := newServer(t, server.Options{MaxBodyBytes: 4096})
	cases := []struct {
		name   string
		rec    *httptest.ResponseRecorder
		status int
		err    string
	}{
		{"nothing pasted", postReview(t, s, map[string]string{"text": "  \n "}, "", nil), 422, "nothing to review"},
		{"HTML with no text", postReview(t, s, map[string]string{"text": "<html><body><script>x</script></body></html>"}, "", nil), 422, "no visible text"},
		{"JSON body", call(s, http.MethodPost, "/", "application/json", `{"text": "a"}`), 400, "post the form as"},
		{"no Content-Type", call(s, http.MethodPost, "/", "", "text=a"), 400, "the form could not be read"},
		{"unknown reading", postReview(t, s, map[string]string{"text": "a", "as": "xml"}, "", nil), 400, `"as" is "xml"`},
		{"broken multipart", call(s, http.MethodPost, "/", "multipart/form-data; boundary=x", "--x\r\nbroken"), 400, "the form could not be read"},
		{"too large", postReview(t, s, map[string]string{"text": strings.Repeat("word ", 1000)}, "", nil), 413, "larger than 4096 bytes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := parseReview(t, c.rec, c.status)
			errs := p.find(func(n *html.Node) bool { return htmlcheck.Attr(n, "class") == "error" })
			if len(errs) != 1 || !strings.Contains(htmlcheck.TextOf(errs[0]), c.err) {
				t.Errorf("want one error saying %q; body %.3000s", c.err, c.rec.Body)
			}
			if p.verdict() != "" {
				t.Error("a refused post shows a verdict")
			}
		})
	}
}
