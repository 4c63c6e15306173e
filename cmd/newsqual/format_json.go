package main

import (
	"bytes"
	"encoding/json"
	"io"
)

// jsonWriter writes one indented JSON array, streaming its elements.
type jsonWriter struct {
	w     io.Writer
	count int
}

func newJSONWriter(w io.Writer) *jsonWriter { return &jsonWriter{w: w} }

func (w *jsonWriter) Write(r record) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if err := enc.Encode(r.json()); err != nil {
		return err
	}
	sep := ",\n  "
	if w.count == 0 {
		sep = "[\n  "
	}
	w.count++
	_, err := io.WriteString(w.w, sep+string(bytes.TrimRight(buf.Bytes(), "\n")))
	return err
}

func (w *jsonWriter) Close() error {
	if w.count == 0 {
		_, err := io.WriteString(w.w, "[]\n")
		return err
	}
	_, err := io.WriteString(w.w, "\n]\n")
	return err
}
