// Package peers runs other spam scorers on the evaluation data, on the same
// cross-validation folds as newsqual, so that the report can compare them
// in the same run: bogofilter (an external Bayesian mail filter) and
// golearn's Bernoulli naive Bayes on a bag of words.
//
// Every peer returns one spam score in [0, 1] per document, aligned with
// the documents it was given, and the throughput of its scoring step
// measured in this run.
package peers

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotInstalled is wrapped by the error a peer returns when the program
// it runs is not installed, so that the caller can note the peer as missing
// instead of failing.
var ErrNotInstalled = errors.New("not installed")

// Document is one labelled article.
type Document struct {
	// Text is the article text (UTF-8).
	Text string
	// Spam is the label: true for spam, false for clean.
	Spam bool
}

// Result is what one peer measured.
type Result struct {
	// Name names the peer; Version its version as the peer reports it.
	Name    string
	Version string
	// Scores holds the spam score in [0, 1] of each document, in the order
	// of the documents given (out of fold in cross-validation).
	Scores []float64
	// ArticlesPerSecond and MBPerSecond are the throughput of the scoring
	// step alone (not training), over all folds; a megabyte is 10^6 bytes
	// of article text.
	ArticlesPerSecond float64
	MBPerSecond       float64
	// Note says how the scores were made and anything a reader of the
	// numbers should know.
	Note string
}

// checkFolds validates a fold assignment: one fold in [0, k) per document,
// and both classes in the training part of every fold that has documents
// to score.
func checkFolds(docs []Document, fold []int, k int) error {
	if len(fold) != len(docs) {
		return fmt.Errorf("%d fold numbers for %d documents", len(fold), len(docs))
	}
	if k < 2 {
		return fmt.Errorf("%d folds: need at least 2", k)
	}
	var spam, clean int
	testSpam := make([]int, k)
	testClean := make([]int, k)
	for i, f := range fold {
		if f < 0 || f >= k {
			return fmt.Errorf("document %d: fold %d outside [0, %d)", i, f, k)
		}
		if docs[i].Spam {
			spam++
			testSpam[f]++
		} else {
			clean++
			testClean[f]++
		}
	}
	for f := 0; f < k; f++ {
		if testSpam[f]+testClean[f] == 0 {
			continue
		}
		if err := checkClasses(spam-testSpam[f], clean-testClean[f]); err != nil {
			return fmt.Errorf("fold %d: training part: %w", f, err)
		}
	}
	return nil
}

// checkClasses reports an error unless training has both classes.
func checkClasses(spam, clean int) error {
	if spam == 0 || clean == 0 {
		return fmt.Errorf("%d spam and %d clean documents: need both classes", spam, clean)
	}
	return nil
}

// setThroughput fills the throughput of a result from the number of
// articles and bytes scored in the time taken.
func setThroughput(r *Result, articles, bytes int, took time.Duration) {
	sec := took.Seconds()
	if sec <= 0 {
		return
	}
	r.ArticlesPerSecond = float64(articles) / sec
	r.MBPerSecond = float64(bytes) / 1e6 / sec
}

// saturated counts the scores that are exactly 0 or 1, which tie with
// each other and so carry no ranking within their class.
func saturated(scores []float64) int {
	n := 0
	for _, s := range scores {
		if s == 0 || s == 1 {
			n++
		}
	}
	return n
}
