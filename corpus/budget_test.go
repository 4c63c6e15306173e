package corpus

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/race"
)

// storyHTML is the clean port-strike example as paragraphs of markup.
func storyHTML(t *testing.T) (markup, firstParagraph string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "examples", "clean-port-strike.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	sb.WriteString("<html><head><title>Port strike</title></head><body><article>")
	for para := range strings.SplitSeq(strings.TrimSpace(string(b)), "\n\n") {
		if firstParagraph == "" {
			firstParagraph = strings.Join(strings.Fields(para), " ")
		}
		sb.WriteString("<p>" + html.EscapeString(para) + "</p>\n")
	}
	sb.WriteString("</article>")
	return sb.String(), firstParagraph
}

// bombs are the element bombs a denial-of-service report used and two more of the same kind:
// a unit of markup repeated to bombSize.
func bombs() []struct{ name, unit string } {
	return []struct{ name, unit string }{
		{"p-x", "<p>x"},
		{"b-empty", "<b></b>"},
		{"br", "<br>"},
		{"attributes", "<i a=1 b=2 c=3 d=4 e=5 f=6 g=7>"},
		{"comments", "<!---->"},
	}
}

// bombSize is the markup of each bomb: 33 MB, or 4 MB under the race
// detector or -short.
func bombSize() int {
	if race.Enabled || testing.Short() {
		return 4_000_000
	}
	return 33_000_000
}

// allocated returns the bytes allocated while fn ran.
func allocated(fn func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHTMLBudgetBombs reads pages of millions of tiny elements (the bombs
// of a denial-of-service report) through Walk: each is cut at the budget with a warning
// that says so, in bounded allocation, where the whole tree took 1-4 GB.
func TestHTMLBudgetBombs(t *testing.T) {
	dir := t.TempDir()
	size := bombSize()
	for _, b := range bombs() {
		t.Run(b.name, func(t *testing.T) {
			markup := "<html><body>" + strings.Repeat(b.unit, size/len(b.unit)) + "</body></html>"
			path := write(t, dir, b.name+".html", markup)
			var items []Item
			alloc := allocated(func() { items = collect(t, []string{path}, Options{}) })
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1", len(items))
			}
			it := items[0]
			t.Logf("%s: %d bytes of markup, %d MB allocated; err %v; warning %q", b.name, len(markup), alloc>>20, it.Err, it.Warning)
			if it.OK() && !strings.Contains(it.Warning, "budget") {
				t.Errorf("warning %q does not say the page was cut at the budget", it.Warning)
			}
			if it.OK() && !it.Article.Truncated {
				t.Error("article not marked Truncated after a cut at the budget")
			}
			if !it.OK() && (!errors.Is(it.Err, ErrNoText) || !strings.Contains(it.Err.Error(), "before it was cut")) {
				t.Errorf("err %v, want an article or ErrNoText saying the page was cut", it.Err)
			}
			// The markup is read, decoded and tokenized once each; the
			// tree of MaxHTMLNodes nodes costs well under 200 MB more.
			if limit := uint64(4*len(markup)) + 300<<20; alloc > limit {
				t.Errorf("allocated %d MB reading %d MB of markup, want under %d MB", alloc>>20, len(markup)>>20, limit>>20)
			}
		})
	}
}

// TestHTMLBudgetKeepsArticle puts a real story before a bomb: the story
// is read, and the article is marked as cut.
func TestHTMLBudgetKeepsArticle(t *testing.T) {
	story, first := storyHTML(t)
	markup := story + strings.Repeat("<p>x", 1_000_000) + "</body></html>"
	rec, err := json.Marshal(map[string]string{"id": "bomb", "html": markup})
	if err != nil {
		t.Fatal(err)
	}
	it := DecodeRecord(rec, "req", 1, Options{})
	if !it.OK() {
		t.Fatalf("err %v, want the story", it.Err)
	}
	if !strings.Contains(it.Article.Text, first) {
		t.Errorf("text does not hold the story's first paragraph %q; starts %q", first, it.Article.Text[:min(200, len(it.Article.Text))])
	}
	if !it.Article.Truncated {
		t.Error("article not marked Truncated after a cut at the budget")
	}
	if !strings.Contains(it.Warning, "budget of 250000 nodes") {
		t.Errorf("warning %q does not name the budget", it.Warning)
	}
	if it.Article.Title != "Port strike" {
		t.Errorf("title %q, want Port strike", it.Article.Title)
	}
}

// TestHTMLBudgetText cuts a page whose text alone passes MaxHTMLText, in a
// few runs of text rather than many nodes.
func TestHTMLBudgetText(t *testing.T) {
	if race.Enabled || testing.Short() {
		t.Skip("reads 20 MB of markup")
	}
	story, first := storyHTML(t)
	run := "<p>" + strings.Repeat("word ", 1<<20) + "</p>" // 5 MiB of text
	markup := story + strings.Repeat(run, 4) + "</body></html>"
	dir := t.TempDir()
	items := collect(t, []string{write(t, dir, "text.html", markup)}, Options{MaxHTMLBytes: 64 << 20})
	it := items[0]
	if !it.OK() || !strings.Contains(it.Article.Text, first) {
		t.Fatalf("err %v; the story's first paragraph is missing", it.Err)
	}
	if !strings.Contains(it.Warning, "bytes of text") {
		t.Errorf("warning %q does not say the page was cut at its text budget", it.Warning)
	}
	if !it.Article.Truncated {
		t.Error("HTML file not marked Truncated after a cut at the text budget")
	}
}

// TestHTMLCutInsideAttribute reads a page cut at MaxHTMLBytes inside a
// huge attribute: the story before the attribute is kept, and the warning
// says that the rest of the page sat inside an unclosed tag.
func TestHTMLCutInsideAttribute(t *testing.T) {
	story, first := storyHTML(t)
	markup := story + `<div data-blob="` + strings.Repeat("A", 3<<20) + `">Never read.</div></body></html>`
	dir := t.TempDir()
	items := collect(t, []string{write(t, dir, "attr.html", markup)}, Options{MaxHTMLBytes: 1 << 20})
	it := items[0]
	if !it.OK() || !strings.Contains(it.Article.Text, first) {
		t.Fatalf("err %v; the story's first paragraph is missing", it.Err)
	}
	for _, want := range []string{"page cut at 1048576 bytes", "ends inside a tag of"} {
		if !strings.Contains(it.Warning, want) {
			t.Errorf("warning %q does not say %q", it.Warning, want)
		}
	}
}

// TestHTMLReadStopsAtContext reads a bomb with a context that is already
// done: the record is an error wrapping the context's error, not an
// article read to the end.
func TestHTMLReadStopsAtContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec, err := json.Marshal(map[string]string{"html": strings.Repeat("<p>x", 100_000)})
	if err != nil {
		t.Fatal(err)
	}
	it := DecodeRecordContext(ctx, rec, "req", 3, Options{})
	if !errors.Is(it.Err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", it.Err)
	}
	if it := DecodeRecordContext(context.Background(), rec, "req", 3, Options{}); !it.OK() {
		t.Fatalf("with a live context: err %v, want an article", it.Err)
	}
}

