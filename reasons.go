package newsqual

import (
	"fmt"
	"math"
	"sort"

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
	bySignal := make([]float64, len(sig))
	text := 0.0
	for i, c := range pred.Contributions {
		if k := model.SignalOf(i); k >= 0 {
			bySignal[k] += c
		} else {
			text += c
		}
	}
	// Choose the reasons first and write only the chosen ones.
	type candidate struct {
		input  int // index in sig, or len(sig) for the text model
		c      float64
		weight float64
	}
	var toSpam, toClean []candidate
	for i, c := range append(bySignal, text) {
		if math.Abs(c) < minReasonWeight {
			continue
		}
		if i < len(sig) && c < 0 && sig[i].Fired {
			// A signal whose own rule found a problem is no reason to
			// trust the article, whatever sign correlated inputs gave it.
			continue
		}
		cand := candidate{input: i, c: c, weight: math.Round(c*1000) / 1000}
		if c > 0 {
			toSpam = append(toSpam, cand)
		} else {
			toClean = append(toClean, cand)
		}
	}
	byStrength := func(cs []candidate) {
		sort.SliceStable(cs, func(i, j int) bool { return math.Abs(cs[i].weight) > math.Abs(cs[j].weight) })
	}
	byStrength(toSpam)
	byStrength(toClean)
	if len(toSpam)+len(toClean) > s.maxReasons {
		// Keep the strongest of both directions in proportion, at least
		// the two strongest pulls toward clean when there are any.
		keepClean := min(len(toClean), max(2, s.maxReasons-len(toSpam)))
		keepSpam := min(len(toSpam), s.maxReasons-keepClean)
		toSpam, toClean = toSpam[:keepSpam], toClean[:keepClean]
	}
	out := make([]Reason, 0, len(toSpam)+len(toClean))
	for _, cand := range append(toSpam, toClean...) {
		var r Reason
		if cand.input < len(sig) {
			r = signalReason(sig[cand.input], cand.c)
		} else {
			r = s.textReason(pred.Text, cand.c)
		}
		r.Weight = cand.weight
		out = append(out, r)
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
	ev := []Evidence{}
	for _, t := range scan.Strongest(sign, 8) {
		ev = append(ev, Evidence{Text: t.Token, Count: t.Count})
	}
	return Reason{Signal: model.TextFeature, Message: msg, Evidence: ev}
}

func formatValue(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2g", v)
}
