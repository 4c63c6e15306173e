package corpus

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
)

// The kinds of problem met in web archives. An *Error matches its kind with
// errors.Is.
var (
	// ErrWARC means a WARC file's framing cannot be read: it is cut short
	// (a download that stopped), corrupt, or not a WARC file at all. The
	// item names the record where reading failed; the records after it in
	// that file are not read, since nothing marks where they begin.
	ErrWARC = errors.New("broken WARC file")
	// ErrHTTPResponse means a WARC response record holds an HTTP message
	// that cannot be parsed or whose body cannot be decoded. Only that
	// record is lost; reading goes on with the next one.
	ErrHTTPResponse = errors.New("bad HTTP response")
)

// gzipMagic starts every gzip member.
const gzipMagic = "\x1f\x8b"

// readWARC yields one item per record of a WARC stream: plain, or gzip
// with one member per record (as Common Crawl ships it) or one for the
// whole file. Records are read one at a time, straight from the stream
// (see warcRecord): only what the HTML reader keeps of a page (at most
// Options.MaxHTMLBytes) is ever in memory, and nothing is written to disk,
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
//   - a response whose HTTP message cannot be read is an ErrHTTPResponse
//     item, and reading goes on;
//   - a record whose WARC framing cannot be read is an ErrWARC item, and
//     reading of the file stops there.
//
// An empty stream is one ErrEmpty item.
func (w *walker) readWARC(r io.Reader, path string) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(len(gzipMagic))
	if len(head) == 0 {
		if err != nil && !errors.Is(err, io.EOF) {
			return w.emit(errorItem(path, 0, nil, err))
		}
		return w.emit(errorItem(path, 0, ErrEmpty, nil))
	}
	var src io.Reader = br
	if string(head) == gzipMagic {
		// Multistream (the default) reads member after member, so a file
		// gzipped per record and one gzipped whole read alike. gowarc's own
		// gzip handling reads only the first record of the latter.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return w.emit(errorItem(path, 1, ErrWARC, fmt.Errorf("gzip: %w", err)))
		}
		defer zr.Close()
		src = zr
	}
	plain := bufio.NewReaderSize(src, 64<<10)
	if start, err := plain.Peek(len("WARC/")); string(start) != "WARC/" {
		if len(start) == 0 && errors.Is(err, io.EOF) {
			return w.emit(errorItem(path, 0, ErrEmpty, errors.New("no WARC records")))
		}
		// gowarc looks for the end of the first line however far away it
		// is, so a large file of something else must not reach it.
		sample, _ := plain.Peek(24)
		return w.emit(errorItem(path, 1, ErrWARC, fmt.Errorf("not a WARC file: it starts with %q, not \"WARC/\"", sample)))
	}
	reader := &warcReader{r: plain}
	for n := 1; ; n++ {
		rec, err := reader.next()
		if err == io.EOF { // a bare io.EOF is a clean end; a wrapped one is a cut
			return nil
		}
		if err != nil {
			return w.emit(errorItem(path, n, ErrWARC, describeWARCError(err)))
		}
		if !strings.HasPrefix(rec.version, "WARC/") {
			return w.emit(errorItem(path, n, ErrWARC,
				fmt.Errorf("record starts with %q, not a WARC version line; the rest of the file was not read", clip(rec.version, 40))))
		}
		it := w.warcRecordItem(rec, path, n)
		if err := reader.finish(rec); err != nil {
			// The record's framing is broken, so whatever was read of it
			// cannot be trusted, and the next record cannot be found.
			it = errorItem(path, n, ErrWARC, describeWARCError(err))
		}
		if err := w.emit(it); err != nil {
			return err
		}
		if it.Err != nil && errors.Is(it.Err, ErrWARC) {
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
func (w *walker) warcRecordItem(rec *warcRecord, path string, n int) Item {
	typ := strings.ToLower(strings.TrimSpace(rec.get("WARC-Type")))
	switch typ {
	case "response":
		return w.responseItem(rec, path, n)
	case "warcinfo", "request", "metadata", "revisit", "resource", "conversion", "continuation":
		return skipItem(path, n, "WARC "+typ+" record")
	case "":
		return skipItem(path, n, "WARC record without a WARC-Type")
	}
	return skipItem(path, n, fmt.Sprintf("WARC record of unknown type %q", clip(typ, 40)))
}

// responseItem reads the HTML page a response record holds.
//
// The HTTP message is parsed with net/http: chunked transfer coding is
// undone, and so is a gzip, deflate, br or zstd Content-Encoding (another
// coding is skipped with the reason). Only Options.MaxHTMLBytes of the
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
func (w *walker) responseItem(rec *warcRecord, path string, n int) Item {
	if blockType := mediaType(rec.get("Content-Type")); blockType != "" && blockType != "application/http" {
		return skipItem(path, n, "WARC response that is not HTTP ("+blockType+")")
	}
	resp, err := readHTTPResponse(rec.block)
	if err != nil {
		return errorItem(path, n, ErrHTTPResponse, err)
	}
	defer resp.Body.Close()
	if !scoredStatus(resp.StatusCode) {
		return skipItem(path, n, "HTTP status "+statusName(resp.StatusCode))
	}
	contentType := resp.Header.Get("Content-Type")
	declared := mediaType(contentType)
	if declared != "" && !isHTMLType(declared) {
		return skipItem(path, n, "not HTML ("+declared+")")
	}
	body, closeBody, err := decodeBody(resp.Body, resp.Header.Values("Content-Encoding"))
	if unsupported, ok := errors.AsType[unsupportedEncoding](err); ok {
		return skipItem(path, n, unsupported.Error())
	}
	if err != nil {
		return errorItem(path, n, ErrHTTPResponse, fmt.Errorf("body: %w", err))
	}
	defer closeBody()
	raw, over, cut, err := readBody(body, w.opts.MaxHTMLBytes)
	if err != nil {
		return errorItem(path, n, ErrHTTPResponse, fmt.Errorf("body: %w", err))
	}
	if declared == "" {
		if sniffed := mediaType(sniffContentType(raw)); !isHTMLType(sniffed) {
			return skipItem(path, n, "not HTML (no Content-Type; looks like "+sniffed+")")
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return errorItem(path, n, ErrNoText, errors.New("the HTTP response has an empty body"))
	}
	pageURL := strings.Trim(strings.TrimSpace(rec.get("WARC-Target-URI")), "<>")
	it := w.pageItem(responseToUTF8(raw, contentType), over, path, n, pageURL)
	if !it.OK() {
		return it
	}
	it.Article.ID = strings.Trim(strings.TrimSpace(rec.get("WARC-Record-ID")), "<>")
	if it.Article.ID == "" {
		it.Article.ID = displayName(path) + " record " + strconv.Itoa(n)
	}
	it.Article.URL = pageURL
	switch {
	case cut != nil:
		it.Article.Truncated = true
		it.addWarning(fmt.Sprintf("the HTTP body ends early (%v), so the page was read as far as it goes", cut))
	case rec.get("WARC-Truncated") != "":
		it.Article.Truncated = true
		it.addWarning(fmt.Sprintf("the crawler cut this response (WARC-Truncated: %s)", clip(rec.get("WARC-Truncated"), 40)))
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
		s = string(trimPartialRune([]byte(s[:limit]))) + "..."
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
