package eval

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// undefined is how the report shows a metric that is undefined on the
// data (NaN, written as null in metrics.json).
const undefined = "—"

// roundJSON rounds f as Number.MarshalJSON does, so that a figure in
// report.html or report.md is the value of metrics.json, only shortened.
func roundJSON(f float64) float64 { return math.Round(f*1e6) / 1e6 }

// formatNumber shows a metric with four decimals, or "—" when undefined.
func formatNumber(n Number) string {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return undefined
	}
	s := strconv.FormatFloat(roundJSON(f), 'f', 4, 64)
	if s == "-0.0000" {
		s = "0.0000"
	}
	return s
}

// formatRate shows a throughput with the given decimals, or "—" when it
// was not measured (zero) or is undefined.
func formatRate(n Number, decimals int) string {
	f := float64(n)
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return undefined
	}
	return strconv.FormatFloat(roundJSON(f), 'f', decimals, 64)
}

// formatPercent shows a share as a percentage, e.g. 0.01 as "1%".
func formatPercent(n Number) string {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return undefined
	}
	return strconv.FormatFloat(roundJSON(f)*100, 'g', 4, 64) + "%"
}

// spamThreshold returns the measures at the "spam" verdict threshold, or,
// when the metrics have none, a row whose measures are all undefined.
func spamThreshold(m Metrics) AtThreshold {
	for _, t := range m.Thresholds {
		if t.Name == model.Spam {
			return t
		}
	}
	n := nan()
	return AtThreshold{Name: model.Spam, Threshold: n, Accuracy: n, Precision: n, Recall: n, F1: n, FalsePositiveRate: n}
}

// flaggedShare is the share of all articles at or above the spam
// threshold, derived from its confusion counts; undefined without articles
// or without a spam threshold.
func flaggedShare(m Metrics) Number {
	t := spamThreshold(m)
	c := t.Confusion
	total := c.TP + c.FP + c.TN + c.FN
	if total == 0 {
		return nan()
	}
	return Number(float64(c.TP+c.FP) / float64(total))
}

