package main

import (
	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
)

// record is one line of output: an article's result, or the error that
// kept it from being scored.
type record struct {
	result newsqual.Result
	err    string
	// id names a failed input (its path and line).
	id string
}

func (r record) failed() bool { return r.err != "" }

func (r record) ID() string {
	if r.failed() {
		return r.id
	}
	return r.result.ID
}

// jsonRecord is the JSON form of a scored article: exactly these fields.
type jsonRecord struct {
	ID              string            `json:"id"`
	Quality         int               `json:"quality"`
	SpamProbability float64           `json:"spam_probability"`
	Verdict         string            `json:"verdict"`
	Reasons         []newsqual.Reason `json:"reasons"`
}

// jsonError is the JSON form of an input that could not be scored.
type jsonError struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

func (r record) json() any {
	if r.failed() {
		return jsonError{ID: r.id, Error: r.err}
	}
	return jsonRecord{
		ID:              r.result.ID,
		Quality:         r.result.Quality,
		SpamProbability: r.result.SpamProbability,
		Verdict:         r.result.Verdict,
		Reasons:         r.result.Reasons,
	}
}

// scoreItem scores an article item, or turns a failed item into an error
// record. Skipped items never reach it.
func scoreItem(s *newsqual.Scorer, it corpus.Item) record {
	if it.Err != nil {
		return record{id: it.Where(), err: it.Err.Error()}
	}
	a := it.Article
	if a.ID == "" {
		a.ID = it.Where()
	}
	return record{result: s.Score(a)}
}
