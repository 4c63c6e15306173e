package newsqual

import (
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/newsqual/newsqual/model"
)

// exampleArticle reads an article of testdata/examples.
func exampleArticle(t *testing.T, name string) Article {
	t.Helper()
	b, err := os.ReadFile("testdata/examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return Article{ID: name, Text: string(b)}
}

func TestBuiltInThresholdsAsQualityCutoffs(t *testing.T) {
	th := Default().Model().Thresholds
	spam, suspect := QualityCutoff(th.Spam), QualityCutoff(th.Suspect)
	if spam != 23.4989 || suspect != 58.837 {
		t.Fatalf("built-in cut-offs %v and %v, want 23.4989 and 58.837 (thresholds %+v)", spam, suspect, th)
	}
	got, err := QualityThresholds(spam, suspect)
	if err != nil {
		t.Fatal(err)
	}
	if got != th {
		t.Errorf("QualityThresholds(%v, %v) = %+v, want the model's %+v exactly", spam, suspect, got, th)
	}
}

// The verdicts at a quality cut-off are those at the probability it
// converts to, for every probability a Result can carry near the boundary.
func TestQualityCutoffMatchesProbabilityThreshold(t *testing.T) {
	for _, q := range []float64{23.4989, 30, 58.837, 0.5, 99.9999, 50.00005} {
		th, err := QualityThresholds(q, q)
		if err != nil {
			t.Fatal(err)
		}
		for k := -300; k <= 300; k++ {
			p := roundProbability(th.Spam + float64(k)*1e-6)
			exact := 100 * (1 - p)
			wantSpam := exact <= q+1e-9 // exact is off by float noise only
			if math.Abs(exact-q) < 1e-7 {
				wantSpam = true // at the cut-off: spam
			}
			if gotSpam := th.Verdict(p) == model.Spam; gotSpam != wantSpam {
				t.Fatalf("cut-off %v: p=%v (quality %v) spam=%v, want %v", q, p, exact, gotSpam, wantSpam)
			}
		}
		if QualityCutoff(th.Spam) != q {
			t.Errorf("QualityCutoff(ProbabilityThreshold(%v)) = %v", q, QualityCutoff(th.Spam))
		}
	}
}

func TestQualityThresholdsRefuseBadCutoffs(t *testing.T) {
	for _, c := range []struct {
		spam, suspect float64
		want          string
	}{
		{0, 50, "spam cut-off: want a quality cut-off above 0 and below 100, got 0"},
		{-5, 50, "spam cut-off: want a quality cut-off above 0 and below 100, got -5"},
		{100, 100, "spam cut-off: want a quality cut-off above 0 and below 100, got 100"},
		{20, 150, "suspect cut-off: want a quality cut-off above 0 and below 100, got 150"},
		{math.NaN(), 50, "spam cut-off: want a quality cut-off above 0 and below 100, got NaN"},
		{20, math.Inf(1), "suspect cut-off: want a quality cut-off above 0 and below 100, got +Inf"},
		{1e-12, 50, "spam cut-off: want a quality cut-off above 0 and below 100, got 1e-12"},
		{60, 40, "spam cut-off 60 is above suspect cut-off 40"},
	} {
		_, err := QualityThresholds(c.spam, c.suspect)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("QualityThresholds(%v, %v) = %v, want an error with %q", c.spam, c.suspect, err, c.want)
		}
	}
	if _, err := QualityThresholds(40, 40); err != nil {
		t.Errorf("equal cut-offs refused: %v", err)
	}
}

