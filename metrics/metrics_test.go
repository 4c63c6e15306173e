package metrics

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// The fixtures are small enough to count by hand; the expected values are
// worked out in the comments.
func TestAUROCCountsTiesAsHalf(t *testing.T) {
	// Positives 0.8, 0.4; negatives 0.4, 0.1.
	// Pairs: (0.8>0.4)=1, (0.8>0.1)=1, (0.4=0.4)=0.5, (0.4>0.1)=1 → 3.5/4.
	p := []float64{0.8, 0.4, 0.4, 0.1}
	y := []bool{true, true, false, false}
	if got := AUROC(p, y); !near(got, 0.875) {
		t.Fatalf("AUROC = %v, want 0.875", got)
	}
	if got := AUROC([]float64{0.5, 0.5}, []bool{true, false}); !near(got, 0.5) {
		t.Fatalf("all-tied AUROC = %v, want 0.5", got)
	}
	if !math.IsNaN(AUROC([]float64{0.2}, []bool{true})) {
		t.Fatal("AUROC with one class should be NaN")
	}
}

func TestAveragePrecisionSteps(t *testing.T) {
	// Sorted: 0.9 P, 0.8 N, 0.7 P, 0.6 N.
	// Recall steps: 0.5 at precision 1/1, 0.5 more at precision 2/3.
	// AP = 0.5*1 + 0.5*(2/3) = 0.8333…
	p := []float64{0.9, 0.8, 0.7, 0.6}
	y := []bool{true, false, true, false}
	if got := AveragePrecision(p, y); !near(got, 0.5+1.0/3) {
		t.Fatalf("AP = %v", got)
	}
	// A tie between a positive and a negative at the top is one step:
	// recall 1/2 at precision 1/2, then recall 1 at precision 2/3.
	p = []float64{0.9, 0.9, 0.5}
	y = []bool{true, false, true}
	if got := AveragePrecision(p, y); !near(got, 0.25+1.0/3) {
		t.Fatalf("AP with tie = %v, want %v", got, 0.25+1.0/3)
	}
}

func TestConfusionBrierLogLoss(t *testing.T) {
	p := []float64{0.9, 0.6, 0.4, 0.2, 0.7}
	y := []bool{true, false, true, false, true}
	c := At(p, y, 0.5)
	// Predicted positive: 0.9 (P), 0.6 (N), 0.7 (P) → TP 2, FP 1; 0.4 (P) FN; 0.2 TN.
	if c != (Confusion{TP: 2, FP: 1, TN: 1, FN: 1}) {
		t.Fatalf("confusion = %+v", c)
	}
	if !near(c.F1(), 4.0/6) || !near(c.Precision(), 2.0/3) || !near(c.Recall(), 2.0/3) {
		t.Fatalf("F1 %v precision %v recall %v", c.F1(), c.Precision(), c.Recall())
	}
	// Brier: (0.01 + 0.36 + 0.36 + 0.04 + 0.09) / 5 = 0.172.
	if got := Brier(p, y); !near(got, 0.172) {
		t.Fatalf("Brier = %v", got)
	}
	want := -(math.Log(0.9) + math.Log(0.4) + math.Log(0.4) + math.Log(0.8) + math.Log(0.7)) / 5
	if got := LogLoss(p, y); !near(got, want) {
		t.Fatalf("LogLoss = %v, want %v", got, want)
	}
}

func TestThresholdForFPR(t *testing.T) {
	// Ten negatives 0.0 … 0.9; 10% FPR allows one negative above: the
	// threshold sits just above 0.8, flagging 0.9 only.
	var p []float64
	var y []bool
	for i := range 10 {
		p = append(p, float64(i)/10)
		y = append(y, false)
	}
	p = append(p, 0.95, 0.85, 0.5)
	y = append(y, true, true, true)
	th, recall := ThresholdForFPR(p, y, 0.1)
	if !(th > 0.8 && th < 0.8000001) {
		t.Fatalf("threshold = %v", th)
	}
	if fpr := At(p, y, th).FalsePositiveRate(); !near(fpr, 0.1) {
		t.Fatalf("FPR at threshold = %v", fpr)
	}
	if !near(recall, 2.0/3) {
		t.Fatalf("recall = %v", recall)
	}
}

func TestReliability(t *testing.T) {
	bins := Reliability([]float64{0.05, 0.15, 0.95, 1.0}, []bool{false, true, true, true}, 10)
	if bins[0].Count != 1 || bins[1].Count != 1 || bins[9].Count != 2 || bins[9].Observed != 1 {
		t.Fatalf("bins = %+v", bins)
	}
	// ECE = (1*0.05 + 1*0.85 + 2*|0.975-1|) / 4 = (0.05+0.85+0.05)/4.
	if got := ExpectedCalibrationError(bins); !near(got, 0.95/4) {
		t.Fatalf("ECE = %v", got)
	}
}
