package eval

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/model"
)

func near(a Number, b float64) bool { return math.Abs(float64(a)-b) < 1e-9 }

// The fixture is small enough to count by hand.
//
//	p:    0.95 0.90 0.60 0.60 0.40 0.20 0.10
//	spam:  yes  no  yes   no  yes   no   no
func fixture() []Example {
	p := []float64{0.95, 0.90, 0.60, 0.60, 0.40, 0.20, 0.10}
	s := []bool{true, false, true, false, true, false, false}
	ex := make([]Example, len(p))
	for i := range p {
		ex[i] = Example{ID: string(rune('a' + i)), Spam: s[i], Probability: p[i], Kind: map[bool]string{true: "llm", false: "human"}[s[i]]}
	}
	return ex
}

func TestMeasureMatchesHandCounts(t *testing.T) {
	m := measureAt(fixture(), model.Thresholds{Suspect: 0.5, Spam: 0.9})
	if m.Articles != 7 || m.Spam != 3 || m.Clean != 4 {
		t.Fatalf("counts %d/%d/%d", m.Articles, m.Spam, m.Clean)
	}
	// At 0.5: flagged 0.95(P) 0.90(N) 0.60(P) 0.60(N) → TP 2, FP 2, FN 1, TN 2.
	s := m.Thresholds[0]
	if s.Confusion != (Confusion{TP: 2, FP: 2, TN: 2, FN: 1}) {
		t.Fatalf("suspect confusion %+v", s.Confusion)
	}
	if !near(s.Precision, 0.5) || !near(s.Recall, 2.0/3) || !near(s.F1, 4.0/7) || !near(s.Accuracy, 4.0/7) || !near(s.FalsePositiveRate, 0.5) {
		t.Fatalf("suspect measures %+v", s)
	}
	// At 0.9: flagged 0.95(P) 0.90(N) → TP 1, FP 1, FN 2, TN 3.
	if c := m.Thresholds[1].Confusion; c != (Confusion{TP: 1, FP: 1, TN: 3, FN: 2}) {
		t.Fatalf("spam confusion %+v", c)
	}
	// AUROC: pairs (spam, clean) = 3×4 = 12. 0.95 beats all 4; 0.60 beats
	// 0.20, 0.10 and ties 0.60 (½), loses to 0.90; 0.40 beats 0.20, 0.10.
	// (4 + 2.5 + 2) / 12 = 8.5/12.
	if !near(m.AUROC, 8.5/12) {
		t.Fatalf("AUROC %v", m.AUROC)
	}
	// AP: 0.95 → recall 1/3 at precision 1; 0.90 adds no recall; the tie
	// at 0.60 → recall 2/3 at precision 2/4; 0.40 → recall 1 at 3/5.
	if want := 1.0/3 + (1.0/3)*0.5 + (1.0/3)*0.6; !near(m.AveragePrecision, want) {
		t.Fatalf("AP %v, want %v", m.AveragePrecision, want)
	}
	brier := (0.05*0.05 + 0.9*0.9 + 0.4*0.4 + 0.6*0.6 + 0.6*0.6 + 0.2*0.2 + 0.1*0.1) / 7
	if !near(m.Brier, brier) {
		t.Fatalf("Brier %v, want %v", m.Brier, brier)
	}
	if len(m.OperatingPoints) != 2 {
		t.Fatalf("operating points %+v", m.OperatingPoints)
	}
}

