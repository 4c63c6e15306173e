package wire

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
)

// The encodings below are the only ones records are written in, by the
// command line, the service and the Beam pipeline alike: HTML characters
// (<, >, &) kept as they are, never escaped, and the indentation of
// `newsqual score --format json`.

// Line encodes v as one JSON Lines record, ending in a newline.
func Line(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := newEncoder(&buf, "", "").Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Object encodes v on its own, indented two spaces, ending in a newline.
func Object(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := newEncoder(&buf, "", "  ").Encode(v); err != nil {
		return nil, err
	}
	return pairsOnOneLine(buf.Bytes()), nil
}

// Element encodes v as one element of a JSON array as ArrayWriter lays it
// out: indented two spaces inside the array, no newline at the end.
func Element(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := newEncoder(&buf, "  ", "  ").Encode(v); err != nil {
		return nil, err
	}
	return pairsOnOneLine(bytes.TrimRight(buf.Bytes(), "\n")), nil
}

// indentedPair matches a pair of numbers as indenting lays it out, one
// number per line. No JSON string holds a raw line break, so only arrays
// match.
var indentedPair = regexp.MustCompile(`\[\n\s*(\d+),\n\s*(\d+)\n\s*\]`)

// pairsOnOneLine writes each evidence span ([start, end]) of an indented
// record on one line, as a reader takes it in.
func pairsOnOneLine(b []byte) []byte {
	if !bytes.Contains(b, []byte(`"spans"`)) {
		return b
	}
	return indentedPair.ReplaceAll(b, []byte("[$1, $2]"))
}

// ArrayWriter writes encoded elements (see Element) as one JSON array,
// one element per block: "[]" when Close comes first. It writes each
// element as it comes, so a long array is never held whole.
type ArrayWriter struct {
	w     io.Writer
	count int
}

// NewArrayWriter returns an ArrayWriter writing to w.
func NewArrayWriter(w io.Writer) *ArrayWriter { return &ArrayWriter{w: w} }

// WriteElement writes one encoded element after the ones before it.
func (a *ArrayWriter) WriteElement(elem []byte) error {
	sep := ",\n  "
	if a.count == 0 {
		sep = "[\n  "
	}
	a.count++
	if _, err := io.WriteString(a.w, sep); err != nil {
		return err
	}
	_, err := a.w.Write(elem)
	return err
}

// Close ends the array with its closing bracket and a newline.
func (a *ArrayWriter) Close() error {
	end := "\n]\n"
	if a.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}

// Array joins encoded elements into one JSON array, as ArrayWriter writes
// it.
func Array(elems [][]byte) []byte {
	var buf bytes.Buffer
	a := NewArrayWriter(&buf)
	for _, e := range elems {
		_ = a.WriteElement(e) // a bytes.Buffer does not fail
	}
	_ = a.Close()
	return buf.Bytes()
}

func newEncoder(w io.Writer, prefix, indent string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	return enc
}
