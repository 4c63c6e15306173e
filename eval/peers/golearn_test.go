package peers

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/metrics"
)

func TestGolearnBernoulliNBSeparatesToyData(t *testing.T) {
	docs, fold := toyDocuments(20, 5)
	r, err := GolearnBernoulliNB(docs, fold, 5)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, r, docs)
	if r.Version != golearnVersion() {
		t.Errorf("version %q, want %q", r.Version, golearnVersion())
	}

	pd, pf, from := permuted(docs, fold)
	again, err := GolearnBernoulliNB(pd, pf, 5)
	if err != nil {
		t.Fatal(err)
	}
	checkAligned(t, r.Scores, again.Scores, from)
}

func TestGolearnRequiredVersionMatchesGoMod(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), golearnModule+" "+golearnRequired) {
		t.Errorf("go.mod does not require %s %s; update golearnRequired", golearnModule, golearnRequired)
	}
}

func TestGolearnBernoulliNBRejectsBadFolds(t *testing.T) {
	docs, fold := toyDocuments(4, 2)
	if _, err := GolearnBernoulliNB(docs, fold[1:], 2); err == nil {
		t.Error("no error for a fold list shorter than the documents")
	}
}

func TestGolearnConfusion(t *testing.T) {
	tests := []struct {
		name              string
		actual, predicted string // one letter per article: s spam, c clean
		precision, recall float64
	}{
		// TP=3, FP=1, FN=2, TN=4.
		{"mixed", "ssssscccccc", "sssccsccccc", 0.75, 0.6},
		{"perfect", "sscc", "sscc", 1, 1},
		{"no spam predicted", "sscc", "cccc", math.NaN(), 0},
		{"no spam in the data", "cccc", "sccc", 0, math.NaN()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			actual, predicted := bools(tt.actual), bools(tt.predicted)
			p, r, f1, err := GolearnConfusion(actual, predicted)
			if err != nil {
				t.Fatal(err)
			}
			wantF1 := 2 * tt.precision * tt.recall / (tt.precision + tt.recall)
			if !same(p, tt.precision) || !same(r, tt.recall) || !same(f1, wantF1) {
				t.Errorf("precision %v, recall %v, F1 %v; want %v, %v, %v", p, r, f1, tt.precision, tt.recall, wantF1)
			}
			// Where golearn's measures are defined they agree with the
			// metrics package's.
			c := metrics.At(scoresOf(predicted), actual, 0.5)
			for _, m := range []struct {
				name        string
				golearn, us float64
			}{{"precision", p, c.Precision()}, {"recall", r, c.Recall()}, {"F1", f1, c.F1()}} {
				if !math.IsNaN(m.golearn) && math.Abs(m.golearn-m.us) > 1e-12 {
					t.Errorf("%s: golearn %v, metrics %v", m.name, m.golearn, m.us)
				}
			}
		})
	}
	if _, _, _, err := GolearnConfusion([]bool{true}, nil); err == nil {
		t.Error("no error for labels and predictions of different lengths")
	}
}

// bools reads a string of s (true) and c (false).
func bools(s string) []bool {
	out := make([]bool, len(s))
	for i := range s {
		out[i] = s[i] == 's'
	}
	return out
}

// scoresOf turns predictions into probabilities 1 and 0.
func scoresOf(predicted []bool) []float64 {
	out := make([]float64, len(predicted))
	for i, p := range predicted {
		if p {
			out[i] = 1
		}
	}
	return out
}

// same reports whether two numbers are equal within rounding, NaN
// matching NaN.
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-12
}
