package training

import (
	"math"
	"sort"

	"github.com/jbrukh/bayesian"

	"github.com/newsqual/newsqual/model"
)

// The naive Bayes classes.
const (
	classClean bayesian.Class = "clean"
	classSpam  bayesian.Class = "spam"
)

// TrainTextModel learns a naive Bayes classifier (github.com/jbrukh/bayesian,
// Laplace-smoothed word frequencies) on tokenised documents and exports it as
// a model.TextModel: the per-token log-likelihood ratios the classifier
// would use. Tokens seen fewer than minCount times in all documents are
// dropped from the table and score like unseen tokens, which keeps the model
// small; with minCount 1 the exported model's LogOdds equal the classifier's.
func TrainTextModel(docs [][]string, spam []bool, minCount int) *model.TextModel {
	nb := bayesian.NewClassifier(classClean, classSpam)
	counts := make(map[string]int)
	for i, doc := range docs {
		class := classClean
		if spam[i] {
			class = classSpam
		}
		nb.Learn(doc, class)
		for _, t := range doc {
			counts[t]++
		}
	}
	vocab := make([]string, 0, len(counts))
	for t, c := range counts {
		if c >= minCount {
			vocab = append(vocab, t)
		}
	}
	sort.Strings(vocab)
	// The classifier's smoothed P(token|class) for every kept token, and for
	// a token no document holds.
	probs := nb.WordFrequencies(append(vocab, "\x00unseen"))
	clean, spamP := probs[0], probs[1]
	tm := &model.TextModel{Tokens: make(map[string]float64, len(vocab))}
	for i, t := range vocab {
		tm.Tokens[t] = round(math.Log(spamP[i]) - math.Log(clean[i]))
	}
	n := len(vocab)
	tm.UnseenLogRatio = round(math.Log(spamP[n]) - math.Log(clean[n]))
	priors, _, _ := nb.LogScores(nil)
	tm.PriorLogOdds = round(priors[1] - priors[0])
	return tm
}

// round keeps six significant decimals, so model files stay small and
// readable; the loss of precision is far below the model's error.
func round(x float64) float64 { return math.Round(x*1e6) / 1e6 }
