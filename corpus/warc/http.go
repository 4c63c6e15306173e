package warc

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
	"golang.org/x/net/html/charset"

	"github.com/newsqual/newsqual/corpus"
)

// maxHTTPHeaderBytes caps the HTTP header of one response: a corrupt
// record whose header never ends must not be read into memory whole.
const maxHTTPHeaderBytes = 1 << 20

// maxZstdWindow is the largest window a zstd Content-Encoding may use
// (RFC 9659), which bounds the decoder's memory.
const maxZstdWindow = 8 << 20

// readHTTPResponse parses the HTTP response a WARC response record holds.
// The body of the returned response undoes chunked transfer coding and
// stops at the Content-Length, when there is one.
func readHTTPResponse(block io.Reader) (*http.Response, error) {
	limited := &headerLimit{r: block, left: maxHTTPHeaderBytes}
	br := bufio.NewReaderSize(limited, 16<<10)
	// Some crawlers record HTTP/2 and HTTP/3 answers with a status line
	// such as "HTTP/2 200", which net/http does not parse; their header and
	// body read like an HTTP/1.1 message that ends with the record.
	if start, _ := br.Peek(len("HTTP/2 ")); string(start) == "HTTP/2 " || string(start) == "HTTP/3 " {
		_, _ = br.Discard(len(start))
		br = bufio.NewReaderSize(io.MultiReader(strings.NewReader("HTTP/1.1 "), br), 16<<10)
	}
	resp, err := http.ReadResponse(br, nil)
	limited.lifted = true
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return nil, errors.New("the record ends inside the HTTP header")
	case err != nil:
		return nil, fmt.Errorf("HTTP header: %w", err)
	}
	return resp, nil
}

// headerLimit fails reads past a byte limit until lifted, which it is
// once the HTTP header has been parsed.
type headerLimit struct {
	r      io.Reader
	left   int64
	lifted bool
}

func (h *headerLimit) Read(p []byte) (int, error) {
	if h.lifted {
		return h.r.Read(p)
	}
	if h.left <= 0 {
		return 0, fmt.Errorf("longer than %d bytes", maxHTTPHeaderBytes)
	}
	if int64(len(p)) > h.left {
		p = p[:h.left]
	}
	n, err := h.r.Read(p)
	h.left -= int64(n)
	return n, err
}

// statusName returns a status code with its standard text, as in
// "404 Not Found".
func statusName(code int) string {
	if text := http.StatusText(code); text != "" {
		return strconv.Itoa(code) + " " + text
	}
	return strconv.Itoa(code)
}

// unsupportedEncoding is a Content-Encoding that the reader cannot undo.
type unsupportedEncoding string

func (e unsupportedEncoding) Error() string {
	return fmt.Sprintf("HTTP Content-Encoding %q not supported", clip(string(e), 40))
}

// decodeBody undoes the Content-Encoding of an HTTP body, codings applied
// last undone first. A body labelled gzip that does not start like gzip is
// read as it is: some servers label bodies they send plain, and some tools
// store bodies already decoded. The returned function releases the
// decoders.
func decodeBody(body io.Reader, contentEncoding []string) (io.Reader, func(), error) {
	var codings []string
	for _, v := range contentEncoding {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.ToLower(strings.TrimSpace(c))
			if c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	var closers []func()
	release := func() {
		for _, c := range closers {
			c()
		}
	}
	r := body
	for i := len(codings) - 1; i >= 0; i-- {
		next, closeFn, err := decoder(r, codings[i])
		if err != nil {
			release()
			return nil, nil, err
		}
		r = next
		if closeFn != nil {
			closers = append(closers, closeFn)
		}
	}
	return r, release, nil
}

// decoder returns a reader that undoes one content coding.
func decoder(r io.Reader, coding string) (io.Reader, func(), error) {
	switch coding {
	case "gzip", "x-gzip":
		br := bufio.NewReader(r)
		if start, _ := br.Peek(2); string(start) != gzipMagic {
			return br, nil, nil
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, func() { zr.Close() }, nil
	case "deflate":
		// HTTP's deflate is meant to be zlib, but many servers send raw
		// deflate; a zlib stream is told apart by its two-byte header.
		br := bufio.NewReader(r)
		if start, _ := br.Peek(2); len(start) == 2 && start[0]&0x0f == 8 && (int(start[0])<<8|int(start[1]))%31 == 0 {
			zr, err := zlib.NewReader(br)
			if err != nil {
				return nil, nil, fmt.Errorf("deflate: %w", err)
			}
			return zr, func() { zr.Close() }, nil
		}
		fr := flate.NewReader(br)
		return fr, func() { fr.Close() }, nil
	case "br":
		return brotli.NewReader(r), nil, nil
	case "zstd":
		zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxWindow(maxZstdWindow))
		if err != nil {
			return nil, nil, fmt.Errorf("zstd: %w", err)
		}
		return zr, zr.Close, nil
	}
	return nil, nil, unsupportedEncoding(coding)
}

// readBody reads at most limit bytes of a decoded HTTP body and reports
// whether more remained. A body that ends early (shorter than its
// Content-Length, a chunk or a gzip stream cut off) is kept as far as it
// goes, with the reason in cut.
func readBody(r io.Reader, limit int) (raw []byte, over bool, cut, err error) {
	raw, err = io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		if !errors.Is(err, io.ErrUnexpectedEOF) || len(raw) == 0 {
			return nil, false, nil, err
		}
		cut, err = err, nil
	}
	if len(raw) > limit {
		return corpus.TrimPartialRune(raw[:limit]), true, cut, nil
	}
	return raw, false, cut, nil
}

// sniffContentType guesses the content type of a body sent without one.
func sniffContentType(raw []byte) string {
	return http.DetectContentType(raw)
}

// responseToUTF8 decodes an HTML body to UTF-8 as responseItem describes.
// It returns raw itself when raw is valid UTF-8 or when the page's own
// labels should decide, which the HTML reader does next.
func responseToUTF8(raw []byte, contentType string) []byte {
	if utf8.Valid(raw) {
		return raw
	}
	enc, name, certain := charset.DetermineEncoding(raw, contentType)
	if !certain || name == "utf-8" {
		// Without a byte order mark or a usable header charset, or with a
		// header claiming UTF-8 for bytes that are not, the page's <meta>
		// decides: the HTML reader looks at it.
		return raw
	}
	decoded, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return raw
	}
	return decoded
}
