package model_test

import (
	"math"
	"testing"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/features"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/model"
)

// TestScanEqualsScoreOfFeatureCounts checks that scoring a document by
// the numbers the walk gives its features (word hashes, n-gram codes), as
// Scan does, gives what scoring its feature keys gives, on real articles.
func TestScanEqualsScoreOfFeatureCounts(t *testing.T) {
	tm := newsqual.Default().Model().Text
	texts := []string{"Price rose 4.5% to $20.00 in 2024; the U.S.'s firm said \u201cno\u201d \u2014 again\u2026"}
	for _, f := range []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl", "news-outlets.jsonl"} {
		for _, r := range shareddata.Records(t, f, 100, nil) {
			texts = append(texts, r.Text)
		}
	}
	for _, text := range texts {
		d := features.NewDocument("", text)
		got := tm.Scan(d)
		want := tm.Score(model.FeatureCounts(d))
		if math.Abs(got.Score-want) > 1e-9 {
			t.Fatalf("Scan = %v, Score(FeatureCounts) = %v for %.60q", got.Score, want, text)
		}
	}
}
