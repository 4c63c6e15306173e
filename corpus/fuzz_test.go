package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// readOne walks a file with the given name and contents and returns its
// items.
func readOne(t *testing.T, name string, data []byte) []Item {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var items []Item
	if err := Walk([]string{path}, Options{MaxBytes: 1 << 16, MaxLineBytes: 1 << 16}, func(it Item) error {
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return items
}

func checkItem(t *testing.T, it Item) {
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

// FuzzJSONL checks that every line of a JSONL file yields exactly one item.
func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		"", "\n", `{"id":"a","text":"x"}`, `{"id":"a","text":"x"}` + "\n" + `{"id":` + "\n",
		`{"id":1,"html":"<p>hi</p>"}`, `[1,2]`, `{"text":null}`, "{\"text\":\"\\ud800\"}", "\xff\xfe{}",
		`{"id":"a","label":"spam","kind":"x","group":"g","title":"t","url":"u","text":"b"}` + "\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items := readOne(t, "data.jsonl", data)
		lines := strings.Count(string(data), "\n")
		if len(data) > 0 && data[len(data)-1] != '\n' {
			lines++
		}
		if lines == 0 {
			lines = 1 // an empty file is one item: its error
		}
		// A file that looks binary, or holds nothing, is one error for the
		// whole file rather than an item per line.
		if len(items) == 1 && (errors.Is(items[0].Err, ErrBinary) || errors.Is(items[0].Err, ErrEmpty)) {
			return
		}
		if len(items) != lines {
			t.Fatalf("%d lines gave %d items", lines, len(items))
		}
		for _, it := range items {
			checkItem(t, it)
		}
	})
}

// FuzzHTML checks that any HTML file yields exactly one item.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"", "<html><head><title>T</title></head><body><p>Hello world.</p></body></html>",
		"<div><div><div>" + strings.Repeat("<b>", 600) + "deep", "<script>x</script>", "<p>\xff\xfe</p>",
		`<meta charset="iso-8859-1"><p>caf\xe9</p>`, "<!DOCTYPE html><body><article><h1>H</h1><p>Text.</p></article>",
		"<title>Lost end tag<body><p>Text.</p>", "<textarea><p>a</p>", "<p>It\u00e2\u20ac\u2122s</p>",
		`<div class="comments-body hidden ad"><p>x</p></div><p>----</p><div><b>12 comments</b><a name="comments"></a></div>`,
		`<p>Story.</p><div style="display:none">cheap <b>deals</b><script>x()</script></div><noscript><p>on</p></noscript><span aria-hidden>zz.biz</span>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items := readOne(t, "page.html", data)
		if len(items) != 1 {
			t.Fatalf("%d items for one HTML file", len(items))
		}
		checkItem(t, items[0])
	})
}

// FuzzText checks that any text file yields exactly one item.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", " ", "plain text", "\x00binary\x00", "\xef\xbb\xbfBOM text", "\xff\xfeu\x00t\x00f\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items := readOne(t, "a.txt", data)
		if len(items) != 1 {
			t.Fatalf("%d items for one text file", len(items))
		}
		checkItem(t, items[0])
	})
}
