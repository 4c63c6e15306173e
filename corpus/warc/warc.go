// Package warc reads web archives (.warc, .warc.gz) for corpus.Walk: one
// item per WARC record, an article for each HTML page a response record
// holds. It registers itself with corpus.RegisterReader when imported;
// a program that reads WARC files links it with a blank import:
//
//	import _ "github.com/newsqual/newsqual/corpus/warc"
//
// Without it, corpus.Walk gives a WARC file an error item saying so. The
// kinds of error it reports are corpus.corpus.ErrWARC and corpus.corpus.ErrHTTPResponse.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsqual/newsqual/corpus"
)

func init() { corpus.RegisterReader(corpus.FormatWARC, readWARC) }

// gzipMagic starts every gzip member.
const gzipMagic = "\x1f\x8b"

// readWARC yields one item per record of a WARC stream: plain, or gzip
// with one member per record (as Common Crawl ships it) or one for the
// whole file. Records are read one at a time, straight from the stream
// (see warcRecord): only what the HTML reader keeps of a page (at most
// corpus.Options.MaxHTMLBytes) is ever in memory, and nothing is written to disk,
// so a record of gigabytes is passed over in the time it takes to
// decompress it.
//
// Each record becomes exactly one item, Line holding its 1-based number in
// the file:
//   - a response record holding an HTML page with a 2xx status (except 204
//     and 205) is an article: ID is the WARC-Record-ID without its angle
//     brackets ("urn:uuid:..."), URL the WARC-Target-URI, Title and Text
//     what the HTML reader finds in the page (see responseItem);
//   - every other record is skipped with the reason: its type ("WARC
//     request record"), its HTTP status ("HTTP status 404 Not Found"; a
//     redirect or an error page is not the article), or its content type
//     ("not HTML (image/png)");
//   - a response whose HTTP message cannot be read is an corpus.ErrHTTPResponse
//     item, and reading goes on;
//   - a record whose WARC framing cannot be read is an corpus.ErrWARC item, and
//     reading of the file stops there.
//
// An empty stream is one corpus.ErrEmpty item.
func readWARC(in *corpus.Input) error {
	r := in.R
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(len(gzipMagic))
	if len(head) == 0 {
		if err != nil && !errors.Is(err, io.EOF) {
			return in.Emit(in.Error(0, nil, err))
		}
		return in.Emit(in.Error(0, corpus.ErrEmpty, nil))
	}
	var src io.Reader = br
	if string(head) == gzipMagic {
		// Multistream (the default) reads member after member, so a file
		// gzipped per record and one gzipped whole read alike. gowarc's own
		// gzip handling reads only the first record of the latter.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return in.Emit(in.Error(1, corpus.ErrWARC, fmt.Errorf("gzip: %w", err)))
		}
		defer zr.Close()
		src = zr
	}
	plain := bufio.NewReaderSize(src, 64<<10)
	if start, err := plain.Peek(len("WARC/")); string(start) != "WARC/" {
		if len(start) == 0 && errors.Is(err, io.EOF) {
			return in.Emit(in.Error(0, corpus.ErrEmpty, errors.New("no WARC records")))
		}
		// gowarc looks for the end of the first line however far away it
		// is, so a large file of something else must not reach it.
		sample, _ := plain.Peek(24)
		return in.Emit(in.Error(1, corpus.ErrWARC, fmt.Errorf("not a WARC file: it starts with %q, not \"WARC/\"", sample)))
	}
	reader := &warcReader{r: plain}
	for n := 1; ; n++ {
		rec, err := reader.next()
		if err == io.EOF { // a bare io.EOF is a clean end; a wrapped one is a cut
			return nil
		}
		if err != nil {
			return in.Emit(in.Error(n, corpus.ErrWARC, describeWARCError(err)))
		}
		if !strings.HasPrefix(rec.version, "WARC/") {
			return in.Emit(in.Error(n, corpus.ErrWARC,
				fmt.Errorf("record starts with %q, not a WARC version line; the rest of the file was not read", clip(rec.version, 40))))
		}
		it := warcRecordItem(in, rec, n)
		if err := reader.finish(rec); err != nil {
			// The record's framing is broken, so whatever was read of it
			// cannot be trusted, and the next record cannot be found.
			it = in.Error(n, corpus.ErrWARC, describeWARCError(err))
		}
		if err := in.Emit(it); err != nil {
			return err
		}
		if it.Err != nil && errors.Is(it.Err, corpus.ErrWARC) {
			return nil
		}
	}
}

// describeWARCError words an error from gowarc's reader for a person.
func describeWARCError(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("the file ends in the middle of this record (cut short?): %w", err)
	}
	return fmt.Errorf("%w; the rest of the file was not read", err)
}

