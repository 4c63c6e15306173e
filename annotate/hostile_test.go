package annotate_test

import (
	"bytes"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/annotate"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/htmlcheck"
)

var hostile = htmlcheck.Pieces

// allowedElements and allowedAttrs are all a page may hold.
var (
	allowedElements = []atom.Atom{atom.Html, atom.Head, atom.Meta, atom.Title, atom.Style, atom.Body, atom.H1, atom.H2,
		atom.P, atom.Span, atom.Ol, atom.Ul, atom.Li, atom.Div, atom.Mark, atom.Article, atom.Section, atom.B, atom.A}
	allowedAttrs = []string{"lang", "charset", "name", "content", "http-equiv", "class", "data-signal", "tabindex", "aria-describedby", "data-tip", "id", "href"}
	// anchor is all an id may be, and a link may point to.
	anchor = regexp.MustCompile(`^a[0-9]+-[rd][0-9]+$`)
)

// hostileArticles builds articles whose text, title, URL, id, evidence and
// reason messages hold the hostile pieces: a stuffed example with them
// injected as promo lines and mid-sentence, scored for real, and an
// article whose reasons are made up to mark each piece, with a very long
// line.
func hostileArticles(t *testing.T) []annotate.Article {
	t.Helper()
	base, err := os.ReadFile("../testdata/examples/stuffed-electric-cars.txt")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, line := range strings.Split(string(base), "\n") {
		b.WriteString(line)
		if i < len(hostile) {
			b.WriteString(" " + hostile[i] + "\n" + hostile[i])
		}
		b.WriteString("\n")
	}
	scored := b.String()
	res := newsqual.Default().Score(newsqual.Article{ID: hostile[0], Text: scored})

	long := strings.Repeat("word ", 200_000) + strings.Join(hostile, " ") + strings.Repeat(" more", 100_000)
	var ev []features.Evidence
	at := strings.Index(long, hostile[0])
	for _, h := range hostile {
		ev = append(ev, features.Evidence{Text: h, Count: 1, Spans: []features.Span{{Start: at, End: at + len(h)}}})
		at += len(h) + 1
	}
	made := newsqual.Result{ID: hostile[4], Verdict: newsqual.VerdictSpam, Reasons: []newsqual.Reason{
		{Signal: `x" onclick="alert(8)`, Message: hostile[1] + hostile[2], Weight: 2, Evidence: ev},
		// spans out of range and overlapping, which are passed over
		{Signal: "ad_injection", Message: hostile[4], Weight: 1, Evidence: []features.Evidence{{Text: "x", Spans: []features.Span{
			{Start: -5, End: 3}, {Start: len(long) - 2, End: len(long) + 10}, {Start: 10, End: 5}, {Start: at - 3, End: at + 5}}}}},
	}}
	return []annotate.Article{
		{Result: res, Title: hostile[1], URL: hostile[2], Text: scored},
		{Result: made, Title: hostile[3], URL: `javascript:alert(9)`, Text: long},
	}
}

// TestHostileTextStaysText renders articles full of markup and checks,
// with an HTML parser, that the page holds only the elements and
// attributes it writes itself, that every article's text reads back as it
// was given, and that each mark holds exactly its span's text.
func TestHostileTextStaysText(t *testing.T) {
	articles := hostileArticles(t)
	var page bytes.Buffer
	if err := annotate.Write(&page, annotate.Page{Title: hostile[0], Note: hostile[1],
		Failures: []annotate.Failure{{ID: hostile[2], Error: hostile[3]}}}, articles); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(page.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if !slices.Contains(allowedElements, n.DataAtom) {
			t.Errorf("the page has a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			ok := slices.Contains(allowedAttrs, a.Key)
			switch a.Key {
			case "id":
				ok = (n.DataAtom == atom.Mark || n.DataAtom == atom.Li) && anchor.MatchString(a.Val)
			case "aria-describedby":
				ok = n.DataAtom == atom.Mark && anchor.MatchString(a.Val)
			case "href":
				ok = n.DataAtom == atom.A && strings.HasPrefix(a.Val, "#") && anchor.MatchString(a.Val[1:])
			}
			if !ok {
				t.Errorf("<%s> has an attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
		if n.DataAtom == atom.Style && htmlcheck.TextOf(n) != annotate.Style() {
			t.Errorf("the style sheet is not the page's own")
		}
		if n.DataAtom == atom.Div && hasClass(n, "text") {
			texts = append(texts, htmlcheck.TextOf(n))
		}
	}
	if len(texts) != len(articles) {
		t.Fatalf("%d article texts on the page, want %d", len(texts), len(articles))
	}
	// Articles are worst first: the made-up one has no quality, so it is last.
	for i, a := range articles {
		if texts[i] != htmlcheck.ReadBack(a.Text) {
			t.Errorf("article %d: its text does not read back as given (%d bytes, want %d)", i, len(texts[i]), len(htmlcheck.ReadBack(a.Text)))
		}
	}
	ms := marks(doc)
	var want []string
	for _, a := range articles {
		for _, r := range a.Result.Reasons {
			for _, ev := range r.Evidence {
				for _, sp := range ev.Spans {
					if sp.Start >= 0 && sp.End <= len(a.Text) && sp.Start < sp.End {
						want = append(want, htmlcheck.ReadBack(a.Text[sp.Start:sp.End]))
					}
				}
			}
		}
	}
	got := map[string]bool{}
	for _, m := range ms {
		got[m.text] = true
	}
	for _, h := range hostile {
		if !got[htmlcheck.ReadBack(h)] {
			t.Errorf("no mark holds %q", h)
		}
	}
	for _, m := range ms {
		if !slices.Contains(want, m.text) {
			t.Errorf("a mark holds %q, which no span names", m.text)
		}
	}
	if len(ms) < len(hostile)+3 {
		t.Errorf("%d marks, want the scored article's evidence and every hostile piece", len(ms))
	}
}
