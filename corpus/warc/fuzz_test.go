package warc

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/newsqual/newsqual/corpus"
)

// FuzzWARC checks that any bytes read as a WARC file give items numbered
// record by record, each one article, skip or error, with valid UTF-8
// text; that only the last item can be a broken-file error; and that
// nothing panics.
func FuzzWARC(f *testing.F) {
	records := crawl()
	for _, compression := range compressions {
		data, ends := writeWARC(f, compression, records)
		f.Add(data)
		if compression == plainWARC {
			f.Add(data[:ends[2]-7])
		}
	}
	f.Add([]byte("WARC/"))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 5\r\n\r\nabc"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 21\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items := readOne(t, "fuzz.warc", data)
		if len(items) == 0 {
			t.Fatal("no items")
		}
		for i, it := range items {
			checkItem(t, it)
			if it.Line != i+1 && !(len(items) == 1 && it.Line <= 1) {
				t.Fatalf("item %d has line %d", i, it.Line)
			}
			if errors.Is(it.Err, corpus.ErrWARC) && i != len(items)-1 {
				t.Fatalf("item %d after a broken-file error: %+v", i+1, items[i+1])
			}
			if !utf8.ValidString(it.Article.Text) || !utf8.ValidString(it.Article.Title) || !utf8.ValidString(it.Skipped) {
				t.Fatalf("invalid UTF-8 in %+v", it)
			}
		}
	})
}
