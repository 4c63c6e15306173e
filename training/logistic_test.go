package training

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestFitLogisticRecoversKnownModel(t *testing.T) {
	// Labels drawn from p = σ(1.5·x0 − 2·x1 + 0.5): a large sample with a
	// tiny penalty must recover the coefficients closely.
	rng := rand.New(rand.NewPCG(1, 2))
	var x [][]float64
	var y []bool
	for range 20000 {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		z := 1.5*a - 2*b + 0.5
		p := 1 / (1 + math.Exp(-z))
		x = append(x, []float64{a, b})
		y = append(y, rng.Float64() < p)
	}
	fit, err := FitLogistic(x, y, 1e-6)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1.5, -2}
	for j, w := range want {
		if math.Abs(fit.Weights[j]-w) > 0.1 {
			t.Errorf("weight %d = %.3f, want about %.1f", j, fit.Weights[j], w)
		}
	}
	if math.Abs(fit.Intercept-0.5) > 0.1 {
		t.Errorf("intercept = %.3f, want about 0.5", fit.Intercept)
	}
	// A strong penalty shrinks the weights but not the intercept.
	strong, err := FitLogistic(x, y, 10)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(strong.Weights[0]) > 0.3*math.Abs(fit.Weights[0]) {
		t.Errorf("lambda 10 left weight %.3f", strong.Weights[0])
	}
}

func TestFitScalingStandardises(t *testing.T) {
	x := [][]float64{{1, 5}, {3, 5}}
	s := FitScaling(x)
	if s.Mean[0] != 2 || s.Scale[0] != 1 || s.Mean[1] != 5 || s.Scale[1] != 1 {
		t.Fatalf("scaling = %+v", s)
	}
	z := s.Apply(x)
	if z[0][0] != -1 || z[1][0] != 1 || z[0][1] != 0 {
		t.Fatalf("standardised = %v", z)
	}
}

func TestFoldsKeepGroupsTogether(t *testing.T) {
	groups := []string{"a", "b", "a", "c", "d", "b", "e", "a"}
	f1 := Folds(groups, 3, 7)
	f2 := Folds(groups, 3, 7)
	for i := range groups {
		if f1[i] != f2[i] {
			t.Fatal("same seed gave different folds")
		}
		for j := range groups {
			if groups[i] == groups[j] && f1[i] != f1[j] {
				t.Fatalf("group %s split across folds", groups[i])
			}
		}
	}
	used := map[int]bool{}
	for _, f := range f1 {
		used[f] = true
	}
	if len(used) != 3 {
		t.Fatalf("5 groups in 3 folds used %d folds", len(used))
	}
}

func TestFoldsBalanceLargeGroups(t *testing.T) {
	// One group as large as all the others together: it takes a fold of
	// its own and the small groups fill the rest evenly.
	var groups []string
	for i := range 400 {
		groups = append(groups, "big")
		groups = append(groups, fmt.Sprintf("small-%d", i))
	}
	folds := Folds(groups, 4, 1)
	load := make([]int, 4)
	for i, f := range folds {
		load[f]++
		if groups[i] == "big" && f != folds[0] {
			t.Fatal("the large group was split")
		}
	}
	for f, n := range load {
		if f != folds[0] && (n < 130 || n > 137) {
			t.Errorf("fold sizes %v: want the small groups spread evenly over the other three folds", load)
		}
	}
}