func TestWithThresholdsChangesVerdictsOnly(t *testing.T) {
	def := Default()
	before := def.Thresholds()
	clean := exampleArticle(t, "clean-council-budget.txt")
	spam := exampleArticle(t, "ad-injected-festival.txt")
	base := def.Score(clean)
	if base.Verdict != VerdictClean || *base.Quality != 97 {
		t.Fatalf("clean-council-budget: verdict %s quality %s, want clean 97", base.Verdict, qualityOf(base))
	}
	exact := 100 * (1 - *base.SpamProbability)

	strict := mustThresholds(t, def, 90, 97)
	if r := strict.Score(clean); r.Verdict != VerdictSuspect {
		t.Errorf("suspect cut-off 97: verdict %s, want suspect (quality before rounding %v)", r.Verdict, exact)
	}
	if r := mustThresholds(t, def, 97, 98).Score(clean); r.Verdict != VerdictSpam {
		t.Errorf("spam cut-off 97: verdict %s, want spam", r.Verdict)
	}
	// At the article's own quality it is spam; a step below, not.
	if r := mustThresholds(t, def, exact, exact).Score(clean); r.Verdict != VerdictSpam {
		t.Errorf("spam cut-off %v, the article's quality: verdict %s, want spam", exact, r.Verdict)
	}
	if r := mustThresholds(t, def, exact-0.0001, exact-0.0001).Score(clean); r.Verdict != VerdictClean {
		t.Errorf("cut-offs %v, just below the article's quality: verdict %s, want clean", exact-0.0001, r.Verdict)
	}
	// Lenient cut-offs let the ad-injected page through.
	if r := def.Score(spam); r.Verdict != VerdictSpam {
		t.Fatalf("ad-injected-festival: verdict %s, want spam", r.Verdict)
	}
	if r := mustThresholds(t, def, 0.01, 0.01).Score(spam); r.Verdict != VerdictClean {
		t.Errorf("cut-offs 0.01: ad-injected-festival verdict %s, want clean", r.Verdict)
	}
	// Everything but the verdict is the same.
	r := strict.Score(clean)
	r.Verdict = base.Verdict
	if !reflect.DeepEqual(r, base) {
		t.Errorf("other thresholds changed more than the verdict:\n%+v\n%+v", r, base)
	}
	// The shared scorer is untouched.
	if def.Thresholds() != before || def.Score(clean).Verdict != VerdictClean {
		t.Errorf("WithThresholds changed Default: thresholds %+v, were %+v", def.Thresholds(), before)
	}
	if got := strict.Model(); got != def.Model() {
		t.Error("WithThresholds copied the model")
	}
}

func TestWithThresholdsRefusesBadThresholds(t *testing.T) {
	for _, th := range []model.Thresholds{{Suspect: 0, Spam: 0.5}, {Suspect: 0.6, Spam: 0.5}, {Suspect: 0.5, Spam: 1}, {Suspect: math.NaN(), Spam: 0.5}} {
		s, err := Default().With(WithThresholds(th))
		if err == nil || s != nil || !strings.Contains(err.Error(), "want 0 < suspect <= spam < 1") {
			t.Errorf("With(WithThresholds(%+v)) = %v, %v: want an error", th, s, err)
		}
		if s, err := New(Default().Model(), WithThresholds(th)); err == nil || s != nil {
			t.Errorf("New(m, WithThresholds(%+v)) = %v, %v: want an error", th, s, err)
		}
	}
}

func mustThresholds(t *testing.T, s *Scorer, spam, suspect float64) *Scorer {
	t.Helper()
	th, err := QualityThresholds(spam, suspect)
	if err != nil {
		t.Fatal(err)
	}
	s, err = s.With(WithThresholds(th))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOverrideThresholds checks that a cut-off left out keeps the base
// threshold exactly, a given one replaces it, and a spam cut-off above the
// suspect one in effect is refused.
func TestOverrideThresholds(t *testing.T) {
	base := Default().Thresholds()
	if got, err := OverrideThresholds(base, nil, nil); err != nil || got != base {
		t.Errorf("nothing given: %+v, %v; want %+v exactly", got, err, base)
	}
	spam := 10.0
	got, err := OverrideThresholds(base, &spam, nil)
	if err != nil || got.Spam != ProbabilityThreshold(spam) || got.Suspect != base.Suspect {
		t.Errorf("spam 10: %+v, %v; want spam %v and the base suspect %v", got, err, ProbabilityThreshold(spam), base.Suspect)
	}
	suspect := 90.0
	got, err = OverrideThresholds(base, nil, &suspect)
	if err != nil || got.Suspect != ProbabilityThreshold(suspect) || got.Spam != base.Spam {
		t.Errorf("suspect 90: %+v, %v; want suspect %v and the base spam %v", got, err, ProbabilityThreshold(suspect), base.Spam)
	}
	high := QualityCutoff(base.Suspect) + 1
	if got, err := OverrideThresholds(base, &high, nil); err == nil {
		t.Errorf("spam cut-off %v above the base suspect one %v: %+v, no error", high, QualityCutoff(base.Suspect), got)
	}
}
