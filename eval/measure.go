package eval

import (
	"slices"
	"sort"

	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/model"
)

// Measure computes the metrics of the examples' probabilities against their
// labels, and at each verdict the measures of the examples' verdicts. t
// gives the thresholds to report, nil when the examples were judged at
// thresholds of their own (one per cross-validation fold). Examples the
// scorer gave no score are counted in Unjudged and nowhere else.
func Measure(ex []Example, t *model.Thresholds) Metrics {
	var m Metrics
	var p []float64
	var y []bool
	var verdicts []string
	for _, e := range ex {
		if !e.judged() {
			if m.Unjudged == nil {
				m.Unjudged = make(map[string]int)
			}
			m.Unjudged[e.Verdict]++
			continue
		}
		p, y, verdicts = append(p, e.Probability), append(y, e.Spam), append(verdicts, e.Verdict)
		if e.Spam {
			m.Spam++
		} else {
			m.Clean++
		}
	}
	m.Articles = len(p)
	// Precision and F1 mean nothing on one class: with clean articles only
	// every flag is wrong, with spam only every flag is right.
	twoClasses := m.Clean > 0 && m.Spam > 0
	for _, th := range []struct {
		name string
		t    Number
		at   []string
	}{{model.Suspect, thresholdOf(t, false), []string{model.Suspect, model.Spam}}, {model.Spam, thresholdOf(t, true), []string{model.Spam}}} {
		c := confusion(verdicts, y, th.at)
		m.Thresholds = append(m.Thresholds, AtThreshold{
			Name: th.name, Threshold: th.t,
			Confusion:         Confusion{TP: c.TP, FP: c.FP, TN: c.TN, FN: c.FN},
			Accuracy:          definedIf(c.Accuracy(), m.Articles > 0),
			Precision:         definedIf(c.Precision(), twoClasses && c.TP+c.FP > 0),
			Recall:            definedIf(c.Recall(), m.Spam > 0),
			F1:                definedIf(c.F1(), twoClasses),
			FalsePositiveRate: definedIf(c.FalsePositiveRate(), m.Clean > 0),
		})
	}
	m.AUROC = Number(metrics.AUROC(p, y))
	m.AveragePrecision = Number(metrics.AveragePrecision(p, y))
	m.Brier = Number(metrics.Brier(p, y))
	m.LogLoss = Number(metrics.LogLoss(p, y))
	bins := metrics.Reliability(p, y, 10)
	m.ECE = Number(metrics.ExpectedCalibrationError(bins))
	for _, b := range bins {
		m.Reliability = append(m.Reliability, Bin{Low: Number(b.Low), High: Number(b.High), Count: b.Count, Predicted: Number(b.Predicted), Observed: Number(b.Observed)})
	}
	if m.Clean > 0 && m.Spam > 0 {
		for _, fpr := range []float64{0.01, 0.05} {
			th, recall := metrics.ThresholdForFPR(p, y, fpr)
			m.OperatingPoints = append(m.OperatingPoints, OperatingPoint{MaxFalsePositiveRate: Number(fpr), Threshold: Number(th), Recall: Number(recall)})
		}
	}
	return m
}

// thresholdOf returns the spam or suspect threshold of t, NaN when t is
// nil.
func thresholdOf(t *model.Thresholds, spam bool) Number {
	switch {
	case t == nil:
		return nan()
	case spam:
		return Number(t.Spam)
	}
	return Number(t.Suspect)
}

// confusion counts the verdicts against the labels: an article is flagged
// when its verdict is one of flagged.
func confusion(verdicts []string, y []bool, flagged []string) metrics.Confusion {
	var c metrics.Confusion
	for i, v := range verdicts {
		c.Add(slices.Contains(flagged, v), y[i])
	}
	return c
}

// definedIf returns v, or NaN (written as null) when the measure is
// undefined on the data, e.g. precision when nothing was flagged.
func definedIf(v float64, ok bool) Number {
	if !ok {
		return nan()
	}
	return Number(v)
}

// groupBy measures the examples of each distinct key, in key order; keys
// that are empty for every example give no groups.
func groupBy(ex []Example, t *model.Thresholds, key func(Example) string) []Group {
	byKey := make(map[string][]Example)
	for _, e := range ex {
		if k := key(e); k != "" {
			byKey[k] = append(byKey[k], e)
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Group
	for _, k := range keys {
		out = append(out, Group{Name: k, Metrics: Measure(byKey[k], t)})
	}
	return out
}

// groupRows gives the row of each distinct key, in key order; keys that
// are empty for every example give no rows.
func groupRows(ex []Example, key func(Example) string) []GroupRow {
	byKey := make(map[string]*GroupRow)
	type tally struct{ clean, cleanSpam, cleanSuspect, spam, caught int }
	counts := make(map[string]*tally)
	for _, e := range ex {
		k := key(e)
		if k == "" {
			continue
		}
		g := byKey[k]
		if g == nil {
			g = &GroupRow{Name: k}
			byKey[k] = g
			counts[k] = &tally{}
		}
		c := counts[k]
		g.Articles++
		if e.Spam {
			g.Spam++
		} else {
			g.Clean++
		}
		if !e.judged() {
			g.Unjudged++
			continue
		}
		switch {
		case e.Spam:
			c.spam++
			if e.Verdict == model.Spam {
				c.caught++
			}
		default:
			c.clean++
			if e.Verdict == model.Spam {
				c.cleanSpam++
			}
			if e.Verdict == model.Spam || e.Verdict == model.Suspect {
				c.cleanSuspect++
			}
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]GroupRow, 0, len(keys))
	for _, k := range keys {
		g, c := byKey[k], counts[k]
		g.CleanSpam = definedIf(float64(c.cleanSpam)/float64(c.clean), c.clean > 0)
		g.CleanSuspect = definedIf(float64(c.cleanSuspect)/float64(c.clean), c.clean > 0)
		g.Recall = definedIf(float64(c.caught)/float64(c.spam), c.spam > 0)
		out = append(out, *g)
	}
	return out
}