// signalsByWeight returns a copy of the signal table sorted by the
// magnitude of the weight, largest first; undefined weights go last and
// ties keep name order.
func signalsByWeight(rows []SignalRow) []SignalRow {
	out := slices.Clone(rows)
	magnitude := func(r SignalRow) float64 {
		if !r.Weight.Defined() {
			return -1
		}
		return math.Abs(float64(r.Weight))
	}
	slices.SortStableFunc(out, func(a, b SignalRow) int {
		if c := cmp.Compare(magnitude(b), magnitude(a)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// evaluatedAs says in words how the model was evaluated, e.g.
// "cross-validation, 5 folds, seed 1".
func evaluatedAs(r *Report) string {
	s := r.Mode
	if s == "" {
		s = "unknown mode"
	}
	if r.Folds > 0 {
		s += ", " + strconv.Itoa(r.Folds) + " folds, seed " + strconv.FormatInt(r.Seed, 10)
	}
	return s
}

// heldOutLine says how a cross-validation held articles out and at which
// thresholds it judged them, or "" for a model evaluation.
func heldOutLine(r *Report) string {
	if r.GroupBy == "" {
		return ""
	}
	s := "Held out together: articles sharing " + r.GroupBy + " (the first field an article has; else its source)."
	if len(r.Thresholds) > 0 {
		lo, hi := r.Thresholds[0], r.Thresholds[0]
		for _, t := range r.Thresholds {
			lo.Spam, hi.Spam = min(lo.Spam, t.Spam), max(hi.Spam, t.Spam)
			lo.Suspect, hi.Suspect = min(lo.Suspect, t.Suspect), max(hi.Suspect, t.Suspect)
		}
		s += fmt.Sprintf(" Each fold judged at thresholds chosen on the other folds only: spam %.4f to %.4f, suspect %.4f to %.4f.",
			lo.Spam, hi.Spam, lo.Suspect, hi.Suspect)
	}
	return s
}

// unjudgedLine counts the articles given no score, or "" when there are
// none.
func unjudgedLine(m Metrics) string {
	if len(m.Unjudged) == 0 {
		return ""
	}
	var parts []string
	total := 0
	for _, v := range slices.Sorted(maps.Keys(m.Unjudged)) {
		parts = append(parts, fmt.Sprintf("%s %d", v, m.Unjudged[v]))
		total += m.Unjudged[v]
	}
	return fmt.Sprintf("Not judged, and in no measure: %d articles (%s).", total, strings.Join(parts, ", "))
}

// rowSection is one table of group rows in the reports.
type rowSection struct {
	ID, Title, Key, Note string
	Rows                 []GroupRow
}

// maxGroupRows is how many held-out groups the reports list; metrics.json
// has them all.
const maxGroupRows = 30

// rowSections returns the generator, task and held-out group tables that
// the report has data for.
func rowSections(r *Report) []rowSection {
	var out []rowSection
	if len(r.ByGenerator) > 0 {
		out = append(out, rowSection{"by-generator", "By generator", "generator",
			"Machine-written articles by the model that wrote them; recall at the spam verdict.", r.ByGenerator})
	}
	if len(r.ByTask) > 0 {
		out = append(out, rowSection{"by-task", "By task", "task",
			"Articles by how a machine made them from a human original.", r.ByTask})
	}
	if len(r.ByGroup) > 0 {
		rows := worstGroups(r.ByGroup, maxGroupRows)
		out = append(out, rowSection{"by-group", "By held-out group", "group",
			fmt.Sprintf("The %d of %d held-out groups with the largest share of clean articles called spam (among groups of 30 articles or more, then the rest), then the lowest recall.", len(rows), len(r.ByGroup)),
			rows})
	}
	return out
}

// worstGroups picks the n groups a reader should see first: those of at
// least 30 articles with the most clean articles called spam, then smaller
// ones, then those whose spam was caught least.
func worstGroups(rows []GroupRow, n int) []GroupRow {
	sorted := slices.Clone(rows)
	falseAlarm := func(g GroupRow) float64 {
		if !g.CleanSpam.Defined() {
			return -1
		}
		return float64(g.CleanSpam)
	}
	missed := func(g GroupRow) float64 {
		if !g.Recall.Defined() {
			return -1
		}
		return 1 - float64(g.Recall)
	}
	slices.SortStableFunc(sorted, func(a, b GroupRow) int {
		if ba, bb := a.Articles >= 30, b.Articles >= 30; ba != bb {
			if ba {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(falseAlarm(b), falseAlarm(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(missed(b), missed(a)); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return sorted[:min(n, len(sorted))]
}

// overlapLine is the warning of a report whose data the model was trained
// on, or "" when it was not.
func overlapLine(o *Overlap) string {
	if o == nil {
		return ""
	}
	files := "files were"
	if o.EvaluatedFiles == 1 {
		files = "file was"
	}
	return fmt.Sprintf("%d of the %d evaluated %s used to train this model (%s; %d of %d articles): figures on them are in-sample and overstate how the model does on unseen data. "+
		"Compared by %s, since the model lists its training files, not their articles.",
		len(o.Files), o.EvaluatedFiles, files, strings.Join(o.Files, ", "), o.Articles, o.TotalArticles, o.ComparedBy)
}

// buildLine says which build evaluated, e.g. "newsqual (devel), revision
// 29e85fd… 2026-12-02T17:00:00Z, go1.26.0 linux/amd64".
func buildLine(p newsqual.Provenance) string {
	if p.Version == "" && p.Go == "" {
		return ""
	}
	return fmt.Sprintf("newsqual %s, revision %s, %s %s", orUndefined(p.Version), orUndefined(p.Revision), orUndefined(p.Go), p.Platform)
}

// modelLine names the model evaluated by hash, training date and revision.
func modelLine(p newsqual.Provenance) string {
	if p.ModelSHA256 == "" {
		return ""
	}
	s := "sha256 " + p.ModelSHA256
	if p.ModelDate != "" || p.ModelRevision != "" {
		s += ", trained " + orUndefined(p.ModelDate) + " from revision " + orUndefined(p.ModelRevision)
	}
	return s
}
