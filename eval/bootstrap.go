package eval

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Bootstrap settings of the intervals on AUROC and on recall at the
// operating points: a fixed seed, so that the same examples always give
// the same intervals.
const (
	BootstrapResamples = 1000
	BootstrapSeed      = 1
	// BootstrapLevel is the share of resampled values an interval holds.
	BootstrapLevel = 0.95
)

// Interval is a bootstrap percentile interval around a measure.
type Interval struct {
	Low  Number `json:"low"`
	High Number `json:"high"`
}

// Bootstrap says how the intervals of a report were made.
type Bootstrap struct {
	// Resamples is the number of resamples; each draws, with replacement,
	// as many clean and as many spam articles as the data has (stratified
	// by class).
	Resamples int    `json:"resamples"`
	Seed      uint64 `json:"seed"`
	Level     Number `json:"level"`
}

// defaultBootstrap is the Bootstrap of BootstrapResamples, BootstrapSeed
// and BootstrapLevel.
func defaultBootstrap() *Bootstrap {
	return &Bootstrap{Resamples: BootstrapResamples, Seed: BootstrapSeed, Level: BootstrapLevel}
}

// bootGroup counts the clean and spam examples of one resample that have
// one distinct probability.
type bootGroup struct {
	clean, spam int
}

// withIntervals sets the bootstrap intervals of m's AUROC and of the recall
// at each of its operating points, measured on the judged examples of ex
// with BootstrapResamples resamples stratified by class. Nothing is set
// when either class is missing.
func withIntervals(m *Metrics, ex []Example) {
	type scoredExample struct {
		p    float64
		spam bool
	}
	var s []scoredExample
	for _, e := range ex {
		if e.judged() {
			s = append(s, scoredExample{e.Probability, e.Spam})
		}
	}
	// Distinct probabilities, highest first; each example belongs to one.
	slices.SortStableFunc(s, func(a, b scoredExample) int { return cmp.Compare(b.p, a.p) })
	var cleanOf, spamOf []int // the group of each clean and each spam example
	groups := 0
	for i, e := range s {
		if i == 0 || e.p != s[i-1].p {
			groups++
		}
		if e.spam {
			spamOf = append(spamOf, groups-1)
		} else {
			cleanOf = append(cleanOf, groups-1)
		}
	}
	if len(cleanOf) == 0 || len(spamOf) == 0 {
		return
	}
	w := make([]bootGroup, groups)
	rng := rand.New(rand.NewPCG(BootstrapSeed, uint64(len(s))))
	aurocs := make([]float64, BootstrapResamples)
	recalls := make([][]float64, len(m.OperatingPoints))
	for k := range recalls {
		recalls[k] = make([]float64, BootstrapResamples)
	}
	for b := range BootstrapResamples {
		clear(w)
		for range cleanOf {
			w[cleanOf[rng.IntN(len(cleanOf))]].clean++
		}
		for range spamOf {
			w[spamOf[rng.IntN(len(spamOf))]].spam++
		}
		aurocs[b] = weightedAUROC(w, len(cleanOf), len(spamOf))
		for k, op := range m.OperatingPoints {
			recalls[k][b] = weightedRecallAtFPR(w, len(cleanOf), len(spamOf), float64(op.MaxFalsePositiveRate))
		}
	}
	m.AUROCInterval = percentileInterval(aurocs)
	for k := range m.OperatingPoints {
		m.OperatingPoints[k].RecallInterval = percentileInterval(recalls[k])
	}
}

// weightedAUROC is the AUROC of examples counted into groups of equal
// probability, highest first: the chance that a spam example outranks a
// clean one, ties counting half.
func weightedAUROC(w []bootGroup, clean, spam int) float64 {
	var wins float64
	cleanBelow := float64(clean)
	for _, g := range w {
		cleanBelow -= float64(g.clean)
		wins += float64(g.spam) * (cleanBelow + float64(g.clean)/2)
	}
	return wins / (float64(clean) * float64(spam))
}

// weightedRecallAtFPR is the recall at the threshold metrics.ThresholdForFPR
// chooses, for examples counted into groups of equal probability, highest
// first: the share of spam strictly above the (allowed+1)-th highest clean
// probability, where allowed is floor(maxFPR × clean).
func weightedRecallAtFPR(w []bootGroup, clean, spam int, maxFPR float64) float64 {
	allowed := int(math.Floor(maxFPR * float64(clean)))
	if allowed >= clean {
		return 1
	}
	var cleanAbove, spamAbove int
	for _, g := range w {
		if cleanAbove+g.clean > allowed {
			break
		}
		cleanAbove += g.clean
		spamAbove += g.spam
	}
	return float64(spamAbove) / float64(spam)
}

// percentileInterval returns the central BootstrapLevel share of values.
func percentileInterval(values []float64) *Interval {
	v := slices.Clone(values)
	slices.Sort(v)
	n := len(v)
	tail := (1 - BootstrapLevel) / 2
	lo := int(math.Floor(tail * float64(n)))
	hi := min(n-1, int(math.Ceil((1-tail)*float64(n)))-1)
	return &Interval{Low: Number(v[lo]), High: Number(v[hi])}
}

// formatInterval shows an interval as "0.9012–0.9345", or "—" when there
// is none.
func formatInterval(i *Interval) string {
	if i == nil {
		return undefined
	}
	return formatNumber(i.Low) + "–" + formatNumber(i.High)
}

// bootstrapLine says how the intervals were made, or "" when there are
// none.
func bootstrapLine(b *Bootstrap) string {
	if b == nil {
		return ""
	}
	return fmt.Sprintf("Intervals are %s bootstrap percentile intervals: %d resamples, each drawing as many clean and as many spam articles as the data has, with replacement (seed %d).",
		formatPercent(b.Level), b.Resamples, b.Seed)
}
