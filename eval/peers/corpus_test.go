package peers

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/shareddata"
	"github.com/newsqual/newsqual/metrics"
	"github.com/newsqual/newsqual/training"
)

// corpusFiles are the labelled files of the shared corpus the peers run on.
var corpusFiles = []string{"bbc-news.jsonl", "reuters-21578.jsonl", "xsum-human-vs-llm.jsonl", "templates.jsonl"}

// corpusDocuments reads the shared labelled corpus with five folds that
// keep each group (an original and its rewrites) together.
func corpusDocuments(t *testing.T) ([]Document, []int) {
	t.Helper()
	var paths []string
	for _, name := range corpusFiles {
		paths = append(paths, shareddata.Path(t, "corpus", name))
	}
	articles, problems := corpus.Labelled(paths, corpus.Options{})
	for _, p := range problems {
		if p.Err != nil {
			t.Fatalf("%s: %v", p.Where(), p.Err)
		}
	}
	docs := make([]Document, len(articles))
	groups := make([]string, len(articles))
	for i, a := range articles {
		docs[i] = Document{Text: a.Text, Spam: a.Label == corpus.LabelSpam}
		groups[i] = a.Group
		if groups[i] == "" {
			groups[i] = a.ID
		}
	}
	return docs, training.Folds(groups, 5, 1)
}

func TestPeersOnCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every peer on the whole shared corpus; skipped in -short mode")
	}
	docs, fold := corpusDocuments(t)
	y := labels(docs)
	var spam int
	for _, s := range y {
		if s {
			spam++
		}
	}
	t.Logf("%d articles (%d spam), 5 folds by group", len(docs), spam)

	peers := []struct {
		name string
		run  func() (Result, error)
	}{
		{"bogofilter", func() (Result, error) { return Bogofilter(context.Background(), docs, fold, 5) }},
		{"golearn", func() (Result, error) { return GolearnBernoulliNB(docs, fold, 5) }},
	}
	for _, p := range peers {
		t.Run(p.name, func(t *testing.T) {
			start := time.Now()
			r, err := p.run()
			if errors.Is(err, ErrNotInstalled) {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Scores) != len(docs) {
				t.Fatalf("%d scores for %d articles", len(r.Scores), len(docs))
			}
			auc := metrics.AUROC(r.Scores, y)
			t.Logf("%s %s: AUROC %.4f, average precision %.4f, %.0f articles/s, %.2f MB/s scoring; whole run %s",
				r.Name, r.Version, auc, metrics.AveragePrecision(r.Scores, y),
				r.ArticlesPerSecond, r.MBPerSecond, time.Since(start).Round(time.Millisecond))
			t.Logf("note: %s", r.Note)

			// At 0.5, golearn's own precision, recall and F1 agree with the
			// metrics package's on real predictions.
			c := metrics.At(r.Scores, y, 0.5)
			predicted := make([]bool, len(r.Scores))
			for i, s := range r.Scores {
				predicted[i] = s >= 0.5
			}
			precision, recall, f1, err := GolearnConfusion(y, predicted)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("at 0.5: TP %d, FP %d, FN %d, TN %d; precision %.4f, recall %.4f, F1 %.4f",
				c.TP, c.FP, c.FN, c.TN, precision, recall, f1)
			if !same(precision, c.Precision()) || !same(recall, c.Recall()) || !same(f1, c.F1()) {
				t.Errorf("golearn precision %v, recall %v, F1 %v; metrics %v, %v, %v",
					precision, recall, f1, c.Precision(), c.Recall(), c.F1())
			}
			// Both are word-based classifiers on data whose classes differ
			// in vocabulary; far below this would mean misaligned scores.
			if !(auc > 0.75) {
				t.Errorf("AUROC %.4f, want > 0.75", auc)
			}
		})
	}
}
