package eval

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

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
	if total == 0 || !t.Threshold.Defined() {
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
