package main

import (
	"fmt"
	"io"

	"github.com/newsqual/newsqual/annotate"
)

// htmlWriter gathers the records and writes them, on Close, as one
// annotated page (package annotate): the articles worst first, their text
// with the evidence highlighted, and the inputs that failed at the end.
// The page can only be written once every article is scored, as it is
// sorted.
type htmlWriter struct {
	w        io.Writer
	articles []annotate.Article
	failures []annotate.Failure
	model    string
}

func newHTMLWriter(w io.Writer) *htmlWriter { return &htmlWriter{w: w} }

func (w *htmlWriter) Write(r record) error {
	if r.failed() {
		w.failures = append(w.failures, annotate.Failure{ID: r.id, Error: r.err})
		return nil
	}
	w.model = r.model
	w.articles = append(w.articles, annotate.Article{
		Result: r.result,
		Title:  r.article.Title,
		URL:    r.article.URL,
		Text:   r.article.Text,
	})
	return nil
}

func (w *htmlWriter) Close() error {
	page := annotate.Page{
		Title:    fmt.Sprintf("newsqual: %d %s, worst first", len(w.articles), plural(len(w.articles), "article", "articles")),
		Failures: w.failures,
	}
	if w.model != "" {
		page.Note = fmt.Sprintf("model %s; %d %s not scored", w.model, len(w.failures), plural(len(w.failures), "input", "inputs"))
	}
	return annotate.Write(w.w, page, w.articles)
}
