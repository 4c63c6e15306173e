package eval

import (
	"math"
	"strings"
	"testing"
)

func TestFPRAxisIsLogarithmic(t *testing.T) {
	for _, tc := range []struct {
		clean int
		low   float64
	}{{0, 1e-4}, {60, 1e-2}, {5, 1e-2}, {4000, 1e-4}, {700, 1e-3}, {10_000_000, 1e-4}} {
		a := newFPRAxis(tc.clean)
		if a.low != tc.low {
			t.Errorf("%d clean articles: axis from %v, want %v", tc.clean, a.low, tc.low)
		}
		if a.at(0) != 0 || a.at(a.low/2) != 0 || a.at(a.low) != 0 || math.Abs(a.at(1)-1) > 1e-12 {
			t.Errorf("axis from %v: 0→%v, low→%v, 1→%v", a.low, a.at(0), a.at(a.low), a.at(1))
		}
		// Each decade takes the same width.
		d1, d2 := a.at(0.1)-a.at(0.01), a.at(1)-a.at(0.1)
		if math.Abs(d1-d2) > 1e-12 {
			t.Errorf("decades of widths %v and %v", d1, d2)
		}
		for _, x := range []float64{0.01, 0.05, 0.5} {
			if got := a.fpr(a.at(x)); math.Abs(got-x) > 1e-12 {
				t.Errorf("fpr(at(%v)) = %v", x, got)
			}
		}
	}
}

func TestChartsOverlayPeersOnALogFPRAxis(t *testing.T) {
	r := renderReport()
	peer := make([]Example, len(r.Examples))
	for i, e := range r.Examples {
		peer[i] = e
		peer[i].Probability = math.Abs(e.Probability - 0.3)
	}
	r.Baselines[1].Examples = peer
	charts, err := Charts(r)
	if err != nil {
		t.Fatal(err)
	}
	svg := map[string]string{}
	for _, c := range charts {
		checkSVG(t, c.Name, c.SVG)
		svg[c.Name] = string(c.SVG)
	}
	peerAUROC := "signals alone | no text, AUROC " + formatNumber(r.Baselines[1].Metrics.AUROC)
	if !strings.Contains(svg["roc"], peerAUROC) {
		t.Errorf("ROC chart lacks the peer's legend %q", peerAUROC)
	}
	if peerAP := "signals alone | no text, AP " + formatNumber(r.Baselines[1].Metrics.AveragePrecision); !strings.Contains(svg["precision-recall"], peerAP) {
		t.Errorf("precision-recall chart lacks the peer's legend %q", peerAP)
	}
	for _, name := range []string{"roc", "precision-recall"} {
		if strings.Contains(svg[name], "peer filter") || strings.Contains(svg[name], "newsqual (full model)") {
			t.Errorf("%s chart overlays a baseline with no scores, or the model twice", name)
		}
	}
	// 60 clean articles: the axis runs from 1% to 100% in decades.
	for _, tick := range []string{">1%<", ">10%<", ">100%<", "log scale"} {
		if !strings.Contains(svg["roc"], tick) {
			t.Errorf("ROC chart lacks %q", tick)
		}
	}
}

func TestPerFoldThresholdsAreLabelledWithoutAValue(t *testing.T) {
	r := renderReport()
	r.Overall = Measure(r.Examples, nil) // thresholds of their own, per fold
	charts, err := Charts(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if strings.Contains(string(c.SVG), "NaN") {
			t.Errorf("%s chart shows NaN", c.Name)
		}
	}
	if !strings.Contains(string(charts[0].SVG), "spam (per fold)") {
		t.Error("ROC chart does not label the per-fold spam threshold")
	}
}
