package eval

import (
	"sort"

	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/model"
)

// Measure computes the metrics of the examples' probabilities against their
// labels, at the verdict thresholds given.
func Measure(ex []Example, t model.Thresholds) Metrics {
	p := make([]float64, len(ex))
	y := make([]bool, len(ex))
	var m Metrics
	for i, e := range ex {
		p[i], y[i] = e.Probability, e.Spam
		if e.Spam {
			m.Spam++
		} else {
			m.Clean++
		}
	}
	m.Articles = len(ex)
	for _, th := range []struct {
		name string
		t    float64
	}{{model.Suspect, t.Suspect}, {model.Spam, t.Spam}} {
		c := metrics.At(p, y, th.t)
		m.Thresholds = append(m.Thresholds, AtThreshold{
			Name: th.name, Threshold: Number(th.t),
			Confusion:         Confusion{TP: c.TP, FP: c.FP, TN: c.TN, FN: c.FN},
			Accuracy:          definedIf(c.Accuracy(), len(ex) > 0),
			Precision:         definedIf(c.Precision(), c.TP+c.FP > 0),
			Recall:            definedIf(c.Recall(), m.Spam > 0),
			F1:                definedIf(c.F1(), m.Spam > 0 || c.FP > 0),
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
func groupBy(ex []Example, t model.Thresholds, key func(Example) string) []Group {
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