// FuzzHTMLBudget reads pages with a budget of a few nodes and a little
// text, so that random markup passes it: the scan never counts past the
// budget, the markup before its cut fits the budget when scanned again,
// and the page is read from the cut without a panic, marked cut exactly
// when the scan cut it.
func FuzzHTMLBudget(f *testing.F) {
	for _, s := range []string{
		"<p>x<p>x<p>x", "<b></b><b></b>", "<br><br><br>", "<i a=1 b=2 c=3>text</i>",
		"<!----><!---->", "<script>var a = '<p>';</script><p>after", "<div title=\"unclosed",
		"<p>" + strings.Repeat("word ", 300) + "</p><p>more</p>", "<table><tr><td>a<td>b</table>",
	} {
		f.Add([]byte(s), uint8(3), uint16(100))
	}
	f.Fuzz(func(t *testing.T, raw []byte, nodes uint8, text uint16) {
		budget := pageBudget{nodes: int(nodes%32) + 1, text: int(text%2048) + 1}
		page := raw
		raw = toUTF8(raw) // what the reader scans
		scan, err := scanPage(context.Background(), raw, DefaultMaxHTMLDepth, budget)
		if err != nil {
			t.Fatal(err)
		}
		if scan.cut > len(raw) || scan.nodes > budget.nodes || scan.text > budget.text {
			t.Fatalf("scan %+v past the budget %+v or the markup (%d bytes)", scan, budget, len(raw))
		}
		if scan.over == "" && scan.cut != len(raw) {
			t.Fatalf("scan %+v cut a page within its budget", scan)
		}
		again, err := scanPage(context.Background(), raw[:scan.cut], DefaultMaxHTMLDepth, budget)
		if err != nil || again.over != "" {
			t.Fatalf("the markup before the cut passes the budget when scanned again: %+v", again)
		}
		h := newHTMLReader()
		h.budget = budget
		p := h.readPage(page, "", false, DefaultMaxHTMLDepth)
		if p.err != nil || p.cut != (scan.over != "") {
			t.Fatalf("page cut %v err %v, scan %+v", p.cut, p.err, scan)
		}
	})
}
