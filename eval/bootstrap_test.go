package eval

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/model"
)

// unitWeights counts every example once, in the groups withIntervals
// makes: distinct probabilities, highest first.
func unitWeights(p []float64, y []bool) []bootGroup {
	byP := map[float64]*bootGroup{}
	var ps []float64
	for i := range p {
		g := byP[p[i]]
		if g == nil {
			g = &bootGroup{}
			byP[p[i]] = g
			ps = append(ps, p[i])
		}
		if y[i] {
			g.spam++
		} else {
			g.clean++
		}
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ps)))
	out := make([]bootGroup, len(ps))
	for i, v := range ps {
		out[i] = *byP[v]
	}
	return out
}

func TestWeightedMeasuresMatchTheMetrics(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		n := 5 + rng.IntN(300)
		p := make([]float64, n)
		y := make([]bool, n)
		var clean, spam int
		for i := range p {
			y[i] = rng.Float64() < 0.4
			p[i] = math.Round(rng.Float64()*50) / 50 // ties
			if y[i] {
				p[i] = math.Min(1, p[i]+0.2)
				spam++
			} else {
				clean++
			}
		}
		if clean == 0 || spam == 0 {
			continue
		}
		w := unitWeights(p, y)
		if got, want := weightedAUROC(w, clean, spam), metrics.AUROC(p, y); math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d: weighted AUROC %v, metrics.AUROC %v", trial, got, want)
		}
		for _, fpr := range []float64{0.01, 0.05, 0.2} {
			_, want := metrics.ThresholdForFPR(p, y, fpr)
			if got := weightedRecallAtFPR(w, clean, spam, fpr); math.Abs(got-want) > 1e-12 {
				t.Fatalf("trial %d: recall at %v FPR %v, metrics.ThresholdForFPR %v", trial, fpr, got, want)
			}
		}
	}
}

func TestIntervalsHoldTheEstimateAndAreDeterministic(t *testing.T) {
	r := renderReport()
	o := r.Overall
	if o.AUROCInterval == nil || len(o.OperatingPoints) != 2 {
		t.Fatalf("no intervals: %+v", o)
	}
	within := func(name string, i *Interval, v Number) {
		t.Helper()
		if i == nil || !(i.Low <= v && v <= i.High) || i.Low >= i.High {
			t.Errorf("%s %v outside its interval %+v", name, float64(v), i)
		}
	}
	within("AUROC", o.AUROCInterval, o.AUROC)
	for _, op := range o.OperatingPoints {
		within("recall at "+formatPercent(op.MaxFalsePositiveRate), op.RecallInterval, op.Recall)
	}
	// The same examples give the same intervals, whatever their order.
	again := renderMeasure(r.Examples, 0.5, 0.8)
	rev := make([]Example, len(r.Examples))
	for i, e := range r.Examples {
		rev[len(rev)-1-i] = e
	}
	withIntervals(&again, rev)
	a, _ := json.Marshal(o)
	b, _ := json.Marshal(again)
	if string(a) != string(b) {
		t.Errorf("intervals differ between two runs:\n%s\n%s", a, b)
	}
	// A perfect ranking has no spread.
	th := model.Thresholds{Suspect: 0.5, Spam: 0.8}
	perfect := withVerdicts([]Example{{Probability: 0.1}, {Probability: 0.2}, {Spam: true, Probability: 0.9}, {Spam: true, Probability: 0.95}}, th)
	m := Measure(perfect, &th)
	withIntervals(&m, perfect)
	if *m.AUROCInterval != (Interval{1, 1}) {
		t.Errorf("perfect ranking: AUROC interval %+v", *m.AUROCInterval)
	}
	// One class: no intervals.
	one := withVerdicts([]Example{{Probability: 0.1}, {Probability: 0.9}}, th)
	m = Measure(one, &th)
	withIntervals(&m, one)
	if m.AUROCInterval != nil {
		t.Errorf("one class: AUROC interval %+v", m.AUROCInterval)
	}
}

func TestIntervalsInTheReports(t *testing.T) {
	r := renderReport()
	page, md, metrics := render(t, r)
	ci := formatInterval(r.Overall.AUROCInterval)
	if !strings.Contains(page, `<div class="value">`+formatNumber(r.Overall.AUROC)+`</div><div class="detail">95% interval `+ci+`</div>`) {
		t.Errorf("page lacks the AUROC interval %s", ci)
	}
	for _, op := range r.Overall.OperatingPoints {
		cell := `<td class="n">` + formatNumber(op.Recall) + `</td><td class="n">` + formatInterval(op.RecallInterval) + `</td>`
		if !strings.Contains(page, cell) {
			t.Errorf("page lacks the recall interval %s", cell)
		}
		if row := " | " + formatNumber(op.Recall) + " | " + formatInterval(op.RecallInterval) + " |"; !strings.Contains(md, row) {
			t.Errorf("markdown lacks %s", row)
		}
	}
	if !strings.Contains(page, "1000 resamples") || !strings.Contains(md, "1000 resamples") {
		t.Error("reports do not say how the intervals were made")
	}
	o := metrics["overall"].(map[string]any)
	if _, ok := o["auroc_interval"].(map[string]any)["low"].(float64); !ok {
		t.Errorf("metrics.json auroc_interval %v", o["auroc_interval"])
	}
	for _, op := range o["operating_points"].([]any) {
		if _, ok := op.(map[string]any)["recall_interval"].(map[string]any)["high"].(float64); !ok {
			t.Errorf("metrics.json operating point %v", op)
		}
	}
	if b := metrics["bootstrap"].(map[string]any); b["resamples"] != 1000.0 || b["seed"] != 1.0 {
		t.Errorf("metrics.json bootstrap %v", b)
	}
}

func BenchmarkIntervals(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	ex := make([]Example, 40000)
	for i := range ex {
		ex[i] = Example{Spam: i%3 == 0, Probability: rng.Float64()}
		if ex[i].Spam {
			ex[i].Probability = math.Sqrt(ex[i].Probability)
		}
	}
	m := Measure(ex, nil)
	for b.Loop() {
		withIntervals(&m, ex)
	}
}
