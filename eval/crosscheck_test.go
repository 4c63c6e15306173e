package eval

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/newsqual/newsqual/eval/peers"
	"github.com/newsqual/newsqual/model"
)

// TestMetricsAgreeWithGolearn cross-checks precision, recall and F1 at the
// spam threshold against golearn's evaluation package on random data.
func TestMetricsAgreeWithGolearn(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 20 {
		var ex []Example
		for range 200 {
			spam := rng.IntN(3) == 0
			p := rng.Float64()
			if spam {
				p = math.Sqrt(p)
			}
			ex = append(ex, Example{Spam: spam, Probability: p})
		}
		th := model.Thresholds{Suspect: 0.4, Spam: 0.4 + 0.5*rng.Float64()}
		m := measureAt(ex, th)
		at := m.Thresholds[1]
		actual := make([]bool, len(ex))
		flagged := make([]bool, len(ex))
		for i, e := range ex {
			actual[i], flagged[i] = e.Spam, e.Probability >= th.Spam
		}
		p, r, f1, err := peers.GolearnConfusion(actual, flagged)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name  string
			ours  Number
			their float64
		}{{"precision", at.Precision, p}, {"recall", at.Recall, r}, {"F1", at.F1, f1}} {
			if math.IsNaN(c.their) {
				continue // golearn divides zero by zero where we say undefined or 0
			}
			if math.Abs(float64(c.ours)-c.their) > 1e-12 {
				t.Errorf("trial %d: %s %v, golearn says %v", trial, c.name, c.ours, c.their)
			}
		}
	}
}
