package training

import (
	"math"
	"testing"

	"github.com/jbrukh/bayesian"
)

func TestTextModelEqualsBayesianClassifier(t *testing.T) {
	docs := [][]string{
		{"police", "said", "the", "suspect", "was", "arrested", "on", "monday"},
		{"the", "minister", "told", "reporters", "that", "talks", "would", "resume"},
		{"this", "underscores", "the", "pivotal", "need", "for", "meaningful", "dialogue"},
		{"amidst", "the", "complex", "web", "fostering", "peace", "underscores", "hope"},
		{"shares", "rose", "said", "analysts", "on", "tuesday"},
	}
	spam := []bool{false, false, true, true, false}
	tm := TrainTextModel(docs, spam, 1)

	nb := bayesian.NewClassifier(classClean, classSpam)
	for i, d := range docs {
		c := classClean
		if spam[i] {
			c = classSpam
		}
		nb.Learn(d, c)
	}
	for _, doc := range [][]string{
		{"the", "minister", "said"},
		{"underscores", "pivotal", "dialogue", "never-seen-token"},
		{},
	} {
		scores, _, _ := nb.LogScores(doc)
		want := scores[1] - scores[0]
		got := tm.LogOdds(doc)
		if math.Abs(got-want) > 1e-4 {
			t.Errorf("LogOdds(%v) = %v, classifier says %v", doc, got, want)
		}
	}
	if tm.Tokens["underscores"] <= 0 || tm.Tokens["said"] >= 0 {
		t.Errorf("ratios point the wrong way: underscores %v, said %v", tm.Tokens["underscores"], tm.Tokens["said"])
	}
}

func TestTextModelDropsRareTokens(t *testing.T) {
	docs := [][]string{{"a1", "common"}, {"common", "b1"}}
	tm := TrainTextModel(docs, []bool{false, true}, 2)
	if _, ok := tm.Tokens["a1"]; ok {
		t.Error("token seen once kept with minCount 2")
	}
	if _, ok := tm.Tokens["common"]; !ok {
		t.Error("token seen twice dropped")
	}
}
