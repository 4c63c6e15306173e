package main

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/newsqual/newsqual/internal/wire"
)

// csvColumns are the columns of --format csv, in order; with explain, the
// all_reasons column follows them.
var csvColumns = []string{"id", "quality", "spam_probability", "verdict", "reasons", "error",
	"url", "source", "language", "truncated", "top_reason", "model_sha256"}

// csvWriter writes a header and one row per article; the reasons column
// holds the signal names of the reasons toward spam, strongest first, and
// top_reason the message of the strongest reason in the direction of the
// verdict. With explain, an all_reasons column lists every reason as
// "signal: message", separated by "; " (evidence is left to json and
// jsonl). The quality and spam_probability cells are empty for an article
// without a score (verdict empty, too_short or unsupported), never 0, as
// for a failed input, whose row has only its id and error. A text cell
// that a spreadsheet would run as a formula is neutralised (see csvCell).
type csvWriter struct {
	w       *csv.Writer
	explain bool
	header  bool
}

func newCSVWriter(w io.Writer, explain bool) *csvWriter {
	return &csvWriter{w: csv.NewWriter(w), explain: explain}
}

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
		header := csvColumns
		if w.explain {
			header = append(header[:len(header):len(header)], "all_reasons")
		}
		if err := w.w.Write(header); err != nil {
			return err
		}
	}
	width := len(csvColumns)
	if w.explain {
		width++
	}
	row := make([]string, width)
	if r.failed() {
		row[0], row[5] = csvCell(r.id), csvCell(r.err)
		return w.w.Write(row)
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
	copy(row, []string{
		csvCell(res.ID),
		quality,
		probability,
		string(res.Verdict),
		csvCell(strings.Join(names, ";")),
		"",
		csvCell(r.article.URL),
		csvCell(r.article.Source),
		csvCell(res.Language),
		strconv.FormatBool(res.Truncated),
		csvCell(topReason(res)),
		wire.ShortSHA(r.model),
	})
	if w.explain {
		all := make([]string, len(res.Reasons))
		for i, reason := range res.Reasons {
			all[i] = reason.Signal + ": " + reason.Message
		}
		row[len(row)-1] = csvCell(strings.Join(all, "; "))
	}
	return w.w.Write(row)
}

func (w *csvWriter) Close() error {
	w.w.Flush()
	return w.w.Error()
}
