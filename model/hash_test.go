package model_test

import (
	"reflect"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/model"
)

// TestScoreWordsEqualsScoreOfTokens checks that scoring words by hash, and
// ranking their telling tokens, gives exactly what the token strings give,
// on real articles.
func TestScoreWordsEqualsScoreOfTokens(t *testing.T) {
	tm := newsqual.Default().Model().Text
	texts := []string{"Price rose 4.5% to $20.00 in 2024; the U.S.'s firm said."}
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl"} {
		for _, r := range shareddata.Records(t, f, 200, nil) {
			texts = append(texts, r.Text)
		}
	}
	for _, text := range texts {
		d := features.NewDocument("", text)
		tokens := model.Tokens(d)
		wantMean, wantN := tm.Score(tokens)
		gotMean, gotN := tm.ScoreWords(d.Words)
		if gotMean != wantMean || gotN != wantN {
			t.Fatalf("ScoreWords = %v/%d, Score(Tokens) = %v/%d for %.60q", gotMean, gotN, wantMean, wantN, text)
		}
		for _, sign := range []float64{1, -1} {
			if got, want := tm.Scan(d.Words).Strongest(sign, 8), tm.Strongest(tokens, sign, 8); !reflect.DeepEqual(got, want) {
				t.Fatalf("Scan(words).Strongest = %v, Strongest(tokens) = %v", got, want)
			}
		}
	}
}
