package server

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/model"
)

// The query parameters of POST /v1/score: the verdict cut-offs of one
// request, as quality numbers. An article is spam when its quality before
// rounding, 100 × (1 − spam_probability), is at or below spam_threshold,
// suspect when at or below suspect_threshold (see
// newsqual.QualityThresholds). Either left out keeps the service's.
const (
	paramSpamThreshold    = "spam_threshold"
	paramSuspectThreshold = "suspect_threshold"
)

// reasonBadParameter counts requests refused for their query.
const reasonBadParameter = "bad_parameter"

// requestScorer returns the scorer for a score request: the service's, or
// a copy with the thresholds its query asks for. A query that is not
// understood (an unknown parameter, one given twice, a value that is not a
// number, a cut-off out of range, a spam cut-off above the suspect one) is
// refused with 400, so that a typing slip never scores with the defaults
// unnoticed.
func (s *Server) requestScorer(r *http.Request) (*newsqual.Scorer, *apiError) {
	if r.URL.RawQuery == "" {
		return s.scorer, nil
	}
	bad := func(format string, a ...any) *apiError {
		return &apiError{status: http.StatusBadRequest, reason: reasonBadParameter, msg: fmt.Sprintf(format, a...)}
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, bad("the query cannot be parsed: %v", err)
	}
	given := map[string]*float64{paramSpamThreshold: nil, paramSuspectThreshold: nil}
	// In order, so that the first bad one named is always the same.
	for _, name := range slices.Sorted(maps.Keys(query)) {
		values := query[name]
		if _, ok := given[name]; !ok {
			return nil, bad("unknown query parameter %q: /v1/score takes %s and %s, quality cut-offs from 0 to 100", clip(name, 100), paramSpamThreshold, paramSuspectThreshold)
		}
		if len(values) != 1 {
			return nil, bad("%s is given %d times: give it once", name, len(values))
		}
		q, err := strconv.ParseFloat(values[0], 64)
		if err != nil {
			return nil, bad("%s=%q is not a number: want a quality cut-off above 0 and below 100", name, clip(values[0], 100))
		}
		if err := newsqual.CheckQualityCutoff(q); err != nil {
			return nil, bad("%s=%s: %v", name, values[0], err)
		}
		given[name] = &q
	}
	spam, suspect := given[paramSpamThreshold], given[paramSuspectThreshold]
	if spam == nil && suspect == nil {
		return s.scorer, nil
	}
	base := s.scorer.Thresholds()
	th, err := newsqual.OverrideThresholds(base, spam, suspect)
	if err != nil {
		name := func(param string, q *float64, own float64) string {
			if q != nil {
				return param + "=" + formatCutoff(*q)
			}
			return fmt.Sprintf("the service's %s %s (give %s too)", param, formatCutoff(newsqual.QualityCutoff(own)), param)
		}
		return nil, bad("%s is above %s: want the spam cut-off at or below the suspect one, as an article is suspect before it is spam",
			name(paramSpamThreshold, spam, base.Spam), name(paramSuspectThreshold, suspect, base.Suspect))
	}
	sc, err := s.scorer.With(newsqual.WithThresholds(th))
	if err != nil {
		return nil, bad("%v", err)
	}
	return sc, nil
}

// formatCutoff writes a quality cut-off as briefly as it reads back.
func formatCutoff(q float64) string { return strconv.FormatFloat(q, 'f', -1, 64) }

// thresholdsInfo is a pair of verdict thresholds in both forms: the spam
// probabilities from which an article is suspect or spam, and the quality
// cut-offs at or below which it is.
type thresholdsInfo struct {
	Suspect        float64 `json:"suspect"`
	Spam           float64 `json:"spam"`
	SuspectQuality float64 `json:"suspect_quality"`
	SpamQuality    float64 `json:"spam_quality"`
}

func newThresholdsInfo(t model.Thresholds) thresholdsInfo {
	return thresholdsInfo{
		Suspect:        t.Suspect,
		Spam:           t.Spam,
		SuspectQuality: newsqual.QualityCutoff(t.Suspect),
		SpamQuality:    newsqual.QualityCutoff(t.Spam),
	}
}
