package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDecodeHTMLReadsAsWalk checks that DecodeHTML gives the article Walk
// reads from the same page in a file, for the example pages and a page
// cut at MaxHTMLBytes, and that empty markup is the same error.
func TestDecodeHTMLReadsAsWalk(t *testing.T) {
	dir := t.TempDir()
	pages := map[string][]byte{}
	for _, src := range []string{"../testdata/articles/library-reopens.html", "../testdata/articles/nested/market-notice.htm"} {
		raw, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		pages[filepath.Base(src)] = raw
	}
	pages["empty.html"] = []byte("  \n")
	for _, opts := range []Options{{}, {WholePage: true}, {MaxHTMLBytes: 600}} {
		for name, raw := range pages {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			var walked Item
			if err := Walk([]string{path}, opts, func(it Item) error { walked = it; return nil }); err != nil {
				t.Fatal(err)
			}
			got := DecodeHTML(raw, path, "https://example.org/"+name, opts)
			if (got.Err == nil) != (walked.Err == nil) {
				t.Fatalf("%s %+v: DecodeHTML error %v, Walk error %v", name, opts, got.Err, walked.Err)
			}
			if got.Err != nil {
				if got.Err.Error() != walked.Err.Error() {
					t.Errorf("%s: DecodeHTML error %q, Walk error %q", name, got.Err, walked.Err)
				}
				continue
			}
			if got.Article.URL != "https://example.org/"+name {
				t.Errorf("%s: URL %q", name, got.Article.URL)
			}
			got.Article.URL = walked.Article.URL
			if got.Article != walked.Article || got.Warning != walked.Warning {
				t.Errorf("%s %+v: DecodeHTML read\n%+v\nwarning %q\nWalk read\n%+v\nwarning %q", name, opts, got.Article, got.Warning, walked.Article, walked.Warning)
			}
			if opts.MaxHTMLBytes == 600 && len(raw) > 600 && !got.Article.Truncated {
				t.Errorf("%s: cut at 600 bytes of %d but not Truncated", name, len(raw))
			}
			if strings.Contains(got.Article.Text, "<") {
				t.Errorf("%s: markup left in the text: %q", name, got.Article.Text)
			}
		}
	}
}
