package eval

import (
	"context"
	"errors"

	"github.com/newsqual/newsqual/eval/peers"
	"github.com/newsqual/newsqual/training"
)

// runPeers measures the peer scorers on the same examples and folds as the
// model: bogofilter (when installed) and golearn's Bernoulli naive Bayes.
// A peer that cannot run gives a row with a note saying why.
func runPeers(ctx context.Context, p *training.Prepared, opts Options) []Baseline {
	docs := make([]peers.Document, len(p.Examples))
	for i, e := range p.Examples {
		docs[i] = peers.Document{Text: e.Article.Text, Spam: e.Spam}
	}
	k := 0
	for _, f := range p.Fold {
		k = max(k, f+1)
	}
	ex := make([]Example, len(p.Examples))
	for i := range ex {
		ex[i] = Example{Spam: p.Spam[i]}
	}
	type peer struct {
		name string
		run  func() (peers.Result, error)
	}
	var out []Baseline
	for _, pr := range []peer{
		{"bogofilter", func() (peers.Result, error) { return peers.Bogofilter(ctx, docs, p.Fold, k) }},
		{"golearn Bernoulli naive Bayes", func() (peers.Result, error) { return peers.GolearnBernoulliNB(docs, p.Fold, k) }},
	} {
		opts.logf("peer %s: cross-validating on %d examples", pr.name, len(docs))
		res, err := pr.run()
		if err != nil {
			note := err.Error()
			if errors.Is(err, peers.ErrNotInstalled) {
				note = pr.name + " is not installed (eval/peers/install-bogofilter.sh installs it)"
			}
			out = append(out, Baseline{Name: pr.name, Note: note, Metrics: undefinedMetrics(Metrics{Articles: len(docs)})})
			continue
		}
		b := baseline(res.Name, ex, res.Scores, nil)
		b.Version, b.Note = res.Version, res.Note
		b.ArticlesPerSecond, b.MBPerSecond = Number(res.ArticlesPerSecond), Number(res.MBPerSecond)
		out = append(out, b)
	}
	return out
}
