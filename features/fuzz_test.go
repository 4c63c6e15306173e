package features

import (
	"math"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// addSeeds adds the seed articles (when ../shared is there) and tricky
// cases to a fuzzer's corpus.
func addSeeds(f *testing.F, add func(string)) {
	for _, s := range []string{
		"", " ", "\n\n\n", "\u200b", "B\u200buy N\u200bow\n$20.00 $17.00\n",
		"Hamas rejects US Hamas rejects US Hamas rejects US Hamas rejects US Hamas rejects US Hamas rejects US",
		"Leave a Reply\nYour email address will not be published. Required fields are marked *",
		"Вuy Nоw", "مرحبا بالعالم. هذا نص عربي.", "这是一个中文句子。这是另一个句子。", "\xff\xfe\x00a\x00b",
		"U.S. Mr. Dr. e.g. i.e. ... !!! ??? “quoted” ‘single’ «angle»", "a\rb\r\nc",
		"Ｂｕｙ　ｎｏｗ，ｆａｓｔ．ｂｉｚ 𝐁𝐞𝐬𝐭 Ⓒⓐⓢⓘⓝⓞ ™ ⑩ \u202emoc.tsaf\u202c \u202e(nepo", "会晴吗？\u3000ｘ？",
		// A phrase spun through synonyms, for the rotated-phrase check.
		insertForms(inventedArticle, spunFlights, 11),
	} {
		add(s)
	}
	matches, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	for _, m := range matches {
		if b, err := os.ReadFile(m); err == nil {
			add(string(b))
		}
	}
}

// FuzzExtract checks that any text gives every signal, each with a finite
// value and well-formed evidence, and the same result twice.
func FuzzExtract(f *testing.F) {
	addSeeds(f, func(s string) { f.Add("", s) })
	f.Fuzz(func(t *testing.T, title, text string) {
		sig := Extract(title, text)
		if len(sig) != len(Names()) {
			t.Fatalf("%d signals, want %d", len(sig), len(Names()))
		}
		for i, s := range sig {
			if s.Name != Names()[i] {
				t.Fatalf("signal %d is %s, want %s", i, s.Name, Names()[i])
			}
			if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
				t.Fatalf("%s = %v", s.Name, s.Value)
			}
			for _, e := range s.Evidence {
				if e.Count < 1 || !utf8.ValidString(e.Text) {
					t.Fatalf("%s evidence %+v", s.Name, e)
				}
			}
		}
		again := Extract(title, text)
		for i := range sig {
			if sig[i].Value != again[i].Value || sig[i].Fired != again[i].Fired || sig[i].Message != again[i].Message {
				t.Fatalf("%s differs between two runs", sig[i].Name)
			}
		}
	})
}

// FuzzNormalize checks that Normalize gives valid UTF-8 with no invisible,
// override or variant character left to fold, and that normalising again
// changes nothing.
func FuzzNormalize(f *testing.F) {
	addSeeds(f, func(s string) { f.Add(s) })
	f.Fuzz(func(t *testing.T, text string) {
		got := Normalize(text)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", text, got)
		}
		if invisible, _ := disguises(got); invisible {
			t.Fatalf("Normalize(%q) = %q keeps an invisible character", text, got)
		}
		if again := Normalize(got); again != got {
			t.Fatalf("Normalize is not idempotent on %q: %q, then %q", text, got, again)
		}
	})
}
