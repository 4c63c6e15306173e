package warc

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/newsqual/newsqual/corpus"
)

// readResponse writes one response record with the given block and
// returns the item corpus.Walk makes of it.
func readResponse(t *testing.T, block string, fields map[string]string) corpus.Item {
	t.Helper()
	records := []testRecord{{typ: "response", uri: "https://news.example/story", id: "urn:uuid:story", block: block, fields: fields}}
	path := writeWARCFile(t, t.TempDir(), "one.warc.gz", perRecordGzip, records)
	items := collect(t, []string{path}, corpus.Options{})
	if len(items) != 1 {
		t.Fatalf("got %d items for one record: %+v", len(items), items)
	}
	if items[0].Line != 1 || items[0].Path != path {
		t.Errorf("item at %s line %d, want %s line 1", items[0].Path, items[0].Line, path)
	}
	return items[0]
}

// wantArticle fails the test unless it is an article whose text holds
// phrase.
func wantArticle(t *testing.T, it corpus.Item, phrase string) {
	t.Helper()
	if !it.OK() {
		t.Fatalf("skipped %q err %v, want an article", it.Skipped, it.Err)
	}
	if it.Article.ID != "urn:uuid:story" || it.Article.URL != "https://news.example/story" {
		t.Errorf("id %q url %q", it.Article.ID, it.Article.URL)
	}
	if !utf8.ValidString(it.Article.Text) || !strings.Contains(it.Article.Text, phrase) {
		t.Errorf("text %q, want valid UTF-8 holding %q", it.Article.Text, phrase)
	}
}

func TestWARCHTTPStatus(t *testing.T) {
	for _, tc := range []struct {
		status  string
		skipped string // "" wants the page scored
	}{
		{"200 OK", ""},
		{"203 Non-Authoritative Information", ""},
		{"206 Partial Content", ""},
		{"200", ""}, // no reason phrase
		{"204 No Content", "HTTP status 204 No Content"},
		{"301 Moved Permanently", "HTTP status 301 Moved Permanently"},
		{"302 Found", "HTTP status 302 Found"},
		{"304 Not Modified", "HTTP status 304 Not Modified"},
		{"404 Not Found", "HTTP status 404 Not Found"},
		{"410 gone away", "HTTP status 410 Gone"},
		{"500 Internal Server Error", "HTTP status 500 Internal Server Error"},
		{"599 Whatever", "HTTP status 599"},
	} {
		t.Run(tc.status, func(t *testing.T) {
			it := readResponse(t, httpResponse(tc.status, bridgePage, "Content-Type: text/html"), nil)
			if tc.skipped == "" {
				wantArticle(t, it, bridgeStory)
			} else if it.Skipped != tc.skipped {
				t.Errorf("skipped %q err %v, want %q", it.Skipped, it.Err, tc.skipped)
			}
		})
	}
}

func TestWARCContentTypes(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
	for _, tc := range []struct {
		name    string
		block   string
		fields  map[string]string
		skipped string // "" wants the page scored
	}{
		{"text/html", httpResponse("200 OK", bridgePage, "Content-Type: text/html"), nil, ""},
		{"upper case", httpResponse("200 OK", bridgePage, "Content-Type: TEXT/HTML; Charset=UTF-8"), nil, ""},
		{"xhtml", httpResponse("200 OK", bridgePage, "Content-Type: application/xhtml+xml"), nil, ""},
		{"bad parameter", httpResponse("200 OK", bridgePage, "Content-Type: text/html; charset"), nil, ""},
		{"no type, looks like HTML", httpResponse("200 OK", bridgePage), nil, ""},
		{"no type, looks like PNG", httpResponse("200 OK", png), nil, "not HTML (no Content-Type; looks like image/png)"},
		{"plain text", httpResponse("200 OK", bridgeStory, "Content-Type: text/plain; charset=utf-8"), nil, "not HTML (text/plain)"},
		{"JSON", httpResponse("200 OK", `{"a":1}`, "Content-Type: application/json"), nil, "not HTML (application/json)"},
		{"HTTP/2 status line", strings.Replace(httpResponse("200 OK", bridgePage, "content-type: text/html"), "HTTP/1.1 200 OK", "HTTP/2 200", 1), nil, ""},
		{"DNS record", "20260101000000\nnews.example. 300 IN A 192.0.2.1\n",
			map[string]string{"Content-Type": "text/dns"}, "WARC response that is not HTTP (text/dns)"},
		{"no WARC Content-Type", httpResponse("200 OK", bridgePage, "Content-Type: text/html"),
			map[string]string{"Content-Type": ""}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := readResponse(t, tc.block, tc.fields)
			if tc.skipped == "" {
				wantArticle(t, it, bridgeStory)
			} else if it.Skipped != tc.skipped {
				t.Errorf("skipped %q err %v, want %q", it.Skipped, it.Err, tc.skipped)
			}
		})
	}
}

