package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	warc "github.com/internetarchive/gowarc"
)

// writeTestWARC writes a gzip WARC (one member per record) to dir/name
// with these records, each {WARC-Type, WARC-Target-URI, block}, and
// returns its path and bytes.
func writeTestWARC(t *testing.T, dir, name string, records [][3]string) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	w, err := warc.NewWriter(&buf, name, warc.SHA1, warc.CompressionGzip, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range records {
		w.Reset(&buf)
		rec := warc.NewRecord("", false)
		rec.Header.Set("WARC-Type", r[0])
		rec.Header.Set("WARC-Target-URI", r[1])
		rec.Header.Set("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-00000000000"+string(rune('0'+i))+">")
		if r[0] == "response" || r[0] == "request" {
			rec.Header.Set("Content-Type", "application/http; msgtype="+r[0])
		}
		if _, err := io.WriteString(rec.Content, r[2]); err != nil {
			t.Fatal(err)
		}
		if _, err := w.WriteRecord(rec); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// testCrawl has two HTML pages among six records.
var testCrawl = [][3]string{
	{"warcinfo", "", "software: test\r\n"},
	{"request", "https://news.example/bridge", "GET /bridge HTTP/1.1\r\nHost: news.example\r\n\r\n"},
	{"response", "https://news.example/bridge", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" +
		"<html><head><title>Council votes to repair stone bridge</title></head><body><article>" +
		"<p>The town council voted on Tuesday to repair the old stone bridge over the river, which has " +
		"been closed to cars since the spring floods loosened two of its arches.</p><p>Engineers told " +
		"the meeting that the work would take about four months.</p></article></body></html>"},
	{"response", "https://news.example/logo.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n"},
	{"response", "https://news.example/gone", "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>No such page</p>"},
	{"response", "https://news.example/library", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n" +
		"<html><body><article><h1>Caf\xe9 reopens in the library</h1><p>The caf\xe9 on the ground floor of the " +
		"county library reopened on Saturday after a year of building work, staff said.</p></article></body></html>"},
}

func TestScoreWARC(t *testing.T) {
	path, _ := writeTestWARC(t, t.TempDir(), "crawl.warc.gz", testCrawl)
	stdout, stderr, code := runCLI(t, "", "score", "--format", "jsonl", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d results, want one per HTML page (2):\n%s", len(lines), stdout)
	}
	want := []struct{ id, url string }{
		{"urn:uuid:00000000-0000-4000-8000-000000000002", "https://news.example/bridge"},
		{"urn:uuid:00000000-0000-4000-8000-000000000005", "https://news.example/library"},
	}
	for i, line := range lines {
		var r struct {
			ID, URL, Verdict string
			Quality          int
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, line)
		}
		if r.ID != want[i].id || r.URL != want[i].url || r.Verdict == "" {
			t.Errorf("result %d: %s, want id %s url %s", i+1, line, want[i].id, want[i].url)
		}
	}
	// Every record is accounted for, and the skipped ones are counted in
	// the summary rather than listed one by one.
	wantSummary := "newsqual: scored 2, failed 0, skipped 4 (HTTP status 404 Not Found: 1, " +
		"WARC request record: 1, WARC warcinfo record: 1, not HTML (image/png): 1)"
	if !strings.Contains(stderr, wantSummary+"\n") {
		t.Errorf("stderr %q, want the summary %q", stderr, wantSummary)
	}
	if strings.Contains(stderr, "skipped "+path) {
		t.Errorf("records listed one by one on stderr: %q", stderr)
	}
}

func TestScoreWARCCutShort(t *testing.T) {
	dir := t.TempDir()
	_, data := writeTestWARC(t, dir, "full.warc.gz", testCrawl)
	cut := filepath.Join(dir, "cut.warc.gz")
	if err := os.WriteFile(cut, data[:len(data)-40], 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "", "score", "--format", "jsonl", cut)
	if code != 2 {
		t.Errorf("exit %d, want 2 for a broken input", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "news.example/bridge") ||
		!strings.Contains(lines[1], `"error":"corpus: `+cut) {
		t.Errorf("stdout %q: want the first page's result, then the error for the cut record", stdout)
	}
	if !strings.Contains(stderr, "scored 1, failed 1, skipped 4 (") || !strings.Contains(stderr, "broken WARC file") {
		t.Errorf("stderr %q: want the error and a summary of 1 scored, 1 failed and 4 skipped", stderr)
	}
}

// TestSourcesWARC checks that sources reads WARC files as score does: the
// pages keyed by their site, the other records counted in the summary.
func TestSourcesWARC(t *testing.T) {
	path, _ := writeTestWARC(t, t.TempDir(), "crawl.warc.gz", testCrawl)
	stdout, stderr, code := runCLI(t, "", "sources", "--format", "jsonl", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Source   string
		Articles int
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || r.Source != "news.example" || r.Articles != 2 {
		t.Fatalf("got %s (%v), want one source news.example with the 2 pages", stdout, err)
	}
	want := "skipped 4 (HTTP status 404 Not Found: 1, WARC request record: 1, WARC warcinfo record: 1, not HTML (image/png): 1)"
	if !strings.Contains(stderr, want) || strings.Contains(stderr, "skipped "+path) {
		t.Errorf("stderr %q, want the skipped records counted in the summary: %q", stderr, want)
	}
}
