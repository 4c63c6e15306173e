package newsqual

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// minReasonWeight is the smallest contribution to the log-odds that makes
// a reason worth reading.
const minReasonWeight = 0.05

// reasons turns each input's contribution into a Reason, strongest push
// toward spam first, then the strongest pulls toward clean.
func (s *Scorer) reasons(sig features.Signals, pred model.Prediction) []Reason {
	// A signal's value and its fired flag are two inputs but one reason.
	// The text model's share is kept last, at index len(sig).
	bySignal := make([]float64, len(sig)+1)
	for i, c := range pred.Contributions {
		if k := model.SignalOf(i); k >= 0 {
			bySignal[k] += c
		} else {
			bySignal[len(sig)] += c
		}
	}
	// Choose the reasons first and write only the chosen ones.
	type candidate struct {
		input  int // index in sig, or len(sig) for the text model
		c      float64
		weight float64
	}
	// One backing array: pushes toward spam fill it from the front,
	// pulls toward clean from the back.
	all := make([]candidate, len(bySignal))
	nSpam, nClean := 0, 0
	for i, c := range bySignal {
		if math.Abs(c) < minReasonWeight {
			continue
		}
		if i < len(sig) && c < 0 && sig[i].Fired {
			// A signal whose own rule found a problem is no reason to
			// trust the article, whatever sign correlated inputs gave it.
			continue
		}
		cand := candidate{input: i, c: c, weight: roundWeight(c)}
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
	byStrength := func(cs []candidate) {
		slices.SortStableFunc(cs, func(a, b candidate) int {
			return cmp.Compare(math.Abs(b.weight), math.Abs(a.weight))
		})
	}
	byStrength(toSpam)
	byStrength(toClean)
	if s.maxReasons > 0 && len(toSpam)+len(toClean) > s.maxReasons {
		// Keep the strongest of both directions in proportion, at least
		// the two strongest pulls toward clean when there are any (as far
		// as the cap allows: a cap of 1 keeps one).
		keepClean := min(len(toClean), max(2, s.maxReasons-len(toSpam)), s.maxReasons)
		keepSpam := min(len(toSpam), s.maxReasons-keepClean)
		toSpam, toClean = toSpam[:keepSpam], toClean[:keepClean]
	}
	out := make([]Reason, 0, len(toSpam)+len(toClean)+1)
	for _, cs := range [][]candidate{toSpam, toClean} {
		for _, cand := range cs {
			var r Reason
			if cand.input < len(sig) {
				r = signalReason(sig[cand.input], cand.c)
			} else {
				r = s.textReason(pred.Text, cand.c)
			}
			r.Weight = cand.weight
			out = append(out, r)
		}
	}
	return out
}

// signalReason explains one signal: its own message and evidence when it
// has them, else its value.
func signalReason(sig features.Signal, contribution float64) Reason {
	msg := sig.Message
	desc := features.Description(sig.Name)
	switch {
	case msg != "":
	case sig.Value == 0:
		msg = "none: " + desc
	default:
		msg = fmt.Sprintf("%s: %s", desc, formatValue(sig.Value))
	}
	if contribution < 0 {
		msg += " (toward clean)"
	}
	ev := sig.Evidence
	if ev == nil {
		ev = []Evidence{}
	}
	return Reason{Signal: sig.Name, Message: msg, Evidence: ev}
}

// textReason explains the text model's part by its most telling tokens.
func (s *Scorer) textReason(scan model.TextScan, contribution float64) Reason {
	sign := 1.0
	msg := "the wording is typical of low-quality or machine-written news"
	if contribution < 0 {
		sign = -1
		msg = "the wording is typical of professional news (toward clean)"
	}
	strongest := scan.Strongest(sign, 8)
	ev := make([]Evidence, 0, len(strongest))
	for _, t := range strongest {
		ev = append(ev, Evidence{Text: t.Token, Count: t.Count, Line: t.Line}.Capped())
	}
	return Reason{Signal: model.TextFeature, Message: msg, Evidence: ev}
}

// roundWeight keeps three decimals of a contribution. Past 1e12 a float
// has no decimals left to drop, and multiplying by 1000 could overflow.
func roundWeight(c float64) float64 {
	if math.Abs(c) >= 1e12 {
		return c
	}
	return math.Round(c*1000) / 1000
}

func formatValue(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2g", v)
}
