package warc

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/newsqual/newsqual/corpus"
)

// maxHiddenBytes is the cap corpus puts on an article's hidden text.
const maxHiddenBytes = 64 << 10

// write creates dir/name with the given content.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// collect returns every item corpus.Walk yields for paths.
func collect(t *testing.T, paths []string, opts corpus.Options) []corpus.Item {
	t.Helper()
	var items []corpus.Item
	if err := corpus.Walk(paths, opts, func(it corpus.Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return items
}

// readOne walks a file with the given name and contents and returns its
// items.
func readOne(t *testing.T, name string, data []byte) []corpus.Item {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var items []corpus.Item
	if err := corpus.Walk([]string{path}, corpus.Options{MaxBytes: 1 << 16, MaxLineBytes: 1 << 16}, func(it corpus.Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return items
}

// checkItem fails when an item is both an error and a skip, or holds more
// text than the caps allow.
func checkItem(t *testing.T, it corpus.Item) {
	t.Helper()
	n := 0
	if it.Err != nil {
		n++
	}
	if it.Skipped != "" {
		n++
	}
	if n > 1 {
		t.Fatalf("item is both an error and a skip: %+v", it)
	}
	if it.OK() && len(it.Article.Text) > 1<<16 {
		t.Fatalf("article of %d bytes passed the %d cap", len(it.Article.Text), 1<<16)
	}
	if h := it.Article.Hidden; len(h) > maxHiddenBytes || !utf8.ValidString(h) {
		t.Fatalf("hidden text of %d bytes (cap %d), valid UTF-8 %v", len(h), maxHiddenBytes, utf8.ValidString(h))
	}
}
