package corpus

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// collect returns every item Walk yields for paths.
func collect(t *testing.T, paths []string, opts Options) []Item {
	t.Helper()
	var items []Item
	if err := Walk(paths, opts, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return items
}

// itemAt returns the item for path, failing the test when there is none.
func itemAt(t *testing.T, items []Item, path string) Item {
	t.Helper()
	for _, it := range items {
		if it.Path == path {
			return it
		}
	}
	t.Fatalf("no item for %s", path)
	return Item{}
}

const articlesDir = "../testdata/articles"

func TestWalkFolderOrderAndKinds(t *testing.T) {
	items := collect(t, []string{articlesDir}, Options{})
	want := []struct {
		name    string
		ok      bool
		skipped string // substring of the skip reason
	}{
		{name: "harbour-repairs.txt", ok: true},
		{name: "library-reopens.html", ok: true},
		{name: "miracle-supplement.md", ok: true},
		{name: "nested/market-notice.htm", ok: true},
		{name: "photo-credits.csv", skipped: `".csv"`},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(items), len(want), items)
	}
	for i, w := range want {
		it := items[i]
		if path := filepath.Join(articlesDir, w.name); it.Path != path {
			t.Errorf("item %d: path %s, want %s (sorted, depth-first)", i, it.Path, path)
		}
		if it.OK() != w.ok || it.Err != nil {
			t.Errorf("%s: OK=%v err=%v, want OK=%v", it.Path, it.OK(), it.Err, w.ok)
		}
		if w.skipped != "" && !strings.Contains(it.Skipped, w.skipped) {
			t.Errorf("%s: skipped %q, want a reason naming %s", it.Path, it.Skipped, w.skipped)
		}
		if it.OK() && it.Article.ID != it.Path {
			t.Errorf("%s: ID %q, want the file path", it.Path, it.Article.ID)
		}
	}

	again := collect(t, []string{articlesDir}, Options{})
	if !slices.EqualFunc(items, again, func(a, b Item) bool { return a.Path == b.Path && a.Article == b.Article }) {
		t.Error("a second walk of the same folder gave different items")
	}
}

func TestPlainTextKeepsEveryLine(t *testing.T) {
	it := itemAt(t, collect(t, []string{articlesDir}, Options{}), filepath.Join(articlesDir, "harbour-repairs.txt"))
	a := it.Article
	if a.Title != "" {
		t.Errorf("plain text got title %q, want none", a.Title)
	}
	if !strings.HasPrefix(a.Text, "Harbour wall repairs approved") {
		t.Errorf("text does not start with the first line: %.60q", a.Text)
	}
	if !strings.Contains(a.Text, "\n\n\"We cannot keep patching") {
		t.Error("paragraph breaks or quotes were lost")
	}
	if a.Truncated || it.Warning != "" {
		t.Errorf("small file marked truncated=%v warning=%q", a.Truncated, it.Warning)
	}
}

