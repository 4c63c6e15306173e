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
func (s *Scorer) reasons(d *features.Document, sig features.Signals, pred model.Prediction) []Reason {
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
	var toSpam, toClean []Reason
	for i, c := range append(bySignal, text) {
		if math.Abs(c) < minReasonWeight {
			continue
		}
		var r Reason
		if i < len(sig) {
			if c < 0 && sig[i].Fired {
				// A signal whose own rule found a problem is no reason to
				// trust the article, whatever sign correlated inputs gave it.
				continue
			}
			r = signalReason(sig[i], c)
		} else {
			r = s.textReason(d, c)
		}
		r.Weight = math.Round(c*1000) / 1000
		if c > 0 {
			toSpam = append(toSpam, r)
		} else {
			toClean = append(toClean, r)
		}
	}
	byStrength := func(rs []Reason) {
		sort.SliceStable(rs, func(i, j int) bool { return math.Abs(rs[i].Weight) > math.Abs(rs[j].Weight) })
	}
	byStrength(toSpam)
	byStrength(toClean)
	out := append(toSpam, toClean...)
	if len(out) > s.maxReasons {
		// Keep the strongest of both directions in proportion, at least
		// the two strongest pulls toward clean when there are any.
		keepClean := min(len(toClean), max(2, s.maxReasons-len(toSpam)))
		keepSpam := min(len(toSpam), s.maxReasons-keepClean)
		out = append(toSpam[:keepSpam:keepSpam], toClean[:keepClean]...)
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
func (s *Scorer) textReason(d *features.Document, contribution float64) Reason {
	sign := 1.0
	msg := "the wording is typical of low-quality or machine-written news"
	if contribution < 0 {
		sign = -1
		msg = "the wording is typical of professional news (toward clean)"
	}
	ev := []Evidence{}
	for _, t := range s.model.Text.StrongestWords(d.Words, sign, 8) {
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
