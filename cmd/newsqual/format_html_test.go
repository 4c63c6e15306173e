package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/htmlcheck"
)

// TestScoreHTMLFormat scores the examples, an HTML page, an unscored
// article and an input that fails as one page, and checks it: every
// article once, worst first, its evidence marked, the failure listed, and
// a policy that loads nothing.
func TestScoreHTMLFormat(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", "{\"text\": 3}\n")
	out, stderr, code := runCLI(t, "", "score", "--format", "html", examples, "../../testdata/articles/library-reopens.html", unscored+"/police-brief.txt", bad)
	if code != 2 {
		t.Fatalf("exit %d, want 2 for the failed input; stderr %s", code, stderr)
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	var qualities []string
	var failures string
	marked := map[string][]string{}
	csp := ""
	for n := range doc.Descendants() {
		switch {
		case n.DataAtom == atom.H2:
			titles = append(titles, htmlcheck.TextOf(n))
		case n.DataAtom == atom.P && htmlcheck.Attr(n, "class") == "meta" && strings.Contains(htmlcheck.TextOf(n), "quality"):
			qualities = append(qualities, strings.Fields(strings.SplitAfter(htmlcheck.TextOf(n), "quality ")[1])[0])
		case n.DataAtom == atom.Section:
			failures = htmlcheck.TextOf(n)
		case n.DataAtom == atom.Mark:
			marked[htmlcheck.Attr(n, "data-signal")] = append(marked[htmlcheck.Attr(n, "data-signal")], htmlcheck.TextOf(n))
		case n.DataAtom == atom.Meta && htmlcheck.Attr(n, "http-equiv") == "Content-Security-Policy":
			csp = htmlcheck.Attr(n, "content")
		}
	}
	examplesFound, _ := filepath.Glob(examples + "/*.txt")
	if want := len(examplesFound) + 2 + 1; len(titles) != want { // the page, the brief, the "Not scored" heading
		t.Errorf("%d headings %q, want %d", len(titles), titles, want)
	}
	last := -1
	for i, q := range qualities {
		if q == "–" {
			if i != len(qualities)-1 {
				t.Errorf("the unscored article is not last: %q", qualities)
			}
			continue
		}
		var n int
		if err := json.Unmarshal([]byte(q), &n); err != nil {
			t.Fatalf("quality %q", q)
		}
		if n < last {
			t.Errorf("qualities %q are not worst first", qualities)
		}
		last = n
	}
	if !strings.Contains(failures, "bad.jsonl:1") {
		t.Errorf("the failed input is not listed: %q", failures)
	}
	if !slices.Contains(marked["ad_injection"], "Call +44 7700 900123 for same-day payday cash") || len(marked["keyword_stuffing"]) < 5 {
		t.Errorf("marks %v lack the ad line and the stuffed phrase", marked)
	}
	if !strings.HasPrefix(csp, "default-src 'none'; style-src 'sha256-") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
}

// TestScoreWithText checks that --with-text gives each record the text
// its spans point into: for an HTML file, the text read from the page.
func TestScoreWithText(t *testing.T) {
	page := "../../testdata/articles/library-reopens.html"
	stuffed := examples + "/stuffed-electric-cars.txt"
	out, stderr, code := runCLI(t, "", "score", "--format", "jsonl", "--with-text", "--explain", page, stuffed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	raw, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	fromPage := corpus.DecodeHTML(raw, page, "", corpus.Options{}).Article.Text
	fromFile, err := os.ReadFile(stuffed)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d records, want 2:\n%s", len(lines), out)
	}
	spans := 0
	for i, want := range []string{fromPage, string(fromFile)} {
		var rec struct {
			Text    *string `json:"text"`
			Reasons []struct {
				Evidence []struct {
					Text  string   `json:"text"`
					Spans [][2]int `json:"spans"`
				} `json:"evidence"`
			} `json:"reasons"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Text == nil || *rec.Text != want {
			t.Errorf("record %d: text is not the article as read", i)
			continue
		}
		for _, r := range rec.Reasons {
			for _, ev := range r.Evidence {
				for _, sp := range ev.Spans {
					spans++
					if sp[0] < 0 || sp[1] > len(*rec.Text) || sp[0] >= sp[1] {
						t.Errorf("record %d: span %v out of its %d bytes", i, sp, len(*rec.Text))
						continue
					}
					if got := (*rec.Text)[sp[0]:sp[1]]; !strings.EqualFold(strings.Join(strings.Fields(got), " "), strings.Join(strings.Fields(ev.Text), " ")) && !strings.Contains(strings.ToLower(got), strings.ToLower(strings.Fields(ev.Text)[0])) {
						t.Errorf("record %d: span %v is %q, evidence %q", i, sp, got, ev.Text)
					}
				}
			}
		}
	}
	if spans < 10 {
		t.Errorf("%d spans in all, want the stuffed phrase's at least", spans)
	}
	plain, _, _ := runCLI(t, "", "score", "--format", "jsonl", stuffed)
	var rec map[string]json.RawMessage
	if err := json.Unmarshal([]byte(plain), &rec); err != nil {
		t.Fatal(err)
	}
	if _, ok := rec["text"]; ok || len(rec) == 0 {
		t.Errorf("without --with-text the record has a text: %s", plain)
	}
}
