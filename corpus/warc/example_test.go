package warc_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsqual/newsqual/corpus"
)

// warcRecord returns one uncompressed WARC record: a version line, header
// fields, a blank line, the block, and two line ends.
func warcRecord(typ, id, uri, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <%s>\r\nWARC-Target-URI: %s\r\n"+
		"Content-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, id, uri, typ, len(block), block)
}

// A WARC file yields one item per record: an article for each HTML page
// served with a success status, and a skip with the reason for the rest.
func Example_walk() {
	page := "<html><head><title>Ferry timetable changes</title></head><body><article>" +
		"<h1>Ferry timetable changes</h1><p>The island ferry will run every forty minutes " +
		"from Monday, the operator said, after two new crew members finished their training.</p>" +
		"</article></body></html>"
	archive := warcRecord("request", "urn:uuid:1", "https://news.example/ferry",
		"GET /ferry HTTP/1.1\r\nHost: news.example\r\n\r\n") +
		warcRecord("response", "urn:uuid:2", "https://news.example/ferry",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+page) +
		warcRecord("response", "urn:uuid:3", "https://news.example/old",
			"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>No such page</p>") +
		warcRecord("response", "urn:uuid:4", "https://news.example/map.png",
			"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG")

	dir, err := os.MkdirTemp("", "warc-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "crawl.warc")
	if err := os.WriteFile(path, []byte(archive), 0o644); err != nil {
		fmt.Println(err)
		return
	}

	_ = corpus.Walk([]string{path}, corpus.Options{}, func(it corpus.Item) error {
		switch {
		case it.Err != nil:
			fmt.Printf("record %d: error: %v\n", it.Line, it.Err)
		case it.Skipped != "":
			fmt.Printf("record %d: skipped: %s\n", it.Line, it.Skipped)
		default:
			a := it.Article
			fmt.Printf("record %d: %s %s %q, %d words\n", it.Line, a.ID, a.URL, a.Title, len(strings.Fields(a.Text)))
		}
		return nil
	})
	// Output:
	// record 1: skipped: WARC request record
	// record 2: urn:uuid:2 https://news.example/ferry "Ferry timetable changes", 21 words
	// record 3: skipped: HTTP status 404 Not Found
	// record 4: skipped: not HTML (image/png)
}
