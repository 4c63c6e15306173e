package newsqual

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/model"
)

// mustNew returns New(m, opts...), failing the test on an error.
func mustNew(t testing.TB, m *model.Model, opts ...Option) *Scorer {
	t.Helper()
	s, err := New(m, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// mustWith returns s.With(opts...), failing the test on an error.
func mustWith(t testing.TB, s *Scorer, opts ...Option) *Scorer {
	t.Helper()
	d, err := s.With(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDerivingLeavesDefault checks that a scorer derived from Default as
// the command line derives its own (a word cap, every reason, other
// thresholds) has those settings, shares the model, and leaves Default
// as it was: same settings, same results, byte for byte.
func TestDerivingLeavesDefault(t *testing.T) {
	def := Default()
	articles := []Article{exampleArticle(t, "ad-injected-festival.txt"), exampleArticle(t, "clean-council-budget.txt")}
	before := make([][]byte, len(articles))
	for i, a := range articles {
		before[i] = encodeResult(t, def.Score(a))
	}
	beforeThresholds := def.Thresholds()
	if def.MaxWords() != features.DefaultMaxWords || def.MaxReasons() != DefaultMaxReasons {
		t.Fatalf("Default: max words %d, max reasons %d; want %d, %d", def.MaxWords(), def.MaxReasons(), features.DefaultMaxWords, DefaultMaxReasons)
	}

	th, err := QualityThresholds(40, 70)
	if err != nil {
		t.Fatal(err)
	}
	derived := mustWith(t, def, WithMaxWords(60), WithMaxReasons(0), WithThresholds(th))
	if derived == def {
		t.Fatal("With returned Default itself")
	}
	if derived.MaxWords() != 60 || derived.MaxReasons() != 0 || derived.Thresholds() != th {
		t.Errorf("derived: max words %d, max reasons %d, thresholds %+v; want 60, 0, %+v", derived.MaxWords(), derived.MaxReasons(), derived.Thresholds(), th)
	}
	if derived.Model() != def.Model() || derived.ModelSHA256() != def.ModelSHA256() {
		t.Error("the derived scorer does not share Default's model and its hash")
	}
	if r := derived.Score(articles[0]); !r.Truncated {
		t.Errorf("the derived scorer did not cut at 60 words: %+v", r)
	}
	// A second derivation from the derived scorer keeps what it does not set.
	if again := mustWith(t, derived, WithMaxWords(0)); again.MaxWords() != features.DefaultMaxWords || again.MaxReasons() != 0 || again.Thresholds() != th {
		t.Errorf("derived again: max words %d, max reasons %d, thresholds %+v", again.MaxWords(), again.MaxReasons(), again.Thresholds())
	}

	if Default() != def {
		t.Error("Default returned another scorer")
	}
	if def.MaxWords() != features.DefaultMaxWords || def.MaxReasons() != DefaultMaxReasons || def.Thresholds() != beforeThresholds {
		t.Errorf("deriving changed Default: max words %d, max reasons %d, thresholds %+v", def.MaxWords(), def.MaxReasons(), def.Thresholds())
	}
	for i, a := range articles {
		if got := encodeResult(t, def.Score(a)); !bytes.Equal(got, before[i]) {
			t.Errorf("%s: Default scores differently after deriving:\n%s\nwas\n%s", a.ID, got, before[i])
		}
	}
}

// TestOptionsApplyEverywhere checks that New, Load and Read take the same
// options, apply them in order (the last of two wins), and refuse an
// invalid one with an error and no scorer.
func TestOptionsApplyEverywhere(t *testing.T) {
	path := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(path, defaultModel, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []Option{WithMaxWords(500), WithMaxReasons(2), WithMaxWords(70), nil}
	newS, err := New(Default().Model(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	loadS, err := Load(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	readS, err := Read(bytes.NewReader(defaultModel), opts...)
	if err != nil {
		t.Fatal(err)
	}
	a := exampleArticle(t, "ad-injected-festival.txt")
	want := encodeResult(t, newS.Score(a))
	for name, s := range map[string]*Scorer{"New": newS, "Load": loadS, "Read": readS} {
		if s.MaxWords() != 70 || s.MaxReasons() != 2 {
			t.Errorf("%s: max words %d, max reasons %d; want 70, 2", name, s.MaxWords(), s.MaxReasons())
		}
		if got := encodeResult(t, s.Score(a)); !bytes.Equal(got, want) {
			t.Errorf("%s scores %s, New %s", name, got, want)
		}
	}
	if !strings.Contains(string(want), `"truncated":true`) {
		t.Errorf("a 70-word cap did not cut the article: %s", want)
	}

	bad := WithThresholds(model.Thresholds{Suspect: 0.9, Spam: 0.5})
	if s, err := Load(path, bad); err == nil || s != nil {
		t.Errorf("Load with bad thresholds = %v, %v; want an error", s, err)
	}
	if s, err := Read(bytes.NewReader(defaultModel), bad); err == nil || s != nil {
		t.Errorf("Read with bad thresholds = %v, %v; want an error", s, err)
	}
	if s, err := Default().With(WithMaxWords(10), bad); err == nil || s != nil {
		t.Errorf("With of a bad option after a good one = %v, %v; want an error", s, err)
	}
}

// TestSharedScorerUnderConcurrentDerivation checks that scoring with
// Default while other goroutines derive scorers from it gives the same
// results throughout (run it with -race to check for data races too).
func TestSharedScorerUnderConcurrentDerivation(t *testing.T) {
	def := Default()
	a := exampleArticle(t, "clean-council-budget.txt")
	want := encodeResult(t, def.Score(a))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for i := range 4 {
		wg.Go(func() {
			own, err := def.With(WithMaxWords(55+i), WithMaxReasons(i))
			if err != nil {
				errs <- err.Error()
				return
			}
			own.Score(a)
			if got, _ := json.Marshal(def.Score(a)); !bytes.Equal(got, want) {
				errs <- string(got)
			}
		})
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("Default scored %s while scorers were derived, want %s", got, want)
	}
}

// TestVerdictJSON checks that a Verdict encodes as its plain word, so the
// typed field leaves the JSON of a Result as it was, and that Judged
// agrees with Result.Judged.
func TestVerdictJSON(t *testing.T) {
	for _, v := range []Verdict{VerdictClean, VerdictSuspect, VerdictSpam, VerdictUnsupported, VerdictEmpty, VerdictTooShort, VerdictError} {
		b, err := json.Marshal(Result{Verdict: v})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"verdict":"`+string(v)+`"`) {
			t.Errorf("verdict %s encodes as %s", v, b)
		}
		if want := v == VerdictClean || v == VerdictSuspect || v == VerdictSpam; v.Judged() != want {
			t.Errorf("%s.Judged() = %v", v, v.Judged())
		}
	}
	for _, a := range []Article{exampleArticle(t, "ad-injected-festival.txt"), {ID: "short", Text: "Too short."}} {
		if r := Default().Score(a); r.Verdict.Judged() != r.Judged() {
			t.Errorf("%s: verdict %s judged %v, result judged %v", a.ID, r.Verdict, r.Verdict.Judged(), r.Judged())
		}
	}
	if got := Verdict(model.Thresholds{Suspect: 0.3, Spam: 0.6}.Verdict(0.7)); got != VerdictSpam {
		t.Errorf("the model's spam verdict is %q as a Verdict", got)
	}
}

// encodeResult returns the JSON of r.
func encodeResult(t testing.TB, r Result) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOptionsDoNotTouchResultShape checks, as a guard on With, that a
// derived scorer with the default settings given explicitly scores as
// Default does.
func TestOptionsDoNotTouchResultShape(t *testing.T) {
	explicit := mustWith(t, Default(), WithMaxWords(features.DefaultMaxWords), WithMaxReasons(DefaultMaxReasons), WithThresholds(Default().Thresholds()))
	a := exampleArticle(t, "ad-injected-festival.txt")
	if got, want := explicit.Score(a), Default().Score(a); !reflect.DeepEqual(got, want) {
		t.Errorf("the default settings given explicitly score %+v, Default %+v", got, want)
	}
}
