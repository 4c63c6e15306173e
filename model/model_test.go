package model

import (
	"math"
	"testing"

	"github.com/newsqual/newsqual/features"
)

func TestFeatureCounts(t *testing.T) {
	d := features.NewDocument("", "In the aftermath of the 2024 vote, Smith said: \u201cWe won.\u201d The U.S. agreed.")
	got := FeatureCounts(d)
	for key, want := range map[string]int{
		// Words: lower case, no numbers, no capitalised words inside a
		// sentence ("Smith"), but the first word of a sentence ("The").
		"in": 1, "the": 3, "aftermath": 1, "of": 1, "vote": 1, "said": 1, "we": 1, "won": 1, "agreed": 1,
		"smith": 0, "0000": 0, "u.s": 0,
		// Style: function words stand as themselves, other words as
		// their shape, punctuation as itself (curly quotes folded).
		"in the <long>": 1, "the <long> of": 1, "of the <num>": 1, "<num> <w> ,": 1,
		", <cap> said": 1, "said : \"": 1, `" we <w>`: 1, ". \"": 1, `" the <cap>`: 1,
		"<long>": 1, "<cap>": 2, ",": 1, `"`: 2, ".": 2,
		// A function word has no style unigram of its own.
		"the <long>": 1, "said :": 1,
	} {
		if got[key] != want {
			t.Errorf("count of %q = %d, want %d", key, got[key], want)
		}
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

func TestTextModelScanAndStrongest(t *testing.T) {
	tm := &TextModel{Bias: -0.5, Weights: NewFeatureWeights(map[string]float64{
		"underscores": 2, "the": 0.1, "said": -1.5, "in the <long>": 1, "<cap> said": -0.5,
	})}
	d := features.NewDocument("", "The move underscores the trend, Jones said. In the aftermath, Ng said the same.")
	scan := tm.Scan(d)
	counts := FeatureCounts(d)
	if want := tm.Score(counts); math.Abs(scan.Score-want) > 1e-12 {
		t.Fatalf("Scan score %v, Score of the counts %v", scan.Score, want)
	}
	if scan.Known != 5 || scan.Occurrences != 1+4+2+1+2 {
		t.Fatalf("known %d, occurrences %d", scan.Known, scan.Occurrences)
	}
	spam := scan.Strongest(1, 5)
	if len(spam) != 3 || spam[0].Token != "underscores" || spam[1].Token != "in the [long word]" || spam[1].Line != 1 || spam[2].Token != "the" {
		t.Fatalf("toward spam: %+v", spam)
	}
	clean := scan.Strongest(-1, 1)
	if len(clean) != 1 || clean[0].Token != "said" || clean[0].Count != 2 {
		t.Fatalf("toward clean: %+v", clean)
	}
	empty := tm.Scan(features.NewDocument("", "Zzz qqq."))
	if empty.Score != -0.5 || empty.Known != 0 || empty.Strongest(1, 3) != nil {
		t.Fatalf("a text of unknown features: %+v", empty)
	}
}

// TestFunctionWordsAreLowerCaseLetters checks what styleOf relies on: a
// function word holds no digit (nor anything but a-z).
func TestFunctionWordsAreLowerCaseLetters(t *testing.T) {
	for _, w := range functionWordList {
		for _, c := range w {
			if c < 'a' || c > 'z' {
				t.Fatalf("function word %q holds %q", w, c)
			}
		}
	}
}

func TestFeatureTable(t *testing.T) {
	want := map[uint64]int32{0: 0, 1: 1, 257: 2, 2: 3, ^uint64(0): 4}
	for i := uint64(5); i < 100; i++ {
		want[i*7919] = int32(i)
	}
	b := newTableBuilder(len(want))
	for k, id := range want {
		b.put(k, id, float64(id)/2)
	}
	tab := b.table(1000)
	for k, id := range want {
		got := tab.get(k)
		if got.slot < 1000 || tab.ids[got.slot-1000] != id || got.weight != float64(id)/2 {
			t.Fatalf("get(%d) = %+v, want ID %d", k, got, id)
		}
	}
	if tab.get(123456789).slot != -1 {
		t.Fatal("found a key never put")
	}
	if empty := newTableBuilder(0).table(0); empty.get(0).slot != -1 || empty.get(7).slot != -1 {
		t.Fatal("found a key in an empty table")
	}
}

func TestRoundWeight(t *testing.T) {
	for c, want := range map[float64]float64{0.12345: 0.123, -0.0006: -0.001, 2e12: 2e12} {
		if got := roundWeight(c); got != want {
			t.Errorf("roundWeight(%v) = %v, want %v", c, got, want)
		}
	}
}
