package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvWriter writes a header and one row per article; the reasons column
// holds the signal names of the reasons toward spam, strongest first. The
// quality and spam_probability cells are empty for an article without a
// score (verdict empty, too_short or unsupported), as for a failed input.
// A text cell that a spreadsheet would run as a formula is neutralised
// (see csvCell).
type csvWriter struct {
	w      *csv.Writer
	header bool
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: csv.NewWriter(w)} }

// Write writes the row of r, flushed so that it reaches the writer below
// whole, with its record.
func (w *csvWriter) Write(r record) error {
	if err := w.writeRow(r); err != nil {
		return err
	}
	w.w.Flush()
	return w.w.Error()
}

func (w *csvWriter) writeRow(r record) error {
	if !w.header {
		w.header = true
		if err := w.w.Write([]string{"id", "quality", "spam_probability", "verdict", "reasons", "error"}); err != nil {
			return err
		}
	}
	if r.failed() {
		return w.w.Write([]string{csvCell(r.id), "", "", "", "", csvCell(r.err)})
	}
	res := r.result
	var names []string
	for _, reason := range res.Reasons {
		if reason.Weight > 0 {
			names = append(names, reason.Signal)
		}
	}
	quality, probability := "", ""
	if res.Judged() {
		quality = strconv.Itoa(*res.Quality)
		probability = strconv.FormatFloat(*res.SpamProbability, 'f', -1, 64)
	}
	return w.w.Write([]string{
		csvCell(res.ID),
		quality,
		probability,
		res.Verdict,
		csvCell(strings.Join(names, ";")),
		"",
	})
}

func (w *csvWriter) Close() error {
	w.w.Flush()
	return w.w.Error()
}