// compress returns page compressed with the writer that newWriter makes.
func compress(t *testing.T, page string, newWriter func(io.Writer) io.WriteCloser) string {
	t.Helper()
	var buf bytes.Buffer
	w := newWriter(&buf)
	if _, err := io.WriteString(w, page); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// chunked returns body in HTTP/1.1 chunks of at most size bytes.
func chunked(body string, size int) string {
	var sb strings.Builder
	for len(body) > 0 {
		n := min(size, len(body))
		fmt.Fprintf(&sb, "%x\r\n%s\r\n", n, body[:n])
		body = body[n:]
	}
	sb.WriteString("0\r\n\r\n")
	return sb.String()
}

func TestWARCContentEncodings(t *testing.T) {
	gz := compress(t, bridgePage, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })
	zl := compress(t, bridgePage, func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) })
	raw := compress(t, bridgePage, func(w io.Writer) io.WriteCloser {
		fw, _ := flate.NewWriter(w, flate.DefaultCompression)
		return fw
	})
	br := compress(t, bridgePage, func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) })
	zs := compress(t, bridgePage, func(w io.Writer) io.WriteCloser {
		zw, _ := zstd.NewWriter(w)
		return zw
	})
	gzOfBr := compress(t, br, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })
	for _, tc := range []struct {
		name    string
		body    string
		header  []string
		skipped string
	}{
		{"identity", bridgePage, []string{"Content-Encoding: identity"}, ""},
		{"gzip", gz, []string{"Content-Encoding: gzip"}, ""},
		{"x-gzip", gz, []string{"Content-Encoding: x-gzip"}, ""},
		{"gzip, chunked", chunked(gz, 100), []string{"Content-Encoding: gzip", "Transfer-Encoding: chunked"}, ""},
		{"chunked", chunked(bridgePage, 64), []string{"Transfer-Encoding: chunked"}, ""},
		{"deflate (zlib)", zl, []string{"Content-Encoding: deflate"}, ""},
		{"deflate (raw)", raw, []string{"Content-Encoding: deflate"}, ""},
		{"br", br, []string{"Content-Encoding: br"}, ""},
		{"zstd", zs, []string{"Content-Encoding: zstd"}, ""},
		{"br then gzip", gzOfBr, []string{"Content-Encoding: br, gzip"}, ""},
		{"gzip label on a plain body", bridgePage, []string{"Content-Encoding: gzip"}, ""},
		{"unknown coding", bridgePage, []string{"Content-Encoding: compress"}, `HTTP Content-Encoding "compress" not supported`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			header := append([]string{"Content-Type: text/html"}, tc.header...)
			it := readResponse(t, httpResponse("200 OK", tc.body, header...), nil)
			if tc.skipped == "" {
				wantArticle(t, it, bridgeStory)
				if it.Article.Truncated {
					t.Errorf("marked truncated: %s", it.Warning)
				}
			} else if it.Skipped != tc.skipped {
				t.Errorf("skipped %q err %v, want %q", it.Skipped, it.Err, tc.skipped)
			}
		})
	}
}

