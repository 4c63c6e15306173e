// Package wire defines the JSON form of scored articles that the command
// line writes and the service answers with, so that both speak the same
// shape and tools reading one can read the other.
package wire

import (
	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// Result is the JSON form of a scored article: exactly these fields. URL
// and Source are the article's own metadata, kept so that results can be
// grouped by site later without scoring again; they are left out when the
// input had none. Quality and SpamProbability are null when the article
// was not judged (the verdicts empty, too_short and unsupported), never 0.
type Result struct {
	ID              string            `json:"id"`
	URL             string            `json:"url,omitempty"`
	Source          string            `json:"source,omitempty"`
	Quality         *int              `json:"quality"`
	SpamProbability *float64          `json:"spam_probability"`
	Verdict         string            `json:"verdict"`
	Reasons         []newsqual.Reason `json:"reasons"`
	// Error is set, with the verdict "error", when the scorer could not
	// score the article (newsqual.VerdictError); left out otherwise.
	Error string `json:"error,omitempty"`
}

// Failure is the JSON form of an input that could not be scored.
type Failure struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// FromResult returns the JSON form of r, scored from article a.
func FromResult(a corpus.Article, r newsqual.Result) Result {
	return Result{
		ID:              r.ID,
		URL:             a.URL,
		Source:          a.Source,
		Quality:         r.Quality,
		SpamProbability: r.SpamProbability,
		Verdict:         r.Verdict,
		Reasons:         r.Reasons,
		Error:           r.Error,
	}
}
