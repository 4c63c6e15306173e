package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvWriter writes a header and one row per article; the reasons column
// holds the signal names of the reasons, strongest first.
type csvWriter struct {
	w      *csv.Writer
	header bool
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

func (w *csvWriter) Write(r record) error {
	if !w.header {
		w.header = true
		if err := w.w.Write([]string{"id", "quality", "spam_probability", "verdict", "reasons", "error"}); err != nil {
			return err
		}
	}
	if r.failed() {
		return w.w.Write([]string{r.id, "", "", "", "", r.err})
	}
	res := r.result
	var names []string
	for _, reason := range res.Reasons {
		if reason.Weight > 0 {
			names = append(names, reason.Signal)
		}
	}
	return w.w.Write([]string{
		res.ID,
		strconv.Itoa(res.Quality),
		strconv.FormatFloat(res.SpamProbability, 'f', -1, 64),
		res.Verdict,
		strings.Join(names, ";"),
		"",
	})
}

func (w *csvWriter) Close() error {
	w.w.Flush()
	return w.w.Error()
}
