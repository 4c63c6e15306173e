package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

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
	// The widths, in characters, of the ID and TOP REASON columns and of
	// the evidence lines under a row with explain; fitted says whether the
	// table fits a width (see fit), when error messages and the reason
	// lines of explain are cut too.
	idWidth, reasonWidth, evidenceWidth int
	fitted                              bool
	width                               int
}

// The layout without a known width: 134 characters a row.
const (
	defaultIDWidth       = 40
	defaultReasonWidth   = 70
	defaultEvidenceWidth = 100
	// fixedWidth is what QUALITY and VERDICT take with the gaps between
	// the four columns; evidenceIndent is the indent of an evidence line.
	fixedWidth     = 7 + 2 + 11 + 2 + 2
	evidenceIndent = 19
	reasonIndent   = 17
	// minIDWidth and minReasonWidth are the narrowest the columns get, so
	// that a very narrow terminal wraps rather than shows nothing.
	minIDWidth     = 12
	minReasonWidth = 16
	// maxIDWidth caps the ID column on a wide terminal: the rest goes to
	// the reason.
	maxIDWidth = 60
)

func newTableWriter(w io.Writer, explain bool) *tableWriter {
	return &tableWriter{w: w, explain: explain, idWidth: defaultIDWidth, reasonWidth: defaultReasonWidth, evidenceWidth: defaultEvidenceWidth}
}

// fit lays the table out to fill width characters a row (see
// tableWidth); 0 keeps the layout of newTableWriter. Half of what
// QUALITY and VERDICT leave goes to the ID, at most maxIDWidth, the rest to
// the reason.
func (t *tableWriter) fit(width int) *tableWriter {
	if width <= 0 {
		return t
	}
	avail := max(width-fixedWidth, minIDWidth+minReasonWidth)
	t.idWidth = min(max(avail/2, minIDWidth), maxIDWidth)
	t.reasonWidth = avail - t.idWidth
	t.evidenceWidth = max(width-evidenceIndent, minReasonWidth)
	t.fitted, t.width = true, width
	return t
}

// tableWidth is the width the table of stdout should fit: the terminal's
// when stdout is one, else $COLUMNS when it holds a positive number, else
// 0 (the fixed layout, for files and pipes).
func tableWidth(stdout io.Writer) int {
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	return 0
}

func (t *tableWriter) Write(r record) error {
	if !t.header {
		t.header = true
		if _, err := fmt.Fprintf(t.w, "%-7s  %-11s  %s  %s\n", "QUALITY", "VERDICT", pad("ID", t.idWidth), "TOP REASON"); err != nil {
			return err
		}
	}
	if r.failed() {
		msg := escapeControls(r.err)
		if t.fitted {
			msg = cut(r.err, t.reasonWidth)
		}
		_, err := fmt.Fprintf(t.w, "%-7s  %-11s  %s  %s\n", "-", "error", pad(cutMiddle(r.id, t.idWidth), t.idWidth), msg)
		return err
	}
	res := r.result
	top := topReason(res)
	quality := "-"
	if res.Judged() {
		quality = strconv.Itoa(*res.Quality)
	}
	if _, err := fmt.Fprintf(t.w, "%-7s  %-11s  %s  %s\n", quality, res.Verdict, pad(cutMiddle(res.ID, t.idWidth), t.idWidth), cut(top, t.reasonWidth)); err != nil {
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
		line := escapeControls(reason.Signal + ": " + reason.Message)
		if t.fitted {
			line = cut(reason.Signal+": "+reason.Message, max(t.width-reasonIndent, minReasonWidth))
		}
		if _, err := fmt.Fprintf(t.w, "         %s  %s\n", weight, line); err != nil {
			return err
		}
		for i, ev := range reason.Evidence {
			if i == 4 {
				if _, err := fmt.Fprintf(t.w, "                   … %d more\n", len(reason.Evidence)-i); err != nil {
					return err
				}
				break
			}
			if _, err := fmt.Fprintf(t.w, "                   %s\n", cut(ev.String(), t.evidenceWidth)); err != nil {
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

// cutMiddle shortens s to at most n runes as cut does, but cuts out the
// middle, so that the end of an id, the file name of a path, survives: the
// end kept is the last path element with its "/" when that fits beside
// "…", at least two thirds of the room in any case.
func cutMiddle(s string, n int) string {
	s = escapeControls(strings.Join(strings.Fields(s), " "))
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	if n <= 1 {
		return "…"
	}
	room := n - 1 // the runes kept, beside "…"
	base := 0     // the last path element with its "/"
	if i := lastSlash(r); i >= 0 {
		base = len(r) - i
	}
	tail := min(max(base, room*2/3), room)
	head := room - tail
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// lastSlash is the index of the last '/' in r, -1 when there is none.
func lastSlash(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == '/' {
			return i
		}
	}
	return -1
}

// pad fills s with spaces to n runes (fmt's %-40s counts bytes, which
// leaves a column with "…" or non-ASCII text short).
func pad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}
