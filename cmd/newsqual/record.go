package main

import (
	"github.com/newsqual/newsqual"
	"github.com/newsqual/newsqual/corpus"
	"github.com/newsqual/newsqual/internal/wire"
)

// record is one line of output: an article's result, or the error that
// kept it from being scored.
type record struct {
	result newsqual.Result
	// article is the scored article's metadata (its text is dropped).
	article corpus.Article
	err     string
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

func (r record) json() any {
	if r.failed() {
		return wire.Failure{ID: r.id, Error: r.err}
	}
	return wire.FromResult(r.article, r.result)
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
	r := s.Score(a)
	if r.Verdict == newsqual.VerdictError {
		// No score to print or gate on: the run must say it failed.
		return record{id: a.ID, err: r.ID + ": " + r.Error}
	}
	a.Text = ""
	return record{result: r, article: a}
}
