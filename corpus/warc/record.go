package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The limits of a WARC record's framing: a corrupt file whose lines never
// end must not be read into memory whole.
const (
	// maxWARCLine is the longest line of a WARC record's header.
	maxWARCLine = 64 << 10
	// maxWARCHeader is the most bytes of one WARC record's header.
	maxWARCHeader = 1 << 20
)

// warcRecord is one record of a WARC stream: its version line, its named
// fields, and its block, read straight from the stream. Nothing of the
// block is held or spooled: what the reader of a record does not read is
// skipped when the next record is read, so a record of gigabytes costs
// only the time to pass over it.
type warcRecord struct {
	// version is the first line, "WARC/1.1" in a good file.
	version string
	// fields holds the named fields by their lower-case names.
	fields map[string]string
	// block reads the record's block, Content-Length bytes.
	block *io.LimitedReader
}

// get returns the value of a named field (the name in any case), or "".
func (r *warcRecord) get(name string) string { return r.fields[strings.ToLower(name)] }

// warcReader reads the records of an uncompressed WARC stream one at a
// time.
type warcReader struct {
	r *bufio.Reader
	// started is set once a record has been read.
	started bool
}

// next returns the next record, or io.EOF (unwrapped) at the clean end of
// the stream. The block of the record before must have been finished
// (finish) first. Any other error means the framing cannot be read; an
// error matching io.ErrUnexpectedEOF means the stream ends inside the
// record.
func (wr *warcReader) next() (*warcRecord, error) {
	version, err := wr.line()
	switch {
	case errors.Is(err, io.EOF) && version == "" && wr.started:
		return nil, io.EOF
	case errors.Is(err, io.EOF):
		return nil, fmt.Errorf("reading WARC version: %w", io.ErrUnexpectedEOF)
	case err != nil:
		return nil, fmt.Errorf("reading WARC version: %w", err)
	}
	wr.started = true
	rec := &warcRecord{version: version, fields: make(map[string]string)}
	size := len(version)
	for {
		line, err := wr.line()
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, fmt.Errorf("reading header: %w", err)
		}
		if line == "" {
			break
		}
		if size += len(line); size > maxWARCHeader {
			return nil, fmt.Errorf("reading header: longer than %d bytes", maxWARCHeader)
		}
		if name, value, ok := strings.Cut(line, ":"); ok {
			rec.fields[strings.ToLower(name)] = strings.TrimSpace(value)
		}
	}
	length, err := strconv.ParseInt(rec.get("Content-Length"), 10, 64)
	if err != nil || length < 0 {
		return nil, fmt.Errorf("parsing Content-Length %q: want a number of bytes", clip(rec.get("Content-Length"), 40))
	}
	rec.block = &io.LimitedReader{R: wr.r, N: length}
	return rec, nil
}

// finish passes over what is left of rec's block and reads the two empty
// lines that end a record.
func (wr *warcReader) finish(rec *warcRecord) error {
	if _, err := io.Copy(io.Discard, rec.block); err != nil {
		return fmt.Errorf("reading the block: %w", err)
	}
	if rec.block.N > 0 {
		return fmt.Errorf("reading the block: %w", io.ErrUnexpectedEOF)
	}
	for range 2 {
		line, err := wr.line()
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return fmt.Errorf("reading record boundary: %w", err)
		}
		if line != "" {
			return fmt.Errorf("non-empty record boundary %q", clip(line, 40))
		}
	}
	return nil
}

// line reads one line ended by "\r\n", without it. At the end of the
// stream it returns what it read and io.EOF.
func (wr *warcReader) line() (string, error) {
	var buf []byte
	for {
		chunk, err := wr.r.ReadSlice('\n')
		if len(buf)+len(chunk) > maxWARCLine {
			return "", fmt.Errorf("a line longer than %d bytes", maxWARCLine)
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			if line, ok := bytes.CutSuffix(buf, []byte("\r\n")); ok {
				return string(line), nil
			}
			// A lone "\n" does not end a WARC line.
		case errors.Is(err, bufio.ErrBufferFull):
		default:
			return string(buf), err
		}
	}
}
