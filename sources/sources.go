// Package sources rates the sites that articles come from, from the
// articles' scores: which sources keep producing junk.
//
// Articles are grouped by Key (the registrable domain of their URL, else
// their source field, else their folder). Each source's Accumulator sums
// up its articles in bounded memory: verdict counts, a quality histogram,
// and the signals behind its flagged articles with a few examples. Its
// Report gives the mean and median quality, the spam and suspect shares,
// and a smoothed rating with a credible interval (see Options), so a site
// with one or two articles never gets an extreme rating.
//
//	var all sources.Sources
//	for _, a := range articles {
//		all.Add(sources.Key(a, "", ""), a, scorer.Score(a))
//	}
//	for _, r := range all.Reports(sources.DefaultOptions()) {
//		fmt.Println(r.Rating, r.Verdict, r.Source)
//	}
//
// Accumulators merge in any order with the same result, so the same
// aggregation can run spread over many workers (e.g. as a Beam
// CombinePerKey keyed by Key).
package sources

import (
	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// Sources aggregates scored articles by source in one process. The zero
// value is ready to use. It is not safe for concurrent use.
type Sources struct {
	bySource map[string]*Accumulator
}

// Add counts a scored article under the source key.
func (s *Sources) Add(key string, a corpus.Article, r newsqual.Result) {
	s.accumulator(key).Add(a, r)
}

// Merge adds every source of other into s; other is left as it was.
func (s *Sources) Merge(other *Sources) {
	if other == nil {
		return
	}
	for key, acc := range other.bySource {
		s.accumulator(key).Merge(acc)
	}
}

// Len is the number of sources seen.
func (s *Sources) Len() int { return len(s.bySource) }

// Accumulator returns the accumulator of a source, or nil when no article
// of it was added. The caller must not modify it.
func (s *Sources) Accumulator(key string) *Accumulator { return s.bySource[key] }

// Reports returns the report of every source, worst first (see Sort).
// opts must be valid (see Options.Validate).
func (s *Sources) Reports(opts Options) []Report {
	out := make([]Report, 0, len(s.bySource))
	for key, acc := range s.bySource {
		out = append(out, acc.Report(key, opts))
	}
	Sort(out)
	return out
}

func (s *Sources) accumulator(key string) *Accumulator {
	if s.bySource == nil {
		s.bySource = make(map[string]*Accumulator)
	}
	acc := s.bySource[key]
	if acc == nil {
		acc = &Accumulator{}
		s.bySource[key] = acc
	}
	return acc
}
