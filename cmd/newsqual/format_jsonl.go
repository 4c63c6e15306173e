package main

import (
	"encoding/json"
	"io"
)

// jsonlWriter writes one JSON object per line.
type jsonlWriter struct{ enc *json.Encoder }

func newJSONLWriter(w io.Writer) *jsonlWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlWriter{enc: enc}
}

func (w *jsonlWriter) Write(r record) error { return w.enc.Encode(r.json()) }

func (w *jsonlWriter) Close() error { return nil }
