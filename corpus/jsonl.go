package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// LineReader reads lines of any length while holding at most a set number
// of bytes of one line: the rest of a longer line is read and dropped, so
// one huge line never sits in memory. JSONL reading uses it, and so can
// code reading other line-based output.
type LineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

// NewLineReader returns a LineReader over r that holds at most max bytes
// of one line.
func NewLineReader(r io.Reader, max int) *LineReader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &LineReader{r: br, max: max}
}

// shrinkAbove is the capacity past which the line buffer is released after
// a long line, so that one huge record does not pin memory for the rest of
// the file.
const shrinkAbove = 1 << 20

// Next returns the next line without its "\n" or "\r\n". tooLong is true
// (and line nil) when the line was longer than max bytes. err is io.EOF
// after the last line, or the read error that stopped reading. The line is
// valid until the next call.
func (lr *LineReader) Next() (line []byte, tooLong bool, err error) {
	if cap(lr.buf) > shrinkAbove {
		lr.buf = nil
	}
	lr.buf = lr.buf[:0]
	total := 0
	for {
		chunk, err := lr.r.ReadSlice('\n')
		total += len(chunk)
		if !tooLong {
			// +2 leaves room for the "\r\n" that is not part of the line.
			if len(lr.buf)+len(chunk) > lr.max+2 {
				tooLong = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if total == 0 {
				return nil, false, io.EOF
			}
		default:
			return nil, false, err
		}
		break
	}
	if tooLong {
		return nil, true, nil
	}
	line = bytes.TrimSuffix(lr.buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) > lr.max {
		return nil, true, nil
	}
	return line, false, nil
}

// SkipBlank passes over the lines that follow that hold nothing but ASCII
// white space and returns how many it passed over. It scans what is
// buffered without copying it, so a run of a billion blank lines costs
// about what reading its bytes does. A line it cannot see whole in the
// buffer, or that holds anything else, is left for Next.
func (lr *LineReader) SkipBlank() int {
	skipped := 0
	for {
		if _, err := lr.r.Peek(1); err != nil {
			return skipped
		}
		buf, _ := lr.r.Peek(lr.r.Buffered())
		end, lines := 0, 0 // end: just past the last newline of a blank line
		for i, c := range buf {
			if c == '\n' {
				end, lines = i+1, lines+1
				continue
			}
			if c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v' {
				break
			}
		}
		if lines == 0 {
			return skipped
		}
		// A partial line after the last newline ends the run here
		// unless the buffer is refilled behind it, which needs it gone.
		whole := end == len(buf)
		_, _ = lr.r.Discard(end)
		skipped += lines
		if !whole {
			return skipped
		}
	}
}

// record is one JSONL object. Fields not listed are ignored.
type record struct {
	ID     looseString `json:"id"`
	Text   string      `json:"text"`
	HTML   string      `json:"html"`
	Hidden string      `json:"hidden"`
	Title  string      `json:"title"`
	URL    string      `json:"url"`
	Label  string      `json:"label"`
	Kind   string      `json:"kind"`
	Source string      `json:"source"`
	Site   string      `json:"site"`
	Group  looseString `json:"group"`
	Model  string      `json:"model"`
	Task   string      `json:"task"`
}

// looseString accepts a JSON string, number or null, since ids and groups
// are numbers in some data sets.
type looseString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *looseString) UnmarshalJSON(b []byte) error {
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = looseString(v)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf(`"id" and "group" must be strings or numbers, got %.20s`, b)
		}
		*s = looseString(n.String())
	}
	return nil
}

// readJSONL yields one item per line of a JSONL stream.
func (w *walker) readJSONL(r *bufio.Reader, path string) error {
	sample, _ := r.Peek(sniffBytes)
	if len(sample) == 0 {
		return w.emit(errorItem(path, 0, ErrEmpty, nil))
	}
	if reason := binaryReason(sample); reason != "" {
		return w.emit(errorItem(path, 0, ErrBinary, errors.New(reason)))
	}
	if bytes.HasPrefix(sample, utf8BOM) {
		_, _ = r.Discard(len(utf8BOM))
	}
	lr := NewLineReader(r, w.opts.MaxLineBytes)
	for lineNo := 1; ; lineNo++ {
		line, tooLong, err := lr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return w.emit(errorItem(path, lineNo, nil, fmt.Errorf("read: %w", err)))
		}
		var it Item
		switch {
		case tooLong:
			it = errorItem(path, lineNo, ErrLineTooLong,
				fmt.Errorf("longer than %d bytes (Options.MaxLineBytes)", w.opts.MaxLineBytes))
		case len(bytes.TrimSpace(line)) == 0:
			// One item for the whole run of blank lines.
			it = skipItem(path, lineNo, "blank line")
			it.Lines = 1 + lr.SkipBlank()
			lineNo += it.Lines - 1
		default:
			it = w.recordItem(line, path, lineNo)
		}
		if err := w.emit(it); err != nil {
			return err
		}
	}
}

// recordItem decodes one JSONL line into an article item.
func (w *walker) recordItem(line []byte, path string, lineNo int) Item {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return errorItem(path, lineNo, ErrInvalidJSON, describeJSONError(err))
	}
	a := Article{
		ID:        string(rec.ID),
		Title:     normalizeString(rec.Title),
		URL:       rec.URL,
		Label:     rec.Label,
		Kind:      rec.Kind,
		Source:    rec.Source,
		Site:      rec.Site,
		Group:     string(rec.Group),
		Generator: rec.Model,
		Task:      rec.Task,
		Hidden:    normalizeString(rec.Hidden),
	}
	if a.ID == "" {
		a.ID = Position(path, lineNo)
	}
	if a.Source == "" {
		a.Source = rec.Site
	}
	var note string
	hasText, hasHTML := !isBlank(rec.Text), !isBlank(rec.HTML)
	switch {
	case hasText && !(hasHTML && w.opts.PreferHTML):
		a.Text = normalizeString(rec.Text)
	case hasHTML:
		p := w.html.readPage([]byte(rec.HTML), rec.URL, w.opts.WholePage, w.opts.MaxHTMLDepth)
		if p.err != nil {
			return withID(errorItem(path, lineNo, nil, fmt.Errorf("reading stopped: %w", p.err)), rec.ID)
		}
		note = p.note
		if a.Title == "" {
			a.Title = normalizeString(p.title)
		}
		a.Text = normalizeString(p.text)
		a.Hidden = normalizeString(p.hidden)
		a.Truncated = p.cut
		if isBlank(a.Text) {
			return withID(errorItem(path, lineNo, ErrNoText, errors.New(noTextReason(`"html"`, p))), rec.ID)
		}
	default:
		return withID(errorItem(path, lineNo, ErrNoText, errors.New(`no "text" or "html" field with content`)), rec.ID)
	}
	it := Item{Path: path, Line: lineNo, Warning: note, ID: string(rec.ID)}
	it.Article = a
	w.capArticle(&it, false)
	if w.opts.KeepRecord {
		it.Record = bytes.Clone(line) // the line's buffer is reused
	}
	return it
}

// withID sets the record's own id on a failed item, so that its result
// keeps the name the input gave it.
func withID(it Item, id looseString) Item {
	it.ID = string(id)
	return it
}

// describeJSONError words a decoding error for a person reading a log,
// without naming Go types.
func describeJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	if te.Field == "" {
		return fmt.Errorf("want an object, got %s", te.Value)
	}
	return fmt.Errorf("field %q: want a string, got %s", te.Field, te.Value)
}
