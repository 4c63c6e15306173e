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
	// article is the scored article's metadata; its text is kept only
	// when the output needs it (--with-text, --format html).
	article corpus.Article
	// withText puts the article's text into the JSON record.
	withText bool
	err      string
	// id names a failed input: its own id when it could be read, else its
	// place (FILE:LINE, or the path).
	id string
	// model is the hex SHA-256 of the model that scored the article.
	model string
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
		return wire.NewFailure(r.id, r.err)
	}
	out := wire.FromResult(r.article, r.result, r.model)
	if r.withText {
		out.Text = r.article.Text
	}
	return out
}

// scoreItem scores an article item, or turns a failed item into an error
// record. Skipped items never reach it. A failed record keeps its own id
// when the reader could read it; its error names its place all the same.
//
// keepText keeps the article's text in the record, for the outputs that
// show it; without it the text is dropped as soon as it is scored.
func scoreItem(s *newsqual.Scorer, modelSHA string, it corpus.Item, keepText bool) record {
	if it.Err != nil {
		id := it.ID
		if id == "" {
			id = it.Where()
		}
		return record{id: id, err: it.Err.Error()}
	}
	a := it.Article
	if a.ID == "" {
		a.ID = it.Where()
	}
	r := s.Score(a)
	if r.Verdict == newsqual.VerdictError {
		// No score to print or gate on: the run must say it failed.
		msg := r.ID + ": " + r.Error
		if where := it.Where(); where != r.ID {
			msg = where + ": " + msg
		}
		return record{id: a.ID, err: msg}
	}
	if !keepText {
		a.Text = ""
	}
	return record{result: r, article: a, model: modelSHA}
}
