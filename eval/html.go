package eval

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

//go:embed report.html.tmpl
var reportHTML string

// htmlTemplate is report.html: one self-contained page, styles and SVG
// charts inline, so it opens anywhere without network access.
var htmlTemplate = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"num":      formatNumber,
	"rate":     formatRate,
	"percent":  formatPercent,
	"interval": formatInterval,
	"spamAt":   spamThreshold,
	"flagged":  flaggedShare,
	"groupTable": func(key string, groups []Group) htmlGroups {
		return htmlGroups{Key: key, Groups: groups}
	},
	"sign": func(n Number) string {
		switch {
		case !n.Defined() || n == 0:
			return ""
		case n > 0:
			return "towards-spam"
		default:
			return "towards-clean"
		}
	},
}).Parse(reportHTML))

// htmlChart is a chart ready for the page: SVG is the inline <svg>
// element, which gonum/plot drew with every text escaped.
type htmlChart struct {
	Name, Title, Caption string
	SVG                  template.HTML
}

// htmlGroups is one per-kind or per-source table: Key names the column.
type htmlGroups struct {
	Key    string
	Groups []Group
}

// htmlPage is what the template renders.
type htmlPage struct {
	*Report
	EvaluatedAs string
	Charts      []htmlChart
	// Spam is the overall measures at the spam verdict threshold.
	Spam AtThreshold
	// SignalsByWeight is the signal table, strongest weight first.
	SignalsByWeight []SignalRow
	// HeldOut and Unjudged say how a cross-validation held articles out,
	// and how many got no score; Sections are the group-row tables.
	HeldOut, Unjudged string
	Sections          []rowSection
	// Overlap warns that the model was trained on the data; Build and
	// ModelID are the provenance lines.
	Overlap, Build, ModelID string
	// BootstrapNote says how the intervals were made.
	BootstrapNote string
}

// WriteHTML writes report.html: what was evaluated, the headline metrics
// at each verdict threshold and operating point, the charts, the baseline,
// signal, per-kind and per-source tables, the confusion matrix at the spam
// threshold and the worst errors. Figures have four decimals and are the
// values of metrics.json; undefined ones show as "—". The page needs no
// network and no JavaScript. Nothing is written when rendering fails.
func WriteHTML(w io.Writer, r *Report) error {
	charts, err := Charts(r)
	if err != nil {
		return fmt.Errorf("render report.html: %w", err)
	}
	page := htmlPage{
		Report:          r,
		EvaluatedAs:     evaluatedAs(r),
		Spam:            spamThreshold(r.Overall),
		SignalsByWeight: signalsByWeight(r.Signals),
		HeldOut:         heldOutLine(r),
		Unjudged:        unjudgedLine(r.Overall),
		Sections:        rowSections(r),
		Overlap:         overlapLine(r.TrainingOverlap),
		Build:           buildLine(r.Provenance),
		ModelID:         modelLine(r.Provenance),
		BootstrapNote:   bootstrapLine(r.Bootstrap),
	}
	for _, c := range charts {
		page.Charts = append(page.Charts, htmlChart{
			Name: c.Name, Title: c.Title, Caption: c.Caption,
			// Drawn by vgsvg, which escapes every text it writes.
			SVG: template.HTML(c.SVG),
		})
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, page); err != nil {
		return fmt.Errorf("render report.html: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write report.html: %w", err)
	}
	return nil
}