// warcRecordItem turns one WARC record into an item.
func warcRecordItem(in *corpus.Input, rec *warcRecord, n int) corpus.Item {
	typ := strings.ToLower(strings.TrimSpace(rec.get("WARC-Type")))
	switch typ {
	case "response":
		return responseItem(in, rec, n)
	case "warcinfo", "request", "metadata", "revisit", "resource", "conversion", "continuation":
		return in.Skip(n, "WARC "+typ+" record")
	case "":
		return in.Skip(n, "WARC record without a WARC-Type")
	}
	return in.Skip(n, fmt.Sprintf("WARC record of unknown type %q", clip(typ, 40)))
}

// responseItem reads the HTML page a response record holds.
//
// The HTTP message is parsed with net/http: chunked transfer coding is
// undone, and so is a gzip, deflate, br or zstd Content-Encoding (another
// coding is skipped with the reason). Only corpus.Options.MaxHTMLBytes of the
// decoded body are read. A body that ends before its declared length, or a
// record marked WARC-Truncated, is scored as far as it goes and marked
// Truncated. A response without a Content-Type is sniffed.
//
// The page becomes UTF-8 as follows: a body that is valid UTF-8 is kept
// as it is, whatever the headers say (mislabelled pages are common, and
// legacy text is almost never valid UTF-8 by chance); otherwise a byte
// order mark, then the charset of the HTTP Content-Type, then the page's
// <meta> decide, else windows-1252. A header that claims UTF-8 for bytes
// that are not is overruled by the page's <meta>. Whatever the labels, the
// text that comes out is valid UTF-8.
func responseItem(in *corpus.Input, rec *warcRecord, n int) corpus.Item {
	if blockType := mediaType(rec.get("Content-Type")); blockType != "" && blockType != "application/http" {
		return in.Skip(n, "WARC response that is not HTTP ("+blockType+")")
	}
	resp, err := readHTTPResponse(rec.block)
	if err != nil {
		return in.Error(n, corpus.ErrHTTPResponse, err)
	}
	defer resp.Body.Close()
	if !scoredStatus(resp.StatusCode) {
		return in.Skip(n, "HTTP status "+statusName(resp.StatusCode))
	}
	contentType := resp.Header.Get("Content-Type")
	declared := mediaType(contentType)
	if declared != "" && !isHTMLType(declared) {
		return in.Skip(n, "not HTML ("+declared+")")
	}
	body, closeBody, err := decodeBody(resp.Body, resp.Header.Values("Content-Encoding"))
	if unsupported, ok := errors.AsType[unsupportedEncoding](err); ok {
		return in.Skip(n, unsupported.Error())
	}
	if err != nil {
		return in.Error(n, corpus.ErrHTTPResponse, fmt.Errorf("body: %w", err))
	}
	defer closeBody()
	raw, over, cut, err := readBody(body, in.Options().MaxHTMLBytes)
	if err != nil {
		return in.Error(n, corpus.ErrHTTPResponse, fmt.Errorf("body: %w", err))
	}
	if declared == "" {
		if sniffed := mediaType(sniffContentType(raw)); !isHTMLType(sniffed) {
			return in.Skip(n, "not HTML (no Content-Type; looks like "+sniffed+")")
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return in.Error(n, corpus.ErrNoText, errors.New("the HTTP response has an empty body"))
	}
	pageURL := strings.Trim(strings.TrimSpace(rec.get("WARC-Target-URI")), "<>")
	it := in.Page(responseToUTF8(raw, contentType), over, n, pageURL)
	if !it.OK() {
		return it
	}
	it.Article.ID = strings.Trim(strings.TrimSpace(rec.get("WARC-Record-ID")), "<>")
	if it.Article.ID == "" {
		it.Article.ID = corpus.Position(in.Path, 0) + " record " + strconv.Itoa(n)
	}
	it.Article.URL = pageURL
	switch {
	case cut != nil:
		it.Article.Truncated = true
		it.AddWarning(fmt.Sprintf("the HTTP body ends early (%v), so the page was read as far as it goes", cut))
	case rec.get("WARC-Truncated") != "":
		it.Article.Truncated = true
		it.AddWarning(fmt.Sprintf("the crawler cut this response (WARC-Truncated: %s)", clip(rec.get("WARC-Truncated"), 40)))
	}
	return it
}

// scoredStatus reports whether a response with this status holds a page to
// score: a success with content. Redirects, client and server errors and
// informational answers hold no article.
func scoredStatus(code int) bool {
	return code >= 200 && code <= 299 && code != 204 && code != 205
}

// isHTMLType reports whether a media type is an HTML page.
func isHTMLType(t string) bool {
	return t == "text/html" || t == "application/xhtml+xml"
}

// mediaType returns the lower-case media type of a Content-Type value
// without its parameters, or "" when there is none.
func mediaType(contentType string) string {
	t, _, err := mime.ParseMediaType(contentType)
	if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) {
		t, _, _ = strings.Cut(contentType, ";")
		t = strings.ToLower(strings.TrimSpace(t))
	}
	return clip(t, 60)
}

// clip shortens a value taken from the input for a message, keeping it
// valid UTF-8.
func clip(s string, limit int) string {
	if len(s) > limit {
		s = string(corpus.TrimPartialRune([]byte(s[:limit]))) + "..."
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
