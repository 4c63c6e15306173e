package annotate_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/annotate"
	"github.com/newsqual/newsqual/internal/htmlcheck"
)

// Fragment shows an article's text with each reason's evidence marked
// where it was found.
func ExampleFragment() {
	text, err := os.ReadFile("../testdata/examples/ad-injected-festival.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	res := newsqual.Default().Score(newsqual.Article{ID: "festival", Text: string(text)})
	var page bytes.Buffer
	if err := annotate.Fragment(&page, []annotate.Article{{Result: res, Text: string(text)}}); err != nil {
		fmt.Println(err)
		return
	}
	doc, err := html.Parse(&page)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range marks(doc) {
		if m.signal == "ad_injection" {
			fmt.Printf("%s: %q\n", m.signal, m.text)
		}
	}
	// Output:
	// ad_injection: "Best crypto returns daily — joinprofitnest.io"
	// ad_injection: "Call +44 7700 900123 for same-day payday cash"
	// ad_injection: "Best crypto returns daily — joinprofitnest.io"
}

// mark is a highlighted element of a rendered page.
type mark struct {
	signal, text string
	attrs        []html.Attribute
}

// marks returns the page's mark elements in order.
func marks(n *html.Node) []mark {
	var out []mark
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.DataAtom == atom.Mark {
			m := mark{text: htmlcheck.TextOf(d), attrs: d.Attr}
			for _, a := range d.Attr {
				if a.Key == "data-signal" {
					m.signal = a.Val
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// TestWriteWorstFirst checks the order of a page's articles and that the
// legend names exactly the signals that are marked.
func TestWriteWorstFirst(t *testing.T) {
	s := newsqual.Default()
	var articles []annotate.Article
	for _, name := range []string{"clean-port-strike.txt", "stuffed-electric-cars.txt", "clean-council-budget.txt", "ad-injected-festival.txt"} {
		text, err := os.ReadFile("../testdata/examples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, annotate.Article{Result: s.Score(newsqual.Article{ID: name, Text: string(text)}), Title: name, Text: string(text)})
	}
	articles = append(articles, annotate.Article{Result: s.Score(newsqual.Article{ID: "short", Text: "Too short."}), Title: "short", Text: "Too short."})
	var page bytes.Buffer
	if err := annotate.Write(&page, annotate.Page{Title: "examples"}, articles); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&page)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	legend := map[string]bool{}
	for d := range doc.Descendants() {
		if d.DataAtom == atom.H2 {
			titles = append(titles, htmlcheck.TextOf(d))
		}
		if d.DataAtom == atom.P && hasClass(d, "legend") {
			for c := range d.ChildNodes() {
				if c.DataAtom == atom.Span {
					legend[htmlcheck.TextOf(c)] = true
				}
			}
		}
	}
	var last *int
	for _, title := range titles {
		for _, a := range articles {
			if a.Title != title || a.Result.Quality == nil {
				continue
			}
			if last != nil && *a.Result.Quality < *last {
				t.Errorf("%s (quality %d) comes after quality %d", title, *a.Result.Quality, *last)
			}
			last = a.Result.Quality
		}
	}
	if len(titles) != len(articles) || titles[len(titles)-1] != "short" {
		t.Errorf("articles in the order %q, want %d with the unscored one last", titles, len(articles))
	}
	marked := map[string]bool{}
	for _, m := range marks(doc) {
		marked[m.signal] = true
	}
	if !marked["ad_injection"] || !marked["keyword_stuffing"] {
		t.Errorf("marked signals %v, want ad_injection and keyword_stuffing among them", marked)
	}
	for sig := range marked {
		if !legend[sig] {
			t.Errorf("signal %s is marked but not in the legend %v", sig, legend)
		}
	}
	for sig := range legend {
		if !marked[sig] {
			t.Errorf("signal %s is in the legend but never marked", sig)
		}
	}
	// Each reason with marks links to its first mark.
	ids := map[string]*html.Node{}
	for d := range doc.Descendants() {
		if id := htmlcheck.Attr(d, "id"); id != "" {
			if ids[id] != nil {
				t.Errorf("id %q twice", id)
			}
			ids[id] = d
		}
	}
	links := 0
	for d := range doc.Descendants() {
		if d.DataAtom != atom.A {
			continue
		}
		links++
		target := ids[strings.TrimPrefix(htmlcheck.Attr(d, "href"), "#")]
		if target == nil || target.DataAtom != atom.Mark || htmlcheck.Attr(target, "data-signal") != htmlcheck.TextOf(d) {
			t.Errorf("the reason %s links to %q, which is not one of its marks", htmlcheck.TextOf(d), htmlcheck.Attr(d, "href"))
		}
	}
	// Each mark is described by its reason's line in the list.
	for d := range doc.Descendants() {
		if d.DataAtom != atom.Mark {
			continue
		}
		li := ids[htmlcheck.Attr(d, "aria-describedby")]
		if li == nil || li.DataAtom != atom.Li || !strings.HasPrefix(htmlcheck.TextOf(li), htmlcheck.Attr(d, "data-signal")+" ") {
			t.Errorf("the mark %q of %s is not described by its reason", htmlcheck.TextOf(d), htmlcheck.Attr(d, "data-signal"))
			break
		}
	}
	if links < len(marked) {
		t.Errorf("%d reasons link to their marks, want one at least for each of the %d marked signals", links, len(marked))
	}
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && strings.Contains(" "+a.Val+" ", " "+class+" ") {
			return true
		}
	}
	return false
}

// TestFragmentKeepsOrder checks that Fragment, unlike Write, keeps the
// articles in the order given, and writes no page around them.
func TestFragmentKeepsOrder(t *testing.T) {
	s := newsqual.Default()
	var articles []annotate.Article
	for _, name := range []string{"clean-port-strike.txt", "stuffed-electric-cars.txt"} {
		text, err := os.ReadFile("../testdata/examples/" + name)
		if err != nil {
			t.Fatal(err)
		}
		articles = append(articles, annotate.Article{Result: s.Score(newsqual.Article{ID: name, Text: string(text)}), Title: name, Text: string(text)})
	}
	if *articles[0].Result.Quality <= *articles[1].Result.Quality {
		t.Fatalf("the examples no longer differ in quality as the test needs: %d, %d", *articles[0].Result.Quality, *articles[1].Result.Quality)
	}
	var frag bytes.Buffer
	if err := annotate.Fragment(&frag, articles); err != nil {
		t.Fatal(err)
	}
	out := frag.String()
	first, second := strings.Index(out, "<h2>clean-port-strike.txt"), strings.Index(out, "<h2>stuffed-electric-cars.txt")
	if first < 0 || second < first {
		t.Errorf("the fragment does not keep the order given (at %d and %d)", first, second)
	}
	if strings.Contains(out, "<html") || strings.Contains(out, "<style") {
		t.Error("the fragment writes a page around the articles")
	}
}
