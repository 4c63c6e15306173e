package corpus

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// story is an article long enough for readability to take it as one.
const story = `<p>The harbour ferry strike ended on Tuesday after crews accepted a pay offer, the operator said, and the first boats left the north pier at six.</p>
<p>"We are glad to be back at work," said Mara Lind, who has skippered the morning crossing for eleven years. The union said the deal would be put to a vote next month.</p>
<p>About four thousand people cross the harbour each day, most of them commuters, and the council said buses laid on during the strike would stop on Friday.</p>`

// TestRunawayRawTextIsClosed reads pages in which an element the parser
// reads as raw text is never closed and would swallow the article.
func TestRunawayRawTextIsClosed(t *testing.T) {
	cases := []struct {
		name, page, title string
	}{
		{"title never closed",
			"<html><head><title>Ferry strike ends - Harbour Times\n<link rel=stylesheet href=a.css></head><body><div id=menu><a href=/>Home</a></div><article>" + story + "</article></body></html>",
			"Ferry strike ends - Harbour Times"},
		{"title end tag mangled",
			"<html><head><title>Ferry strike ends</titlevalue=1 -->\n</head><body><article>" + story + "</article></body></html>",
			"Ferry strike ends"},
		{"textarea never closed",
			"<html><head><title>Ferry strike ends</title></head><body><form><textarea name=c>Your comment\n</form><article>" + story + "</article></body></html>",
			"Ferry strike ends"},
		{"script never closed",
			"<html><head><title>Ferry strike ends</title><script>var n = 1;\n</head><body><article>" + story + "</article></body></html>",
			"Ferry strike ends"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			title, text, note := newHTMLReader().extract([]byte(c.page), "", false, DefaultMaxHTMLDepth)
			if !strings.Contains(text, "The harbour ferry strike ended on Tuesday") || !strings.Contains(text, "buses laid on during the strike") {
				t.Errorf("text %q (%s), want the story", text, note)
			}
			if strings.Contains(text, "<") {
				t.Errorf("markup in the text: %q", text)
			}
			if title != c.title {
				t.Errorf("title %q, want %q", title, c.title)
			}
		})
	}
}

// TestRawTextLeftAlone checks that pages whose raw-text elements are
// closed, or hold no markup, are not changed.
func TestRawTextLeftAlone(t *testing.T) {
	for _, page := range []string{
		"<html><head><title>Tags like &lt;b&gt; in a title</title></head><body><article>" + story + "</article></body></html>",
		"<html><body><article>" + story + "</article><script>document.write('<div>ad</div>');</script></body></html>",
		"<html><body><article>" + story + "</article><textarea>plain words to the end",
		"<html><body><p>A</p><plaintext><p>shown as it is",
	} {
		doc := parseHTML(t, page)
		if fixed, ok := closeRunaway([]byte(page), doc); ok {
			t.Errorf("%q was changed to %q", page, fixed)
		}
	}
}

func parseHTML(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
