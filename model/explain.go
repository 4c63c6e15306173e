package model

import (
	"cmp"
	"math"
	"slices"

	"github.com/newsqual/newsqual/features"
)

// MinContribution is the smallest share of the log-odds that makes a
// contribution worth explaining.
const MinContribution = 0.05

// A Contribution is the share of a prediction's log-odds that one signal
// gives (its value and its fired flag together), or the text model's.
type Contribution struct {
	// Signal is the signal's index in features.Names, or −1 for the text
	// model.
	Signal int
	// LogOdds is the share, toward spam when positive.
	LogOdds float64
	// Weight is LogOdds rounded to three decimals, as a reason reports it;
	// the order of Explain is by its magnitude.
	Weight float64
}

// IsText reports whether the contribution is the text model's.
func (c Contribution) IsText() bool { return c.Signal < 0 }

// Explain groups the prediction's contributions by signal and returns the
// ones worth explaining: the pushes toward spam, strongest first, then the
// pulls toward clean, strongest first, ties in the order of
// features.Names with the text model last. It leaves out a share smaller
// than MinContribution, and a pull toward clean from a signal that fired:
// a signal whose own rule found a problem is no reason to trust the
// article, whatever sign correlated inputs gave it. With limit > 0 it
// keeps at most limit, the strongest of both directions in proportion
// and at least the two strongest pulls toward clean when there are any
// (as far as the limit allows: a limit of 1 keeps one).
func (p Prediction) Explain(sig features.Signals, limit int) []Contribution {
	// The text model's share is kept last, at index len(sig).
	bySignal := make([]float64, len(sig)+1)
	for i, c := range p.Contributions {
		if k := SignalOf(i); k >= 0 {
			bySignal[k] += c
		} else {
			bySignal[len(sig)] += c
		}
	}
	// One backing array: pushes toward spam fill it from the front,
	// pulls toward clean from the back.
	all := make([]Contribution, len(bySignal))
	nSpam, nClean := 0, 0
	for i, c := range bySignal {
		if math.Abs(c) < MinContribution {
			continue
		}
		if i < len(sig) && c < 0 && sig[i].Fired {
			continue
		}
		k := i
		if i == len(sig) {
			k = -1
		}
		cand := Contribution{Signal: k, LogOdds: c, Weight: roundWeight(c)}
		if c > 0 {
			all[nSpam] = cand
			nSpam++
		} else {
			nClean++
			all[len(all)-nClean] = cand
		}
	}
	toSpam := all[:nSpam]
	toClean := all[len(all)-nClean:]
	slices.Reverse(toClean) // back in input order, for the stable sort
	byStrength := func(cs []Contribution) {
		slices.SortStableFunc(cs, func(a, b Contribution) int {
			return cmp.Compare(math.Abs(b.Weight), math.Abs(a.Weight))
		})
	}
	byStrength(toSpam)
	byStrength(toClean)
	if limit > 0 && len(toSpam)+len(toClean) > limit {
		keepClean := min(len(toClean), max(2, limit-len(toSpam)), limit)
		keepSpam := min(len(toSpam), limit-keepClean)
		toSpam, toClean = toSpam[:keepSpam], toClean[:keepClean]
	}
	// The pulls toward clean move up behind the pushes kept; copy handles
	// the overlap.
	n := copy(all[len(toSpam):], toClean)
	return all[:len(toSpam)+n]
}

// roundWeight keeps three decimals of a contribution. Past 1e12 a float
// has no decimals left to drop, and multiplying by 1000 could overflow.
func roundWeight(c float64) float64 {
	if math.Abs(c) >= 1e12 {
		return c
	}
	return math.Round(c*1000) / 1000
}
