package main

import (
	"io"

	"github.com/newsqual/newsqual/internal/wire"
)

// jsonWriter writes records as one JSON array, each element as soon as
// it is scored.
type jsonWriter struct{ array *wire.ArrayWriter }

func newJSONWriter(w io.Writer) *jsonWriter { return &jsonWriter{array: wire.NewArrayWriter(w)} }

func (w *jsonWriter) Write(r record) error {
	elem, err := wire.Element(r.json())
	if err != nil {
		return err
	}
	return w.array.WriteElement(elem)
}

func (w *jsonWriter) Close() error { return w.array.Close() }
