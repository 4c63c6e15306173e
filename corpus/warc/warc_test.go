package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	warc "github.com/internetarchive/gowarc"

	"github.com/newsqual/newsqual/corpus"
)

// testRecord is one record of a WARC file a test writes.
type testRecord struct {
	typ   string // WARC-Type
	uri   string // WARC-Target-URI
	id    string // WARC-Record-ID without brackets; a random one when empty
	block string // the record's block: an HTTP message for a response
	// fields adds or replaces WARC header fields (e.g. Content-Type).
	fields map[string]string
}

// The ways a test WARC file can be compressed.
const (
	plainWARC     = "plain"
	perRecordGzip = "gzip per record" // one gzip member per record, as Common Crawl ships
	wholeFileGzip = "gzip whole file" // the plain file gzipped as one member
)

var compressions = []string{plainWARC, perRecordGzip, wholeFileGzip}

// writeWARC writes records with gowarc's writer and returns the file and
// the offset where each record ends (for wholeFileGzip, the offsets are
// those of the plain file).
func writeWARC(t testing.TB, compression string, records []testRecord) ([]byte, []int) {
	t.Helper()
	mode := warc.CompressionNone
	if compression == perRecordGzip {
		mode = warc.CompressionGzip
	}
	var buf bytes.Buffer
	w, err := warc.NewWriter(&buf, "test.warc", warc.SHA1, mode, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ends []int
	for _, r := range records {
		w.Reset(&buf) // a new gzip member for each record
		rec := warc.NewRecord("", false)
		rec.Header.Set("WARC-Type", r.typ)
		if r.uri != "" {
			rec.Header.Set("WARC-Target-URI", r.uri)
		}
		if r.id != "" {
			rec.Header.Set("WARC-Record-ID", "<"+r.id+">")
		}
		switch r.typ {
		case "response":
			rec.Header.Set("Content-Type", "application/http; msgtype=response")
		case "request":
			rec.Header.Set("Content-Type", "application/http; msgtype=request")
		}
		for k, v := range r.fields {
			rec.Header.Set(k, v)
		}
		if _, err := io.WriteString(rec.Content, r.block); err != nil {
			t.Fatal(err)
		}
		if _, err := w.WriteRecord(rec); err != nil {
			t.Fatal(err)
		}
		ends = append(ends, buf.Len())
	}
	if compression != wholeFileGzip {
		return buf.Bytes(), ends
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(buf.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return gz.Bytes(), ends
}

// writeWARCFile writes records to dir/name and returns its path.
func writeWARCFile(t *testing.T, dir, name, compression string, records []testRecord) string {
	t.Helper()
	data, _ := writeWARC(t, compression, records)
	return write(t, dir, name, string(data))
}

// httpResponse returns an HTTP/1.1 response with the given status line
// (without "HTTP/1.1 "), header lines and body.
func httpResponse(status string, body string, header ...string) string {
	var sb strings.Builder
	sb.WriteString("HTTP/1.1 " + status + "\r\n")
	for _, h := range header {
		sb.WriteString(h + "\r\n")
	}
	sb.WriteString("\r\n")
	sb.WriteString(body)
	return sb.String()
}

// htmlPage returns an invented news page with the headline and paragraphs.
func htmlPage(headline string, paragraphs ...string) string {
	var sb strings.Builder
	sb.WriteString("<!DOCTYPE html><html><head><title>" + headline + "</title></head><body>")
	sb.WriteString(`<nav><a href="/">Home</a> <a href="/local">Local</a></nav><article><h1>` + headline + "</h1>")
	for _, p := range paragraphs {
		sb.WriteString("<p>" + p + "</p>")
	}
	sb.WriteString("</article><footer>Contact the newsroom</footer></body></html>")
	return sb.String()
}

const (
	bridgeStory = "The town council voted on Tuesday to repair the old stone bridge over the river, " +
		"which has been closed to cars since the spring floods loosened two of its arches."
	bridgeStory2 = "Engineers told the meeting that the work would take about four months and that " +
		"a temporary footbridge would open next to it in the first week."
	libraryStory = "The county library reopened its reading room on Saturday after a year of building " +
		"work that added a lift, new shelves and a room for children's reading groups."
	libraryStory2 = "Staff said more than three hundred people came through the doors before noon, " +
		"many of them returning books that had been borrowed before the closure."
)

var (
	bridgePage  = htmlPage("Council votes to repair stone bridge", bridgeStory, bridgeStory2)
	libraryPage = htmlPage("Library reopens after a year of work", libraryStory, libraryStory2)
)

// crawl is a small crawl: a warcinfo record, then for each page a request
// and a response, with an image and a redirect among them.
func crawl() []testRecord {
	return []testRecord{
		{typ: "warcinfo", block: "software: test\r\nformat: WARC File Format 1.1\r\n",
			fields: map[string]string{"Content-Type": "application/warc-fields"}},
		{typ: "request", uri: "https://news.example/bridge", block: "GET /bridge HTTP/1.1\r\nHost: news.example\r\n\r\n"},
		{typ: "response", uri: "https://news.example/bridge", id: "urn:uuid:00000000-0000-4000-8000-000000000001",
			block: httpResponse("200 OK", bridgePage, "Content-Type: text/html; charset=utf-8")},
		{typ: "response", uri: "https://news.example/logo.png", id: "urn:uuid:00000000-0000-4000-8000-000000000002",
			block: httpResponse("200 OK", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Content-Type: image/png")},
		{typ: "response", uri: "https://news.example/old-library", id: "urn:uuid:00000000-0000-4000-8000-000000000003",
			block: httpResponse("301 Moved Permanently", "<html><body><p>Moved to the new address.</p></body></html>",
				"Location: https://news.example/library", "Content-Type: text/html")},
		{typ: "metadata", uri: "https://news.example/bridge", block: "outlinks: https://news.example/\r\n",
			fields: map[string]string{"Content-Type": "application/warc-fields"}},
		{typ: "response", uri: "https://news.example/library", id: "urn:uuid:00000000-0000-4000-8000-000000000004",
			block: httpResponse("200 OK", libraryPage, "Content-Type: text/html")},
		{typ: "revisit", uri: "https://news.example/library", block: httpResponse("200 OK", "", "Content-Type: text/html"),
			fields: map[string]string{"WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"}},
	}
}

// wantItem is what a test expects of one item.
type wantItem struct {
	id, url string // for an article
	text    string // a phrase the article's text holds
	skipped string // the skip reason, exactly
	kind    error  // the error kind
}

// checkItems compares the items of one WARC file with what is expected:
// one item per record, numbered from 1.
func checkItems(t *testing.T, items []corpus.Item, path string, want []wantItem) {
	t.Helper()
	if len(items) != len(want) {
		for _, it := range items {
			t.Logf("%d: ok=%v skipped=%q err=%v", it.Line, it.OK(), it.Skipped, it.Err)
		}
		t.Fatalf("got %d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		it := items[i]
		if it.Path != path || it.Line != i+1 {
			t.Errorf("item %d: path %s line %d, want %s line %d", i, it.Path, it.Line, path, i+1)
		}
		switch {
		case w.kind != nil:
			var e *corpus.Error
			if !errors.Is(it.Err, w.kind) || !errors.As(it.Err, &e) || e.Line != i+1 {
				t.Errorf("record %d: err %v (skipped %q), want %v at record %d", i+1, it.Err, it.Skipped, w.kind, i+1)
			}
		case w.skipped != "":
			if it.Skipped != w.skipped {
				t.Errorf("record %d: skipped %q (err %v), want %q", i+1, it.Skipped, it.Err, w.skipped)
			}
		default:
			if !it.OK() {
				t.Errorf("record %d: skipped %q err %v, want an article", i+1, it.Skipped, it.Err)
				continue
			}
			a := it.Article
			if a.ID != w.id || a.URL != w.url {
				t.Errorf("record %d: id %q url %q, want %q %q", i+1, a.ID, a.URL, w.id, w.url)
			}
			if !strings.Contains(a.Text, w.text) || !utf8.ValidString(a.Text) {
				t.Errorf("record %d: text %q, want it to hold %q", i+1, a.Text, w.text)
			}
		}
	}
}

var crawlWant = []wantItem{
	{skipped: "WARC warcinfo record"},
	{skipped: "WARC request record"},
	{id: "urn:uuid:00000000-0000-4000-8000-000000000001", url: "https://news.example/bridge", text: bridgeStory},
	{skipped: "not HTML (image/png)"},
	{skipped: "HTTP status 301 Moved Permanently"},
	{skipped: "WARC metadata record"},
	{id: "urn:uuid:00000000-0000-4000-8000-000000000004", url: "https://news.example/library", text: libraryStory},
	{skipped: "WARC revisit record"},
}

func TestWARCOneItemPerRecord(t *testing.T) {
	for _, compression := range compressions {
		for _, name := range []string{"crawl.warc", "crawl.warc.gz"} {
			t.Run(compression+"/"+name, func(t *testing.T) {
				path := writeWARCFile(t, t.TempDir(), name, compression, crawl())
				items := collect(t, []string{path}, corpus.Options{})
				checkItems(t, items, path, crawlWant)
				if a := items[2].Article; a.Title != "Council votes to repair stone bridge" || strings.Contains(a.Text, "Contact the newsroom") {
					t.Errorf("title %q, text %q: want the headline and the article without the footer", a.Title, a.Text)
				}
			})
		}
	}
}

func TestWARCWholePageKeepsBoilerplate(t *testing.T) {
	path := writeWARCFile(t, t.TempDir(), "crawl.warc", plainWARC, crawl())
	items := collect(t, []string{path}, corpus.Options{WholePage: true})
	if text := items[2].Article.Text; !strings.Contains(text, "Contact the newsroom") || !strings.Contains(text, bridgeStory) {
		t.Errorf("WholePage text %q: want the footer and the story", text)
	}
}

func TestWARCCutShort(t *testing.T) {
	records := crawl()[2:5] // three responses: HTML, image, redirect
	for _, compression := range []string{plainWARC, perRecordGzip} {
		data, ends := writeWARC(t, compression, records)
		for _, tc := range []struct {
			name string
			cut  int
			want []wantItem // the items before the cut, then the error
		}{
			{"inside the first header", 20, []wantItem{{kind: corpus.ErrWARC}}},
			{"just after the first record", ends[0] + 1, []wantItem{crawlWant[2], {kind: corpus.ErrWARC}}},
			{"inside the second header", ends[0] + 30, []wantItem{crawlWant[2], {kind: corpus.ErrWARC}}},
			{"inside the second block", (ends[0] + ends[1]) / 2, []wantItem{crawlWant[2], {kind: corpus.ErrWARC}}},
			{"inside the third block", (ends[1] + ends[2]) / 2, []wantItem{crawlWant[2], crawlWant[3], {kind: corpus.ErrWARC}}},
			{"at a record's end", ends[1], []wantItem{crawlWant[2], crawlWant[3]}},
		} {
			t.Run(compression+"/"+tc.name, func(t *testing.T) {
				path := write(t, t.TempDir(), "cut.warc.gz", string(data[:tc.cut]))
				items := collect(t, []string{path}, corpus.Options{})
				checkItems(t, items, path, tc.want)
				last := items[len(items)-1]
				if last.Err != nil && !strings.Contains(last.Err.Error(), "cut.warc.gz") {
					t.Errorf("error %q does not name the file", last.Err)
				}
			})
		}
	}
}

// TestWARCCutInGzipTrailer cuts the last gzip member inside its checksum:
// the third record's data is all there, but the file is still broken, and
// the error comes where reading failed, after the third record.
func TestWARCCutInGzipTrailer(t *testing.T) {
	data, _ := writeWARC(t, perRecordGzip, crawl()[2:5])
	path := write(t, t.TempDir(), "cut.warc.gz", string(data[:len(data)-2]))
	checkItems(t, collect(t, []string{path}, corpus.Options{}), path,
		[]wantItem{crawlWant[2], crawlWant[3], crawlWant[4], {kind: corpus.ErrWARC}})
}

func TestWARCCutWholeFileGzip(t *testing.T) {
	data, _ := writeWARC(t, wholeFileGzip, crawl())
	path := write(t, t.TempDir(), "cut.warc.gz", string(data[:len(data)*2/3]))
	items := collect(t, []string{path}, corpus.Options{})
	if len(items) == 0 || len(items) > len(crawlWant) {
		t.Fatalf("got %d items, want 1 to %d", len(items), len(crawlWant))
	}
	checkItems(t, items[:len(items)-1], path, crawlWant[:len(items)-1])
	if last := items[len(items)-1]; !errors.Is(last.Err, corpus.ErrWARC) {
		t.Errorf("last item: %+v, want corpus.ErrWARC", last)
	}
}

func TestWARCNotAWARC(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_ = zw.Close()
	for _, tc := range []struct {
		name, content string
		kind          error
		line          int
	}{
		{"empty.warc", "", corpus.ErrEmpty, 0},
		{"empty.warc.gz", gz.String(), corpus.ErrEmpty, 0},
		{"page.warc", "<html><body><p>not an archive</p></body></html>", corpus.ErrWARC, 1},
		{"no-newline.warc", strings.Repeat("x", 200_000), corpus.ErrWARC, 1},
		{"bad-gzip.warc.gz", "\x1f\x8b\x00junk", corpus.ErrWARC, 1},
		{"bad-length.warc", "WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n", corpus.ErrWARC, 1},
		{"bad-boundary.warc", "WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 2\r\n\r\nabcdef\r\n\r\n", corpus.ErrWARC, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, t.TempDir(), tc.name, tc.content)
			items := collect(t, []string{path}, corpus.Options{})
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1: %+v", len(items), items)
			}
			var e *corpus.Error
			if !errors.Is(items[0].Err, tc.kind) || !errors.As(items[0].Err, &e) || e.Line != tc.line {
				t.Errorf("got %+v, want %v at record %d", items[0], tc.kind, tc.line)
			}
			t.Logf("%v", items[0].Err)
		})
	}
}

func TestWARCBadHTTPGoesOn(t *testing.T) {
	records := []testRecord{
		{typ: "response", uri: "https://news.example/a", block: "this is not an HTTP message\r\n\r\n"},
		{typ: "response", uri: "https://news.example/b", block: httpResponse("200 OK", "\x1f\x8bnot gzip at all", "Content-Type: text/html", "Content-Encoding: gzip")},
		{typ: "response", uri: "https://news.example/c", block: httpResponse("200 OK", "", "Content-Type: text/html", "Content-Length: 0")},
		{typ: "response", uri: "https://news.example/d", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"},
		crawl()[2],
	}
	path := writeWARCFile(t, t.TempDir(), "bad.warc", plainWARC, records)
	items := collect(t, []string{path}, corpus.Options{})
	checkItems(t, items, path, []wantItem{
		{kind: corpus.ErrHTTPResponse}, {kind: corpus.ErrHTTPResponse}, {kind: corpus.ErrNoText}, {kind: corpus.ErrHTTPResponse}, crawlWant[2],
	})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestWARCStreams checks that records are read one at a time: when the
// first item reaches the caller, only the start of a large file has been
// read, and the last item comes after the whole file.
func TestWARCStreams(t *testing.T) {
	// One page, then many images: skipping them costs little, so the test
	// is quick however many there are.
	records := []testRecord{crawl()[2]}
	image := httpResponse("200 OK", strings.Repeat("\x00\x01image", 100), "Content-Type: image/png")
	for i := range 1500 {
		records = append(records, testRecord{typ: "response", uri: fmt.Sprintf("https://news.example/%d.png", i), block: image})
	}
	for _, compression := range []string{plainWARC, perRecordGzip} {
		t.Run(compression, func(t *testing.T) {
			data, _ := writeWARC(t, compression, records)
			src := &countingReader{r: bytes.NewReader(data)}
			var readAtFirst, n int
			err := corpus.Walk([]string{"-"}, corpus.Options{Stdin: src, Format: corpus.FormatWARC}, func(it corpus.Item) error {
				if it.Err != nil || (n == 0) != it.OK() {
					return fmt.Errorf("%s: %v %s", it.Where(), it.Err, it.Skipped)
				}
				if n == 0 {
					readAtFirst = src.n
				}
				n++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%d records, %d bytes; %d read when the first item came out", n, len(data), readAtFirst)
			if n != len(records) || src.n != len(data) {
				t.Fatalf("got %d items after reading %d bytes, want %d after %d", n, src.n, len(records), len(data))
			}
			// The readers on the way buffer at most about 450 KiB ahead.
			if readAtFirst > 512<<10 || readAtFirst*4 > len(data) {
				t.Errorf("%d of %d bytes read before the first item: records are not streamed", readAtFirst, len(data))
			}
		})
	}
}

// TestWARCLargeRecords checks corpus.Options.MaxHTMLBytes and that reading a
// large record leaves no file behind, whether the record is read whole,
// cut short, or the caller stops.
func TestWARCLargeRecords(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	para := "<p>" + bridgeStory + "</p>\n"
	big := htmlPage("A long page", strings.Repeat(para, (2<<20)/len(para)))
	records := []testRecord{
		{typ: "response", uri: "https://news.example/long", id: "urn:uuid:big", block: httpResponse("200 OK", big, "Content-Type: text/html")},
		crawl()[2],
	}
	data, ends := writeWARC(t, plainWARC, records)

	dir := t.TempDir()
	whole := write(t, dir, "whole.warc", string(data))
	cut := write(t, dir, "cut.warc", string(data[:ends[0]-1000]))

	items := collect(t, []string{whole}, corpus.Options{MaxHTMLBytes: 64 << 10})
	if len(items) != 2 || !items[0].OK() || !items[0].Article.Truncated || !strings.Contains(items[0].Warning, "MaxHTMLBytes") {
		t.Errorf("whole: got %+v, want the long page cut at MaxHTMLBytes, then the second", items)
	}
	if got := len(items[0].Article.Text); got > 64<<10 {
		t.Errorf("text of %d bytes from 64 KiB of markup", got)
	}
	items = collect(t, []string{cut}, corpus.Options{})
	if len(items) != 1 || !errors.Is(items[0].Err, corpus.ErrWARC) {
		t.Errorf("cut: got %+v, want one corpus.ErrWARC", items)
	}
	for it := range corpus.Items([]string{whole}, corpus.Options{}) {
		_ = it
		break
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestWARCInFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a-page.html", bridgePage)
	gzData, _ := writeWARC(t, perRecordGzip, crawl()[2:4])
	plainData, _ := writeWARC(t, plainWARC, crawl()[6:7])
	write(t, dir, "b-crawl.warc.gz", string(gzData))
	write(t, dir, "c-gzip-named-plain.warc", string(gzData))
	write(t, dir, "d-plain-named-gzip.warc.gz", string(plainData))
	items := collect(t, []string{dir}, corpus.Options{})
	var got []string
	for _, it := range items {
		s := fmt.Sprintf("%s line %d", filepath.Base(it.Path), it.Line)
		switch {
		case it.Err != nil:
			s += " error " + it.Err.Error()
		case it.Skipped != "":
			s += " skipped " + it.Skipped
		default:
			s += " " + it.Article.ID
		}
		got = append(got, s)
	}
	want := []string{
		"a-page.html line 0 " + filepath.Join(dir, "a-page.html"),
		"b-crawl.warc.gz line 1 urn:uuid:00000000-0000-4000-8000-000000000001",
		"b-crawl.warc.gz line 2 skipped not HTML (image/png)",
		"c-gzip-named-plain.warc line 1 urn:uuid:00000000-0000-4000-8000-000000000001",
		"c-gzip-named-plain.warc line 2 skipped not HTML (image/png)",
		"d-plain-named-gzip.warc.gz line 1 urn:uuid:00000000-0000-4000-8000-000000000004",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWARCFromStdin(t *testing.T) {
	data, _ := writeWARC(t, plainWARC, crawl())
	items := collect(t, []string{"-"}, corpus.Options{Stdin: bytes.NewReader(data)})
	checkItems(t, items, "-", crawlWant)
}

func TestWARCFormatNames(t *testing.T) {
	for _, name := range []string{"a.warc", "A.WARC", "crawl-00001.warc.gz", "dir/x.Warc.GZ"} {
		if got := corpus.FormatOf(name); got != corpus.FormatWARC {
			t.Errorf("corpus.FormatOf(%q) = %v, want warc", name, got)
		}
	}
	if got := corpus.FormatOf("x.warc.zst"); got != corpus.FormatAuto {
		t.Errorf("corpus.FormatOf(x.warc.zst) = %v, want auto", got)
	}
	if f, ok := corpus.ParseFormat("WARC"); !ok || f != corpus.FormatWARC || f.String() != "warc" {
		t.Errorf("corpus.ParseFormat(WARC) = %v %v", f, ok)
	}
}
