package warc

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/internal/race"

	"github.com/newsqual/newsqual/corpus"
)

// writeHugeWARC writes, gzipped as one member, a WARC file of three
// response records: a page, a page of pad bytes of markup (the story, then
// one comment that runs on), and a page; it streams the file to disk
// without holding it.
func writeHugeWARC(t *testing.T, path string, pad int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw, err := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	bw := bufio.NewWriterSize(zw, 1<<20)
	page := "<html><head><title>Bridge</title></head><body><article><p>" + bridgeStory + "</p></article>"
	record := func(id string, body io.Reader, bodyLen int64) {
		httpHead := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", bodyLen)
		fmt.Fprintf(bw, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: https://news.example/%s\r\n"+
			"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s", id, id, int64(len(httpHead))+bodyLen, httpHead)
		if _, err := io.Copy(bw, body); err != nil {
			t.Fatal(err)
		}
		bw.WriteString("\r\n\r\n")
	}
	record("before", strings.NewReader(page), int64(len(page)))
	huge := page + "<!--"
	record("huge", io.MultiReader(strings.NewReader(huge), io.LimitReader(repeatReader('x'), pad)), int64(len(huge))+pad)
	record("after", strings.NewReader(page), int64(len(page)))
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

// repeatReader reads one byte over and over.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestWARCHugeRecordSpoolsNothing reads a record of hundreds of MB (2 GB
// in the report that found it, written whole to a temporary file although
// only 32 MiB is read): nothing is written to TMPDIR while it is read,
// the page is read from its first MaxHTMLBytes and marked cut, the
// allocation does not grow with the record, and the records after it are
// read.
func TestWARCHugeRecordSpoolsNothing(t *testing.T) {
	pad := int64(300 << 20)
	if race.Enabled || testing.Short() {
		pad = 48 << 20
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(t.TempDir(), "huge.warc.gz")
	writeHugeWARC(t, path, pad)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var ids []string
	err = corpus.Walk([]string{path}, corpus.Options{MaxHTMLBytes: 1 << 20}, func(it corpus.Item) error {
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("at %s: files in TMPDIR: %v", it.Where(), left)
		}
		if !it.OK() {
			t.Errorf("%s: err %v, skipped %q", it.Where(), it.Err, it.Skipped)
			return nil
		}
		if !strings.Contains(it.Article.Text, "bridge") {
			t.Errorf("%s: text %.100q lacks the story", it.Where(), it.Article.Text)
		}
		ids = append(ids, it.Article.ID)
		if it.Article.ID == "urn:uuid:huge" && (!it.Article.Truncated || !strings.Contains(it.Warning, "MaxHTMLBytes")) {
			t.Errorf("huge record: truncated %v, warning %q; want it cut at MaxHTMLBytes", it.Article.Truncated, it.Warning)
		}
		return nil
	})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d KB of gzip, a record of %d MB: %d MB allocated, records %v", info.Size()>>10, pad>>20, alloc>>20, ids)
	if strings.Join(ids, " ") != "urn:uuid:before urn:uuid:huge urn:uuid:after" {
		t.Errorf("records read: %v", ids)
	}
	// The first MaxHTMLBytes (1 MiB) of the page and its reading; the rest
	// of the record is decompressed and dropped as it comes.
	if limit := uint64(64 << 20); alloc > limit {
		t.Errorf("allocated %d MB, want under %d MB", alloc>>20, limit>>20)
	}
}
