package newsqual

import (
	"fmt"
	"math"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// reasons words the contributions worth explaining (see
// model.Prediction.Explain) as reasons, in Explain's order: strongest push
// toward spam first, then the strongest pulls toward clean.
func (s *Scorer) reasons(sig features.Signals, pred model.Prediction) []Reason {
	chosen := pred.Explain(sig, s.maxReasons)
	out := make([]Reason, 0, len(chosen)+1)
	for _, c := range chosen {
		var r Reason
		if c.IsText() {
			r = s.textReason(pred.Text, c.LogOdds)
		} else {
			r = signalReason(sig[c.Signal], c.LogOdds)
		}
		r.Weight = c.Weight
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
	strongest := scan.Strongest(sign, 8)
	ev := make([]Evidence, 0, len(strongest))
	for _, t := range strongest {
		ev = append(ev, Evidence{Text: t.Token, Count: t.Count, Line: t.Line}.Capped())
	}
	return Reason{Signal: model.TextFeature, Message: msg, Evidence: ev}
}

func formatValue(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2g", v)
}