func TestGroupsWithOneClassHaveUndefinedAUROC(t *testing.T) {
	th := model.Thresholds{Suspect: 0.5, Spam: 0.9}
	groups := groupBy(withVerdicts(fixture(), th), &th, func(e Example) string { return e.Kind })
	if len(groups) != 2 || groups[0].Name != "human" || groups[1].Name != "llm" {
		t.Fatalf("groups %+v", groups)
	}
	if groups[0].Metrics.AUROC.Defined() {
		t.Fatal("AUROC of a one-class group should be undefined")
	}
	var buf bytes.Buffer
	if err := WriteMetrics(&buf, &Report{Overall: groups[0].Metrics}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"auroc": null`)) {
		t.Fatalf("undefined AUROC not written as null:\n%s", buf.String())
	}
}

func TestEvaluateModelIsDeterministic(t *testing.T) {
	articles := []corpus.Article{
		{ID: "c1", Label: "clean", Kind: "human-news", Text: "The council said on Tuesday it would close the Mill Lane bridge for repairs costing £2m, officials told reporters. \"It is overdue,\" said engineer Ann Lee, who led the survey.\n\nThe bridge carries about 9,000 vehicles a day. Buses will be diverted through Hale Street from 4 March, the council said, and the work should take 14 weeks. Shopkeepers on the high street said they feared losing trade during the closure."},
		{ID: "c2", Label: "clean", Kind: "human-news", Text: "Police said two men had been arrested after a break-in at a jeweller's on the high street on Monday night. Officers were called at about 23:40 GMT and found a smashed window, a spokeswoman said.\n\nThe men, aged 24 and 31, were being held in custody. Detectives have asked anyone with footage from the area to contact them, quoting incident 1142."},
		{ID: "s1", Label: "spam", Kind: "shop", Text: "Buy Now\nProduct 1 Title\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.\nQuantity\n$20.00\n$17.00\nAdd to cart\nProduct 2 Title\nUt enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n$35.00\nBuy Now\nFree shipping on orders over $50\nRelated products"},
		{ID: "s2", Label: "spam", Kind: "llm-news", Text: "In a pivotal development that underscores the complex web of challenges, leaders are navigating a landscape of fostering dialogue. This milestone highlights the importance of collaboration and a commitment to a brighter future.\n\nMoreover, stakeholders continue to emphasize the need for resilience in an ever-evolving world. In conclusion, the path forward remains a testament to the power of unity and the enduring spirit of innovation."},
	}
	var out [2][]byte
	for i := range out {
		r, err := EvaluateModel(context.Background(), newsqual.Default(), "built-in model", articles, []string{"fixture"}, Options{Workers: i + 1})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteMetrics(&buf, r); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
		if r.Overall.Articles != 4 || len(r.Baselines) != 3 {
			t.Fatalf("report %+v", r.Overall)
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatal("metrics.json differs between runs")
	}
	if _, err := EvaluateModel(context.Background(), newsqual.Default(), "m", nil, nil, Options{}); err != ErrNoData {
		t.Fatalf("empty data: %v", err)
	}
}

// withVerdicts gives each example the verdict of its probability at t.
func withVerdicts(ex []Example, t model.Thresholds) []Example {
	out := append([]Example(nil), ex...)
	for i := range out {
		if out[i].judged() {
			out[i].Verdict = verdictOf(out[i].Probability, t)
		}
	}
	return out
}

// measureAt measures examples judged at the thresholds t.
func measureAt(ex []Example, t model.Thresholds) Metrics {
	return Measure(withVerdicts(ex, t), &t)
}

func TestMeasureCountsUnjudgedApart(t *testing.T) {
	ex := append(fixture(), Example{ID: "short", Probability: math.NaN(), Verdict: "too_short"},
		Example{ID: "fr", Spam: true, Probability: math.NaN(), Verdict: "unsupported"})
	m := measureAt(ex, model.Thresholds{Suspect: 0.5, Spam: 0.9})
	if m.Articles != 7 || m.Unjudged["too_short"] != 1 || m.Unjudged["unsupported"] != 1 {
		t.Fatalf("articles %d, unjudged %v", m.Articles, m.Unjudged)
	}
	if c := m.Thresholds[1].Confusion; c != (Confusion{TP: 1, FP: 1, TN: 3, FN: 2}) {
		t.Fatalf("spam confusion %+v: an unjudged article was counted", c)
	}
}

func TestMeasureReadsPerFoldVerdicts(t *testing.T) {
	// Two folds judged at their own thresholds: the same probability is
	// spam in one and clean in the other, and the verdicts decide.
	ex := []Example{
		{Spam: true, Probability: 0.7, Verdict: model.Spam},
		{Spam: false, Probability: 0.7, Verdict: model.Clean},
		{Spam: false, Probability: 0.2, Verdict: model.Clean},
	}
	m := Measure(ex, nil)
	spam := m.Thresholds[1]
	if spam.Confusion != (Confusion{TP: 1, TN: 2}) || spam.Threshold.Defined() {
		t.Fatalf("at the spam verdict: %+v", spam)
	}
}

func TestGroupRows(t *testing.T) {
	ex := withVerdicts(fixture(), model.Thresholds{Suspect: 0.5, Spam: 0.9})
	ex = append(ex, Example{Kind: "human", Probability: math.NaN(), Verdict: "too_short"})
	rows := groupRows(ex, func(e Example) string { return e.Kind })
	if len(rows) != 2 || rows[0].Name != "human" || rows[1].Name != "llm" {
		t.Fatalf("rows %+v", rows)
	}
	// human: 0.90, 0.60, 0.20, 0.10 judged: 0.90 spam, 0.60 suspect.
	h := rows[0]
	if h.Articles != 5 || h.Unjudged != 1 || !near(h.CleanSpam, 0.25) || !near(h.CleanSuspect, 0.5) || h.Recall.Defined() {
		t.Fatalf("human row %+v", h)
	}
	// llm: 0.95 spam, 0.60 suspect, 0.40 clean.
	if l := rows[1]; !near(l.Recall, 1.0/3) || l.CleanSpam.Defined() {
		t.Fatalf("llm row %+v", l)
	}
}