func TestWARCBodyCutShort(t *testing.T) {
	gz := compress(t, bridgePage, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })
	for _, tc := range []struct {
		name    string
		block   string
		fields  map[string]string
		warning string
	}{
		{"shorter than Content-Length", httpResponse("200 OK", bridgePage, "Content-Type: text/html",
			fmt.Sprintf("Content-Length: %d", len(bridgePage)+500)), nil, "ends early"},
		{"chunk cut off", httpResponse("200 OK", strings.TrimSuffix(chunked(bridgePage, 4000), "\r\n0\r\n\r\n")[:len(bridgePage)-10],
			"Content-Type: text/html", "Transfer-Encoding: chunked"), nil, "ends early"},
		{"gzip cut off", httpResponse("200 OK", gz[:len(gz)-12], "Content-Type: text/html", "Content-Encoding: gzip"), nil, "ends early"},
		{"WARC-Truncated", httpResponse("200 OK", bridgePage, "Content-Type: text/html"),
			map[string]string{"WARC-Truncated": "length"}, "WARC-Truncated: length"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := readResponse(t, tc.block, tc.fields)
			wantArticle(t, it, "town council voted")
			if !it.Article.Truncated || !strings.Contains(it.Warning, tc.warning) {
				t.Errorf("truncated %v, warning %q: want it marked, with %q", it.Article.Truncated, it.Warning, tc.warning)
			}
		})
	}
}

// encode returns s in the given encoding.
func encode(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWARCCharsets(t *testing.T) {
	const story = "Café owners in the old quarter said the new rules on pavement tables, agreed by the council " +
		"after a long debate, would cost them about a fifth of their summer trade."
	page := func(meta string) string {
		return "<html><head>" + meta + "<title>Café owners object</title></head><body><article><h1>Café owners object</h1><p>" +
			story + "</p><p>" + story + "</p></article></body></html>"
	}
	latin1 := func(meta string) string { return encode(t, charmap.Windows1252, page(meta)) }
	utf16 := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page(""))
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		want        string // a phrase of the text; "" checks only that it is valid UTF-8
	}{
		{"header names the right charset", "text/html; charset=ISO-8859-1", latin1(""), story},
		{"header windows-1252", "text/html; charset=windows-1252", latin1(""), story},
		{"meta names it, header none", "text/html", latin1(`<meta charset="windows-1252">`), story},
		{"no label at all", "text/html", latin1(""), story}, // windows-1252 is the fallback
		// The header claims UTF-8 for bytes that are not: the meta wins.
		{"header wrongly says UTF-8, meta right", "text/html; charset=utf-8", latin1(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`), story},
		{"header wrongly says UTF-8, no meta", "text/html; charset=utf-8", latin1(""), story},
		// An unknown label is ignored: the meta decides.
		{"unknown charset name", "text/html; charset=x-no-such-thing", latin1(`<meta charset="iso-8859-1">`), story},
		// Valid UTF-8 is kept whatever the header says.
		{"UTF-8 body, header says windows-1252", "text/html; charset=windows-1252", page(""), story},
		{"UTF-16 with a byte order mark", "text/html", utf16, story},
		// A wrong but known single-byte charset cannot be detected: the
		// text comes out wrong but valid.
		{"header says KOI8-R", "text/html; charset=koi8-r", latin1(""), "owners in the old quarter"},
		{"header says Shift_JIS", "text/html; charset=shift_jis", latin1(""), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := readResponse(t, httpResponse("200 OK", tc.body, "Content-Type: "+tc.contentType), nil)
			if !it.OK() {
				t.Fatalf("skipped %q err %v", it.Skipped, it.Err)
			}
			text := it.Article.Text
			if !utf8.ValidString(text) || !utf8.ValidString(it.Article.Title) {
				t.Fatalf("invalid UTF-8: %q", text)
			}
			if !strings.Contains(text, tc.want) {
				t.Errorf("text %q, want it to hold %q", text, tc.want)
			}
			if tc.want == story && it.Article.Title != "Café owners object" {
				t.Errorf("title %q", it.Article.Title)
			}
		})
	}
}
