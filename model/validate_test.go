package model

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// editedModel returns the default model file with edit applied to its
// decoded JSON, encoded again.
func editedModel(t *testing.T, edit func(m map[string]any)) []byte {
	t.Helper()
	data, _ := readDefaultModel(t)
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestValidateRefusesExtremeNumbers checks that finite numbers far outside
// what training gives, which would overflow a score to NaN, are refused at
// load with an error naming the field and its input.
func TestValidateRefusesExtremeNumbers(t *testing.T) {
	set := func(field string, i int, v float64) func(map[string]any) {
		return func(m map[string]any) { m[field].([]any)[i] = v }
	}
	textWeight := func(v float64) func(map[string]any) {
		return func(m map[string]any) {
			w := m["text"].(map[string]any)["weights"].(map[string]any)
			for k := range w {
				if k == "said" {
					w[k] = v
				}
			}
		}
	}
	cases := []struct {
		name string
		edit func(map[string]any)
		want []string // in the error
	}{
		{"subnormal scale", set("scale", 0, 1e-320), []string{"ad_injection", "scale 1e-320"}},
		{"zero scale", set("scale", 1, 0), []string{"scale 0"}},
		{"negative scale", set("scale", 1, -1), []string{"scale -1"}},
		{"huge scale", set("scale", 2, 1e300), []string{"scale 1e+300"}},
		{"huge weight", set("weights", 3, 1e308), []string{"weight 1e+308"}},
		{"huge negative weight", set("weights", 4, -1e308), []string{"weight -1e+308"}},
		{"huge mean", set("mean", 5, 1e200), []string{"mean 1e+200"}},
		{"huge intercept", func(m map[string]any) { m["intercept"] = 1e7 }, []string{"intercept 1e+07"}},
		{"huge text bias", func(m map[string]any) { m["text"].(map[string]any)["bias"] = -1e308 }, []string{"text model bias -1e+308"}},
		{"huge text weight", textWeight(1e308), []string{`text model feature "said"`, "weight 1e+308"}},
		{"thresholds out of order", func(m map[string]any) {
			m["thresholds"] = map[string]any{"suspect": 0.9, "spam": 0.5}
		}, []string{"thresholds"}},
		{"spam threshold 1", func(m map[string]any) {
			m["thresholds"] = map[string]any{"suspect": 0.5, "spam": 1}
		}, []string{"thresholds"}},
		{"subnormal threshold", func(m map[string]any) {
			m["thresholds"] = map[string]any{"suspect": 0, "spam": 0.5}
		}, []string{"thresholds"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(editedModel(t, c.edit)))
			if err == nil {
				t.Fatal("the model was accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
	// The bounds leave the trained model alone.
	if _, err := Read(bytes.NewReader(editedModel(t, func(map[string]any) {}))); err != nil {
		t.Fatalf("the default model, decoded and encoded again: %v", err)
	}
}

// TestPredictionFinite checks the guard that scorers apply to every
// prediction.
func TestPredictionFinite(t *testing.T) {
	m := &Model{Mean: []float64{0, 0}, Scale: []float64{1e-320, 1}, Weights: []float64{1e308, -1e308}}
	p := m.PredictInputs([]float64{1, 1e10})
	if p.Finite() {
		t.Fatalf("prediction %+v reported finite", p)
	}
	m = &Model{Mean: []float64{0, 0}, Scale: []float64{1, 1}, Weights: []float64{MaxMagnitude, -MaxMagnitude}}
	if p := m.PredictInputs([]float64{1e12, 3}); !p.Finite() {
		t.Fatalf("prediction %+v of a model in bounds reported not finite", p)
	}
	for _, p := range []Prediction{
		{Probability: 0.5, LogOdds: 0, Contributions: []float64{1, -1}},
	} {
		if !p.Finite() {
			t.Errorf("%+v reported not finite", p)
		}
		bad := p
		bad.Contributions = []float64{1, math.NaN()}
		if bad.Finite() {
			t.Errorf("%+v reported finite", bad)
		}
		bad = p
		bad.Text.Score = math.Inf(-1)
		if bad.Finite() {
			t.Errorf("%+v reported finite", bad)
		}
	}
}
