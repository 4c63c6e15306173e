package newsqual

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/newsqual/newsqual/features"
)

// FuzzScore checks that any article gets a result within bounds, with a
// known verdict and reasons that have messages, and the same result twice.
func FuzzScore(f *testing.F) {
	for _, s := range []string{"", "\x00\x01", "Buy Now\n$20.00", "Le gouvernement a annoncé mardi une réforme.", "日本語のテキストです。"} {
		f.Add("", s)
	}
	matches, _ := filepath.Glob(filepath.Join("..", "shared", "seeds", "*.txt"))
	for _, m := range matches {
		if b, err := os.ReadFile(m); err == nil {
			f.Add("", string(b))
		}
	}
	s := Default()
	// verdicts maps each verdict to whether it comes with a score.
	verdicts := map[Verdict]bool{VerdictClean: true, VerdictSuspect: true, VerdictSpam: true,
		VerdictUnsupported: false, VerdictEmpty: false, VerdictTooShort: false}
	f.Fuzz(func(t *testing.T, title, text string) {
		r := s.Score(Article{ID: "f", Title: title, Text: text})
		judged, known := verdicts[r.Verdict]
		if !known || (r.Quality == nil) != (r.SpamProbability == nil) || r.Judged() != judged {
			t.Fatalf("verdict %s with quality %v and spam probability %v: %+v", r.Verdict, r.Quality, r.SpamProbability, r)
		}
		if judged && (*r.Quality < 0 || *r.Quality > 100 || !(*r.SpamProbability > 0 && *r.SpamProbability < 1)) {
			t.Fatalf("result out of bounds: quality %d, spam probability %v", *r.Quality, *r.SpamProbability)
		}
		words := features.NewDocument(title, text).WordCount()
		if wantShort := words > 0 && words < MinWords; (r.Verdict == VerdictTooShort) != wantShort || (r.Verdict == VerdictEmpty) != (words == 0) {
			t.Fatalf("%d words: verdict %s", words, r.Verdict)
		}
		for _, reason := range r.Reasons {
			if reason.Signal == "" || reason.Message == "" {
				t.Fatalf("reason without signal or message: %+v", reason)
			}
		}
		if again := s.Score(Article{ID: "f", Title: title, Text: text}); !reflect.DeepEqual(r, again) {
			t.Fatal("two scores of the same article differ")
		}
	})
}
