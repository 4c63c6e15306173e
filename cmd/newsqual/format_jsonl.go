package main

import (
	"io"

	"github.com/newsqual/newsqual/internal/wire"
)

// jsonlWriter writes one JSON Lines record per article.
type jsonlWriter struct{ w io.Writer }

func newJSONLWriter(w io.Writer) *jsonlWriter { return &jsonlWriter{w: w} }

func (w *jsonlWriter) Write(r record) error {
	line, err := wire.Line(r.json())
	if err != nil {
		return err
	}
	_, err = w.w.Write(line)
	return err
}

func (w *jsonlWriter) Close() error { return nil }
