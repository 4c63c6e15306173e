package model_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// prediction builds a prediction whose inputs contribute as given: by
// signal name for a value, name+FiredSuffix for a fired flag, and
// TextFeature for the text model.
func prediction(t testing.TB, shares map[string]float64) model.Prediction {
	t.Helper()
	names := model.InputNames()
	p := model.Prediction{Contributions: make([]float64, len(names))}
	for name, c := range shares {
		i := slices.Index(names, name)
		if i < 0 {
			t.Fatalf("no input %q", name)
		}
		p.Contributions[i] = c
	}
	return p
}

// signals returns a signal per name of features.Names, fired for the
// names given.
func signals(fired ...string) features.Signals {
	sig := make(features.Signals, len(features.Names()))
	for k, n := range features.Names() {
		sig[k] = features.Signal{Name: n, Fired: slices.Contains(fired, n)}
	}
	return sig
}

// explained names the signals of cs, "text" for the text model, each
// with its weight.
func explained(cs []model.Contribution) []string {
	var out []string
	for _, c := range cs {
		name := "text"
		if !c.IsText() {
			name = features.Names()[c.Signal]
		}
		out = append(out, fmt.Sprintf("%s %+.3f", name, c.Weight))
	}
	return out
}

func TestExplain(t *testing.T) {
	p := prediction(t, map[string]float64{
		// Two inputs of one signal, each too weak alone, make one
		// contribution worth reading.
		"ad_injection": 0.03, "ad_injection" + model.FiredSuffix: 0.04,
		"keyword_stuffing": 1.0,
		"ai_phrases":       0.04, // too weak
		// A fired signal pulling toward clean is left out.
		"shop_template": -0.3, "shop_template" + model.FiredSuffix: -0.1,
		"direct_quotes":   -0.2,
		model.TextFeature: -0.5,
	})
	sig := signals("shop_template")
	cases := []struct {
		limit int
		want  []string
	}{
		{0, []string{"keyword_stuffing +1.000", "ad_injection +0.070", "text -0.500", "direct_quotes -0.200"}},
		{4, []string{"keyword_stuffing +1.000", "ad_injection +0.070", "text -0.500", "direct_quotes -0.200"}},
		// A cap keeps the two strongest pulls toward clean.
		{3, []string{"keyword_stuffing +1.000", "text -0.500", "direct_quotes -0.200"}},
		{2, []string{"text -0.500", "direct_quotes -0.200"}},
		{1, []string{"text -0.500"}},
	}
	for _, c := range cases {
		got := explained(p.Explain(sig, c.limit))
		if !slices.Equal(got, c.want) {
			t.Errorf("limit %d: got %q, want %q", c.limit, got, c.want)
		}
	}
}

func TestExplainTiesKeepInputOrder(t *testing.T) {
	p := prediction(t, map[string]float64{
		"ai_phrases": 0.5, "ad_injection": 0.5, "keyword_stuffing": 0.5004,
		model.TextFeature: -0.25, "direct_quotes": -0.25,
	})
	got := explained(p.Explain(signals(), 0))
	var want []string
	for _, n := range features.Names() {
		if n == "ai_phrases" || n == "ad_injection" || n == "keyword_stuffing" {
			want = append(want, n+" +0.500")
		}
	}
	want = append(want, "direct_quotes -0.250", "text -0.250")
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestInputLayout(t *testing.T) {
	names := model.InputNames()
	for i, n := range names {
		if model.IsTextInput(i) != (n == model.TextFeature) {
			t.Errorf("IsTextInput(%d) for %q", i, n)
		}
	}
	row := make([]float64, len(names))
	k, ok := features.Index("ad_injection")
	if !ok {
		t.Fatal("no ad_injection signal")
	}
	if got := names[model.FiredInput(k)]; got != "ad_injection"+model.FiredSuffix {
		t.Fatalf("FiredInput(%d) is %q", k, got)
	}
	row[k] = 1 // the value alone is not the flag
	row[model.FiredInput(k)] = 1
	for j, f := range model.FiredFlags(row) {
		if f != (j == k) {
			t.Errorf("FiredFlags: signal %s fired %v", features.Names()[j], f)
		}
	}
}

// Explain chooses what a reason list says: here keyword stuffing pushes
// toward spam and the article's quotes pull toward clean.
func ExamplePrediction_Explain() {
	names := model.InputNames()
	p := model.Prediction{Contributions: make([]float64, len(names))}
	p.Contributions[slices.Index(names, "keyword_stuffing")] = 1.8
	p.Contributions[slices.Index(names, "keyword_stuffing"+model.FiredSuffix)] = 0.9
	p.Contributions[slices.Index(names, "direct_quotes")] = -0.4
	p.Contributions[slices.Index(names, "ai_phrases")] = 0.01
	sig := make(features.Signals, len(features.Names()))
	for _, c := range p.Explain(sig, 5) {
		fmt.Println(features.Names()[c.Signal], c.Weight)
	}
	// Output:
	// keyword_stuffing 2.7
	// direct_quotes -0.4
}
