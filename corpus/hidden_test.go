package corpus

import (
	"strings"
	"testing"
)

// TestHiddenTextIsKeptApart reads pages that hide text in each of the
// usual ways and checks that the hidden words are in Article.Hidden and
// not in the article's text, and that code inside a hidden element is not.
func TestHiddenTextIsKeptApart(t *testing.T) {
	story := "<p>The council voted on Tuesday to keep the library open for another year, after a petition signed by three thousand residents.</p>"
	for _, hide := range []string{
		`<div style="display: none">cheap flight tickets</div>`,
		`<span style="visibility:hidden">cheap flight tickets</span>`,
		`<div hidden>cheap flight tickets</div>`,
		`<p aria-hidden="true">cheap flight tickets</p>`,
		`<div class="sr-only hidden">cheap flight tickets</div>`,
		`<noscript><p>cheap flight tickets</p></noscript>`,
		`<div hidden>cheap flight tickets<script>var x = "jsword.com";</script></div>`,
	} {
		page := "<html><body><article><h1>Library stays open</h1>" + story + hide + story + "</article></body></html>"
		r := newHTMLReader()
		p := r.readPage([]byte(page), "", false, DefaultMaxHTMLDepth)
		if strings.Contains(p.text, "cheap flight") {
			t.Errorf("%s: the hidden words are in the text %q", hide, p.text)
		}
		if p.hidden != "cheap flight tickets" {
			t.Errorf("%s: hidden text %q, want %q", hide, p.hidden, "cheap flight tickets")
		}
	}
}
