package newsqual_test

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// extremeModel returns the default model with every scale subnormal and
// the weights ±1e308, read without validation: finite numbers that drive
// a prediction to infinities and NaN.
func extremeModel(t *testing.T) *model.Model {
	t.Helper()
	data, err := os.ReadFile("models/default.json")
	if err != nil {
		t.Fatal(err)
	}
	var m model.Model
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for i := range m.Scale {
		m.Scale[i] = 1e-320
		m.Weights[i] = 1e308
		if i%2 == 1 {
			m.Weights[i] = -1e308
		}
	}
	if m.Validate() == nil {
		t.Fatal("Validate accepts the extreme model")
	}
	return &m
}

// TestScoreGuardsNonFinitePredictions checks that a NaN prediction becomes
// VerdictError with an error and no score, never a quality or a verdict
// that the NaN fell into.
func TestScoreGuardsNonFinitePredictions(t *testing.T) {
	m := extremeModel(t)
	text, err := os.ReadFile("testdata/examples/ad-injected-festival.txt")
	if err != nil {
		t.Fatal(err)
	}
	// The prediction the guard caught is indeed not finite.
	d := features.NewDocument("", string(text))
	if p := m.Predict(d, features.ExtractDocument(d)); p.Finite() || !math.IsNaN(p.LogOdds) && !math.IsInf(p.LogOdds, 0) {
		t.Fatalf("the extreme model's prediction %v is finite: the test proves nothing", p.LogOdds)
	}
	s, err := newsqual.New(m)
	if err != nil {
		t.Fatal(err)
	}
	res := s.Score(newsqual.Article{ID: "ad", Text: string(text)})
	if res.Verdict != newsqual.VerdictError || res.Judged() || res.Quality != nil || res.SpamProbability != nil {
		t.Fatalf("result %+v, want verdict error without a score", res)
	}
	if !strings.Contains(res.Error, "no finite score") || len(res.Reasons) != 0 {
		t.Fatalf("error %q, reasons %v", res.Error, res.Reasons)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("the result cannot be encoded: %v", err)
	}
	if !strings.Contains(string(b), `"verdict":"error"`) || !strings.Contains(string(b), `"quality":null`) {
		t.Fatalf("result JSON %s", b)
	}
	// Short articles never reach the model and keep their verdict.
	res = s.Score(newsqual.Article{Text: "Too short."})
	if res.Verdict != newsqual.VerdictTooShort {
		t.Fatalf("short article: %+v", res)
	}
}
