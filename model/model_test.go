package model

import (
	"math"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/features"
)

func TestTokensFoldNumbersAndDropLetters(t *testing.T) {
	d := features.NewDocument("", "The U.S. spent $4.5bn in 2024, a rise; Reuters' report says I agree.")
	got := strings.Join(Tokens(d), " ")
	want := "the u.s spent 0.0bn in 0000 rise reuters report says agree"
	if got != want {
		t.Fatalf("Tokens = %q, want %q", got, want)
	}
}

func TestSigmoidIsStable(t *testing.T) {
	for _, z := range []float64{-1000, -30, 0, 30, 1000} {
		p := Sigmoid(z)
		if math.IsNaN(p) || p < 0 || p > 1 {
			t.Fatalf("Sigmoid(%v) = %v", z, p)
		}
	}
	if Sigmoid(0) != 0.5 {
		t.Fatal("Sigmoid(0) != 0.5")
	}
}

func TestVerdictThresholds(t *testing.T) {
	m := &Model{Thresholds: Thresholds{Suspect: 0.3, Spam: 0.8}}
	for p, want := range map[float64]string{0.1: Clean, 0.3: Suspect, 0.79: Suspect, 0.8: Spam, 0.99: Spam} {
		if got := m.Verdict(p); got != want {
			t.Errorf("Verdict(%v) = %s, want %s", p, got, want)
		}
	}
}

func TestPredictInputsSumsContributions(t *testing.T) {
	m := &Model{Mean: []float64{1, 0}, Scale: []float64{2, 1}, Weights: []float64{1, -1}, Intercept: 0.5}
	p := m.PredictInputs([]float64{3, 2})
	// (3−1)/2·1 = 1, (2−0)/1·(−1) = −2, plus 0.5 → −0.5.
	if p.LogOdds != -0.5 || p.Contributions[0] != 1 || p.Contributions[1] != -2 {
		t.Fatalf("prediction %+v", p)
	}
	if math.Abs(p.Probability-Sigmoid(-0.5)) > 1e-15 {
		t.Fatalf("probability %v", p.Probability)
	}
}

func TestStrongestTokens(t *testing.T) {
	tm := &TextModel{Tokens: map[string]float64{"underscores": 2, "the": 0.1, "said": -1.5, "pivotal": 1}}
	got := tm.Strongest([]string{"the", "the", "the", "underscores", "pivotal", "said", "said"}, 1, 5)
	if len(got) != 2 || got[0].Token != "underscores" || got[1].Token != "pivotal" {
		t.Fatalf("toward spam: %+v", got)
	}
	clean := tm.Strongest([]string{"said", "said"}, -1, 5)
	if len(clean) != 1 || clean[0].Count != 2 || clean[0].LogRatio != -3 {
		t.Fatalf("toward clean: %+v", clean)
	}
}

func TestHashTable(t *testing.T) {
	tb := newHashTable(100)
	want := map[uint64]float64{0: -1, 1: 2, 1 + tb.mask + 1: 3, 2: 4, ^uint64(0): 5}
	for k, v := range want {
		tb.put(k, v)
	}
	for i := uint64(3); i < 200; i++ {
		tb.put(i*7919, float64(i))
		want[i*7919] = float64(i)
	}
	for k, v := range want {
		if got, ok := tb.get(k); !ok || got != v {
			t.Fatalf("get(%d) = %v, %v; want %v", k, got, ok, v)
		}
	}
	if _, ok := tb.get(123456789); ok {
		t.Fatal("found a key never put")
	}
}
