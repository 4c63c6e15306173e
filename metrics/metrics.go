// Package metrics measures binary predictions: a probability of the positive
// class (spam) against the true label. Ties between scores are handled as
// the standard definitions require.
package metrics

import (
	"math"
	"sort"
)

// Confusion counts predictions at one threshold: an article is predicted
// positive when its probability is at or above the threshold.
type Confusion struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	TN int `json:"tn"`
	FN int `json:"fn"`
}

// At returns the confusion counts of probabilities p against labels y
// (true is positive) at threshold t.
func At(p []float64, y []bool, t float64) Confusion {
	var c Confusion
	for i := range p {
		c.Add(p[i] >= t, y[i])
	}
	return c
}

// Add counts one prediction: flagged or not, and whether it is positive.
func (c *Confusion) Add(flagged, positive bool) {
	switch {
	case flagged && positive:
		c.TP++
	case flagged:
		c.FP++
	case positive:
		c.FN++
	default:
		c.TN++
	}
}

// Precision is TP / (TP + FP), 0 when nothing is predicted positive.
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP + FN), 0 when there are no positives.
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// FalsePositiveRate is FP / (FP + TN), 0 when there are no negatives.
func (c Confusion) FalsePositiveRate() float64 { return ratio(c.FP, c.FP+c.TN) }

// Accuracy is (TP + TN) / all, 0 for no predictions.
func (c Confusion) Accuracy() float64 { return ratio(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN) }

// F1 is the harmonic mean of precision and recall, 0 when both are 0.
func (c Confusion) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AUROC is the area under the ROC curve: the probability that a random
// positive scores above a random negative, ties counting one half. It is
// NaN when either class is missing.
func AUROC(p []float64, y []bool) float64 {
	idx := order(p)
	// Rank-sum (Mann-Whitney U) with average ranks for ties.
	var pos, neg int
	rankSum := 0.0
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && p[idx[j]] == p[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks i+1 .. j, averaged
		for k := i; k < j; k++ {
			if y[idx[k]] {
				pos++
				rankSum += avg
			} else {
				neg++
			}
		}
		i = j
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	u := rankSum - float64(pos)*float64(pos+1)/2
	return u / (float64(pos) * float64(neg))
}

// AveragePrecision is the area under the precision-recall curve as the
// step-wise sum of precision at each distinct threshold weighted by the
// recall gained there (scikit-learn's average_precision_score). It is NaN
// when there are no positives.
func AveragePrecision(p []float64, y []bool) float64 {
	idx := order(p)
	total := 0
	for _, v := range y {
		if v {
			total++
		}
	}
	if total == 0 {
		return math.NaN()
	}
	ap, tp, fp, prevRecall := 0.0, 0, 0, 0.0
	// Walk thresholds from the highest score down.
	for i := len(idx) - 1; i >= 0; {
		j := i
		for j >= 0 && p[idx[j]] == p[idx[i]] {
			if y[idx[j]] {
				tp++
			} else {
				fp++
			}
			j--
		}
		recall := float64(tp) / float64(total)
		ap += (recall - prevRecall) * float64(tp) / float64(tp+fp)
		prevRecall = recall
		i = j
	}
	return ap
}

// Brier is the mean squared difference between probability and outcome.
func Brier(p []float64, y []bool) float64 {
	if len(p) == 0 {
		return math.NaN()
	}
	s := 0.0
	for i := range p {
		d := p[i] - b2f(y[i])
		s += d * d
	}
	return s / float64(len(p))
}

// LogLoss is the mean negative log-likelihood of the labels, with
// probabilities clipped to [1e-15, 1−1e-15].
func LogLoss(p []float64, y []bool) float64 {
	if len(p) == 0 {
		return math.NaN()
	}
	s := 0.0
	for i := range p {
		q := math.Min(math.Max(p[i], 1e-15), 1-1e-15)
		if y[i] {
			s -= math.Log(q)
		} else {
			s -= math.Log(1 - q)
		}
	}
	return s / float64(len(p))
}

// Bin is one row of a reliability table.
type Bin struct {
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	Count     int     `json:"count"`
	Predicted float64 `json:"predicted"`
	Observed  float64 `json:"observed"`
}

// Reliability groups predictions into n equal-width probability bins and
// gives each bin's mean prediction and observed positive share. Empty bins
// are kept with Count 0.
func Reliability(p []float64, y []bool, n int) []Bin {
	bins := make([]Bin, n)
	for i := range bins {
		bins[i].Low = float64(i) / float64(n)
		bins[i].High = float64(i+1) / float64(n)
	}
	for i := range p {
		k := min(int(p[i]*float64(n)), n-1)
		k = max(k, 0)
		bins[k].Count++
		bins[k].Predicted += p[i]
		bins[k].Observed += b2f(y[i])
	}
	for i := range bins {
		if c := float64(bins[i].Count); c > 0 {
			bins[i].Predicted /= c
			bins[i].Observed /= c
		}
	}
	return bins
}

// ExpectedCalibrationError is the count-weighted mean gap between predicted
// and observed shares over the bins.
func ExpectedCalibrationError(bins []Bin) float64 {
	total, s := 0, 0.0
	for _, b := range bins {
		total += b.Count
		s += float64(b.Count) * math.Abs(b.Predicted-b.Observed)
	}
	if total == 0 {
		return math.NaN()
	}
	return s / float64(total)
}

// ThresholdForFPR returns the lowest threshold at which at most a share
// maxFPR of the negatives score at or above it, and the recall there.
func ThresholdForFPR(p []float64, y []bool, maxFPR float64) (threshold, recall float64) {
	var neg []float64
	for i := range p {
		if !y[i] {
			neg = append(neg, p[i])
		}
	}
	sort.Float64s(neg)
	allowed := int(math.Floor(maxFPR * float64(len(neg))))
	threshold = 0
	if len(neg) > 0 {
		// Scores strictly above the (n−allowed)-th lowest negative are allowed
		// to be flagged; pick the next representable value above it.
		k := len(neg) - allowed - 1
		if k >= 0 {
			threshold = math.Nextafter(neg[k], math.Inf(1))
		}
	}
	return threshold, At(p, y, threshold).Recall()
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// order returns indexes of p sorted by ascending score, ties by index.
func order(p []float64) []int {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	return idx
}
