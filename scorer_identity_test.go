package newsqual

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newsqual/newsqual/model"
)

// TestScorerModelSHA256 checks that a Scorer names its model by the hash
// of the file it read: the embedded file for Default, the file on disk
// for Load (even when its bytes differ from what model.Write would give),
// and the encoding of the model for New.
func TestScorerModelSHA256(t *testing.T) {
	sum := func(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }
	def := Default()
	if got, want := def.ModelSHA256(), sum(defaultModel); got != want {
		t.Errorf("Default().ModelSHA256() = %s, want the embedded file's %s", got, want)
	}
	encoded, err := ModelSHA256(def.Model())
	if err != nil {
		t.Fatal(err)
	}
	if got := mustNew(t, def.Model()).ModelSHA256(); got != encoded {
		t.Errorf("New(m).ModelSHA256() = %s, want ModelSHA256(m) %s", got, encoded)
	}
	// A model file with a trailing blank line is the same model in a
	// different file: its own hash names it.
	edited := append(bytes.Clone(defaultModel), '\n', '\n')
	path := filepath.Join(t.TempDir(), "edited.json")
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.ModelSHA256(), sum(edited); got != want || got == def.ModelSHA256() {
		t.Errorf("Load(edited).ModelSHA256() = %s, want the file's %s (not the embedded %s)", got, want, def.ModelSHA256())
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("Load of a missing file: no error")
	}
}

// TestMaxReasons checks that the cap on reasons is DefaultMaxReasons,
// and that WithMaxReasons(0) lifts it without changing the score.
func TestMaxReasons(t *testing.T) {
	text, err := os.ReadFile("testdata/examples/ad-injected-festival.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := Article{ID: "a", Text: string(text)}
	capped := Default().Score(a)
	all := mustWith(t, Default(), WithMaxReasons(0)).Score(a)
	if len(capped.Reasons) != DefaultMaxReasons {
		t.Fatalf("%d reasons by default, want %d (pick an article with more)", len(capped.Reasons), DefaultMaxReasons)
	}
	if len(all.Reasons) <= len(capped.Reasons) {
		t.Errorf("WithMaxReasons(0): %d reasons, want more than the %d capped", len(all.Reasons), len(capped.Reasons))
	}
	for _, r := range all.Reasons {
		if w := r.Weight; w > -model.MinContribution && w < model.MinContribution {
			t.Errorf("reason %s of weight %v kept, below %v", r.Signal, w, model.MinContribution)
		}
	}
	if *all.Quality != *capped.Quality || all.Verdict != capped.Verdict {
		t.Errorf("the cap changed the score: %d %s vs %d %s", *all.Quality, all.Verdict, *capped.Quality, capped.Verdict)
	}
	// A cap of 3 keeps the strongest toward spam and the two strongest
	// toward clean.
	if got := mustWith(t, Default(), WithMaxReasons(3)).Score(a); len(got.Reasons) != 3 || !reflect.DeepEqual(got.Reasons, []Reason{capped.Reasons[0], capped.Reasons[8], capped.Reasons[9]}) {
		t.Errorf("WithMaxReasons(3): reasons %+v, want the 1st, 9th and 10th of %+v", got.Reasons, capped.Reasons)
	}
}

// TestTruncatedAtWordCap checks that an article cut at the scorer's word
// cap says so in Result.Truncated, as one cut by the reader does.
func TestTruncatedAtWordCap(t *testing.T) {
	text, err := os.ReadFile("testdata/examples/clean-port-strike.txt")
	if err != nil {
		t.Fatal(err)
	}
	if r := Default().Score(Article{ID: "a", Text: string(text)}); r.Truncated {
		t.Fatal("a whole article is marked truncated")
	}
	if r := mustWith(t, Default(), WithMaxWords(60)).Score(Article{ID: "a", Text: string(text)}); !r.Truncated {
		t.Errorf("an article cut at 60 words is not marked truncated: %+v", r.Reasons)
	}
}

// TestEveryReasonCapHolds checks that each cap from 1 to 12 gives at most
// that many weighed reasons: a cap of 1 once cut a slice at -1, as the two
// pulls toward clean it keeps were more than the cap.
func TestEveryReasonCapHolds(t *testing.T) {
	text, err := os.ReadFile("testdata/examples/ad-injected-festival.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := Article{ID: "a", Text: string(text)}
	all := mustWith(t, Default(), WithMaxReasons(0)).Score(a).Reasons
	for n := 1; n <= 12; n++ {
		s := mustWith(t, Default(), WithMaxReasons(n))
		if got, want := len(s.Score(a).Reasons), min(n, len(all)); got != want {
			t.Errorf("WithMaxReasons(%d): %d reasons, want %d", n, got, want)
		}
	}
}
