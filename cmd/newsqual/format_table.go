package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/internal/wire"
)

// tableWriter writes an aligned table for people: quality, verdict, ID and
// the strongest reason; with explain, the article's language, whether it
// was truncated and the model that scored it, then every reason and its
// evidence below each row. An article without a score (verdict empty, too_short or
// unsupported) shows "-" for its quality.
type tableWriter struct {
	w       io.Writer
	explain bool
	header  bool
}

func newTableWriter(w io.Writer, explain bool) *tableWriter {
	return &tableWriter{w: w, explain: explain}
}

func (t *tableWriter) Write(r record) error {
	if !t.header {
		t.header = true
		if _, err := fmt.Fprintf(t.w, "%-7s  %-11s  %-40s  %s\n", "QUALITY", "VERDICT", "ID", "TOP REASON"); err != nil {
			return err
		}
	}
	if r.failed() {
		_, err := fmt.Fprintf(t.w, "%-7s  %-11s  %-40s  %s\n", "-", "error", cut(r.id, 40), escapeControls(r.err))
		return err
	}
	res := r.result
	top := topReason(res)
	quality := "-"
	if res.Judged() {
		quality = strconv.Itoa(*res.Quality)
	}
	if _, err := fmt.Fprintf(t.w, "%-7s  %-11s  %-40s  %s\n", quality, res.Verdict, cut(res.ID, 40), cut(top, 70)); err != nil {
		return err
	}
	if !t.explain {
		return nil
	}
	if _, err := fmt.Fprintf(t.w, "         language %s, truncated %t, model %s\n", escapeControls(res.Language), res.Truncated, wire.ShortSHA(r.model)); err != nil {
		return err
	}
	for _, reason := range res.Reasons {
		// The reasons of an article without a score weigh nothing.
		weight := "      "
		if res.Judged() {
			weight = fmt.Sprintf("%+6.2f", reason.Weight)
		}
		if _, err := fmt.Fprintf(t.w, "         %s  %s: %s\n", weight, escapeControls(reason.Signal), escapeControls(reason.Message)); err != nil {
			return err
		}
		for i, ev := range reason.Evidence {
			if i == 4 {
				if _, err := fmt.Fprintf(t.w, "                   … %d more\n", len(reason.Evidence)-i); err != nil {
					return err
				}
				break
			}
			if _, err := fmt.Fprintf(t.w, "                   %s\n", cut(ev.String(), 100)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *tableWriter) Close() error { return nil }

// topReason is the message of the strongest reason in the direction of the
// verdict: toward clean for a clean article, toward spam otherwise.
func topReason(res newsqual.Result) string {
	wantClean := res.Verdict == newsqual.VerdictClean
	for _, r := range res.Reasons {
		if r.TowardClean() == wantClean {
			return r.Message
		}
	}
	return ""
}

// cut shortens s to at most n runes, marking the cut with "…", once its
// runs of white space are one space each and its control characters
// escaped (see escapeControls), so that it fills one line of a terminal
// and cannot act on it.
func cut(s string, n int) string {
	s = escapeControls(strings.Join(strings.Fields(s), " "))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
