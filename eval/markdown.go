package eval

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteMarkdown writes report.md: what was evaluated, then the headline,
// verdict threshold, operating point, baseline and per-kind tables in
// GitHub Markdown, to paste into a pull request. Figures are formatted as
// in report.html. Nothing is written when rendering fails.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b bytes.Buffer
	o := r.Overall
	b.WriteString("## newsqual evaluation\n\n")
	fmt.Fprintf(&b, "Evaluated: %s. Model: %s. Data: %s.\n\n",
		markdownCell(evaluatedAs(r)), markdownCell(orUndefined(r.Model)), markdownCell(orUndefined(strings.Join(r.Data, ", "))))

	if line := buildLine(r.Provenance); line != "" {
		b.WriteString("Build: " + markdownCell(line) + ".")
		if id := modelLine(r.Provenance); id != "" {
			b.WriteString(" Model " + markdownCell(id) + ".")
		}
		b.WriteString("\n\n")
	}
	if line := overlapLine(r.TrainingOverlap); line != "" {
		b.WriteString("> **Warning: in-sample data.** " + markdownCell(line) + "\n\n")
	}
	if line := heldOutLine(r); line != "" {
		b.WriteString(markdownCell(line) + "\n\n")
	}
	if line := unjudgedLine(o); line != "" {
		b.WriteString(markdownCell(line) + "\n\n")
	}
	markdownTable(&b, []string{"articles", "clean", "spam", "AUROC", "AUROC 95% interval", "average precision", "Brier", "log loss", "ECE"}, "rrrrrrrrr",
		[][]string{{strconv.Itoa(o.Articles), strconv.Itoa(o.Clean), strconv.Itoa(o.Spam),
			formatNumber(o.AUROC), formatInterval(o.AUROCInterval), formatNumber(o.AveragePrecision), formatNumber(o.Brier), formatNumber(o.LogLoss), formatNumber(o.ECE)}})

	rows := make([][]string, 0, len(o.Thresholds))
	for _, t := range o.Thresholds {
		rows = append(rows, []string{markdownCell(t.Name), formatNumber(t.Threshold),
			formatNumber(t.Precision), formatNumber(t.Recall), formatNumber(t.F1), formatNumber(t.FalsePositiveRate)})
	}
	if len(rows) > 0 {
		markdownTable(&b, []string{"verdict", "threshold", "precision", "recall", "F1", "false positive rate"}, "lrrrrr", rows)
	}

	rows = rows[:0]
	for _, op := range o.OperatingPoints {
		rows = append(rows, []string{"at most " + formatPercent(op.MaxFalsePositiveRate), formatNumber(op.Threshold), formatNumber(op.Recall), formatInterval(op.RecallInterval)})
	}
	if len(rows) > 0 {
		markdownTable(&b, []string{"clean articles flagged", "threshold", "recall", "recall 95% interval"}, "lrrr", rows)
	}
	if line := bootstrapLine(r.Bootstrap); line != "" {
		b.WriteString(markdownCell(line) + "\n\n")
	}

	if len(r.Baselines) > 0 {
		b.WriteString("### Baselines\n\n")
		rows = rows[:0]
		for _, bl := range r.Baselines {
			rows = append(rows, []string{markdownCell(bl.Name), markdownCell(orUndefined(bl.Version)),
				formatNumber(bl.Metrics.AUROC), formatNumber(bl.Metrics.AveragePrecision),
				formatNumber(spamThreshold(bl.Metrics).F1), formatNumber(bl.Metrics.Brier),
				formatRate(bl.ArticlesPerSecond, 1), formatRate(bl.MBPerSecond, 2), markdownCell(bl.Note)})
		}
		markdownTable(&b, []string{"scorer", "version", "AUROC", "average precision", "F1 at spam threshold", "Brier", "articles/s", "MB/s", "note"}, "llrrrrrrl", rows)
	}

	if len(r.ByKind) > 0 {
		b.WriteString("### By kind\n\nPrecision, recall, F1 and share flagged at the spam threshold.\n\n")
		rows = rows[:0]
		for _, g := range r.ByKind {
			m := g.Metrics
			t := spamThreshold(m)
			rows = append(rows, []string{markdownCell(g.Name), strconv.Itoa(m.Articles), strconv.Itoa(m.Clean), strconv.Itoa(m.Spam),
				formatNumber(m.AUROC), formatNumber(t.Precision), formatNumber(t.Recall), formatNumber(t.F1), formatNumber(flaggedShare(m))})
		}
		markdownTable(&b, []string{"kind", "articles", "clean", "spam", "AUROC", "precision", "recall", "F1", "share flagged"}, "lrrrrrrrr", rows)
	}

	for _, sec := range rowSections(r) {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", sec.Title, markdownCell(sec.Note))
		rows = rows[:0]
		for _, g := range sec.Rows {
			rows = append(rows, []string{markdownCell(g.Name), strconv.Itoa(g.Articles), strconv.Itoa(g.Clean), strconv.Itoa(g.Spam),
				strconv.Itoa(g.Unjudged), formatPercent(g.CleanSpam), formatPercent(g.CleanSuspect), formatPercent(g.Recall)})
		}
		markdownTable(&b, []string{sec.Key, "articles", "clean", "spam", "not judged", "clean called spam", "clean called suspect or spam", "spam recall"}, "lrrrrrrr", rows)
	}

	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write report.md: %w", err)
	}
	return nil
}

// markdownTable writes a GitHub Markdown table. align has one letter per
// column: 'l' for text, aligned left, 'r' for figures, aligned right.
// Cells must already be escaped.
func markdownTable(b *bytes.Buffer, header []string, align string, rows [][]string) {
	b.WriteString("|")
	for _, h := range header {
		b.WriteString(" " + h + " |")
	}
	b.WriteString("\n|")
	for i := range header {
		if i < len(align) && align[i] == 'r' {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, row := range rows {
		b.WriteString("|")
		for _, c := range row {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// markdownCell makes text safe in a table cell: line breaks become spaces
// and characters Markdown or HTML would interpret are backslash-escaped.
func markdownCell(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		case '\\', '|', '`', '*', '_', '[', ']', '<', '>', '#', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// orUndefined returns s, or "—" when it is empty.
func orUndefined(s string) string {
	if s == "" {
		return undefined
	}
	return s
}