func TestHTMLArticle(t *testing.T) {
	path := filepath.Join(articlesDir, "library-reopens.html")
	for _, tc := range []struct {
		name      string
		wholePage bool
		want      []string // lines that must be present, each whole
		absent    []string // substrings that must not appear
	}{
		{
			name: "readability",
			want: []string{
				"By Daniel Okafor, Education Correspondent",
				`"Libraries are the last indoor public space where nobody expects you to buy anything," said head librarian Sofia Lindqvist. "We wanted the building to say that you are welcome here, whoever you are."`,
			},
			absent: []string{"tracking", "font-family", "Most read", "Bypass plan", "All rights reserved", "Advertisement"},
		},
		{
			name:      "whole page",
			wholePage: true,
			want:      []string{"Home", "News", "Advertisement", "Most read", "Bypass plan rejected", "© Valley Gazette. All rights reserved."},
			absent:    []string{"tracking", "font-family", "dataLayer", "<img"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := itemAt(t, collect(t, []string{path}, Options{WholePage: tc.wholePage}), path)
			if !it.OK() {
				t.Fatalf("not read: %v %s", it.Err, it.Skipped)
			}
			a := it.Article
			if !strings.HasPrefix(a.Title, "Riverside library reopens after two-year refit") {
				t.Errorf("title %q", a.Title)
			}
			lines := strings.Split(a.Text, "\n")
			for _, w := range tc.want {
				if !slices.Contains(lines, w) {
					t.Errorf("no line %q in:\n%s", w, a.Text)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(a.Text, s) {
					t.Errorf("text holds %q:\n%s", s, a.Text)
				}
			}
			// Each paragraph stays a line of its own.
			for _, l := range lines {
				if strings.Contains(l, "reopened on Saturday") && strings.Contains(l, "About 400 people") {
					t.Errorf("two paragraphs were joined: %q", l)
				}
			}
		})
	}
}

func TestHTMLFallbackAndStructure(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "title-only.html", `<html><head><title>Hello</title></head><body><h1>Hello</h1></body></html>`)
	write(t, dir, "no-text.html", `<html><head><title>Nothing</title><script>var a = "words";</script></head><body><iframe src="x"></iframe></body></html>`)
	items := collect(t, []string{dir}, Options{})

	fallback := itemAt(t, items, filepath.Join(dir, "title-only.html"))
	if !fallback.OK() || fallback.Article.Text != "Hello" || !strings.Contains(fallback.Warning, "readability") {
		t.Errorf("fallback: text %q warning %q err %v", fallback.Article.Text, fallback.Warning, fallback.Err)
	}
	deep := itemAt(t, collect(t, []string{write(t, dir, "deep.html",
		"<html><body><script>var hidden = 1;</script>"+strings.Repeat("<div>", 1000)+"Deep <b>text</b>"+
			strings.Repeat("</div>", 1000)+"<p>After.</p></body></html>")}, Options{}), filepath.Join(dir, "deep.html"))
	if deep.Article.Text != "Deep text\n\nAfter." || !strings.Contains(deep.Warning, "tag by tag") {
		t.Errorf("page nested too deeply for a tree: text %q warning %q err %v", deep.Article.Text, deep.Warning, deep.Err)
	}
	big := itemAt(t, collect(t, []string{write(t, dir, "big.html",
		"<html><body><p>Opening paragraph.</p>"+strings.Repeat("<span>x</span> ", maxReadabilityElements)+"</body></html>")}, Options{}),
		filepath.Join(dir, "big.html"))
	if !strings.HasPrefix(big.Article.Text, "Opening paragraph.\n\nx x x") || !strings.Contains(big.Warning, "readability failed") {
		t.Errorf("page too big for readability: text %.40q warning %q err %v", big.Article.Text, big.Warning, big.Err)
	}

	empty := itemAt(t, items, filepath.Join(dir, "no-text.html"))
	if !errors.Is(empty.Err, ErrNoText) {
		t.Errorf("page without visible text: err %v, want ErrNoText", empty.Err)
	}

	// The visible-text extractor on its own: blocks become lines, cells are
	// tab-separated, hidden and script content is left out.
	nested := itemAt(t, collect(t, []string{articlesDir}, Options{WholePage: true}),
		filepath.Join(articlesDir, "nested", "market-notice.htm"))
	want := "Saturday market moves to Church Street\n" +
		"From June the weekly market will be held on Church Street while the square is resurfaced.\n\n" +
		"Stalls\t42\nHours\t8am to 2pm"
	if nested.Article.Text != want {
		t.Errorf("visible text:\n%q\nwant\n%q", nested.Article.Text, want)
	}
	if nested.Article.Title != "Market days" {
		t.Errorf("title %q", nested.Article.Title)
	}
}

func TestWalkStopsWhenCallbackFails(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	err := Walk([]string{articlesDir}, Options{}, func(Item) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("Walk returned %v after %d items, want the callback's error after 2", err, n)
	}
}

func TestItemsIterator(t *testing.T) {
	var paths []string
	for it := range Items([]string{articlesDir}, Options{}) {
		paths = append(paths, it.Path)
		if len(paths) == 3 {
			break
		}
	}
	want := []string{
		filepath.Join(articlesDir, "harbour-repairs.txt"),
		filepath.Join(articlesDir, "library-reopens.html"),
		filepath.Join(articlesDir, "miracle-supplement.md"),
	}
	if !slices.Equal(paths, want) {
		t.Errorf("iterator gave %v, want %v", paths, want)
	}
}

func TestFormatOf(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Format
	}{
		{"a.txt", FormatText},
		{"dir.x/B.MD", FormatText},
		{"page.HTM", FormatHTML},
		{"page.html.gz", FormatHTML},
		{"data.ndjson", FormatJSONL},
		{"data.jsonl.gz", FormatJSONL},
		{"data.json", FormatAuto},
		{"archive.tar.gz", FormatAuto},
		{"README", FormatAuto},
	} {
		if got := FormatOf(tc.path); got != tc.want {
			t.Errorf("FormatOf(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	for _, name := range []string{"auto", "text", "html", "jsonl"} {
		f, ok := ParseFormat(name)
		if !ok || f.String() != name {
			t.Errorf("ParseFormat(%q) = %v, %v", name, f, ok)
		}
	}
	if _, ok := ParseFormat("pdf"); ok {
		t.Error(`ParseFormat("pdf") accepted`)
	}
}
